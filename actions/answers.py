"""The assistant's wording: turns knowledge-base facts into chat messages.

Pure Python (no Rasa import). A message is a dict with "text" and optionally "buttons"
([{"title", "payload"}]), the shape rasa_sdk's dispatcher and the REST channel use.
Facts come only from the knowledge base; this module adds wording, never facts.
"""

from __future__ import annotations

import json
from typing import Any

from actions.conversation import OVERVIEW, Plan
from actions.knowledge import KnowledgeBase

Message = dict[str, Any]

MORE_BUTTON = {"title": "Tell me more", "payload": "/tell_more"}
SOMETHING_ELSE_BUTTON = {"title": "Something else", "payload": "/ask_contact"}
ASK_ROLE = "Which role do you mean?"
DID_YOU_MEAN = "I'm not sure I understood. Did you mean:"
# Labels of clarification buttons for intents that are not knowledge-base topics.
INTENT_LABELS = {
    "emergency": "Someone is in danger now",
    "compare": "Compare the roles",
    "ask_contact": "Contact the Safety Center",
    "ask_not_covered": "A question the source may not cover",
    "inform_role": "Tell me about a role",
    "tell_more": "Tell me more",
}


def citation(kb: KnowledgeBase) -> str:
    s = kb.source
    return f"Source: {s.publisher}, “{s.title}” (updated {s.updated})."


def contact_line(kb: KnowledgeBase) -> str:
    c = kb.contact
    return f"{c.name}: phone {c.phone}, TTY {c.tty}, {c.address}."


def contact(kb: KnowledgeBase) -> list[Message]:
    return [{"text": f"You can reach the {contact_line(kb)}"}]


def not_covered(kb: KnowledgeBase) -> list[Message]:
    return [
        {
            "text": "The source I answer from doesn't cover that, so I can't answer it without "
            "guessing, and I can't give legal advice. The School Safety Center can help: " + contact_line(kb)
        }
    ]


def not_understood(kb: KnowledgeBase) -> list[Message]:
    """After repeated misunderstandings: offer people a way out instead of a loop."""
    return [
        {
            "text": "Sorry, I'm still not sure what you mean. You can ask me about School "
            "Resource Officers, School Security / Campus Safety Officers or private security, "
            f"or talk to a person at the {contact_line(kb)}"
        }
    ]


def trouble(kb: KnowledgeBase) -> str:
    """The reply when the assistant itself fails (action server down, slow or erroring)."""
    c = kb.contact
    return (
        "Sorry, I'm having trouble answering right now. If anyone is in danger, call 911. "
        f"Otherwise please call the {c.name} at {c.phone} (TTY {c.tty})."
    )


def role_payload(role_id: str) -> str:
    return "/inform_role" + json.dumps({"staff_role": role_id})


def ask_role(kb: KnowledgeBase, topic: str) -> list[Message]:
    buttons = [{"title": r.title, "payload": role_payload(r.id)} for r in kb.roles.values()]
    return [{"text": f"{ASK_ROLE} ({kb.topics[topic].label})", "buttons": buttons}]


def clarify(kb: KnowledgeBase, intents: list[str], role: str | None) -> list[Message]:
    """Offer up to two "Did you mean …?" readings of an unclear message plus "Something else"."""
    entity = json.dumps({"staff_role": role}) if role else ""
    readings = []
    for intent in intents:
        topic = kb.topic_for_intent(intent)
        label = kb.topics[topic].label if topic else INTENT_LABELS.get(intent)
        if label:
            readings.append({"title": label, "payload": f"/{intent}{entity}"})
    return [{"text": DID_YOU_MEAN, "buttons": [*readings[:2], SOMETHING_ELSE_BUTTON]}]


def render(kb: KnowledgeBase, plan: Plan) -> list[Message]:
    """Word a Plan from conversation.plan as chat messages."""
    if plan.kind == "not_covered":
        return not_covered(kb)
    if plan.kind == "contact":
        return contact(kb)
    if plan.kind == "ask_role":
        return ask_role(kb, plan.topic)
    if plan.kind == "answer":
        return _answer(kb, plan.roles[0], (plan.topic, *plan.also))
    if plan.kind == "more":
        return _more(kb, plan.roles, plan.topic)
    return _compare(kb, plan.roles, (plan.topic, *plan.also))


def _answer(kb: KnowledgeBase, role: str, topics: tuple[str, ...]) -> list[Message]:
    """The facts of one role on the topics, first topic first ("tell me more" expands it)."""
    facts = [kb.fact(role, topic) for topic in topics]
    lines = [f.answer for f in facts]
    if not all(f.stated for f in facts):
        lines.append(f"For more, contact the {contact_line(kb)}")
    if any(f.quote for f in facts):
        lines.append(citation(kb))
    message: Message = {"text": "\n".join(lines)}
    if facts[0].detail:
        message["buttons"] = [MORE_BUTTON]
    return [message]


def _more(kb: KnowledgeBase, roles: tuple[str, ...], topic: str) -> list[Message]:
    if topic == OVERVIEW:
        topic = "definition"
    lines = []
    for role in roles:
        fact = kb.fact(role, topic)
        detail = fact.detail or f"That is all the source page says about this. {fact.answer}"
        lines.append(detail if len(roles) == 1 else f"• {kb.roles[role].title}: {detail}")
    lines.append(f"For anything else, contact the {contact_line(kb)}")
    lines.append(citation(kb))
    return [{"text": "\n".join(lines)}]


def _compare(kb: KnowledgeBase, roles: tuple[str, ...], topics: tuple[str, ...]) -> list[Message]:
    """Each role's fact on each topic, one labelled section a topic."""
    lines, facts = [], []
    for topic in topics:
        lines.append("How they differ:" if topic == OVERVIEW else kb.topics[topic].label)
        for role in roles:
            fact = kb.fact(role, "definition" if topic == OVERVIEW else topic)
            lines.append(f"• {kb.roles[role].title}: {fact.answer}")
            facts.append(fact)
    if not all(f.stated for f in facts):
        lines.append(f"For what the source doesn't cover, contact the {contact_line(kb)}")
    lines.append(citation(kb))
    return [{"text": "\n".join(lines), "buttons": [MORE_BUTTON]}]
