# Two entry points that work on a fresh machine: `make demo` and `make test`.
# Both create .venv with Python 3.12 (or 3.13) and install the project with its test extras.

VENV   := .venv
PY     := $(VENV)/bin/python
# The first Python 3.12/3.13 that actually runs (pyenv shims exist for versions that are not selected).
BOOT   := $(shell for p in python3.12 python3.13 $$HOME/.pyenv/versions/3.12*/bin/python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3.13; do \
            "$$p" -c 'import sys; assert sys.version_info[:2] in ((3,12),(3,13))' >/dev/null 2>&1 && { echo "$$p"; break; }; done)
.PHONY: setup test demo bench bench-quick clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(BOOT)" || { echo "error: Python 3.12 or 3.13 not found (hazm 0.12 needs it)" >&2; exit 1; }
	$(BOOT) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	@# An editable install is not byte-compiled, and PYTHONDONTWRITEBYTECODE may be set:
	@# compile once so that a cold `dozaban search` does not recompile ~40 modules every time.
	$(PY) -m compileall -q analyzers index search cli.py
	@touch $@

setup: $(VENV)/.installed

test: setup
	$(PY) -m pytest -q

# Indexes samples/ at the default index location (so that a plain `dozaban search` works next)
# and runs a cross-lingual query.
demo: setup
	$(PY) -m cli demo

# The benchmarks read ../shared/eval (or $$DOZABAN_EVAL_DATA); they take tens of minutes in all.
bench: setup
	$(PY) bench/analyzers.py
	$(PY) bench/indexing.py
	$(PY) bench/retrieval.py --rebuild
	$(PY) bench/latency.py
	$(PY) bench/suggest.py

bench-quick: setup
	$(PY) bench/analyzers.py --only quality --collections hamshahri,cran
	$(PY) bench/indexing.py --limit 2000

clean:
	rm -rf $(VENV) *.egg-info bench/out
