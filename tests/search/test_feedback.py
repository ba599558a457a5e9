"""search/feedback.py: pseudo-relevance feedback, and how the engine uses it."""

import json

import pytest

from index.build import rebuild
from index.config import Config
from index.store import IndexStore
from search import Engine, SearchSettings
from search.feedback import feedback_terms

DOCS = [
    ("d1", "Ceasefire in Gaza", "The ceasefire talks in Cairo went on; mediators from Qatar met."),
    ("d2", "Cairo talks", "Mediators from Qatar and Egypt met in Cairo about the ceasefire."),
    ("d3", "Mediators return", "Qatar mediators returned to Cairo for a new round of talks."),
    ("d4", "Football", "The national team won the football match on Sunday."),
    ("d5", "Oil prices", "Oil prices rose as energy demand grew in winter."),
    ("d6", "Elections", "Voters went to the polls in the parliamentary elections."),
    ("d7", "Energy", "Energy ministers met to discuss gas exports and prices."),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    root = tmp_path_factory.mktemp("feedback")
    docs = root / "docs.jsonl"
    docs.write_text("".join(json.dumps({"id": i, "title": t, "body": b, "lang": "en"}) + "\n"
                            for i, t, b in DOCS), encoding="utf-8")
    rebuild(IndexStore(root / "ix"), [docs], Config())
    with Engine.open(root / "ix", settings=SearchSettings(cache_dir=root / "cache")) as engine:
        yield engine


def _ids(results):
    return [h.id for h in results.hits]


def test_words_of_the_best_documents_best_first(engine):
    _, searcher = engine._searcher()
    docnum = {searcher.stored_fields(d)["id"]: d for d in range(searcher.doc_count_all())}
    terms = feedback_terms(searcher, [(docnum["d1"], 2.0), (docnum["d2"], 1.0)], engine._analyzer)
    words = [w for w, _ in terms]
    assert {"cairo", "mediat", "qatar"} <= set(words)
    assert terms[0][1] == 1 and all(a >= b for (_, a), (_, b) in zip(terms, terms[1:]))


def test_words_in_a_single_document_are_left_out(engine):
    _, searcher = engine._searcher()
    docnum = {searcher.stored_fields(d)["id"]: d for d in range(searcher.doc_count_all())}
    words = [w for w, _ in feedback_terms(searcher, [(docnum["d1"], 1.0)], engine._analyzer)]
    assert "gaza" not in words  # only d1 says Gaza


def test_at_most_the_number_of_words_asked(engine):
    _, searcher = engine._searcher()
    assert len(feedback_terms(searcher, [(0, 1.0), (1, 1.0)], engine._analyzer, terms=2)) == 2


def _every_word_ranked(searcher, hits, analyzer, terms):
    """The rule without its shortcut: every word's document frequency looked up."""
    from collections import Counter

    from index.scoring import rsj_idf

    total = sum(s for _, s in hits)
    weights = Counter()
    for docnum, score in hits:
        stored = searcher.stored_fields(docnum)
        tokens = [t.text for t in analyzer("\n".join(stored.get(f) or "" for f in
                                                     ("title", "lead", "body")), mode="index")]
        for word, n in Counter(tokens).items():
            weights[word] += n / len(tokens) * score / total
    count = searcher.doc_count_all()
    ranked = sorted((-w * rsj_idf(count, df), word) for word, w in weights.items()
                    if (df := max(searcher.doc_frequency(f, word) for f in ("title", "body"))) >= 2)
    return [(word, v / ranked[0][0]) for v, word in ranked[:terms]]


@pytest.mark.parametrize("terms", [1, 3, 20])
def test_words_stop_being_looked_up_once_none_can_enter_without_changing_the_words(engine, terms):
    _, searcher = engine._searcher()
    hits = [(d, 1.0 + d) for d in range(searcher.doc_count_all())]
    expected = _every_word_ranked(searcher, hits, engine._analyzer, terms)
    assert expected
    for analyzer in (engine._analyzer, engine._index_analysis):  # the memo gives the same words
        assert feedback_terms(searcher, hits, analyzer, terms=terms) == expected


def test_no_scores_no_words(engine):
    _, searcher = engine._searcher()
    assert feedback_terms(searcher, [(0, 0.0)], engine._analyzer) == []


def test_feedback_finds_a_document_without_the_query_words(engine):
    assert "d3" not in _ids(engine.search("ceasefire", match="any"))
    results = engine.search("ceasefire", match="any", feedback=True)
    assert "d3" in _ids(results)
    assert _ids(results)[0] != "d3"  # the query's own word still counts most


def test_feedback_is_off_by_default_in_interactive_search(engine):
    assert engine.search("ceasefire").feedback == ()
    assert engine.search("ceasefire", feedback=True).feedback


def test_in_all_mode_feedback_only_reorders(engine):
    plain = engine.search("ceasefire talks", match="all")
    fed = engine.search("ceasefire talks", match="all", feedback=True)
    assert fed.feedback and sorted(_ids(fed)) == sorted(_ids(plain))


def test_feedback_words_are_not_highlighted(engine):
    results = engine.search("ceasefire", match="any", feedback=True)
    for hit in results.hits:
        assert set(hit.matched_terms) <= {"ceasefir"}


def test_document_frequencies_come_from_the_function_given(engine):
    _, searcher = engine._searcher()
    hits = [(0, 1.0), (1, 1.0), (2, 1.0)]
    asked = []

    def frequency(word):
        asked.append(word)
        return 1  # under min_df: every word is left out
    assert feedback_terms(searcher, hits, engine._analyzer, frequency=frequency) == []
    assert asked
