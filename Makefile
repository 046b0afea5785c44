# Every target sets up .venv/ itself, so a fresh clone needs only `make serve` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
FRAMEWORKS := $(VENV)/.installed-frameworks
export NO_MKDOCS_2_WARNING := 1
# Python caches each module's bytecode when it is first imported (pip installs with --no-compile
# below). Some machine images set PYTHONDONTWRITEBYTECODE, and then every process compiled torch,
# mkdocs and the rest again from source: twice as long for `make test` on a fresh clone.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: serve test test-browser build update-outputs clean

# One target at a time, even under `make -j`: pytest and the build use every core themselves, and
# two pips must not install into the venv at once but as below.
.NOTPARALLEL:

# The venv, made again (when a recipe runs) if missing or broken; each requirements file installed
# again when it changes. --no-compile: Python compiles what is imported, when it is first imported
# (pip compiling everything took 30 s more).
ifneq ($(shell $(BIN)/python -c "print('ok')" 2>/dev/null),ok)
.PHONY: $(STAMP) $(FRAMEWORKS)
endif
MAKE_VENV   := $(BIN)/python -c "" 2>/dev/null || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile
$(STAMP): requirements.txt
	@$(MAKE_VENV)
	$(PIP_INSTALL) -r requirements.txt
	@touch $@

# The other frameworks (JAX/optax, Keras, PaddlePaddle, ~1.2 GB) only for `make test` (the fences
# of docs/training/other-frameworks.md): `make serve` does without. requirements-frameworks.txt pins
# every package they add, and nothing there is a dependency of requirements.txt (a test checks
# both), so pip installs the two files at the same time, that one with --no-deps: 8 s sooner on a
# fresh clone. `pip check` then finds nothing missing.
$(FRAMEWORKS): requirements.txt requirements-frameworks.txt
	@$(MAKE_VENV)
	$(PIP_INSTALL) -r requirements.txt & base=$$!; \
	$(PIP_INSTALL) --no-deps -r requirements-frameworks.txt; frameworks=$$?; \
	wait $$base && [ $$frameworks -eq 0 ]
	@broken=$$($(BIN)/python -m pip check) || { echo "$$broken"; exit 1; }
	@touch $(STAMP) $@

## make serve: preview at http://127.0.0.1:8000 with live reload (pages, snippets, notebooks).
## A save rebuilds only the pages it changed (--dirty, hooks/serve_dirty.py), without the search
## index (`make serve SEARCH=true` builds it). The Chinese edition: `make serve CONFIG=mkdocs.zh.yml`
SEARCH ?= false
CONFIG ?= mkdocs.yml
serve: $(STAMP)
	SITE_SEARCH=$(SEARCH) $(BIN)/mkdocs serve -f $(CONFIG) --dirty --dev-addr 127.0.0.1:8000 \
	  --livereload

## make build: the strict builds (English into site/, Chinese into site/zh/)
build: $(STAMP)
	$(BUILD_SITE)

# What the site is built from: make test-browser builds again only when one of these files changed
# since the last build began, when one was added, deleted or renamed (the list in
# .cache/site-sources is rewritten then), or when site/ or site/zh/ is missing (make build and
# make test always build).
BUILT := .cache/site-built
BUILD_SITE = mkdir -p .cache && touch .cache/site-building && $(BIN)/python -m tests.build_site site \
             && mv .cache/site-building $(BUILT)
SOURCES := $(shell find docs snippets hooks overrides i18n -name __pycache__ -prune -o -type f \
             ! -name '.*' -print | LC_ALL=C sort)
$(shell mkdir -p .cache && printf '%s\n' $(SOURCES) | cmp -s - .cache/site-sources \
        || printf '%s\n' $(SOURCES) > .cache/site-sources)
ifneq ($(words $(wildcard site/index.html site/zh/index.html)),2)
.PHONY: $(BUILT)
endif
$(BUILT): $(STAMP) mkdocs.yml mkdocs.zh.yml tests/build_site.py .cache/site-sources $(SOURCES)
	$(BUILD_SITE)

## make test: both builds, every fence and snippet against its `#>` lines, properties, site files
test: $(FRAMEWORKS)
	$(BUILD_SITE)
	$(BIN)/pytest -n auto --site-dir=site --ignore=tests/browser

## make test-browser: every page in Chromium (errors, CLS, fonts, weight, axe, copy buttons, search...)
# Two runs, both whatever the first gives: the page visits (two Chromiums, one per core), then the
# other tests on two workers (one after another they left a core idle a third of the time).
test-browser: $(BUILT)
	$(BIN)/pytest --site-dir=site tests/browser/test_pages.py; pages=$$?; \
	$(BIN)/pytest -n 2 --dist loadfile --site-dir=site tests/browser \
	  --ignore=tests/browser/test_pages.py && exit $$pages

## make update-outputs: rewrite every published `#>` output from what the code prints now
update-outputs: $(FRAMEWORKS)
	$(BIN)/pytest --update-outputs -m markdown-docs

clean:
	rm -rf site .cache .pytest_cache .hypothesis
