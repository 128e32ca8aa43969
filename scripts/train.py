"""Train the Rasa model only when what it is trained from has changed.

The fingerprint covers the training data, domain, config, and the spaCy pipeline
(Rasa's own cache fingerprints the pipeline by path only), but not the files that are
read only at run time (the knowledge base, its source page, the emergency patterns).
Unchanged inputs skip training entirely; `--force` trains anyway.

Usage: python scripts/train.py [--force] [--config CONFIG] [--out NAME]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Read by the actions and the emergency components when they start, never by training.
RUN_TIME_ONLY = ("data/knowledge_base.yml", "data/emergency.yml", "data/source")


def fingerprint(config: str) -> str:
    digest = hashlib.sha256()
    paths = [ROOT / config, ROOT / "domain.yml"]
    for folder in ("data", "build"):
        paths += sorted(
            p
            for p in (ROOT / folder).rglob("*")
            if p.is_file() and not str(p.relative_to(ROOT)).startswith(RUN_TIME_ONLY)
        )
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def rasa_env() -> dict[str, str]:
    """Environment for every rasa command: no telemetry prompt, quiet TensorFlow."""
    env = dict(os.environ)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env.setdefault("PYTHONWARNINGS", "ignore")
    # endpoints.yml reads these; scripts/serve.py sets them per stack.
    env.setdefault("ACTION_PORT", "5055")
    env.setdefault("TRACKER_DB", str(ROOT / "var" / "conversations.db"))
    return env


def train(config: str = "config.yml", name: str = "school-safety", force: bool = False) -> Path:
    model = ROOT / "models" / f"{name}.tar.gz"
    stamp = ROOT / "models" / f"{name}.fingerprint"
    current = fingerprint(config)
    if not force and model.exists() and stamp.exists() and stamp.read_text() == current:
        print(f"==> Model {model.relative_to(ROOT)} is up to date")
        return model
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_synonyms.py"), "--check"])
    if check.returncode:
        sys.exit(check.returncode)
    print(
        f"==> Training {model.relative_to(ROOT)} from {config} (about 15 minutes on an idle 2-core machine)", flush=True
    )
    started = time.monotonic()
    rasa = Path(sys.executable).parent / "rasa"
    log = ROOT / "var" / "log" / f"train-{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as output:  # Rasa's warnings and TensorFlow notices go to the log
        process = subprocess.Popen(
            [str(rasa), "train", "--config", config, "--fixed-model-name", name, "--out", "models"],
            cwd=ROOT,
            env=rasa_env(),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        while process.poll() is None:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                print(
                    f"    ... still training ({time.monotonic() - started:.0f} s; log: {log.relative_to(ROOT)})",
                    flush=True,
                )
    if process.returncode:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
        sys.exit(f"{tail}\nrasa train failed (exit {process.returncode}); full log: {log}")
    stamp.write_text(current)
    print(f"==> Trained in {time.monotonic() - started:.0f} s")
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--out", default="school-safety", help="model name under models/")
    args = parser.parse_args()
    train(args.config, args.out, args.force)
