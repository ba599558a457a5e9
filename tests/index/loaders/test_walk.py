import dataclasses

import pytest

from index.config import Config
from index.errors import LoadError
from index.loaders.walk import discover


def _tree(root, *names):
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    return root


def test_directories_are_walked_recursively_in_order(tmp_path):
    _tree(tmp_path, "b/2.md", "a.jsonl", "b/1.txt")
    assert [s.rel for s in discover([tmp_path], Config())] == ["a.jsonl", "b/1.txt", "b/2.md"]


def test_kind_follows_the_suffix(tmp_path):
    _tree(tmp_path, "a.jsonl", "b.md")
    assert [s.kind for s in discover([tmp_path], Config())] == ["jsonl", "text"]


def test_default_include_skips_other_files(tmp_path):
    _tree(tmp_path, "a.md", "b.pdf", "c.json")
    assert [s.rel for s in discover([tmp_path], Config())] == ["a.md"]


def test_hidden_files_and_directories_are_excluded(tmp_path):
    _tree(tmp_path, ".git/x.md", ".hidden.md", "ok.md")
    assert [s.rel for s in discover([tmp_path], Config())] == ["ok.md"]


def test_exclude_matches_a_relative_path(tmp_path):
    _tree(tmp_path, "fa/a.md", "en/b.md")
    config = dataclasses.replace(Config(), exclude=("en/*",))
    assert [s.rel for s in discover([tmp_path], config)] == ["fa/a.md"]


def test_include_patterns_replace_the_default(tmp_path):
    _tree(tmp_path, "a.md", "b.txt")
    config = dataclasses.replace(Config(), include=("*.txt",))
    assert [s.rel for s in discover([tmp_path], config)] == ["b.txt"]


def test_a_named_file_is_taken_whatever_its_name(tmp_path):
    _tree(tmp_path, "notes.rst")
    [source] = discover([tmp_path / "notes.rst"], Config())
    assert (source.rel, source.kind) == ("notes.rst", "text")


def test_missing_source_is_an_error(tmp_path):
    with pytest.raises(LoadError, match="source not found"):
        discover([tmp_path / "absent"], Config())
