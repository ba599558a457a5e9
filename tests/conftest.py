"""Shared fixtures: where the evaluation data lives (tests that need it skip, saying why, without it)."""

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def eval_data_dir():
    env = os.environ.get("DOZABAN_EVAL_DATA")
    return Path(env) if env else REPO.parent / "shared" / "eval"


def age_generation(store, version):
    """Make the live generation of ``store`` look built with schema ``version``."""
    info_path = store.current().path / "BUILD.json"
    info = json.loads(info_path.read_text(encoding="utf-8"))
    info_path.write_text(json.dumps({**info, "schema_version": version}), encoding="utf-8")


@pytest.fixture(scope="session")
def eval_data():
    path = eval_data_dir()
    if not path.is_dir():
        pytest.skip(f"evaluation data not found at {path} (set DOZABAN_EVAL_DATA to run this test)")
    return path
