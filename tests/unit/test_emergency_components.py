"""The safety net's NLU components on hand-made DIET predictions (no trained model needed)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from server.emergency import EmergencyOverride, EmergencyReadingFilter

READING_FILTER = EmergencyReadingFilter(EmergencyReadingFilter.get_default_config())
OVERRIDE = EmergencyOverride(EmergencyOverride.get_default_config())


def diet_says(text: str, *ranking: tuple[str, float]) -> Message:
    readings = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message(data={"text": text, "intent": readings[0], "intent_ranking": readings})


def readings(message: Message) -> list[tuple[str, float]]:
    return [(i["name"], round(i["confidence"], 3)) for i in message.get("intent_ranking")]


def test_an_emergency_reading_without_any_word_of_danger_is_dropped():
    message = diet_says(
        "hiyaa, morning from a very tired mom", ("emergency", 0.98), ("greet", 0.015), ("thanks", 0.005)
    )
    READING_FILTER.process([message])
    assert message.get("intent")["name"] == "greet"
    assert readings(message) == [("greet", 0.75), ("thanks", 0.25)]


@pytest.mark.parametrize(
    "text",
    [
        "how often are fire drills?",
        "are the campus security guys allowed to carry guns?",
        "my son is killing it in math, who is the sro",
    ],
)
def test_an_emergency_reading_of_a_question_or_a_figure_of_speech_is_dropped(text):
    message = diet_says(text, ("emergency", 0.9), ("ask_armed", 0.08), ("ask_hours", 0.02))
    READING_FILTER.process([message])
    assert [name for name, _ in readings(message)] == ["ask_armed", "ask_hours"]


@pytest.mark.parametrize(
    "text",
    [
        "a bullet just came through the classroom window",
        "someone picked up my son and it wasnt me",
        "my kid isnt moving",
    ],
)
def test_an_emergency_reading_with_a_word_of_danger_stays(text):
    message = diet_says(text, ("emergency", 0.98), ("greet", 0.02))
    READING_FILTER.process([message])
    assert readings(message) == [("emergency", 0.98), ("greet", 0.02)]


def test_other_readings_pass_through():
    message = diet_says("who pays for the sro", ("ask_funding", 0.9), ("emergency", 0.1))
    READING_FILTER.process([message])
    assert readings(message) == [("ask_funding", 0.9), ("emergency", 0.1)]


@pytest.mark.parametrize(
    "text, ranking, intent",
    [
        (
            "there's a kid with a gun in the cafeteria",
            (("ask_armed", 0.9), ("emergency", 0.1)),
            "emergency",
        ),  # patterns
        ("a bullet just came through the classroom window", (("emergency", 0.95), ("ask_armed", 0.05)), "emergency"),
        ("how often are fire drills?", (("emergency", 0.95), ("ask_hours", 0.05)), "nlu_fallback"),  # asks about it
        ("who pays for the sro", (("ask_funding", 0.95), ("emergency", 0.05)), "ask_funding"),
    ],
)
def test_the_override_decides_after_the_classifiers(text, ranking, intent):
    message = diet_says(text, *ranking)
    OVERRIDE.process([message])
    assert message.get("intent")["name"] == intent
