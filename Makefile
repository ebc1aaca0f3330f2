# reportgen: `make build` sets up .venv and builds every report; `make test` runs the checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: build bytecode docs test lint bench system-deps system-deps-test clean

build: bytecode
	$(BIN)/reportgen build --all -j 2 -o build

# reportgen's own modules compiled, as installing a wheel does: an editable install run
# with PYTHONDONTWRITEBYTECODE set would otherwise compile them at every start.
bytecode: $(INSTALLED)
	$(BIN)/python -m compileall -q src templates

# The generated schema and field reference; tests fail until they are regenerated.
docs: $(INSTALLED)
	$(BIN)/reportgen schema -o schema/report.schema.json
	$(BIN)/reportgen schema --format markdown -o docs/reference.md

test: $(INSTALLED) system-deps-test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(INSTALLED)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# Timings against bare WeasyPrint and pandoc at about 2, 100 and 300 pages; takes a while.
bench: bytecode system-deps-test
	$(BIN)/python benchmarks/run.py --runs $(or $(RUNS),3)

system-deps:
	@scripts/system-deps.sh build

system-deps-test:
	@scripts/system-deps.sh test

$(INSTALLED): pyproject.toml requirements.lock requirements-dev.lock | system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-r requirements.lock -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

clean:
	rm -rf build $(VENV)
