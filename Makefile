# Self-documenting: `make help` lists the targets with their descriptions.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
FIXTURES := $(wildcard fixtures/*.json)

.PHONY: help install install-dev run test lint format messages compile-messages migrations-check \
	reset-local-db fixtures-dump ci

help: ## List the targets.
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(VENV)/.installed ## Create .venv if missing and install the runtime dependencies.

install-dev: $(VENV)/.installed-dev ## Install the runtime and development dependencies.

compile-messages: install ## Compile the committed .po catalogues to .mo files.
	$(MANAGE) compiletranslations

run: install compile-messages ## Migrate, load every fixture, create a local staff login, serve on 127.0.0.1:8000.
	$(MANAGE) migrate --noinput
	$(MANAGE) loaddata $(FIXTURES)
	$(MANAGE) ensure_local_staff
	$(MANAGE) runserver 127.0.0.1:8000

test: install-dev compile-messages ## Run the test suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise).
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev ## Ruff lint and format check.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev ## Apply ruff's fixes and formatting.
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Extract interface strings into locale/{da,nb,en}/LC_MESSAGES/django.po.
	$(MANAGE) makemessages --locale da --locale nb --locale en --no-location --ignore '.venv/*' --ignore 'staticfiles/*'

migrations-check: install ## Fail when models and migrations disagree.
	$(MANAGE) makemigrations --check --dry-run

reset-local-db: install ## Delete the local SQLite database and rebuild it from migrations and fixtures.
	rm -f db.sqlite3
	$(MANAGE) migrate --noinput
	$(MANAGE) loaddata $(FIXTURES)

fixtures-dump: install ## Rewrite fixtures/*.json from the database (natural keys, every language column).
	$(MANAGE) dumpdata core.source --natural-foreign --natural-primary --indent 2 -o fixtures/sources.json
	$(MANAGE) dumpdata core.keyfigure --natural-foreign --natural-primary --indent 2 -o fixtures/key_figures.json
	$(MANAGE) dumpdata coalition --natural-foreign --natural-primary --indent 2 -o fixtures/coalition.json
	$(MANAGE) dumpdata contributions --natural-foreign --natural-primary --indent 2 -o fixtures/contributions.json
	$(MANAGE) dumpdata programmes --natural-foreign --natural-primary --indent 2 -o fixtures/programmes.json

ci: lint migrations-check test ## What CI runs, short of the PostgreSQL set-up in .ci/run.
