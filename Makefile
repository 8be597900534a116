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

LOCKS := requirements
.PHONY: run test lint format worker bench clean lock outdated messages compilemessages

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Winnow needs Python 3.11 or later (3.11, 3.12, 3.13) and found none; set PYTHON=/path/to/python3" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; v = sys.version_info; ok = v[:2] >= (3, 11); print(("Using Python %d.%d.%d (%s)" if ok else "Winnow needs Python 3.11 or later (3.11, 3.12, 3.13); found %d.%d.%d at %s. Set PYTHON=/path/to/python3") % (v[0], v[1], v[2], sys.executable), file=sys.stdout if ok else sys.stderr); sys.exit(0 if ok else 1)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs come from the lock files (every package pinned, with its hashes), then Winnow itself
# without dependencies; again whenever a lock or pyproject.toml changes. The check refuses a
# pyproject.toml whose dependencies the locks do not pin yet (run `make lock`).
$(VENV)/.installed: $(LOCKS)/runtime.txt pyproject.toml | $(BIN)/python
	$(BIN)/python $(LOCKS)/lock.py check
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCKS)/runtime.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: $(LOCKS)/dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/python $(LOCKS)/lock.py check
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCKS)/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@ $(VENV)/.installed

# The locks, from pyproject.toml's dependencies (runtime.txt) and those plus the dev extra
# (dev.txt, held to runtime.txt's versions), for Python 3.11 to 3.13 on any platform. Pins
# already in a lock are kept: LOCK_ARGS=--upgrade raises them all, --upgrade-package=NAME one.
LOCK_ARGS ?=
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --quiet --custom-compile-command "make lock" $(LOCK_ARGS)
lock: | $(BIN)/python
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv
	$(UV_COMPILE) -o $(LOCKS)/runtime.txt
	$(UV_COMPILE) --extra dev --constraint $(LOCKS)/runtime.txt -o $(LOCKS)/dev.txt

# For a scheduled job: the locked packages with a newer release, then known vulnerabilities
# (pip-audit; where it cannot reach its database it says NOT AUDITED and exits 0). Exits 1
# only for a known vulnerability.
outdated: $(VENV)/.installed-dev
	$(BIN)/python $(LOCKS)/lock.py outdated --uv $(BIN)/uv
	$(BIN)/python $(LOCKS)/lock.py audit --pip-audit $(BIN)/pip-audit

# Links in emails (invitations, referee forms, the demo's printed link) point at the address
# served here, unless SITE_URL is set (a public address, a proxy in front).
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Winnow is starting on http://$(HOST):$(PORT)/ (links in emails: $$SITE_URL; Ctrl+C stops it)."
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The suite runs in TEST_WORKERS processes (pytest-xdist: "auto" is one per core, 0 runs it
# in this process). Each worker has its own test database; each test module runs whole on one
# worker (loadscope), so a module's shared world (the page sweep's, the permission matrix's)
# is built once. (xdist_group does not group with pytest 9.2 and xdist 3.8: checked.)
TEST_WORKERS ?= auto
test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadscope

# Translations: `make messages` extracts every marked string into locale/<lang>/LC_MESSAGES
# (German and Spanish; English is the source), `make compilemessages` builds the .mo files
# the server reads (committed, so a machine without gettext still serves every language).
# Both need GNU gettext (Debian: gettext).
LANGS = de es
MESSAGES_IGNORE = --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench \
	--ignore=docs --ignore=static/vendor --ignore=staticfiles --ignore=media
messages: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemessages $(addprefix -l ,$(LANGS)) --no-obsolete \
		--add-location=file $(MESSAGES_IGNORE)
	$(BIN)/python manage.py makemessages -d djangojs $(addprefix -l ,$(LANGS)) --no-obsolete \
		--add-location=file $(MESSAGES_IGNORE)
compilemessages: $(VENV)/.installed-dev
	$(BIN)/python manage.py compilemessages $(addprefix -l ,$(LANGS)) $(MESSAGES_IGNORE)

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
