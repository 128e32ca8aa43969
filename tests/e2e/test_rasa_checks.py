"""Rasa's own checks: the training data validates and the test stories are predicted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scripts.serve import MODEL, ROOT
from scripts.train import rasa_env

RASA = str(Path(sys.executable).parent / "rasa")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([RASA, *args], cwd=ROOT, env=rasa_env(), capture_output=True, text=True, timeout=900)


def test_rasa_data_validate_is_clean():
    result = run("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_test_stories_are_predicted(tmp_path):
    result = run(
        "test",
        "core",
        "--model",
        str(MODEL),
        "--stories",
        "tests/test_stories.yml",
        "--fail-on-prediction-errors",
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (tmp_path / "story_report.json").exists()
