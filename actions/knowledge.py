"""Load, validate and query the knowledge base (data/knowledge_base.yml).

Pure Python: no Rasa import, so the action server, the Rasa server plug-ins, the
scripts and the unit tests all share it. Any problem in the file raises
KnowledgeBaseError naming the file, the line and the field, so a broken file stops
the assistant at start-up instead of producing a wrong answer later.
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import yaml

from actions import spelling

T = TypeVar("T")

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "knowledge_base.yml"


def configured_path() -> Path:
    """The knowledge base the assistant uses: KNOWLEDGE_BASE if set, else data/knowledge_base.yml."""
    return Path(os.environ.get("KNOWLEDGE_BASE", DEFAULT_PATH))


class KnowledgeBaseError(ValueError):
    """The knowledge base file is missing, unreadable or inconsistent."""

    def __init__(self, path: Path, line: int | None, field: str, problem: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {field}: {problem}")
        self.path, self.line, self.field, self.problem = path, line, field, problem


@dataclass(frozen=True)
class Fact:
    stated: bool
    answer: str
    detail: str | None
    quote: str | None


@dataclass(frozen=True)
class Topic:
    id: str
    intent: str
    label: str
    short_for_all: bool
    keywords: tuple[str, ...]
    needs_person: bool  # its keywords ask about other things too ("what time does the bus come?")
    qualifiers: tuple[str, ...] = ()  # keywords only when no other topic is named ("armed while on duty")
    # Regular expressions on the normalized text, counted as qualifiers ("a sheriff's deputy or a city cop")
    patterns: tuple[re.Pattern[str], ...] = ()

    @property
    def phrases(self) -> tuple[str, ...]:
        return self.keywords + self.qualifiers


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    short: str
    plural: str
    aliases: tuple[str, ...]
    facts: dict[str, Fact]
    staff_from: tuple[str, ...] = ()  # "<another role's name> from that company" names this role
    described_by: tuple[re.Pattern[str], ...] = ()  # "the guard … works for the district", with no name

    @property
    def title(self) -> str:
        """Name with abbreviation, as shown on buttons: "School Resource Officer (SRO)"."""
        return self.name if self.short.lower() in self.name.lower() else f"{self.name} ({self.short})"


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    tty: str
    address: str
    quote: str


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    updated: str
    path: Path
    text: str


def normalize(text: str) -> str:
    """Lower-case, straighten quotes, join dotted initials ("S.R.O." -> "sro") and reduce
    everything but letters/digits to single spaces."""
    text = text.lower().replace("\u2019", "'").replace("'s", "s").replace("'", "")
    text = re.sub(r"\b(?:[a-z]\.){2,}", lambda m: m[0].replace(".", ""), text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _pieces_without(text: str, phrases: tuple[str, ...]) -> list[str]:
    """The normalized pieces of `text` around every occurrence of the phrases."""
    pieces = [f" {normalize(text)} "]
    for phrase in phrases:
        # padded again, so that a phrase right after another one is found too ("those two different jobs")
        pieces = [f" {part.strip()} " for piece in pieces for part in piece.split(f" {normalize(phrase)} ")]
    return pieces


def _has_cue(text: str, cues: tuple[str, ...]) -> bool:
    words = f" {normalize(text)} "
    return any(f" {normalize(cue)} " in words for cue in cues)


# The start of a clause after a blanked role name that says which one is meant, up to its
# verb: "_ who works for the district", "_ that the school hired", "_ the district hires".
_DESCRIBER = (
    r"(?:(?:who|that|which) (?:(?:the|our|my) \w+ )?|(?:the|our|my) (?:district|school|city|county) |(?:it|they) )"
    r"(?:is |are |was |were |gets? |got )?"
)
_DESCRIBES = re.compile(rf"_ {_DESCRIBER}$")
# Who employs or sends a role, said right before or after its blanked name, is part of the name:
# "a district-employed security officer", "police-assigned SRO", "someone working for a private
# security company", "a security officer the district employs", "the private security they hire",
# "the police officer assigned to the school", "private security companies that work for schools",
# "that of a hired private security guard", "my nephew got hired as a campus safety officer" ask
# nothing about the employer.
_EMPLOYER_IN_NAME = re.compile(
    r"(?<= )(?:district|school|police|privately|locally|state|county|city|sheriffs?|agency|department|directly) "
    r"(?:employed|hired|assigned|contracted|paid|funded|run|trained|based|sponsored|placed|stationed|provided) (?=_)"
    r"|(?<= )(?:a|an|the|those|these|our|some|that|this) (?:hired|contracted) (?=_)"
    r"|(?<= )(?:got|get|gets|getting|was|were|been|being|just|recently) hired (?:on )?as (?:an? |the )?(?=_)"
    r"|(?<= )(?:someone|somebody|anyone|people|person|guys?|staff|those|the ones) "
    r"(?:working|who works|who work|employed|hired) (?:for|by) (?:(?:a|an|the|some|one) )?(?=_)"
    r"|(?<=_) (?:(?:the|our|my|your|a|some|many|most) (?:district|school|city|county|districts|schools)|they|we) "
    r"(?:employs?|employed|hires?|hired|contracts?(?: with)?|contracted(?: with)?|uses?|used|pays?|paid)(?: itself| directly)?(?= )"
    r"|(?<=_) (?:assigned|stationed|placed|posted|based) (?:to|at|in) (?:the|our|my|a|his|her|their) (?:school|campus|building)(?= )"
    r"|(?<=_) (?:(?:companies|company|firms?|guards?|officers?|staff) )?(?:that|who|which) (?:work|works|are working) (?:for|at|in) (?:(?:the|our|my|public|local) )?(?:schools?|districts?|campus(?:es)?)(?= )"
)
# The clause with its verb and any preposition ending it: "what about _ the district employs?" and
# "and the _ the district contracts with?" only switch the role.
_DESCRIBING_CLAUSE = re.compile(rf"(?<=_) {_DESCRIBER}\w+(?: (?:with|for|from|to|by))?")
# "is it the same place for SROs?" and "and for SROs, is it the same place?" ask the last question
# again, as "same place for SROs?" does ("is that the same thing as an SRO?" compares).
_SAME_AGAIN = re.compile(r"\b(?:is|was) (?:it|that|this) (?=(?:the )?same(?: \w+)?(?: for\b|\s*$))")
# "give me that same rundown for the resource officers who are sworn police": the last question again,
# whatever words describe the role named
_SAME_FOR = re.compile(
    r"\bsame (?:\w+ )?(?:question|questions|thing|rundown|run down|answer|info|deal|story|breakdown|summary|"
    r"explanation|details|lowdown|scoop) (?:\w+ )?(?:for|about|with|on) (?:(?:the|those|these|our|a|an) )?_"
    # "would the answer be the same for a district security officer?"
    r"|\b(?:answer|answers|question|thing|deal|story|rule|rules)(?: \w+){0,2} same (?:for|about|with|on) (?:(?:the|those|these|our|a|an) )?_"
    # "and if the SRO caught them instead?"
    r"|\bif (?:(?:the|a|an|our) )?_+(?: \w+){0,3} instead\s*$"
)
# A clause describing the role named, after its verb, holding no topic: "and the rented guards from
# the firm that works our Friday night dances?" asks the last question again
_DESCRIBING_TAIL = re.compile(rf"(?<=_)(?: from (?:the|that|a|their|our) \w+)? {_DESCRIBER}\w+ [^?.!,;]*")


# "<name> from <a role's name or its firm>": the staff of that role
_FROM = re.compile(r" from (?:(?:the|that|those|these|this|a|an|our|their|his|her|my|some) )?")
# A blanked name with its article, or the staff of a blanked firm: said as "they"
_NAMED_STAFF = re.compile(r"(?:(?:the|those|these|that|this|our|a|an|some) )?_+(?: from (?:(?:the|that|those|these|this|a|an|our|their|some) )?_+)?")
_TELLING_APART = re.compile(r" (?:distinguish\w*|tell|differentiate\w*|separate\w*) ")


# A sentence opening so tells about the writer: after a question it asks nothing ("what is an SRO?
# my teacher said it and i didnt want to ask").
_ABOUT_THE_WRITER = re.compile(r"^\W*(?:i|im|i'm|my|our|we|me)\b", re.IGNORECASE)


# A request that asks nothing by itself: what it asks for is in the sentence before ("She needs a
# clear definition of a school resource officer. Can you help?").
_ASKS_FOR_HELP = re.compile(
    r"^\W*(?:can|could|would|will) (?:you|u) (?:please |pls |plz )?help(?: me| us)?(?: out| with (?:that|this))?\W*$",
    re.IGNORECASE,
)


# "…works with the SRO, but what does the security officer actually do?", "Our levy vote is coming
# up, so who actually funds the SROs?": a story, then the question
_BUT_ASKS = re.compile(r",\s*(?:but|so)\s+(?=(?:what|whats|who|whom|whose|which|when|where|why|how)\b)", re.IGNORECASE)


# The stop of a title ("Mr. Okafor's class") or of "vs." ("SRO vs. private guard: who pays?") ends no sentence.
_NOT_A_TITLE = r"(?i:(?<!\bmr\.)(?<!\bmrs\.)(?<!\bms\.)(?<!\bdr\.)(?<!\bst\.)(?<!\bvs\.))"
# A sentence ends after its stop, or after a quote closing on one ('…is "working the issue." Does…')
_SENTENCE_END = re.compile(rf"(?<=[.!?]){_NOT_A_TITLE}\s+|(?<=[.!?][\"\u201d\u2019'])\s+")
# "Quick yes or no for my notes: does …", "For the minutes: is …": the question follows the colon.
_LEAD_IN = re.compile(r"^[^?:]{0,60}:\s+")
# Words a wh-question opens with: it asks for information, not whether a role is the police.
WH_WORDS = ("what", "whats", "when", "where", "why", "how", "who", "which")
_CLAUSE_END = re.compile(rf"(?<=[,;.!?]){_NOT_A_TITLE}\s+|\s+(?:but|and\s+then|so)\s+")


def question_of(text: str) -> str:
    """The sentences of a message that ask (end in "?") and its last sentence, unless that one
    tells about the writer after a question; with a bare request for help, the sentence before it.
    A question after ", but" stands without the clause before it."""
    sentences = [_BUT_ASKS.split(s)[-1] if s.endswith("?") else s for s in _SENTENCE_END.split(text.strip()) if s]
    asked = any(s.endswith("?") for s in sentences[:-1])
    return " ".join(
        s
        for i, s in enumerate(sentences)
        if s.endswith("?")
        or (i == len(sentences) - 1 and not (asked and _ABOUT_THE_WRITER.match(s)))
        or (i + 1 < len(sentences) and _ASKS_FOR_HELP.match(sentences[i + 1]))
    )


def clauses(text: str) -> list[str]:
    """Clauses with their closing punctuation, which some emergency patterns look for ("…?$")."""
    return [c for c in _CLAUSE_END.split(text) if c.strip()]


def opens_with(text: str, openers: tuple[str, ...]) -> bool:
    """Does the normalized text open with one of the (normalized) openers ("so is", "what")?"""
    words = f"{normalize(text)} "
    return any(words.startswith(f"{opener} ") for opener in openers)


def in_question_first(find: Callable[[str], T], text: str) -> T:
    """What `find` finds in the question of a message, else in the whole message (its story)."""
    question = question_of(text)
    found = find(question)
    return found if found or question == text else find(text)


def _squash(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class KnowledgeBase:
    source: Source
    contact: Contact
    topics: dict[str, Topic]
    roles: dict[str, Role]
    comparison_cues: tuple[str, ...]
    question_openers: tuple[str, ...]
    question_prefixes: tuple[str, ...]
    question_endings: tuple[str, ...]
    contact_cues: tuple[str, ...]
    contact_words: tuple[str, ...]
    greeting_openers: tuple[str, ...]
    bot_cues: tuple[str, ...]
    not_covered_cues: tuple[str, ...]
    not_covered_patterns: tuple[re.Pattern[str], ...]
    not_covered_with_topic: dict[str, tuple[str, ...]]
    covered_with_topic: dict[str, tuple[str, ...]]
    covered_despite_cue: tuple[str, ...]
    definition_cues: tuple[str, ...]
    broad_definition_cues: tuple[str, ...]
    identity_cues: tuple[str, ...]
    identity_openers: tuple[str, ...]
    status_cues: tuple[str, ...]
    overview_cues: tuple[str, ...]
    role_switch_words: frozenset[str]
    more_cues: frozenset[str]
    more_openers: tuple[str, ...]
    more_words: frozenset[str]
    back_references: tuple[str, ...]
    person_words: tuple[str, ...]
    small_talk: dict[str, tuple[str, ...]]  # domain response -> cues
    ambiguous_names: dict[str, tuple[str, ...]]  # normalized name -> role ids

    def fact(self, role: str, topic: str) -> Fact:
        return self.roles[role].facts[topic]

    def topic_for_intent(self, intent: str | None) -> str | None:
        return next((t.id for t in self.topics.values() if t.intent == intent), None)

    def role_id(self, value: str | None) -> str | None:
        """Map an entity value or a phrase ("campus secruity", "sso") to a role id, or None."""
        if not value:
            return None
        key = normalize(value)
        if key.replace(" ", "_") in self.roles:
            return key.replace(" ", "_")
        aliases = self._alias_index
        if key in aliases:
            return aliases[key]
        found = self.roles_in(value)
        if len(found) == 1:
            return found[0]
        close = difflib.get_close_matches(key, list(aliases), n=1, cutoff=0.82)
        return aliases[close[0]] if close else None

    def names_in(self, text: str) -> list[tuple[str, str]]:
        """(name, role id) of every role name in the text, in order of appearance.

        Names of more words win over the shorter ones they overlap ("private security
        guard" is private security, not the "security guard" within it); of two equally
        long ones the first wins ("hired security guards": "hired security", the role
        named first, not "security guards").
        """
        words = self._words(text)
        taken = [False] * len(words)
        hits: list[tuple[int, str, str]] = []
        # "district police": each role it may mean (the longest name first)
        for ambiguous, roles in sorted(self.ambiguous_names.items(), key=lambda item: -len(item[0].split())):
            for m in re.finditer(re.escape(f" {ambiguous} "), words):
                start, end = m.start() + 1, m.end() - 1
                if not any(taken[start:end]):
                    taken[start:end] = [True] * (end - start)
                    hits.extend((start, words[start:end], role) for role in roles)
        for start, end, role in sorted(
            self._alias_spans(words), key=lambda span: (-words.count(" ", *span[:2]), span[0])
        ):
            if not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                hits.append((start, words[start:end], role))
        if not hits:
            # no name at all: a staff member described by who employs them
            hits = [(m.start(), m[0], r.id) for r in self.roles.values() for p in r.described_by for m in p.finditer(words)]
        hits.sort()
        return [(name, self._staff_of(words, hits, i)) for i, (_, name, _) in enumerate(hits)]

    def _staff_of(self, words: str, hits: list[tuple[int, str, str]], i: int) -> str:
        """The role of the i-th name: the role named right after it by "from" ("the security guards
        from those private companies", "security people from that company"), unless the two are
        told apart ("distinguish SROs from SSOs"), or whose `staff_from` word follows the name
        ("a security guard company"); else its own."""
        start, name, role = hits[i]
        firm = self._firm_opening(words[start + len(name) :].lstrip())
        if firm:
            return firm
        after = _FROM.match(words, start + len(name))
        if not after or _TELLING_APART.search(words[:start]):
            return role
        if i + 1 < len(hits) and hits[i + 1][0] == after.end():
            return hits[i + 1][2]
        return self._firm_opening(words[after.end() :]) or role

    def _firm_opening(self, words: str) -> str | None:
        """The role whose `staff_from` word ("company", "firm") opens the words, if any."""
        return next((r.id for r in self.roles.values() for w in r.staff_from if words.startswith(f"{w} ")), None)

    def roles_in(self, text: str) -> list[str]:
        """Role ids named in the text, in order of appearance, without repeats."""
        return list(dict.fromkeys(role for _, role in self.names_in(text)))

    def topics_in(self, text: str, qualified: bool = True) -> list[str]:
        """Topics whose keywords occur in the text, in order of first appearance.

        A clause that only says which staff member is meant does not count when the text
        asks about something else: "can the guard who works for the district arrest kids?"
        asks about arrest, not the employer. Only when no keyword is found otherwise, a role
        name counts as "they" ("when do private security guards work" -> hours). Without
        `qualified`, a topic named only by a qualifier does not count.
        """
        # "hired security guard" is a role, not the topic; "who hirs" -> "hires"
        words = self._words(text)
        masked, named = (
            f" {' '.join(spelling.correct(w.split(), self._keyword_words, same_start=True))} "
            for w in (self._masked(words), words)
        )
        # a keyword read through a name, the name said as "they": "wen do privat securty gaurds work",
        # "when do the security guards from those private companies work"
        pronouned = _NAMED_STAFF.sub("they", masked)
        return (
            self._keyword_topics(masked, named, qualified, skip_described=True)
            or self._keyword_topics(masked, named, qualified)
            or self._keyword_topics(pronouned, pronouned, qualified)
        )

    def _keyword_topics(self, masked: str, named: str, qualified: bool, skip_described: bool = False) -> list[str]:
        """Topics by first keyword position; `named` is the text with its role names kept (masking
        keeps every position, so spans in both texts compare)."""
        spans: list[tuple[int, int, str, bool]] = []  # start, end, topic, found by a qualifier
        for topic in self.topics.values():
            for keyword in topic.phrases:
                needle = f" {normalize(keyword)} "
                words = named if needle in self._keywords_with_names else masked  # "from the sheriffs office"
                at = words.find(needle)
                while at >= 0:
                    if not (skip_described and _DESCRIBES.search(words[: at + 1])):
                        spans.append((at, at + len(needle), topic.id, keyword in topic.qualifiers))
                    at = words.find(needle, at + 1)
            spans += [(m.start(), m.end(), topic.id, True) for p in topic.patterns for m in p.finditer(named)]
        found: dict[str, int] = {}
        named_by: set[str] = set()  # topics found by a keyword, not only by a qualifier
        # A keyword inside a longer one of another topic, or inside a qualifier, is part of it: "carry
        # out" is duties, not "carry"; "armed during a shift" asks about arms, not hours
        for at, end, topic_id, qualifier in sorted(spans):
            if not any((o != topic_id or q) and s <= at and end <= e and e - s > end - at for s, e, o, q in spans):
                found.setdefault(topic_id, at)
                if not qualifier:
                    named_by.add(topic_id)
        if named_by or not qualified:
            found = {t: at for t, at in found.items() if t in named_by}
        return sorted(found, key=found.__getitem__)

    def topic_in(self, text: str) -> str | None:
        """The first topic whose keyword occurs in the text ("who of them can arrest" -> arrest)."""
        return next(iter(self.topics_in(text)), None)

    def asks_comparison(self, text: str) -> bool:
        return _has_cue(text, self.comparison_cues)

    def topics_besides_comparison(self, text: str) -> list[str]:
        """Topics the text names outside its comparison cues ("the same job as" names no duties)."""
        return self.topics_in(" ".join(_pieces_without(text, self.comparison_cues)))

    def asks_definition(self, text: str, broad: bool = True) -> bool:
        """Does the text ask what a role is ("who are they", "describe"; with `broad`, "what is";
        read through typos: "overveiw of")?"""
        return self._holds_definition_cue(self._spelt_as(text, self._definition_words), broad)

    def _holds_definition_cue(self, spelt: str, broad: bool = True) -> bool:
        return _has_cue(spelt, self.definition_cues + (self.broad_definition_cues if broad else ()))

    def asks_identity(self, text: str) -> bool:
        """Does the text ask whether a role is the police ("is the SRO a real cop?"), not whether
        it works with them ("does the hall security guy call the real police")?"""
        words = self._without_role_names(" ".join(_pieces_without(text, self._keywords_holding_identity_cues)))
        # "a real police man", "really a policeman": the role name after "real" is blanked, the question is the same
        return _has_cue(words, self.identity_cues) or bool(re.search(r" (?:real|reel|actual|true|really a|truly a) _", words))

    def names_partner(self, text: str) -> bool:
        """Does a pronoun ask about working with the role named ("do they do anything with SROs?",
        "do they work with the district's security officers?")?"""
        words = self._without_role_names(text)
        return bool(re.search(r" (?:they|he|she) ", words) and re.search(r" (?:with|alongside) (?:the |our )?(?:\w+ )?_", words))

    def asks_overview(self, text: str) -> bool:
        """Does the text ask which kinds of staff there are, on no particular topic?"""
        return _has_cue(self._words(text), self.overview_cues) and not self.topics_in(text)

    def asks_who_a_role_is(self, text: str) -> bool:
        """Does the text open by asking who the staff named are ("who are the guards in black
        shirts at the basketball games?"), naming no topic but where or when they are seen?"""
        staff = "|".join(sorted(self._person_words))  # "the guards": a name the alias list lacks
        opening = re.match(
            rf"\W*(?:who (?:are|is|r)|whos) (?:the|those|these|that) (?:_+|{staff})"
            r"(?: (?:in|at|by|near|on|wearing|with|outside|inside|around|walking|standing)\b| ?$)",
            self._without_role_names(text).strip(),
        )
        return bool(opening) and all(self.topics[t].needs_person for t in self.topics_in(text))

    def refers_back(self, text: str) -> bool:
        """Does the text point at the last answer ("how is that different from the SRO?")?"""
        return _has_cue(text, self.back_references)

    def points_at_someone(self, text: str) -> bool:
        """Does the text point at a person ("what do they do?", "is the guard armed", "does securty stay")?"""
        return _has_cue(self._spelt_as(text, self._person_words), self.person_words)

    def staff_topics_in(self, text: str) -> list[str]:
        """`topics_in`, without a topic that `needs_person` or is named only by a qualifier when
        the text points at nobody ("Can you check my answers on these fraction problems?")."""
        person = self.points_at_someone(text)
        return [t for t in self.topics_in(text, qualified=person) if person or not self.topics[t].needs_person]

    def only_switches_role(self, text: str) -> bool:
        """Does the text name a role and, besides, hold only words of a follow-up ("what about
        SSOs?", "does the security guard?", "same question for private guards")?"""
        masked = self._without_role_names(text)
        if _SAME_FOR.search(masked):
            return True
        masked = _DESCRIBING_TAIL.sub(lambda m: "" if not self.topics_in(m[0], qualified=False) else m[0], masked)
        rest = self._words_besides_names(_DESCRIBING_CLAUSE.sub("", _SAME_AGAIN.sub("", masked)))
        return rest is not None and rest <= self.role_switch_words

    def only_asks_more(self, text: str) -> bool:
        """Does the text only ask for more of the last answer ("more info pls", "more details please")?"""
        words = set(normalize(text).split())
        return self.asks_more(text) and words <= self.more_cues | self.more_words | self.role_switch_words

    def opens_with_more(self, text: str) -> bool:
        """Does the text open with a bare request for more ("keep going, I'm taking notes for …")?"""
        return self.only_asks_more(clauses(text)[0])

    def asks_more_of(self, text: str, topic: str) -> bool:
        """Does the text open by asking for more about `topic` and say nothing else it asks ("keep
        going on the money side of that, I want to explain it to my neighbors before the vote")?"""
        parts = clauses(text)
        if not parts:
            return False
        first, *rest = parts
        return (
            (self.asks_more(first) or opens_with(self._without_prefix(normalize(first)), self.more_openers))
            and set(self.topics_in(first)) <= {topic}
            and not self.asks_what_is_not_covered(first)
            and not any(self.asks(clause) for clause in rest)
        )

    def asks_more(self, text: str) -> bool:
        """Does the text ask for more ("tell me more about what they do"), not compare ("more
        training than SROs")?"""
        words = set(normalize(text).split())
        return bool(words & self.more_cues) and "than" not in words

    def only_asks_definition(self, text: str) -> bool:
        """Does the text name a role and, besides, hold only words asking what it is ("tell me
        about SSOs", "what is a CSO?"), and no topic keyword ("what is campus security even for")?"""
        spelt = self._spelt_as(text, self._definition_words)
        rest = self._words_besides_names(self._without_role_names(spelt))
        return (
            rest is not None
            and self._holds_definition_cue(spelt)
            and rest <= self._definition_words
            and not self.topics_in(text)
        )

    @staticmethod
    def _spelt_as(text: str, targets: frozenset[str]) -> str:
        """The normalized text with misspelt words read as the targets ("overveiw" -> "overview")."""
        return " ".join(spelling.correct(normalize(text).split(), targets, same_start=True))

    @staticmethod
    def _words_besides_names(masked: str) -> set[str] | None:
        """The words of `_without_role_names` text other than the blanked names; None without a name."""
        words = set(masked.split())
        rest = {word for word in words if word.strip("_")}
        return rest if rest != words else None

    def asks(self, text: str) -> bool:
        """Does the message ask anything: a "?", or a clause opening like a question ("there's a
        guard at school, can he arrest my kid")?"""
        # finer than `clauses`: a bare "and" or "then" opens a clause here
        parts = [normalize(c) for c in re.split(r"[,;:.!]|\b(?:and|but|so|then)\b", text.lower())]
        return (
            "?" in text
            or any(opens_with(self._without_prefix(part), self.question_openers) for part in parts)
            or self.checks_a_claim(text)
        )

    def asking_clause(self, question: str) -> str:
        """The last clause of a question when it opens with a wh-word after clauses that ask
        nothing: "our district put 'safety and security specialists' on its own payroll, what are
        those folks responsible for?" asks about duties, not the employer."""
        parts = clauses(question)
        last = self._without_prefix(normalize(parts[-1]))
        if len(parts) > 1 and opens_with(last, WH_WORDS) and not any(self.asks(p) for p in parts[:-1]):
            return parts[-1]
        return question

    def opens_what_is_a(self, text: str) -> bool:
        """Does the text open by asking what a (not the) role is ("so what's a CSO even, asking for …")?"""
        return opens_with(self._without_prefix(normalize(text)), self._what_is_a_openers)

    @cached_property
    def _what_is_a_openers(self) -> tuple[str, ...]:
        return tuple(f"{cue} {article}" for cue in self.broad_definition_cues for article in ("a", "an"))

    def _without_prefix(self, clause: str) -> str:
        """The normalized clause without a polite word or greeting opening it ("please specify…", "yo who's…")."""
        for prefix in (*self.question_prefixes, *self.greeting_openers):
            if clause.startswith(f"{prefix} "):
                return clause[len(prefix) + 1 :]
        return clause

    def checks_a_claim(self, text: str) -> bool:
        """Does the text end by asking whether what it says is so ("…, is that true", "…, right")?"""
        said = normalize(text)
        return any(said == e or said.endswith(f" {e}") for e in self.question_endings)

    def asks_as_identity_question(self, text: str) -> bool:
        """Does the text open like "is the SRO a real cop?" ("is", "are", "r" ...), check a claim
        ("my friend said the SRO isnt a real police officer is that true"), or ask a role's
        standing ("Yes or no: does an SRO hold a police commission?")?"""
        return (
            opens_with(_LEAD_IN.sub("", text.strip()), self.identity_openers)
            or self.checks_a_claim(text)
            or _has_cue(text, self.status_cues)
        )

    def small_talk_in(self, text: str) -> str | None:
        """The domain response of the first greeting, thanks or goodbye cue in the text, if any ("take care
        of" is no goodbye)."""
        words = f" {normalize(text)} "
        found = [
            (m.start(), response)
            for response, cues in self.small_talk.items()
            for cue in cues
            for m in re.finditer(f" {re.escape(cue)} (?!of )", words)
        ]
        return min(found, default=(0, None))[1]

    def chats(self, text: str) -> bool:
        """Is the text small talk: a greeting, thanks or goodbye cue, a greeting first, or a
        question whether a person answers?"""
        return bool(
            self.small_talk_in(text) or opens_with(text, self.greeting_openers) or self.asks_if_a_person_answers(text)
        )

    def asks_if_a_person_answers(self, text: str) -> bool:
        return _has_cue(text, self.bot_cues)

    def asks_contact(self, text: str) -> bool:
        """Does the text ask how to reach a person ("who do I talk to about this")?"""
        return _has_cue(text, self.contact_cues)

    def mentions_contact(self, text: str) -> bool:
        """Does the text name a way to reach someone or the Safety Center ("where is your office?")?"""
        return self.asks_contact(text) or _has_cue(text, self.contact_words)

    def asks_what_is_not_covered(self, text: str) -> bool:
        """Does the question name a subject the source is silent on, or ask for legal advice?

        Only the question is read: a story around it mentions things in passing ("he's scared
        he'll end up with a record. can the SRO arrest a kid for that?" asks about arrest).
        """
        question = question_of(text)
        asked = self.topics_in(question)
        waived = {cue for topic in asked for cue in self.covered_with_topic.get(topic, ())}
        cues = tuple(cue for cue in self.not_covered_cues if cue not in waived)
        if any(_has_cue(piece, cues) for piece in _pieces_without(question, self.covered_despite_cue)):
            return True
        if any(pattern.search(question) for pattern in self.not_covered_patterns):
            return True
        limits = self.not_covered_with_topic
        return any(_has_cue(question, limits[topic]) for topic in asked if topic in limits)

    def _words(self, text: str) -> str:
        """Normalized, space-padded text with misspelt role words corrected ("securty" -> "security")."""
        words = normalize(text).split()
        return f" {' '.join(spelling.correct(words, self._alias_words, self._alias_pairs, rivals=self._keyword_words))} "

    def _without_role_names(self, text: str) -> str:
        """`_words` of the text with every role name blanked out by underscores."""
        return self._masked(self._words(text))

    def _masked(self, words: str) -> str:
        """Normalized, space-padded `words` with every role name blanked out by underscores."""
        masked = list(words)
        for start, end, _ in self._alias_spans(words):
            masked[start:end] = "_" * (end - start)
        return _EMPLOYER_IN_NAME.sub(lambda m: "_" * len(m[0]), "".join(masked))

    def _alias_spans(self, words: str) -> list[tuple[int, int, str]]:
        """(start, end, role) of every alias occurrence in normalized, space-padded text."""
        return [
            (m.start() + 1, m.end() - 1, role)
            for alias, role in self._alias_index.items()
            for m in re.finditer(re.escape(f" {alias} "), words)
        ]

    @cached_property
    def _alias_index(self) -> dict[str, str]:
        return {normalize(a): r.id for r in self.roles.values() for a in (*r.aliases, r.short, r.name)}

    @cached_property
    def _alias_words(self) -> frozenset[str]:
        return frozenset(word for alias in self._alias_index for word in alias.split())

    @cached_property
    def _definition_words(self) -> frozenset[str]:
        return self.role_switch_words | {
            word for cue in self.definition_cues + self.broad_definition_cues for word in normalize(cue).split()
        }

    @cached_property
    def _keywords_holding_identity_cues(self) -> tuple[str, ...]:
        """Topic keywords longer than an identity cue they hold: "call the real police"."""
        cues = {normalize(c) for c in self.identity_cues}
        return tuple(
            k
            for t in self.topics.values()
            for k in t.phrases
            if normalize(k) not in cues and any(f" {c} " in f" {normalize(k)} " for c in cues)
        )

    @cached_property
    def _person_words(self) -> frozenset[str]:
        return frozenset(normalize(w) for w in self.person_words if " " not in normalize(w))

    @cached_property
    def _keyword_words(self) -> frozenset[str]:
        return frozenset(normalize(k) for t in self.topics.values() for k in t.phrases if " " not in normalize(k))

    @cached_property
    def _keywords_with_names(self) -> frozenset[str]:
        """Padded keywords that hold a role name: looked for in the text before names are blanked."""
        padded = {f" {normalize(k)} " for t in self.topics.values() for k in t.phrases}
        return frozenset(k for k in padded if self._alias_spans(k))

    @cached_property
    def _alias_pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset(pair for alias in self._alias_index for pair in itertools.pairwise(alias.split()))


# --- loading -----------------------------------------------------------------------


class _LineDict(dict):
    """A mapping that remembers the line it started on, for error messages."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_line_dict(loader: _LineLoader, node: yaml.MappingNode):  # noqa: ANN201 - a YAML generator
    mapping = _LineDict()
    mapping.line = node.start_mark.line + 1
    yield mapping
    mapping.update(loader.construct_mapping(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_line_dict)


class _Reader:
    """Typed field access that reports the file, line and dotted field name on error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: Any, field: str, problem: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(self.path, getattr(node, "line", None), field, problem)

    def mapping(self, node: Any, field: str) -> _LineDict:
        if not isinstance(node, dict) or not node:
            raise self.fail(node, field, "must be a non-empty mapping")
        return node

    @staticmethod
    def name(field: str, key: str) -> str:
        """The dotted name of `key` inside `field` ("" for the top level)."""
        return f"{field}.{key}" if field else key

    def get(self, node: _LineDict, key: str, field: str, kind: type, required: bool = True) -> Any:
        name = self.name(field, key)
        if key not in node:
            if required:
                raise self.fail(node, name, "is missing")
            return None
        value = node[key]
        if kind is str and (not isinstance(value, str) or not value.strip()):
            raise self.fail(node, name, "must be a non-empty text")
        if kind is bool and not isinstance(value, bool):
            raise self.fail(node, name, "must be true or false")
        if kind is list and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise self.fail(node, name, "must be a list of texts")
        if kind is dict:
            return self.mapping(value, name)
        return _squash(value) if kind is str else value


def load(path: Path | str = DEFAULT_PATH) -> KnowledgeBase:
    """Read and validate the knowledge base; raise KnowledgeBaseError on any problem."""
    path = Path(path)
    read = _Reader(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except OSError as err:
        raise KnowledgeBaseError(path, None, "file", f"cannot be read ({err.strerror})") from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise KnowledgeBaseError(path, line, "file", f"is not valid YAML ({getattr(err, 'problem', err)})") from err
    root = read.mapping(raw, "file")

    src = read.get(root, "source", "", dict)
    source_path = path.parent / read.get(src, "file", "source", str)
    try:
        source_text = _squash(source_path.read_text(encoding="utf-8"))
    except OSError as err:
        raise read.fail(src, "source.file", f"{source_path} cannot be read ({err.strerror})") from err
    source = Source(
        title=read.get(src, "title", "source", str),
        publisher=read.get(src, "publisher", "source", str),
        updated=read.get(src, "updated", "source", str),
        path=source_path,
        text=source_text,
    )

    def quoted(node: _LineDict, key: str, field: str, required: bool) -> str | None:
        quote = read.get(node, key, field, str, required)
        if quote is not None and quote not in source.text:
            raise read.fail(node, read.name(field, key), f"is not found verbatim in {source_path.name}: {quote!r}")
        return quote

    con = read.get(root, "contact", "", dict)
    contact = Contact(
        name=read.get(con, "name", "contact", str),
        phone=read.get(con, "phone", "contact", str),
        tty=read.get(con, "tty", "contact", str),
        address=read.get(con, "address", "contact", str),
        quote=quoted(con, "quote", "contact", required=True),
    )
    for key in ("phone", "tty", "address"):
        if _squash(getattr(contact, key)) not in source.text:
            raise read.fail(con, f"contact.{key}", f"is not found in {source_path.name}")

    topics: dict[str, Topic] = {}
    for topic_id, node in read.get(root, "topics", "", dict).items():
        field = f"topics.{topic_id}"
        node = read.mapping(node, field)
        topics[topic_id] = Topic(
            id=topic_id,
            intent=read.get(node, "intent", field, str),
            label=read.get(node, "label", field, str),
            short_for_all=read.get(node, "short_for_all", field, bool),
            keywords=tuple(read.get(node, "keywords", field, list)),
            needs_person=bool(read.get(node, "needs_person", field, bool, required=False)),
            qualifiers=tuple(read.get(node, "qualifiers", field, list, required=False) or ()),
            patterns=_patterns(read, node, "patterns", field, required=False),
        )

    status_cues = tuple(read.get(root, "status_cues", "", list))
    described_as_employed = read.get(root, "described_as_employed", "", str)
    if "{employer}" not in described_as_employed:
        raise read.fail(root, "described_as_employed", "must hold {employer}")
    roles: dict[str, Role] = {}
    seen_aliases: dict[str, str] = {}
    for role_id, node in read.get(root, "roles", "", dict).items():
        field = f"roles.{role_id}"
        node = read.mapping(node, field)
        aliases = read.get(node, "aliases", field, list)
        for alias in aliases:
            owner = seen_aliases.setdefault(normalize(alias), role_id)
            if owner != role_id:
                raise read.fail(node, f"{field}.aliases", f"{alias!r} is also an alias of {owner}")
        facts_node = read.get(node, "facts", field, dict)
        facts: dict[str, Fact] = {}
        for topic_id in topics:
            fact_field = f"{field}.facts.{topic_id}"
            if topic_id not in facts_node:
                raise read.fail(facts_node, fact_field, "is missing (every role needs every topic)")
            fact = read.mapping(facts_node[topic_id], fact_field)
            same_as = read.get(fact, "same_as", fact_field, str, required=False)
            if same_as is not None:  # one sentence of the page answers both topics
                if same_as not in facts:
                    raise read.fail(fact, f"{fact_field}.same_as", f"must name a topic listed before {topic_id}")
                facts[topic_id] = facts[same_as]
                continue
            stated = read.get(fact, "stated", fact_field, bool)
            facts[topic_id] = Fact(
                stated=stated,
                answer=read.get(fact, "answer", fact_field, str),
                detail=read.get(fact, "detail", fact_field, str, required=False),
                quote=quoted(fact, "quote", fact_field, required=stated),
            )
        unknown = set(facts_node) - set(topics)
        if unknown:
            raise read.fail(facts_node, f"{field}.facts", f"unknown topic(s) {sorted(unknown)}")
        roles[role_id] = Role(
            id=role_id,
            name=read.get(node, "name", field, str),
            short=read.get(node, "short", field, str),
            plural=read.get(node, "plural", field, str),
            aliases=tuple(aliases),
            facts=facts,
            staff_from=tuple(normalize(w) for w in read.get(node, "staff_from", field, list, required=False) or ()),
            described_by=_described_by(read, node, field, described_as_employed),
        )
    small_talk_node = read.get(root, "small_talk", "", dict)
    ambiguous_node = read.get(root, "ambiguous_names", "", dict, required=False) or {}
    for name, meant in ambiguous_node.items():
        if not isinstance(meant, list) or len(meant) < 2 or not set(meant) <= set(roles):
            raise read.fail(ambiguous_node, f"ambiguous_names.{name}", f"must list two or more of {sorted(roles)}")
    return KnowledgeBase(
        source=source,
        contact=contact,
        topics=topics,
        roles=roles,
        comparison_cues=tuple(read.get(root, "comparison_cues", "", list)),
        question_openers=tuple(normalize(w) for w in read.get(root, "question_openers", "", list)),
        question_prefixes=tuple(normalize(w) for w in read.get(root, "question_prefixes", "", list)),
        question_endings=tuple(normalize(w) for w in read.get(root, "question_endings", "", list)),
        contact_cues=tuple(read.get(root, "contact_cues", "", list)),
        contact_words=tuple(read.get(root, "contact_words", "", list)),
        greeting_openers=tuple(normalize(w) for w in read.get(root, "greeting_openers", "", list)),
        bot_cues=tuple(read.get(root, "bot_cues", "", list)),
        not_covered_cues=tuple(read.get(root, "not_covered_cues", "", list)),
        not_covered_patterns=_patterns(read, root, "not_covered_patterns"),
        not_covered_with_topic=_topic_cues(read, root, "not_covered_with_topic", topics),
        covered_with_topic=_topic_cues(read, root, "covered_with_topic", topics),
        covered_despite_cue=tuple(read.get(root, "covered_despite_cue", "", list)),
        definition_cues=tuple(read.get(root, "definition_cues", "", list)),
        broad_definition_cues=tuple(read.get(root, "broad_definition_cues", "", list)),
        identity_cues=tuple(read.get(root, "identity_cues", "", list)) + status_cues,
        identity_openers=tuple(normalize(w) for w in read.get(root, "identity_openers", "", list)),
        status_cues=status_cues,
        overview_cues=tuple(read.get(root, "overview_cues", "", list)),
        role_switch_words=frozenset(normalize(w) for w in read.get(root, "role_switch_words", "", list)),
        more_cues=frozenset(normalize(w) for w in read.get(root, "more_cues", "", list)),
        more_openers=tuple(normalize(w) for w in read.get(root, "more_openers", "", list)),
        more_words=frozenset(normalize(w) for w in read.get(root, "more_words", "", list)),
        back_references=tuple(read.get(root, "back_references", "", list)),
        person_words=tuple(read.get(root, "person_words", "", list)),
        ambiguous_names={normalize(name): tuple(meant) for name, meant in ambiguous_node.items()},
        small_talk={
            response: tuple(normalize(c) for c in read.get(small_talk_node, response, "small_talk", list))
            for response in small_talk_node
        },
    )


def _patterns(
    read: _Reader, root: _LineDict, key: str, field: str = "", required: bool = True
) -> tuple[re.Pattern[str], ...]:
    node = read.get(root, key, field, list, required=required) or []
    return _compiled(read, node, read.name(field, key), node)


def _compiled(read: _Reader, node: Any, name: str, texts: list[str]) -> tuple[re.Pattern[str], ...]:
    """The regular expressions `texts`, compiled; a bad one fails naming the field `name`."""
    try:
        return tuple(re.compile(p) for p in texts)
    except (re.error, TypeError) as err:
        raise read.fail(node, name, f"bad regular expression ({err})") from err


def _described_by(read: _Reader, node: _LineDict, field: str, employed_template: str) -> tuple[re.Pattern[str], ...]:
    """A role's `described_by` patterns, after the shared one filled with its `employed_by`."""
    described = _patterns(read, node, "described_by", field, required=False)
    employer = read.get(node, "employed_by", field, str, required=False)
    if employer is None:
        return described
    filled = employed_template.replace("{employer}", employer)
    return _compiled(read, node, read.name(field, "employed_by"), [filled]) + described


def _topic_cues(read: _Reader, root: _LineDict, key: str, topics: dict[str, Topic]) -> dict[str, tuple[str, ...]]:
    node = read.get(root, key, "", dict)
    unknown = set(node) - set(topics)
    if unknown:
        raise read.fail(node, key, f"unknown topic(s) {sorted(unknown)}")
    return {topic: tuple(read.get(node, topic, key, list)) for topic in node}
