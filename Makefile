# Front door. On a fresh machine `make run` and `make test` do all the set-up themselves.
.PHONY: run test train eval lint clean help

PY := .venv/bin/python
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

help:
	@echo "make run    - install, build the spaCy pipeline, train if needed, start the assistant"
	@echo "make test   - install what the tests need, train if needed, run every test"
	@echo "make eval   - evaluation report on the held-out questions (reports/evaluation.md)"
	@echo "make train  - retrain the model now"

run:
	@scripts/bootstrap.sh requirements.txt
	@$(PY) scripts/train.py
	@$(PY) scripts/serve.py

test:
	@scripts/bootstrap.sh requirements-dev.txt
	@scripts/system_deps.sh
	@$(PY) scripts/train.py
	@.venv/bin/ruff check .
	@$(PY) -m pytest -q tests/unit tests/e2e

train:
	@scripts/bootstrap.sh requirements.txt
	@$(PY) scripts/train.py --force

eval:
	@scripts/bootstrap.sh requirements-dev.txt
	@$(PY) scripts/evaluate.py

lint:
	@.venv/bin/ruff check .

clean:
	rm -rf build models var results reports .rasa test-artifacts web/dist
