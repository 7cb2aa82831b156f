# mailsync: the two commands of the README, and a few helpers.
#   make demo   the whole pipeline on bundled sample mail, embedded defaults, no account
#   make test   installs what the tests need (Dovecot, PostgreSQL), then ruff and pytest

# The interpreter the venv is built from: one with libpython linked into its executable
# when the machine has it (10-15% faster here), see scripts/pick-python.sh.
PYTHON ?= $(shell bash scripts/pick-python.sh)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint services bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/mailsync demo

services:
	bash scripts/test-services.sh

lint: $(STAMP)
	$(BIN)/ruff check mailsync tests benchmarks

test: $(STAMP) services lint
	$(BIN)/pytest -q -p no:cacheprovider

bench: $(STAMP) services
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
