"""Emergencies, near misses, clarification and honest limits through the trained assistant."""

from __future__ import annotations

import pytest

from tests.conftest import emergency_phrasings

EMERGENCIES = emergency_phrasings("emergencies")
NEAR_MISSES = emergency_phrasings("near_misses")
CALL_911 = "If anyone is in danger, call 911 now."


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency_gets_911_first_then_the_contact(conversation, text):
    messages = conversation.say(text)
    assert messages[0]["text"] == CALL_911
    assert "360-725-6000" in messages[1]["text"]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_miss_gets_no_false_alarm(conversation, text):
    messages = conversation.say(text)
    assert messages and CALL_911 not in messages[0]["text"]


def test_emergency_in_the_middle_of_a_conversation(conversation):
    conversation.say("who pays for the school resource officer")
    assert conversation.say("there's a kid with a knife in the cafeteria right now")[0]["text"] == CALL_911


def test_danger_told_before_a_question_gets_911_first(conversation):
    messages = conversation.say("a kid just got stabbed by the portables, can the campus safety officer help?")
    assert messages[0]["text"] == CALL_911


@pytest.mark.parametrize(
    "text",
    [
        "are the campus security guys allowed to carry guns?",
        "there was a shooting on the news, are campus safety officers armed?",
    ],
)
def test_a_weapon_question_gets_its_answer_not_a_clarifying_question(conversation, text):
    assert "may be armed" in conversation.text(text)


def test_two_misunderstandings_in_a_row_offer_phone_and_tty(conversation):
    first = conversation.say("zxqv blorp")
    assert "Did you mean" in first[0]["text"]
    assert first[0]["buttons"][-1] == {"title": "Something else", "payload": "/ask_contact"}
    second = conversation.text("qwop fnord")
    assert "360-725-6000" in second and "360-664-3631" in second


@pytest.mark.parametrize(
    "text",
    ["Compose a haiku about a sleepy cat on a windowsill.", "how do I convert celsius to fahrenheit"],
)
def test_a_plain_request_about_something_else_gets_the_off_topic_reply_not_a_clarifying_question(conversation, text):
    assert conversation.text(text).startswith("I can only help with questions about school safety personnel")


def test_something_else_leads_to_the_contact(conversation):
    assert "360-664-3631" in conversation.text("/ask_contact")
