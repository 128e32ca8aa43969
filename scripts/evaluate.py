"""Evaluation report: ask every held-out question through the running assistant and score it.

For our pipeline (config.yml) and for Rasa's default `rasa init` pipeline
(scripts/baseline_config.yml) trained on the same data, this script trains (if needed),
starts the stack, plays every conversation and emergency of each test set, reads the
predicted intents back from the tracker store, runs `rasa test nlu` for the confusion
matrix and histogram, and writes reports/evaluation.md.

The test sets, all written by someone who never saw the training data:
- sealed (tests/data/sealed/): nobody looked at its sentences or its errors while
  building the assistant; its figures are the ones that count;
- dev2, dev3, … (tests/data/dev<N>/): earlier sealed sets, each scored blind once,
  then used for error analysis;
- dev (tests/data/heldout.yml, tests/data/emergencies*.yml): used for error analysis
  from the start.
The figures of the dev sets are optimistic.

Usage: python scripts/evaluate.py [--skip-baseline] [--set sealed|dev<N>|dev ...]

`--replay` is for work on the dev sets: it plays them through our pipeline only (never the
sealed set unless named), skips `rasa test nlu` and the report, keeps each set's results in
reports/replay/<set>.json and prints every turn and emergency whose outcome changed since
the previous replay.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actions import answers, knowledge  # noqa: E402
from scripts.serve import BIN, ROOT, Stack  # noqa: E402
from scripts.train import rasa_env, train  # noqa: E402

REPORTS = ROOT / "reports"
DATA = ROOT / "tests" / "data"
KB = knowledge.load()
SAFETY_TOPICS = ("arrest", "armed")
CALL_911 = "If anyone is in danger, call 911 now."
CLARIFY = (answers.DID_YOU_MEAN, answers.ASK_ROLE)  # how a clarifying question starts
SMALL_TALK = {  # expected kind -> a phrase of the domain response
    "greet": "automated assistant",
    "goodbye": "Goodbye",
    "thanks": "You're welcome",
    "bot_challenge": "not a person",
    "off_topic": "I can only help with questions about school safety personnel",
}


def fact_topic(expect: dict) -> str | None:
    """The topic whose facts answer the turn: an overview of roles is their definitions."""
    return "definition" if expect.get("topic") == "overview" else expect.get("topic")


def intent_topic(expect: dict) -> str | None:
    """The topic whose intent asks the turn: one role's overview is its definition, while an
    overview comparing roles stays a comparison."""
    return fact_topic(expect) if expect["kind"] == "answer" else expect.get("topic")


def expected_intents(expect: dict) -> set[str]:
    """Intents that correctly express a held-out turn (follow-ups can be said several ways)."""
    kind, topic = expect["kind"], intent_topic(expect)
    topic_intent = {KB.topics[topic].intent} if topic in KB.topics else set()
    return {
        "answer": topic_intent | {"inform_role", "compare"},
        "compare": topic_intent | {"compare"},
        "more": {"tell_more"},
        "not_covered": {"ask_not_covered"},
        "off_topic": {"out_of_scope"},
        "contact": {"ask_contact"},
    }.get(kind, {kind})


def primary_intent(expect: dict) -> str:
    """The single label used for `rasa test nlu`."""
    kind, topic = expect["kind"], intent_topic(expect)
    if kind in ("answer", "compare") and topic in KB.topics:
        return KB.topics[topic].intent
    return sorted(expected_intents(expect))[0] if kind != "compare" else "compare"


def fact_texts(expect: dict) -> list[str]:
    """What a correct reply must contain."""
    kind, topic = expect["kind"], fact_topic(expect)
    if kind == "answer":
        return [KB.fact(expect["role"], topic).answer]
    if kind == "more":
        fact = KB.fact(expect["role"], topic)
        return [fact.detail or "That is all the source page says about this."]
    if kind == "compare":
        return [KB.fact(r, topic).answer for r in expect["roles"]]
    if kind == "not_covered":
        return [answers.not_covered(KB)[0]["text"]]
    if kind == "contact":
        return [KB.contact.phone, KB.contact.tty]
    return [SMALL_TALK[kind]]


def expected_roles(expect: dict) -> set[str]:
    return set(expect.get("roles") or ([expect["role"]] if "role" in expect else []))


def facts_given(reply: str) -> list[tuple[str, str]]:
    """The (role, topic) knowledge-base facts whose answer the reply contains."""
    return [(r, t) for r in KB.roles for t in KB.topics if KB.fact(r, t).answer in reply]


def claims(reply: str) -> set[tuple[str, str]]:
    """The (role, topic) arrest/weapon facts a reply states; "the page does not say whether…"
    (an unstated fact) claims nothing."""
    return {(r, t) for r, t in facts_given(reply) if t in SAFETY_TOPICS and KB.fact(r, t).stated}


def only_unstated(reply: str) -> bool:
    """The reply says the page is silent on what was asked and gives the contact, stating no fact:
    as honest an answer to a question the source does not cover as the generic "doesn't cover
    that" (a question on an unstated fact, "are private guards armed?", gets it)."""
    given = facts_given(reply)
    return bool(given) and not any(KB.fact(r, t).stated for r, t in given) and answers.contact_line(KB) in reply


