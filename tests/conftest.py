"""Shared fixtures for all tests."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
import yaml

from actions import knowledge
from scripts.evaluate import ROOT, TEST_SETS


@pytest.fixture(scope="session")
def kb() -> knowledge.KnowledgeBase:
    return knowledge.load()


def emergency_phrasings(kind: str, sealed: bool = False) -> list[str]:
    """`emergencies` or `near_misses` of the dev sets `make eval` scores (and of the sealed set if asked).

    The safety tests leave the sealed set out on purpose: it measures the net blind (`make eval`),
    and making the tests pass on it would mean tuning to it. It joins when a newer blind set
    replaces it. The leak test reads it too.
    """
    paths = [path for test_set in TEST_SETS if sealed or test_set.name != "sealed" for path in test_set.emergencies]
    return [text for path in paths for text in yaml.safe_load(path.read_text(encoding="utf-8"))[kind]]


def training_examples() -> list[tuple[str, str]]:
    """(intent, text) of every example in data/nlu.yml, entity annotations removed."""
    examples = []
    for block in yaml.safe_load((ROOT / "data" / "nlu.yml").read_text(encoding="utf-8"))["nlu"]:
        for line in (block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                examples.append((block.get("intent", ""), re.sub(r"\[([^\]]*)\]\{[^}]*\}", r"\1", line[2:])))
    return examples


T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion in its own thread and event loop.

    The browser tests' sync Playwright keeps an event loop in the main thread, where
    asyncio.run() would refuse to start another.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
