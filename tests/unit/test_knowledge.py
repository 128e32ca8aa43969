"""Knowledge base: loading, validation errors with file and line, and quote provenance."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions import knowledge
from actions.knowledge import KnowledgeBaseError

SOURCE = knowledge.DEFAULT_PATH.parent / "source" / "school-resource-and-security-officers.txt"


def squash(text: str) -> str:
    return " ".join(text.split())


def test_every_quote_is_verbatim_in_the_source_page(kb):
    page = squash(SOURCE.read_text(encoding="utf-8"))
    quotes = [kb.contact.quote] + [f.quote for r in kb.roles.values() for f in r.facts.values() if f.quote]
    assert len(quotes) >= 20
    for quote in quotes:
        assert quote in page, quote


def test_every_stated_fact_has_a_quote_and_every_role_every_topic(kb):
    for role in kb.roles.values():
        assert set(role.facts) == set(kb.topics)
        for topic, fact in role.facts.items():
            assert not fact.stated or fact.quote, f"{role.id}.{topic}"


def test_the_core_facts_of_the_source(kb):
    assert kb.fact("sro", "arrest").stated and kb.fact("sro", "arrest").answer.startswith("Yes")
    assert kb.fact("sso", "arrest").stated and kb.fact("sso", "arrest").answer.startswith("No")
    assert not kb.fact("sro", "armed").stated  # the page never says whether SROs carry weapons
    assert not kb.fact("private_security", "arrest").stated
    assert "Criminal Justice Training Commission" in kb.fact("sso", "training").answer
    assert (kb.contact.phone, kb.contact.tty) == ("360-725-6000", "360-664-3631")
    assert kb.source.updated == "8/6/2015"


@pytest.mark.parametrize(
    "phrase, role",
    [
        ("SRO", "sro"),
        ("S.R.O.", "sro"),
        ("school cop", "sro"),
        ("the school resource officers", "sro"),
        ("resourse officer", "sro"),
        ("campus safety officer", "sso"),
        ("campus secruity", "sso"),
        ("CSO", "sso"),
        ("private security guards", "private_security"),
        ("rent-a-cop", "private_security"),
        ("outside company", "private_security"),
        ("security contract guys", "private_security"),
        ("private_security", "private_security"),
        # dev56: a child's words for the campus safety officer, the officer known by the police car
        ("safety man", "sso"),
        ("cruiser", "sro"),
        ("principal", None),
        ("", None),
    ],
)
def test_role_id_resolves_aliases_typos_and_ids(kb, phrase, role):
    assert kb.role_id(phrase) == role


def test_roles_in_prefers_the_longest_alias_and_keeps_order(kb):
    text = "is the private security guard different from the SRO or a security guard?"
    assert kb.roles_in(text) == ["private_security", "sro", "sso"]


@pytest.mark.parametrize(
    "text, roles",
    [
        ("when do the security guards from those private companies work?", ["private_security"]),
        ("the security people from that company, do they work for the school?", ["private_security"]),
        # told apart, the two stay two
        ("how do you distinguish SROs from SSOs", ["sro", "sso"]),
        ("the SRO from our school", ["sro"]),
        # dev48: a firm's word right after the name
        ("what's the point of a security guard company at a school", ["private_security"]),
        ("are campus security firm guards armed?", ["private_security"]),
    ],
)
def test_a_name_followed_by_from_and_a_firm_names_the_firms_staff(kb, text, roles):
    assert kb.roles_in(text) == roles


@pytest.mark.parametrize(
    "text",
    ["the district police guys, can they actually arrest you?", "are district police officers armed"],
)
def test_an_ambiguous_name_names_every_role_it_may_mean(kb, text):
    assert kb.roles_in(text) == ["sro", "sso"]


@pytest.mark.parametrize(
    "text, roles",
    [
        ("The guard at my son's high school works for the district, not a company.", ["sso"]),
        ("the guard at the football game works for a private security company", ["private_security"]),
        ("the officers at the door are district employees", ["sso"]),
        ("my neighbor works for the district", []),
        ("the SRO works for the district, right?", ["sro"]),
        # dev56: "from" the employer
        ("do the guard people from the company help the real police catch bad guys", ["private_security"]),
        ("is the guard from the district armed", ["sso"]),
    ],
)
def test_a_staff_member_described_by_who_employs_them_is_that_role(kb, text, roles):
    assert kb.roles_in(text) == roles


def test_of_two_overlapping_aliases_of_equal_length_the_first_wins(kb):
    assert kb.roles_in("who foots the bill for hired security guards at school") == ["private_security"]


@pytest.mark.parametrize(
    "text, roles",
    [
        ("how r campus secruity difrent from the resourse officer", ["sso", "sro"]),
        ("wut do skool securty ppl even do", ["sso"]),
        ("are priavte secuirty compny guards armed", ["private_security"]),
        ("who is the police man at my school", ["sro"]),
        # A rare English word is corrected only where it completes a role name.
        ("who pays the privet security company", ["private_security"]),
        ("do privet securty gards at scool carry wepons", ["private_security"]),  # both words misspelt
        ("they planted a privet hedge by the gym", []),
        # Common words are never "corrected" into a role name.
        ("what is the school policy on phones", []),
        ("where are the security offices", []),
        # a role named by where they work or who sends them
        ("my niece says there's a cop at her elementary now", ["sro"]),
        ("can guards from a privat company carry guns", ["private_security"]),
        # a misspelt topic word is not read as a role name: "dutys" is "duties", not "deputy"
        ("what are the dutys of a campus safty officer", ["sso"]),
        # slang and descriptions from the dev sets (dev36-43)
        ("what does the school po-po do all day", ["sro"]),
        ("At the open house we saw a uniformed police officer chatting with kids.", ["sro"]),
        ("who covers the cost of the cop stationed at the middle school?", ["sro"]),
        ("There's a security officer stationed at my son's school.", ["sso"]),
        ("are the guards from the security outfit only around at night?", ["private_security"]),
    ],
)
def test_roles_in_reads_misspelt_role_names_but_not_other_words(kb, text, roles):
    assert kb.roles_in(text) == roles


def test_topic_in_and_comparison_cues(kb):
    assert kb.topic_in("so who of the two can arrest?") == "arrest"
    assert kb.topic_in("which of them gets paid by the district") == "funding"
    assert kb.topic_in("hello there") is None
    assert kb.asks_comparison("so who of the two can arrest?")
    assert not kb.asks_comparison("can they arrest my son?")


@pytest.mark.parametrize(
    "text, switches",
    [
        ("what about SSOs?", True),
        ("and the contracted guards?", True),
        ("same question for private security", True),
        ("how about the school cop at my school", True),
        ("what is an SSO?", False),
        ("what about SSOs, are they armed?", False),
        ("what about them?", False),
        ("what about the security staff the district employs?", True),
        ("what about the guards who work for the district?", False),
        ("and the rent-a-cops the district contracts with?", True),
        ("is it the same place for SROs?", True),
        ("and for SROs, is it the same place?", True),
        ("is that the same thing as an SRO?", False),
        ("is it an SRO?", False),
        # dev49: the last question again, whatever describes the role named
        ("And the rented guards from the firm that works our Friday night dances?", True),
        ("ok now give me that same rundown for the resource officers who are sworn police", True),
        ("and the SSOs who carry guns?", False),
        # dev56: "the answer be the same for"
        ("Would the answer be the same for a district security officer, like the guy who runs the front gate?", True),
        # dev57: the last question again "if" another role did it "instead"
        ("and if the SRO caught them instead?", True),
        ("if the SRO instead arrested him, what happens?", False),
        ("what about school security officers, who employs them?", False),
    ],
)
def test_only_switches_role(kb, text, switches):
    assert kb.only_switches_role(text) is switches


@pytest.mark.parametrize(
    "text, only",
    [
        ("tell me about SROs.", True),
        ("what is a CSO?", True),
        ("tell me more about SROs", False),
        ("what's the security officer at my son's school?", False),
        ("tell me about it", False),
        ("What exactly is a resource officer?", True),
        ("what even is an SSO", True),
        ("can you give me the rundown on SROs?", True),
        ("what is campus security even for", False),  # "even for": the duties
    ],
)
def test_only_asks_definition(kb, text, only):
    assert kb.only_asks_definition(text) is only


@pytest.mark.parametrize(
    "text, silent",
    [
        ("can the school cop search my sons backpack?", True),
        ("Is the campus safety officer allowed to pat down students", True),
        ("how many SROs work in our district?", True),
        ("do SROs make schools safer? be honest", True),
        ("can I be in the room when the SRO questions my kid", True),
        ("do we have to let the resource officer talk to our kid without us", True),
        ("does the SRO talk to the police about what happens at school", False),
        ("can the SRO arrest my kid?", False),
        ("who pays the SRO's salary?", False),
        ("what training do SSOs go through?", False),
        # only the question counts, not the story around it
        ("She's scared she'll end up with a record. Can the SRO arrest her for a shove?", False),
        ("There's a levy vote soon. How is an SRO funded?", False),
        ("He's 12. Can the SRO search him? Thanks", True),
        ("do SROs have to wear a uniform", True),
        ("will the high school have a resource officer next year", True),
        # "how many kinds" asks which kinds there are; a count elsewhere in it still is not covered
        ("how many kinds of security people are there at school", False),
        ("how many types of safety staff are there and how many of them are at my school", True),
        # using pepper spray on students is force; carrying it is what they may be armed with
        ("Are campus safety officers allowed to pepper spray students?", True),
        ("do SSOs carry pepper spray", False),
        # a particular district's staffing; the district in general is what the page describes
        ("Does Spokane Public Schools employ its own security officers?", True),
        ("are the guards in Yakima School District armed", True),
        ("Does the school district employ its own security officers?", False),
        # dev55: a named school's staff, not what a role does at one
        ("We're moving to Spokane this summer; does Lewis and Clark High School have its own resource officer on staff?", True),
        ("What does a School Resource Officer do at Roosevelt High School?", False),
        ("What's the total count of school resource officers statewide in Washington?", True),
        ("Do you think police officers belong in elementary schools at all?", True),
        ("Will the school call me before an SRO questions my daughter?", True),
        ("What does an SRO contract cost a district in dollars each year?", True),
        ("Do schools with SROs actually have fewer fights?", True),
        ("Do Washington public schools pay for SROs?", False),
        ("which seattle schools have private security contracts", True),
        ("which of them have arrest powers", False),
        # dev55: how to become an SRO is not on the page, where one is trained to become one is
        ("my brother-in-law wants to become an SRO out in Yakima, where would he get trained for that?", False),
        ("how do I become an SRO?", True),
        # dev56: who may open lockers, a complaint about an officer; pepper spray carried is armed
        ("Are lockers considered school property that security can open whenever they feel like it?", True),
        ("What's the process to report an officer who was rude to my daughter at the bus loop?", True),
        ("do the guards from the private firm carry anything, pepper spray, a baton, whatever?", False),
        # telling a parent is not on the page; the arrest power is
        ("Will the school call me if the SRO arrests my son?", True),
        ("does an arrest by the SRO go on a kid's permanent school record", True),
        # who a particular officer is
        ("what's the name of the school cop at our middle school?", True),
        ("do you know what his name is?", True),
        ("can u tell me about the cop at my school, his name is officer dan", False),
        # certification bodies; what colleges learn
        ("does an SRO have to be certified by NASRO", True),
        ("do colleges find out about an arrest by the SRO", True),
        ("which middle schools near olympia have armed guards", True),
        ("Does Seattle still station police officers in its high schools?", True),
        ("Does Campus Safety have arrest powers?", False),
        # searches, drug tests, grievances
        ("Can security go through a student's backpack?", True),
        ("Can a security officer drug test students?", True),
        ("Where would I lodge a grievance about how a campus safety officer treated my son?", True),
        # tackling a person is force; a problem to tackle is what they do
        ("can the SRO tackle a student who runs", True),
        ("What issues is an SRO supposed to tackle?", False),
        # numbers, opinions, contracts, liability
        ("What's the current headcount of SROs across Washington's public schools?", True),
        ("Should every high school have a police officer on site?", True),
        ("How long does a typical SRO contract with a district last?", True),
        ("If a guard from the security company injures a student, who's liable?", True),
        ("How long does SRO training take?", False),
        ("What happens to a student's record after an SRO arrest?", True),
        ("what state office issues certification to private security guards here?", True),
        ("What's the starting pay for an SRO in Washington?", True),
        ("Is there some state licensing board that private guards at schools answer to?", True),
        ("Do the resource officers at schools have to record with bodycams during the day?", True),
        ("Does the Spokane district run an in-house security department or contract it out?", True),
        ("Does the school district employ its own security officers?", False),
        # dev48: a particular school's officer
        ("Who is the resource officer assigned to Lincoln High by name?", True),
        ("Which agency assigns a resource officer to a high school?", False),
    ],
)
def test_a_question_on_a_subject_the_source_is_silent_on(kb, text, silent):
    assert kb.asks_what_is_not_covered(text) is silent


@pytest.mark.parametrize("text", ["r u AI?", "r u an AI", "am i talking to a real human right now"])
def test_asking_whether_a_person_answers(kb, text):
    assert kb.asks_if_a_person_answers(text)


def test_small_talk_in_other_words(kb):
    # dev57
    assert kb.small_talk_in("Top of the morning to ya!") == "utter_greet"
    assert kb.small_talk_in("that's exactly what I needed to know, I'm grateful") == "utter_thanks"


def test_asking_how_to_reach_someone_asks_for_the_contact(kb):
    assert kb.asks_contact("Who do I reach out to at the state office about school safety questions?")
    assert kb.asks_contact("Which number do I dial to reach the School Safety Center?")
    assert not kb.asks_contact("Who do SSOs reach out to when a student breaks the law?")
    assert kb.asks_contact("What is the best way to reach a staff member at the Safety Center?")


def test_the_question_of_a_message_is_its_asking_and_last_sentences():
    assert knowledge.question_of("My son is 12. Can they search him? I worry. Thanks") == "Can they search him? Thanks"
    assert knowledge.question_of("what is an SRO") == "what is an SRO"
    assert knowledge.question_of("I asked Mr. Okafor. Is the SRO armed?") == "Is the SRO armed?"
    assert knowledge.question_of("SRO vs. private guard: who pays?") == "SRO vs. private guard: who pays?"
    assert knowledge.question_of("keep going, notes for Mr. Okafor's class") == "keep going, notes for Mr. Okafor's class"
    # a closing sentence about the writer after a question asks nothing
    assert knowledge.question_of("what is an SRO? my teacher said it and i didnt want to ask") == "what is an SRO?"
    assert knowledge.question_of("I have a kid at Lincoln. my son says the SRO has a gun") == "my son says the SRO has a gun"
    # a bare request for help asks what the sentence before it says
    assert (
        knowledge.question_of("My daughter has a paper due. She needs a definition of an SRO. Can you help?")
        == "She needs a definition of an SRO. Can you help?"
    )
    # a question after ", but" stands without the story before it
    assert (
        knowledge.question_of("the security officer works with the SRO, but what does the security officer do?")
        == "what does the security officer do?"
    )
    assert knowledge.question_of("he is 15, but can the SRO arrest him?") == "he is 15, but can the SRO arrest him?"
    # dev30: a sentence ends after a quote closing on its stop
    assert (
        knowledge.question_of('The letter home said the SRO is "working the issue." Does the SRO have the authority?')
        == "Does the SRO have the authority?"
    )
    # dev49: and after ", so"
    assert (
        knowledge.question_of("Our levy vote is coming up in February, so who actually funds the school resource officers?")
        == "who actually funds the school resource officers?"
    )


# --- validation errors name the file, the line and the field ---------------------------


@pytest.fixture
def kb_copy(tmp_path: Path):
    """A writable copy of the knowledge base next to a copy of its source page."""
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / SOURCE.name).write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / "knowledge_base.yml"
    target.write_text(knowledge.DEFAULT_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence; return its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_a_copy_loads(kb_copy):
    assert knowledge.load(kb_copy).roles.keys() == {"sro", "sso", "private_security"}


def test_missing_file_is_reported_with_its_path(tmp_path):
    with pytest.raises(KnowledgeBaseError, match=r"nope\.yml: file: cannot be read"):
        knowledge.load(tmp_path / "nope.yml")


def test_invalid_yaml_names_the_line(kb_copy):
    line = edit(kb_copy, "  phone: 360-725-6000", "  phone: [360-725-6000")
    with pytest.raises(KnowledgeBaseError) as err:
        knowledge.load(kb_copy)
    assert err.value.field == "file" and err.value.line is not None and err.value.line >= line


def test_a_quote_not_in_the_source_is_rejected_with_field_and_line(kb_copy):
    line = edit(kb_copy, 'quote: "they do not have sworn authority', 'quote: "they do have sworn authority')
    with pytest.raises(KnowledgeBaseError) as err:
        knowledge.load(kb_copy)
    assert err.value.field == "roles.sso.facts.arrest.quote"
    assert "not found verbatim" in str(err.value)
    assert str(kb_copy) in str(err.value) and abs(err.value.line - line) <= 12


def test_an_ambiguous_name_of_an_unknown_role_is_rejected_with_its_line(kb_copy):
    edit(kb_copy, "  district cop: [sro, sso]", "  district cop: [sro, school_police]")
    with pytest.raises(KnowledgeBaseError, match=r"knowledge_base\.yml:\d+: ambiguous_names\.district cop: must list"):
        knowledge.load(kb_copy)


def test_a_missing_topic_is_rejected(kb_copy):
    text = yaml.safe_load(kb_copy.read_text())
    del text["roles"]["private_security"]["facts"]["hours"]
    kb_copy.write_text(yaml.safe_dump(text, sort_keys=False))
    with pytest.raises(
        KnowledgeBaseError, match=r"knowledge_base\.yml:\d+: roles\.private_security\.facts\.hours: is missing"
    ):
        knowledge.load(kb_copy)


def test_a_stated_fact_without_quote_is_rejected(kb_copy):
    edit(
        kb_copy,
        "      hours:\n        stated: false\n        answer: The source page does not say what hours SROs work.",
        "      hours:\n        stated: true\n        answer: SROs work school hours.",
    )
    with pytest.raises(KnowledgeBaseError, match=r"roles\.sro\.facts\.hours\.quote: is missing"):
        knowledge.load(kb_copy)


def test_wrong_types_and_duplicate_aliases_are_rejected(kb_copy):
    edit(kb_copy, "    short_for_all: false", "    short_for_all: maybe")
    with pytest.raises(KnowledgeBaseError, match=r"topics\.definition\.short_for_all: must be true or false"):
        knowledge.load(kb_copy)
    edit(kb_copy, "    short_for_all: maybe", "    short_for_all: false")
    edit(kb_copy, "      - rent-a-cop", "      - school cop")
    with pytest.raises(
        KnowledgeBaseError, match=r"roles\.private_security\.aliases: 'school cop' is also an alias of sro"
    ):
        knowledge.load(kb_copy)


def test_same_as_must_name_a_topic_before_it(kb_copy):
    line = edit(kb_copy, "        same_as: definition", "        same_as: hours")
    with pytest.raises(KnowledgeBaseError) as err:
        knowledge.load(kb_copy)
    assert err.value.field == "roles.private_security.facts.duties.same_as"
    assert "must name a topic listed before duties" in str(err.value) and abs(err.value.line - line) <= 2


@pytest.mark.parametrize(
    "old, new, error",
    [
        (
            "not_covered_with_topic:\n  arrest:",
            "not_covered_with_topic:\n  arests:",
            r"not_covered_with_topic: unknown topic\(s\) \['arests'\]",
        ),
        ("not_covered_patterns:\n  - '", "not_covered_patterns:\n  - '(", r"not_covered_patterns: bad regular expression"),
        ("    patterns:\n      - '", "    patterns:\n      - '(", r"topics\.employer\.patterns: bad regular expression"),
        ("    described_by:\n      - '", "    described_by:\n      - '(", r"roles\.sso\.described_by: bad regular expression"),
        ("    employed_by: '", "    employed_by: '(", r"roles\.sso\.employed_by: bad regular expression"),
        ("|from) {employer}", "|from) the district", r"described_as_employed: must hold \{employer\}"),
        ("  phone: 360-725-6000", "  phone: 360-725-6001", r"contact\.phone: is not found"),
        (
            "    qualifiers: [which agency, what agency, which organization, what organization]",
            "    qualifiers: which agency",
            r"topics\.employer\.qualifiers: must be a list",
        ),
        ("greeting_openers: [hello,", "greeting_openers: hello [", r"greeting_openers: must be a list"),
    ],
)
def test_a_broken_field_is_rejected_with_its_name(kb_copy, old, new, error):
    edit(kb_copy, old, new)
    with pytest.raises(KnowledgeBaseError, match=error):
        knowledge.load(kb_copy)


@pytest.mark.parametrize(
    "text, topics",
    [
        ("who hirs the school security oficers", ["employer"]),
        ("can a SRO arest my kid??", ["arrest"]),
        ("r private securty guards armd", ["armed"]),
        # a correction keeps the first letter, and English words stay as written
        ("sso meening", []),
        ("what does pais mean", []),
    ],
)
def test_topics_in_reads_misspelt_keywords(kb, text, topics):
    assert kb.topics_in(text) == topics


@pytest.mark.parametrize(
    "text, topics",
    [
        # a qualifier names its topic only when no other topic is named (dev42-44)
        ("do school secruity officers cary guns on the job", ["armed"]),
        ("Identify the organization that places a School Resource Officer on duty at a given school campus.", ["employer"]),
        ("when are they usually on the job?", ["hours"]),
        # dev48, dev43, dev38: "allowed to do" asks the duties only alone
        ("what is the SSO allowed to do", ["duties"]),
        ("what's the SSO allowed to do if a kid is breaking the law on campus, hold them?", ["arrest"]),
        ("what's the school po-po allowed to do, can they bust kids", ["arrest"]),
        ("Is it the SRO's job to arrest kids?", ["arrest"]),
        ("what is the SROs job?", ["duties"]),
        ("I'm thinking of applying. Who would I actually be working for if I got the job?", ["employer"]),
        # dev49: a time or an event sets the scene of a question on another topic
        (
            "may a district-employed School Security Officer be armed while supervising, for instance, "
            "a Friday evening volleyball tournament?",
            ["armed"],
        ),
        ("can the guards at Friday night dances arrest anyone?", ["arrest"]),
        ("do SROs work football games?", ["hours"]),
        # dev30: "the students responsible" are no duties
        ("Does the SRO have the authority to arrest the students responsible?", ["arrest"]),
        ("what are SROs responsible for?", ["duties"]),
        ("are SSOs there on weekends", ["hours"]),
        # dev56: a normal day, alone, asks the duties
        ("What does each of the three kinds of school safety staff do on a normal day?", ["duties"]),
        ("are SSOs armed on a normal day?", ["armed"]),
        # dev55
        ("What would those contracted security personnel typically do?", ["duties"]),
        ("who covers the paychecks for those SSOs, the district or somebody else?", ["funding"]),
    ],
)
def test_a_qualifier_names_its_topic_only_alone(kb, text, topics):
    assert kb.topics_in(text) == topics


def test_topic_keywords_inside_a_role_name_do_not_count(kb):
    assert kb.topic_in("is a resource officer basically the same thing as a hired security guard?") is None
    assert kb.topic_in("which one works for the district?") == "employer"


@pytest.mark.parametrize(
    "text, topics",
    [
        ("so the deputy comes from the sherriffs office?", ["employer"]),
        ("does the sheriff's department pay for the SRO?", ["employer", "funding"]),
        # the role name alone is still no topic
        ("is the sheriff's deputy at school a real cop?", ["arrest"]),
    ],
)
def test_a_keyword_holding_a_role_name_counts(kb, text, topics):
    assert kb.topics_in(text) == topics


@pytest.mark.parametrize(
    "text, topics",
    [
        ("wen do privat securty gaurds work", ["hours"]),
        ("hw many hrs does a sro work a day", ["hours"]),
        ("when do the security guards from those private companies work?", ["hours"]),
        ("when do private security work vs the SRO", ["hours"]),
        # only when no keyword is found otherwise
        ("when do SSOs work with the police?", ["works_with"]),
    ],
)
def test_a_keyword_is_read_through_a_role_name_said_as_they(kb, text, topics):
    assert kb.topics_in(text) == topics


@pytest.mark.parametrize(
    "text, topics",
    [
        ("can the school security guard who works for the district detain my son?", ["arrest"]),
        ("are the private guards the district hired carrying guns?", ["armed"]),
        ("who pays for the security company our school hired?", ["funding"]),
        # the clause is all the question asks, or it asks with a modal verb
        ("is the SRO the one who works for the sheriff?", ["employer"]),
        ("is it the SRO that can arrest kids?", ["arrest"]),
        ("does the SRO who works for the city get trained at the academy?", ["training"]),
        # who employs or sends them, said before the name, is part of the name
        ("How is private security different from a district-employed security officer?", []),
        ("Police-assigned SRO or district-hired SSO: which has sworn authority to arrest?", ["arrest"]),
        ("who hires district-employed security officers?", ["employer"]),
    ],
)
def test_a_clause_that_says_which_staff_member_is_meant_is_not_the_topic(kb, text, topics):
    assert kb.topics_in(text) == topics


@pytest.mark.parametrize(
    "text, asks",
    [
        ("who are the guards in black shirts at the basketball games?", True),
        ("whos that security guard by the door", True),
        ("who are those security guards?", True),
        ("who is the SRO employed by?", False),
        ("who's the SRO partnering with on a normal school day?", False),
        ("whos the SRO's bos, the sherif?", False),
    ],
)
def test_asking_who_the_staff_seen_somewhere_are(kb, text, asks):
    assert kb.asks_who_a_role_is(text) is asks


def test_on_duty_asks_when_they_work_not_what_they_do(kb):
    assert kb.topics_in("is the campus safety officer on duty at football games?") == ["hours"]
    assert kb.topics_in("what duty equipment does the SRO carry?") == ["armed"]
    assert kb.topics_in("what are the SRO's duties?") == ["duties"]


@pytest.mark.parametrize(
    "text, topics",
    [
        # "carry" asks about weapons, unless it is part of the longer duties keyword "carry out"
        ("are they allowed to carry?", ["armed"]),
        ("what tasks does a campus safety officer carry out at school", ["duties"]),
        # dev42: "shift" asks when they work, unless it is part of the qualifier "during a shift"
        ("Under what circumstances may a School Security Officer be armed during a shift?", ["armed"]),
        ("what shift does the SRO work", ["hours"]),
        ("what does the SRO do during a shift", ["duties"]),
    ],
)
def test_a_keyword_inside_a_longer_keyword_or_a_qualifier_is_part_of_it(kb, text, topics):
    assert kb.topics_in(text) == topics


@pytest.mark.parametrize(
    "text, topic",
    [
        ("is the security man there to keep everybody safe?", "duties"),
        ("can the campus safety man make me stay in the office", "arrest"),
        ("SRO or private security, which one is an actual cop", "arrest"),
        ("who's cutting the checks for the school cop", "funding"),
        ("is the school cop there to catch bad guys", "duties"),
        ("what problems is the SRO supposed to tackle", "duties"),
        ("can security have tasers", "armed"),
        ("is the SRO packing", "armed"),
        ("when do they work", "hours"),
        ("who does he report to?", "employer"),
        ("what's the resource deputy's whole gig?", "duties"),
        ("does the security guy tell the police stuff", "works_with"),
        ("the district posted a job opening for a safety and security specialist, what is that?", "definition"),
        ("safety and security specialist?? what kinda job is that", "definition"),
        ("are sso's gonna be at the schol dance", "hours"),
        ("do school security officers and resource officers both go through the CJTC?", "training"),
        ("Are SROs specifically trained in mental health crisis response?", "training"),
        ("can the security people from the company take us in or hold us", "arrest"),
        ("who's cutting the check for the school cop at our place?", "funding"),
        ("Is he there all day?", "hours"),
        ("is the resource officer at the school full time?", "hours"),
        ("who's shelling out the cash for the school cop, the city or the district?", "funding"),
        ("what is the resource deputy at the high school even supposed to be handling?", "duties"),
        ("where do SSOs learn about first aid?", "training"),
        # dev48
        ("What kind of agency places a School Resource Officer at a particular school building?", "employer"),
        ("what's a school security officer allowed to do on the job", "duties"),
        # dev54: a choice between employers
        ("is the SRO usually a sheriff's deputy or a city cop", "employer"),
        ("is our SRO from the police or from the school", "employer"),
        ("is the guard from a company or the district?", "employer"),
        # …which gives way to a topic named by a keyword
        ("who's shelling out the cash for the school cop, the city or the district?", "funding"),
    ],
)
def test_everyday_words_for_a_topic(kb, text, topic):
    assert kb.topics_in(text) == [topic]


@pytest.mark.parametrize(
    "text, topics",
    [
        ("what time does the bus come", []),
        ("what time do the guards come", ["hours"]),
        ("does securty stay after school", ["hours"]),
        ("who pays them", ["funding"]),
    ],
)
def test_an_hours_keyword_counts_only_about_someone(kb, text, topics):
    assert kb.staff_topics_in(text) == topics


def test_calling_the_real_police_is_working_with_them_not_being_them(kb):
    text = "does the hall security guard call the real police sometimes"
    assert kb.topics_in(text) == ["works_with"]
    assert not kb.asks_identity(text)
    assert kb.asks_identity("is the hall security guard the real police")


@pytest.mark.parametrize(
    "text, asks",
    [
        ("my friend said the SRO works for the sheriff is that true", True),
        ("the guards are from a company right", True),
        ("There's a security officer at my son's school.", False),
        # dev44: a request worded as an instruction
        ("Identify the organization that places a School Resource Officer on duty at a given school campus.", True),
        # dev49: a polite instruction inside the sentence
        ("For our board minutes, please specify which agency assigns a School Resource Officer to a campus.", True),
        # a greeting or an interjection may open the question (knowledge_base.yml: question_prefixes)
        ("hey is the campus security guy armed", True),
        ("good morning who pays for the SRO", True),
        ("um so which one of them can arrest", True),
        ("hey there's a new guard at my kid's school", False),
    ],
)
def test_a_statement_ending_in_a_check_or_an_instruction_asks(kb, text, asks):
    assert kb.asks(text) is asks


@pytest.mark.parametrize(
    "text, asks",
    [("who should I talk to about the security guards?", True), ("what's the email", True), ("who do SSOs talk to", False)],
)
def test_asking_how_to_reach_a_person(kb, text, asks):
    assert kb.asks_contact(text) is asks
