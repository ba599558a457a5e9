import shutil

import pytest

from index import Config, boosted_query, rebuild, weighting
from index.errors import IndexNotFoundError, RebuildError
from index.store import CURRENT, IndexStore
from tests.conftest import age_generation


def test_no_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexNotFoundError, match="dozaban rebuild --index"):
        IndexStore(tmp_path).current()


def test_current_names_the_published_generation(store, corpus):
    summary = rebuild(store, [corpus], Config())
    generation = store.current()
    assert generation.name == summary.generation
    assert generation.path == store.path / "generations" / summary.generation
    assert (store.path / CURRENT).read_text().strip() == summary.generation


def test_generation_names_are_never_reused(store, corpus):
    names = {rebuild(store, [corpus], Config()).generation for _ in range(3)}
    store.rollback()
    store.cleanup()
    names.add(rebuild(store, [corpus], Config()).generation)
    assert len(names) == 4


def test_only_the_live_and_the_rollback_generations_are_kept(store, corpus):
    first = rebuild(store, [corpus], Config()).generation
    second = rebuild(store, [corpus], Config()).generation
    third = rebuild(store, [corpus], Config()).generation
    assert [g.name for g in store.generations()] == [second, third]
    assert first not in {g.name for g in store.generations()}


def test_rollback_switches_to_the_previous_generation(store, corpus):
    first = rebuild(store, [corpus], Config()).generation
    second = rebuild(store, [corpus], Config()).generation
    left, now = store.rollback()
    assert (left.name, now.name) == (second, first)
    assert store.current().name == first


def test_rollback_without_a_previous_generation_is_an_error(store, corpus):
    rebuild(store, [corpus], Config())
    with pytest.raises(RebuildError, match="nothing to roll back to"):
        store.rollback()


def test_generation_rolled_back_from_is_removed_by_the_next_cleanup(store, corpus):
    rebuild(store, [corpus], Config())
    second = rebuild(store, [corpus], Config()).generation
    store.rollback()
    assert second in {g.name for g in store.generations()}
    store.cleanup()
    assert second not in {g.name for g in store.generations()}


def test_cleanup_removes_half_built_generations_and_temporaries(store, corpus):
    rebuild(store, [corpus], Config())
    name, path = store.new_building()
    (path / "junk").write_text("x")
    (store.path / "CURRENT.tmp-999").write_text("x")
    assert name in store.cleanup()
    assert not path.exists() and not (store.path / "CURRENT.tmp-999").exists()


def test_cleanup_removes_a_generation_published_but_not_made_live(store, corpus):
    live = rebuild(store, [corpus], Config()).generation
    name, path = store.new_building(copy_of=store.current())
    path.rename(store.path / "generations" / name)  # a crash between rename and CURRENT swap
    store.cleanup()
    assert [g.name for g in store.generations()] == [live]


def test_a_reader_open_on_a_generation_keeps_working_after_swaps(store, corpus, search_ids):
    rebuild(store, [corpus], Config())
    ix = store.open()
    with ix.searcher() as searcher:
        before = searcher.doc_count()
        rebuild(store, [corpus], Config())
        rebuild(store, [corpus], Config())  # the first generation is now deleted
        assert searcher.doc_count() == before
        assert [hit["id"] for hit in searcher.search(
            __import__("whoosh.query", fromlist=["Term"]).Term("id", "gaza-en"))] == ["gaza-en"]


def test_build_info_records_the_build(store, corpus):
    rebuild(store, [corpus], Config())
    info = store.build_info()
    assert info["kind"] == "rebuild" and info["documents"] == 4 and info["built_at"]


@pytest.mark.parametrize("compound", [False, True], ids=["separate-files", "compound"])
def test_an_open_reader_ranks_sorts_and_reads_after_its_generation_is_deleted(
        store, corpus, compound, monkeypatch):
    # Segments are separate files, and Whoosh opens column files lazily: the reader must not.
    # Generations written before are one compound .seg file, read in place (not mapped).
    if compound:
        import index.build

        monkeypatch.setattr(index.build, "open_writer", lambda ix, procs: ix.writer())
    rebuild(store, [corpus], Config())
    assert any(p.suffix == ".seg" for p in store.current().path.iterdir()) == compound
    ix = store.open()
    query = boosted_query("ceasefire gas غزه", ix.schema, Config(), group="or")

    def results(searcher):
        return ([(h["id"], h.score) for h in searcher.search(query)],
                [h["title"] for h in searcher.search(query, sortedby="date")])

    with ix.searcher(weighting=weighting(Config())) as searcher:
        before = results(searcher)
    with ix.searcher(weighting=weighting(Config())) as searcher:  # opened, not used yet
        shutil.rmtree(store.current().path)
        assert results(searcher) == before
    assert len(before[0]) == 3


def test_a_generation_without_segments_opens(tmp_path):
    from whoosh import index as whoosh_index

    from index.schema import build_schema
    from index.store import Generation

    whoosh_index.create_in(str(tmp_path), build_schema())
    ix = IndexStore(tmp_path).open(Generation("000001-empty", tmp_path))
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 0


def test_search_refuses_an_index_of_another_schema_version(store, corpus):
    from index.errors import IndexVersionError
    from search import Engine

    rebuild(store, [corpus], Config())
    store.check_version()
    age_generation(store, 0)
    with pytest.raises(IndexVersionError, match="dozaban rebuild --index"):
        store.check_version()
    with pytest.raises(IndexVersionError, match="schema version 0"):
        with Engine.open(store.path) as engine:
            engine.search("gaza")


def test_search_reads_a_version_1_index_and_update_refuses_it(store, corpus, tmp_path):
    from index.errors import IndexVersionError
    from index.update import update
    from search import Engine, SearchSettings

    rebuild(store, [corpus], Config())
    age_generation(store, 1)
    assert store.check_version(search=True) == 1
    with pytest.raises(IndexVersionError):
        store.check_version()
    with Engine.open(store.path, settings=SearchSettings(cache_dir=tmp_path / "c")) as engine:
        assert engine.search("gaza", expand=False)
    with pytest.raises(IndexVersionError):
        update(store, [corpus], Config())


def test_incremental_update_refuses_it_and_rebuild_repairs_it(store, corpus):
    from index.errors import IndexVersionError
    from index.update import update

    rebuild(store, [corpus], Config())
    age_generation(store, 0)
    live = store.current().name
    with pytest.raises(IndexVersionError):
        update(store, [corpus], Config())
    assert store.current().name == live
    rebuild(store, [corpus], Config())
    store.check_version()
