"""analyzers/cache.py: where derived data is kept, and how a cached value is read or rebuilt."""

from pathlib import Path

from analyzers.cache import cached, default_cache_dir


def test_cache_dir_from_dozaban_cache():
    assert default_cache_dir({"DOZABAN_CACHE": "/tmp/x"}) == Path("/tmp/x")


def test_cache_off():
    assert default_cache_dir({"DOZABAN_CACHE": "off"}) is None


def test_cache_dir_from_xdg_then_home():
    assert default_cache_dir({"XDG_CACHE_HOME": "/c"}) == Path("/c/dozaban")
    assert default_cache_dir({"HOME": "/h"}) == Path("/h/.cache/dozaban")


def test_cached_builds_once_then_reads(tmp_path):
    calls = []
    path = tmp_path / "sub" / "v.pickle"
    assert cached(path, lambda: calls.append(1) or {"a": 1}) == {"a": 1}
    assert cached(path, lambda: calls.append(1) or {"a": 2}) == {"a": 1}
    assert calls == [1]


def test_unreadable_cache_is_rebuilt(tmp_path):
    path = tmp_path / "v.pickle"
    path.write_bytes(b"not a pickle")
    assert cached(path, lambda: 42) == 42
    assert cached(path, lambda: 0) == 42  # rewritten


def test_no_path_means_no_cache():
    assert cached(None, lambda: 7) == 7



def test_cached_with_own_format(tmp_path):
    path = tmp_path / "v.txt"
    encode, decode = (lambda v: str(v).encode()), (lambda b: int(b.decode()))
    assert cached(path, lambda: 5, encode, decode) == 5
    assert path.read_bytes() == b"5"
    assert cached(path, lambda: 0, encode, decode) == 5


def test_value_the_decoder_refuses_is_rebuilt(tmp_path):
    path = tmp_path / "v.txt"
    path.write_bytes(b"five")
    assert cached(path, lambda: 5, lambda v: str(v).encode(), lambda b: int(b.decode())) == 5
    assert path.read_bytes() == b"5"


def test_unwritable_cache_only_costs_time(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cached(blocker / "sub" / "v.pickle", lambda: 3) == 3


def _age(path, days):
    import os
    import time

    old = time.time() - days * 24 * 3600
    os.utime(path, (old, old))


def test_caches_of_the_same_kind_unused_for_a_month_go_when_another_is_written(tmp_path):
    stale, recent = tmp_path / "lexicon-aaa.pickle", tmp_path / "lexicon-bbb.pickle"
    other_kind, other_suffix = tmp_path / "glossary-curated-ccc.pickle", tmp_path / "lexicon-ddd.x"
    leftover = tmp_path / "lexicon-eee.123.tmp"
    for p in (stale, recent, other_kind, other_suffix, leftover):
        p.write_bytes(b"old")
    for p in (stale, other_kind, other_suffix, leftover):
        _age(p, 40)
    _age(recent, 5)
    assert cached(tmp_path / "lexicon-fff.pickle", lambda: 1) == 1
    assert not stale.exists() and not leftover.exists()
    assert recent.exists() and other_kind.exists() and other_suffix.exists()


def test_reading_a_cache_marks_it_used(tmp_path):
    import time

    path = tmp_path / "lexicon-aaa.pickle"
    cached(path, lambda: 1)
    _age(path, 40)
    assert cached(path, lambda: 2) == 1
    assert time.time() - path.stat().st_mtime < 60
