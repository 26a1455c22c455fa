# Two commands on a fresh machine: `make demo` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export CMAKE_BUILD_PARALLEL_LEVEL ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: setup demo test lint typecheck unit integration bench-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[model,dev,bench]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/smallcode demo

lint: setup
	$(BIN)/ruff check smallcode tests examples
	$(BIN)/ruff format --check smallcode tests examples

typecheck: setup
	$(BIN)/mypy --strict smallcode

unit: setup
	$(BIN)/pytest tests/unit

integration: setup
	$(BIN)/pytest tests/integration

test: lint typecheck
	$(BIN)/pytest

# Toolchains for the Go and TypeScript benchmark tasks (Python and JavaScript need nothing more).
bench-deps:
	command -v go >/dev/null || (command -v apt-get >/dev/null && \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y --no-install-recommends golang-go) || \
		echo "install Go (https://go.dev/dl/) for the Go tasks"
	mkdir -p .bench-tools
	test -f .bench-tools/package.json || echo '{"private": true}' > .bench-tools/package.json
	npm install --prefix .bench-tools --no-audit --no-fund 'typescript@^5.9'

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build *.egg-info
