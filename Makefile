# The kiosk's developer and CI entry points (GNU make).
#
#   make setup        .venv with the kiosk installed (not editable) plus test tools; catalogs compiled
#   make run          the kiosk in a window; more options with ARGS="--bundle path/to/bundle"
#   make test         pytest (Qt offscreen), ruff and the import-linter contract; PYTEST_ARGS="-k slip"
#   make lint         ruff and the import-linter contract only
#   make extract      refresh translations/kiosk.pot and every .po after changing user-facing text
#   make catalogs     compile the .po files in place (the .mo files are not tracked)
#   make bench        start-up and slip benchmarks
#   make screenshots  every screen as PNG in out/screenshots
#   make icons        the PNG copies of the Easy Read pictures that slips print, after an SVG changes
#   make clean        remove build output, caches and compiled catalogs (keeps .venv)
#   make distclean    clean, and remove .venv too

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
# Touched after the kiosk is (re)installed; the dependency stamp is keyed on pyproject.toml.
INSTALLED := $(VENV)/.kiosk-installed
DEPS_STAMP := $(VENV)/.deps-installed

DOMAIN := kiosk
SOURCE_LANGUAGE := en_GB
POT := translations/$(DOMAIN).pot
SOURCE_PO := translations/$(SOURCE_LANGUAGE)/LC_MESSAGES/$(DOMAIN).po
PO_FILES := $(wildcard translations/*/LC_MESSAGES/$(DOMAIN).po)
MO_FILES := $(PO_FILES:.po=.mo)
# QML's translations, made from the compiled catalogs (kiosk/core/qm.py); QQmlApplicationEngine
# loads i18n/qml_<language>.qm beside Main.qml.
QM_DIR := kiosk/ui/qml/Kiosk/i18n
QM_STAMP := $(QM_DIR)/.made
# qsTr() is QML's; _() and N_() are Babel defaults. tests/test_catalogs.py uses the same keywords.
EXTRACT_KEYWORDS := -k qsTr
VERSION := $(shell sed -n 's/^version *= *"\(.*\)"/\1/p' pyproject.toml)

# What goes into the wheel: a change to any of these reinstalls the kiosk on the next `make setup`.
PACKAGE_SOURCES := pyproject.toml hatch_build.py $(wildcard README.md) $(PO_FILES) \
	$(shell find kiosk assets bundles -type f ! -name '*.pyc' ! -path '*/__pycache__/*' ! -path '$(QM_DIR)/*' 2>/dev/null)

.PHONY: help setup run test lint catalogs extract bench screenshots icons clean distclean

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

setup: $(INSTALLED) catalogs

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "make setup: '$(PYTHON)' not found; the kiosk needs Python 3.11 or newer." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "make setup: the kiosk needs Python 3.11 or newer, but '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." >&2; \
		echo "Install a newer Python, or point make at one: make setup PYTHON=python3.12" >&2; \
		exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "make setup: could not create $(VENV) (on Debian/Ubuntu: apt-get install python3-venv)." >&2; exit 1; }

# The first install (and any after pyproject.toml changes) is a plain `pip install ".[test]"` with
# build isolation, which proves the declared build requirements. Later ones only replace the kiosk
# itself, built with the build requirements already in .venv, so they are quick and work offline.
$(INSTALLED): $(PACKAGE_SOURCES) | $(BIN)/python
	@if [[ ! -f $(DEPS_STAMP) || pyproject.toml -nt $(DEPS_STAMP) ]]; then \
		echo "--- installing the kiosk, its dependencies and the test tools into $(VENV)"; \
		$(PIP) install --upgrade pip; \
		$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
			> $(VENV)/build-requires.txt; \
		$(PIP) install ".[test,package]" -r $(VENV)/build-requires.txt; \
		touch $(DEPS_STAMP); \
	else \
		echo "--- reinstalling the kiosk into $(VENV) (dependencies unchanged)"; \
		$(PIP) install --quiet --no-deps --force-reinstall --no-build-isolation .; \
	fi
	@touch $@

catalogs: $(MO_FILES) $(QM_STAMP)

$(QM_STAMP): $(MO_FILES) kiosk/core/qm.py | $(INSTALLED)
	$(BIN)/python -m kiosk.core.qm translations $(QM_DIR)
	@touch $@

# pybabel skips a catalog whose header is marked fuzzy; say so instead of leaving it out quietly.
translations/%.mo: translations/%.po | $(INSTALLED)
	@rm -f $@
	$(BIN)/pybabel compile --statistics -l $(firstword $(subst /, ,$*)) -i $< -o $@
	@[[ -f $@ ]] || { echo "make: $< was not compiled: its header is marked '#, fuzzy'." \
		"Review the catalog and remove that flag." >&2; exit 1; }

extract: | $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg $(EXTRACT_KEYWORDS) --add-comments=TRANSLATORS: \
		--project=$(DOMAIN) --version=$(VERSION) -o $(POT) .
	@[[ -f $(SOURCE_PO) ]] || $(BIN)/pybabel init -i $(POT) -d translations -D $(DOMAIN) -l $(SOURCE_LANGUAGE)
	$(BIN)/pybabel update -i $(POT) -d translations -D $(DOMAIN) --previous --ignore-obsolete
	@$(MAKE) --no-print-directory catalogs

run: setup
	$(BIN)/kiosk --windowed $(ARGS)

# Every check runs even when an earlier one fails, so one CI log shows all the problems.
test: setup
	@status=0; \
	echo "--- pytest"; QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS) || status=1; \
	echo "--- ruff"; $(BIN)/ruff check kiosk tests benchmarks || status=1; \
	echo "--- import-linter"; $(BIN)/lint-imports || status=1; \
	exit $$status

lint: setup
	@status=0; \
	$(BIN)/ruff check kiosk tests benchmarks || status=1; \
	$(BIN)/lint-imports || status=1; \
	exit $$status

bench: setup
	$(BIN)/python -m benchmarks

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/kiosk screenshots --output out/screenshots

# After changing a picture in assets/icons/*.svg: the PNG copies the printed slips use.
icons: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m kiosk.ui.icons

clean:
	rm -rf build dist out .pytest_cache .ruff_cache
	rm -f $(MO_FILES)
	rm -rf $(QM_DIR)
	find . -path ./$(VENV) -prune -o -path ./.git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
