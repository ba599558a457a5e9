"""search/dense.py: scores in NumPy arrays give Whoosh's ranking and scores, and the evaluator's
matched words."""

import random

import pytest
from whoosh import query as wq

from index.scoring import BM25FTerm, DisMax, RareFirstOr
from search import dense, evaluate
from tests.search.test_evaluate import (  # noqa: F401 (ix, searcher, directory: fixtures)
    FIELDS, _expanded, _tree, directory, ix, searcher)
from tests.search.test_evaluate import _assert_same as assert_like_whoosh


@pytest.fixture()
def counted(monkeypatch):
    """The number of trees scored into arrays (not handed to search.evaluate whole)."""
    calls = []
    scores = dense._Dense.scores
    monkeypatch.setattr(dense._Dense, "scores",
                        lambda self, q: calls.append(q) or scores(self, q))
    return calls


def _assert_same(searcher, directory, q, limit=20, filter=None):
    return assert_like_whoosh(searcher, q, limit, filter, directory, search=dense.search)


def test_random_trees_rank_and_score_like_whoosh(searcher, directory, counted):
    rng = random.Random(21)
    for _ in range(150):
        _assert_same(searcher, directory, _tree(rng, 3))
    assert counted


@pytest.mark.parametrize("limit", [1, 3, 10])
def test_expanded_queries_rank_like_whoosh(searcher, directory, counted, limit):
    rng = random.Random(limit)
    for _ in range(60):
        q = _expanded(rng)
        _assert_same(searcher, directory, q, limit=limit)
    assert counted


def test_a_filter_narrows_without_changing_scores(searcher, directory, counted):
    rng = random.Random(4)
    for _ in range(20):
        q = _expanded(rng)
        for lang in ("en", "fa"):
            _assert_same(searcher, directory, q, filter=wq.Term("lang", lang))
    assert counted


def test_deleted_documents_are_never_found(searcher, directory):
    q = wq.Or([BM25FTerm(FIELDS, w) for w in FIELDS_WORDS])
    found = dense.search(searcher, q, None, directory=directory)
    assert found.total and not {d for d, _ in found.hits} & _deleted(searcher)


FIELDS_WORDS = ["gaza", "ceasefire", "talks", "energy", "غزه", "نفت"]


def _deleted(searcher):
    found, offset = set(), 0
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        found |= {offset + d for d in range(reader.doc_count_all()) if reader.is_deleted(d)}
    assert found  # the fixture deletes four documents
    return found


def test_matched_words_are_the_evaluators(searcher, directory, counted):
    # The optional words of an AndMaybe (RareFirstOr's common words) count only in the documents
    # of its required part, as the evaluator scores them.
    rng = random.Random(8)
    for _ in range(80):
        q = _tree(rng, 3) if rng.random() < 0.5 else _expanded(rng)
        found = dense.search(searcher, q, None, directory=directory)
        expected = evaluate.search(searcher, q, None, directory=directory)
        assert [d for d, _ in found.hits] == [d for d, _ in expected.hits], q
        for d, _ in found.hits:
            assert found.matched_words(d) == expected.matched_words(d), (q, d)
    assert counted


def test_a_common_words_matches_outside_the_rare_words_documents_are_not_matched(searcher,
                                                                                 directory):
    rare_first = RareFirstOr([BM25FTerm(FIELDS, "ceasefire"), BM25FTerm(FIELDS, "gaza")],
                             cutoff=0.4)
    q = DisMax([rare_first, BM25FTerm(FIELDS, "oil")])
    found = dense.search(searcher, q, None, directory=directory)
    with_ceasefire = set(searcher.docs_for_query(wq.Or([wq.Term(f, "ceasefire") for f in FIELDS])))
    with_gaza = set(searcher.docs_for_query(wq.Or([wq.Term(f, "gaza") for f in FIELDS])))
    outside = [d for d, _ in found.hits if d in with_gaza and d not in with_ceasefire]
    assert outside  # documents found by "oil" alone that hold "gaza"
    for d in outside:
        assert "gaza" not in found.matched_words(d)


