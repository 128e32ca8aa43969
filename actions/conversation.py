"""Decide what to answer from the understood message and what the conversation remembers.

Pure Python (no Rasa import). The Rasa action feeds in the intent, the roles found in
the message and the remembered slots; it gets back a Plan and the memory to store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from actions import spelling
from actions.knowledge import (
    WH_WORDS,
    KnowledgeBase,
    clauses,
    in_question_first,
    normalize,
    opens_with,
    question_of,
)

OVERVIEW = "overview"  # a comparison of the roles as a whole, not on one topic
# A bare "how do I do that?" asks how to do what the sentence before it says.
_DO_THAT = re.compile(r"^\W*how (?:do|can|would|should) (?:i|we) (?:do|go about) (?:that|this|it)\W*$", re.IGNORECASE)
COMPARE_INTENT = "compare"
MORE_INTENT = "tell_more"
ROLE_INTENT = "inform_role"
FALLBACK_INTENT = "nlu_fallback"
NOT_COVERED_INTENT = "ask_not_covered"
CONTACT_INTENT = "ask_contact"
# A question whether a role is the police asks what it is and whether it can arrest.
IDENTITY_TOPICS = ("arrest", "definition")
# Who hired a role and when it is there are how people introduce it ("The district hired a security
# company for our games.", "There's a guard from a security firm at all the football games."), and
# every role's definition says who employs it: such a statement is explained.
INTRODUCING_TOPICS = frozenset({"employer", "hours"})
# A question ending on a preposition asks for whom its topic keyword points at ("who are those
# guards hired through?"), whatever "who are those" suggests.
_ASKS_AFTER_TOPIC = re.compile(r"\b(?:through|by|for|from|with)\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class Memory:
    """What the slots remember between turns."""

    role: str | None = None
    compared: tuple[str, ...] = ()
    topic: str | None = None


@dataclass(frozen=True)
class Plan:
    kind: Literal["answer", "compare", "more", "ask_role", "not_covered", "off_topic", "contact"]
    topic: str
    roles: tuple[str, ...] = field(default_factory=tuple)
    also: tuple[str, ...] = ()  # further topics an answer states after `topic`

    def memory(self, before: Memory | None = None) -> Memory:
        """What to remember after giving this answer, given what was remembered `before`.

        After a single-role answer the roles discussed last stay as the pair "those two"
        refers to: "who employs SSOs?" - "and the SRO?" - "how are those two funded?".
        """
        before = before or Memory()
        if self.kind in ("not_covered", "contact"):
            return before
        if self.kind == "answer" or (self.kind == "more" and len(self.roles) == 1):
            role = self.roles[0]
            if before.role and before.role != role:
                pair: tuple[str, ...] = (before.role, role)
            else:
                pair = before.compared if role in before.compared else ()
            return Memory(role=role, compared=pair, topic=self.topic)
        if self.kind in ("compare", "more"):
            return Memory(compared=self.roles, topic=None if self.topic == OVERVIEW else self.topic)
        return Memory(topic=self.topic)


def asked_topic(kb: KnowledgeBase, text: str, read: str | None = None) -> str | None:
    """The one topic the question names, where it outweighs DIET's reading `read`: always in the
    question of a story ("I coach volleyball and we host evening tournaments. Are those private
    guards armed?"); in a lone question over DIET's topic ("who do those private security people
    actually work for" read as arrest -> employer) or over no topic in a question naming a role
    ("is the resource deputy from the sheriff's office?" read as naming it -> employer); not over
    "what is it?" in a question asking just that ("our school hired a security company, what
    does that mean?"), nor over a topic in a question whether a role is the police ("does campus
    security talk to the real police"): that reading stands. A question naming a role and no
    topic but asking what it is gets the definition (in a story, "what is" is enough)."""
    question = question_of(text)
    if kb.asks_who_a_role_is(question):
        return "definition"
    if question == text and (
        # a statement naming a role asks nothing yet; a question naming none may be off topic
        (read is None and not (kb.asks(question) and kb.roles_in(question)))
        # "…, what does that mean?", but not "…, who are those guards hired through?"
        or (read == "definition" and kb.asks_definition(question, broad=False) and not _ASKS_AFTER_TOPIC.search(question))
        # "talk to the real police" is not arrest; "what does the police officer … spend their time on" asks duties
        or (read != "definition" and kb.asks_identity(question) and not opens_with(question, WH_WORDS))
    ):
        return None
    clause = kb.asking_clause(question)
    asked = kb.topics_in(clause)  # the clauses before it tell a story, which must not steer
    # after a story, in its sentence or before it, a bare "what is" asks what the role is
    broad = question != text or clause != question or kb.opens_what_is_a(clause)
    if not asked and in_question_first(kb.roles_in, text) and kb.asks_definition(question, broad=broad):
        # the story steers DIET: "…Nobody knew. What exactly is a private security firm's role?";
        # a lone question is steered by its words ("How does Washington define the role of an
        # SRO?"), or opens asking what a role is ("what's a CSO even, asking for my cousin")
        return "definition"
    return asked[0] if len(asked) == 1 else None


def plan_over_not_covered(kb: KnowledgeBase, text: str, mentioned: list[str], memory: Memory) -> Plan | None:
    """The answer to give although DIET read "not covered", or None to say it is not covered
    (always when the message names a subject the source is silent on): the one topic the
    question of a story names, or of a lone question naming a role ("can campus security hold
    onto a student who broke the law" -> arrest, "wher do SSOs and SROs get traned" ->
    training) or of a question pointing at the role just discussed ("are they allowed to arrest
    students though?") or at a staff member ("can officer ramirez arrest me for real"); what a role is for a request only to explain it ("tell me about SSOs"), and
    whether it is the police for a question asking that; all
    roles as a whole for a question asking which kinds of staff there are
    ("what categories of safety and security personnel may be found in Washington schools?");
    what a role is for a statement that only names it ("Our school just got an SRO this year.")."""
    if _asks_more_of_last_answer(kb, question_of(text), mentioned, memory):
        return plan(kb, MORE_INTENT, text, mentioned, memory)
    if kb.asks_what_is_not_covered(text):
        return None
    more = more_of_last_answer(kb, text, mentioned, memory)
    if more:
        return more
    question = question_of(text)
    if not mentioned and kb.asks_contact(question):
        # "Who should I get in touch with at the state level about school safety?", but not "Roughly
        # what number of SROs are posted in Washington schools?"
        return Plan("contact", "")
    points = kb.points_at_someone(question)  # at the role just discussed, or at a staff member
    topic = _only_topic(kb, question) if question != text or mentioned or points else None
    if topic:
        return plan(kb, kb.topics[topic].intent, text, mentioned, memory)
    if len(mentioned) == 1 and (
        kb.only_asks_definition(question) or kb.asks_identity(question) or _asks_to_explain(kb, question)
    ):
        # "tell me about SSOs"; "How would you characterize a contracted private security provider…?";
        # "Is an SRO a commissioned law enforcement officer?" (`plan` answers it as such)
        return plan(kb, kb.topics["definition"].intent, text, mentioned, memory)
    if kb.asks_overview(question) or (len(mentioned) >= 2 and kb.only_asks_definition(question)):
        # all roles as a whole, or those named: "a side-by-side overview of SROs and SSOs"
        return plan(kb, COMPARE_INTENT, text, mentioned, memory)
    if introduces_role(kb, text, mentioned):
        return plan(kb, ROLE_INTENT, text, mentioned, memory)
    return None


def off_topic_over_not_covered(kb: KnowledgeBase, text: str, mentioned: list[str], memory: Memory) -> bool:
    """Whether a message DIET read as "not covered" is off topic instead: at the start of a
    conversation it names no role, no topic, no subject the source is silent on and no way to
    reach anyone ("any good pizza places near the high school?")."""
    return not (
        mentioned
        or memory.role
        or memory.compared
        or kb.topics_in(text)
        or kb.asks_what_is_not_covered(text)
        or kb.mentions_contact(text)  # "…does the Safety Center have a TTY number he can use?"
    )


# A message this long, nearly all in English words, that names nothing of the staff is a request
# for something else ("Compose a haiku about a sleepy cat on a windowsill."), whatever DIET is
# unsure of or reads ("contact"); shorter or garbled ones ("zxqv blorp", "wat abt skool securty")
# may be questions.
OFF_TOPIC_MIN_WORDS = 5
OFF_TOPIC_MIN_ENGLISH = 0.9


def plainly_off_topic(kb: KnowledgeBase, text: str, mentioned: list[str], memory: Memory) -> bool:
    """Whether a first message is off topic rather than a garbled question: it has at least
    `OFF_TOPIC_MIN_WORDS` words, `OFF_TOPIC_MIN_ENGLISH` of them English, and names no role,
    topic, person, comparison, way to reach someone, small talk or subject the source is silent on."""
    words = normalize(text).split()
    if len(words) < OFF_TOPIC_MIN_WORDS or mentioned or memory.role or memory.compared:
        return False
    if (
        kb.staff_topics_in(text)
        or kb.points_at_someone(text)
        or kb.asks_comparison(text)
        or kb.asks_overview(text)
        or kb.mentions_contact(text)
        or kb.chats(text)
        or kb.asks_what_is_not_covered(text)
    ):
        return False
    english = spelling.english_words()
    return sum(word in english for word in words) >= OFF_TOPIC_MIN_ENGLISH * len(words)


def more_of_last_answer(kb: KnowledgeBase, text: str, mentioned: list[str], memory: Memory) -> Plan | None:
    """The detail of the last answer for a request for more that DIET read as off topic or not
    covered ("could you flesh that out for me some more?", "can you tell me more about how that
    money works" after who funds SROs): no role and no other topic named, nothing compared."""
    question = question_of(text)
    if mentioned or not (memory.role or memory.compared) or set(kb.staff_topics_in(question)) - {memory.topic}:
        return None
    if kb.asks_more(question) and not kb.asks_comparison(question):
        return plan(kb, MORE_INTENT, text, mentioned, memory)
    return None


def plan_over_out_of_scope(kb: KnowledgeBase, text: str, mentioned: list[str]) -> Plan | None:
    """What to say instead of "off topic" (or the contact) to a message DIET read so, or None: "not covered" to a
    question naming a role on a subject the source is silent on ("What's the recommended ratio
    of security staff to students?"); all roles as a whole to a question asking which kinds of
    staff there are ("what kinds of grown ups keep us safe at school"). A not-covered question
    pointing at staff without naming a role is not covered too."""
    question = question_of(text)
    if kb.asks_what_is_not_covered(text):
        # "…before an officer interviews a student?" points at staff without naming a role
        return Plan("not_covered", "") if mentioned or kb.points_at_someone(question) else None
    if kb.asks_overview(question):
        return Plan("compare", OVERVIEW, tuple(kb.roles))
    if len(mentioned) == 1 and kb.asks(question):
        # a question naming one role is on topic: "how do you learn to be a security guard at a
        # school when you grow up" (training), "can you tell me about SROs for my class project"
        topic = _only_topic(kb, question)
        if topic or _asks_to_explain(kb, question):
            return _stated_as_identity(kb, question, Plan("answer", topic or "definition", (mentioned[0],)))
    return None


def _asks_more_of_last_answer(kb: KnowledgeBase, question: str, mentioned: list[str], memory: Memory) -> bool:
    """Does the question open by asking for more of the last answer, naming no role ("please go on
    about the hiring piece, I'm writing it up for our PTA newsletter")?"""
    return (
        not mentioned
        and bool(memory.role or memory.compared)
        and memory.topic is not None
        and kb.asks_more_of(question, memory.topic)
    )


def _names_twice(kb: KnowledgeBase, question: str, role: str) -> bool:
    """Does the question name `role` by two of its names ("is campus safety just another name
    for school security?")?"""
    return len({name for name, named in kb.names_in(question) if named == role}) > 1


def _only_topic(kb: KnowledgeBase, question: str) -> str | None:
    asked = kb.topics_in(question)
    return asked[0] if len(asked) == 1 else None


def _compared_topic(kb: KnowledgeBase, text: str, question: str) -> str | None:
    """The topic the question compares, else one its story names by a keyword: a time or event in
    the story only sets the scene ("At back-to-school night I met both …, so what distinguishes
    one from the other?")."""
    if question == text:
        return kb.topic_in(text)
    return kb.topic_in(question) or next(iter(kb.topics_in(text, qualified=False)), None)


def _asks_to_explain(kb: KnowledgeBase, question: str) -> bool:
    """A request to explain a role with words around it and no topic ("can you tell me about
    the security officers at my school for a class project")."""
    return kb.asks_definition(question, broad=False) and not kb.topics_in(question)


def plan(kb: KnowledgeBase, intent: str, text: str, mentioned: list[str], memory: Memory) -> Plan:
    """Choose the answer for one user turn (see `_plan`); an answer to whether a role is the
    police states the arrest fact and the definition, for each role compared ("SRO or campus
    safety, which one is the actual cop?") as for one."""
    return _stated_as_identity(kb, question_of(text), _plan(kb, intent, text, mentioned, memory))


def _stated_as_identity(kb: KnowledgeBase, question: str, chosen: Plan) -> Plan:
    """`chosen`, or for a question whether a role is the police its arrest fact and definition."""
    if chosen.kind == "compare" and chosen.topic in (*IDENTITY_TOPICS, OVERVIEW) and kb.asks_identity(question):
        return Plan("compare", IDENTITY_TOPICS[0], chosen.roles, also=IDENTITY_TOPICS[1:])
    if (
        chosen.kind == "answer"
        and kb.asks_identity(question)
        and (
            chosen.topic in IDENTITY_TOPICS
            or (kb.asks_as_identity_question(question) and set(kb.topics_in(question)) <= {IDENTITY_TOPICS[0]})
            # "wats an SRO do they count as reel police": what it is and whether it is the police
            or (kb.asks_definition(question) and not kb.topics_in(question))
        )
    ):
        return Plan("answer", IDENTITY_TOPICS[0], chosen.roles, also=IDENTITY_TOPICS[1:])
    return chosen


def _plan(kb: KnowledgeBase, intent: str, text: str, mentioned: list[str], memory: Memory) -> Plan:
    """Choose the answer for one user turn.

    `mentioned` are the role ids named in the message, in order. Roles named now win over
    remembered ones; a remembered single role answers follow-ups ("are they armed?"); with no
    role at all, short answers are given for every role and long ones ask which role is meant,
    unless nothing in the question is about the staff (off topic).
    A question about something the source is silent on, or asking for legal advice, is never
    answered from a topic ("can the SRO search his backpack?", "should I get him a lawyer?").
    """
    all_roles = tuple(kb.roles)
    question = question_of(text)  # a story around the question must not steer the answer
    if intent != MORE_INTENT and _asks_more_of_last_answer(kb, question, mentioned, memory):
        # "keep going on the money side of that, … before the vote": the rest is about the writer
        return _plan(kb, MORE_INTENT, clauses(question)[0], mentioned, memory)
    if kb.asks_what_is_not_covered(text):
        return Plan("not_covered", "")
    if kb.asks_contact(question) or (_DO_THAT.match(question) and kb.asks_contact(text)):
        # "I'd like to reach someone at the state's school safety office. How do I do that?"
        return Plan("contact", "")
    if intent != MORE_INTENT and kb.asks_overview(kb.asking_clause(question)):
        return Plan("compare", OVERVIEW, all_roles)
    if intent != MORE_INTENT and text.rstrip().endswith((".", "!")) and introduces_role(kb, text, mentioned):
        # a closed sentence that only names a role, whatever DIET read into it (unclosed
        # questions without an opener look the same: "wat do skool securty ppl do all day")
        intent = ROLE_INTENT
    if len(mentioned) == 1 and memory.topic and kb.only_switches_role(question):
        # "what about SSOs?", "does the security guard?": the last question, for another role
        return Plan("answer", memory.topic, (mentioned[0],))
    if len(mentioned) == 1 and kb.only_asks_definition(question):
        # "tell me about SSOs": what the role is, however unsure DIET is
        return Plan("answer", "definition", (mentioned[0],))
    if (
        len(mentioned) == 1
        and _names_twice(kb, question, mentioned[0])
        and (intent == COMPARE_INTENT or kb.asks_comparison(question))
        and not kb.topics_besides_comparison(question)
    ):
        # two names of one role compared ("is a campus safety officer the same job as a school
        # security officer?"): its definition says what it is also called
        return Plan("answer", "definition", (mentioned[0],))
    if (
        not mentioned
        and (memory.role or memory.compared)
        and memory.topic is not None
        and (
            kb.topic_for_intent(intent) == memory.topic
            or (kb.opens_with_more(question) and not kb.topics_in(question))
        )
        and kb.asks_more(question)
        and not kb.asks_comparison(question)
    ):
        # "Tell me more about what they do." after what SSOs do: the detail, not the same answer
        # again; "keep going, I'm taking notes for …" whatever topic DIET read into the rest
        intent = MORE_INTENT
    if intent == MORE_INTENT:
        roles = (memory.role,) if memory.role else memory.compared
        topic = memory.topic or "definition"
        if len(mentioned) == 1 and not memory.role and mentioned[0] in memory.compared:
            # "tell me more about the SSO one": after the overview what it is, after a comparison
            # the detail of its part
            return Plan("more" if memory.topic else "answer", topic, tuple(mentioned))
        if not roles and mentioned:
            # "what's the short version on private security outfits" with nothing said yet: what it is
            return _plan(kb, COMPARE_INTENT if len(mentioned) > 1 else kb.topics[topic].intent, text, mentioned, memory)
        if not roles and plainly_off_topic(kb, text, mentioned, memory):
            # nothing said yet to tell more of: "Compose a haiku about a sleepy cat on a windowsill."
            return Plan("off_topic", topic)
        return Plan("more", topic, roles) if roles else Plan("ask_role", topic)

    if intent == COMPARE_INTENT:
        # "how is that different from the SRO?" compares what was just answered
        topic = _compared_topic(kb, text, question) or (memory.topic if kb.refers_back(question) else None) or OVERVIEW
        if len(mentioned) >= 2:
            return Plan("compare", topic, tuple(mentioned))
        if len(mentioned) == 1 and not memory.role and topic != OVERVIEW and not kb.asks_comparison(question):
            # DIET read a comparison into a question about one role: "is the security guard a cop?"
            return Plan("answer", topic, (mentioned[0],))
        if len(mentioned) == 1:
            others = (
                [memory.role]
                if memory.role and memory.role != mentioned[0]
                else [r for r in all_roles if r != mentioned[0]]
            )
            return Plan("compare", topic, (mentioned[0], *others))
        about_staff = kb.staff_topics_in(text) or kb.points_at_someone(text) or kb.asks_comparison(text)
        if not (memory.compared or about_staff or kb.asks_overview(text)):
            # "Which building in Olympia houses the Safety Center?" asks for the contact
            return Plan("contact", "") if kb.mentions_contact(text) else Plan("off_topic", topic)
        return Plan("compare", topic, memory.compared or all_roles)

    read = kb.topic_for_intent(intent)
    topic = asked_topic(kb, text, read) or read or memory.topic or "definition"
    if len(mentioned) >= 2 and kb.only_asks_definition(question):
        return Plan("compare", OVERVIEW, tuple(mentioned))  # "Give me a side-by-side of SROs and private security firms."
    if len(mentioned) >= 2:
        return Plan("compare", topic, tuple(mentioned))
    if len(mentioned) == 1 and memory.role not in (None, mentioned[0]) and kb.names_partner(question):
        # "do they do anything with SROs?": "they" are the role just discussed, the SROs their partner
        return Plan("answer", topic, (memory.role,))
    if len(mentioned) == 1 and memory.role not in (None, mentioned[0]) and kb.asks_comparison(question):
        # "are they trained at the same place as SROs?" - "they" are the role just discussed
        return Plan("compare", topic, (memory.role, mentioned[0]))
    if len(mentioned) == 1:
        return Plan("answer", topic, (mentioned[0],))
    if kb.asks_comparison(question) and intent != ROLE_INTENT:
        return Plan("compare", topic, memory.compared or all_roles)
    if memory.role:
        return Plan("answer", topic, (memory.role,))
    if memory.compared:
        return Plan("compare", topic, memory.compared)
    # Facts for every role only when the question names its topic (or a button chose it):
    # DIET reads a topic into anything ("When is picture day?", "what time does the bus come?" -> hours).
    named = kb.staff_topics_in(question)
    if kb.topics[topic].short_for_all and (topic in named or text.startswith("/")):
        return Plan("compare", topic, all_roles)
    if not (named or kb.points_at_someone(question) or text.startswith("/")):
        return Plan("off_topic", topic)
    return Plan("ask_role", topic)


# Longer messages with a thanks in them ("thanks, my son's school has two guards and …") say more,
# unless they open and close with small talk ("That covers everything for me, off to pick up my kids
# now. Take care!").
SMALL_TALK_MAX_WORDS = 12
# The reply to whether a person answers; the contact follows it, as in the bot-challenge rule.
BOT_RESPONSE = "utter_iamabot"
GREET_RESPONSE = "utter_greet"
THANKS_RESPONSE = "utter_thanks"


def small_talk(kb: KnowledgeBase, text: str, mentioned: list[str]) -> str | None:
    """The domain response to a greeting, thanks or goodbye DIET did not read as such ("yo
    chatbot", "Much obliged to you", "hey hey, evening from a tired parent"), or to a question
    whether a person answers ("Is this an automated assistant or a staff member?"), or None: no
    greeting, thanks or goodbye in one asking anything (a topic word may be part of it: "enjoy the
    rest of your evening"), and for a message naming a role only a thanks for the last answer
    ("cheers, that cleared up the whole SRO versus security thing for me")."""
    if mentioned:
        thanks = opens_with(text, kb.small_talk[THANKS_RESPONSE]) and kb.refers_back(text) and not kb.asks(text)
        return THANKS_RESPONSE if thanks else None
    if kb.asks_if_a_person_answers(text):
        return BOT_RESPONSE
    if kb.asks(text):
        return None
    greets = opens_with(text, kb.greeting_openers)
    if len(text.split()) > SMALL_TALK_MAX_WORDS and not (
        # a longer greeting names nothing the assistant answers ("hi there! first time using this
        # thing, my neighbor from the PTA sent me the link")
        greets and not (kb.topics_in(text) or kb.asks_what_is_not_covered(text))
    ):
        parts = clauses(text)
        if not (len(parts) > 1 and kb.small_talk_in(parts[0]) and kb.small_talk_in(parts[-1])):
            return None
    return kb.small_talk_in(text) or (GREET_RESPONSE if greets else None)


def introduces_role(kb: KnowledgeBase, text: str, mentioned: list[str]) -> bool:
    """A statement that names one role and asks nothing yet ("There's a security officer at my
    son's school.", "Our school hired a private security firm."): DIET's readings of it
    scatter, but it only tells which role the next question is about, so the role is explained
    (or, after a question, "and the SRO." answers the remembered topic for it) instead of
    asking "Did you mean …?"."""
    return (
        len(mentioned) == 1
        and not kb.asks(text)
        and set(kb.topics_in(text)) <= INTRODUCING_TOPICS
        and not kb.asks_comparison(text)
        and not kb.asks_what_is_not_covered(text)
    )


def _fallback_threshold(ranking: list[tuple[str, float]]) -> float | None:
    """The confidence of `nlu_fallback`, which is the FallbackClassifier's threshold."""
    return next((c for name, c in ranking if name == FALLBACK_INTENT), None)


# Both replies give the Safety Center's contact (the bot answer says how to reach a person).
CONTACT_READINGS = frozenset({CONTACT_INTENT, "bot_challenge"})
# The plans of readings that answer no topic: "Which number do I dial to reach the School Safety
# Center?" read 0.55 compare (the contact, by its cue) and 0.45 ask_contact is one answer.
READING_PLANS = {NOT_COVERED_INTENT: Plan("not_covered", ""), CONTACT_INTENT: Plan("contact", "")}


def wants_contact(ranking: list[tuple[str, float]]) -> bool:
    """An unclear message whose two best readings both lead to the contact and together reach
    the fallback threshold: "Can I talk to a real person about this?" read 0.42 ask_contact,
    0.41 bot_challenge."""
    threshold = _fallback_threshold(ranking)
    best = [(name, c) for name, c in ranking if name != FALLBACK_INTENT][:2]
    return (
        threshold is not None
        and bool(best)
        and all(name in CONTACT_READINGS for name, _ in best)
        and sum(c for _, c in best) >= threshold
    )


def readings(ranking: list[tuple[str, float]]) -> list[str]:
    """DIET's intents best first, without the fallback's own entry."""
    return [name for name, _ in ranking if name != FALLBACK_INTENT]


def may_be_emergency(ranking: list[tuple[str, float]]) -> bool:
    """An unclear message whose best reading is an emergency keeps its "someone is in danger" button."""
    return readings(ranking)[:1] == ["emergency"]


def agreed_plan(
    kb: KnowledgeBase, ranking: list[tuple[str, float]], text: str, mentioned: list[str], memory: Memory
) -> Plan | None:
    """The answer that most readings of an unclear message lead to, when they carry enough weight.

    Rasa's FallbackClassifier reports `nlu_fallback` with its threshold as the confidence.
    Readings that lead to the same answer pool their confidence: "what's the security officer
    at my son's school?" read 0.38 inform_role and 0.30 ask_definition, both the SSO definition.
    The pooled answer is given when it reaches the threshold and outweighs any other answer
    twice; otherwise (and for a possible emergency, which comes with confidence 1.0) None.
    Before pooling, unless it may be an emergency: "more info pls" after an answer gives its
    detail (`KnowledgeBase.only_asks_more`); a statement that only names a role is
    explained (`introduces_role`), a question naming no role that asks which kinds of staff there
    are gets the overview, and a request only to explain a role is explained ("tell me abt
    private securty at schools plz" read 0.30 ask_arrest_powers, 0.21 ask_employer); a message
    that names one role and one topic gets that topic when it is one of DIET's two best readings ("who hires school security officers?"),
    or when the message asks something and DIET's best reading is about the staff too ("were
    are SSOs trianed in washingotn" read 0.52 ask_definition, 0.47 ask_not_covered).
    """
    if may_be_emergency(ranking):
        return None
    if (memory.role or memory.compared) and kb.only_asks_more(text):
        return plan(kb, MORE_INTENT, text, mentioned, memory)
    if introduces_role(kb, text, mentioned):
        return plan(kb, ROLE_INTENT, text, mentioned, memory)
    question = question_of(text)
    if not mentioned and kb.asks_overview(question) and not kb.asks_what_is_not_covered(text):
        # "Please list the separate categories of safety and security personnel…" read 0.29 not covered, 0.23 training
        return plan(kb, COMPARE_INTENT, text, mentioned, memory)
    if len(mentioned) == 1 and (
        kb.only_asks_definition(question)
        # "…My kids' new school has an SRO… Could you give me an overview?", "can you tell me about
        # the security officers at my school for a class project"
        or (_asks_to_explain(kb, question) and not kb.asks_what_is_not_covered(text))
    ):
        return plan(kb, kb.topics["definition"].intent, text, mentioned, memory)
    answering = {t.intent for t in kb.topics.values()} | {COMPARE_INTENT, MORE_INTENT, ROLE_INTENT}
    if len(mentioned) == 1 and not kb.asks_what_is_not_covered(text):
        named = kb.topics_in(question)
        best = readings(ranking)[:2]
        if len(named) == 1 and (
            kb.topics[named[0]].intent in best
            or (kb.asks(text) and best[:1] and best[0] in answering | {NOT_COVERED_INTENT})
        ):
            return plan(kb, kb.topics[named[0]].intent, text, mentioned, memory)
    threshold = _fallback_threshold(ranking)
    if threshold is None:
        return None
    weights: dict[Plan | str, float] = {}
    for name, confidence in ranking:
        if name != FALLBACK_INTENT:
            if name in answering:
                key: Plan | str = plan(kb, name, text, mentioned, memory)
            else:  # "not covered" and the contact pool with the readings their cues overrule
                key = READING_PLANS.get(name, name)
            weights[key] = weights.get(key, 0.0) + confidence
    ranked = sorted(weights.items(), key=lambda kv: -kv[1])
    if not ranked or not isinstance(ranked[0][0], Plan):
        return None
    best, weight = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    return best if weight >= threshold and weight >= 2 * runner_up else None
