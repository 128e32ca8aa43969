"""Answer wording: every role x topic, comparisons, "tell me more", contact and limits."""

from __future__ import annotations

import itertools

import pytest

from actions import answers
from actions.conversation import OVERVIEW, Plan
from actions.knowledge import load

KB = load()
PAIRS = list(itertools.product(KB.roles, KB.topics))


@pytest.mark.parametrize("role, topic", PAIRS, ids=[f"{r}-{t}" for r, t in PAIRS])
def test_every_role_and_topic_is_answered_from_its_fact(role, topic):
    fact = KB.fact(role, topic)
    [message] = answers.render(KB, Plan("answer", topic, (role,)))
    text = message["text"]
    assert text.startswith(fact.answer)
    if fact.quote:
        assert text.splitlines()[-1] == answers.citation(KB)
    if not fact.stated:  # not covered by the source: say so and route to the Safety Center
        assert "does not say" in fact.answer and KB.contact.phone in text and KB.contact.tty in text
    assert ("buttons" in message) == bool(fact.detail)


@pytest.mark.parametrize("role", KB.roles)
def test_whether_a_role_is_the_police_is_answered_with_arrest_fact_then_definition(role):
    [message] = answers.render(KB, Plan("answer", "arrest", (role,), also=("definition",)))
    arrest, definition = KB.fact(role, "arrest").answer, KB.fact(role, "definition").answer
    assert message["text"].startswith(f"{arrest}\n{definition}\n")
    assert message["text"].splitlines()[-1] == answers.citation(KB)


def test_private_security_duties_are_its_definition():
    # the page's one sentence on private security says both what they are and what they do
    assert KB.fact("private_security", "duties") is KB.fact("private_security", "definition")


def test_citation_names_page_publisher_and_date():
    assert answers.citation(KB) == (
        "Source: School Safety Center, Washington Office of Superintendent of Public Instruction (OSPI), "
        "“School Resource and School Security Officers” (updated 8/6/2015)."
    )


def test_comparison_on_arrest_gives_each_role_its_own_fact():
    [message] = answers.render(KB, Plan("compare", "arrest", ("sro", "sso")))
    lines = message["text"].splitlines()
    assert lines[0] == "Can they arrest people?"
    assert lines[1] == f"• School Resource Officer (SRO): {KB.fact('sro', 'arrest').answer}"
    assert lines[2] == f"• School Security Officer / Campus Safety Officer (SSO/CSO): {KB.fact('sso', 'arrest').answer}"
    assert lines[-1] == answers.citation(KB)
    assert KB.contact.phone not in message["text"]  # both facts are stated


def test_comparison_on_more_topics_gives_a_labelled_section_a_topic():
    [message] = answers.render(KB, Plan("compare", "arrest", ("sro", "sso"), also=("definition",)))
    lines = message["text"].splitlines()
    assert lines[0] == "Can they arrest people?" and lines[3] == KB.topics["definition"].label
    assert lines[4] == f"• School Resource Officer (SRO): {KB.fact('sro', 'definition').answer}"
    assert lines[-1] == answers.citation(KB)


def test_comparison_with_an_unstated_fact_adds_the_contact():
    [message] = answers.render(KB, Plan("compare", "armed", tuple(KB.roles)))
    assert "may be armed" in message["text"] and "does not say whether SROs" in message["text"]
    assert KB.contact.phone in message["text"]


def test_overview_compares_definitions():
    [message] = answers.render(KB, Plan("compare", OVERVIEW, ("sro", "private_security")))
    assert message["text"].startswith("How they differ:")
    assert KB.fact("private_security", "definition").answer in message["text"]


def test_more_gives_the_detail_or_says_there_is_no_more():
    [detail] = answers.render(KB, Plan("more", "armed", ("sso",)))
    assert detail["text"].startswith(KB.fact("sso", "armed").detail)
    [nothing] = answers.render(KB, Plan("more", "training", ("sro",)))
    assert nothing["text"].startswith("That is all the source page says about this.")
    assert KB.contact.phone in nothing["text"]


def test_ask_role_offers_a_button_per_role_with_its_payload():
    [message] = answers.render(KB, Plan("ask_role", "duties"))
    assert message["text"] == "Which role do you mean? (What do they do?)"
    assert [b["payload"] for b in message["buttons"]] == [
        '/inform_role{"staff_role": "sro"}',
        '/inform_role{"staff_role": "sso"}',
        '/inform_role{"staff_role": "private_security"}',
    ]


def test_clarify_offers_two_readings_keeps_the_role_and_something_else():
    [message] = answers.clarify(KB, ["ask_armed", "greet", "ask_arrest_powers", "ask_funding"], "sso")
    assert message["text"] == "I'm not sure I understood. Did you mean:"
    assert message["buttons"] == [
        {"title": "Can they be armed?", "payload": '/ask_armed{"staff_role": "sso"}'},
        {"title": "Can they arrest people?", "payload": '/ask_arrest_powers{"staff_role": "sso"}'},
        answers.SOMETHING_ELSE_BUTTON,
    ]


def test_contact_not_covered_trouble_and_not_understood_give_phone_and_tty():
    for text in (
        answers.contact(KB)[0]["text"],
        answers.not_covered(KB)[0]["text"],
        answers.not_understood(KB)[0]["text"],
        answers.trouble(KB),
    ):
        assert KB.contact.phone in text and KB.contact.tty in text
    assert "doesn't cover" in answers.not_covered(KB)[0]["text"]
    assert "legal advice" in answers.not_covered(KB)[0]["text"]
    assert "call 911" in answers.trouble(KB)


def test_clarify_offers_the_emergency_reading_as_a_button():
    [message] = answers.clarify(KB, ["emergency", "ask_armed"], None)
    assert message["buttons"][0] == {"title": "Someone is in danger now", "payload": "/emergency"}