def judge(expect: dict, reply: str) -> tuple[bool, set[tuple[str, str]]]:
    """Whether a reply is correct for a held-out turn, and the wrong arrest/weapon claims it makes."""
    if expect["kind"] == "answer" and "role" not in expect:  # "what kinds of staff are there?"
        expect = {**expect, "kind": "compare", "roles": list(KB.roles)}
    correct = all(text in reply for text in fact_texts(expect))
    if expect["kind"] == "compare":  # every compared role must be named too
        correct = correct and all(KB.roles[r].title in reply for r in expect["roles"])
    if expect["kind"] == "not_covered":
        correct = correct or only_unstated(reply)
    # A comparison labels every role's fact; a single-role answer for another role misleads.
    comparison = reply.count("• ") >= 2
    wrong = set() if comparison else {(r, t) for r, t in claims(reply) if r not in expected_roles(expect)}
    return correct, wrong


@dataclass(frozen=True)
class TestSet:
    name: str
    conversations: Path
    emergencies: tuple[Path, ...]


def _folder_set(folder: Path) -> TestSet:
    return TestSet(folder.name, folder / "conversations.yml", (folder / "emergencies.yml",))


# The sealed set, the earlier sealed sets newest first (dev7, dev6, …), then the first dev set.
TEST_SETS = (
    _folder_set(DATA / "sealed"),
    *(_folder_set(f) for f in sorted(DATA.glob("dev[0-9]*"), key=lambda f: -int(f.name[3:]))),
    TestSet("dev", DATA / "heldout.yml", tuple(sorted(DATA.glob("emergencies*.yml")))),
)


@dataclass
class Result:
    name: str
    test_set: TestSet
    turns: list[dict] = field(default_factory=list)
    emergencies: list[tuple[str, bool]] = field(default_factory=list)
    near_misses: list[tuple[str, bool]] = field(default_factory=list)
    near_misses_clarified: int = 0
    nlu: dict = field(default_factory=dict)

    @property
    def out(self) -> Path:
        return REPORTS / self.name / self.test_set.name


def conversations(test_set: TestSet) -> list[dict]:
    return yaml.safe_load(test_set.conversations.read_text())["conversations"]


