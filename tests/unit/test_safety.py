"""Emergency detection on the independently written phrasings in tests/data/."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions import safety

DETECTOR = safety.load()
SETS = [
    yaml.safe_load(p.read_text(encoding="utf-8"))
    for p in sorted(Path(__file__).parents[1].glob("data/emergencies*.yml"))
]
EMERGENCIES = [t for s in SETS for t in s["emergencies"]]
NEAR_MISSES = [t for s in SETS for t in s["near_misses"]]


def test_the_sets_are_large_enough():
    assert len(EMERGENCIES) >= 25 and len(NEAR_MISSES) >= 25


@pytest.mark.parametrize("text", EMERGENCIES)
def test_danger_now_is_an_emergency(text):
    assert DETECTOR.is_emergency(text)


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_questions_about_weapons_or_arrests_are_not(text):
    assert not DETECTOR.is_emergency(text)


def test_a_broken_pattern_file_names_the_file_and_group(tmp_path):
    bad = tmp_path / "emergency.yml"
    bad.write_text("always: ['(']\ndanger: [x]\nhypothetical: [x]\nurgent: [x]\n")
    with pytest.raises(ValueError, match=r"emergency\.yml: always: bad pattern"):
        safety.load(bad)
    bad.write_text("always: [x]\n")
    with pytest.raises(ValueError, match=r"emergency\.yml: danger: must be a non-empty list"):
        safety.load(bad)
