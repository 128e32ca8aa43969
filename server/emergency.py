"""NLU component that applies the emergency safety net after the classifiers.

Runs last in the pipeline: a message the patterns in data/emergency.yml flag as danger
now becomes the `emergency` intent, whatever DIET or the FallbackClassifier said; a
question merely *about* danger that DIET called `emergency` ("can an SRO shoot someone?")
falls back to its next-ranked intent, so near misses get a normal answer.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions import safety

EMERGENCY = "emergency"
FALLBACK = "nlu_fallback"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class EmergencyOverride(GraphComponent, IntentClassifier):
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
    ) -> EmergencyOverride:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            ranking = [i for i in message.get(INTENT_RANKING_KEY) or [] if i.get(INTENT_NAME_KEY) != FALLBACK]
            top = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if self.detector.is_emergency(text):
                override = {INTENT_NAME_KEY: EMERGENCY, PREDICTED_CONFIDENCE_KEY: 1.0}
            elif top == EMERGENCY and self.detector.is_hypothetical(text):
                override = next((i for i in ranking if i[INTENT_NAME_KEY] != EMERGENCY), None)
            else:
                continue
            if override:
                message.set(INTENT, override, add_to_output=True)
                message.set(
                    INTENT_RANKING_KEY, [override, *[i for i in ranking if i is not override]], add_to_output=True
                )
        return messages
