"""Shared fixtures for all tests."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml

from actions import knowledge


@pytest.fixture(scope="session")
def kb() -> knowledge.KnowledgeBase:
    return knowledge.load()


DATA = Path(__file__).parent / "data"
EMERGENCY_SETS = (*sorted(DATA.glob("emergencies*.yml")), *sorted(DATA.glob("*/emergencies.yml")))


def emergency_phrasings(kind: str) -> list[str]:
    """`emergencies` or `near_misses` of every emergency set in tests/data."""
    return [text for path in EMERGENCY_SETS for text in yaml.safe_load(path.read_text(encoding="utf-8"))[kind]]


T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion in its own thread and event loop.

    The browser tests' sync Playwright keeps an event loop in the main thread, where
    asyncio.run() would refuse to start another.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