def normal(text: str) -> str:
    """A sentence compared without case, punctuation or spacing."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def sentences(test_set: TestSet) -> set[str]:
    found = {normal(t["user"]) for c in conversations(test_set) for t in c["turns"]}
    for path in test_set.emergencies:
        sets = yaml.safe_load(path.read_text())
        found |= {normal(text) for text in sets["emergencies"] + sets["near_misses"]}
    return found


@cache
def seen_before(test_set: TestSet) -> frozenset[str]:
    """The sentences of the sets played before this one. Set writers repeat each other ("are
    they armed?"), and an earlier set's errors guided fixes, so a repeated sentence is not a
    blind test: the report scores the new sentences on their own as well."""
    earlier = TEST_SETS[TEST_SETS.index(test_set) + 1 :]
    return frozenset(s for t in earlier for s in sentences(t))


def predicted_intents(db: Path, sender: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(r[0])["parse_data"]["intent"]["name"] for r in rows]


def play(stack: Stack, name: str, test_set: TestSet) -> Result:
    result = Result(name, test_set)
    for conversation in conversations(test_set):
        sender = f"eval-{uuid.uuid4()}"
        replies = ["\n".join(m.get("text", "") for m in stack.ask(sender, t["user"])) for t in conversation["turns"]]
        intents = predicted_intents(stack.tracker_db, sender)
        for turn, reply, intent in zip(conversation["turns"], replies, intents, strict=True):
            expect = turn["expect"]
            correct, wrong = judge(expect, reply)
            result.turns.append(
                {
                    "id": conversation["id"],
                    "style": conversation["style"],
                    "user": turn["user"],
                    "expect": expect,
                    "intent": intent,
                    "intent_ok": intent in expected_intents(expect),
                    "correct": correct,
                    "wrong_claims": sorted(f"{r}.{t}" for r, t in wrong),
                    "clarified": reply.startswith(CLARIFY),
                    "reply": reply,
                }
            )
    for path in test_set.emergencies:
        sets = yaml.safe_load(path.read_text())
        for text in sets["emergencies"]:
            result.emergencies.append((text, stack.ask(f"eval-{uuid.uuid4()}", text)[0]["text"] == CALL_911))
        for text in sets["near_misses"]:
            first = stack.ask(f"eval-{uuid.uuid4()}", text)[0]["text"]
            result.near_misses.append((text, first == CALL_911))
            result.near_misses_clarified += first.startswith(CLARIFY)
    return result


def rasa_test_nlu(model: Path, result: Result) -> dict:
    """`rasa test nlu` on the test set's questions (primary labels); returns the intent report."""
    lines = ['version: "3.1"', "nlu:"]
    by_intent: dict[str, list[str]] = defaultdict(list)
    for conversation in conversations(result.test_set):
        for turn in conversation["turns"]:
            by_intent[primary_intent(turn["expect"])].append(turn["user"])
    for intent, texts in sorted(by_intent.items()):
        lines += [f"- intent: {intent}", "  examples: |"] + [
            f"    - {' '.join(t.split())}" for t in dict.fromkeys(texts)
        ]
    result.out.mkdir(parents=True, exist_ok=True)
    test_file = result.out / "nlu_test.yml"
    test_file.write_text("\n".join(lines) + "\n")
    subprocess.run(
        [str(BIN / "rasa"), "test", "nlu", "--model", str(model), "--nlu", str(test_file), "--out", str(result.out)],
        cwd=ROOT,
        env=rasa_env(),
        check=True,
        capture_output=True,
    )
    return json.loads((result.out / "intent_report.json").read_text())


@contextmanager
def running(model: Path, ports: tuple[int, int, int], folder: Path) -> Iterator[Stack]:
    """The assistant on its own ports, with a fresh tracker store and its logs in `folder`."""
    stack = Stack(
        model=model,
        action_port=ports[0],
        rasa_port=ports[1],
        web_port=ports[2],
        tracker_db=folder / "conversations.db",
        log_dir=folder / "logs",
    )
    stack.tracker_db.unlink(missing_ok=True)
    stack.start_actions()
    stack.start_rasa()
    try:
        yield stack
    finally:
        stack.stop()


def evaluate(name: str, config: str, ports: tuple[int, int, int], test_sets: list[TestSet]) -> list[Result]:
    model = train(config, name)
    print(f"==> Asking the test questions ({name})", flush=True)
    with running(model, ports, REPORTS / name) as stack:
        results = [play(stack, name, test_set) for test_set in test_sets]
    for result in results:
        print(f"==> rasa test nlu ({name}, {result.test_set.name} set)", flush=True)
        result.nlu = rasa_test_nlu(model, result)
        (result.out / "turns.json").write_text(json.dumps(result.turns, indent=1))
    return results


def outcomes(result: Result) -> dict[str, bool]:
    """Each turn's and emergency's outcome, keyed by what was said, for comparing two replays."""
    seen = {f"{t['id']}: {t['user']}": t["correct"] and not t["wrong_claims"] for t in result.turns}
    seen |= {f"emergency: {text}": ok for text, ok in result.emergencies}
    seen |= {f"near miss: {text}": not hit for text, hit in result.near_misses}
    return seen


def replay(test_sets: list[TestSet]) -> None:
    """Play the sets through our pipeline; print what changed since the last replay."""
    model = train("config.yml", "school-safety")
    folder = REPORTS / "replay"
    folder.mkdir(parents=True, exist_ok=True)
    with running(model, (5655, 5605, 8680), folder) as stack:
        for test_set in test_sets:
            now = outcomes(play(stack, "replay", test_set))
            path = folder / f"{test_set.name}.json"
            before = json.loads(path.read_text()) if path.exists() else {}
            path.write_text(json.dumps(now, indent=1))
            print(f"==> {test_set.name}: {sum(now.values())}/{len(now)} right", flush=True)
            for key, ok in now.items():
                if key in before and before[key] != ok:
                    print(f"    {'fixed' if ok else 'BROKEN'}  {key}", flush=True)


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def summary(r: Result) -> dict[str, str]:
    turns = r.turns
    safety = [t for t in turns if t["expect"].get("topic") in SAFETY_TOPICS]
    caught = sum(ok for _, ok in r.emergencies)
    alarms = sum(hit for _, hit in r.near_misses)
    seen = seen_before(r.test_set)
    new = [t for t in turns if normal(t["user"]) not in seen]
    new_emergencies = [ok for text, ok in r.emergencies if normal(text) not in seen]
    new_near_misses = [hit for text, hit in r.near_misses if normal(text) not in seen]
    return {
        "Held-out turns": str(len(turns)),
        "Intent accuracy (any correct intent, in conversation)": pct(sum(t["intent_ok"] for t in turns), len(turns)),
        "Intent accuracy (`rasa test nlu`, single label)": f"{100 * r.nlu['accuracy']:.1f} %",
        "Intent macro F1 (`rasa test nlu`)": f"{r.nlu['macro avg']['f1-score']:.3f}",
        "Intent weighted F1 (`rasa test nlu`)": f"{r.nlu['weighted avg']['f1-score']:.3f}",
        "Answer-fact accuracy": pct(sum(t["correct"] for t in turns), len(turns)),
        "Arrest/weapon answers correct": pct(sum(t["correct"] for t in safety), len(safety)),
        "Wrong claims about arrest powers or weapons": str(sum(bool(t["wrong_claims"]) for t in turns)),
        "Clarifying question instead of an answer": str(sum(t["clarified"] and not t["correct"] for t in turns)),
        "Emergency recall": f"{caught}/{len(r.emergencies)} ({pct(caught, len(r.emergencies))})",
        "False alarms on near misses": f"{alarms}/{len(r.near_misses)}",
        "Near misses met with a clarifying question": f"{r.near_misses_clarified}/{len(r.near_misses)}",
        "New sentences only (in no earlier set): turns": str(len(new)),
        "New sentences only: answer-fact accuracy": pct(sum(t["correct"] for t in new), len(new)),
        "New sentences only: emergency recall": f"{sum(new_emergencies)}/{len(new_emergencies)}",
        "New sentences only: false alarms": f"{sum(new_near_misses)}/{len(new_near_misses)}",
    }


def write_report(results: list[Result]) -> Path:
    """reports/evaluation.md: one section per test set, in TEST_SETS order; each pipeline in a column."""
    lines = [
        "# Evaluation on the held-out questions",
        "",
        "Generated by `make eval`. Every question is sent through the REST channel of the running",
        "assistant; a turn is correct when the reply contains the knowledge-base fact(s) it should",
        "state. A wrong claim is a single-role answer stating the arrest/weapon fact of a role the",
        "question was not about (a comparison, which labels each role's fact, is not one).",
        "",
        "- **sealed** (`tests/data/sealed/`): nobody looked at its sentences or errors while building",
        "  the assistant. These are the figures that count.",
        "- **dev<N>** (`tests/data/dev<N>/`): earlier sealed sets, newest first. Each",
        "  was scored blind once, then its errors guided fixes, so their figures are optimistic.",
        "- **dev** (`tests/data/heldout.yml`, `tests/data/emergencies*.yml`): its errors guided the",
        "  training data and the emergency patterns from the start, so its figures are optimistic.",
    ]
    for test_set in dict.fromkeys(r.test_set for r in results):
        row = [r for r in results if r.test_set == test_set]
        names = [r.name for r in row]
        sums = [summary(r) for r in row]
        lines += [
            "",
            f"## {test_set.name} set",
            "",
            "| Measure | " + " | ".join(names) + " |",
            "|---|" + "---|" * len(names),
        ]
        lines += [f"| {k} | " + " | ".join(s[k] for s in sums) + " |" for k in sums[0]]
        for title, key in (
            ("topic", lambda t: t["expect"].get("topic") or t["expect"]["kind"]),
            ("style", lambda t: t["style"]),
        ):
            lines += [
                "",
                f"### Answer-fact accuracy by {title} ({test_set.name})",
                "",
                f"| {title} | n | " + " | ".join(names) + " |",
                "|---|---|" + "---|" * len(names),
            ]
            for group, n in sorted(Counter(key(t) for t in row[0].turns).items()):
                cells = [pct(sum(t["correct"] for t in r.turns if key(t) == group), n) for r in row]
                lines.append(f"| {group} | {n} | " + " | ".join(cells) + " |")
        lines += ["", f"### Images from `rasa test nlu` ({test_set.name})", ""]
        for r in row:
            where = r.out.relative_to(REPORTS)
            lines.append(
                f"- {r.name}: [confusion matrix]({where}/intent_confusion_matrix.png), "
                f"[confidence histogram]({where}/intent_histogram.png)"
            )
        ours = row[0]
        misses = [t for t in ours.turns if not t["correct"]]
        lines += ["", f"### Turns {ours.name} did not answer as expected ({test_set.name}: {len(misses)})", ""]
        for t in misses:
            first = t["reply"].splitlines()[0] if t["reply"] else "(no reply)"
            lines.append(f"- `{t['id']}` “{t['user']}” expected {t['expect']} → intent `{t['intent']}`: {first[:140]}")
        missed = [text for text, ok in ours.emergencies if not ok] + [
            f"(false alarm) {text}" for text, hit in ours.near_misses if hit
        ]
        if missed:
            lines += ["", f"### Emergency detection errors ({test_set.name})", ""] + [f"- {m}" for m in missed]
    path = REPORTS / "evaluation.md"
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-baseline", action="store_true", help="evaluate only our pipeline")
    parser.add_argument(
        "--set",
        action="append",
        choices=[t.name for t in TEST_SETS],
        help="only this test set; repeatable (while working, leave out sealed to keep it unseen)",
    )
    parser.add_argument("--replay", action="store_true", help="quick replay of the dev sets; prints what changed")
    args = parser.parse_args()
    if args.set:
        test_sets = [t for t in TEST_SETS if t.name in args.set]
    else:  # a replay is for work on the dev sets: it never plays the sealed set unasked
        test_sets = [t for t in TEST_SETS if not (args.replay and t.name == "sealed")]
    if args.replay:
        replay(test_sets)
        return
    REPORTS.mkdir(exist_ok=True)
    results = evaluate("school-safety", "config.yml", (5355, 5305, 8380), test_sets)
    if not args.skip_baseline:
        results += evaluate("rasa-init-default", "scripts/baseline_config.yml", (5455, 5405, 8480), test_sets)
    path = write_report(results)
    shown = False
    for line in path.read_text().splitlines():  # the measure tables, not the breakdowns
        shown = line.startswith("## ") or (shown and not line.startswith("### "))
        if shown:
            print(line)
    print(f"==> Report: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
