"""Bad input, closed origins, persistence and graceful failure of the running assistant."""

from __future__ import annotations

import http.server
import json
import queue
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest
import socketio

PHONE = "360-725-6000"

BAD_MESSAGES = [
    "",
    " ",
    "\n\t  \n",
    "\u200b",
    "x" * 100_000,
    "a" * 1001,
    "?" * 5000,
    "\x00\x01\x02\x03",
    "\ufffd\ufffd\ufffd",
    "ÿþ\x00s\x00r\x00o",
    "\x1b[31mred\x1b[0m",
    "%00%0d%0a",
    "😀",
    "🚓🚓🚓",
    "👮‍♀️❓",
    "🔫",
    "🙂" * 300,
    "ما هو ضابط الموارد المدرسية؟",
    "מה זה שוטר בית ספר",
    "\u202eevil\u202c",
    "שלום SRO",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<b>bold</b>",
    "'; DROP TABLE events; --",
    "1 OR 1=1",
    '" OR ""="',
    "SELECT * FROM users",
    "{{7*7}}",
    "${jndi:ldap://x/a}",
    "../../etc/passwd",
    "/restart",
    '/ask_armed{"staff_role": "ghost"}',
    '/inform_role{"staff_role": "principal"}',
    "/nonexistent_intent",
    "/ask_arrest_powers{broken json",
    "SRO " * 250,
    "can can can can can",
    ".",
    "??",
    "...",
    "0",
    "-1",
    "NaN",
    "null",
    "true",
    "[]",
    "{}",
    "ｃａｎ ａ ｃｓｏ ａｒｒｅｓｔ",
    "CAN A CSO ARREST",
]

BAD_BODIES = [
    b"",
    b"not json",
    b"{",
    b"[]",
    b"null",
    b"42",
    b'"text"',
    b'{"message": "hi"}',
    b'{"sender": "x"}',
    b'{"sender": 1, "message": "hi"}',
    b'{"sender": "x", "message": 5}',
    b'{"sender": "x", "message": null}',
    b'{"sender": "x", "message": ["a"]}',
    b'{"sender": "x", "message": "hi", "metadata": "m"}',
    b'{"sender": "", "message": "hi"}',
    b"\xff\xfe\x00\x00",
    b'{"sender": "x", "message": "\\ud800"}',
]


def post(url: str, body: bytes, origin: str | None = None) -> tuple[int, object]:
    headers = {"Content-Type": "application/json", **({"Origin": origin} if origin else {})}
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"null")


def test_the_corpus_is_large_enough():
    assert len(BAD_MESSAGES) + len(BAD_BODIES) >= 50


@pytest.mark.parametrize("text", BAD_MESSAGES, ids=range(len(BAD_MESSAGES)))
def test_bad_message_gets_a_clear_reply_and_the_conversation_goes_on(stack, text):
    sender = f"bad-{uuid.uuid4()}"
    status, reply = post(
        f"{stack.rasa_url}/webhooks/rest/webhook", json.dumps({"sender": sender, "message": text}).encode()
    )
    assert status == 200 and isinstance(reply, list) and reply and all(m.get("text") for m in reply)
    if not text.strip("\u200b \n\t"):
        assert reply[0]["text"] == "Please type a question about school safety officers."
    if len(text.strip()) > 1000:
        assert "please keep it under 1,000 characters" in reply[0]["text"]
    follow_up = stack.ask(sender, "can a campus safety officer arrest someone?")
    assert "do not have sworn authority or powers of arrest" in follow_up[0]["text"]


@pytest.mark.parametrize("body", BAD_BODIES, ids=range(len(BAD_BODIES)))
def test_malformed_request_gets_a_400_with_an_explanation(stack, body):
    status, reply = post(f"{stack.rasa_url}/webhooks/rest/webhook", body)
    assert status == 400, reply
    assert reply[0]["text"] and (
        "sender" in reply[0]["text"] or "message" in reply[0]["text"] or "JSON" in reply[0]["text"]
    )


def test_rest_cors_allows_only_the_configured_origins(stack):
    def preflight(origin: str) -> str | None:
        request = urllib.request.Request(
            f"{stack.rasa_url}/webhooks/rest/webhook",
            method="OPTIONS",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.headers.get("Access-Control-Allow-Origin")

    assert preflight("http://localhost:8080") == "http://localhost:8080"
    assert preflight("https://evil.example") is None


def test_socketio_accepts_only_the_configured_origins(stack):
    def handshake(origin: str) -> int:
        request = urllib.request.Request(
            f"{stack.rasa_url}/socket.io/?EIO=4&transport=polling", headers={"Origin": origin}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as reply:
                return reply.status
        except urllib.error.HTTPError as err:
            return err.code

    assert handshake("http://localhost:8080") == 200
    assert handshake("https://evil.example") == 400


def socketio_reply(stack, text: str) -> str:
    """The first bot message for `text` sent the way Rasa's socket.io widgets send it."""
    replies: queue.Queue[str] = queue.Queue()
    client = socketio.Client()
    client.on("bot_uttered", lambda data: replies.put(data.get("text") or ""))
    client.connect(stack.rasa_url, headers={"Origin": "http://localhost:8080"}, transports=["polling"])
    try:
        session = f"socketio-{uuid.uuid4()}"
        client.emit("session_request", {"session_id": session})
        client.emit("user_uttered", {"message": text, "session_id": session})
        return replies.get(timeout=30)
    finally:
        client.disconnect()


def test_socketio_checks_messages_like_rest(stack):
    assert "keep it under 1,000 characters" in socketio_reply(stack, "a" * 1001)
    assert socketio_reply(stack, "   ") == "Please type a question about school safety officers."
    assert "do not have sworn authority or powers of arrest" in socketio_reply(
        stack, "can a campus safety officer arrest someone?"
    )


def test_model_management_api_is_not_exposed(stack):
    for path in ("/model", "/status", "/conversations/x/tracker"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{stack.rasa_url}{path}", timeout=10)
        assert err.value.code in (403, 404, 405)


def test_message_text_is_not_logged(stack):
    marker = f"zebra{uuid.uuid4().hex[:8]} can a campus safety officer arrest someone"
    stack.ask("log-check", marker)
    assert marker.split()[0] not in stack.log("rasa").read_text(errors="replace")
    assert marker.split()[0] not in stack.log("actions").read_text(errors="replace")


# The tests below stop and restart servers of the shared stack; each leaves it running.


def test_conversation_survives_a_rasa_server_restart(stack):
    sender = f"restart-{uuid.uuid4()}"
    stack.ask(sender, "tell me about campus safety officers")
    stack.stop_one("rasa")
    stack.start_rasa()
    reply = stack.ask(sender, "are they armed?")
    assert "may be armed" in reply[0]["text"]  # the SSO role slot came back from SQLite


def test_action_server_down_still_answers_within_three_seconds(stack):
    sender = f"down-{uuid.uuid4()}"
    stack.stop_one("actions")
    try:
        started = time.monotonic()
        reply = stack.ask(sender, "who pays for school resource officers?")
        elapsed = time.monotonic() - started
        assert elapsed < 3, elapsed
        assert "having trouble" in reply[-1]["text"] and PHONE in reply[-1]["text"]
        emergency = stack.ask(sender, "there is a man with a gun in the school right now")
        assert emergency[0]["text"] == "If anyone is in danger, call 911 now."
        assert PHONE in emergency[1]["text"]
    finally:
        stack.start_actions()
    assert "law enforcement agency" in stack.ask(sender, "who pays for school resource officers?")[0]["text"]


class FakeActionServer:
    """Stands in for the action server on its port: answers slowly or with a 500."""

    def __init__(self, port: int, behaviour: str) -> None:
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                if behaviour == "slow":
                    time.sleep(10)
                self.send_response(500)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("behaviour", ["slow", "erroring"])
def test_slow_or_erroring_action_server_still_answers_within_three_seconds(stack, behaviour):
    stack.stop_one("actions")
    fake = FakeActionServer(stack.action_port, behaviour)
    try:
        started = time.monotonic()
        reply = stack.ask(f"{behaviour}-{uuid.uuid4()}", "who employs campus safety officers?")
        assert time.monotonic() - started < 3
        assert "having trouble" in reply[-1]["text"] and PHONE in reply[-1]["text"]
    finally:
        fake.close()
        stack.start_actions()
