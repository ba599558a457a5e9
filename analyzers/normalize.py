"""Pure character normalization for Persian and Latin-script words.

Both functions work on one word (a token's text) and are table driven (`str.translate`), so they are
fast and never change where a token sits in the original text: the tokenizer records offsets first,
the filters rewrite ``Token.text`` afterwards.

Persian decisions (each has a test in ``tests/analyzers/test_normalize.py``):

* Canonical letters are Persian: Arabic yeh ي, alef maksura ى and yeh barree ے become ی; Arabic kaf
  ك and swash kaf ڪ become ک; teh marbuta ة, heh with yeh ۀ, heh goal ہ and ae ە become ه.
* Hamza carriers fold to their base letter: أ إ ٱ → ا, ؤ → و, ئ → ی (so رئیس meets رییس and
  پائیز meets پاییز). A final hamza after alef is dropped (اجزاء → اجزا), as modern spelling does.
* Alef with madda آ folds to ا. The two are written interchangeably in the wild (آمریکا/امریکا) and
  Lucene folds them too; display always uses the stored original text.
* Persian ۰-۹ and Arabic-Indic ٠-٩ digits become ASCII; the Arabic decimal separator ٫ becomes ".".
* Removed: harakat and other combining marks (U+064B-065F, U+0670, U+0610-061A, U+06D6-06ED),
  tatweel (U+0640), zero-width joiner, bidi controls (U+200E/F, U+061C, U+202A-202E, U+2066-2069),
  BOM and soft hyphen.
* ZWNJ (U+200C) is kept, once, and only between letters: it marks a word boundary that the compound
  filter needs. Zero-width space U+200B, used by some editors for the same purpose, becomes ZWNJ.
* Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFF) are replaced by their NFKC letters.
"""

import re
import unicodedata

ZWNJ = "\u200c"
ZWJ = "\u200d"
FARSI_YEH = "\u06cc"
KEHEH = "\u06a9"
HEH = "\u0647"
ALEF = "\u0627"
WAW = "\u0648"

# Letter unification, one source letter to one canonical letter.
_LETTERS = {
    "\u064a": FARSI_YEH,  # ي Arabic yeh
    "\u0649": FARSI_YEH,  # ى alef maksura
    "\u06d2": FARSI_YEH,  # ے yeh barree
    "\u0626": FARSI_YEH,  # ئ yeh with hamza above
    "\u0643": KEHEH,  # ك Arabic kaf
    "\u06aa": KEHEH,  # ڪ swash kaf
    "\u0629": HEH,  # ة teh marbuta
    "\u06c0": HEH,  # ۀ heh with yeh above
    "\u06c1": HEH,  # ہ heh goal
    "\u06d5": HEH,  # ە ae
    "\u0623": ALEF,  # أ alef with hamza above
    "\u0625": ALEF,  # إ alef with hamza below
    "\u0671": ALEF,  # ٱ alef wasla
    "\u0622": ALEF,  # آ alef with madda above
    "\u0624": WAW,  # ؤ waw with hamza above
    "\u066b": ".",  # ٫ Arabic decimal separator
    "\u200b": ZWNJ,  # zero-width space, misused for ZWNJ
}

_REMOVED_RANGES = [
    (0x0610, 0x061A),  # Arabic honorific marks
    (0x064B, 0x065F),  # harakat: fathatan .. wavy hamza below (includes hamza above U+0654)
    (0x0670, 0x0670),  # superscript alef
    (0x06D6, 0x06ED),  # Quranic annotation marks
    (0x0640, 0x0640),  # tatweel
    (0x200D, 0x200F),  # ZWJ, LRM, RLM
    (0x061C, 0x061C),  # Arabic letter mark
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2066, 0x2069),  # bidi isolates
    (0xFEFF, 0xFEFF),  # BOM / zero-width no-break space
    (0x00AD, 0x00AD),  # soft hyphen
]


def _build_persian_table():
    table = {}
    # Presentation forms first, so that their NFKC letters go through the letter map below.
    for block in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE)):
        for cp in range(block[0], block[1] + 1):
            ch = chr(cp)
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch:
                folded = "".join(_LETTERS.get(c, c) for c in folded if not _is_removed(ord(c)))
                table[cp] = folded
    for lo, hi in _REMOVED_RANGES:
        for cp in range(lo, hi + 1):
            table[cp] = None
    for src, dst in _LETTERS.items():
        table[ord(src)] = dst
    for i in range(10):
        table[0x06F0 + i] = str(i)  # Extended Arabic-Indic (Persian) digits
        table[0x0660 + i] = str(i)  # Arabic-Indic digits
    return table


def _is_removed(cp):
    return any(lo <= cp <= hi for lo, hi in _REMOVED_RANGES)


PERSIAN_TABLE = _build_persian_table()


