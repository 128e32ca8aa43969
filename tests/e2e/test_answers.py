"""The trained assistant answers real questions correctly (none of them is in data/nlu.yml).

Each case asserts the facts the answer must state (case-insensitive substrings taken
from the source page's wording) and what it must not claim.
"""

from __future__ import annotations

import pytest

CITED = "Source: School Safety Center"
SRO_ARRESTS = "sworn authority to make arrests"
SSO_NO_ARREST = "do not have sworn authority or powers of arrest"
CJTC = "Criminal Justice Training Commission"
PHONE, TTY = "360-725-6000", "360-664-3631"
NOT_COVERED = "doesn't cover"

# (question, facts that must appear, claims that must not appear)
SINGLE_TURN = [
    ("can a campus safety officer arrest someone?", [SSO_NO_ARREST, CITED], [SRO_ARRESTS]),
    ("is the school police guy allowed to cuff my kid", [SRO_ARRESTS, CITED], [SSO_NO_ARREST]),
    ("is the security guard a cop?", [SSO_NO_ARREST], [SRO_ARRESTS]),
    ("do SROs have the power to arrest students", [SRO_ARRESTS], [SSO_NO_ARREST]),
    ("can an SSO place a student under arrest", [SSO_NO_ARREST], []),
    ("does the CSO at my daughters high school have arrest powers?", [SSO_NO_ARREST], []),
    ("can the resource officer take a kid to jail", [SRO_ARRESTS], []),
    ("is a school resource officer an actual sworn law enforcement officer", [SRO_ARRESTS], []),
    ("who pays for school resource officers?", ["school district", "law enforcement agency", "combination"], []),
    ("how is the SRO position funded", ["school district", "law enforcement agency"], []),
    ("where does the money for the school resource officer come from", ["law enforcement agency"], []),
    ("who employs the SRO", ["police department or Sheriff's Office"], ["employed by the local school district"]),
    ("who is the employer of a campus safety officer", ["employed by the local school district"], []),
    ("are school security officers hired by the district", ["employed by the local school district"], []),
    ("who do private security guards at schools work for", ["employed by or through the private"], []),
    ("how are SROs trained in washington", [CJTC], []),
    ("where do school security officers get their training", [CJTC], []),
    ("are campus safety officers ever armed", ["may be armed", CITED], []),
    ("can an SSO carry a gun at school", ["may be armed"], []),
    ("do school resource officers carry guns", ["does not say"], ["may be armed"]),
    ("can private security arrest students", ["does not say", PHONE], [SRO_ARRESTS]),
    ("do private security staff carry weapons", ["does not say", PHONE], []),
    ("what does a school resource officer do all day", ["community-oriented policing"], []),
    ("what are the main responsibilities of a school security officer", ["order and discipline"], []),
    ("do security officers work together with the SRO", ["in concert with SROs"], []),
    ("can private security work outside school hours", ["outside regular school hours"], []),
    ("what exactly is an SRO", ["commissioned law enforcement officer"], []),
    ("what's a CSO", ["Campus Safety Officer", "local school district"], []),
    ("is a campus safety officer the same as a school security officer?", ["also called a Campus Safety Officer"], []),
    ("what is the difference between an SRO and a campus safety officer", [SRO_ARRESTS, "local school district"], []),
    ("SRO vs private security, what's the difference", ["commissioned law enforcement officer", "private"], []),
    ("which of these officers are allowed to arrest people", [SRO_ARRESTS, SSO_NO_ARREST], []),
    ("how do I get in touch with the school safety center", [PHONE, TTY, "Olympia"], []),
    ("can the campus safety officer search my son's phone", [NOT_COVERED, PHONE], [SRO_ARRESTS]),
    ("how many school resource officers work in seattle schools", [NOT_COVERED, PHONE], []),
    ("does my kid need a lawyer if the SRO questions him", [NOT_COVERED, "legal advice"], []),
    ("how much does a campus security officer earn", [NOT_COVERED], []),
    ("can school security pat down kids at the door?", [NOT_COVERED, PHONE], [SSO_NO_ARREST]),
    ("is the SRO allowed to interrogate my daughter without me there", [NOT_COVERED, PHONE], [SRO_ARRESTS]),
    ("should our elementary school have an SRO? whats your opinion", [NOT_COVERED], [SRO_ARRESTS]),
    ("is it legal for the resource officer to handcuff a fifth grader?", [NOT_COVERED, "legal advice"], [SRO_ARRESTS]),
    # a story around the question: the question decides role and topic
    (
        "Our gym hosts weekend basketball tournaments and the district brings in a security company "
        "for those nights. I'm just curious. Are those guards armed?",
        ["does not say whether private security staff are armed"],
        ["may be armed"],
    ),
    (
        "My nephew thought the guard at the game was a police officer. He was told off by him last week "
        "and is still upset. Can a campus safety officer arrest a kid?",
        [SSO_NO_ARREST],
        [SRO_ARRESTS],
    ),
    ("is campus safety just another name for school security?", ["also called a Campus Safety Officer"], []),
    ("what's the weather like in olympia tomorrow", ["only help with questions about school safety"], []),
    ("can you write me a poem about dogs", ["only help with questions about school safety"], []),
    ("are you a real person", ["automated assistant", PHONE], []),
    ("can i talk to a real person", [PHONE], []),
    ("Can I talk to a real person about this?", [PHONE], []),
    ("Are campus safety officers allowed to pepper spray students?", [NOT_COVERED, PHONE], ["may be armed"]),
    # DIET reads it as off topic, but it asks which kinds of staff there are
    (
        "what kinds of grown ups keep us safe at school",
        ["School Resource Officer", "School Security Officer", "private security"],
        [],
    ),
    (
        "how many kinds of security people are there at school",
        ["School Resource Officer", "School Security Officer", "private security"],
        [NOT_COVERED],
    ),
    ("hello!", ["automated assistant", "students' names"], []),
]


