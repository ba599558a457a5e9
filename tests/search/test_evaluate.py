"""search/evaluate.py: term-at-a-time scoring gives Whoosh's ranking and scores."""

import math
import random

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from index.boosts import weighting
from index.config import Config
from index.schema import build_schema
from index.scoring import BM25FTerm, DisMax, RareFirstOr
from search import evaluate

FIELDS = {"title": 3.0, "lead": 1.5, "body": 1.0, "tags": 1.5}
WORDS = ["gaza", "ceasefire", "talks", "energy", "price", "oil", "council", "vote",
         "غزه", "آتش‌بس", "انرژی", "نفت", "شورا", "قیمت", "مذاکره", "رای"]


def _text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    """Three segments, with deleted documents in two of them."""
    rng = random.Random(7)
    ix = whoosh_index.create_in(str(tmp_path_factory.mktemp("evaluate")), build_schema())
    docid = 0
    for segment in range(3):
        w = ix.writer()
        for _ in range(60):
            w.add_document(id=f"d{docid}", title=_text(rng, rng.randint(0, 4)),
                           lead=_text(rng, rng.randint(0, 8)), body=_text(rng, rng.randint(1, 40)),
                           tags=_text(rng, rng.randint(0, 2)), lang=rng.choice(["en", "fa"]))
            docid += 1
        w.commit(merge=False)
    w = ix.writer()
    for d in (3, 17, 70, 99):
        w.delete_by_term("id", f"d{d}")
    w.commit(merge=False)
    assert len(ix.reader().leaf_readers()) == 3 and ix.reader().has_deletions()
    return ix


@pytest.fixture()
def searcher(ix):
    with ix.searcher(weighting=weighting(Config())) as s:
        yield s


def _truth(searcher, q, filter=None):
    """Every document's score by Whoosh's own matchers, all documents scored.

    (Whoosh's top-N collection is no reference: on this index, with a limit, it loses some of the
    best documents of boosted and nested queries.)
    """
    if isinstance(q, wq.AndNot):  # Whoosh's AndNotMatcher keeps a first document it should drop
        excluded = set(searcher.docs_for_query(q.b))
        return {d: s for d, s in _truth(searcher, q.a, filter).items() if d not in excluded}
    return {h.docnum: h.score for h in searcher.search(q, limit=None, filter=filter)}


def _assert_same(searcher, q, limit=20, filter=None, directory=None, search=evaluate.search):
    """``search`` (a scorer of ``evaluate.search``'s signature) finds what Whoosh does; returns
    its ``Found``."""
    truth = _truth(searcher, q, filter)
    expected = sorted(truth.items(), key=lambda item: (-item[1], item[0]))[:limit]
    found = search(searcher, q, limit, filter, directory=directory)
    assert found.total == len(truth), q
    assert [d for d, _ in found.hits] == [d for d, _ in expected], q
    for (_, got), (_, want) in zip(found.hits, expected):
        assert math.isclose(got, want, rel_tol=1e-9), q
    return found


def _phrase(rng):
    """A phrase of two or three words, often found in the random texts (their words are few)."""
    from analyzers import analyze_query

    words = [t for w in rng.sample(WORDS + ["absent"], rng.randint(2, 3))
             for t in analyze_query(w)[0].forms[-1]]
    return wq.Phrase(rng.choice(sorted(FIELDS)), words, boost=rng.choice([1.0, 0.8, 2.5]))


def _tree(rng, depth):
    if depth == 0 or rng.random() < 0.3:
        if rng.random() < 0.2:
            return _phrase(rng)
        fields = dict(rng.sample(sorted(FIELDS.items()), rng.randint(1, 4)))
        return BM25FTerm(fields, rng.choice(WORDS + ["absent"]), boost=rng.choice([1.0, 0.8, 0.3]))
    kind = rng.choice([wq.Or, wq.And, DisMax, wq.Or, RareFirstOr])
    children = [_tree(rng, depth - 1) for _ in range(rng.randint(2, 4))]
    if kind is RareFirstOr:  # every word common, some, none
        return RareFirstOr(children, cutoff=rng.choice([0.0, 0.4, 0.6, 0.8, 1.0]))
    return kind(children)


def test_random_trees_rank_and_score_like_whoosh(searcher):
    rng = random.Random(11)
    for _ in range(150):
        _assert_same(searcher, _tree(rng, 3))


def test_filter_narrows_without_changing_scores(searcher):
    q = wq.Or([BM25FTerm(FIELDS, "gaza"), BM25FTerm(FIELDS, "نفت", boost=0.8)])
    _assert_same(searcher, q, filter=wq.Term("lang", "fa"))


