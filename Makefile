# Two commands set up a fresh machine: `make site` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0
# Which report to build and where: `make site DATA=examples/nagasaki SITE_DIR=build/nagasaki`.
DATA ?= data
SITE_DIR ?= site
# What a data change does to the public site: `make diff BASE=../main/data` (HEAD defaults to data).
HEAD ?= data

.PHONY: site serve check diff test fidelity bench clean browser new-edition screenshots

PIP_VERSION := 26.3

# Installs exactly the locked versions, each checked against its hash (requirements/, made by `make lock`).
$(STAMP): pyproject.toml requirements/test.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet pip==$(PIP_VERSION)
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

## lock: re-resolve requirements/*.txt (with hashes) after changing the dependencies in pyproject.toml
lock: $(STAMP)
	$(BIN)/pip install --quiet uv==0.9.11
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11.7 --custom-compile-command "make lock" -q -o requirements/build.txt
	$(BIN)/uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11.7 --custom-compile-command "make lock" -q -o requirements/test.txt

## site: build the public site into $(SITE_DIR) (default site/) from $(DATA) (default data/); stops with a Japanese report if the data has errors
site: $(STAMP)
	DXREPORT_DATA_DIR=$(DATA) $(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

## serve: live preview on http://127.0.0.1:8000/ that rebuilds when data/ changes
serve: $(STAMP)
	DXREPORT_DATA_DIR=$(DATA) $(BIN)/mkdocs serve --livereload

## check: validate $(DATA) (default data/) without building (Japanese report, non-zero exit on errors)
check: $(STAMP)
	$(BIN)/python -m dxreport check $(DATA)

## diff: what $(HEAD) (default data/) changes on the public site compared with $(BASE), in Japanese
diff: $(STAMP)
	@test -n "$(BASE)" || { echo "BASE を指定してください（例：make diff BASE=../main/data）"; exit 2; }
	$(BIN)/python -m dxreport diff $(BASE) $(HEAD)

## new-edition: start next year's edition as a draft copy of the latest (make new-edition YEAR=2024 [DATA=data])
new-edition: $(STAMP)
	@test -n "$(YEAR)" || { echo "YEAR を指定してください（例：make new-edition YEAR=2024）"; exit 2; }
	$(BIN)/python -m dxreport new-edition $(YEAR) --data $(DATA)

## browser: Debian's Chromium for the browser tests, and axe-core from npm
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent

## lint: ruff (lint rules and format), mypy on the core and hooks, no function above complexity 15 (radon), actionlint on the workflows
lint: $(STAMP)
	$(BIN)/ruff check src hooks scripts tests
	$(BIN)/ruff format --check src hooks scripts tests
	$(BIN)/mypy
	$(BIN)/python scripts/check_complexity.py
	$(BIN)/actionlint .github/workflows/*.yml

## test: the whole suite (core, build, live-data, fixture, browser and accessibility tests)
test: $(STAMP) browser lint
	$(BIN)/python -m pytest

## fidelity: opt-in check of the live data/ against the Sasebo FY2023 source report (not run by the PR check)
fidelity: $(STAMP)
	$(BIN)/python -m pytest -m fidelity

## screenshots: home, an issue, a project and the list at 360 px and 1280 px, for reviewers (build/screenshots/)
screenshots: site browser
	$(BIN)/python scripts/screenshots.py $(SITE_DIR) build/screenshots

## bench: build-time (1, 3, 7 editions), page-size, filter, search, Lighthouse (mobile) and worst-case (the largest data check passes) figures with their budgets
bench: $(STAMP) browser
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_search.py
	$(BIN)/python scripts/bench_lighthouse.py
	$(BIN)/python scripts/bench_worst.py

clean:
	rm -rf site build .pytest_cache
