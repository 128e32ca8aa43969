"""Training data hygiene: test sentences never leak into training, generated files are current."""

from __future__ import annotations

import subprocess
import sys

import yaml

from actions import knowledge
from scripts.evaluate import ROOT, TEST_SETS, conversations, normal
from tests.conftest import emergency_phrasings, training_examples


def training_intents() -> dict[str, str]:
    """Normalized training sentence -> its intent."""
    return {normal(text): intent for intent, text in training_examples()}


def held_out_sentences() -> set[str]:
    """Every sentence of the evaluation sets (sealed and dev) and of the end-to-end tests."""
    found = {t["user"] for s in TEST_SETS for c in conversations(s) for t in c["turns"]}
    found |= set(emergency_phrasings("emergencies", sealed=True)) | set(emergency_phrasings("near_misses", sealed=True))
    sys.path.insert(0, str(ROOT))
    from tests.e2e.test_answers import CONVERSATIONS, SINGLE_TURN

    found |= {q for q, _, _ in SINGLE_TURN} | {m for turns in CONVERSATIONS.values() for m, _, _ in turns}
    return found


# Short conversational fillers that any chat data contains; everything else must be unseen.
GENERIC = {"tell me more", "hi", "hello", "thanks", "thank you", "bye", "goodbye"}


def test_no_test_sentence_is_in_the_training_data():
    train = training_intents()
    leaked = sorted(s for s in held_out_sentences() if normal(s) in train and normal(s) not in GENERIC)
    assert not leaked, leaked


def test_nlu_intents_match_the_domain():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    trained = set(training_intents().values()) - {""}
    assert trained == set(domain["intents"])


def test_synonyms_are_generated_from_the_knowledge_base():
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_synonyms.py"), "--check"], capture_output=True
    )
    assert check.returncode == 0, check.stderr.decode()


def test_no_topic_question_in_the_training_data_names_a_subject_the_source_does_not_cover():
    # The not-covered cues overrule the intent, so they must not catch what DIET learns to answer.
    kb = knowledge.load()
    answered = {t.intent for t in kb.topics.values()} | {"compare", "tell_more", "inform_role"}
    caught = [(i, t) for i, t in training_examples() if i in answered and kb.asks_what_is_not_covered(t)]
    assert not caught
