# Winnow: `make run` serves the demo on http://127.0.0.1:8000 (HOST=, PORT= to change it),
# `make test` runs the checks.
# The first Python 3.11 or later found (3.11, 3.12 and 3.13 are supported, as by Django 5.2):
# python3 itself, else a versioned one. Set PYTHON=/path/to/python3 to choose.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11 python3.14; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format worker bench clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Winnow needs Python 3.11 or later (3.11, 3.12, 3.13) and found none; set PYTHON=/path/to/python3" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; v = sys.version_info; ok = v[:2] >= (3, 11); print(("Using Python %d.%d.%d (%s)" if ok else "Winnow needs Python 3.11 or later (3.11, 3.12, 3.13); found %d.%d.%d at %s. Set PYTHON=/path/to/python3") % (v[0], v[1], v[2], sys.executable), file=sys.stdout if ok else sys.stderr); sys.exit(0 if ok else 1)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

# Links in emails (invitations, referee forms, the demo's printed link) point at the address
# served here, unless SITE_URL is set (a public address, a proxy in front).
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Winnow is starting on http://$(HOST):$(PORT)/ (links in emails: $$SITE_URL; Ctrl+C stops it)."
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The suite runs in TEST_WORKERS processes (pytest-xdist: "auto" is one per core, 0 runs it
# in this process). Each worker has its own test database; the fault suite and the page sweep
# each stay on one worker (xdist_group).
TEST_WORKERS ?= auto
test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# A Celery worker with the beat scheduler, for when CELERY_BROKER_URL is set.
worker: $(VENV)/.installed
	$(BIN)/celery -A vetting worker -B --loglevel=INFO

# Benchmarks on PostgreSQL (BENCH_DATABASE_URL, default a local winnow_bench database), last
# the load test: gunicorn and locust on its own database (LOAD_DATABASE_URL, default
# winnow_load), LOAD_SECONDS of load in all (python bench/load.py --help for the rest).
LOAD_SECONDS ?= 45
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/bench_scoring.py
	$(BIN)/python bench/bench_copies.py
	$(BIN)/python bench/bench_dashboard.py
	$(BIN)/python bench/bench_api.py
	$(BIN)/python bench/load.py --duration $(LOAD_SECONDS)

clean:
	rm -rf $(VENV) staticfiles