def test_a_boost_that_is_not_positive_leaves_the_tree_to_the_evaluator(searcher, directory,
                                                                      counted):
    # A zero score would read as "no match" in an array: the documents that only the zero-boost
    # word matches must still be counted and returned.
    q = wq.Or([BM25FTerm(FIELDS, "gaza"), BM25FTerm(FIELDS, "نفت", boost=0.0)])
    found = _assert_same(searcher, directory, q, limit=None)
    assert any(s == 0 for _, s in found.hits)
    assert not counted


def test_a_part_scoring_zero_leaves_the_search_to_the_evaluator(searcher, directory):
    # (Whoosh turns a constant score of 0 into 1: a negative one stands for any score that is
    # not positive; the larger of it and no match would be no match.)
    q = DisMax([BM25FTerm(FIELDS, "gaza"), wq.ConstantScoreQuery(wq.Term("body", "نفت"), -1.0)])
    found = _assert_same(searcher, directory, q, limit=None)
    assert any(s < 0 for _, s in found.hits)


def test_a_conjunction_is_the_evaluators(searcher, directory, counted):
    q = wq.And([BM25FTerm(FIELDS, "gaza"), BM25FTerm(FIELDS, "oil")])
    _assert_same(searcher, directory, q)
    assert not counted


def test_without_impacts_it_is_the_evaluator(searcher, counted):
    q = wq.Or([BM25FTerm(FIELDS, "gaza"), BM25FTerm(FIELDS, "نفت", boost=0.8)])
    assert dense.search(searcher, q, 10) == evaluate.search(searcher, q, 10)
    assert not counted


def test_the_candidates_hold_the_best_documents_and_their_ties():
    import numpy as np

    rng = np.random.default_rng(3)
    for _ in range(200):
        scores = np.zeros(int(rng.integers(1, 400)))
        n = int(rng.integers(0, len(scores) + 1))
        spread = 10.0 ** rng.integers(0, 8)  # a few high scores far above the rest, or none
        scores[rng.choice(len(scores), n, replace=False)] = np.round(rng.random(n) * spread) + 1
        for limit in (1, 3, 10, None):
            count, docs = dense._candidates(scores, limit)
            assert count == n
            scored = [d for d in range(len(scores)) if scores[d]]
            best = sorted(scored, key=lambda d: (-scores[d], d))[:limit or n]
            kth = min((scores[d] for d in best), default=None)
            assert set(best) <= set(docs.tolist())
            # Every tie of the last place too, for the lowest docnum to win.
            assert {d for d in scored if scores[d] == kth} <= set(docs.tolist())


def test_a_part_met_only_in_deleted_documents_leaves_its_optional_part_unscored(tmp_path):
    # The impacts keep deleted documents (their places are cleared at the end): an AndMaybe whose
    # required word is only in deleted documents must not score its optional part, whose Whoosh
    # queries (a prefix here) would have their words looked up as the hits' matched words.
    from whoosh import index as whoosh_index

    from index.boosts import weighting
    from index.config import Config
    from index.impacts import write_impacts
    from index.postings import write_flat_postings
    from index.schema import build_schema

    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    with ix.writer() as w:
        w.add_document(id="gone", title="alpha", body="beta gamma")
        w.add_document(id="kept", title="gamma", body="beta gamma delta")
    w = ix.writer()
    w.delete_by_term("id", "gone")
    w.commit(merge=False)
    assert ix.reader().has_deletions()
    write_flat_postings(tmp_path)
    write_impacts(tmp_path, Config())
    q = wq.Or([BM25FTerm(FIELDS, "gamma"),
               wq.AndMaybe(BM25FTerm(FIELDS, "alpha"), wq.Prefix("body", "bet"))])
    with ix.searcher(weighting=weighting(Config())) as s:
        expected = evaluate.search(s, q, 10, directory=tmp_path)
        found = dense.search(s, q, 10, directory=tmp_path)
        assert found.hits == expected.hits and found.others == expected.others == ()
