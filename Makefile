# Task runner. Each target sets up .venv first with the extras it needs
# (again only when pyproject.toml has changed since).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.setup-%: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[$*]"
	touch $@

## serve the site on http://127.0.0.1:8000 with live reload
serve: $(VENV)/.setup-docs
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build the site into site/ (strict: any warning fails)
build: $(VENV)/.setup-docs
	$(BIN)/mkdocs build

## run every test: package, snippets, figures, the strict site build, the browser test
test: $(VENV)/.setup-test
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .cache site
