"""Load and fault test on loopback: prints the figures quoted in the README's operations section.

1. 50 concurrent conversations x 20 messages through the REST channel; the action server
   is killed a third of the way through and restarted at two thirds. Every message must
   get a non-empty reply (0 errors) and every turn must be stored in the tracker store.
2. With the action server down: the time until the trouble reply arrives.
3. The Rasa server restarted mid-conversation: the next turn still knows the role.
Bounded: 1,000 + 20 + 2 requests, all to 127.0.0.1. Not part of `make test` (it takes minutes).

Usage: python scripts/loadtest.py [--conversations 50] [--messages 20]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.serve import ROOT, Stack  # noqa: E402

QUESTIONS = [
    "hi",
    "tell me about campus safety officers",
    "can they arrest students?",
    "are they armed?",
    "who pays for them?",
    "what about the SRO?",
    "how are SROs trained",
    "how is an SRO different from private security",
    "so who of them can arrest?",
    "tell me more",
    "who employs private security staff",
    "can private security work after school hours",
    "what does a school resource officer do",
    "is the security guard a cop?",
    "can they search backpacks",
    "what's the safety center phone number",
    "who do SSOs work with",
    "when do SROs work",
    "what time is the bus",
    "thanks, bye",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if int(fields.get("Pid", 0)) == pid or int(fields.get("PPid", 0)) == pid:
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024


def load(stack: Stack, conversations: int, messages: int) -> None:
    total = conversations * messages
    latencies: list[float] = []
    errors: list[str] = []
    troubled = 0  # answered with the "having trouble" reply (action server down, or the turn ran over time)
    sent = 0
    lock = threading.Lock()
    senders = [f"load-{uuid.uuid4()}" for _ in range(conversations)]

    def converse(sender: str) -> None:
        nonlocal sent, troubled
        for i in range(messages):
            started = time.monotonic()
            try:
                reply = stack.ask(sender, QUESTIONS[i % len(QUESTIONS)])
                ok = bool(reply) and all(m.get("text") for m in reply)
            except OSError as err:
                ok, reply = False, str(err)
            with lock:
                latencies.append(time.monotonic() - started)
                sent += 1
                troubled += ok and "having trouble" in reply[-1]["text"]
                if not ok:
                    errors.append(f"{sender} #{i}: {reply}")

    def faults() -> None:
        while sent < total // 3:
            time.sleep(0.05)
        stack.stop_one("actions")
        print(f"    action server killed after {sent} messages", flush=True)
        while sent < 2 * total // 3:
            time.sleep(0.05)
        stack.start_actions()
        print(f"    action server restarted after {sent} messages", flush=True)

    print(f"==> {conversations} concurrent conversations x {messages} messages", flush=True)
    fault_thread = threading.Thread(target=faults)
    fault_thread.start()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=conversations) as pool:
        list(pool.map(converse, senders))
    elapsed = time.monotonic() - started
    fault_thread.join()
    time.sleep(1)  # let shielded turns that outlived their reply finish storing
    with sqlite3.connect(stack.tracker_db) as db:
        marks = ",".join("?" * len(senders))
        stored = db.execute(
            f"SELECT COUNT(*) FROM events WHERE type_name = 'user' AND sender_id IN ({marks})", senders
        ).fetchone()[0]
    print(f"    messages: {total}, errors: {len(errors)}, turns stored: {stored}/{total} (lost {total - stored})")
    print(f"    answered with the trouble reply: {troubled} (action server down, or over the reply time limit)")
    print(f"    throughput: {total / elapsed:.1f} messages/s over {elapsed:.1f} s")
    print(
        f"    latency: p50 {1000 * statistics.median(latencies):.0f} ms, p95 {1000 * percentile(latencies, 95):.0f} ms, "
        f"max {1000 * max(latencies):.0f} ms"
    )
    for error in errors[:5]:
        print(f"    error: {error}")


def action_server_down(stack: Stack) -> None:
    stack.stop_one("actions")
    times = []
    for _ in range(20):
        started = time.monotonic()
        reply = stack.ask(f"down-{uuid.uuid4()}", "who pays for school resource officers?")
        times.append(time.monotonic() - started)
        assert "having trouble" in reply[-1]["text"], reply
    stack.start_actions()
    print(
        f"==> Action server down: trouble reply in p50 {1000 * statistics.median(times):.0f} ms, "
        f"max {1000 * max(times):.0f} ms (20 messages)"
    )


def rasa_restart(stack: Stack) -> None:
    sender = f"restart-{uuid.uuid4()}"
    stack.ask(sender, "tell me about campus safety officers")
    started = time.monotonic()
    stack.stop_one("rasa")
    stack.start_rasa()
    restart = time.monotonic() - started
    kept = "may be armed" in stack.ask(sender, "are they armed?")[0]["text"]
    print(f"==> Rasa server restarted mid-conversation in {restart:.0f} s; role kept: {kept}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--messages", type=int, default=20)
    args = parser.parse_args()
    run_dir = ROOT / "var" / "loadtest"
    (run_dir / "conversations.db").unlink(missing_ok=True)
    stack = Stack(
        action_port=5955,
        rasa_port=5905,
        web_port=8980,
        tracker_db=run_dir / "conversations.db",
        log_dir=run_dir / "logs",
    )
    started = time.monotonic()
    stack.start_actions()
    stack.start_rasa()
    print(f"==> Stack ready in {time.monotonic() - started:.0f} s", flush=True)
    try:
        load(stack, args.conversations, args.messages)
        print(
            f"==> Memory: Rasa server {rss_mb(stack.processes['rasa'].pid):.0f} MB, "
            f"action server {rss_mb(stack.processes['actions'].pid):.0f} MB"
        )
        action_server_down(stack)
        rasa_restart(stack)
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
