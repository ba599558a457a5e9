"""Language of a document by script share, for documents that do not say their ``lang``.

Letters in the Arabic script (Persian) and in the Latin script (English) are counted; digits,
punctuation and marks count for neither. A document mostly in one script gets that language; a
document with a real share of both is ``mixed``. All languages go through the same bilingual
analyzer, so ``mixed`` documents stay searchable in both.
"""

import unicodedata

FA = "fa"
EN = "en"
MIXED = "mixed"
LANGS = (FA, EN, MIXED)

#: A script needs at least this share of the letters for the document to count as that language.
DOMINANT_SHARE = 0.8


def script_counts(text):
    """``(arabic_script_letters, latin_letters)`` in ``text``."""
    arabic = latin = 0
    for ch in text:
        if not ch.isalpha():
            continue
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
            arabic += 1
        elif ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"):
            latin += 1
    return arabic, latin


def detect_lang(text, default=MIXED):
    """``"fa"``, ``"en"`` or ``"mixed"`` by script share; ``default`` when ``text`` has no letters."""
    arabic, latin = script_counts(text)
    total = arabic + latin
    if total == 0:
        return default
    if arabic / total >= DOMINANT_SHARE:
        return FA
    if latin / total >= DOMINANT_SHARE:
        return EN
    return MIXED
