"""Dozaban's text analysis: Persian and English chains as Whoosh tokenizers and filters.

The chain, for both languages at once::

    BilingualTokenizer()            # words of either script, offsets into the original text
    | PersianNormalizationFilter()  # ي→ی, ك→ک, harakat, tatweel, bidi, digits (fa and numbers)
    | LatinFoldFilter()             # lower case, Erdoğan → erdogan (en)
    | EnglishPossessiveFilter()     # Iran's → iran (en)
    | PersianCompoundFilter()       # آتش‌بس = آتشبس = آتش بس; کتاب ها → کتاب (fa)
    | ScriptStopFilter()            # both stop lists, each for its own script
    | PersianStemFilter()           # dictionary-guarded light stemmer (fa)
    | EnglishStemFilter()           # Snowball English (en)

Each filter touches only the tokens of its script (``Token.script``, set by the tokenizer), so a
Persian article quoting "UN Security Council" and an English one quoting غزه analyze right in one
field. Order matters: the compound filter needs normalized letters and the half-spaces the
normalizer keeps; the stop lists are normalized like tokens and are applied before stemming.

* :func:`bilingual_analyzer` is the analyzer of every full-text field;
  :func:`persian_analyzer` and :func:`english_analyzer` are its one-language halves.
* :func:`analyze_query` turns query text into words with their alternative index-term sequences,
  which the search layer turns into Term/Phrase queries.
* :class:`analyzers.memo.MemoizedAnalysis` gives the index tokens of a long text (a snippet's
  stored field) as the chain does, analyzing each word group once per process.

Analyzers pickle (Whoosh stores them in the index), load their resources lazily, and keep these
import paths stable: they are part of the index format.
"""

from analyzers.analyzers import (
    QueryWord,
    analyze_query,
    bilingual_analyzer,
    english_analyzer,
    persian_analyzer,
)
from analyzers.normalize import fold_latin, fold_word, normalize_persian, strip_zwnj, tag_key

__all__ = [
    "QueryWord",
    "analyze_query",
    "bilingual_analyzer",
    "english_analyzer",
    "fold_latin",
    "fold_word",
    "normalize_persian",
    "persian_analyzer",
    "strip_zwnj",
    "tag_key",
]
