# Two commands on a fresh machine:
#   make run    set up, build the sample database on first run, open the dashboard
#   make test   set up (Python packages and Debian chromium for the browser test) and run the tests
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-requirements

.PHONY: setup run test test-fast browser sample ingest-sample bench clean

# pip is deliberately not upgraded: this is the README's by-hand install, so `make test` (which CI runs)
# checks that requirements.txt works with the pip Python ships (23.2 with Python 3.11).
$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(PY) -m streamlit run app.py

# Debian's chromium: Playwright's own browser downloads are not used (they fail offline).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: setup browser
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not browser"

ingest-sample: setup
	$(PY) -m analysis ingest data/sample

sample:
	$(PYTHON) data/make_sample.py

bench: setup
	$(PY) -m bench

clean:
	rm -rf $(VENV) data/tension.duckdb data/tension.duckdb.* .pytest_cache tests/artifacts
