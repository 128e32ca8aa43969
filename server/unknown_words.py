"""NLU component: a message with no word seen in training (or no word at all) becomes `nlu_fallback`.

DIET's confidence means little for words it never saw: "qwop fnord" came out as a
confident `goodbye`. This component learns the training vocabulary (token texts and
lemmas) and, when none of a message's words is in it, predicts `nlu_fallback` so the
assistant asks "Did you mean …?" instead of guessing. Runs after the FallbackClassifier.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

VOCABULARY_FILE = "vocabulary.json"


def _words(message: Message) -> set[str]:
    """Lower-cased alphabetic token texts and lemmas of a message."""
    words = set()
    for token in message.get(TOKENS_NAMES[TEXT]) or []:
        for form in (token.text, token.lemma):
            if form and any(c.isalpha() for c in form):
                words.add(form.lower())
    return words


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class UnknownWordsFallback(GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> list[type]:
        # Tokens, not a classifier: in the training graph classifiers do not feed each
        # other; at prediction time config.yml's order puts this after them.
        return [Tokenizer]

    def __init__(self, model_storage: ModelStorage, resource: Resource, vocabulary: set[str]) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UnknownWordsFallback:
        return cls(model_storage, resource, set())

    def train(self, training_data: TrainingData) -> Resource:
        for example in training_data.intent_examples:
            self.vocabulary |= _words(example)
        with self._model_storage.write_to(self._resource) as storage:
            (storage / VOCABULARY_FILE).write_text(json.dumps(sorted(self.vocabulary)))
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> UnknownWordsFallback:
        with model_storage.read_from(resource) as storage:
            vocabulary = set(json.loads((storage / VOCABULARY_FILE).read_text()))
        return cls(model_storage, resource, vocabulary)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            words = _words(message)
            top = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if not words & self.vocabulary and top != DEFAULT_NLU_FALLBACK_INTENT_NAME:
                fallback = {INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME, PREDICTED_CONFIDENCE_KEY: 1.0}
                message.set(INTENT, fallback, add_to_output=True)
                message.set(
                    INTENT_RANKING_KEY, [fallback, *(message.get(INTENT_RANKING_KEY) or [])], add_to_output=True
                )
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
