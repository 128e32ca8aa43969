"""Delete stored conversations older than the retention period.

Every tracker-store event older than N days is deleted, so a conversation with no newer
event goes entirely. N is --days, default `retention_days` in server.yml. The store is the
SQL tracker store of the endpoints file the server runs with (--endpoints, default
$ENDPOINTS or endpoints.yml), with the same environment variables: TRACKER_DB (SQLite) or
DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD (endpoints.postgres.yml). Run it daily.

Usage: python scripts/retention.py [--days N] [--endpoints FILE]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import sqlalchemy as sa
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.train import rasa_env  # noqa: E402

DAY = 24 * 60 * 60


def retention_days(settings: Path = ROOT / "server.yml") -> int:
    return int(yaml.safe_load(settings.read_text(encoding="utf-8"))["retention_days"])


def tracker_store_url(endpoints: Path) -> sa.engine.URL:
    """The URL of the endpoints file's SQL tracker store, built the way Rasa builds it."""
    env = rasa_env()  # the server's environment, including its default TRACKER_DB

    def expand(value: object) -> object:  # Rasa's ${VAR} substitution
        if not isinstance(value, str):
            return value
        try:
            return re.sub(r"\$\{(\w+)\}", lambda m: env[m[1]], value)
        except KeyError as err:
            sys.exit(f"error: {endpoints.name} needs the environment variable {err.args[0]}")

    store = {k: expand(v) for k, v in (yaml.safe_load(endpoints.read_text()).get("tracker_store") or {}).items()}
    if str(store.get("type", "")).lower() != "sql":
        sys.exit(f"error: {endpoints.name} has no SQL tracker_store; nothing to clean")
    if "://" in str(store.get("url") or ""):
        return sa.engine.make_url(store["url"])
    db = store.get("db", "rasa.db")
    if store.get("dialect", "sqlite") == "sqlite":
        db = str(ROOT / db)  # relative to the server's working directory (ROOT); absolute stays
    port = store.get("port")
    return sa.engine.URL.create(
        store.get("dialect", "sqlite"),
        username=store.get("username"),
        password=store.get("password"),
        host=store.get("url"),
        port=int(port) if port else None,
        database=db,
    )


def delete_older_than(url: sa.engine.URL, days: float, now: float | None = None) -> tuple[int, int]:
    """Delete the events older than `days`; return (events deleted, conversations deleted entirely)."""
    cutoff = (time.time() if now is None else now) - days * DAY
    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table("events"):  # the server has not stored anything yet
            return 0, 0
        with engine.begin() as db:
            if engine.dialect.name == "sqlite":
                db.execute(sa.text("PRAGMA secure_delete = ON"))  # overwrite, don't just unlink, the rows
            params = {"cutoff": cutoff}
            gone = db.execute(
                sa.text(
                    "SELECT COUNT(*) FROM (SELECT sender_id FROM events GROUP BY sender_id"
                    " HAVING MAX(timestamp) < :cutoff) AS stale"
                ),
                params,
            ).scalar_one()
            deleted = db.execute(sa.text("DELETE FROM events WHERE timestamp < :cutoff"), params).rowcount
        return deleted, gone
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=retention_days(), help="keep this many days (default: %(default)s)")
    parser.add_argument("--endpoints", default=os.environ.get("ENDPOINTS", "endpoints.yml"))
    args = parser.parse_args(argv)
    if args.days < 1:  # 0 would empty the store: surely a typo
        parser.error("--days must be at least 1")
    url = tracker_store_url(ROOT / args.endpoints)  # an absolute --endpoints stays as given
    deleted, gone = delete_older_than(url, args.days)
    where = url.render_as_string(hide_password=True)
    print(f"Deleted {deleted} events older than {args.days} days ({gone} conversations entirely) from {where}")


if __name__ == "__main__":
    main()
