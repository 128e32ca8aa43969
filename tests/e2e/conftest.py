"""One running assistant (action server, Rasa server, demo page) shared by every end-to-end test.

The model must be trained first (`make test` does it); the stack is the same one
`make run` starts (scripts/serve.py), on test ports with a throw-away tracker database.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from scripts.serve import MODEL, ROOT, Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Stack:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make test` (it trains first)")
    running = Stack(
        action_port=5155,
        rasa_port=5105,
        web_port=8180,
        tracker_db=tmp_path_factory.mktemp("tracker") / "conversations.db",
        log_dir=Path(ROOT / "var" / "log" / "test"),
    )
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def rasa_url(stack: Stack) -> str:
    return stack.rasa_url


@pytest.fixture(scope="session")
def web_url(stack: Stack) -> str:
    return stack.web_url


class Conversation:
    """One user's conversation through the REST channel; remembers what the bot said."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.sender = f"test-{uuid.uuid4()}"

    def say(self, text: str) -> list[dict]:
        return self.stack.ask(self.sender, text)

    def text(self, text: str) -> str:
        """The bot's reply messages joined into one text."""
        return "\n".join(m.get("text", "") for m in self.say(text))


@pytest.fixture
def conversation(stack: Stack) -> Conversation:
    return Conversation(stack)
