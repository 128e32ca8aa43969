#!/usr/bin/env bash
# Prepare a fresh checkout: a Python 3.10 virtualenv with the pinned dependencies and
# the local spaCy pipeline. Re-running is cheap: each step is skipped when up to date.
# Usage: scripts/bootstrap.sh [requirements file]   (default requirements.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
requirements="${1:-requirements.txt}"
want="$(cat .python-version)"   # e.g. 3.10.13; any 3.10.x works

find_python() {
  local candidates=()
  if command -v pyenv >/dev/null 2>&1; then
    candidates+=("$(pyenv root)/versions/${want}/bin/python3")
  fi
  candidates+=("${HOME}/.pyenv/versions/${want}/bin/python3" python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10 python3)
  for candidate in "${candidates[@]}"; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ]; then
  if ! python="$(find_python)"; then
    echo "error: Python 3.10 is required (Rasa 3.6 supports nothing newer) and none was found." >&2
    echo "       Install it (e.g. 'pyenv install ${want}' or your system's python3.10 package) and retry." >&2
    exit 1
  fi
  echo "==> Creating .venv with $python"
  "$python" -m venv .venv
fi

# Reinstall only when the requirement files change.
hash="$(cat requirements*.txt constraints.txt | sha256sum | cut -c1-16)"
stamp=".venv/.installed-${hash}-$(basename "$requirements")"
# The dev install includes everything requirements.txt needs.
if [ ! -f "$stamp" ] && [ ! -f ".venv/.installed-${hash}-requirements-dev.txt" ]; then
  echo "==> Installing pinned dependencies from $requirements (first time: ~2 minutes, ~2.7 GB)"
  .venv/bin/python -m pip install --quiet --upgrade "pip==24.0"
  # Show one line per package as progress; pipefail keeps pip's exit status.
  .venv/bin/python -m pip install --progress-bar off -r "$requirements" -c constraints.txt 2>&1 |
    { grep -E --line-buffered '^(Collecting|Successfully|ERROR|error)' || true; } | sed -u 's/^/    /'
  .venv/bin/python -m pip check >/dev/null || { .venv/bin/python -m pip check; exit 1; }
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# The spaCy pipeline path (with its version) is read from config.yml.
spacy_dir="$(sed -n 's/^ *model: *\(build\/[^ ]*\).*/\1/p' config.yml | head -n1)"
if [ ! -f "$spacy_dir/meta.json" ]; then
  echo "==> Building the spaCy pipeline in $spacy_dir"
  .venv/bin/python scripts/build_spacy.py "$spacy_dir"
fi
