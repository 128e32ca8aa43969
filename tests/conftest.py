"""Shared fixtures for all tests."""

from __future__ import annotations

import pytest

from actions import knowledge


@pytest.fixture(scope="session")
def kb() -> knowledge.KnowledgeBase:
    return knowledge.load()
