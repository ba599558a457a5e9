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
