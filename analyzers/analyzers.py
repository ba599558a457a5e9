"""Analyzer factories and the query-side view of the chain."""

import functools
from dataclasses import dataclass

from analyzers.filters import (
    EnglishPossessiveFilter,
    EnglishStemFilter,
    LatinFoldFilter,
    PersianCompoundFilter,
    PersianNormalizationFilter,
    PersianStemFilter,
    ScriptStopFilter,
)
from analyzers.tokenizers import BilingualTokenizer


def bilingual_analyzer():
    """The analyzer of mixed Persian/English text; see the package docstring for the chain."""
    return (
        BilingualTokenizer()
        | PersianNormalizationFilter()
        | LatinFoldFilter()
        | EnglishPossessiveFilter()
        # Compounds are found on normalized letters, before stopwords and stems remove pieces.
        | PersianCompoundFilter()
        # The stop lists are normalized with the same functions as the tokens.
        | ScriptStopFilter()
        | PersianStemFilter()
        | EnglishStemFilter()
    )


def persian_analyzer():
    """The Persian half: Latin words are only lower-cased, not stemmed or stopped."""
    return (
        BilingualTokenizer()
        | PersianNormalizationFilter()
        | LatinFoldFilter()
        | PersianCompoundFilter()
        | ScriptStopFilter(english=False)
        | PersianStemFilter()
    )


def english_analyzer():
    """The English half: Persian words are left as written."""
    return (
        BilingualTokenizer()
        | LatinFoldFilter()
        | EnglishPossessiveFilter()
        | ScriptStopFilter(persian=False)
        | EnglishStemFilter()
    )


@dataclass(frozen=True)
class QueryWord:
    """One word of a query as the index sees it.

    ``forms`` are alternative sequences of index terms, ``forms[0]`` the primary: a compound in any
    spelling gives ``(("اتشبس",), ("اتش", "بس"))``, to be searched as a term or as a phrase.
    ``text``/``start``/``end`` give the word as the user typed it.
    """

    text: str
    start: int
    end: int
    script: str
    forms: tuple


def analyze_query(text, analyzer=None):
    """Analyze query text into :class:`QueryWord` objects, stopwords dropped.

    Tokens that the chain puts at the same position with a joined form first (a compound and its
    parts) become one word with two forms.
    """
    analyzer = analyzer or _default_analyzer()
    groups = []  # [start, end, script, [terms by position]]
    by_pos = {}
    for t in analyzer(text, positions=True, chars=True, mode="query"):
        group = by_pos.get(t.pos)
        if group is not None and t.startchar == group[0] and t.endchar == group[1]:
            group[3].append(t.text)  # a part of the compound whose joined form opened the group
            continue
        if groups and groups[-1][0] == t.startchar and groups[-1][1] == t.endchar:
            groups[-1][3].append(t.text)  # a later part of the same compound
            by_pos[t.pos] = groups[-1]
            continue
        group = [t.startchar, t.endchar, t.script, [t.text]]
        groups.append(group)
        by_pos[t.pos] = group
    words = []
    for start, end, script, terms in groups:
        if len(terms) == 1:
            forms = ((terms[0],),)
        else:
            forms = ((terms[0],), tuple(terms[1:]))
        words.append(QueryWord(text[start:end], start, end, script, forms))
    return words


@functools.cache
def _default_analyzer():
    return bilingual_analyzer()
