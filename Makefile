# Winnow: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs the checks.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format worker bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Winnow needs Python 3.11 or later; set PYTHON=/path/to/python3")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Winnow is starting on http://$(HOST):$(PORT)/ (Ctrl+C stops it)."
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# A Celery worker with the beat scheduler, for when CELERY_BROKER_URL is set.
worker: $(VENV)/.installed
	$(BIN)/celery -A vetting worker -B --loglevel=INFO

# Benchmarks on PostgreSQL (BENCH_DATABASE_URL, default a local winnow_bench database).
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/bench_scoring.py
	$(BIN)/python bench/bench_dashboard.py

clean:
	rm -rf $(VENV) staticfiles
