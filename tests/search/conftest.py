"""Fixtures of the search tests: an index of the bundled sample stories, built once per session."""

import pytest

from index.build import rebuild
from index.config import Config
from index.store import IndexStore
from search import Engine, SearchSettings
from tests.conftest import REPO

SAMPLES = REPO / "samples"


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample-index")
    rebuild(IndexStore(path), [SAMPLES / "news.jsonl"], Config())
    return path


@pytest.fixture(scope="session")
def settings(tmp_path_factory):
    return SearchSettings(cache_dir=tmp_path_factory.mktemp("glossary-cache"))


@pytest.fixture(scope="session")
def engine(sample_index, settings):
    with Engine.open(sample_index, settings=settings) as engine:
        yield engine
