"""The web origins allowed to use the chat endpoints, from web/settings.yml. Pure Python (no Rasa import)."""

from __future__ import annotations

from pathlib import Path

import yaml

SETTINGS = Path(__file__).resolve().parent.parent / "web" / "settings.yml"


def allowed_origins(settings_file: str | Path = SETTINGS) -> list[str]:
    """The `allowed_origins` list; raise ValueError when it is missing, empty or a wildcard."""
    settings = yaml.safe_load(Path(settings_file).read_text(encoding="utf-8")) or {}
    origins = settings.get("allowed_origins")
    if not isinstance(origins, list) or not origins or "*" in origins:
        raise ValueError(f"{settings_file}: allowed_origins must be a non-empty list of origins (not '*')")
    return [str(o) for o in origins]
