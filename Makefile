# kitar — `make demo` sets everything up and runs the main job on generated demo data;
# `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KITAR := $(VENV)/bin/kitar
DEMO_DIR := corpus/demo
DEMO_DB := $(DEMO_DIR)/kitar.db

.PHONY: install demo test test-all fuzz lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

demo: install
	$(PY) -m kitar.demo.generate --out $(DEMO_DIR) --count 6 --seed 7
	$(KITAR) reflow $(DEMO_DIR)/agenda-01.pdf | head -25
	$(KITAR) parse $(DEMO_DIR)/agenda-01.pdf
	$(KITAR) ingest $(DEMO_DIR) --db $(DEMO_DB) -j 2
	$(KITAR) search digitaliseringsstrategi --db $(DEMO_DB) --limit 5
	$(KITAR) minutes 1 --db $(DEMO_DB) -o corpus/udkast/referat-udkast.docx --force
	$(KITAR) followups --db $(DEMO_DB) --open
	@echo
	@echo "kitar er klar. Kør det som .venv/bin/kitar, eller først: source .venv/bin/activate"
	@echo "Demo-korpusset: export KITAR_DB=$(DEMO_DB)  (ellers bruges corpus/kitar.db)"
	@echo "Prøv derefter rundturen i README.md, f.eks. kitar search digitaliseringsstrategi"

test: install
	$(PY) -m pytest

# The slow suites too (whole layout zoo, fuzz set, OCR); .ci/run runs this after make test.
test-all: install
	$(PY) -m pytest -m slow; rc=$$?; [ $$rc -eq 5 ] && rc=0; exit $$rc

lint: install
	$(VENV)/bin/ruff check kitar tests bench
	$(VENV)/bin/ruff format --check kitar tests bench
	$(VENV)/bin/mypy

# The whole fuzz set: ~1000 damaged files (generated, and mutations of the real samples when
# KITAR_SAMPLES is there) through `kitar parse`, each in a child process with a time and a
# memory limit; prints the counts. KITAR_FUZZ_CASES changes the number; make test runs ~200.
fuzz: install
	$(PY) -m pytest -m slow tests/test_fuzz.py -s -q

bench: install
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(DEMO_DIR) corpus/udkast
