"""Emergency detection from the patterns in data/emergency.yml.

Deterministic on purpose: a message signalling danger now must get "call 911" first
even when the statistical classifier is unsure or wrong. Pure Python (no Rasa import);
the Rasa NLU component in server/emergency.py applies it to every message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from actions.knowledge import clauses

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "emergency.yml"
GROUPS = ("figurative", "always", "resolved", "danger", "hypothetical", "asking", "urgent", "signs")
OPTIONAL = ("figurative", "resolved")  # a file without these is still complete


@dataclass(frozen=True)
class EmergencyDetector:
    figurative: tuple[re.Pattern[str], ...]
    always: tuple[re.Pattern[str], ...]
    resolved: tuple[re.Pattern[str], ...]
    danger: tuple[re.Pattern[str], ...]
    hypothetical: tuple[re.Pattern[str], ...]
    asking: tuple[re.Pattern[str], ...]
    urgent: tuple[re.Pattern[str], ...]
    signs: tuple[re.Pattern[str], ...]

    def is_emergency(self, text: str, classifier_says: bool = False) -> bool:
        """Danger now? `classifier_says`: the NLU classifier is confident it is an emergency.

        That counts too, unless the message holds a figure of speech or asks about the
        topic, because the classifier over-reacts to words ("the tacos are to die for").
        """
        said = " ".join(text.split())
        plain = self._literal(said)
        if _any(self.always, plain):
            return True
        if _any(self.resolved, plain):
            return False
        urgent = _any(self.urgent, plain)
        if _any(self.danger, plain):
            if urgent:
                return True
            if _any(self.hypothetical, plain):
                return False
            # A danger stated in a clause of its own is news, not a question about the topic:
            # "a student just got stabbed, can the campus safety officer help?". Without any
            # question it is news even when its pattern spans clauses ("a man entered, refusing to leave").
            if not _any(self.asking, plain):
                return True
            return any(_any(self.danger, c) and not _any(self.asking, c) for c in clauses(plain))
        asked_about = (_any(self.hypothetical, plain) or _any(self.asking, plain)) and not urgent
        return classifier_says and plain == said and not asked_about and _any(self.signs, plain)

    def _literal(self, text: str) -> str:
        for figure in self.figurative:
            text = figure.sub(" ", text)
        return text


def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def load(path: Path | str = DEFAULT_PATH) -> EmergencyDetector:
    """Read and compile the patterns; raise ValueError naming the file and the bad entry."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise ValueError(f"{path}: cannot be read as YAML ({err})") from err
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: must be a mapping with keys {', '.join(GROUPS)}")
    compiled = {}
    for group in GROUPS:
        patterns = raw.get(group, [] if group in OPTIONAL else None)
        if not isinstance(patterns, list) or not (patterns or group in OPTIONAL):
            raise ValueError(f"{path}: {group}: must be a non-empty list of patterns")
        try:
            compiled[group] = tuple(re.compile(p, re.IGNORECASE) for p in patterns)
        except (re.error, TypeError) as err:
            raise ValueError(f"{path}: {group}: bad pattern ({err})") from err
    return EmergencyDetector(**compiled)
