"""NLU components of the emergency safety net (patterns in data/emergency.yml).

EmergencyReadingFilter runs right after DIET. DIET also says "emergency" to messages with
no word of danger in them ("hiyaa, morning from a very tired mom") and to questions about
the topic ("are campus security allowed to carry guns?"). When the detector would reject
DIET's `emergency` reading even at full confidence, the reading is dropped and the other
readings renormalized before the FallbackClassifier decides: the question gets its answer
instead of a clarifying question.

EmergencyOverride runs last: a message the patterns flag as danger now becomes the
`emergency` intent, whatever DIET or the fallbacks said. So does a message DIET calls an
emergency with at least `classifier_threshold` confidence, unless it asks about the topic
or holds a figure of speech (safety.EmergencyDetector decides). An unsure `emergency` from
DIET becomes `nlu_fallback` with `emergency` first in the ranking: the clarification offers
"Someone is in danger now" as a button instead of raising a false alarm.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions import safety

EMERGENCY = "emergency"
FALLBACK = DEFAULT_NLU_FALLBACK_INTENT_NAME


class _SafetyNetComponent(GraphComponent, IntentClassifier):
    """Shared set-up: both components read the same pattern file."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"patterns": str(safety.DEFAULT_PATH)}

    def __init__(self, config: dict[str, Any]) -> None:
        self.detector = safety.load(config["patterns"])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> _SafetyNetComponent:
        return cls(config)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class EmergencyReadingFilter(_SafetyNetComponent):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or []
            if not ranking or ranking[0][INTENT_NAME_KEY] != EMERGENCY:
                continue
            if self.detector.is_emergency(message.get(TEXT) or "", classifier_says=True):
                continue
            rest = [i for i in ranking if i[INTENT_NAME_KEY] != EMERGENCY]
            total = sum(i[PREDICTED_CONFIDENCE_KEY] for i in rest)
            if total <= 0:
                continue
            # Softmax over the remaining intents: DIET's own confidences without `emergency`.
            rest = [{**i, PREDICTED_CONFIDENCE_KEY: i[PREDICTED_CONFIDENCE_KEY] / total} for i in rest]
            message.set(INTENT, rest[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, rest, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class EmergencyOverride(_SafetyNetComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**_SafetyNetComponent.get_default_config(), "classifier_threshold": 0.7}

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.classifier_threshold = float(config["classifier_threshold"])

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            ranking = [i for i in message.get(INTENT_RANKING_KEY) or [] if i.get(INTENT_NAME_KEY) != FALLBACK]
            diet_says = bool(ranking) and ranking[0][INTENT_NAME_KEY] == EMERGENCY
            confident = diet_says and ranking[0][PREDICTED_CONFIDENCE_KEY] >= self.classifier_threshold
            if self.detector.is_emergency(message.get(TEXT) or "", classifier_says=confident):
                override = {INTENT_NAME_KEY: EMERGENCY, PREDICTED_CONFIDENCE_KEY: 1.0}
            elif diet_says:
                override = {INTENT_NAME_KEY: FALLBACK, PREDICTED_CONFIDENCE_KEY: 1.0}
            else:
                continue
            message.set(INTENT, override, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [override, *ranking], add_to_output=True)
        return messages
