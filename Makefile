# Two entry points for a fresh machine (see README): `make demo` and `make test`.
# Everything they need is installed here: a venv with the package, the web app's
# front-end libraries from the npm registry, and Debian's chromium for browser tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export TAWTHIQ_DATA ?= $(abspath ../shared/data)

.PHONY: demo test setup web-assets browser lint bench

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

demo: setup
	TAWTHIQ_HOME=$${TAWTHIQ_HOME:-$(CURDIR)/.tawthiq-home} $(BIN)/tawthiq demo --serve

test: setup browser
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest

lint:
	$(BIN)/ruff check src tests benchmarks
