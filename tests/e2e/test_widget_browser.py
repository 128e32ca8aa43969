"""Browser tests of the chat widget (web/src/widget.js) against the real assistant.

Needs the session fixtures of tests/e2e/conftest.py:
  rasa_url - a running, trained Rasa server with the REST channel and CORS allowing the
             web origin (e.g. "http://127.0.0.1:5005")
  web_url  - the demo page served by scripts/serve_web.py (e.g. "http://127.0.0.1:8080/")
and Debian's chromium at /usr/bin/chromium (apt-get install -y chromium).

The assistant is only assumed to: answer "can a campus safety officer arrest someone?"
with "do not have sworn authority or powers of arrest" and a line starting "Source:", and
answer "what about them?" (no role known yet) with "Which role do you mean?" and buttons
titled like "School Resource Officer (SRO)". Everything else is checked on the widget.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode, urljoin

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
CONTACT = yaml.safe_load((ROOT / "data" / "knowledge_base.yml").read_text(encoding="utf-8"))["contact"]
TAG = "ssc-chat-widget"
WEBHOOK = re.compile(r".*/webhooks/rest/webhook$")
REPLY_TIMEOUT_MS = 15_000  # the widget itself gives up after 6 s
XSS = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "[x](javascript:alert(1))"]

# Waits until the widget is idle and something came after the person's last message,
# then returns the assistant's texts since that message.
REPLY_JS = """() => {
  const root = document.querySelector("ssc-chat-widget")?.shadowRoot;
  const log = root?.querySelector(".log");
  if (!log || log.getAttribute("aria-busy") !== "false") return null;
  const items = [...log.children];
  const lastUser = items.map((n) => n.matches(".msg.user")).lastIndexOf(true);
  const after = items.slice(lastUser + 1);
  if (!after.length) return null;
  return after.filter((n) => n.matches(".msg.bot")).map((n) => n.querySelector(".body").textContent);
}"""
MARKUP_JS = """() => {
  const root = document.querySelector("ssc-chat-widget").shadowRoot;
  return {
    elements: root.querySelectorAll(".log img, .log script, .log iframe, .log b").length,
    badLinks: [...root.querySelectorAll("a")].map((a) => a.getAttribute("href"))
      .filter((h) => !/^(https:|tel:|mailto:)/.test(h)),
  };
}"""


def tel(number: str) -> str:
    return "tel:+1" + re.sub(r"\D", "", number)


def luminance(rgb: tuple[int, ...]) -> float:
    def channel(v: int) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """Contrast ratio of two computed CSS colours ("rgb(r, g, b)")."""
    hi, lo = sorted((luminance(tuple(int(x) for x in re.findall(r"\d+", c)[:3])) for c in (a, b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


class Chat:
    """The widget on a page (or in a frame), driven the way a person would."""

    def __init__(self, page, frame=None):
        self.page = page
        self.frame = frame or page.main_frame
        self.widget = self.frame.locator(TAG)
        self.launcher = self.widget.locator(".launcher")
        self.panel = self.widget.locator(".panel")
        self.input = self.widget.get_by_role("textbox", name="Type your question")
        self.dialogs: list[str] = []
        self.problems: list[str] = []  # script errors and CSP violations
        self.sent: list[dict] = []  # bodies POSTed to the webhook
        page.on("dialog", self._on_dialog)
        page.on("pageerror", lambda e: self.problems.append(str(e)))
        page.on("console", self._on_console)
        page.on("request", self._on_request)

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _on_console(self, msg) -> None:
        if msg.type == "error" and "Content Security Policy" in msg.text:
            self.problems.append(msg.text)

    def _on_request(self, request) -> None:
        if request.method == "POST" and WEBHOOK.match(request.url):
            self.sent.append(json.loads(request.post_data))

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.launcher.click()
        expect(self.input).to_be_focused()

    def ask(self, text: str) -> list[str]:
        self.input.fill(text)
        self.input.press("Enter")
        return self.wait_reply()

    def wait_reply(self) -> list[str]:
        # Polled from Python: wait_for_function() evaluates strings in the page, which the
        # demo page's CSP (no 'unsafe-eval') rightly forbids.
        deadline = time.monotonic() + REPLY_TIMEOUT_MS / 1000
        while (replies := self.frame.evaluate(REPLY_JS)) is None:
            assert time.monotonic() < deadline, "no reply in time"
            self.page.wait_for_timeout(100)
        return replies

    def ask_until_buttons(self) -> list[str]:
        """Ask about "them" with no role known: the assistant asks which role is meant."""
        for question in ("what about them?", "tell me about them"):
            replies = self.ask(question)
            if self.widget.locator(".choice").count():
                return replies
        pytest.fail(f"no suggestion buttons after asking about 'them': {replies}")

    def texts(self, who: str) -> list[str]:
        return self.widget.locator(f".msg.{who} .body").all_text_contents()

    def assert_no_markup(self) -> None:
        self.page.wait_for_timeout(300)  # an injected <img onerror> would fire by now
        found = self.frame.evaluate(MARKUP_JS)
        assert found == {"elements": 0, "badLinks": []}
        assert self.dialogs == []

    def assert_clean(self) -> None:
        assert self.problems == []
        assert self.dialogs == []


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: apt-get update && apt-get install -y chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def chat(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield Chat(context.new_page())
    context.close()


@pytest.fixture
def demo_url(web_url, rasa_url) -> str:
    return urljoin(web_url, "?server=" + quote(rasa_url, safe=""))


def cors(request) -> dict[str, str]:
    return {
        "Access-Control-Allow-Origin": request.headers.get("origin", "*"),
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Allow-Methods": "POST, OPTIONS",
    }


def fake_reply(replies: list[dict]):
    """A page.route() handler answering the webhook with `replies` instead of Rasa."""

    def handle(route):
        headers = cors(route.request)
        if route.request.method == "OPTIONS":
            return route.fulfill(status=204, headers=headers)
        route.fulfill(status=200, headers=headers, content_type="application/json", body=json.dumps(replies))

    return handle


# ---- without a browser ------------------------------------------------------------------


def test_widget_source_is_safe_and_contact_comes_from_knowledge_base():
    source = (ROOT / "web" / "src" / "widget.js").read_text(encoding="utf-8")
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert banned not in source
    assert not re.search(r"\blocalStorage\b", source)
    assert CONTACT["phone"] not in source and CONTACT["tty"] not in source

    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_widget.py")], capture_output=True, text=True, check=True
    )
    assert re.search(r"\d+ bytes", done.stdout)
    built = (ROOT / "web" / "dist" / "widget.js").read_text(encoding="utf-8")
    assert json.dumps(CONTACT["phone"]) in built and json.dumps(CONTACT["tty"]) in built
    assert "%%CONTACT" not in built


def test_demo_page_sends_security_headers_and_has_no_inline_script(demo_url, web_url):
    with urllib.request.urlopen(demo_url) as response:
        page = response.read().decode()
        headers = response.headers
    policy = dict(d.strip().split(" ", 1) for d in headers["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert "unsafe" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert re.search(r'<script src="/widget.js" data-server="[^"]+"', page)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "inline script on the demo page"
    with urllib.request.urlopen(urljoin(web_url, "/widget.js")) as response:
        assert response.headers["Content-Type"].startswith("text/javascript")


# ---- with the real assistant ------------------------------------------------------------


def test_answer_with_source_help_line_and_privacy_notice(chat, demo_url):
    chat.open(demo_url)
    replies = chat.ask("can a campus safety officer arrest someone?")
    assert any("do not have sworn authority or powers of arrest" in r for r in replies), replies
    assert any(re.search(r"(?m)^Source:", r) for r in replies), replies
    expect(chat.widget.locator(".msg.error")).to_have_count(0)

    # Consistent help: the Safety Center's phone and TTY as tel: links, from the knowledge base.
    help_line = chat.widget.locator(".help")
    for number in (CONTACT["phone"], CONTACT["tty"]):
        expect(help_line.get_by_role("link", name=number)).to_have_attribute("href", tel(number))
    expect(chat.widget.get_by_text("don't enter students' names", exact=False)).to_be_visible()
    expect(chat.widget.get_by_role("log")).to_have_attribute("aria-live", "polite")

    ARTIFACTS.mkdir(exist_ok=True)
    chat.page.screenshot(path=str(ARTIFACTS / "widget-open.png"))
    chat.assert_clean()


def test_button_sends_payload_and_history_survives_reload(chat, demo_url):
    chat.open(demo_url)
    replies = chat.ask_until_buttons()
    assert any("Which role do you mean?" in r for r in replies), replies

    button = chat.widget.get_by_role("button", name=re.compile("School Resource Officer"))
    title = button.text_content()
    button.click()
    replies = chat.wait_reply()
    assert replies and not chat.widget.locator(".msg.error").count(), replies
    assert chat.texts("user")[-1] == title  # the title is shown, the payload is sent
    assert re.fullmatch(r"/inform_role\{.*\"sro\".*\}", chat.sent[-1]["message"]), chat.sent[-1]
    assert len({body["sender"] for body in chat.sent}) == 1

    users, bots = chat.texts("user"), chat.texts("bot")
    chat.page.reload()
    expect(chat.panel).to_be_visible()  # it was open, so it stays open
    assert (chat.texts("user"), chat.texts("bot")) == (users, bots)
    assert chat.page.evaluate("localStorage.length") == 0

    old_sender = chat.sent[-1]["sender"]
    chat.widget.get_by_role("button", name="New conversation").click()
    expect(chat.widget.locator(".msg.user")).to_have_count(0)
    chat.ask("can a campus safety officer arrest someone?")
    assert chat.sent[-1]["sender"] != old_sender
    chat.assert_clean()


def test_keyboard_only(chat, demo_url):
    page = chat.page
    page.goto(demo_url)
    active = "() => { const a = document.activeElement; return a?.shadowRoot?.activeElement?.className ?? ''; }"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(active) == "launcher":
            break
    else:
        pytest.fail("Tab never reached the chat launcher")
    style = chat.launcher.evaluate("b => [getComputedStyle(b).outlineStyle, getComputedStyle(b).outlineWidth]")
    assert style[0] == "solid" and float(style[1].rstrip("px")) >= 2, style  # visible focus

    page.keyboard.press("Enter")
    expect(chat.input).to_be_focused()
    page.keyboard.type("what about them?")
    page.keyboard.press("Enter")
    chat.wait_reply()
    if not chat.widget.locator(".choice").count():
        page.keyboard.type("tell me about them")
        page.keyboard.press("Enter")
        chat.wait_reply()

    for _ in range(10):  # back from the text box to the suggestion buttons
        page.keyboard.press("Shift+Tab")
        if page.evaluate(active) == "choice":
            break
    else:
        pytest.fail("Shift+Tab never reached a suggestion button")
    title = page.evaluate("() => document.activeElement.shadowRoot.activeElement.textContent")
    page.keyboard.press("Enter")
    assert chat.wait_reply()
    assert chat.texts("user")[-1] == title
    expect(chat.input).to_be_focused()

    page.keyboard.press("Escape")
    expect(chat.panel).to_be_hidden()
    expect(chat.launcher).to_be_focused()
    expect(chat.launcher).to_have_attribute("aria-expanded", "false")
    chat.assert_clean()


def test_typed_markup_stays_text(chat, demo_url):
    chat.open(demo_url)
    for text in XSS:
        chat.ask(text)
    assert chat.texts("user") == XSS
    chat.assert_no_markup()
    chat.assert_clean()


def test_bot_markup_stays_text_and_only_safe_links_are_made(chat, demo_url):
    evil = (
        '<img src=x onerror=alert(1)> <script>alert(2)</script> <a href="javascript:alert(3)">x</a> '
        "[x](javascript:alert(4)) <b>bold</b> See https://example.org/safety. Call 360-555-0100."
    )
    button = "<img src=x onerror=alert(5)>"
    chat.page.route(
        WEBHOOK, fake_reply([{"recipient_id": "x", "text": evil, "buttons": [{"title": button, "payload": "/x"}]}])
    )
    chat.open(demo_url)
    assert chat.ask("hello") == [evil]
    chat.assert_no_markup()
    expect(chat.widget.locator(".choice")).to_have_text(button)
    links = chat.widget.locator(".msg.bot").last.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "https://example.org/safety",
        "tel:+13605550100",
    ]
    chat.assert_clean()


def test_unreachable_server_gives_the_phone_number(chat, demo_url):
    chat.page.route(WEBHOOK, lambda route: route.abort())
    chat.open(demo_url)
    chat.ask("can a campus safety officer arrest someone?")
    error = chat.widget.locator(".msg.error")
    expect(error).to_contain_text(CONTACT["phone"])
    expect(error.get_by_role("link", name=CONTACT["phone"])).to_have_attribute("href", tel(CONTACT["phone"]))
    expect(chat.widget.locator(".typing")).to_have_text("")


def test_silent_server_times_out_after_about_six_seconds(chat, demo_url):
    held = []
    chat.page.route(WEBHOOK, lambda route: held.append(route))  # never answers
    chat.open(demo_url)
    start = time.monotonic()
    chat.ask("hello")
    assert 5 < time.monotonic() - start < 10
    expect(chat.widget.locator(".msg.error")).to_contain_text(CONTACT["phone"])
    for route in held:  # release it so the test ends tidily
        route.abort()


@pytest.mark.parametrize("where,width", [("demo", 1280), ("demo", 320), ("chat.html", 1280)])
def test_axe_finds_no_violations_inside_the_shadow_dom(chat, demo_url, web_url, rasa_url, where, width):
    chat.page.set_viewport_size({"width": width, "height": 800})
    if where == "demo":
        chat.open(demo_url)
    else:
        chat.page.goto(urljoin(web_url, "/chat.html?" + urlencode({"server": rasa_url})))
    chat.ask_until_buttons()
    results = Axe().run(chat.page, options={"resultTypes": ["violations", "passes"]})
    violations = results.response["violations"]
    assert not violations, (
        results.generate_snapshot()
        + "\n"
        + json.dumps([{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in violations], indent=1)
    )
    # axe names nodes inside a shadow root with a nested selector list: prove it looked there.
    shadow_nodes = [n for rule in results.response["passes"] for n in rule["nodes"] if isinstance(n["target"][0], list)]
    assert any(rule["id"] == "color-contrast" for rule in results.response["passes"])
    assert shadow_nodes, "axe did not scan the widget's shadow DOM"


@pytest.mark.parametrize("accent", ["#ffeb3b", "#0b5394", "#ff8800", "#777", "#ffffff", "#000000"])
def test_any_accent_keeps_text_contrast(chat, web_url, rasa_url, accent):
    page_url = urljoin(web_url, "/__accent_test.html")
    body = (
        '<!doctype html><html lang="en"><head><title>Accent</title>'
        f'<script src="/widget.js" data-server="{html.escape(rasa_url)}" data-accent="{accent}" data-open="true">'
        "</script></head><body><h1>Accent</h1></body></html>"
    )
    chat.page.route(page_url, lambda route: route.fulfill(content_type="text/html", body=body))
    reply = [
        {"recipient_id": "x", "text": "See https://example.org", "buttons": [{"title": "A choice", "payload": "/x"}]}
    ]
    chat.page.route(WEBHOOK, fake_reply(reply))
    chat.page.goto(page_url)
    chat.ask("hi")
    pairs = {  # text element -> element whose background it sits on
        ".launcher": ".launcher",
        ".send": ".send",
        ".header h2": ".header",
        ".header .new": ".header",
        ".msg.user": ".msg.user",
        ".help a": ".help",
        ".msg.bot a": ".msg.bot",
        ".choice": ".choice",
    }
    colours = chat.page.evaluate(
        """(pairs) => { const r = document.querySelector("ssc-chat-widget").shadowRoot;
          const css = (s, p) => getComputedStyle(r.querySelector(s))[p];
          return Object.entries(pairs).map(([fg, bg]) => [fg, css(fg, "color"), css(bg, "backgroundColor")]); }""",
        pairs,
    )
    for selector, fg, bg in colours:
        assert contrast(fg, bg) >= 4.5, f"{accent}: {selector} {fg} on {bg} = {contrast(fg, bg):.2f}"
    chat.input.focus()
    ring = chat.input.evaluate("e => getComputedStyle(e).outlineColor")
    assert contrast(ring, "rgb(255, 255, 255)") >= 3


@pytest.mark.parametrize("width,height", [(320, 640), (640, 400)])  # a phone; 1280x800 at 200% zoom
def test_panel_fills_small_screens_without_horizontal_scrolling(chat, demo_url, width, height):
    chat.page.set_viewport_size({"width": width, "height": height})
    chat.open(demo_url)
    chat.ask_until_buttons()
    chat.panel.evaluate("p => Promise.all(p.getAnimations().map((a) => a.finished))")
    box = chat.panel.bounding_box()
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, width, height)
    for part in (chat.input, chat.widget.locator(".send"), chat.widget.get_by_role("button", name="Close chat")):
        b = part.bounding_box()
        assert b["x"] >= 0 and b["y"] >= 0 and b["x"] + b["width"] <= width and b["y"] + b["height"] <= height
    overflow = chat.panel.evaluate("p => [p, p.querySelector('.log')].map((e) => e.scrollWidth - e.clientWidth)")
    assert overflow == [0, 0]


def test_reduced_motion_turns_animation_off(chat, demo_url):
    chat.page.emulate_media(reduced_motion="reduce")
    chat.open(demo_url)
    assert chat.panel.evaluate("p => getComputedStyle(p).animationName") == "none"
    chat.page.emulate_media(reduced_motion="no-preference")
    assert chat.panel.evaluate("p => getComputedStyle(p).animationName") != "none"


def test_chat_page_works_inside_an_iframe(chat, web_url, rasa_url):
    src = urljoin(web_url, "/chat.html") + "?" + urlencode({"server": rasa_url, "title": "Ask about school safety"})
    portal = urljoin(web_url, "/__portal.html")
    body = (
        '<!doctype html><html lang="en"><head><title>Portal</title></head><body><h1>Portal</h1>'
        f'<iframe title="School safety chat" src="{html.escape(src)}" width="420" height="600"></iframe>'
        "</body></html>"
    )
    chat.page.route(portal, lambda route: route.fulfill(content_type="text/html", body=body))
    chat.page.goto(portal)
    frame = chat.page.frame_locator("iframe")
    expect(frame.get_by_role("heading", name="Ask about school safety")).to_be_visible()
    inner = Chat(chat.page, next(f for f in chat.page.frames if "chat.html" in f.url))
    expect(inner.launcher).to_have_count(0)  # page mode: always open, nothing to launch
    replies = inner.ask("can a campus safety officer arrest someone?")
    assert any("do not have sworn authority or powers of arrest" in r for r in replies), replies
    inner.assert_clean()
    chat.assert_clean()
