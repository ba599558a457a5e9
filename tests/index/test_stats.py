from index import Config, collect_stats, rebuild, update


def test_counts_per_language_and_source(store, corpus):
    rebuild(store, [corpus], Config())
    stats = collect_stats(store)
    assert stats.documents == 4
    assert stats.by_lang == {"en": 2, "fa": 2}
    assert stats.by_source == {"wire": 3, "briefing": 1}


def test_counts_leave_out_deleted_documents(store, tmp_path, write_jsonl):
    path = tmp_path / "n.jsonl"
    write_jsonl(path, [{"id": "a", "body": "alpha", "lang": "en"}, {"id": "b", "body": "بتا", "lang": "fa"}])
    update(store, [path], Config())
    write_jsonl(path, [{"id": "a", "body": "alpha", "lang": "en"}])
    update(store, [path], Config(), prune=True)
    assert collect_stats(store).by_lang == {"en": 1}


def test_generation_size_and_last_build(store, corpus):
    first = rebuild(store, [corpus], Config()).generation
    summary = rebuild(store, [corpus], Config())
    stats = collect_stats(store).as_dict()
    assert stats["generation"] == summary.generation and stats["rollback_target"] == first
    assert 0 < stats["generation_bytes"] < stats["total_bytes"]
    assert stats["build_kind"] == "rebuild" and stats["built_at"] and stats["build_seconds"] >= 0
