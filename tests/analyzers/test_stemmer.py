"""analyzers/stemmer.py: one test per rule of the dictionary-guarded Persian stemmer."""

import pickle

import pytest

from analyzers.normalize import normalize_persian, strip_zwnj
from analyzers.stemmer import PersianStemmer


@pytest.fixture(scope="module")
def stem():
    stemmer = PersianStemmer()
    return lambda word: stemmer.stem(strip_zwnj(normalize_persian(word)))


def test_known_lemmas_are_never_cut(stem):
    # hazm's Stemmer gives ایر and فلسط for the first two.
    for word in ("ایران", "فلسطین", "تهران", "تنها", "باران", "کرمان"):
        assert stem(word) == normalize_persian(word)


def test_short_words_are_kept(stem):
    assert stem("ها") == "ها"
    assert stem("بم") == "بم"


def test_plural_ha(stem):
    assert stem("کتابها") == "کتاب"
    assert stem("نهنگها") == "نهنگ"


def test_plural_haye(stem):
    assert stem("کشورهای") == "کشور"


def test_plural_an(stem):
    assert stem("مردان") == "مرد"
    assert stem("کودکان") == "کودک"


def test_plural_yan(stem):
    assert stem("دانشجویان") == "دانشجو"


def test_plural_gan_restores_heh(stem):
    assert stem("رزمندگان") == "رزمنده"


def test_comparative_and_superlative(stem):
    assert stem("بزرگترین") == "بزرگ"
    assert stem("بزرگتر") == "بزرگ"


def test_ezafe_yeh_prefers_the_longest_lemma(stem):
    assert stem("شورای") == "شورا"  # not شور


def test_possessive_after_plural(stem):
    assert stem("کتابهایشان") == "کتاب"
    assert stem("خواستههایت") == "خواسته"


def test_arabic_plural_at(stem):
    assert stem("تحولات") == "تحول"


def test_arabic_plural_at_restores_heh_first(stem):
    assert stem("کلمات") == "کلمه"  # not کلم (cabbage)
    assert stem("مطالعات") == "مطالعه"


def test_lemmas_tagged_plural_are_reduced(stem):
    assert stem("اقدامات") == "اقدام"  # hazm lists اقدامات as a lemma, tagged N,PL


def test_verb_prefix_and_person_ending(stem):
    assert stem("میروم") == "رو"
    assert stem("نمیشناسم") == "شناس"
    assert stem("میگوید") == "گو"


def test_past_verb_person_ending(stem):
    assert stem("رفتند") == "رفت"
    assert stem("گفتند") == "گفت"


def test_unknown_words_are_kept_whole(stem):
    assert stem("گرومبلها") == "گرومبلها"  # no lemma to cut to
    assert stem("کباب") == "کباب"


def test_stemmer_pickles_without_its_cache():
    stemmer = PersianStemmer()
    stemmer.stem("کتابها")
    data = pickle.dumps(stemmer)
    assert len(data) < 200
    assert pickle.loads(data).stem("کتابها") == "کتاب"


def test_plural_haye_wins_over_ezafe_ay(stem):
    assert stem("سدهای") == "سد"  # not سده (century)


def test_plural_lemmas_lose_only_plural_suffixes(stem):
    assert stem("سهام") == "سهام"  # not سها: the م of a plural lemma is no possessive
