# Task runner. Each target sets up .venv first with the extras it needs (again only when
# pyproject.toml has changed since), and node_modules with the build and test tools of
# package.json (again only when package-lock.json has changed). The build needs Node.js 18+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve serve-zh build offline test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.setup-%: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[$*]"
	touch $@

# PurgeCSS (the build) and axe-core (the browser test), exactly as package-lock.json pins them
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "The build needs Node.js 18+ with npm (apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## serve the site on http://127.0.0.1:8000 with live reload, English pages only (fast reloads)
serve: $(VENV)/.setup-docs
	MOMENTUM_LANGUAGES=en $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## serve both languages (the Chinese edition under /zh/)
serve-zh: $(VENV)/.setup-docs
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build the site into site/ (strict: any warning fails), with site/download/momentum-docs.zip
build: $(VENV)/.setup-docs node_modules/.installed
	$(BIN)/mkdocs build

## the offline archive, site/download/momentum-docs.zip (part of every build)
offline: build

## run every test: package, snippets, figures, the strict site build, the browser test
test: $(VENV)/.setup-test node_modules/.installed
	$(BIN)/python -m pytest

## build, serve on 127.0.0.1 and print per page its bytes, biggest resources, Lighthouse scores
## (if Lighthouse is installed: npm install --no-save lighthouse) and the serve reload time
bench: $(VENV)/.setup-test node_modules/.installed
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) .cache site node_modules
