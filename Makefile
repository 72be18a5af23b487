# Two entry points for people: `make serve` and `make test`. Everything else
# is an invoke task (tasks.py, over sitetools/commands/); this file only
# bootstraps the tools it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
DEV_STAMP := $(VENV)/.requirements-dev-installed
NODE_STAMP := node_modules/.package-lock-installed

.PHONY: serve test lint build clean venv node init

serve: $(STAMP)
	$(BIN)/invoke build serve

# The product's tests, then your own site (content/, site.toml) checked.
test: $(DEV_STAMP) node
	$(BIN)/invoke test
	$(BIN)/invoke check

init: $(STAMP)
	$(BIN)/invoke init

lint: $(DEV_STAMP)
	$(BIN)/invoke lint

build: $(STAMP)
	$(BIN)/invoke build

clean:
	rm -rf output output.building output.previous cache .cache test-artifacts

venv: $(STAMP)

# What building needs (requirements.txt); the tests and linters come on top
# (requirements-dev.txt), only for `make test` and `make lint`.
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(DEV_STAMP)

# Node tools (HTML checker, axe-core, ical.js, link checker) are only needed by
# the tests; without npm the tests that need them skip with a clear reason.
node:
	@if command -v npm >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory $(NODE_STAMP); \
	else \
		echo "npm not found: HTML, accessibility and ical.js checks will be skipped"; \
	fi

# npm writes node_modules/.package-lock.json when it installs: newer than
# package-lock.json means the packages are already those (a coach who ran
# `npm ci` for the editor is not made to wait for it again).
$(NODE_STAMP): package-lock.json
	@if [ node_modules/.package-lock.json -nt package-lock.json ]; then \
		echo "node_modules/ is up to date with package-lock.json"; \
	else \
		npm ci --no-audit --no-fund --ignore-scripts; \
	fi
	touch $(NODE_STAMP)
