"""index/scoring.py: BM25 with Lucene's idf."""

import math

from whoosh import fields, query
from whoosh.filedb.filestore import RamStorage

from index.scoring import BM25, rsj_idf


def _index(texts):
    schema = fields.Schema(id=fields.ID(stored=True), text=fields.TEXT)
    ix = RamStorage().create_index(schema)
    with ix.writer() as w:
        for i, text in enumerate(texts):
            w.add_document(id=str(i), text=text)
    return ix


def test_idf_matches_lucene_formula():
    assert rsj_idf(10, 1) == math.log(1 + 9.5 / 1.5)


def test_idf_of_a_word_in_every_document_is_near_zero():
    assert rsj_idf(1000, 1000) < 0.001
    assert rsj_idf(1000, 1) > 6


def test_rare_word_outweighs_common_word():
    ix = _index(["common rare", "common", "common", "common"])
    with ix.searcher(weighting=BM25()) as s:
        rare = s.search(query.Term("text", "rare"))[0].score
        common = s.search(query.Term("text", "common"))[0].score
    assert rare > common > 0


def test_shorter_field_scores_higher_for_same_term_frequency():
    ix = _index(["gaza ceasefire", "gaza ceasefire talks continue in cairo with mediators"])
    with ix.searcher(weighting=BM25()) as s:
        hits = s.search(query.Term("text", "ceasefire"))
        assert [h["id"] for h in hits] == ["0", "1"]


def test_per_field_b_is_honoured():
    ix = _index(["gaza ceasefire", "gaza ceasefire talks continue in cairo with mediators"])
    with ix.searcher(weighting=BM25(text_B=0.0)) as s:
        scores = [h.score for h in s.search(query.Term("text", "ceasefire"))]
    assert scores[0] == scores[1]  # b = 0: no length normalization


# -- BM25FTerm ---------------------------------------------------------------------------------------

from index.scoring import BM25FTerm  # noqa: E402


def _two_field_index(docs):
    schema = fields.Schema(id=fields.ID(stored=True), title=fields.TEXT, body=fields.TEXT)
    ix = RamStorage().create_index(schema)
    with ix.writer() as w:
        for i, (title, body) in enumerate(docs):
            w.add_document(id=str(i), title=title, body=body)
    return ix


def _bm25f(tf_by_field, len_by_field, avg_by_field, boosts, idf, k1=1.2, b=0.75):
    tf = sum(boosts[f] * tf_by_field[f] / (1 - b + b * len_by_field[f] / avg_by_field[f])
             for f in tf_by_field)
    return idf * tf * (k1 + 1) / (tf + k1)


def test_bm25f_term_matches_the_formula():
    ix = _two_field_index([("gaza talks", "gaza gaza ceasefire now"), ("other news", "markets rise")])
    boosts = {"title": 3.0, "body": 1.0}
    with ix.searcher(weighting=BM25()) as s:
        hit = s.search(BM25FTerm(boosts, "gaza"))[0]
        expected = _bm25f({"title": 1, "body": 2}, {"title": 2, "body": 4},
                          {"title": s.avg_field_length("title"), "body": s.avg_field_length("body")},
                          boosts, rsj_idf(2, 1))
        assert hit["id"] == "0"
    # Whoosh stores field lengths in one byte, so they are approximate.
    assert abs(hit.score - expected) < 0.05 * expected


def test_bm25f_term_saturates_once_across_fields():
    # Summed per-field BM25 would give the two-field document almost twice the one-field score.
    ix = _two_field_index([("gaza", "gaza"), ("", "gaza"), ("x", "y"), ("z", "w")])
    with ix.searcher(weighting=BM25()) as s:
        scores = {h["id"]: h.score for h in s.search(BM25FTerm({"title": 1.0, "body": 1.0}, "gaza"))}
    assert scores["0"] > scores["1"]
    assert scores["0"] < 1.6 * scores["1"]


def test_bm25f_title_boost_ranks_title_match_first():
    ix = _two_field_index([("markets", "the ceasefire held"), ("ceasefire holds", "markets")])
    with ix.searcher(weighting=BM25()) as s:
        ids = [h["id"] for h in s.search(BM25FTerm({"title": 3.0, "body": 1.0}, "ceasefire"))]
        assert ids == ["1", "0"]
        ids = [h["id"] for h in s.search(BM25FTerm({"title": 0.2, "body": 1.0}, "ceasefire"))]
        assert ids == ["0", "1"]


def test_bm25f_term_boost_scales_the_score():
    ix = _two_field_index([("gaza", "gaza"), ("x", "y")])
    with ix.searcher(weighting=BM25()) as s:
        one = s.search(BM25FTerm({"title": 1.0, "body": 1.0}, "gaza"))[0].score
        half = s.search(BM25FTerm({"title": 1.0, "body": 1.0}, "gaza", boost=0.5))[0].score
    assert abs(half - one / 2) < 1e-9


def test_bm25f_term_of_a_missing_word_matches_nothing():
    ix = _two_field_index([("gaza", "gaza")])
    with ix.searcher(weighting=BM25()) as s:
        assert len(s.search(BM25FTerm({"title": 1.0, "body": 1.0}, "absent"))) == 0