def normalize_persian(text):
    """Return the canonical Persian spelling of one word (see the module docstring for the rules).

    >>> normalize_persian("كتاب‌هاي")
    'کتاب\\u200cهای'
    """
    text = text.translate(PERSIAN_TABLE)
    if ZWNJ in text:
        text = _clean_zwnj(text)
    if text.endswith("\u0627\u0621") and len(text) > 2:  # final hamza after alef: اجزاء → اجزا
        text = text[:-1]
    return text


def _clean_zwnj(text):
    """Keep ZWNJ only as a single separator between two non-ZWNJ characters."""
    return ZWNJ.join(part for part in text.split(ZWNJ) if part)


def strip_zwnj(text):
    """The joined spelling of a word: آتش‌بس → آتشبس."""
    return text.replace(ZWNJ, "")


# Latin letters that NFKD does not decompose into base + combining mark.
_LATIN_SPECIAL = {
    "ı": "i", "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
    "ħ": "h", "ŋ": "n", "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'",
}
_LATIN_SPECIAL_TABLE = str.maketrans(_LATIN_SPECIAL)


#: Single letters joined by dots: an acronym, one word (the tokenizer's pattern is built on it).
ACRONYM = r"[A-Za-z](?:\.[A-Za-z])+"
_ACRONYM = re.compile(ACRONYM + r"\.?")


def fold_latin(text):
    """Lowercase and strip diacritics from a Latin-script word: ``Erdoğan`` → ``erdogan``; an
    acronym loses its dots: ``U.S.`` → ``us`` (other dots stay: ``3.5``, ``node.js``)."""
    if "." in text and _ACRONYM.fullmatch(text):
        text = text.replace(".", "")
    if text.isascii():
        return text.lower()
    text = text.translate(_LATIN_SPECIAL_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")


def fold_word(word):
    """A word as written, folded for comparing spellings: Persian (a word with any letter of the
    Arabic script) normalized and joined, ``آتش‌بس`` → ``آتشبس``; any other folded as Latin,
    ``Erdoğan`` → ``erdogan``."""
    if _ARABIC_SCRIPT.search(word):
        return strip_zwnj(normalize_persian(word))
    return fold_latin(word)


def written_pattern(word):
    """A regular expression that finds ``word`` (folded by :func:`fold_word`) as a whole word in
    raw text, in every spelling that folds to it: Arabic ي/ك for ی/ک, harakat, tatweel or a
    half-space inside it, Latin letters in any case. A search that needs no folded copy of a
    long text (``search.suggest`` looks for a correction in the stories that hold it).

    Presentation forms that stand for two letters (ﻻ), and Latin diacritics, are not matched.
    """
    gap = _IGNORED_CLASS + "*" if _ARABIC_SCRIPT.search(word) else ""
    letters = gap.join(_letter_class(ch) for ch in word)
    # A word ends where no letter follows, even after marks or a half-space (کتاب‌ها is one word).
    return re.compile(rf"(?<![\w{_IGNORED}]){letters}(?!{_IGNORED_CLASS}*\w)", re.IGNORECASE)


def _letter_class(ch):
    variants = _SPELLINGS.get(ch)
    return f"[{re.escape(ch + variants)}]" if variants else re.escape(ch)


def _spellings():
    """``{letter: the other characters normalize_persian turns into it}``."""
    found = {}
    for cp, dst in PERSIAN_TABLE.items():
        if isinstance(dst, str) and len(dst) == 1:
            found[dst] = found.get(dst, "") + chr(cp)
    return found


_SPELLINGS = _spellings()
# What normalize_persian removes (marks, tatweel, ZWJ, bidi controls, soft hyphen), and the
# half-space fold_word removes: anywhere inside a word.
_IGNORED = re.escape("".join(chr(cp) for cp, dst in PERSIAN_TABLE.items() if dst is None) + ZWNJ)
_IGNORED_CLASS = f"[{_IGNORED}]"


# White space, half-spaces, hyphens, dashes, underscores and commas: left out of a tag's identity
# (a comma also separates the tags of the index's ``tag`` field).
_TAG_GAPS = re.compile(r"[\s\u200c_,\u060c\-\u2010-\u2015\u2212]+")


def tag_key(tag):
    """The identity of a tag, under which every spelling of it meets: ``ايران`` = ``ایران``,
    ``آتش‌بس`` = ``آتشبس`` = ``آتش بس``, ``Erdoğan`` = ``erdogan``, ``New York`` = ``new-york``.

    Persian letters, digits and marks are normalized as in a word (:func:`normalize_persian`),
    Latin letters folded (:func:`fold_latin`), and white space, half-spaces, hyphens,
    underscores and commas left out. Tags are matched whole, so leaving out their gaps merges only spellings
    of one tag. ``""`` for a tag of only such characters.
    """
    text = tag.translate(PERSIAN_TABLE)
    return fold_latin(_TAG_GAPS.sub("", text)).casefold()