def test_a_filters_documents_are_listed_once_per_segment(searcher, monkeypatch):
    # lang:fa matches most of an index; listing its documents cost as much as the search.
    fa, en = wq.Term("lang", "fa"), wq.Term("lang", "en")
    q = wq.Or([BM25FTerm(FIELDS, "gaza"), BM25FTerm(FIELDS, "oil")])
    listed = []
    docs = wq.Term.docs
    monkeypatch.setattr(wq.Term, "docs", lambda self, s: listed.append(self) or docs(self, s))
    first = [evaluate.search(searcher, q, 10, f) for f in (fa, en)]
    assert [evaluate.search(searcher, q, 10, f) for f in (fa, en)] == first
    segments = len(searcher.leaf_searchers())
    assert listed.count(fa) == listed.count(en) == segments
    monkeypatch.undo()
    _assert_same(searcher, q, filter=fa)  # and what is kept is still right
    _assert_same(searcher, q, filter=en)


def test_and_not_drops_the_excluded_documents(searcher):
    q = wq.AndNot(wq.Or([BM25FTerm(FIELDS, "gaza"), BM25FTerm(FIELDS, "oil")]),
                  wq.Or([BM25FTerm(FIELDS, "vote"), wq.Term("body", "price")]))
    _assert_same(searcher, q)


def test_and_maybe_adds_the_second_score_to_the_first_documents(searcher):
    q = wq.AndMaybe(wq.Or([BM25FTerm(FIELDS, "gaza"), BM25FTerm(FIELDS, "oil")]),
                    wq.Or([BM25FTerm(FIELDS, "vote", boost=0.5), BM25FTerm(FIELDS, "نفت")]))
    _assert_same(searcher, q)


def test_nested_disjunction_max_keeps_the_largest_score_at_every_level(searcher):
    # The unboosted inner group is read as alternatives of the outer one; the boosted one is not.
    inner = DisMax([BM25FTerm(FIELDS, "نفت", boost=0.8),
                    wq.AndMaybe(BM25FTerm(FIELDS, "انرژی"), BM25FTerm(FIELDS, "قیمت"))])
    boosted = DisMax([BM25FTerm(FIELDS, "oil"), BM25FTerm(FIELDS, "energy")], boost=0.5)
    for q in (DisMax([BM25FTerm(FIELDS, "price"), inner]),
              DisMax([BM25FTerm(FIELDS, "price"), inner, boosted]),
              wq.Or([BM25FTerm(FIELDS, "gaza"), DisMax([inner, DisMax([boosted, inner])])])):
        _assert_same(searcher, q, limit=None)


def test_a_nested_filter_in_a_sum_or_a_group_scores_zero(searcher):
    # A filter written inside the query is a zero-score ConstantScoreQuery, which has no boost.
    nested = wq.ConstantScoreQuery(wq.Term("lang", "fa"), 0.0)
    for q in (wq.Or([BM25FTerm(FIELDS, "gaza"), nested]),
              DisMax([BM25FTerm(FIELDS, "oil"), nested])):
        _assert_same(searcher, q, limit=None)


def test_other_queries_are_scored_by_their_own_matchers(searcher):
    q = wq.Or([BM25FTerm(FIELDS, "gaza"),
               wq.Phrase("body", ["gaza", "ceasefir"], slop=2),
               wq.Prefix("title", "ene"),
               wq.And([BM25FTerm(FIELDS, "oil"), wq.Not(wq.Term("body", "price"))])])
    _assert_same(searcher, q)
    assert len(evaluate.search(searcher, q).others) == 3


def test_a_phrase_scores_its_words_where_they_stand_in_order(searcher):
    rng = random.Random(5)
    phrases = [_phrase(rng) for _ in range(300)]
    assert sum(1 for q in phrases if _truth(searcher, q)) > 100  # most are found somewhere
    for q in phrases:
        _assert_same(searcher, q, limit=None)
        assert not evaluate.search(searcher, q).others, q  # no Whoosh matcher


def test_a_phrase_under_another_weighting_is_left_to_whooshs_matcher(ix):
    from whoosh import scoring

    with ix.searcher(weighting=scoring.BM25F()) as other:
        q = wq.Phrase("body", ["oil", "price"])
        _assert_same(other, q, limit=None)
        assert evaluate.search(other, q).others == (q,)


def test_a_phrase_of_a_repeated_word_needs_it_twice_in_a_row(searcher):
    for words in (["oil", "oil"], ["oil", "oil", "oil"], ["غزه", "غزه"]):
        for field in FIELDS:
            _assert_same(searcher, wq.Phrase(field, words), limit=None)


