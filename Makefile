# Two commands from a fresh clone:  make run   and   make test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# `make run` serves with DEBUG off (no debug pages with settings for the network to see);
# `make run DEBUG=1` turns it on. Links and QR codes follow HOST and PORT unless SITE_URL
# is given (0.0.0.0 listens everywhere; its links name 127.0.0.1).
DEBUG  ?= 0
SITE_HOST = $(if $(filter 0.0.0.0 :: [::],$(HOST)),127.0.0.1,$(HOST))
MANAGE := $(BIN)/python manage.py
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run test install setup test-fast lint format check messages lock clean bench audit scale-check

$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

install: $(BIN)/.installed

## Set up the embedded site (SQLite, local media), load the demo content, serve it.
run setup: export SITE_URL ?= http://$(SITE_HOST):$(PORT)
run setup: export DJANGO_DEBUG = $(DEBUG)
run: setup
	@$(MANAGE) demo_accounts
	$(MANAGE) runserver $(HOST):$(PORT)

setup: install
	$(MANAGE) compile_translations
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

## Every test: unit, integration, browser.
test: install
	$(MANAGE) compile_translations
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

test-fast: install
	$(MANAGE) compile_translations
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -m "not browser" -x $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

## Developers only (needs GNU gettext): refresh the .po files after adding strings.
messages: install
	$(MANAGE) makemessages -l vi -l en --ignore=.venv --ignore=var --no-obsolete
	$(MANAGE) makemessages -d djangojs -l vi -l en --ignore=.venv --ignore=var --no-obsolete

## Re-pin every dependency after changing pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --extra dev -o requirements.lock pyproject.toml

## Throughput of the anonymous pages against a bare Django view (needs wrk: apt-get install
## wrk). BENCH_ARGS="--products 1000" for a big catalogue; DATABASE_URL for PostgreSQL.
## Writes var/bench/<database>-<products>.json and .md; fails under the targets (issue 12).
bench: setup
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install wrk"; exit 1; }
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

## Lighthouse 12 (installed by npm into var/audit/), mobile profile, against Debian's
## Chromium (CHROME_PATH): home, catalogue, product, trace and experience pages.
audit: setup
	$(BIN)/python scripts/audit.py

## Two gunicorn servers behind nginx on loopback, sharing PostgreSQL and Redis: concurrent
## checkouts, sessions, baskets and cache invalidation across both (needs nginx, Redis and
## PostgreSQL; docs/deploy.md). Fails, rather than skips, when one is missing.
SCALE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/slc_scale_check
scale-check: install
	$(MANAGE) compile_translations
	SCALE_CHECK_REQUIRED=1 DATABASE_URL=$(SCALE_DATABASE_URL) DJANGO_SETTINGS_MODULE=config.settings.test \
		$(BIN)/python -m pytest -m scale -q -rs -p no:cacheprovider tests/shop/checkout/test_two_servers.py

clean:
	rm -rf var .pytest_cache
