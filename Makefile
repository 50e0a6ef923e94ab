# Peer Mentor Academy: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages WeasyPrint needs; libharfbuzz-subset0 makes PDF font subsetting ~6x faster.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
# Browser tests drive Debian's Chromium through Playwright: never `playwright install`.
CHROMIUM := /usr/bin/chromium

.PHONY: run serve-setup test lint format bench system-deps browser-deps clean help

help:
	@echo "make run    - install, migrate, load the demo and serve on http://$(HOST):$(PORT)/ with a worker"
	@echo "make test   - install what the tests need and run the whole suite"
	@echo "make lint   - ruff, Django system checks and missing-migration check"
	@echo "make bench  - migrate, load the demo and run the benchmarks (BENCH_ARGS=--quick for a short run)"

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	@touch $@

system-deps:
	@missing=""; for pkg in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
			echo "Installing system packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		elif command -v dpkg-query >/dev/null 2>&1; then \
			echo "Please install these system packages (see README):$$missing"; \
		fi; \
	fi

# Chromium from Debian and axe-core from the npm registry (pinned in package-lock.json); the
# browser tests skip with the reason when either is missing, so a machine without root still tests.
browser-deps: node_modules/.installed
	@if [ ! -x $(CHROMIUM) ]; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
			echo "Installing Chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Browser tests need Chromium at $(CHROMIUM): apt-get install chromium"; \
		fi; \
	fi

node_modules/.installed: package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
		echo "Installing npm for axe-core"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	fi
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "Browser tests and outside credential verifiers need Node.js and npm, then npm ci"; \
	fi

serve-setup: $(VENV)/.installed system-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@if $(PY) manage.py help sync_schedules >/dev/null 2>&1; then $(PY) manage.py sync_schedules; fi

# Links and QR codes (e-mails, certificate PDFs) follow the address served, unless
# WAGTAILADMIN_BASE_URL is set; the worker renders the PDFs, so both processes get it.
run: BASE_URL = $(or $(WAGTAILADMIN_BASE_URL),http://$(HOST):$(PORT))
run: serve-setup
	@echo ""
	@echo "  Peer Mentor Academy is starting on http://$(HOST):$(PORT)/  (admin: /admin/)"
	@echo "  Links and QR codes point to $(BASE_URL)"
	@echo "  Demo logins (password demo-<username>): trainer, leadtrainer, supervisor, coordinator, mentor, certified"
	@echo "  Stop with Ctrl-C."
	@echo ""
	@trap 'kill 0' INT TERM EXIT; \
		export WAGTAILADMIN_BASE_URL='$(BASE_URL)'; \
		$(PY) manage.py qcluster & \
		$(PY) manage.py runserver $(HOST):$(PORT) --noreload & \
		wait

test: $(VENV)/.installed system-deps browser-deps
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: serve-setup
	$(PY) manage.py bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles .pytest_cache .ruff_cache node_modules test-artifacts
