# Set-up and everyday commands. Needs only Python 3.11 and pip: each target
# creates and fills .venv (with constraints.txt, which pins the CPU build of torch).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo demo-interviews demo-waves test bench clean

$(BIN)/qualkit: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

demo: $(BIN)/qualkit
	$(BIN)/qualkit code corpora/ocmw-werkdruk-2026.csv --codebook codebooks/werkdruk.yaml \
	    --id-column respondent --question Q23 --question Q24 --by admin_uren --out demo-out \
	    --report demo-out/report.html

demo-interviews: $(BIN)/qualkit
	$(BIN)/qualkit code corpora/interviews/interview-01.txt corpora/interviews/interview-02.md \
	    --codebook codebooks/activering.yaml --speakers corpora/interviews/sprekers.csv --by gemeente \
	    --out demo-interviews-out --report demo-interviews-out/report.html

demo-waves: $(BIN)/qualkit
	$(BIN)/qualkit init demo-waves --demo --force
	$(BIN)/qualkit run demo-waves

test: $(BIN)/qualkit
	$(BIN)/python -m pytest

bench: $(BIN)/qualkit
	$(BIN)/python bench/bench_coding.py

clean:
	rm -rf $(VENV) demo-out demo-interviews-out demo-waves qualkit-out .pytest_cache
