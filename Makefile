# One obvious command for each chore. `make run` and `make test` are the two commands in the README.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?=
# make serve: viewer processes, the editor's password file, nginx's address, where pids/logs/rendered files go
REPLICAS ?= 2
HTPASSWD ?= /etc/dasbor/htpasswd
LISTEN ?= 127.0.0.1
RUN_DIR ?= .run/serve

.PHONY: run test chromium nginx poppler serve serve-stop bench lint demo validate fetch briefing

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

## Install into .venv and start the dashboard on the embedded demo data (http://localhost:8501)
run: $(VENV)/.installed
	$(PY) -m streamlit run dashboard.py --server.port $(or $(PORT),8501) $(ARGS)

## Install test tools (and Debian's Chromium and nginx when missing) and run the whole suite
test: $(VENV)/.installed-dev chromium nginx poppler
	$(PY) -m pytest

## The topology of docs/DEPLOY.md on this machine: nginx on PORT (default 8080; TLS on TLS_PORT with TLS_CERT and
## TLS_KEY), REPLICAS viewers and the editor (/admin/, password file HTPASSWD); returns once every process is healthy
serve: $(VENV)/.installed nginx
	$(PY) -m deploy serve --port $(or $(PORT),8080) --replicas $(REPLICAS) --listen $(LISTEN) \
	  --htpasswd $(HTPASSWD) --run-dir $(RUN_DIR) $(if $(ENV_FILE),--env-file $(ENV_FILE)) \
	  $(if $(TLS_CERT),--tls-cert $(TLS_CERT) --tls-key $(TLS_KEY) --tls-port $(or $(TLS_PORT),8443)) \
	  $(if $(HTTPS_ONLY),--https-only) $(if $(CONN_PER_CLIENT),--conn-per-client $(CONN_PER_CLIENT))

## Stop what `make serve` started (its own processes, by PID); does nothing when nothing runs
serve-stop:
	@$(if $(wildcard $(PY)),$(PY),python3) -m deploy stop --run-dir $(RUN_DIR)

## Browser tests use Debian's Chromium (no browser download); installed with apt when missing
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core; }

## The reverse proxy of `make serve` and of the deploy tests: Debian's nginx (and openssl for passwords and test
## certificates), installed with apt when missing
nginx:
	@{ command -v nginx || [ -x /usr/sbin/nginx ]; } >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx openssl; }

## The briefing tests read the PDF as a person would (pdftotext, pdftoppm): Debian's poppler-utils, installed with apt
poppler:
	@command -v pdftotext >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq poppler-utils; }

## Benchmarks (numbers quoted in the issue notes)
bench: $(VENV)/.installed-dev chromium
	$(PY) -m bench.bench_overview
	@for b in geo pages map import_export load scale gc briefing; do $(PY) -m bench.bench_$$b || exit 1; done

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

## Briefing pack offline: REGION=<code, empty = Indonesia> FORMAT=pptx|pdf OUT=<file> [YEARS=2023 or 2021-2025]
## [ARGS="--provinces 16 --stages penerapan"]
briefing: $(VENV)/.installed
	$(PY) -m briefing --region "$(REGION)" --format $(or $(FORMAT),pptx) $(if $(OUT),--out "$(OUT)") \
	  $(if $(YEARS),--years $(YEARS)) $(ARGS)
