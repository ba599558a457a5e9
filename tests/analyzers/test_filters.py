"""analyzers/filters.py: one test per filter rule, through the full bilingual chain where order matters."""

import pytest
from whoosh.analysis import Token

from analyzers import bilingual_analyzer
from analyzers.filters import (
    EnglishPossessiveFilter,
    LatinFoldFilter,
    PersianNormalizationFilter,
    ScriptStopFilter,
    english_stopwords,
    persian_stopwords,
)


def _tok(text, script, pos=0):
    t = Token(positions=True, chars=True)
    t.text, t.script, t.pos, t.startchar, t.endchar, t.spaced = text, script, pos, 0, len(text), False
    return t


def _run(flt, *tokens):
    return [t.text for t in flt(iter(tokens))]


def _terms(text):
    return [(t.text, t.pos) for t in bilingual_analyzer()(text, positions=True)]


def test_persian_normalization_touches_only_persian_and_numbers():
    f = PersianNormalizationFilter()
    assert _run(f, _tok("كتاب", "fa"), _tok("Kitab", "en"), _tok("۱٬۲۰۰", "num")) == ["کتاب", "Kitab", "1200"]


def test_persian_normalization_drops_tokens_that_become_empty():
    assert _run(PersianNormalizationFilter(), _tok("\u0640\u0640", "fa")) == []


def test_latin_fold_touches_only_latin_and_other():
    f = LatinFoldFilter()
    assert _run(f, _tok("Erdoğan", "en"), _tok("Москва", "other"), _tok("غزه", "fa")) == ["erdogan", "москва", "غزه"]


def test_possessive_s_is_removed():
    assert _run(EnglishPossessiveFilter(), _tok("iran's", "en")) == ["iran"]


def test_other_apostrophes_are_removed():
    assert _run(EnglishPossessiveFilter(), _tok("o'brien", "en")) == ["obrien"]


def test_stopwords_apply_to_their_own_script_only():
    f = ScriptStopFilter()
    assert _run(f, _tok("the", "en", 0), _tok("و", "fa", 1), _tok("gaza", "en", 2)) == ["gaza"]


def test_stop_filter_renumbers_but_keeps_shared_positions():
    f = ScriptStopFilter()
    toks = [_tok("the", "en", 0), _tok("اتشبس", "fa", 1), _tok("اتش", "fa", 1), _tok("بس", "fa", 2)]
    assert [(t.text, t.pos) for t in f(iter(toks))] == [("اتشبس", 0), ("اتش", 0), ("بس", 1)]


def test_stop_lists_load_and_are_normalized():
    fa, en = persian_stopwords(), english_stopwords()
    assert len(fa) > 100 and len(en) > 150
    assert "و" in fa and "the" in en
    assert all("\u064a" not in w and "\u0643" not in w and "\u200c" not in w for w in fa)
    assert "میشود" in fa  # written می‌شود in the file, stored joined like tokens


def test_stop_lists_hold_no_content_words():
    assert not {"کرد", "تنها", "ایران"} & persian_stopwords()
    assert not {"well", "ill", "shell"} & english_stopwords()


@pytest.mark.parametrize("spelling", ["آتش‌بس", "آتشبس"])
def test_compound_gives_joined_form_and_parts(spelling):
    assert _terms(spelling) == [("اتشبس", 0), ("اتش", 0), ("بس", 1)]


def test_spaced_compound_gives_its_parts():
    assert _terms("آتش بس") == [("اتش", 0), ("بس", 1)]


def test_suffix_written_with_half_space_is_dropped():
    assert _terms("کتاب‌ها") == [("کتاب", 0)]


def test_suffix_written_with_space_is_joined_and_dropped():
    assert _terms("کتاب ها خوب") == [("کتاب", 0), ("خوب", 1)]


def test_suffix_after_punctuation_is_not_joined():
    assert [t for t, _ in _terms("کتاب، های")] == ["کتاب"]  # the orphan های is a stopword


def test_verb_prefix_written_apart_is_joined():
    assert _terms("مي شناسم") == _terms("می‌شناسم") == _terms("میشناسم") == [("شناس", 0)]


def test_compound_parts_carry_the_whole_words_offsets():
    text = "در آتش‌بس"
    toks = [(t.text, t.startchar, t.endchar) for t in bilingual_analyzer()(text, chars=True)]
    assert {(s, e) for _, s, e in toks} == {(3, 9)}


def test_positions_continue_after_a_compound():
    assert _terms("آتش‌بس غزه")[-1] == ("غزه", 2)


def test_english_chain_stems_with_snowball():
    assert [t for t, _ in _terms("running ceasefires generously")] == ["run", "ceasefir", "generous"]


def test_numbers_pass_unstemmed():
    assert [t for t, _ in _terms("۱۴۰۳ 2024")] == ["1403", "2024"]
