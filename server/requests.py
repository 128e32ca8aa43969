"""Validation of chat requests arriving over HTTP. Pure Python (no Rasa import)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ChatRequest:
    sender: str
    message: str
    metadata: dict[str, Any] | None


class BadRequest(ValueError):
    """The request body is not a chat message; the text is shown to the caller."""


MAX_SENDER_CHARS = 128


def parse(body: Any) -> ChatRequest:
    """Check the JSON body of a webhook call: {"sender": str, "message": str, "metadata"?: object}."""
    if not isinstance(body, dict):
        raise BadRequest('Send a JSON object like {"sender": "some-id", "message": "your question"}.')
    sender, message, metadata = body.get("sender"), body.get("message"), body.get("metadata")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        raise BadRequest(f'"sender" must be a non-empty text of at most {MAX_SENDER_CHARS} characters.')
    if not isinstance(message, str):
        raise BadRequest('"message" must be a text.')
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest('"metadata" must be a JSON object when given.')
    try:
        message.encode("utf-8")
    except UnicodeEncodeError as err:  # e.g. a lone surrogate escape such as "\ud800"
        raise BadRequest('"message" must be valid Unicode text.') from err
    return ChatRequest(sender=sender.strip(), message=visible(message), metadata=metadata)


def visible(text: str) -> str:
    """The text without control and invisible format characters (NUL, zero-width space...), stripped."""
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf")).strip()
