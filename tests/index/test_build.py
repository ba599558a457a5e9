import pytest

from index import Config, rebuild
from index.errors import LoadError, RebuildError, StrictInputError
from index.report import BAD_JSON


def test_rebuild_indexes_every_document(store, corpus, search_ids):
    summary = rebuild(store, [corpus], Config())
    assert (summary.kind, summary.documents, summary.added) == ("rebuild", 4, 4)
    assert search_ids(store, "ceasefire") == ["gaza-en"]


def test_persian_is_found_whatever_the_spelling(store, corpus, search_ids):
    rebuild(store, [corpus], Config())
    # The source says شوراي امنيت with Arabic yeh; the query uses Persian yeh.
    assert search_ids(store, "شورای امنیت") == ["gaza-fa"]


def test_mixed_documents_are_found_in_both_languages(store, tmp_path, write_jsonl, search_ids):
    write_jsonl(tmp_path / "m.jsonl", [{"id": "m", "title": "Energy briefing", "body": "گزارش انرژی ترکیه"}])
    rebuild(store, [tmp_path / "m.jsonl"], Config())
    assert search_ids(store, "briefing") == ["m"] and search_ids(store, "انرژی") == ["m"]
    with store.open().searcher() as searcher:
        assert searcher.document(id="m")["lang"] == "mixed"


def test_bad_lines_are_counted_and_the_good_ones_indexed(store, tmp_path, write_jsonl):
    write_jsonl(tmp_path / "n.jsonl", [{"id": "a", "body": "alpha"}, "{broken", {"id": "b", "body": "beta"}])
    summary = rebuild(store, [tmp_path / "n.jsonl"], Config())
    assert summary.documents == 2
    assert [(p.kind, p.line) for p in summary.problems] == [(BAD_JSON, 2)]


def test_strict_rebuild_with_bad_input_changes_nothing(store, corpus, tmp_path, write_jsonl):
    live = rebuild(store, [corpus], Config()).generation
    write_jsonl(tmp_path / "bad" / "n.jsonl", [{"id": "a", "body": "alpha"}, "{broken"])
    with pytest.raises(StrictInputError) as info:
        rebuild(store, [tmp_path / "bad"], Config(), strict=True)
    assert info.value.problems[0].line == 2
    assert store.current().name == live
    assert not list((store.path / "building").iterdir())


def test_rebuild_of_nothing_is_refused(store, corpus, tmp_path):
    live = rebuild(store, [corpus], Config()).generation
    (tmp_path / "empty").mkdir()
    with pytest.raises(RebuildError, match="no documents were loaded"):
        rebuild(store, [tmp_path / "empty"], Config())
    assert store.current().name == live


def test_rebuild_that_would_halve_the_index_is_refused(store, corpus, tmp_path, write_jsonl):
    live = rebuild(store, [corpus], Config()).generation  # four documents
    write_jsonl(tmp_path / "cut" / "n.jsonl", [{"id": "a", "body": "alpha"}])
    with pytest.raises(RebuildError, match="1 documents, the live one holds 4.*--allow-shrink"):
        rebuild(store, [tmp_path / "cut"], Config())
    assert store.current().name == live
    assert not list((store.path / "building").iterdir())


def test_allow_shrink_publishes_the_smaller_index(store, corpus, tmp_path, write_jsonl):
    rebuild(store, [corpus], Config())
    write_jsonl(tmp_path / "cut" / "n.jsonl", [{"id": "a", "body": "alpha"}])
    summary = rebuild(store, [tmp_path / "cut"], Config(), allow_shrink=True)
    assert store.current().name == summary.generation and summary.documents == 1


def test_missing_source_fails_before_touching_the_index(store, tmp_path):
    with pytest.raises(LoadError, match="source not found"):
        rebuild(store, [tmp_path / "absent"], Config())
    assert not store.exists()


def test_failed_check_keeps_the_live_generation(store, corpus, monkeypatch):
    live = rebuild(store, [corpus], Config()).generation

    def failing_check(path, expected):
        raise RebuildError("check failed")

    monkeypatch.setattr("index.build.check_generation", failing_check)
    with pytest.raises(RebuildError, match="check failed"):
        rebuild(store, [corpus], Config())
    assert store.current().name == live
    assert not list((store.path / "building").iterdir())


def test_rebuild_keeps_the_previous_generation_for_rollback(store, corpus):
    first = rebuild(store, [corpus], Config()).generation
    rebuild(store, [corpus], Config())
    assert store.rollback_target().name == first
    assert store.build_info()["parent"] == first


def test_parallel_rebuild_gives_the_same_index(store, tmp_path, corpus, search_ids):
    serial = rebuild(store, [corpus], Config(), procs=1)
    ids = search_ids(store, "gas ceasefire غزه")
    parallel = rebuild(store, [corpus], Config(), procs=2)
    assert (serial.procs, parallel.procs) == (1, 2)
    assert parallel.documents == serial.documents
    assert search_ids(store, "gas ceasefire غزه") == ids


def test_progress_reaches_the_total(store, corpus):
    calls = []
    rebuild(store, [corpus], Config(), progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1] == (corpus / "news.jsonl").stat().st_size
