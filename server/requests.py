"""Validation of chat requests arriving over HTTP. Pure Python (no Rasa import)."""

from __future__ import annotations

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
    return ChatRequest(sender=sender.strip(), message=message.replace("\x00", "").strip(), metadata=metadata)
