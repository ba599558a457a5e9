"""“Did you mean”: nearby index terms of the query's unknown words, shown as the documents spell them.

Most misspellings are one edit from the word meant (Damerau 1964: a letter left out, added,
replaced, or two swapped). So every word one such edit from the word as typed (keeping its first
letter) is analyzed like the index (normalized and stemmed) and looked up in the index's
vocabulary; those that the field holds are the candidates. They are generated on the word as
written, not on its stem: a typo often breaks the suffix a stemmer removes ("elecion" stems to
itself, "election" to "elect", three edits apart; "presdient" is one edit from "president" but
three from its stem "presid"), and stem-to-stem neighbours then favoured typos that some story
shares (electrion, presient). Only when no word one edit away is known are the index terms
within edit distance 1 or 2 of the stem that share its first letter searched, as before.

The candidates are ranked by distance and then document frequency. The best few, and the most
frequent few, are mapped back to displayable words by finding each in the first documents that
hold it; the word the user typed is compared with those spellings, and the closest (a
transposition counting one edit), then the most frequent, wins. Stems alone can mislead: "chnage"
is one transposition from "change", but its stem is three edits from "chang" and one from "chage",
a typo some document holds; and a first document may write "changes" where another writes
"change".

A word the index knows is left alone, unless it is rare (a typo that a story or two share) and a
far more common word is near it: Lucene's "suggest more popular". A correction keeps the user's
lower case where documents only capitalized the word.
"""

from __future__ import annotations


def corrections(words, searcher, field, analyzer, max_words=4, vocabulary=None, rare=(),
                lexicon=None):
    """``[(word, correction)]`` of those of the first ``max_words`` of ``words`` (QueryWords)
    that are unknown or rare and have a correction.

    A word is unknown when none of its forms is a term of ``field``. ``vocabulary``:
    ``has_term(term)``, a fast test of whether the index may hold a term
    (:class:`search.engine._Transliterator` over the vocabulary files), asked before the field's
    own term table. ``lexicon(prefix)``: the index's words (``str``) that start with ``prefix``,
    a superset of the field's (the same vocabulary files), read in place of the field's term
    table. ``rare``: the texts of words that found documents some other way (a
    transliteration): corrected as a rare known word is.
    """
    reader = searcher.reader()
    found = []
    for word in words[:max_words]:
        term = word.forms[0][0]
        if len(term) < 3:
            continue
        known = any(all((field, t) in reader for t in form) for form in word.forms)
        if known or word.text in rare:
            # A known word is corrected only when rare beside a far more common neighbour
            # (presidnt, which one story misspells, beside president).
            df = reader.doc_frequency(field, term) if known else 1
            if len(word.forms) > 1 or df > RARE:
                continue
            popular = max(POPULAR, POPULAR_FACTOR * df)
            scored, written = _one_edit(reader, field, word, vocabulary)
            scored = [s for s in scored if -s[1] >= popular]
            if not scored:
                scored = [s for s in _nearest(reader, field, term, lexicon) if -s[1] >= popular]
        else:
            scored, written = _one_edit(reader, field, word, vocabulary)
            scored = scored or _nearest(reader, field, term, lexicon)
        display = _best_display(searcher, field, word.text, scored, analyzer, _max_edits(term),
                                written)
        if display is not None:
            found.append((word, _match_case(word.text, display)))
    return found


def rewrite(text, replacements):
    """``text`` with each ``(start, end, new)`` of ``replacements`` in place, or ``None`` if
    there is none."""
    if not replacements:
        return None
    out, last = [], 0
    for start, end, new in sorted(replacements):
        out += [text[last:start], new]
        last = end
    out.append(text[last:])
    return "".join(out)


#: How many candidates are shown to the word as typed: the closest stems, and the most frequent.
CLOSEST, FREQUENT = 5, 3
#: A known word in at most RARE documents gets a neighbour in at least POPULAR documents and
#: POPULAR_FACTOR times as many as it.
RARE, POPULAR, POPULAR_FACTOR = 2, 20, 10
#: Documents read for the ways a candidate is written (the first of each, in document order).
SPELLINGS_FROM = 3
#: Documents searched for a word one edit from the typed one, when those ways are farther.
WRITTEN_FROM = 20


#: The letters a typing error puts in a word, by script, as the analyzers normalize them.
ALPHABETS = {"en": "abcdefghijklmnopqrstuvwxyz",
             "fa": "ءابتثجحخدذرزسشصضطظعغفقلمنهوپچژکگی"}


def single_edits(word, alphabet):
    """Every word one edit from ``word`` that keeps its first letter: one letter left out,
    added or replaced (from ``alphabet``), or two neighbours swapped; in a fixed order."""
    found = {}
    for i in range(1, len(word) + 1):
        head, tail = word[:i], word[i:]
        for letter in alphabet:
            found[head + letter + tail] = None
        if tail:
            found[head + tail[1:]] = None
            for letter in alphabet:
                found[head + letter + tail[1:]] = None
            if len(tail) > 1:
                found[head + tail[1] + tail[0] + tail[2:]] = None
    found.pop(word, None)
    return list(found)


def query_terms(candidates):
    """``{candidate: its index term}`` of single words, analyzed as a query word (the primary
    term of :func:`analyzers.analyze_query`); stopwords are left out.

    The words go through the chain in one text, apart: a bar between them is no white space, so
    the compound filter never joins two of them (``tests/search/test_suggest.py`` compares this
    with analyzing each on its own). One pass costs a few µs a word, a call per word ten times
    that.
    """
    from analyzers.analyzers import _default_analyzer

    starts, at = {}, 0
    for candidate in candidates:
        starts[at] = candidate
        at += len(candidate) + len(_APART)
    found = {}
    for token in _default_analyzer()(_APART.join(candidates), chars=True, mode="query"):
        candidate = starts.get(token.startchar)
        if candidate is not None and candidate not in found:  # a compound's joined form first
            found[candidate] = token.text
    return found


