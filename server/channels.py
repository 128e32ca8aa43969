"""Input channels for the public chat endpoints (configured in credentials.yml).

SafeRestInput keeps Rasa's REST URL (/webhooks/rest/webhook) but answers every request:
malformed bodies get a 400 with a readable message, empty and over-long messages get a
reply without reaching the model, and a turn that fails or takes too long gets the
trouble reply with the Safety Center phone number instead of silence.
SafeSocketIOInput is Rasa's socket.io channel with the Origin header checked and the
same message checks and trouble reply.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions import answers, knowledge
from server import action_guard, requests
from server.origins import allowed_origins

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 1000


def refusal(message: str, max_message_chars: int) -> str | None:
    """The reply to a message the model should not see (empty or over-long), else None."""
    if not message.strip():
        return "Please type a question about school safety officers."
    if len(message) > max_message_chars:
        return (
            f"Your message is {len(message):,} characters long; please keep it under "
            f"{max_message_chars:,} characters and ask one question at a time."
        )
    return None


class SafeRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SafeRestInput:
        credentials = credentials or {}
        return cls(
            knowledge_base=credentials.get("knowledge_base", knowledge.DEFAULT_PATH),
            max_message_chars=int(credentials.get("max_message_chars", MAX_MESSAGE_CHARS)),
            reply_timeout_seconds=float(credentials.get("reply_timeout_seconds", 2.8)),
            action_timeout_seconds=float(credentials.get("action_timeout_seconds", 2.0)),
        )

    def __init__(
        self,
        knowledge_base: str | Path = knowledge.DEFAULT_PATH,
        max_message_chars: int = MAX_MESSAGE_CHARS,
        reply_timeout_seconds: float = 2.8,
        action_timeout_seconds: float = 2.0,
    ) -> None:
        # Loading here makes a missing or broken knowledge base stop the server at start-up.
        self.kb = knowledge.load(knowledge_base)
        self.max_message_chars = max_message_chars
        self.reply_timeout_seconds = reply_timeout_seconds
        action_guard.install(answers.trouble(self.kb), action_timeout_seconds)

    def _reply(self, sender: str, text: str, status: int = 200) -> HTTPResponse:
        return response.json([{"recipient_id": sender, "text": text}], status=status)

    async def handle(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        try:
            body = request.json
        except Exception:  # noqa: BLE001 - sanic raises its own error types for bad JSON
            body = None
        try:
            chat = requests.parse(body)
        except requests.BadRequest as err:
            return self._reply("", str(err), status=400)
        refused = refusal(chat.message, self.max_message_chars)
        if refused:
            return self._reply(chat.sender, refused)
        collector = CollectingOutputChannel()
        turn = asyncio.ensure_future(
            on_new_message(
                UserMessage(chat.message, collector, chat.sender, input_channel="rest", metadata=chat.metadata)
            )
        )
        try:
            # shield: a slow turn keeps running (and is stored) after we have replied.
            await asyncio.wait_for(asyncio.shield(turn), self.reply_timeout_seconds)
        except asyncio.TimeoutError:
            logger.error("A turn took longer than %.1f s; sent the trouble reply.", self.reply_timeout_seconds)
            return response.json([*collector.messages, {"recipient_id": chat.sender, "text": answers.trouble(self.kb)}])
        except Exception as err:  # noqa: BLE001 - the user must get a reply whatever failed
            logger.error("A turn failed (%s); sent the trouble reply.", type(err).__name__)
        if not collector.messages:
            return self._reply(chat.sender, answers.trouble(self.kb))
        return response.json(collector.messages)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("safe_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.handle(request, on_new_message)

        return webhook


class SafeSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel, accepting connections only from the allowed origins."""

    allowed_origins: list[str] = []
    max_message_chars: int = MAX_MESSAGE_CHARS
    trouble: str = ""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SafeSocketIOInput:
        credentials = dict(credentials or {})
        settings_file = credentials.pop("settings", "web/settings.yml")
        kb = knowledge.load(credentials.pop("knowledge_base", knowledge.DEFAULT_PATH))
        max_message_chars = int(credentials.pop("max_message_chars", MAX_MESSAGE_CHARS))
        channel = super().from_credentials(credentials)
        channel.allowed_origins = allowed_origins(settings_file)
        channel.max_message_chars = max_message_chars
        channel.trouble = answers.trouble(kb)
        return channel  # type: ignore[return-value]

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def checked(message: UserMessage) -> None:
            refused = refusal(message.text or "", self.max_message_chars)
            if refused:
                await message.output_channel.send_text_message(message.sender_id, refused)
                return
            try:
                await on_new_message(message)
            except Exception as err:  # noqa: BLE001 - the user must get a reply whatever failed
                logger.error("A socket.io turn failed (%s); sent the trouble reply.", type(err).__name__)
                await message.output_channel.send_text_message(message.sender_id, self.trouble)

        socketio_webhook = super().blueprint(checked)
        # Rasa creates the server with cors_allowed_origins=[], which disables the check.
        self.sio.eio.cors_allowed_origins = self.allowed_origins  # type: ignore[union-attr]
        return socketio_webhook