@pytest.mark.parametrize("question, facts, wrong", SINGLE_TURN, ids=[q for q, _, _ in SINGLE_TURN])
def test_single_question(conversation, question, facts, wrong):
    reply = conversation.text(question)
    for fact in facts:
        assert fact.lower() in reply.lower(), reply
    for claim in wrong:
        assert claim.lower() not in reply.lower(), reply


# Follow-ups: each turn is (message, facts that must appear, claims that must not appear).
CONVERSATIONS = {
    "more about the topic just answered is its detail": [
        ("What do school security officers do?", ["maintain order and discipline"], []),
        ("Tell me more about what they do.", ["detain students violating the law"], []),
    ],
    "role kept for follow-ups": [
        ("tell me about SSOs", ["School Security Officer"], []),
        ("are they allowed to detain kids?", [SSO_NO_ARREST, "detaining students"], [SRO_ARRESTS]),
        ("who funds them?", ["does not say how SSOs/CSOs are funded", PHONE], []),
        ("same question for private guards", ["does not say how private security is paid"], []),
    ],
    "role named in a statement first": [
        ("There's a security officer at my son's middle school.", ["School Security Officer"], []),
        ("does he have a weapon?", ["may be armed"], [SRO_ARRESTS]),
    ],
    "a statement saying who hired a role, then a follow-up": [
        ("My kid's school just hired a security company.", ["hire out their security"], []),
        ("are they armed?", ["does not say whether private security staff are armed"], ["may be armed"]),
    ],
    "comparison then comparative follow-up": [
        ("how is an SRO different from an SSO", ["commissioned law enforcement officer", "local school district"], []),
        ("so who of the two can arrest?", [SRO_ARRESTS, SSO_NO_ARREST], []),
    ],
    "two roles asked in turn, then compared": [
        ("who hires the campus safety officers", ["employed by the local school district"], []),
        ("what about an SRO?", ["police department or Sheriff's Office"], []),
        (
            "how do those two get paid for",
            ["SRO funding can come from", "does not say how SSOs/CSOs are funded"],
            ["private security is paid"],
        ),
    ],
    "switching roles and tell me more": [
        ("who trains school resource officers", [CJTC], []),
        ("what about campus security?", [CJTC, "SSOs"], []),
        ("can they arrest people", [SSO_NO_ARREST], [SRO_ARRESTS]),
        ("tell me more", ["tools on their belt"], []),
    ],
    "a role name alone repeats the last question for that role": [
        ("does the resource officer carry a weapon?", ["does not say whether SROs carry weapons"], []),
        ("does the campus safety officer?", ["may be armed"], [SRO_ARRESTS]),
        (
            "and the private security firm staff?",
            ["does not say whether private security staff are armed"],
            ["may be armed"],
        ),
    ],
    "one role compared with the one just discussed": [
        ("who employs private security guards at schools?", ["employed by or through"], []),
        (
            "do they get trained the same way as SROs?",
            [CJTC, "does not say how private security staff are trained"],
            [],
        ),
    ],
    "'that' compares the topic just answered": [
        ("can campus safety officers arrest students?", [SSO_NO_ARREST], [SRO_ARRESTS]),
        ("how is that different for an SRO?", [SRO_ARRESTS, SSO_NO_ARREST], []),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_follow_up_conversation(conversation, name):
    for message, facts, wrong in CONVERSATIONS[name]:
        reply = conversation.text(message)
        for fact in facts:
            assert fact.lower() in reply.lower(), f"{message!r} -> {reply}"
        for claim in wrong:
            assert claim.lower() not in reply.lower(), f"{message!r} -> {reply}"


def test_unknown_role_asks_which_one_with_buttons(conversation):
    messages = conversation.say("what do they do?")
    assert "Which role do you mean?" in messages[0]["text"]
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles == [
        "School Resource Officer (SRO)",
        "School Security Officer / Campus Safety Officer (SSO/CSO)",
        "Private security firm staff",
    ]
    reply = conversation.text(messages[0]["buttons"][0]["payload"])
    assert "community-oriented policing" in reply
