"""index/postings.py: flat postings beside each segment."""

import random

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from index.boosts import weighting
from index.build import rebuild
from index.config import Config, FULLTEXT_FIELDS
from index.postings import (EXTENSION, FlatPostings, read_blocks, read_positions,
                            write_flat_postings)
from index.schema import build_schema
from index.scoring import BM25FTerm
from index.store import IndexStore
from index.update import update
from search import evaluate
from tests.index.conftest import WORDS, random_segments

FIELDS = {"title": 3.0, "lead": 1.5, "body": 1.0, "tags": 1.5}


def _index(path, segments=3, per_segment=40, deletions=(2, 41, 77)):
    return random_segments(path, 3, segments, per_segment, deletions=deletions)


def _flat_files(path):
    return sorted(p.name for p in path.iterdir() if p.name.endswith(EXTENSION))


def test_one_file_per_segment(tmp_path):
    _index(tmp_path)
    assert write_flat_postings(tmp_path) == 3
    assert len(_flat_files(tmp_path)) == 3
    assert write_flat_postings(tmp_path) == 0  # already there: nothing rewritten


def test_every_term_reads_as_whoosh_reads_it(tmp_path):
    ix = _index(tmp_path)
    write_flat_postings(tmp_path)
    checked = 0
    with ix.reader() as top:
        for reader, _ in top.leaf_readers():
            flat = FlatPostings.open(tmp_path, reader.segment())
            for field in FULLTEXT_FIELDS:
                if field not in reader.schema:
                    continue
                for text in reader.lexicon(field):
                    info = reader.term_info(field, text)
                    got = flat.get(info._offset)
                    if info.is_inlined():
                        assert got is None
                        continue
                    ids, weights = got
                    assert (list(ids), list(weights)) == read_blocks(reader.postings(field, text),
                                                                      deleted=False)
                    checked += 1
    assert checked > 20


def test_search_scores_the_same_with_and_without_flat_postings(tmp_path):
    ix = _index(tmp_path)
    q = wq.Or([BM25FTerm(FIELDS, w, boost=b) for w, b in (("gaza", 1.0), ("نفت", 0.8), ("رای", 1))])
    with ix.searcher(weighting=weighting(Config())) as s:
        before = evaluate.search(s, q, limit=None)
    write_flat_postings(tmp_path)
    with ix.searcher(weighting=weighting(Config())) as s:
        after = evaluate.search(s, q, limit=None, directory=tmp_path)
        assert all(not s.reader().is_deleted(d) for d, _ in after.hits)
    assert after.hits == before.hits and after.total == before.total > 0


def test_unreadable_file_is_ignored(tmp_path):
    ix = _index(tmp_path, segments=1, deletions=())
    write_flat_postings(tmp_path)
    (name,) = _flat_files(tmp_path)
    (tmp_path / name).write_bytes(b"not flat postings")
    with ix.reader() as reader:
        assert FlatPostings.open(tmp_path, reader.segment()) is None
    with ix.searcher(weighting=weighting(Config())) as s:
        assert evaluate.search(s, BM25FTerm(FIELDS, "gaza"), directory=tmp_path).total > 0


def test_merged_segment_takes_its_file_along(tmp_path):
    ix = _index(tmp_path, deletions=())
    write_flat_postings(tmp_path)
    old = _flat_files(tmp_path)
    ix.optimize()
    assert not set(old) & set(_flat_files(tmp_path))


def test_rebuild_and_update_write_them(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": "a", "title": "Gaza", "body": "ceasefire talks"}\n', encoding="utf-8")
    store = IndexStore(tmp_path / "ix")
    rebuild(store, [docs], Config())
    assert len(_flat_files(store.current().path)) == 1
    more = tmp_path / "more.jsonl"
    more.write_text('{"id": "b", "title": "Energy", "body": "oil prices"}\n', encoding="utf-8")
    update(store, [more], Config())
    ix = store.open()
    with ix.reader() as reader:
        segments = len(reader.leaf_readers()) if not reader.is_atomic() else 1
    assert len(_flat_files(store.current().path)) == segments


@pytest.mark.parametrize("deletions", [(), (0, 5)])
def test_deleted_documents_are_never_found(tmp_path, deletions):
    ix = _index(tmp_path, segments=1, per_segment=10, deletions=deletions)
    write_flat_postings(tmp_path)
    with ix.searcher(weighting=weighting(Config())) as s:
        found = evaluate.search(s, wq.Or([BM25FTerm(FIELDS, w) for w in WORDS]), limit=None,
                                directory=tmp_path)
        assert {d for d, _ in found.hits} == set(range(10)) - set(deletions)


def test_a_list_of_deleted_documents_is_kept_when_asked(tmp_path):
    # Whoosh's deletion filter has already stepped past a block of deleted documents when
    # read_blocks unwraps it: the flat file and its check need them all.
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    w = ix.writer()
    for n, body in enumerate(["gone gaza", "gone oil", "gaza oil", "oil"]):
        w.add_document(id=f"d{n}", body=body)
    w.commit()
    w = ix.writer()
    w.delete_by_term("id", "d0")
    w.delete_by_term("id", "d1")
    w.commit(merge=False)
    with ix.reader() as reader:
        assert not reader.term_info("body", "gone").is_inlined()
        assert read_blocks(reader.postings("body", "gone"), deleted=False) == ([0, 1], [1.0, 1.0])
        assert read_blocks(reader.postings("body", "gone")) == ([], [])
        assert read_blocks(reader.postings("body", "gaza")) == ([2], [1.0])


def test_positions_are_read_as_whooshs_matcher_reads_them(tmp_path):
    # Lists of several blocks (Whoosh writes 128 postings a block), with deleted documents.
    rng = random.Random(4)
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    w = ix.writer()
    for n in range(700):
        w.add_document(id=f"d{n}", body=" ".join(rng.choice(["gaza", "oil", "vote", "غزه"])
                                                for _ in range(rng.randint(1, 12))))
    w.commit()
    w = ix.writer()
    for n in range(0, 700, 9):
        w.delete_by_term("id", f"d{n}")
    w.commit(merge=False)
    with ix.reader() as reader:
        for text in ("gaza", "oil", "vote", "غزه"):
            m = reader.postings("body", text)
            every = {}
            while m.is_active():
                every[m.id()] = m.value_as("positions")
                m.next()
            assert len(every) > 300
            for share in (1.0, 0.3, 0.01):
                docs = sorted(d for d in every if rng.random() < share)
                assert read_positions(reader.postings("body", text), docs) == \
                    {d: every[d] for d in docs}


def test_positions_of_a_document_without_the_term_are_an_error(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    with ix.writer() as w:
        for body in ("gaza oil", "oil", "gaza"):
            w.add_document(id=body, body=body)
    with ix.reader() as reader:
        assert read_positions(reader.postings("body", "gaza"), [0, 2]) == {0: [0], 2: [0]}
        for docs in ([1], [0, 1], [3]):
            with pytest.raises(ValueError):
                read_positions(reader.postings("body", "gaza"), docs)
