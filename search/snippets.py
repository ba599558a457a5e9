"""Snippets: the stretch of a stored field where the query's terms (original and translated) are
densest, with each match highlighted as a whole word in either script.

Matches are found by running the field's analyzer over the stored text: a token whose index term
is one of the query's terms is a match, and its offsets point into the original text. Parts of a
Persian compound carry the whole word's offsets; as a last guard each highlight is widened to the
word's boundaries, so a highlight never covers half a word.
"""

from __future__ import annotations

import unicodedata

from search.results import Snippet

ZWNJ = "\u200c"
MAX_MATCHES = 500


def is_word_char(ch):
    return ch.isalnum() or ch == ZWNJ or unicodedata.category(ch).startswith("M")


def find_matches(text, terms, analyzer):
    """Sorted, merged ``(start, end)`` spans of the words of ``text`` analyzed into ``terms``."""
    spans = []
    for token in analyzer(text, chars=True, mode="index"):
        if token.text in terms:
            spans.append(_whole_word(text, token.startchar, token.endchar))
            if len(spans) >= MAX_MATCHES:
                break
    return _merge(sorted(spans), text)


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


def make_snippet(stored, terms, analyzer, size=220, fields=("body", "lead", "title")):
    """The best :class:`Snippet` of ``stored`` fields for ``terms``, or the start of the text."""
    fallback = None
    for name in fields:
        text = stored.get(name) or ""
        if not text:
            continue
        fallback = fallback or (name, text)
        spans = find_matches(text, terms, analyzer) if terms else []
        if spans:
            return _window(name, text, spans, terms, analyzer, size)
    if fallback is None:
        return None
    name, text = fallback
    end = _cut_end(text, min(len(text), size))
    return Snippet(name, text[:end] + ("…" if end < len(text) else ""), ())


def _window(name, text, spans, terms, analyzer, size):
    # Pick the window with the most distinct matched words, starting a little before a match.
    best, best_score = 0, -1
    for i, (start, _) in enumerate(spans):
        lo = max(0, start - size // 5)
        words = {text[s:e] for s, e in spans[i:] if e <= lo + size}
        if len(words) > best_score:
            best, best_score = lo, len(words)
    lo = _cut_start(text, best)
    hi = _cut_end(text, min(len(text), lo + size))
    inside = [(s - lo, e - lo) for s, e in spans if s >= lo and e <= hi]
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    shift = len(prefix)
    snippet = prefix + text[lo:hi] + suffix
    return Snippet(name, snippet, tuple((s + shift, e + shift) for s, e in inside))


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
