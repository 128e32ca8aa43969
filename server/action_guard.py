"""Never leave a user without a reply when the action server is down, slow or erroring.

Rasa 3.6 waits up to 300 s for a custom action and, when it fails, logs the error and
sends nothing (RasaHQ/rasa#7630). There is no setting for either, so this wraps
RemoteAction.run once per process: a failed or slow action becomes a bot message that
says the assistant is having trouble and gives the Safety Center phone number.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import BotUttered, Event

logger = logging.getLogger(__name__)


def install(trouble_text: str, timeout_seconds: float) -> None:
    """Wrap RemoteAction.run with a time limit and a trouble reply (idempotent)."""
    original = getattr(RemoteAction.run, "__wrapped__", RemoteAction.run)

    async def run_or_apologise(self: RemoteAction, *args: Any, **kwargs: Any) -> list[Event]:
        try:
            return await asyncio.wait_for(original(self, *args, **kwargs), timeout_seconds)
        except Exception as err:  # noqa: BLE001 - any failure must still reach the user
            logger.error("Custom action %s failed (%s); sent the trouble reply.", self.name(), type(err).__name__)
            return [BotUttered(text=trouble_text, data={"trouble": True})]

    run_or_apologise.__wrapped__ = original  # type: ignore[attr-defined]
    RemoteAction.run = run_or_apologise  # type: ignore[method-assign]