def test_a_phrase_in_a_conjunction_is_looked_for_in_its_documents_only(searcher):
    for words in (["gaza", "ceasefir"], ["oil", "price"], ["اتش", "بس"]):
        q = wq.And([BM25FTerm(FIELDS, "vote"), wq.Phrase("body", words, boost=1.5)])
        _assert_same(searcher, q, limit=None)


def test_a_phrases_words_are_its_hits_matched_words(searcher):
    q = wq.Phrase("body", ["oil", "price"])
    found = evaluate.search(searcher, q, limit=None)
    assert found.hits
    for d, _ in found.hits:
        assert found.matched_words(d) == {"oil", "price"}


def test_boost_of_a_compound_query_multiplies_its_score(searcher):
    q = wq.Or([wq.Or([BM25FTerm(FIELDS, "gaza"), BM25FTerm(FIELDS, "oil")], boost=2.5),
               BM25FTerm(FIELDS, "vote")])
    _assert_same(searcher, q)


def test_no_limit_returns_every_match_best_first(searcher):
    q = wq.Or([BM25FTerm(FIELDS, "gaza"), BM25FTerm(FIELDS, "غزه")])
    _assert_same(searcher, q, limit=None)


def test_ties_go_to_the_lower_document_number(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    with ix.writer() as w:
        for i in range(5):
            w.add_document(id=str(i), body="gaza ceasefire")
    with ix.searcher(weighting=weighting(Config())) as s:
        found = evaluate.search(s, BM25FTerm(FIELDS, "gaza"), limit=3)
    assert [d for d, _ in found.hits] == [0, 1, 2]
    assert found.total == 5


def test_rare_first_or_splits_its_words_by_their_frequency_in_the_whole_index(searcher):
    # Per segment the frequencies differ; the split, and so every score, must not.
    reader = searcher.reader()
    dfs = {w: BM25FTerm(FIELDS, w).doc_frequency(searcher) for w in WORDS}
    assert len(set(dfs.values())) > 4 and reader.doc_count_all() > 100
    for cutoff in sorted({df / reader.doc_count_all() for df in dfs.values()})[::3]:
        _assert_same(searcher, RareFirstOr([BM25FTerm(FIELDS, w) for w in WORDS[::2]],
                                           cutoff=cutoff))


def test_a_word_absent_from_the_index_finds_nothing(searcher):
    found = evaluate.search(searcher, BM25FTerm(FIELDS, "absent"), limit=10)
    assert found.hits == () and found.total == 0


def test_matched_words_are_the_words_each_hit_holds(searcher):
    words = ["gaza", "نفت", "absent"]
    q = wq.Or([BM25FTerm(FIELDS, w) for w in words])
    found = evaluate.search(searcher, q, limit=None)
    assert {d for d, _ in found.hits} & {d for d in range(120, 180)}  # the last segment too
    for docnum, _ in found.hits:
        stored = searcher.stored_fields(docnum)
        text = " ".join(stored.get(f, "") for f in FIELDS).split()
        assert found.matched_words(docnum) == {w for w in words if w in text}


def _expanded(rng):
    """A tree shaped like an expanded query: an Or of concepts, each own words and translations."""
    concepts = []
    for _ in range(rng.randint(2, 6)):
        own = BM25FTerm(FIELDS, rng.choice(WORDS[:8]))
        translations = [BM25FTerm(FIELDS, rng.choice(WORDS[8:] + ["absent"]), boost=0.8)
                        for _ in range(rng.randint(0, 3))]
        if translations:
            concepts.append(wq.Or([own, DisMax(translations) if len(translations) > 1
                                   else translations[0]]))
        else:
            concepts.append(own)
    feedback = [BM25FTerm(FIELDS, w, boost=rng.random() * 0.5) for w in rng.sample(WORDS, 4)]
    return wq.Or(concepts + (feedback if rng.random() < 0.5 else []))


@pytest.mark.parametrize("limit", [1, 3, 10])
def test_expanded_queries_rank_like_whoosh(searcher, limit):
    rng = random.Random(limit)
    for _ in range(60):
        q = _expanded(rng)
        _assert_same(searcher, q, limit=limit)
        _assert_same(searcher, q, limit=limit, filter=wq.Term("lang", "en"))


def test_a_field_no_document_has_is_skipped_with_the_same_scores(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    rng = random.Random(5)
    with ix.writer() as w:  # no lead, no tags in any document
        for i in range(30):
            w.add_document(id=str(i), title=_text(rng, 2), body=_text(rng, 20))
    with ix.searcher(weighting=weighting(Config())) as s:
        assert s.reader().field_length("lead") == 0
        for _ in range(20):
            _assert_same(s, _expanded(rng), limit=5)


def test_restricted_postings_keep_exactly_the_candidates():
    from array import array

    rng = random.Random(5)
    ids = array("I", sorted(rng.sample(range(10_000), 3_000)))
    weights = array("f", [float(rng.randint(1, 9)) for _ in ids])
    for size in (1, 10, 150, 5_000):  # below and above the switch to binary searches
        only = set(rng.sample(range(10_000), size)) | {ids[0], ids[-1]}
        kept = evaluate._restrict(ids, weights, only)
        want = [(d, w) for d, w in zip(ids, weights) if d in only]
        assert list(zip(*kept)) == want


def test_conjunction_scores_a_common_word_on_the_rare_words_documents(searcher):
    # "absent" is in no document, "gaza" in many: the conjunction must come out empty, and an
    # And of two common words must still score like Whoosh.
    _assert_same(searcher, wq.And([BM25FTerm(FIELDS, "gaza"), BM25FTerm(FIELDS, "absent")]))
    _assert_same(searcher, wq.And([BM25FTerm(FIELDS, "gaza"), BM25FTerm({"title": 3.0}, "oil")]))


@pytest.fixture(scope="module")
def directory(ix):
    """The index's flat postings and impacts, as a rebuild writes them."""
    from index.impacts import write_impacts
    from index.postings import write_flat_postings

    write_flat_postings(ix.storage.folder)
    write_impacts(ix.storage.folder, Config())
    return ix.storage.folder


def test_impacts_are_used_and_rank_and_score_like_whoosh(searcher, directory, monkeypatch):
    from index.impacts import Impacts

    calls = []
    get = Impacts.get
    monkeypatch.setattr(Impacts, "get", lambda self, text: calls.append(text) or get(self, text))
    rng = random.Random(12)
    for _ in range(60):
        _assert_same(searcher, _expanded(rng), limit=10, directory=directory)
        _assert_same(searcher, _tree(rng, 3), directory=directory)  # other field sets too
    assert calls


def test_field_frequencies_are_whooshs_largest_over_the_fields(searcher, directory):
    fields = ("title", "lead", "body")
    frequency = evaluate.field_frequencies(searcher, directory, fields)
    words = {w.decode() for f in fields for w in searcher.reader().lexicon(f)} | {"absent"}
    assert len(words) > 10
    for word in words:
        assert frequency(word) == max(searcher.doc_frequency(f, word) for f in fields), word


def test_field_frequencies_need_usable_impacts(searcher, tmp_path):
    assert evaluate.field_frequencies(searcher, tmp_path, ("body",)) is None  # no impacts there


def _evaluators(searcher, directory):
    """One evaluator per segment, as ``evaluate.search`` makes them."""
    leaves = searcher.leaf_searchers()
    terms = evaluate._Terms([leaf.reader() for leaf, _ in leaves])
    if directory is not None:
        terms.use_impacts([evaluate._segment_cache(leaf.reader(), directory)
                           for leaf, _ in leaves], searcher)
    return [evaluate._Evaluator(leaf, searcher, directory, terms, n)
            for n, (leaf, _) in enumerate(leaves)]


def test_a_words_size_from_the_impacts_is_its_size_from_the_term_dictionary(searcher, directory,
                                                                            monkeypatch):
    # A conjunction scores its smallest child first; the impacts answer without term lookups
    # (which took most of an "all" search), and must order the children as the lookups did.
    with_impacts, without = _evaluators(searcher, directory), _evaluators(searcher, None)
    assert with_impacts[0].terms.impacts is not None
    for fields in (FIELDS, {"title": 3.0, "body": 1.0}):
        for word in WORDS + ["absent"]:
            q = BM25FTerm(fields, word)
            expected = [e.size(q) for e in without]
            if fields == FIELDS:
                monkeypatch.setattr(evaluate._Terms, "info",
                                    lambda *a: pytest.fail("a term looked up"))
            assert [e.size(q) for e in with_impacts] == expected, (word, fields)
            monkeypatch.undo()


def test_impacts_of_other_statistics_are_not_used(searcher, directory, monkeypatch, tmp_path):
    import shutil

    from index.impacts import Impacts, write_impacts

    other = tmp_path / "other"
    shutil.copytree(directory, other)
    write_impacts(other, Config(k1=2.0))  # computed with another k1 than the searcher's
    monkeypatch.setattr(Impacts, "get", lambda self, text: pytest.fail("stale impacts used"))
    rng = random.Random(13)
    for _ in range(20):
        _assert_same(searcher, _expanded(rng), limit=10, directory=other)
