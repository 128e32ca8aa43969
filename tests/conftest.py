"""Shared fixtures for all tests."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from actions import knowledge


@pytest.fixture(scope="session")
def kb() -> knowledge.KnowledgeBase:
    return knowledge.load()


T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion in its own thread and event loop.

    The browser tests' sync Playwright keeps an event loop in the main thread, where
    asyncio.run() would refuse to start another.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
