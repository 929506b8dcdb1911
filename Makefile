# Two entry points for a fresh machine (see README): `make demo` and `make test`.
# Everything they need is installed here: a venv with the package, the web app's
# front-end libraries from the npm registry, Debian's chromium for browser tests and
# Debian's PostgreSQL server for the PostgreSQL round trip.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export TAWTHIQ_DATA ?= $(abspath ../shared/data)

.PHONY: demo test setup web-assets browser postgres-server java lint bench

$(BIN)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/.installed web-assets

# Front-end libraries (map, charts, htmx) come from the npm registry, never the repository.
web-assets:
	@if [ -f src/tawthiq/web/package.json ]; then \
	  cd src/tawthiq/web && npm install --no-audit --no-fund --silent && \
	  node copy-vendor.js; fi

# Debian's chromium for the Playwright end-to-end tests (Playwright's own browser download
# does not work offline).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; }

# Debian's PostgreSQL server binaries (initdb, pg_ctl) for the tests marked `postgres`: they
# start a throwaway cluster of their own in a temporary directory, never the system's.
postgres-server:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null; }

# Debian's headless Java runtime for splink's Spark backend (`--engine spark`, tests marked
# `spark` on a local Spark session; pyspark itself comes from PyPI with the dev extra).
java:
	@command -v java >/dev/null 2>&1 || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless) >/dev/null; }

demo: setup
	TAWTHIQ_HOME=$${TAWTHIQ_HOME:-$(CURDIR)/.tawthiq-home} $(BIN)/tawthiq demo --serve

test: setup browser postgres-server java
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/pytest

lint:
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports
