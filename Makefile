# gongkai — see README.md
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PORT ?= 8000
# The demo keeps its own data (database, key) in the checkout, apart from a real
# installation's ~/.local/share/gongkai or GONGKAI_DATA_DIR.
DEMO_DATA ?= $(CURDIR)/var

.PHONY: help install demo test lint format bench clean clean-demo-data

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed -e 's/\$$(PORT)/$(PORT)/g' \
		| awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed  ## create .venv with the gongkai command in it

demo:  ## install system packages if root, load the demo (SQLite in var/), serve it on 127.0.0.1:$(PORT)
	scripts/system-packages.sh demo
	$(MAKE) install
	GONGKAI_DATA_DIR=$(DEMO_DATA) $(BIN)/gongkai serve --demo --port $(PORT) --workers 2

lint: install  ## ruff (lint + format check) and mypy on the whole package
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install  ## ruff format + autofix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test:  ## every test: system packages if root, lint, core, web on SQLite, web on PostgreSQL when DATABASE_URL_PG is set
	scripts/system-packages.sh test
	$(MAKE) lint
	$(BIN)/pytest
	@if [ -n "$$DATABASE_URL_PG" ]; then \
		echo "== web tests on PostgreSQL =="; \
		DATABASE_URL="$$DATABASE_URL_PG" $(BIN)/pytest tests/web -m "not browser"; \
	else echo "DATABASE_URL_PG not set: PostgreSQL run left to .ci/run"; fi

bench: install  ## benchmarks: prints their figures
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:  ## remove .venv and build files (the demo's data in var/ stays)
	rm -rf $(VENV) build dist *.egg-info

clean-demo-data:  ## delete the demo's database and secret key in var/ (needs CONFIRM=1)
	@if [ "$(CONFIRM)" != 1 ]; then \
		echo "This deletes $(DEMO_DATA): the demo database, uploaded files and secret key."; \
		echo "Run: make clean-demo-data CONFIRM=1"; exit 2; fi
	rm -rf $(DEMO_DATA)
