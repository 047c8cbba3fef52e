# NicheRank: `make run` serves the ranked targets; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The embedded demo: DEBUG on (demo secret key, SQLite, in-process tasks, anonymous read). Settings default to
# DEBUG off, so a bare `gunicorn config.wsgi` is never a debug server; production: docs/operations.md.
export DJANGO_DEBUG ?= 1

.PHONY: run test install install-test lint bench clean worker beat

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python node_modules
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python node_modules
	$(BIN)/pip install --quiet -e '.[test]'

# Chart.js from the npm registry (no CDN at run time, nothing vendored); pages still work without npm.
node_modules: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch node_modules; \
	else echo "npm not found: pages will show tables without charts"; fi

## run: install, migrate the embedded SQLite database, load the catalogue, the bundled snapshot and the gene universe (data/open-data), rank both, print the top 10s, serve.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_catalogue --if-empty
	$(BIN)/python manage.py load_snapshot
	$(BIN)/python manage.py load_universe --if-changed
	$(BIN)/python manage.py rank --top 10
	$(BIN)/python manage.py rank_universe --if-changed --top 10
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: install the test dependencies and run the whole suite (service tests skip without services).
test: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install-test
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

worker: install
	$(BIN)/celery -A config worker --loglevel=INFO

beat: install
	$(BIN)/celery -A config beat --loglevel=INFO

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
