import pytest

from index import Config, rebuild, update
from index.errors import StrictInputError


def test_update_creates_the_index_when_there_is_none(store, corpus, search_ids):
    summary = update(store, [corpus], Config())
    assert (summary.added, summary.documents) == (4, 4)
    assert search_ids(store, "pipeline") == ["energy-en"]


def test_unchanged_documents_are_skipped_and_no_generation_is_made(store, corpus):
    first = update(store, [corpus], Config())
    again = update(store, [corpus], Config())
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert again.generation == first.generation and not again.changed


def test_changed_and_new_documents_are_written(store, tmp_path, write_jsonl, search_ids):
    path = tmp_path / "s" / "n.jsonl"
    write_jsonl(path, [{"id": "a", "body": "alpha"}, {"id": "b", "body": "beta"}])
    update(store, [path], Config())
    write_jsonl(path, [{"id": "a", "body": "alpha"}, {"id": "b", "body": "gamma"}, {"id": "c", "body": "delta"}])
    summary = update(store, [path], Config())
    assert (summary.added, summary.updated, summary.unchanged, summary.documents) == (1, 1, 1, 3)
    assert search_ids(store, "gamma") == ["b"] and search_ids(store, "beta") == []


def test_a_document_replaced_twice(store, tmp_path, write_jsonl, search_ids):
    # The second update deletes the only document of the first update's segment.
    path = tmp_path / "n.jsonl"
    for body in ("alpha", "beta", "gamma"):
        write_jsonl(path, [{"id": "a", "title": "ok", "body": body}])
        update(store, [path], Config())
    assert search_ids(store, "gamma") == ["a"] and search_ids(store, "beta") == []


def test_update_leaves_the_previous_generation_intact(store, tmp_path, write_jsonl):
    path = tmp_path / "n.jsonl"
    write_jsonl(path, [{"id": "a", "body": "alpha"}])
    before = update(store, [path], Config()).generation
    write_jsonl(path, [{"id": "a", "body": "alpha"}, {"id": "b", "body": "beta"}])
    update(store, [path], Config())
    old = [g for g in store.generations() if g.name == before][0]
    assert store.open(old).doc_count() == 1 and store.open().doc_count() == 2


def test_without_prune_vanished_documents_stay(store, tmp_path, write_jsonl):
    write_jsonl(tmp_path / "s" / "a.jsonl", [{"id": "a", "body": "alpha"}])
    write_jsonl(tmp_path / "s" / "b.jsonl", [{"id": "b", "body": "beta"}])
    update(store, [tmp_path / "s"], Config())
    (tmp_path / "s" / "b.jsonl").unlink()
    assert update(store, [tmp_path / "s"], Config()).documents == 2


def test_prune_removes_documents_whose_file_disappeared(store, tmp_path, write_jsonl, search_ids):
    write_jsonl(tmp_path / "s" / "a.jsonl", [{"id": "a", "body": "alpha"}])
    write_jsonl(tmp_path / "s" / "b.jsonl", [{"id": "b", "body": "beta"}])
    update(store, [tmp_path / "s"], Config())
    (tmp_path / "s" / "b.jsonl").unlink()
    summary = update(store, [tmp_path / "s"], Config(), prune=True)
    assert (summary.deleted, summary.documents) == (1, 1)
    assert search_ids(store, "beta") == []


def test_prune_removes_a_record_removed_from_its_file(store, tmp_path, write_jsonl):
    path = tmp_path / "n.jsonl"
    write_jsonl(path, [{"id": "a", "body": "alpha"}, {"id": "b", "body": "beta"}])
    update(store, [path], Config())
    write_jsonl(path, [{"id": "a", "body": "alpha"}])
    assert update(store, [path], Config(), prune=True).deleted == 1


def test_prune_leaves_documents_of_other_sources(store, tmp_path, write_jsonl):
    write_jsonl(tmp_path / "one" / "a.jsonl", [{"id": "a", "body": "alpha"}])
    write_jsonl(tmp_path / "two" / "b.jsonl", [{"id": "b", "body": "beta"}])
    update(store, [tmp_path / "one"], Config())
    summary = update(store, [tmp_path / "two"], Config(), prune=True)
    assert (summary.deleted, summary.documents) == (0, 2)


def test_prune_spares_documents_of_a_file_that_became_unreadable(store, tmp_path, write_jsonl):
    path = tmp_path / "s" / "a.md"
    path.parent.mkdir()
    path.write_text("## Title\nbody text", encoding="utf-8")
    update(store, [tmp_path / "s"], Config())
    path.write_bytes(b"\xff\xfe broken")
    summary = update(store, [tmp_path / "s"], Config(), prune=True)
    assert (summary.deleted, summary.documents, len(summary.problems)) == (0, 1, 1)


def test_strict_update_with_bad_input_changes_nothing(store, tmp_path, write_jsonl):
    path = tmp_path / "n.jsonl"
    write_jsonl(path, [{"id": "a", "body": "alpha"}])
    live = update(store, [path], Config()).generation
    write_jsonl(path, [{"id": "a", "body": "changed"}, {"id": "b"}])
    with pytest.raises(StrictInputError):
        update(store, [path], Config(), strict=True)
    assert store.current().name == live
    assert not list((store.path / "building").iterdir())


def test_update_after_rebuild_sees_its_hashes(store, corpus):
    rebuild(store, [corpus], Config())
    assert update(store, [corpus], Config()).unchanged == 4
