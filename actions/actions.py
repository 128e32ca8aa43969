"""Rasa custom actions: thin glue between the tracker and the pure modules.

Reading the tracker and emitting messages and slots happens here; deciding what to
say happens in conversation.py and answers.py. The knowledge base (KNOWLEDGE_BASE, default
data/knowledge_base.yml) is loaded once at import, so a broken file stops the action
server at start-up with file and line.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, conversation, knowledge, spelling

KB = knowledge.load(knowledge.configured_path())
spelling.english_words()  # about 1 s (both word lists): load them at start-up, not on the first message
ROLE_ENTITY = "staff_role"
# An entity DIET is unsure of is used only when its text is also a known alias.
MIN_ENTITY_CONFIDENCE = 0.6


def mentioned_roles(tracker: Tracker) -> list[str]:
    """Role ids named in the latest message: known aliases in the text first, else DIET's entities.

    Aliases win because DIET may tag part of a longer name ("security guard" inside
    "hired security guard"); its entities still catch names the alias list lacks. Roles
    named in the question win over those of a story around it ("I thought he was just a
    guard, but he's a policeman. Can the SRO arrest my son?" asks about the SRO only).
    """
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    roles = knowledge.in_question_first(KB.roles_in, text)
    if roles:
        return roles
    for entity in message.get("entities", []):
        if entity.get("entity") != ROLE_ENTITY:
            continue
        confident = entity.get("confidence_entity", 1.0) >= MIN_ENTITY_CONFIDENCE
        role = KB.role_id(str(entity.get("value"))) if confident else KB.role_id(str(entity.get("text", "")))
        if role and role not in roles:
            roles.append(role)
    return roles


def memory(tracker: Tracker) -> conversation.Memory:
    return conversation.Memory(
        role=tracker.get_slot("staff_role") if tracker.get_slot("staff_role") in KB.roles else None,
        compared=tuple(r for r in (tracker.get_slot("compared_roles") or []) if r in KB.roles),
        topic=tracker.get_slot("topic"),
    )


def send(dispatcher: CollectingDispatcher, messages: list[answers.Message]) -> None:
    for message in messages:
        dispatcher.utter_message(text=message["text"], buttons=message.get("buttons", []))


def said_small_talk(dispatcher: CollectingDispatcher, tracker: Tracker, roles: list[str]) -> bool:
    """Answer a thanks, goodbye or "are you a person?" DIET read as something else; whether it was one."""
    response = conversation.small_talk(KB, (tracker.latest_message or {}).get("text") or "", roles)
    if response:
        dispatcher.utter_message(response=response)
    if response == conversation.BOT_RESPONSE:
        send(dispatcher, answers.contact(KB))
    return response is not None


def give(dispatcher: CollectingDispatcher, plan: conversation.Plan, before: conversation.Memory) -> list[EventType]:
    """Say the planned answer and remember what follow-ups need."""
    if plan.kind == "off_topic":
        dispatcher.utter_message(response="utter_out_of_scope")
        return []
    send(dispatcher, answers.render(KB, plan))
    remembered = plan.memory(before)
    return [
        SlotSet("staff_role", remembered.role),
        SlotSet("compared_roles", list(remembered.compared)),
        SlotSet("topic", remembered.topic),
        SlotSet("misunderstandings", 0.0),
    ]


class ActionAnswer(Action):
    """Answers every topic question, comparison, role follow-up and "tell me more"."""

    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name") or ""
        remembered = memory(tracker)
        roles = mentioned_roles(tracker)
        if said_small_talk(dispatcher, tracker, roles):
            return []
        plan = conversation.plan(KB, intent, message.get("text") or "", roles, remembered)
        return give(dispatcher, plan, remembered)


class ActionContact(Action):
    """The Safety Center's contact. It also follows the emergency and bot replies; only when DIET
    read the message as asking for the contact may it be small talk ("am I talking to a real
    person right now"), plainly off topic ("how do I convert celsius to fahrenheit") or a
    question about one role that asks for no contact ("How does the Safety Center define a CSO?")."""

    def name(self) -> str:
        return "action_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        message = tracker.latest_message or {}
        if (message.get("intent") or {}).get("name") == conversation.CONTACT_INTENT:
            roles = mentioned_roles(tracker)
            if said_small_talk(dispatcher, tracker, roles):
                return []
            remembered = memory(tracker)
            text = message.get("text") or ""
            if conversation.plainly_off_topic(KB, text, roles, remembered):
                return give(dispatcher, conversation.Plan("off_topic", ""), remembered)
            # "How does the Safety Center define a Campus Safety Officer?" asks about the role
            answer = None if KB.asks_contact(text) else conversation.plan_over_out_of_scope(KB, text, roles)
            if answer:
                return give(dispatcher, answer, remembered)
        send(dispatcher, answers.contact(KB))
        return [SlotSet("misunderstandings", 0.0)]


class ActionNotCovered(Action):
    """DIET read a question the source does not cover. It may have read a story, or missed a
    rare wording: `conversation.plan_over_not_covered` decides what is answered instead, and
    `conversation.off_topic_over_not_covered` whether it is off topic."""

    def name(self) -> str:
        return "action_not_covered"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        remembered = memory(tracker)
        text = (tracker.latest_message or {}).get("text") or ""
        roles = mentioned_roles(tracker)
        if said_small_talk(dispatcher, tracker, roles):
            return []
        answer = conversation.plan_over_not_covered(KB, text, roles, remembered)
        if answer:
            return give(dispatcher, answer, remembered)
        if conversation.off_topic_over_not_covered(KB, text, roles, remembered):
            return give(dispatcher, conversation.Plan("off_topic", ""), remembered)
        send(dispatcher, answers.not_covered(KB))
        return [SlotSet("misunderstandings", 0.0)]


class ActionOutOfScope(Action):
    """DIET read an off-topic message; `conversation.more_of_last_answer` and
    `conversation.plan_over_out_of_scope` may still answer it."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        roles = mentioned_roles(tracker)
        if said_small_talk(dispatcher, tracker, roles):
            return []
        remembered = memory(tracker)
        answer = conversation.more_of_last_answer(KB, text, roles, remembered) or conversation.plan_over_out_of_scope(
            KB, text, roles
        )
        return give(dispatcher, answer or conversation.Plan("off_topic", ""), remembered)


class ActionClarify(Action):
    """Unclear message: answer if its readings agree on one answer, else offer readings; after two misses, the contact."""

    def name(self) -> str:
        return "action_clarify"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        message = tracker.latest_message or {}
        ranking = [
            (i["name"], float(i.get("confidence") or 0)) for i in message.get("intent_ranking") or [] if i.get("name")
        ]
        roles = mentioned_roles(tracker)
        if not conversation.may_be_emergency(ranking) and said_small_talk(dispatcher, tracker, roles):
            return []
        remembered = memory(tracker)
        agreed = conversation.agreed_plan(KB, ranking, message.get("text") or "", roles, remembered)
        if agreed:
            return give(dispatcher, agreed, remembered)
        if conversation.wants_contact(ranking):
            send(dispatcher, answers.contact(KB))
            return [SlotSet("misunderstandings", 0.0)]
        if not conversation.may_be_emergency(ranking) and conversation.plainly_off_topic(
            KB, message.get("text") or "", roles, remembered
        ):
            return give(dispatcher, conversation.Plan("off_topic", ""), remembered)
        misses = int(tracker.get_slot("misunderstandings") or 0) + 1
        if misses >= 2 and not conversation.may_be_emergency(ranking):
            send(dispatcher, answers.not_understood(KB))
            return [SlotSet("misunderstandings", 0.0)]
        send(dispatcher, answers.clarify(KB, conversation.readings(ranking), roles[0] if len(roles) == 1 else None))
        return [SlotSet("misunderstandings", float(misses))]
