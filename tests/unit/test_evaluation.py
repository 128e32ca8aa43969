"""How the evaluation report judges a reply (scripts/evaluate.py), on real rendered replies,
and which held-out sentences it counts as new."""

from __future__ import annotations

import pytest

from actions import answers
from actions.conversation import Plan
from scripts.evaluate import KB, TEST_SETS, Result, conversations, judge, seen_before, sentences, summary


def reply(plan: Plan) -> str:
    return "\n".join(m["text"] for m in answers.render(KB, plan))


NOT_COVERED = {"kind": "not_covered"}


@pytest.mark.parametrize(
    ("role", "topic"), [("private_security", "armed"), ("private_security", "arrest"), ("sro", "hours")]
)
def test_saying_the_page_is_silent_answers_a_not_covered_question(role, topic):
    assert not KB.fact(role, topic).stated
    assert judge(NOT_COVERED, reply(Plan("answer", topic, (role,)))) == (True, set())


def test_the_generic_not_covered_reply_answers_a_not_covered_question():
    assert judge(NOT_COVERED, reply(Plan("not_covered", ""))) == (True, set())


def test_a_stated_fact_does_not_answer_a_not_covered_question():
    correct, wrong = judge(NOT_COVERED, reply(Plan("answer", "armed", ("sso",))))
    assert not correct
    assert wrong == {("sso", "armed")}


def test_an_unstated_fact_after_a_stated_one_is_still_a_claim():
    # "is the rent-a-cop a real cop" -> arrest (unstated) and definition (stated): not "not covered"
    correct, _ = judge(NOT_COVERED, reply(Plan("answer", "arrest", ("private_security",), also=("definition",))))
    assert not correct


def test_an_overview_of_one_role_is_its_definition():
    expect = {"kind": "answer", "role": "sso", "topic": "overview"}
    assert judge(expect, reply(Plan("answer", "definition", ("sso",)))) == (True, set())
    assert not judge(expect, reply(Plan("answer", "duties", ("sso",))))[0]


def test_another_roles_arrest_fact_is_a_wrong_claim():
    expect = {"kind": "answer", "role": "sso", "topic": "arrest"}
    assert judge(expect, reply(Plan("answer", "arrest", ("sro",)))) == (False, {("sro", "arrest")})
    assert judge(expect, reply(Plan("answer", "arrest", ("sso",)))) == (True, set())


def test_an_unstated_fact_for_another_role_is_wrong_but_claims_nothing():
    expect = {"kind": "answer", "role": "sso", "topic": "armed"}
    assert judge(expect, reply(Plan("answer", "armed", ("private_security",)))) == (False, set())


def test_a_comparison_must_name_every_role_and_labels_its_claims():
    expect = {"kind": "compare", "roles": ["sro", "sso"], "topic": "arrest"}
    assert judge(expect, reply(Plan("compare", "arrest", ("sro", "sso")))) == (True, set())
    assert (
        judge(
            {**expect, "roles": ["sro", "sso", "private_security"]}, reply(Plan("compare", "arrest", ("sro", "sso")))
        )[0]
        is False
    )


def test_an_overview_answer_names_every_role():
    expect = {"kind": "answer", "topic": "overview"}
    assert judge(expect, reply(Plan("compare", "overview", tuple(KB.roles)))) == (True, set())
    assert judge(expect, reply(Plan("compare", "overview", ("sro", "sso"))))[0] is False


def test_the_sentences_of_earlier_sets_are_not_new_to_a_later_one():
    sealed, newest_dev, oldest = TEST_SETS[0], TEST_SETS[1], TEST_SETS[-1]
    assert sentences(newest_dev) <= seen_before(sealed)
    assert sentences(oldest) <= seen_before(newest_dev)
    assert not seen_before(oldest)


def test_a_later_sets_sentences_are_not_seen_by_an_earlier_one():
    newest_dev, previous = TEST_SETS[1], TEST_SETS[2]
    only_newest = sentences(newest_dev) - seen_before(newest_dev)
    assert only_newest
    assert not only_newest & seen_before(previous)


def test_the_report_scores_the_new_sentences_on_their_own():
    newest_dev, previous = TEST_SETS[1], TEST_SETS[2]
    repeated = conversations(previous)[0]["turns"][0]["user"]
    expect = {"kind": "off_topic"}
    result = Result(
        "ours", newest_dev, nlu={"accuracy": 1.0, "macro avg": {"f1-score": 1.0}, "weighted avg": {"f1-score": 1.0}}
    )
    for user, correct in ((repeated, True), ("Xyzzy, a sentence no set has?", False)):
        result.turns.append(
            {
                "user": user,
                "expect": expect,
                "intent_ok": True,
                "correct": correct,
                "wrong_claims": [],
                "clarified": False,
            }
        )
    result.emergencies = [(repeated, True), ("Xyzzy is on fire", False)]
    result.near_misses = [("Xyzzy drill", True)]
    rows = summary(result)
    assert rows["Answer-fact accuracy"] == "50.0 %"
    assert rows["New sentences only (in no earlier set): turns"] == "1"
    assert rows["New sentences only: answer-fact accuracy"] == "0.0 %"
    assert rows["New sentences only: emergency recall"] == "0/1"
    assert rows["New sentences only: false alarms"] == "1/1"
