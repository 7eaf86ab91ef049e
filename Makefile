# One obvious command for each chore. `make run` and `make test` are the two commands in the README.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test chromium bench lint demo validate fetch

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

## Install into .venv and start the dashboard on the embedded demo data (http://localhost:8501)
run: $(VENV)/.installed
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

## Install test tools (and Debian's Chromium when missing) and run the whole suite
test: $(VENV)/.installed-dev chromium
	$(PY) -m pytest

## Browser tests use Debian's Chromium (no browser download); installed with apt when missing
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core; }

## Benchmarks (numbers quoted in the issue notes)
bench: $(VENV)/.installed-dev chromium
	$(PY) -m bench.bench_overview
	@for b in bench/bench_geo.py bench/bench_pages.py bench/bench_map.py bench/bench_import_export.py; do \
	  if [ -f $$b ]; then $(PY) -m bench.$$(basename $$b .py) || exit 1; fi; done

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .

## Regenerate the demo data set (deterministic) and validate a data directory
demo: $(VENV)/.installed
	$(PY) -m data demo --out data/demo/tables

validate: $(VENV)/.installed
	$(PY) -m data validate

## Download boundaries and population into the cache (MIRROR=/path/to/refdata for an offline copy)
fetch: $(VENV)/.installed
	$(PY) -m geo fetch $(if $(MIRROR),--mirror $(MIRROR))
