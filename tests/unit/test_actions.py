"""The Rasa actions, driven the rasa_sdk way: a Tracker in, a CollectingDispatcher out."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.actions import KB, ActionAnswer, ActionClarify, ActionContact, ActionNotCovered, ActionOutOfScope
from tests.conftest import run_async

SLOTS = {"staff_role": None, "compared_roles": None, "topic": None, "misunderstandings": 0.0}


def tracker(text: str, intent: str, entities=(), ranking=(), **slots) -> Tracker:
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": list(entities),
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
    }
    return Tracker("user", {**SLOTS, **slots}, message, [], False, None, {}, "action_listen")


def role(value: str, text: str, confidence: float = 0.99) -> dict:
    return {"entity": "staff_role", "value": value, "text": text, "confidence_entity": confidence}


def run(action, tracker: Tracker):
    dispatcher = CollectingDispatcher()
    events = run_async(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_answer_sets_the_role_slot_for_follow_ups():
    messages, slots = run(ActionAnswer(), tracker("can a cso arrest", "ask_arrest_powers", [role("sso", "cso")]))
    assert messages[0]["text"].startswith(KB.fact("sso", "arrest").answer)
    assert slots == {"staff_role": "sso", "compared_roles": [], "topic": "arrest", "misunderstandings": 0.0}


def test_follow_up_without_a_role_uses_the_slot():
    messages, slots = run(
        ActionAnswer(), tracker("are they allowed to detain kids?", "ask_arrest_powers", staff_role="sso")
    )
    assert "do not have sworn authority or powers of arrest" in messages[0]["text"]
    assert slots["staff_role"] == "sso"


def test_an_unsure_entity_is_used_only_when_its_text_is_a_known_alias():
    unsure = [role("private_security", "the guy", confidence=0.3)]
    messages, _ = run(ActionAnswer(), tracker("what does the guy do", "ask_duties", unsure))
    assert messages[0]["text"].startswith("Which role do you mean?")
    alias = [role("sro", "school cop", confidence=0.3)]
    messages, _ = run(ActionAnswer(), tracker("what does the school cop do", "ask_duties", alias))
    assert messages[0]["text"].startswith(KB.fact("sro", "duties").answer)


def test_a_longer_alias_in_the_text_beats_a_partial_entity():
    # DIET tagged only "security guard" (SSO) inside "hired security guard" (private security).
    text = "is a resource officer the same as a hired security guard?"
    entities = [role("sro", "resource officer"), role("sso", "security guard")]
    messages, slots = run(ActionAnswer(), tracker(text, "compare", entities))
    assert slots["compared_roles"] == ["sro", "private_security"]
    assert KB.fact("private_security", "definition").answer in messages[0]["text"]


def test_roles_named_in_the_question_win_over_those_of_the_story_around_it():
    story = "I assumed it was just a security guard, but a mom says he's police. Can the SRO arrest my son?"
    messages, slots = run(ActionAnswer(), tracker(story, "ask_arrest_powers"))
    assert messages[0]["text"].startswith(KB.fact("sro", "arrest").answer)
    assert slots["staff_role"] == "sro"
    # with no role in the question, the story's roles are used
    told = "There's a campus safety officer at my son's school. Does he carry a gun?"
    messages, _ = run(ActionAnswer(), tracker(told, "ask_armed"))
    assert messages[0]["text"].startswith(KB.fact("sso", "armed").answer)


def test_a_misspelt_role_name_is_still_recognized():
    messages, slots = run(ActionAnswer(), tracker("wat do skool securty ppl do all day", "ask_duties"))
    assert messages[0]["text"].startswith(KB.fact("sso", "duties").answer)
    assert slots["staff_role"] == "sso"


def test_an_unknown_role_value_falls_back_to_the_aliases_in_the_text():
    entities = [role("principal", "principal")]
    messages, slots = run(ActionAnswer(), tracker("who pays the school cop", "ask_funding", entities))
    assert messages[0]["text"].startswith(KB.fact("sro", "funding").answer)
    messages, slots = run(ActionAnswer(), tracker("what does the principal do", "ask_duties", entities))
    assert messages == [{**messages[0], "response": "utter_out_of_scope"}] and slots == {}  # no safety role


def test_comparison_remembers_the_compared_roles():
    entities = [role("sro", "SRO"), role("sso", "SSO")]
    _, slots = run(ActionAnswer(), tracker("SRO vs SSO", "compare", entities))
    assert slots["compared_roles"] == ["sro", "sso"] and slots["staff_role"] is None
    messages, _ = run(ActionAnswer(), tracker("are they armed?", "ask_armed", compared_roles=["sro", "sso"]))
    assert "• School Resource Officer (SRO)" in messages[0]["text"] and "may be armed" in messages[0]["text"]


def test_contact_and_not_covered_reset_misunderstandings():
    messages, slots = run(ActionContact(), tracker("phone?", "ask_contact", misunderstandings=1.0))
    assert KB.contact.tty in messages[0]["text"] and slots == {"misunderstandings": 0.0}
    messages, _ = run(ActionNotCovered(), tracker("can they search lockers", "ask_not_covered"))
    assert "doesn't cover" in messages[0]["text"]


def test_not_covered_read_from_a_story_answers_the_one_topic_its_question_names():
    story = "My son is 14 and his friends say the SRO sends kids to juvie. Can an SRO actually arrest a student?"
    messages, slots = run(ActionNotCovered(), tracker(story, "ask_not_covered"))
    assert messages[0]["text"].startswith(KB.fact("sro", "arrest").answer)
    assert slots["staff_role"] == "sro"
    # a story whose question is on something the source is silent on stays not covered
    story = "My son is 14 and got in a fight. Can the SRO search his backpack?"
    messages, _ = run(ActionNotCovered(), tracker(story, "ask_not_covered"))
    assert "doesn't cover" in messages[0]["text"]


def test_not_covered_read_into_a_lone_question_on_one_role_and_one_topic_answers_it():
    messages, slots = run(
        ActionNotCovered(), tracker("can campus security hold onto a student who broke the law", "ask_not_covered")
    )
    assert messages[0]["text"].startswith(KB.fact("sso", "arrest").answer)
    assert slots["staff_role"] == "sso"
    # the same shape on something the source is silent on, or without a role, stays not covered
    for text in ("Can an SRO use a taser on a student?", "can they hold onto a student who broke the law"):
        messages, _ = run(ActionNotCovered(), tracker(text, "ask_not_covered"))
        assert "doesn't cover" in messages[0]["text"], text


def test_not_covered_read_into_a_lone_question_on_two_roles_and_one_topic_compares_them():
    messages, slots = run(
        ActionNotCovered(), tracker("were do SROs and campus security get trainned", "ask_not_covered")
    )
    assert KB.fact("sro", "training").answer in messages[0]["text"]
    assert KB.fact("sso", "training").answer in messages[0]["text"]
    assert set(slots["compared_roles"]) == {"sro", "sso"}
    # still not covered when the question is on something the source is silent on
    messages, _ = run(ActionNotCovered(), tracker("can SROs and SSOs search lockers", "ask_not_covered"))
    assert "doesn't cover" in messages[0]["text"]


def test_not_covered_read_into_a_question_on_which_kinds_of_staff_there_are_gives_the_overview():
    messages, slots = run(
        ActionNotCovered(), tracker("what categories of safety staff do schools have?", "ask_not_covered")
    )
    for role in KB.roles.values():
        assert role.name in messages[0]["text"]
    assert set(slots["compared_roles"]) == set(KB.roles)


def test_off_topic_read_into_a_question_on_which_kinds_of_staff_there_are_gives_the_overview():
    messages, slots = run(ActionOutOfScope(), tracker("what kinds of grown ups keep us safe at school", "out_of_scope"))
    for role in KB.roles.values():
        assert role.name in messages[0]["text"]
    assert set(slots["compared_roles"]) == set(KB.roles)


def test_an_off_topic_message_gets_the_off_topic_reply():
    messages, slots = run(ActionOutOfScope(), tracker("when is the next bus", "out_of_scope"))
    assert messages == [{**messages[0], "response": "utter_out_of_scope"}]
    assert slots == {}


def test_off_topic_read_into_a_question_on_a_subject_the_source_is_silent_on_says_so():
    text = "What's the recommended ratio of security staff to students?"
    messages, _ = run(ActionOutOfScope(), tracker(text, "out_of_scope"))
    assert "doesn't cover" in messages[0]["text"] and KB.contact.phone in " ".join(m["text"] for m in messages)


def test_an_off_topic_question_with_a_not_covered_cue_but_no_role_stays_off_topic():
    messages, _ = run(ActionOutOfScope(), tracker("how many days until summer break?", "out_of_scope"))
    assert messages == [{**messages[0], "response": "utter_out_of_scope"}]


def test_not_covered_read_into_a_statement_naming_a_role_explains_the_role():
    messages, slots = run(ActionNotCovered(), tracker("Our school just got an SRO this year.", "ask_not_covered"))
    assert messages[0]["text"].startswith(KB.fact("sro", "definition").answer)
    assert slots["staff_role"] == "sro"


def test_clarify_gives_the_contact_when_the_readings_agree_on_it():
    ranking = [("nlu_fallback", 0.4), ("ask_contact", 0.42), ("bot_challenge", 0.41), ("tell_more", 0.07)]
    messages, slots = run(
        ActionClarify(), tracker("Can I talk to a real person about this?", "nlu_fallback", (), ranking)
    )
    assert messages[0]["text"] == answers.contact(KB)[0]["text"]
    assert slots == {"misunderstandings": 0.0}


def test_clarify_offers_readings_then_the_contact_on_the_second_miss():
    ranking = [("nlu_fallback", 0.5), ("ask_armed", 0.41), ("ask_arrest_powers", 0.38), ("greet", 0.1)]
    first, slots = run(ActionClarify(), tracker("are cso strict", "nlu_fallback", [role("sso", "cso")], ranking))
    assert [b["title"] for b in first[0]["buttons"]] == [
        "Can they be armed?",
        "Can they arrest people?",
        "Something else",
    ]
    assert first[0]["buttons"][0]["payload"] == '/ask_armed{"staff_role": "sso"}'
    assert slots == {"misunderstandings": 1.0}
    second, slots = run(ActionClarify(), tracker("???", "nlu_fallback", ranking=ranking, misunderstandings=1.0))
    assert KB.contact.phone in second[0]["text"] and KB.contact.tty in second[0]["text"]
    assert slots == {"misunderstandings": 0.0}


def test_clarify_answers_when_the_readings_agree():
    ranking = [("nlu_fallback", 0.5), ("inform_role", 0.38), ("ask_definition", 0.30)]
    text = "There's a security officer at my son's middle school."
    messages, slots = run(ActionClarify(), tracker(text, "nlu_fallback", ranking=ranking, misunderstandings=1.0))
    assert messages[0]["text"].startswith(KB.fact("sso", "definition").answer)
    assert slots["staff_role"] == "sso" and slots["misunderstandings"] == 0.0


def test_a_possible_emergency_always_gets_the_emergency_button():
    ranking = [("nlu_fallback", 1.0), ("emergency", 0.8), ("ask_armed", 0.1)]
    messages, _ = run(ActionClarify(), tracker("killed it lol", "nlu_fallback", ranking=ranking, misunderstandings=1.0))
    assert messages[0]["buttons"][0]["payload"] == "/emergency"


def test_an_unclear_english_request_about_nothing_of_the_staff_is_off_topic_not_a_clarifying_question():
    ranking = [("nlu_fallback", 0.4), ("out_of_scope", 0.33), ("ask_hours", 0.3)]
    text = "Compose a haiku about a sleepy cat on a windowsill."
    messages, slots = run(ActionClarify(), tracker(text, "nlu_fallback", ranking=ranking))
    assert [m.get("response") for m in messages] == ["utter_out_of_scope"]
    assert slots == {}
    # after an answer about a role it may be a follow-up: the clarifying question stays
    messages, _ = run(ActionClarify(), tracker(text, "nlu_fallback", ranking=ranking, staff_role="sro"))
    assert messages[0]["text"].startswith(answers.DID_YOU_MEAN)


def test_a_topic_read_into_a_first_message_with_nothing_about_the_staff_is_off_topic():
    messages, slots = run(ActionAnswer(), tracker("when is picture day this year?", "ask_hours"))
    assert messages == [{**messages[0], "response": "utter_out_of_scope"}]
    assert slots == {}
    # a question about someone, with no role known, still asks which role is meant
    messages, _ = run(ActionAnswer(), tracker("what do they do all day?", "ask_duties"))
    assert messages[0]["text"] == answers.ask_role(KB, "duties")[0]["text"]


def test_not_covered_read_into_a_first_message_with_no_role_topic_or_silent_subject_is_off_topic():
    messages, slots = run(ActionNotCovered(), tracker("any good pizza places near the high school?", "ask_not_covered"))
    assert messages == [{**messages[0], "response": "utter_out_of_scope"}]
    assert slots == {}
    # after an answer about a role, or naming a subject the page is silent on, it stays "not covered"
    for text, remembered in (("any good pizza places near the high school?", {"staff_role": "sro"}), ("can they search lockers", {})):
        messages, _ = run(ActionNotCovered(), tracker(text, "ask_not_covered", **remembered))
        assert "doesn't cover" in messages[0]["text"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("What's the mailing address for the state School Safety Center?", "contact"),
        ("how do I convert celsius to fahrenheit", "utter_out_of_scope"),
        ("am I talking to a real person right now", "utter_iamabot"),
    ],
)
def test_a_message_read_as_the_contact_gets_it_unless_it_is_off_topic_or_asks_for_a_person(text, expected):
    messages, _ = run(ActionContact(), tracker(text, "ask_contact"))
    contact = answers.contact(KB)[0]["text"]
    if expected == "contact":
        assert [m["text"] for m in messages] == [contact]
    else:
        assert messages[0].get("response") == expected
    if expected == "utter_iamabot":  # the contact follows the bot answer
        assert [m["text"] for m in messages[1:]] == [contact]


@pytest.mark.parametrize(
    "text, intent",
    [
        ("a kid passed out after vaping something and hes not responding", "emergency"),
        ("am I talking to a real person right now", "bot_challenge"),
    ],
)
def test_the_contact_after_the_emergency_or_bot_reply_is_the_contact_alone(text, intent):
    messages, _ = run(ActionContact(), tracker(text, intent))
    assert [m["text"] for m in messages] == [answers.contact(KB)[0]["text"]]


@pytest.mark.parametrize(
    "text, role",
    [
        # dev34, dev17: a question about a role that names the Safety Center, read as asking for the contact
        ("How does the Safety Center define a Campus Safety Officer?", "sso"),
        ("Could you provide the formal definition of a School Resource Officer as used by the School Safety Center?", "sro"),
    ],
)
def test_a_question_about_a_role_read_as_asking_for_the_contact_gets_its_answer(text, role):
    messages, _ = run(ActionContact(), tracker(text, "ask_contact"))
    assert messages[0]["text"].startswith(KB.fact(role, "definition").answer)


@pytest.mark.parametrize(
    "text",
    [
        "Who should I get in touch with at the state level about school safety?",
        "My father uses a text telephone because of his hearing, does the Safety Center have a TTY number he can use?",
    ],
)
def test_a_request_for_the_contact_read_as_not_covered_gets_the_contact(text):
    messages, _ = run(ActionNotCovered(), tracker(text, "ask_not_covered"))
    said = " ".join(m.get("text") or "" for m in messages)
    assert KB.contact.phone in said and KB.contact.tty in said


def test_a_question_how_to_reach_a_person_gets_the_contact():
    messages, _ = run(ActionAnswer(), tracker("who do I talk to about the school security staff", "inform_role"))
    assert messages[0]["text"] == answers.contact(KB)[0]["text"]


@pytest.mark.parametrize(
    "action, text, intent, response",
    [
        (ActionOutOfScope(), "Cheers, super helpful", "out_of_scope", "utter_thanks"),
        (ActionAnswer(), "Much obliged to you", "tell_more", "utter_thanks"),
        (ActionAnswer(), "Okay, catch you some other time", "ask_hours", "utter_goodbye"),
        (ActionNotCovered(), "I'm heading out now, take care", "ask_not_covered", "utter_goodbye"),
        (ActionClarify(), "Catch you on the flip side", "nlu_fallback", "utter_goodbye"),
        (ActionClarify(), "yo chatbot", "nlu_fallback", "utter_greet"),
        # dev49: a greeting opening a statement, a thanks for the last answer naming roles, a goodbye
        # opening and closing a longer message
        (ActionNotCovered(), "hey hey, evening from a tired parent in Tacoma", "ask_not_covered", "utter_greet"),
        (ActionAnswer(), "cheers, that cleared up the whole SRO versus security thing for me", "compare", "utter_thanks"),
        (
            ActionClarify(),
            "That covers everything for me, off to pick up my kids now. Take care!",
            "nlu_fallback",
            "utter_goodbye",
        ),
        # dev50: a longer greeting that names nothing the assistant answers; a goodbye wishing a good weekend
        (ActionAnswer(), "hello! just found this chat box on the district page, my sister told me about it", "ask_funding", "utter_greet"),
        (ActionOutOfScope(), "enjoy your weekend, I'm off to the farmers market", "out_of_scope", "utter_goodbye"),
    ],
)
def test_a_greeting_thanks_or_goodbye_read_as_something_else_gets_its_reply(action, text, intent, response):
    messages, slots = run(action, tracker(text, intent, ranking=[("nlu_fallback", 0.4), (intent, 0.3)]))
    assert [m["response"] for m in messages] == [response]
    assert slots == {}


def test_a_greeting_inside_a_request_is_no_greeting():
    messages, _ = run(ActionOutOfScope(), tracker("Translate good morning into French for me.", "out_of_scope"))
    assert all(m.get("response") != "utter_greet" for m in messages)


@pytest.mark.parametrize(
    "action, text, intent",
    [
        (ActionAnswer(), "Is this an automated assistant or a staff member?", "ask_definition"),
        (ActionClarify(), "am I talking to a person right now?", "nlu_fallback"),
        # dev35, dev29: whether anybody is there asks whether a person answers
        (ActionAnswer(), "Howdy there, anybody home?", "ask_hours"),
        # dev51: a real human or a program
        (ActionContact(), "am I typing to a real human or some program?", "ask_contact"),
        (ActionAnswer(), "wait, what are you exactly, an automated helper?", "ask_definition"),
    ],
)
def test_a_question_whether_a_person_answers_read_as_something_else_gets_the_bot_reply_and_contact(action, text, intent):
    messages, _ = run(action, tracker(text, intent, ranking=[("nlu_fallback", 0.4), (intent, 0.3)]))
    assert messages[0]["response"] == "utter_iamabot"
    assert messages[1]["text"] == answers.contact(KB)[0]["text"]


def test_a_role_named_beside_a_person_word_is_a_question_about_the_staff():
    messages, _ = run(ActionAnswer(), tracker("is the SRO a real person or just a cardboard cutout?", "ask_definition"))
    assert all(m.get("response") != "utter_iamabot" for m in messages)


@pytest.mark.parametrize(
    "text, intent",
    [
        ("thanks, can SROs arrest kids?", "ask_arrest_powers"),  # a question after the thanks is answered
        ("thanks, and the SSO", "inform_role"),  # a role named
        ("Thanks! There is an SRO at my school.", "inform_role"),  # a role named, no thanks for an answer
        ("hi, my son got suspended yesterday and I am so worried about what happens now", "out_of_scope"),
        ("take care of the kids at recess", "out_of_scope"),  # "take care of" is no goodbye
    ],
)
def test_a_message_with_more_than_a_thanks_or_goodbye_is_answered_as_read(text, intent):
    action = ActionOutOfScope() if intent == "out_of_scope" else ActionAnswer()
    messages, _ = run(action, tracker(text, intent, staff_role="sso", topic="arrest"))
    assert all(m.get("response") not in ("utter_thanks", "utter_goodbye") for m in messages)
