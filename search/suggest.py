"""“Did you mean”: nearby index terms of the query's unknown words, shown as the documents spell them.

Whoosh's own corrector ranks by frequency and then alphabet, ignoring edit distance, and works on
stems (WHOOSH_NOTES.md, problem 4). Here the user's word is analyzed first (normalized and stemmed
like the index), candidates within edit distance 1 or 2 that share its first letter are ranked by
distance and then document frequency, and the winner is mapped back to a displayable word by
finding it in a document that holds it.
"""

from __future__ import annotations

from whoosh import query as wq


def suggest(query_text, words, searcher, field, analyzer, max_words=4):
    """The query with its unknown words replaced by their nearest known words, or ``None``.

    ``words`` are the QueryWords of the query's plain text; a word is unknown when none of its
    forms is a term of ``field``.
    """
    reader = searcher.reader()
    replacements = []
    for word in words[:max_words]:
        if any(all((field, t) in reader for t in form) for form in word.forms):
            continue
        term = word.forms[0][0]
        if len(term) < 3:
            continue
        best = _nearest(reader, field, term)
        if best is None:
            continue
        display = _display_form(searcher, field, best, analyzer) or best
        replacements.append((word, display))
    if not replacements:
        return None
    out, last = [], 0
    for word, display in sorted(replacements, key=lambda r: r[0].start):
        out += [query_text[last:word.start], display]
        last = word.end
    out.append(query_text[last:])
    return "".join(out)


def _nearest(reader, field, term):
    maxdist = 1 if len(term) <= 4 else 2
    scored = []
    for candidate in reader.terms_within(field, term, maxdist, prefix=1):
        if candidate == term:
            continue
        distance = _distance(term, candidate)
        scored.append((distance, -reader.doc_frequency(field, candidate), candidate))
    return min(scored)[2] if scored else None


def _distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _display_form(searcher, field, term, analyzer):
    """How a document that holds ``term`` writes it (the stem ``ceasefir`` → ``ceasefire``)."""
    for hit in searcher.search(wq.Term(field, term), limit=1):
        text = hit.get(field) or ""
        for token in analyzer(text, chars=True, mode="index"):
            if token.text == term:
                return text[token.startchar:token.endchar]
    return None
