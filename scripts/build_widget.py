#!/usr/bin/env python3
"""Build web/dist/widget.js from web/src/widget.js.

Fills the "%%NAME%%" placeholders of the source with the Safety Center contact details
from the `contact:` block of data/knowledge_base.yml (their single source: the widget
source must not contain them) and the widget defaults from web/settings.yml.
No npm, no bundler: the source is plain JavaScript and only the placeholders change.

Usage: python scripts/build_widget.py   (prints the output path and its size in bytes)
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "web" / "src" / "widget.js"
OUTPUT = ROOT / "web" / "dist" / "widget.js"
KNOWLEDGE_BASE = ROOT / "data" / "knowledge_base.yml"
SETTINGS = ROOT / "web" / "settings.yml"
INPUTS = (SOURCE, KNOWLEDGE_BASE, SETTINGS)

PLACEHOLDER = re.compile(r'"%%([A-Z_]+)%%"')


def values() -> dict[str, str]:
    """Placeholder name -> value."""
    contact = yaml.safe_load(KNOWLEDGE_BASE.read_text(encoding="utf-8"))["contact"]
    settings = yaml.safe_load(SETTINGS.read_text(encoding="utf-8"))
    out = {f"CONTACT_{k.upper()}": contact[k] for k in ("name", "phone", "tty", "address")}
    out.update({f"DEFAULT_{k.upper()}": settings[k] for k in ("title", "greeting", "accent", "position")})
    if settings["position"] not in ("left", "right"):
        raise SystemExit(f"{SETTINGS}: position must be left or right")
    if not re.fullmatch(r"#([0-9a-fA-F]{3}){1,2}", settings["accent"]):
        raise SystemExit(f"{SETTINGS}: accent must be a #rgb or #rrggbb colour")
    return {k: " ".join(str(v).split()) for k, v in out.items()}


def build() -> Path:
    source = SOURCE.read_text(encoding="utf-8")
    subs = values()
    for key in ("CONTACT_PHONE", "CONTACT_TTY"):
        if subs[key] in source:
            raise SystemExit(f"{SOURCE} hard-codes {subs[key]}: use the %%{key}%% placeholder")

    def fill(match: re.Match) -> str:
        if match.group(1) not in subs:
            raise SystemExit(f"{SOURCE}: unknown placeholder {match.group(0)}")
        # A JSON string is a valid JS string literal; ensure_ascii also escapes U+2028/9.
        return json.dumps(subs[match.group(1)])

    built = PLACEHOLDER.sub(fill, source)
    missing = set(subs) - set(PLACEHOLDER.findall(source))
    if missing:
        raise SystemExit(f"{SOURCE}: placeholders not found: {sorted(missing)}")

    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    tmp = OUTPUT.with_suffix(".js.tmp")
    tmp.write_text(built, encoding="utf-8")
    os.replace(tmp, OUTPUT)  # atomic: a running scripts/serve_web.py never sees half a file
    return OUTPUT


def is_stale() -> bool:
    """True when the built file is missing or older than one of its inputs."""
    if not OUTPUT.exists():
        return True
    built = OUTPUT.stat().st_mtime
    return any(p.stat().st_mtime > built for p in INPUTS)


def main() -> int:
    out = build()
    print(f"built {out.relative_to(ROOT)}: {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