_APART = " | "


def _one_edit(reader, field, word, vocabulary=None):
    """``([(1, -document frequency, term)], {term: [words]})``: the index terms of the words
    one edit from ``word`` as typed (see the module docstring), and those words."""
    alphabet = ALPHABETS.get(word.script)
    typed = _fold(word.text)
    if alphabet is None or len(typed) < 3:
        return [], {}
    own = word.forms[0][0]
    written = {}  # term → the edits that analyze to it, in order
    for candidate, term in query_terms(single_edits(typed, alphabet)).items():
        if term != own and len(term) > 1:
            written.setdefault(term, []).append(candidate)
    scored = []
    for term in written:
        if vocabulary is not None and not vocabulary(term):
            continue
        df = reader.doc_frequency(field, term)
        if df:
            scored.append((1, -df, term))
    return scored, written


def _nearest(reader, field, term, lexicon=None):
    """``[(distance, -document frequency, term)]`` of the index terms near ``term``.

    ``lexicon``: see :func:`corrections`; without it, the field's terms are read from Whoosh's term
    table, a seek and a read per term.
    """
    maxdist = _max_edits(term)
    if lexicon is None:
        fieldobj = reader.schema[field]
        words = (fieldobj.from_bytes(raw) for raw in reader.expand_prefix(field, term[:1]))
    else:
        words = lexicon(term[:1])
    without_term_letters = str.maketrans("", "", term)
    scored = []
    # Whoosh's terms_within(field, term, maxdist, prefix=1), faster: words of another length, or
    # with more letters the term lacks than edits allowed, are left out before any edit
    # distance, and the distance is computed near the diagonal.
    for candidate in words:
        if abs(len(candidate) - len(term)) > maxdist or candidate == term:
            continue
        if len(candidate.translate(without_term_letters)) > maxdist:  # each costs an edit
            continue
        if osa_within(candidate, term, maxdist) > maxdist:
            continue
        df = reader.doc_frequency(field, candidate)
        if df:  # a word of the lexicon may be in other fields only
            scored.append((_distance(term, candidate), -df, candidate))
    return scored


def _max_edits(term):
    return 1 if len(term) <= 4 else 2


def _best_display(searcher, field, typed, scored, analyzer, max_edits, written=None):
    """How documents write the candidate closest to ``typed``, or ``None``.

    A candidate whose stem is near but whose written word is more than ``max_edits`` from what
    the user typed is no correction (covid → covered: stems two edits apart, words three).
    ``written``: ``{term: [words]}``, the single edits of ``typed`` that gave a candidate; one
    that a document holding the candidate writes is shown first, one edit from what was typed
    (the first documents may write only other forms: learned, learn, three edits from
    "lerning"). Else the candidate's spellings in its first documents are compared.
    """
    written = written or {}
    shortlist = (sorted(scored)[:CLOSEST]
                 + sorted(scored, key=lambda s: (s[1], s[0], s[2]))[:FREQUENT])
    typed = _fold(typed)
    best = None
    for distance, minus_df, term in dict.fromkeys(shortlist):
        if best is not None and best[0][0] <= 1 and minus_df > best[0][1]:
            # Only fewer edits could win, and none is fewer than one: a document that wrote the
            # typed word would have given its own term, not this candidate.
            continue
        # A word one edit from what was typed, as a document holding the candidate writes it;
        # else the candidate as the first documents write it, closest to what was typed
        # (change, not changes).
        display = _written_in(searcher, field, term, written.get(term, ()))
        if display is not None:
            edits = 1
        else:
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
    capitalized it (Earthquakes → earthquakes; NATO stays), and capitalized when the user
    capitalized a word shown in lower case (Lerning → Learning)."""
    if typed.islower() and display[:1].isupper() and display[1:].islower():
        return display.lower()
    if typed[:1].isupper() and typed[1:].islower() and display.islower():
        return display[:1].upper() + display[1:]
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


def _written_in(searcher, field, term, words):
    """How one of the first documents holding ``term`` writes one of ``words`` (folded, as
    :func:`single_edits` makes them) as a whole word, or ``None``.

    A word one edit from a typo can analyze to a known term without being one (a Persian suffix
    stripped off a non-word, "producte" → product): only a word some story writes is shown, in
    its letters and case (NATO, not nato). The stored text is searched for the words in every
    spelling that folds to them (:func:`analyzers.normalize.written_pattern`); no analysis.
    """
    if not words:
        return None
    from whoosh.reading import TermNotFound

    from analyzers.normalize import normalize_persian, written_pattern

    try:
        postings = searcher.reader().postings(field, term)
    except TermNotFound:
        return None
    patterns = [written_pattern(word) for word in words]
    read = 0
    while postings.is_active() and read < WRITTEN_FROM:
        text = searcher.stored_fields(postings.id()).get(field) or ""
        for pattern in patterns:
            found = pattern.search(text)
            if found:
                return normalize_persian(found.group())  # no harakat, tatweel; ی and ک
        read += 1
        postings.next()
    return None


#: Arabic yeh and kaf, as older Persian text has them, shown as the Persian letters a user types.
_PERSIAN_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0643": "\u06a9"})
