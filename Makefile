# The two commands of the quick start: `make run` and `make test`.
# Without DATABASE_URL both use the embedded PostgreSQL in .pgdata/ (or $PGDATA_DIR);
# `make stop` stops it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install catalogs run stop test lint fmt screenshots import-corpus browser-deps

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# The translation catalogs (locale/*/LC_MESSAGES/*.mo), compiled in pure Python.
catalogs: $(STAMP)
	@$(BIN)/python -m archive.ops.catalogs

install: $(STAMP) catalogs

# migrate, import seeds/, serve; DEBUG=1 for all three unless DEBUG is set. Stopping it
# (Ctrl-C) stops the embedded PostgreSQL it started (scripts/run.sh).
run: install
	bash scripts/run.sh $(BIN)/python $(PORT)

# Stop the embedded PostgreSQL in .pgdata/ (or $PGDATA_DIR) if it runs.
stop:
	@bash scripts/embedded-postgres.sh stop

# axe-core for the accessibility check in the browser tests (npm registry).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch node_modules/.installed

browser-deps:
	bash scripts/ensure-chromium.sh
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory node_modules/.installed; \
	else echo "warning: npm is missing; the accessibility check will be skipped" >&2; fi

test: install browser-deps
	SECRET_KEY=$${SECRET_KEY:-test-only-secret-key} $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

screenshots: install browser-deps
	SCREENSHOT_DIR=$(CURDIR)/screenshots $(BIN)/python -m pytest -q tests/browser/test_screenshots.py
	@echo "Screenshots saved in screenshots/"

# Import the 11,456-article ANT corpus sample from ../shared/corpus (not part of the repo).
import-corpus: install
	$(BIN)/python manage.py import_articles --quiet ../shared/corpus/articles.jsonl
