# Two entry points that work on a fresh machine: `make demo` and `make test`.
# Both create .venv with Python 3.12 (or 3.13) and install the project with its test extras.

VENV   := .venv
PY     := $(VENV)/bin/python
# The first Python 3.12/3.13 that actually runs (pyenv shims exist for versions that are not selected).
BOOT   := $(shell for p in python3.12 python3.13 $$HOME/.pyenv/versions/3.12*/bin/python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3.13; do \
            "$$p" -c 'import sys; assert sys.version_info[:2] in ((3,12),(3,13))' >/dev/null 2>&1 && { echo "$$p"; break; }; done)
DEMO_INDEX := var/demo-index

.PHONY: setup test demo bench clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(BOOT)" || { echo "error: Python 3.12 or 3.13 not found (hazm 0.12 needs it)" >&2; exit 1; }
	$(BOOT) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

setup: $(VENV)/.installed

test: setup
	$(PY) -m pytest -q

demo: setup
	$(PY) -m cli demo

bench: setup
	$(PY) bench/analyzers.py

clean:
	rm -rf $(VENV) var *.egg-info
