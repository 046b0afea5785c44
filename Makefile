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

# The venv, made again when missing or broken; each pins file installed again when it changes.
# --no-compile: Python compiles what is imported, when it is first imported (pip compiling
# everything took 30 s more).
ifneq ($(shell $(BIN)/python -c "print('ok')" 2>/dev/null),ok)
.PHONY: $(VENV)/pyvenv.cfg $(STAMP) $(FRAMEWORKS)
endif
$(VENV)/pyvenv.cfg:
	rm -rf $(VENV) && $(PYTHON) -m venv $(VENV)
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile
$(STAMP): requirements.txt | $(VENV)/pyvenv.cfg
	$(PIP_INSTALL) -r requirements.txt
	@touch $@

# The other frameworks (JAX/optax, Keras, PaddlePaddle, ~1.2 GB) only for the tests of the page
# that runs them (docs/training/other-frameworks.md): `make serve` does without. Their file pins
# all they add to requirements.txt, so pip installs it --no-deps, at the same time as that one
# (`make installs`: 8 s sooner on a fresh clone), and `pip check` then finds nothing missing.
$(FRAMEWORKS): requirements-frameworks.txt | $(VENV)/pyvenv.cfg
	$(PIP_INSTALL) --no-deps -r requirements-frameworks.txt
	@touch $@
.PHONY: installs
installs:
	@$(MAKE) --no-print-directory -j2 $(STAMP) $(FRAMEWORKS)
	@broken=$$($(BIN)/python -m pip check) || { echo "$$broken"; exit 1; }

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
test: installs
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
update-outputs: installs
	$(BIN)/pytest --update-outputs -m markdown-docs

clean:
	rm -rf site .cache .pytest_cache .hypothesis
