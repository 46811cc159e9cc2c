# Quick start: `make train` (main job) and `make test` (the whole suite). Each creates .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The data folder beside the repository, when there is one (CI and the dev machines have it);
# elsewhere gradcheck looks in ~/.cache/gradcheck and downloads.
SHARED_DATA := $(wildcard $(CURDIR)/../shared/data)
export GRADCHECK_DATA ?= $(SHARED_DATA)

.PHONY: setup train test lint clean

# Every command, not only make's, then finds the data: `gradcheck data --use` keeps the folder in
# the user's config file ($XDG_CONFIG_HOME/gradcheck/config.json).
setup: $(VENV)/.installed
	@if [ -n "$(SHARED_DATA)" ]; then $(BIN)/gradcheck data --use "$(SHARED_DATA)" >/dev/null; fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

train: setup
	$(BIN)/gradcheck train

# The whole check: format and lint (ruff), the public API's types (mypy), then every test.
test: lint
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/python -m ruff format --check gradcheck tests benchmarks docs
	$(BIN)/python -m ruff check gradcheck tests benchmarks docs
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV) build *.egg-info
