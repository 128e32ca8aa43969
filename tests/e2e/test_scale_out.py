"""Scale-out on real services, no mocks: two Rasa servers share one PostgreSQL (conversations)
and one Redis (conversation locks), as docker-compose.yml runs them, behind deploy/nginx.conf.

Needs Debian's postgresql, redis-server, nginx and docker-compose (scripts/system_deps.sh).
Everything listens on 127.0.0.1 only; the two Rasa servers start in parallel (~1-2 min).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg2
import pytest
import redis
import yaml

from scripts.serve import MODEL, ROOT, Stack

PG_BIN = Path("/usr/lib/postgresql/15/bin")
NGINX = Path("/usr/sbin/nginx")
# PostgreSQL refuses to run as root; as root, run its tools as the `postgres` user.
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
PASSWORD = "scale-out-test"
LOGS = ROOT / "var" / "log" / "test"


def need(path: str | Path | None, what: str) -> str:
    if not path or not Path(path).exists():
        pytest.fail(f"{what} is not installed: run scripts/system_deps.sh")
    return str(path)


def free_port(preferred: int) -> int:
    """`preferred` if nothing listens there, else any free port."""
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return s.getsockname()[1]
            except OSError:
                continue
    raise RuntimeError("no free port")


def sh(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        pytest.fail(f"{' '.join(command)} failed:\n{done.stderr or done.stdout}")


def scratch_dir(prefix: str) -> Path:
    """A directory under /tmp that service users can enter (pytest's tmp dirs are root-only)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    return path


@pytest.fixture(scope="module")
def postgres() -> Iterator[dict[str, str]]:
    """A throw-away PostgreSQL 15 cluster; yields the DB_* variables endpoints.postgres.yml reads."""
    need(PG_BIN / "initdb", "postgresql")
    tmp = scratch_dir("scale-out-pg-")
    (tmp / "password").write_text(PASSWORD)
    if AS_POSTGRES:
        shutil.chown(tmp, "postgres", "postgres")
        shutil.chown(tmp / "password", "postgres", "postgres")
    data, port = tmp / "data", free_port(55432)
    initdb = [str(PG_BIN / "initdb"), "-D", str(data), "-U", "rasa", f"--pwfile={tmp / 'password'}"]
    options = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [*AS_POSTGRES, str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(tmp / "server.log")]
    try:
        sh([*AS_POSTGRES, *initdb, "-A", "scram-sha-256", "--no-sync"])
        sh([*pg_ctl, "-w", "-o", options, "start"])
        db = psycopg2.connect(host="127.0.0.1", port=port, user="rasa", password=PASSWORD, dbname="postgres")
        db.autocommit = True  # CREATE DATABASE can't run in a transaction
        db.cursor().execute("CREATE DATABASE rasa")
        db.close()
        yield {
            "DB_HOST": "127.0.0.1",
            "DB_PORT": str(port),
            "DB_NAME": "rasa",
            "DB_USER": "rasa",
            "DB_PASSWORD": PASSWORD,
        }
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def redis_server() -> Iterator[redis.Redis]:
    port = free_port(56379)
    command = [need(shutil.which("redis-server"), "redis-server"), "--port", str(port), "--bind", "127.0.0.1"]
    LOGS.mkdir(parents=True, exist_ok=True)
    with open(LOGS / "redis.log", "ab") as log:
        server = subprocess.Popen([*command, "--save", "", "--daemonize", "no"], stdout=log, stderr=log)
    client = redis.Redis(host="127.0.0.1", port=port)
    try:
        for _ in range(50):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail(f"redis-server did not start; see {LOGS / 'redis.log'}")
        yield client
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def servers(postgres: dict[str, str], redis_server: redis.Redis) -> Iterator[tuple[Stack, Stack]]:
    """Two Rasa servers on endpoints.postgres.yml (one shared action server), started in parallel."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make test` (it trains first)")
    store = {
        **postgres,
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(redis_server.connection_pool.connection_kwargs["port"]),
    }
    a, b = (
        Stack(
            action_port=5655, rasa_port=port, endpoints="endpoints.postgres.yml", extra_env=store, log_dir=LOGS / name
        )
        for name, port in (("scale-out-a", 5605), ("scale-out-b", 5705))
    )
    try:
        a.start_actions()
        with ThreadPoolExecutor(2) as pool:
            for started in [pool.submit(stack.start_rasa) for stack in (a, b)]:
                started.result()
        yield a, b
    finally:
        b.stop()
        a.stop()


def say(stack: Stack, sender: str, text: str) -> str:
    return "\n".join(m.get("text", "") for m in stack.ask(sender, text))


def test_conversation_continues_across_servers(servers, postgres, redis_server) -> None:
    a, b = servers
    sender = f"scale-out-{uuid.uuid4()}"
    assert say(a, sender, "tell me about campus safety officers")
    assert "may be armed" in say(b, sender, "are they armed?")
    assert "does not say how SSOs/CSOs are funded" in say(a, sender, "who pays for them?")

    db = psycopg2.connect(host="127.0.0.1", port=postgres["DB_PORT"], user="rasa", password=PASSWORD, dbname="rasa")
    with db, db.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM events WHERE sender_id = %s AND type_name = 'user'", (sender,))
        assert cursor.fetchone()[0] == 3  # both servers wrote to the one database
    db.close()
    # Each message was processed under a lock kept in Redis (RedisLockStore SETs it).
    assert redis_server.info("commandstats")["cmdstat_set"]["calls"] >= 3


def test_retention_cleans_postgres(servers, postgres) -> None:
    db = psycopg2.connect(host="127.0.0.1", port=postgres["DB_PORT"], user="rasa", password=PASSWORD, dbname="rasa")
    db.autocommit = True
    with db.cursor() as cursor:
        for sender, days_ago in (("long-ago", 90), ("last-week", 7)):
            cursor.execute(
                "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (%s, 'user', %s, '{}')",
                (sender, time.time() - days_ago * 24 * 3600),
            )
        env = {**os.environ, **postgres}
        run = subprocess.run(
            [sys.executable, "scripts/retention.py", "--endpoints", "endpoints.postgres.yml"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        assert "Deleted 1 events older than 30 days (1 conversations entirely)" in run.stdout
        cursor.execute("SELECT sender_id FROM events WHERE sender_id IN ('long-ago', 'last-week')")
        assert cursor.fetchall() == [("last-week",)]
    db.close()


def nginx_conf(tmp: Path, a: Stack, b: Stack, port: int) -> Path:
    """deploy/nginx.conf with compose's host names, port and paths swapped for local ones."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    temp_paths = "".join(
        f"    {kind}_temp_path {tmp / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    for old, new in [
        ("rasa1:5005", f"127.0.0.1:{a.rasa_port}"),
        ("rasa2:5005", f"127.0.0.1:{b.rasa_port}"),
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("/srv/web", str(ROOT / "web")),
        ("http {\n", "http {\n" + temp_paths),  # not the system's /var/lib/nginx
    ]:
        assert old in text, f"deploy/nginx.conf no longer contains {old!r}; update this test"
        text = text.replace(old, new)
    path = tmp / "nginx.conf"
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def nginx(servers: tuple[Stack, Stack]) -> Iterator[str]:
    """deploy/nginx.conf in front of the two Rasa servers; yields its URL."""
    need(NGINX, "nginx")
    tmp, port = scratch_dir("scale-out-nginx-"), free_port(58080)
    conf = nginx_conf(tmp, *servers, port)
    command = [str(NGINX), "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    with open(LOGS / "nginx.log", "ab") as log:
        server = subprocess.Popen(
            [*command, "-g", f"daemon off; pid {tmp / 'nginx.pid'};"], stdout=log, stderr=log, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(url + "/widget.js", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


def fetch(url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(errors="replace")


def test_nginx_forwards_only_the_chat_routes_and_static_files(nginx: str) -> None:
    status, page = fetch(nginx + "/")
    assert status == 200 and f'data-server="{nginx}"' in page  # the demo widget talks to this host
    assert fetch(nginx + "/widget.js")[0] == 200
    assert fetch(nginx + "/socket.io/?EIO=4&transport=polling")[1].startswith("0{")  # engine.io handshake
    status, reply = fetch(nginx + "/webhooks/rest/webhook", b'{"sender": "via-nginx", "message": "are SROs armed?"}')
    assert status == 200 and json.loads(reply)[0]["text"], reply
    for path in (
        "/model",
        "/conversations/via-nginx/tracker",
        "/status",
        "/version",
        "/webhooks/rest/",
        "/settings.yml",
    ):
        assert fetch(nginx + path)[0] == 404, path
    assert fetch(nginx + "/model", b"{}")[0] == 404  # model replacement
    big = b'{"sender": "x", "message": "' + b"a" * 20_000 + b'"}'
    assert fetch(nginx + "/webhooks/rest/webhook", big)[0] == 413


def test_nginx_rate_limits_each_client(nginx: str) -> None:
    time.sleep(6)  # let the earlier requests' burst allowance refill
    statuses = [fetch(nginx + "/webhooks/rest/webhook", b'{"sender": "flood", "message": ""}')[0] for _ in range(25)]
    assert statuses[:5] == [200] * 5 and statuses.count(429) >= 10, statuses


def compose_command() -> list[str]:
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return [need(shutil.which("docker-compose"), "docker-compose")]


def test_compose_file_is_valid_and_exposes_only_nginx() -> None:
    env = {**os.environ, "DB_PASSWORD": "not-a-real-secret"}
    run = subprocess.run([*compose_command(), "config"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    services = yaml.safe_load(run.stdout)["services"]
    assert {"nginx", "rasa1", "rasa2", "actions1", "actions2", "postgres", "redis"} <= set(services)
    assert [name for name, service in services.items() if service.get("ports")] == ["nginx"]
    for name in ("rasa1", "rasa2"):
        command = " ".join(services[name]["command"])
        assert "--endpoints endpoints.postgres.yml" in command and "enable-api" not in command
    missing = subprocess.run([*compose_command(), "config", "-q"], cwd=ROOT, env={"PATH": os.environ["PATH"]})
    assert missing.returncode != 0, "the compose file must refuse to start without DB_PASSWORD"
