"""Snippets: the stretch of a stored field that shows the most of the query's concepts (each in
its own words or a translation), with each match highlighted as a whole word in either script.

Matches are found by running the field's analyzer over the stored text (the engine passes an
:class:`analyzers.memo.MemoizedAnalysis`: the same tokens, most words from a memo): a token whose
index term is one of the query's terms is a match, and its offsets point into the original text.
Parts of a Persian compound carry the whole word's offsets; as a last guard each highlight is
widened to the word's boundaries, so a highlight never covers half a word.
"""

from __future__ import annotations

import unicodedata

from analyzers.memo import index_tokens
from search.results import Snippet

ZWNJ = "\u200c"
MAX_MATCHES = 500


def is_word_char(ch):
    return ch.isalnum() or ch == ZWNJ or unicodedata.category(ch).startswith("M")


def find_matches(text, terms, analyzer):
    """Sorted, merged ``(start, end)`` spans of the words of ``text`` analyzed into ``terms``."""
    spans = [(s, e) for s, e, _ in _matches(text, terms, analyzer)]
    return _merge(sorted(spans), text)


def _matches(text, terms, analyzer):
    """``(start, end, term)`` of every match, whole words, in the order of the text."""
    n = 0
    for term, start, end in index_tokens(text, analyzer):
        if term in terms:
            start, end = _whole_word(text, start, end)
            yield start, end, term
            n += 1
            if n >= MAX_MATCHES:
                return


def _whole_word(text, start, end):
    while start > 0 and is_word_char(text[start - 1]):
        start -= 1
    while end < len(text) and is_word_char(text[end]):
        end += 1
    return start, end


def _merge(spans, text=""):
    """Overlapping spans, and spans with only spaces between them, become one highlight."""
    merged = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or not text[merged[-1][1]:start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(stored, terms, analyzer, size=220, fields=("body", "lead", "title"), groups=None):
    """The best :class:`Snippet` of ``stored`` fields for ``terms``, or the start of the text.

    ``terms`` should be the terms the document holds (the hit's matched terms). ``groups`` maps a
    term to its query concept (:attr:`search.build.Compiled.groups`): a window is worth the
    concepts it shows, so "Gaza ... ceasefire" beats غزه and نوار غزه, two spellings of one
    concept. The analysis of a field stops at the first window that shows every concept, since
    none can beat it.
    """
    fallback = None
    for name in fields:
        text = stored.get(name) or ""
        if not text:
            continue
        fallback = fallback or (name, text)
        found = _best_window(text, terms, analyzer, size, groups or {}) if terms else None
        if found is not None:
            return _snippet(name, text, *found, size)
    if fallback is None:
        return None
    name, text = fallback
    end = _cut_end(text, min(len(text), size))
    return Snippet(name, text[:end] + ("…" if end < len(text) else ""), ())


def _best_window(text, terms, analyzer, size, groups):
    """``(start, spans)``: the window with the most distinct concepts, the first of equals.

    A window starts a little before a match and spans ``size`` characters. Matches arrive in the
    order of the text; a window is scored once a match beyond its end has been seen (or the text
    has ended), and the first to hold every term ends the analysis.
    """
    lead = size // 5
    spans, pending = [], []  # all matches so far; indexes of matches whose window is open
    best, best_score = None, -1
    limit = len({groups.get(t, t) for t in terms})
    horizon = None  # where the oldest open window ends

    def close(i):
        lo = max(0, spans[i][0] - lead)
        return lo, len({groups.get(t, t) for s, e, t in spans[i:] if e <= lo + size})

    for term, start, end in index_tokens(text, analyzer):
        while horizon is not None and start >= horizon:
            lo, score = close(pending.pop(0))
            if score > best_score:
                best, best_score = lo, score
                if score >= limit:
                    return best, spans
            horizon = max(0, spans[pending[0]][0] - lead) + size if pending else None
        if term in terms:
            start, end = _whole_word(text, start, end)
            spans.append((start, end, term))
            pending.append(len(spans) - 1)
            if horizon is None:
                horizon = max(0, start - lead) + size
            if len(spans) >= MAX_MATCHES:
                break
    for i in pending:
        lo, score = close(i)
        if score > best_score:
            best, best_score = lo, score
    return None if best is None else (best, spans)


def _snippet(name, text, best, matches, size):
    spans = _merge(sorted((s, e) for s, e, _ in matches), text)
    lo = _cut_start(text, best)
    hi = _cut_end(text, min(len(text), lo + size))
    inside = [(s - lo, e - lo) for s, e in spans if s >= lo and e <= hi]
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    snippet = prefix + text[lo:hi] + suffix
    return Snippet(name, snippet, tuple((s + len(prefix), e + len(prefix)) for s, e in inside))


def _cut_start(text, pos):
    """Move ``pos`` forward to the start of a word (never into the middle of one)."""
    if pos == 0:
        return 0
    while pos < len(text) and is_word_char(text[pos]) and is_word_char(text[pos - 1]):
        pos += 1
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _cut_end(text, pos):
    """Move ``pos`` back to the end of a word."""
    while 0 < pos < len(text) and is_word_char(text[pos]) and is_word_char(text[pos - 1]):
        pos -= 1
    return pos
