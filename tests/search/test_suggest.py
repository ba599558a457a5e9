"""search/suggest.py: "did you mean" corrections."""

import json
import random

from whoosh.support.levenshtein import damerau_levenshtein

from index.build import rebuild
from index.config import Config
from index.store import IndexStore
from search import Engine
from search.suggest import osa_within, query_terms, single_edits
from tests.search.conftest import SAMPLES


def _engine(tmp_path, settings, rows):
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    rebuild(IndexStore(tmp_path / "ix"), [docs], Config())
    return Engine.open(tmp_path / "ix", settings=settings)


def test_bounded_distance_is_whooshs_within_the_bound():
    rng = random.Random(1)
    for _ in range(20_000):
        a = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 7)))
        b = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 7)))
        limit = rng.choice([1, 2])
        want, got = damerau_levenshtein(a, b), osa_within(a, b, limit)
        assert got == want if want <= limit else got > limit, (a, b, limit)


def test_a_transposition_is_one_edit():
    assert osa_within("chnage", "change", 2) == 1


def test_the_word_as_typed_is_compared_with_how_documents_write_each_candidate(tmp_path, settings):
    rows = [{"id": f"c{i}", "title": "Climate", "body": f"climate change report {i}", "lang": "en"}
            for i in range(5)]
    rows.append({"id": "typo", "title": "Typo", "body": "the climate chage", "lang": "en"})
    with _engine(tmp_path, settings, rows) as engine:
        # The stem of "chnage" is one edit from the stem of the typo "chage", three from "chang";
        # the word itself is one transposition from "change", which more documents hold.
        assert engine.search("chnage", expand=False).suggestion == "change"


def test_a_correction_is_shown_in_persian_letters(tmp_path, settings):
    rows = [{"id": f"d{i}", "title": "خبر", "body": "انتخابات رياست جمهوري", "lang": "fa"}
            for i in range(3)]
    with _engine(tmp_path, settings, rows) as engine:
        assert engine.search("رياصت", expand=False).suggestion == "ریاست"


def test_no_correction_when_the_written_word_is_too_far(tmp_path, settings):
    rows = [{"id": f"d{i}", "title": "News", "body": "the report covered the outbreak", "lang": "en"}
            for i in range(3)]
    with _engine(tmp_path, settings, rows) as engine:
        # "covid" and "covered" stem two edits apart (covid, cover), but are three apart as written.
        assert engine.search("covid", expand=False).suggestion is None
        assert engine.search("outbrake", expand=False).suggestion == "outbreak"


def test_the_closest_of_the_ways_documents_write_a_candidate_is_shown(tmp_path, settings):
    rows = [{"id": "a", "title": "Climate", "body": "climate changes ahead", "lang": "en"}]
    rows += [{"id": f"c{i}", "title": "Climate", "body": f"climate change {i}", "lang": "en"}
             for i in range(3)]
    with _engine(tmp_path, settings, rows) as engine:
        # The first document holding the stem "chang" writes "changes"; "change" is closer.
        assert engine.search("chnage", expand=False).suggestion == "change"


def test_a_lower_case_word_is_corrected_in_lower_case(tmp_path, settings):
    rows = [{"id": f"d{i}", "title": "News", "body": f"Earthquake relief {i}", "lang": "en"}
            for i in range(3)]
    with _engine(tmp_path, settings, rows) as engine:
        assert engine.search("earthqauke", expand=False).suggestion == "earthquake"
        assert engine.search("Earthqauke", expand=False).suggestion == "Earthquake"


def test_a_rare_known_word_beside_a_common_one_is_corrected(tmp_path, settings):
    rows = [{"id": "typo", "title": "Vote", "body": "the presidnt spoke", "lang": "en"}]
    rows += [{"id": f"p{i}", "title": "Vote", "body": f"the president spoke {i}", "lang": "en"}
             for i in range(25)]
    rows.append({"id": "name", "title": "Visit", "body": "Tajrish station", "lang": "en"})
    with _engine(tmp_path, settings, rows) as engine:
        assert engine.search("presidnt", expand=False).suggestion == "president"
        # Rare too, but nothing common is near it.
        assert engine.search("Tajrish", expand=False).suggestion is None


