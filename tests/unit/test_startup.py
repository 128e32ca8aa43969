"""Start-up fails fast, naming what is missing or broken."""

from __future__ import annotations

import os
import subprocess
import sys

from actions import knowledge
from scripts.serve import ROOT, preflight

MODEL = ROOT / "models" / "school-safety.tar.gz"


def test_missing_model_is_reported(tmp_path):
    assert preflight(tmp_path / "none.tar.gz")[0].startswith(f"no trained model at {tmp_path / 'none.tar.gz'}")


def test_broken_knowledge_base_is_reported_with_file_and_line(tmp_path, monkeypatch):
    broken = tmp_path / "knowledge_base.yml"
    broken.write_text(knowledge.DEFAULT_PATH.read_text().replace("  tty: 360-664-3631", "  tty: [360"))
    monkeypatch.setenv("KNOWLEDGE_BASE", str(broken))
    [problem] = [p for p in preflight(MODEL) if "knowledge base" in p]
    assert f"{broken}:" in problem and "file: is not valid YAML" in problem


def test_action_server_refuses_to_start_with_a_broken_knowledge_base(tmp_path):
    broken = tmp_path / "knowledge_base.yml"
    broken.write_text("roles: {}\n")
    env = {**os.environ, "KNOWLEDGE_BASE": str(broken)}
    result = subprocess.run(
        [sys.executable, "-c", "import actions.actions"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert f"{broken}:1: source: is missing" in result.stderr


def test_spacy_pipeline_path_comes_from_config():
    from scripts.serve import spacy_pipeline

    assert spacy_pipeline().parent == ROOT / "build" and spacy_pipeline().name.startswith("spacy-en-")
