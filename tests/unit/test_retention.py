"""scripts/retention.py on a real SQLite tracker store (the table Rasa's SQLTrackerStore creates)."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import BotUttered, SessionStarted, UserUttered

from scripts import retention
from tests.conftest import run_async

DAY = retention.DAY
NOW = time.time()


def rasa_store(path: Path) -> SQLTrackerStore:
    return SQLTrackerStore(dialect="sqlite", db=str(path))


def row(sender: str, event, days_ago: float) -> tuple:
    event.timestamp = NOW - days_ago * DAY
    intent = event.intent_name if isinstance(event, UserUttered) else None
    return (sender, event.type_name, event.timestamp, intent, None, json.dumps(event.as_dict()))


def conversation(sender: str, days_ago: float, text: str) -> list[tuple]:
    events = [SessionStarted(), UserUttered(text, {"name": "ask", "confidence": 1.0}), BotUttered("An answer.")]
    return [row(sender, event, days_ago) for event in events]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tracker database with conversations of different ages, selected as the server selects it."""
    path = tmp_path / "conversations.db"
    rasa_store(path).engine.dispose()  # Rasa creates the table
    rows = [
        *conversation("gone", 40, "old question"),
        *conversation("recent", 2, "recent question"),
        *conversation("almost-due", 29, "question a month ago"),
        *conversation("returning", 45, "first visit"),
        *conversation("returning", 1 / 24, "second visit"),
    ]
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    monkeypatch.delenv("ENDPOINTS", raising=False)
    return path


def texts(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as db:
        found = db.execute("SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id").fetchall()
    db.close()
    result: dict[str, list[str]] = {}
    for sender, data in found:
        result.setdefault(sender, []).append(json.loads(data)["text"])
    return result


def test_default_period_comes_from_server_yml() -> None:
    assert retention.retention_days() == 30


def test_deletes_what_is_older_than_the_setting(store: Path, capsys: pytest.CaptureFixture) -> None:
    retention.main([])
    assert texts(store) == {
        "recent": ["recent question"],
        "almost-due": ["question a month ago"],
        "returning": ["second visit"],
    }
    out = capsys.readouterr().out
    assert "Deleted 6 events older than 30 days (1 conversations entirely)" in out, out


def test_days_argument_overrides_the_setting(store: Path, capsys: pytest.CaptureFixture) -> None:
    retention.main(["--days", "1"])
    assert texts(store) == {"returning": ["second visit"]}
    assert "Deleted 12 events older than 1 days (3 conversations entirely)" in capsys.readouterr().out


def test_rasa_still_loads_a_returning_users_conversation(store: Path) -> None:
    retention.main([])
    tracker = run_async(rasa_store(store).retrieve("returning"))
    assert tracker.latest_message.text == "second visit"
    assert "first visit" not in json.dumps([e.as_dict() for e in tracker.events])


def test_refuses_zero_days(store: Path) -> None:
    with pytest.raises(SystemExit):
        retention.main(["--days", "0"])
    assert len(texts(store)) == 4


def test_postgres_settings_need_their_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DB_HOST", raising=False)
    with pytest.raises(SystemExit, match="DB_HOST"):
        retention.main(["--endpoints", "endpoints.postgres.yml"])