def test_single_edits_are_the_words_one_edit_away_that_keep_the_first_letter():
    edits = single_edits("cat", "ab")
    assert set(edits) == {"ct", "ca", "cta", "cbt", "caa", "cab", "caat", "cbat", "cabt", "cata",
                          "catb"}
    assert len(edits) == len(set(edits))


def test_words_analyzed_together_get_each_its_own_query_term():
    from analyzers import analyze_query

    stories = [json.loads(line) for line in
               (SAMPLES / "news.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    words = [w for w in dict.fromkeys(" ".join(s["body"] for s in stories).split())
             if w.isalpha()]
    words += single_edits("رئیسجمهور", "ای") + single_edits("ceasefire", "es")
    words += ["کتاب", "ها", "می", "روم", "آتشبس", "the", "Iran's"]  # pieces, compounds, stops
    found = query_terms(words)
    for word in words:
        own = analyze_query(word)
        assert found.get(word) == (own[0].forms[0][0] if own else None), word
    assert len(words) > 300


def test_a_typo_that_breaks_the_suffix_meets_the_word_meant(tmp_path, settings):
    rows = [{"id": f"e{i}", "title": "Vote", "body": f"the election results {i}", "lang": "en"}
            for i in range(5)]
    rows.append({"id": "typo", "title": "Vote", "body": "the electrion typo", "lang": "en"})
    with _engine(tmp_path, settings, rows) as engine:
        # "elecion" stems to itself, three edits from "elect" and two from the typo "electrion";
        # as written it is one edit from "election".
        assert engine.search("elecion", expand=False).suggestion == "election"


def test_a_word_one_edit_away_is_shown_as_a_later_document_writes_it(tmp_path, settings):
    bodies = ["they learned it", "we learn it", "you learned it", "learning is slow"]
    rows = [{"id": f"d{i}", "title": "School", "body": b, "lang": "en"}
            for i, b in enumerate(bodies)]
    with _engine(tmp_path, settings, rows) as engine:
        # The first documents write "learned" and "learn", both too far from what was typed.
        assert engine.search("lerning", expand=False).suggestion == "learning"
        assert engine.search("Lerning", expand=False).suggestion == "Learning"


def test_a_word_one_edit_away_that_no_document_writes_is_not_shown(tmp_path, settings):
    rows = [{"id": f"d{i}", "title": "Shop", "body": f"a new product {i}", "lang": "en"}
            for i in range(3)]
    with _engine(tmp_path, settings, rows) as engine:
        # "producte" is one edit from the typo and stems to "product", but no story writes it.
        assert engine.search("producse", expand=False).suggestion == "product"


def test_a_correction_is_shown_in_the_documents_persian_spelling(tmp_path, settings):
    rows = [{"id": f"d{i}", "title": "خبر", "body": f"این كتاب\u200cهاي {i}", "lang": "fa"}
            for i in range(3)]
    with _engine(tmp_path, settings, rows) as engine:
        assert engine.search("کتابهاا", expand=False).suggestion == "کتاب\u200cهای"


def test_a_word_found_only_by_transliteration_is_corrected_toward_a_common_word(tmp_path,
                                                                                settings):
    rows = [{"id": f"p{i}", "title": "Royals", "body": f"the princess visited {i}", "lang": "en"}
            for i in range(25)]
    rows.append({"id": "fa", "title": "خبر", "body": "پرنسس دیانا", "lang": "fa"})
    with _engine(tmp_path, settings, rows) as engine:
        results = engine.search("Prihncess")
        assert any(hit.id == "fa" for hit in results)  # the typo met پرنسس
        assert results.suggestion == "Princess"


def test_the_vocabulary_files_give_the_neighbours_whooshs_term_table_gives(tmp_path, settings):
    from search.engine import _lexicon, _vocabularies
    from search.suggest import _nearest

    rows = [json.loads(line) for line in
            (SAMPLES / "news.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    with _engine(tmp_path, settings, rows) as engine:
        searcher = engine._searcher()[1]
        reader = searcher.reader()
        vocabularies = _vocabularies(reader, engine._local.path)
        assert vocabularies is not None
        lexicon = _lexicon(vocabularies)
        terms = [t.decode() for t in reader.lexicon("body")]
        assert len(terms) > 200
        for term in terms:
            assert sorted(_nearest(reader, "body", term, lexicon)) == \
                sorted(_nearest(reader, "body", term)), term
