"""“Did you mean”: nearby index terms of the query's unknown words, shown as the documents spell them.

Whoosh's own corrector ranks by frequency and then alphabet, ignoring edit distance, and works on
stems (WHOOSH_NOTES.md, problem 4). Here the user's word is analyzed first (normalized and stemmed
like the index), and candidates within edit distance 1 or 2 that share its first letter are
ranked by distance and then document frequency. The best few, and the most frequent few, are
mapped back to displayable words by finding each in the first documents that hold it; the word the
user typed is compared with those spellings, and the closest (a transposition counting one edit),
then the most frequent, wins. Stems alone can mislead: "chnage" is one transposition from
"change", but its stem is three edits from "chang" and one from "chage", a typo some document
holds; and a first document may write "changes" where another writes "change".

A word the index knows is left alone, unless it is rare (a typo that a story or two share) and a
far more common word is near it: Lucene's "suggest more popular". A correction keeps the user's
lower case where documents only capitalized the word.
"""

from __future__ import annotations


def suggest(query_text, words, searcher, field, analyzer, max_words=4):
    """The query with its unknown words replaced by their nearest known words, or ``None``.

    ``words`` are the QueryWords of the query's plain text; a word is unknown when none of its
    forms is a term of ``field``.
    """
    reader = searcher.reader()
    replacements = []
    for word in words[:max_words]:
        term = word.forms[0][0]
        if len(term) < 3:
            continue
        if any(all((field, t) in reader for t in form) for form in word.forms):
            # A known word is corrected only when rare beside a far more common neighbour
            # (presidnt, which one story misspells, beside president).
            df = reader.doc_frequency(field, term)
            if len(word.forms) > 1 or df > RARE:
                continue
            scored = [s for s in _nearest(reader, field, term)
                      if -s[1] >= max(POPULAR, POPULAR_FACTOR * df)]
        else:
            scored = _nearest(reader, field, term)
        display = _best_display(searcher, field, word.text, scored, analyzer, _max_edits(term))
        if display is not None:
            replacements.append((word, _match_case(word.text, display)))
    if not replacements:
        return None
    out, last = [], 0
    for word, display in sorted(replacements, key=lambda r: r[0].start):
        out += [query_text[last:word.start], display]
        last = word.end
    out.append(query_text[last:])
    return "".join(out)


#: How many candidates are shown to the word as typed: the closest stems, and the most frequent.
CLOSEST, FREQUENT = 5, 3
#: A known word in at most RARE documents gets a neighbour in at least POPULAR documents and
#: POPULAR_FACTOR times as many as it.
RARE, POPULAR, POPULAR_FACTOR = 2, 20, 10
#: Documents read for the ways a candidate is written (the first of each, in document order).
SPELLINGS_FROM = 3


def _nearest(reader, field, term):
    """``[(distance, -document frequency, term)]`` of the index terms near ``term``."""
    maxdist = _max_edits(term)
    fieldobj = reader.schema[field]
    without_term_letters = str.maketrans("", "", term)
    scored = []
    # Whoosh's terms_within(field, term, maxdist, prefix=1), faster: words of another length, or
    # with more letters the term lacks than edits allowed, are left out before any edit
    # distance, and the distance is computed near the diagonal.
    for raw in reader.expand_prefix(field, term[:1]):
        candidate = fieldobj.from_bytes(raw)
        if abs(len(candidate) - len(term)) > maxdist or candidate == term:
            continue
        if len(candidate.translate(without_term_letters)) > maxdist:  # each costs an edit
            continue
        if osa_within(candidate, term, maxdist) > maxdist:
            continue
        distance = _distance(term, candidate)
        scored.append((distance, -reader.doc_frequency(field, candidate), candidate))
    return scored


def _max_edits(term):
    return 1 if len(term) <= 4 else 2


def _best_display(searcher, field, typed, scored, analyzer, max_edits):
    """How documents write the candidate closest to ``typed``, or ``None``.

    A candidate whose stem is near but whose written word is more than ``max_edits`` from what
    the user typed is no correction (covid → covered: stems two edits apart, words three).
    """
    shortlist = sorted(scored)[:CLOSEST] + sorted(scored, key=lambda s: (s[1], s[0]))[:FREQUENT]
    typed = _fold(typed)
    best = None
    for distance, minus_df, term in dict.fromkeys(shortlist):
        # The candidate as documents write it closest to what was typed (change, not changes).
        forms = _display_forms(searcher, field, term, analyzer) or [term]
        edits, display = min((osa_within(typed, _fold(form), max_edits), i, form)
                             for i, form in enumerate(forms))[::2]
        if edits > max_edits:
            continue
        key = (edits, minus_df, distance, term)
        if best is None or key < best[0]:
            best = key, display
    return None if best is None else best[1]


def _match_case(typed, display):
    """``display`` in lower case when the user typed lower case and the documents merely
    capitalized it (Earthquakes → earthquakes; NATO stays)."""
    if typed.islower() and display[:1].isupper() and display[1:].islower():
        return display.lower()
    return display


def _fold(word):
    from analyzers import fold_word

    return fold_word(word.lower())


def osa_within(a, b, limit):
    """The optimal string alignment distance of ``a`` and ``b`` (Whoosh's
    ``damerau_levenshtein``: an adjacent transposition is one edit) when it is at most ``limit``;
    otherwise some number above ``limit``. Only cells within ``limit`` of the diagonal can stay
    within it, so only those are computed, and the rows stop once none of them is within."""
    n, m = len(a), len(b)
    over = limit + 1
    if abs(n - m) > limit:
        return over
    before = None  # row i - 2
    prev = [j if j <= limit else over for j in range(m + 1)]  # row i - 1
    for i in range(1, n + 1):
        cur = [over] * (m + 1)
        if i <= limit:
            cur[0] = i
        lowest = cur[0]
        ca = a[i - 1]
        for j in range(max(1, i - limit), min(m, i + limit) + 1):
            cb = b[j - 1]
            d = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if before is not None and j > 1 and ca != cb and ca == b[j - 2] and a[i - 2] == cb:
                d = min(d, before[j - 2] + 1)
            cur[j] = min(d, over)
            lowest = min(lowest, d)
        if lowest > limit:
            return over
        before, prev = prev, cur
    return prev[m]


def _distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _display_forms(searcher, field, term, analyzer):
    """How the first few documents that hold ``term`` write it (the stem ``ceasefir`` →
    ``ceasefire``, ``ceasefires``), the first time each does, in Persian letters (ي, ك → ی, ک).

    ``analyzer``: the field's, or a :class:`analyzers.memo.MemoizedAnalysis` of it.
    """
    from whoosh.reading import TermNotFound

    from analyzers.memo import index_tokens

    try:
        postings = searcher.reader().postings(field, term)
    except TermNotFound:
        return []
    forms = []
    while postings.is_active() and len(forms) < SPELLINGS_FROM:
        text = searcher.stored_fields(postings.id()).get(field) or ""
        for found, start, end in index_tokens(text, analyzer):
            if found == term:
                forms.append(text[start:end].translate(_PERSIAN_LETTERS))
                break
        postings.next()
    return list(dict.fromkeys(forms))


#: Arabic yeh and kaf, as older Persian text has them, shown as the Persian letters a user types.
_PERSIAN_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0643": "\u06a9"})
