"""Start the assistant: action server, Rasa server (REST + socket.io) and the demo web page.

`make run` calls this after installing and training. The end-to-end tests use the same
Stack class, so they exercise exactly what users get. Ports come from the environment:
ACTION_PORT (5055), RASA_PORT (5005), WEB_PORT (8080). Ctrl-C stops everything.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from actions import knowledge, safety  # noqa: E402
from scripts.train import rasa_env  # noqa: E402
from server.origins import allowed_origins  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "school-safety.tar.gz"


def spacy_pipeline(config: Path = ROOT / "config.yml") -> Path:
    """The spaCy pipeline directory that config.yml's SpacyNLP loads."""
    pipeline = yaml.safe_load(config.read_text(encoding="utf-8"))["pipeline"]
    return ROOT / next(c["model"] for c in pipeline if c["name"] == "SpacyNLP")


def preflight(model: Path) -> list[str]:
    """Problems that would stop the assistant, found before spending a minute starting it."""
    problems = []
    if not model.exists():
        problems.append(f"no trained model at {model}: run `make train`")
    pipeline = spacy_pipeline()
    if not (pipeline / "meta.json").exists():
        problems.append(f"the spaCy pipeline is missing at {pipeline}: run scripts/bootstrap.sh")
    try:
        knowledge.load(knowledge.configured_path())
    except knowledge.KnowledgeBaseError as err:
        problems.append(f"broken knowledge base: {err}")
    try:
        safety.load()
    except ValueError as err:
        problems.append(f"broken emergency patterns: {err}")
    return problems


@dataclass
class Stack:
    """The assistant's processes; logs go to var/log/<name>.log."""

    action_port: int = int(os.environ.get("ACTION_PORT", 5055))
    rasa_port: int = int(os.environ.get("RASA_PORT", 5005))
    web_port: int = int(os.environ.get("WEB_PORT", 8080))
    model: Path = MODEL
    tracker_db: Path = Path(os.environ.get("TRACKER_DB", ROOT / "var" / "conversations.db"))
    endpoints: str = os.environ.get("ENDPOINTS", "endpoints.yml")
    log_dir: Path = ROOT / "var" / "log"
    # Set in every process's environment last, e.g. DB_HOST etc. for endpoints.postgres.yml.
    extra_env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}/"

    def env(self) -> dict[str, str]:
        env = rasa_env()
        env.update(
            ACTION_PORT=str(self.action_port),
            RASA_PORT=str(self.rasa_port),
            WEB_PORT=str(self.web_port),
            TRACKER_DB=str(self.tracker_db),
            ACTION_HOST="127.0.0.1",  # endpoints.postgres.yml reads it; the action server is ours
            SANIC_HOST="127.0.0.1",  # rasa_sdk binds 0.0.0.0 otherwise
        )
        env.update(self.extra_env)
        return env

    def _spawn(self, name: str, command: list[str]) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{name}.log", "ab")
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def ask(self, sender: str, text: str, timeout: float = 30) -> list[dict]:
        """Send one message through the REST channel, as the widget does; return the bot messages."""
        return post_json(f"{self.rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": text}, timeout)

    def start_actions(self) -> None:
        self._spawn("actions", [str(BIN / "rasa"), "run", "actions", "--port", str(self.action_port)])
        self.wait("actions", f"http://127.0.0.1:{self.action_port}/health", 60)

    def start_rasa(self) -> None:
        self.tracker_db.parent.mkdir(parents=True, exist_ok=True)
        # The configured origins plus the demo page this stack serves itself.
        own = [f"http://127.0.0.1:{self.web_port}", f"http://localhost:{self.web_port}"]
        cors = list(dict.fromkeys(allowed_origins() + own))
        self._spawn(
            "rasa",
            [
                str(BIN / "rasa"),
                "run",
                "--model",
                str(self.model),
                "--port",
                str(self.rasa_port),
                "--interface",
                "127.0.0.1",
                "--credentials",
                "credentials.yml",
                "--endpoints",
                self.endpoints,
                "--cors",
                *cors,
            ],
        )
        self.wait("rasa", f"{self.rasa_url}/webhooks/rest/", 240)

    def start_web(self) -> None:
        self._spawn("web", [sys.executable, "scripts/serve_web.py"])
        self.wait("web", self.web_url, 30)

    def start(self) -> Stack:
        problems = preflight(self.model)
        if problems:
            sys.exit("error: cannot start the assistant:\n  " + "\n  ".join(problems))
        self.start_actions()
        self.start_rasa()
        self.start_web()
        return self

    def wait(self, name: str, url: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                self.stop()
                sys.exit(f"error: the {name} server exited at start-up; see {self.log(name)}:\n{self.tail(name)}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()
        sys.exit(f"error: the {name} server did not answer {url} within {timeout:.0f} s; see {self.log(name)}")

    def log(self, name: str) -> Path:
        return self.log_dir / f"{name}.log"

    def tail(self, name: str, lines: int = 15) -> str:
        path = self.log(name)
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop_one(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop(self) -> None:
        for name in list(self.processes):
            self.stop_one(name)


def post_json(url: str, body: object, timeout: float = 30) -> list[dict]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=timeout) as reply:
        return json.loads(reply.read())


def main() -> None:
    stack = Stack()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        print("==> Starting the action server, the Rasa server and the demo page (about a minute)", flush=True)
        stack.start()
        print(
            f"\nThe assistant is running.\n"
            f"  Demo page with the chat widget: {stack.web_url}\n"
            f"  REST channel:  curl -s {stack.rasa_url}/webhooks/rest/webhook "
            f'-d \'{{"sender": "me", "message": "can a campus safety officer arrest someone?"}}\'\n'
            f"  socket.io:     {stack.rasa_url}/socket.io\n"
            f"  Logs: var/log/   Press Ctrl-C to stop.",
            flush=True,
        )
        while all(p.poll() is None for p in stack.processes.values()):
            time.sleep(1)
        dead = [n for n, p in stack.processes.items() if p.poll() is not None]
        print(f"error: {', '.join(dead)} stopped unexpectedly; see var/log/", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("\n==> Stopping")
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
