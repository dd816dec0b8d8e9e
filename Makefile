# Self-documenting: `make help` lists the targets with their descriptions.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# In the order of their names, which is the order they load in (fixtures/README.md).
FIXTURES := $(sort $(wildcard fixtures/*.json))

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

# Test workers (pytest-xdist, one test database each): `make test TEST_WORKERS=0` runs in this process alone. Each
# worker takes half of the tests in order (keeping those that share a database state together) and, once done,
# takes over half of what the other has left, so no worker idles while a long browser test ends the run.
TEST_WORKERS ?= auto

test: install-dev compile-messages ## Run the test suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise).
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: install-dev ## The pre-commit checks on every file: ruff, ruff-format, djLint (templates), whitespace fixers.
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

format: install-dev ## Apply ruff's fixes and formatting (templates are linted, never reformatted).
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

fixtures-dump: install ## Rewrite fixtures/*.json from the database, as the content registry lists them (natural keys).
	$(MANAGE) dump_fixtures

ci: lint migrations-check test ## What CI runs, short of the PostgreSQL set-up in .ci/run.

# The benchmark (bench/run.py, docs/performance.md): PostgreSQL database isil_bench on 127.0.0.1:5432 (override with
# BENCH_DATABASE_URL) and isil_bench_fixtures for the real fixtures (BENCH_FIXTURES_DATABASE_URL), gunicorn on
# 127.0.0.1:8471 (BENCH_PORT), Redis databases 14 and 13 (page cache) on 127.0.0.1:6379 if one answers.
.PHONY: bench bench-data wrk

wrk: ## Install the load generator (Debian's wrk package) if it is missing.
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -q wrk || sudo apt-get install -y -q wrk; }

bench: install compile-messages wrk ## Every page type in-process and under gunicorn + wrk, on the real fixtures and the synthetic data (QUICK=1: quicker).
	$(BIN)/python -m bench.run $(if $(QUICK),--quick)

bench-data: install ## (Re)build the benchmark database: 50,000 synthetic contributions in three languages.
	$(BIN)/python -m bench.run --rebuild --prepare-only

# Backups of the PostgreSQL database named by DATABASE_URL (docs/reliability.md): pg_dump's custom format,
# compressed, restorable table by table; `make restore` replaces the database's contents in one transaction.
BACKUP_DIR ?= backups
.PHONY: backup restore

backup: ## Dump the PostgreSQL database at DATABASE_URL to backups/isil-<UTC time>.dump (BACKUP_DIR, BACKUP_FILE).
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
	  *) echo "DATABASE_URL must name the PostgreSQL database to back up (postgres://…)." >&2; exit 2;; esac
	@file="$${BACKUP_FILE:-$(BACKUP_DIR)/isil-$$(date -u +%Y%m%dT%H%M%SZ).dump}"; mkdir -p "$$(dirname "$$file")"; \
	pg_dump --format=custom --no-owner --no-privileges --file="$$file.partial" "$$DATABASE_URL" \
	  && pg_restore --list "$$file.partial" >/dev/null \
	  && mv "$$file.partial" "$$file" \
	  && echo "Backup written to $$file ($$(du -h "$$file" | cut -f1))." \
	  || { rm -f "$$file.partial"; echo "Backup failed; nothing was written." >&2; exit 1; }

restore: ## Replace the contents of the PostgreSQL database at DATABASE_URL with BACKUP=<file>, all or nothing.
	@test -n "$(BACKUP)" || { echo "Name the dump to restore: make restore BACKUP=$(BACKUP_DIR)/isil-….dump" >&2; exit 2; }
	@test -f "$(BACKUP)" || { echo "No such file: $(BACKUP)" >&2; exit 2; }
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
	  *) echo "DATABASE_URL must name the PostgreSQL database to restore into (postgres://…)." >&2; exit 2;; esac
	pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
	  --dbname="$$DATABASE_URL" "$(BACKUP)"
	@echo "Restored $(BACKUP)."

# The load test (bench/loadtest.py, docs/reliability.md): PostgreSQL database isil_loadtest on 127.0.0.1:5432
# (LOADTEST_DATABASE_URL), gunicorn with production settings on 127.0.0.1:8483 (LOADTEST_PORT).
.PHONY: loadtest

loadtest: install compile-messages ## 60 s of readers (4 per worker) and editors against gunicorn on 127.0.0.1; fails on any 5xx or lost edit.
	$(BIN)/python -m bench.loadtest $(LOADTEST_ARGS)