def test_bm25f_term_reports_matched_terms():
    ix = _two_field_index([("gaza", "news")])
    with ix.searcher(weighting=BM25()) as s:
        hit = s.search(BM25FTerm({"title": 1.0, "body": 1.0}, "gaza"), terms=True)[0]
        assert ("title", b"gaza") in hit.matched_terms()


# -- DisMax ----------------------------------------------------------------------------------------

from whoosh.query import DisjunctionMax  # noqa: E402

from index.scoring import DisMax  # noqa: E402


def test_dismax_scores_each_document_by_its_own_best_match():
    # Whoosh's own DisjunctionMax gives document 1 (matched only by the zero-weight "war") the
    # score that "peace" has in document 0.
    ix = _two_field_index([("war", "war"), ("peace", "peace peace")])
    f = {"title": 1.0, "body": 1.0}
    with ix.searcher(weighting=BM25()) as s:
        q = DisMax([BM25FTerm(f, "peace"), BM25FTerm(f, "war", boost=0.0)])
        scores = {h["id"]: h.score for h in s.search(q)}
    assert scores["1"] > 0
    assert scores["0"] == 0


def test_dismax_takes_the_larger_score_on_a_shared_document():
    ix = _two_field_index([("peace war", "peace"), ("x", "y")])
    f = {"title": 1.0, "body": 1.0}
    with ix.searcher(weighting=BM25()) as s:
        peace = s.search(BM25FTerm(f, "peace"))[0].score
        both = s.search(DisMax([BM25FTerm(f, "peace"), BM25FTerm(f, "war", boost=0.1)]))[0].score
    assert both == peace


def test_whoosh_dismax_still_needs_our_fix():
    # If this starts failing, Whoosh fixed DisjunctionMaxMatcher.score and DisMax can go.
    ix = _two_field_index([("war", "war"), ("peace", "peace peace")])
    f = {"title": 1.0, "body": 1.0}
    with ix.searcher(weighting=BM25()) as s:
        q = DisjunctionMax([BM25FTerm(f, "peace"), BM25FTerm(f, "war", boost=0.0)])
        scores = {h["id"]: h.score for h in s.search(q)}
    assert scores["0"] == scores["1"] > 0


def test_dismax_keeps_the_other_childs_documents_when_one_runs_out():
    from whoosh.matching import ListMatcher, NullMatcher

    from index.scoring import _DisMaxMatcher

    class EndsOnReplace(ListMatcher):
        """Active, but gone once replaced (as a pruned compound child can be)."""

        def replace(self, minquality=0):
            return NullMatcher()

    m = _DisMaxMatcher(EndsOnReplace([5], [1.0]), ListMatcher([1, 2], [2.0, 2.0]))
    replaced = m.replace()
    assert replaced.is_active()  # Whoosh 2.7.4 returns an empty matcher here
    assert list(replaced.all_ids()) == [1, 2]


# -- RareFirstOr -------------------------------------------------------------------------------------

from index.scoring import RareFirstOr  # noqa: E402

# "the" in four documents of five, "affect" and "impact" in one each.
_RARE_FIRST_DOCS = [("", "the affect"), ("", "the"), ("", "the the"), ("", "impact the"), ("", "x")]
_F = {"title": 1.0, "body": 1.0}


def _scores(q, docs=_RARE_FIRST_DOCS):
    with _two_field_index(docs).searcher(weighting=BM25()) as s:
        return {h["id"]: h.score for h in s.search(q, limit=None)}


def test_rare_first_common_word_counts_only_beside_a_rare_one():
    q = RareFirstOr([BM25FTerm(_F, "the"), BM25FTerm(_F, "affect"), BM25FTerm(_F, "impact")],
                    cutoff=0.5)
    plain = _scores(query.Or(q.subqueries))
    assert _scores(q) == {"0": plain["0"], "3": plain["3"]}  # "1" and "2" hold only "the"


def test_rare_first_with_every_word_common_requires_the_rarest():
    docs = [("", "pp qq"), ("", "pp"), ("", "pp qq"), ("", "qq pp"), ("", "pp")]  # qq in 3 of 5
    q = RareFirstOr([BM25FTerm(_F, "pp"), BM25FTerm(_F, "qq")], cutoff=0.1)
    plain = _scores(query.Or(q.subqueries), docs)
    assert _scores(q, docs) == {d: plain[d] for d in ("0", "2", "3")}


def test_rare_first_with_no_common_word_is_a_plain_or():
    q = RareFirstOr([BM25FTerm(_F, "the"), BM25FTerm(_F, "affect")], cutoff=1.0)
    assert _scores(q) == _scores(query.Or(q.subqueries))


def test_rare_first_boost_scales_the_score():
    words = [BM25FTerm(_F, "the"), BM25FTerm(_F, "affect")]
    base = _scores(RareFirstOr(words, cutoff=0.5))
    boosted = _scores(RareFirstOr(words, boost=0.5, cutoff=0.5))
    assert boosted.keys() == base.keys()
    assert all(math.isclose(boosted[d], base[d] / 2) for d in base)


def test_rare_first_normalize_keeps_its_cutoff():
    q = RareFirstOr([BM25FTerm(_F, "the"), BM25FTerm(_F, "affect")], boost=0.5, cutoff=0.3)
    assert q.normalize() == q
    assert q != RareFirstOr(q.subqueries, boost=0.5, cutoff=0.4)
