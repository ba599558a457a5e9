"""analyzers/lexicon.py: hazm's lexicon, normalized, read without importing hazm."""

import subprocess
import sys
from pathlib import Path

from analyzers import lexicon
from analyzers.normalize import strip_zwnj


def test_lexicon_is_found_without_importing_hazm():
    # Importing hazm pulls in NLTK (about a second); the lexicon must not need it.
    code = ("import sys; from analyzers import lexicon; lexicon.load_lexicon(); "
            "assert 'hazm' not in sys.modules, 'hazm was imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_lemmas_are_normalized_and_joined():
    lex = lexicon.parse_lexicon(lexicon.hazm_data_dir())
    assert "ایران" in lex.lemmas
    assert "رییسجمهور" in lex.lemmas  # رئیس‌جمهور: ئ folded, half-space removed
    assert all("\u064a" not in w and "\u200c" not in w for w in list(lex.lemmas)[:5000])


def test_untagged_forms_are_not_lemmas():
    lex = lexicon.parse_lexicon(lexicon.hazm_data_dir())
    assert "مردان" not in lex.lemmas  # tagged 0 in hazm's list: an inflected form


def test_half_space_lemmas_give_compounds():
    lex = lexicon.parse_lexicon(lexicon.hazm_data_dir())
    assert lex.compounds[strip_zwnj("اتش\u200cبس")] == ("اتش", "بس")


def test_plural_tagged_lemmas_are_marked():
    lex = lexicon.parse_lexicon(lexicon.hazm_data_dir())
    assert "اقدامات" in lex.plurals and "اقدام" not in lex.plurals


def test_verb_stems():
    lex = lexicon.parse_lexicon(lexicon.hazm_data_dir())
    assert "رفت" in lex.past_stems and "رو" in lex.present_stems


def test_cached_lexicon_equals_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("DOZABAN_CACHE", str(tmp_path))
    data = lexicon.hazm_data_dir()
    path = lexicon._cache_path(data)
    assert path.parent == tmp_path
    from analyzers.cache import cached

    first = cached(path, lambda: lexicon.parse_lexicon(data))
    assert path.exists()
    assert cached(path, lambda: None) == first


def test_cache_key_follows_the_analyzers_code(tmp_path, monkeypatch):
    monkeypatch.setenv("DOZABAN_CACHE", str(tmp_path))
    data = lexicon.hazm_data_dir()
    before = lexicon._cache_path(data)
    monkeypatch.setattr(lexicon.cache, "code_fingerprint", lambda: "changed code")
    assert lexicon._cache_path(data) != before
