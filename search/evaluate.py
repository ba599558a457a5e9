"""Score a compiled query term at a time: the same ranking as Whoosh's matchers, far fewer calls.

Whoosh scores document at a time. For every candidate document it walks the whole matcher tree:
``id()``, ``is_active()``, ``score()`` and ``next()`` on every node, each a Python call, often
several per node and per document. An expanded query is a deep tree (a concept, its translations,
their compound parts, each a :class:`~index.scoring.BM25FTerm` over four fields), and it matches
thousands of documents: on the 33,000 documents of ``bench/latency.py`` Whoosh spent over 90% of
an expanded search in that walk.

:func:`search` evaluates the same tree bottom-up, one node at a time, into ``{docnum: score}``
dictionaries:

- :class:`~index.scoring.BM25FTerm`: over the configured fields and boosts, each segment's
  impacts (:mod:`index.impacts`: per document the word's saturated pseudo frequency, computed
  when the generation was built) times the word's idf and boost; where a generation has no
  usable impacts, or the word is searched in other fields, each field's postings are read whole
  (from the flat postings of :mod:`index.postings`, else Whoosh's blocks) and turned into
  BM25F's pseudo frequency with each document's length normalization, then saturated once (the
  formula of :mod:`index.scoring`); a term is looked up once per segment and search, its
  document frequency is the sum of its segments', and a word that recurs in the tree is read
  once;
- ``Or`` adds its children's scores, :class:`~index.scoring.DisMax` keeps the largest (the
  children of an unboosted ``DisMax`` inside it taken as its own: a translation's spellings are
  a group within the concept's group), ``AndNot`` drops the excluded documents;
- :class:`~index.scoring.RareFirstOr` is scored as the ``AndMaybe`` it stands for (its words
  split by their document frequencies over the whole index);
- ``And`` adds its children's scores over the documents they share, scoring its child with the
  fewest postings first (counted from the impacts' document frequencies, without a term lookup)
  and each next child only on the documents still in the running (a binary search per candidate
  in a long postings list); ``AndMaybe`` adds the second's scores to
  the first's documents, scoring the second on those alone;
- ``Phrase`` (the words next to each other, in order): the documents that hold every word come
  from the postings; the words' positions are read for those alone, and each match scores the
  sum of its words' BM25 scores in the field, as Whoosh's phrase matcher scores it;
- any other query (phrases with slop, prefixes, fuzzy terms, ranges, ``Every``, ``Not``...) is
  scored by its own Whoosh matcher, so every query of the query language works and scores as
  before.

Scores equal those of Whoosh's matchers scoring every document, up to the order of
floating-point additions (``tests/search/test_evaluate.py`` checks both on random trees over a
multi-segment index with deletions). Whoosh's top-N collector is no reference: it lost some of the
best documents of nested queries there. Ties go to the lower document number, as in Whoosh.
"""

from __future__ import annotations

import heapq
import weakref
from bisect import bisect_left
from dataclasses import dataclass
from itertools import islice

from whoosh import query as wq
from whoosh.reading import TermNotFound

from index.impacts import Impacts, parameters
from index.postings import (FlatPostings, add_field, length_norms, read_positions,
                            term_postings, without)
from index.scoring import BM25, BM25FTerm, DisMax, RareFirstOr, field_b, rsj_idf, saturation

_NO_DOCS: dict = {}


@dataclass(frozen=True)
class Found:
    """The top documents of one search: ``hits`` as ``(docnum, score)``, best first."""

    hits: tuple
    total: int  # every document that matched (and passed the filter)
    # (offset, text, its sorted docnums less the offset) of every word scored: a segment's
    # offset and its own docnums, or (search.dense) 0 and the index's
    words: tuple = ()
    others: tuple = ()  # the queries scored by their own Whoosh matchers

    def __len__(self):
        return len(self.hits)

    def matched_words(self, docnum):
        """The words (:class:`~index.scoring.BM25FTerm` texts) that ``docnum`` holds.

        Words of the queries in ``others`` are not included (see ``engine.matched_terms``).
        """
        found = set()
        for offset, text, ids in self.words:
            d = docnum - offset
            i = bisect_left(ids, d)
            if i < len(ids) and ids[i] == d:
                found.add(text)
        return found


def search(searcher, query, limit=10, filter=None, directory=None):
    """The ``limit`` best documents of ``query`` (``None``: all of them) as :class:`Found`.

    ``filter`` is a Whoosh query: only documents it matches are returned; it does not score.
    ``directory``: the index's directory, where the flat postings of :mod:`index.postings` are
    (without it, or without them, Whoosh's postings are read: the same scores, slower).
    """
    best, total, words, others = [], 0, [], []
    leaves = searcher.leaf_searchers()
    terms = _Terms([leaf.reader() for leaf, _ in leaves])
    if directory is not None:
        terms.use_impacts([_segment_cache(leaf.reader(), directory) for leaf, _ in leaves],
                          searcher)
    for number, (leaf, offset) in enumerate(leaves):
        evaluator = _Evaluator(leaf, searcher, directory, terms, number)
        found = evaluator.node(query)
        words.extend((offset, text, docs) for text, docs in evaluator.words)
        others.extend(q for q in evaluator.others if q not in others)
        if filter is not None:
            allow = evaluator.cache.allowed(leaf, filter)
            found = {d: s for d, s in found.items() if d in allow}
        total += len(found)
        # A segment's own best are enough: the best of the index are among them. Only they are
        # moved to the index's document numbers.
        best.append([(offset + d, s) for d, s in _best(found, limit)] if offset else
                    _best(found, limit))
    hits = best[0] if len(best) == 1 else heapq.merge(*best, key=_rank_key)
    return Found(tuple(islice(hits, limit)), total, tuple(words), tuple(others))


def field_frequencies(searcher, directory, fields):
    """``frequency(word)``: the largest document frequency over ``fields`` of ``word`` (``str``),
    summed over the segments, from the segments' impacts (:mod:`index.impacts`), as Whoosh's
    term information counts it (deleted documents included); ``None`` when the impacts are not
    usable (missing, computed with other statistics, or without one of ``fields``).

    Feedback weighs every word of its documents by its idf: a term lookup per field and
    segment each, in Whoosh's on-disk term table.
    """
    leaves = searcher.leaf_searchers()
    terms = _Terms([leaf.reader() for leaf, _ in leaves])
    terms.use_impacts([_segment_cache(leaf.reader(), directory) for leaf, _ in leaves], searcher)
    if terms.impacts is None:
        return None
    order = list(terms.impact_fields)
    if any(f not in order for f in fields):
        return None
    places = [order.index(f) for f in fields]
    impacts = terms.impacts

    def frequency(word):
        sums = [0] * len(places)
        key = word.encode("utf-8")
        for segment in impacts:
            dfs = segment.frequencies(key)
            if dfs is not None:
                sums = [a + dfs[i] for a, i in zip(sums, places)]
        return max(sums, default=0)
    return frequency


def _best(scores, limit):
    """The ``limit`` best ``(docnum, score)``: highest score first, then lowest docnum."""
    items = scores.items()
    if limit is not None and len(scores) > limit:
        # The limit-th best score, found among bare floats, keeps the key function off all
        # but the few candidates.
        kth = heapq.nlargest(limit, scores.values())[-1]
        items = [(d, s) for d, s in items if s >= kth]
    return sorted(items, key=_rank_key)[:limit]


def _rank_key(item):
    return -item[1], item[0]


class _Evaluator:
    """Scores query trees on one leaf (segment) searcher; global statistics from ``top``."""

    def __init__(self, leaf, top, directory=None, terms=None, number=0):
        self.leaf = leaf
        self.reader = leaf.reader()
        self.terms = terms or _Terms([self.reader])
        self.number = number  # of the leaf, in terms
        self.cache = _segment_cache(self.reader, directory)
        self.top = top
        weighting = leaf.weighting
        self.k1 = saturation(weighting)
        self.weighting = weighting
        self.words = []  # (text, sorted docnums) of every BM25FTerm scored
        # The words scored: (text, None) → (df, docnums, impacts) from the impacts;
        # (text, fields) → (df, pseudo-frequencies) from the postings.
        self.seen = {}
        self.others = []  # queries scored by their own matchers

    def node(self, q, only=None):
        """``{docnum: score}`` of ``q``; with ``only`` (a set), of the documents in it alone.

        The dictionary is the caller's own, to change (:meth:`combine` adds into it), unless it
        is empty.
        """
        kind = type(q)
        if kind is BM25FTerm:
            found = self.bm25f(q, only)
        elif _is_sum(q):
            found = self.combine(list(_summands(q)), only, _add)
        elif kind is wq.And:
            found = self.conjunction(q.subqueries, only)
        elif kind is DisMax:
            found = self.combine(list(_alternatives(q)), only, _keep_larger)
        elif kind is RareFirstOr:
            found = self.node(q.equivalent(self.doc_frequency, self.top.doc_count_all()), only)
        elif kind is wq.AndMaybe:
            found = self.node(q.a, only)
            if found:
                # The optional part is scored on the required part's documents only.
                extra = self.node(q.b, found.keys())
                for d, s in extra.items():
                    found[d] += s
        elif kind is wq.AndNot:
            found = self.node(q.a, only)
            if found:
                excluded = set(q.b.docs(self.leaf))
                found = {d: s for d, s in found.items() if d not in excluded}
        elif kind is wq.Phrase and q.slop == 1 and q.words and self.phrase_scorable(q.fieldname):
            return self.phrase(q, only)  # its boost is in its scores
        else:
            found = self.whoosh(q)
            if only is not None:
                found = {d: s for d, s in found.items() if d in only}
            return found
        if q.boost != 1 and kind is not BM25FTerm:
            found = {d: s * q.boost for d, s in found.items()}
        return found

    def conjunction(self, children, only=None):
        """The documents every child matches, the sum of their scores.

        The child with the fewest postings is scored first; each next one only on the documents
        still in the running, so a common word beside a rare one costs a lookup per candidate
        instead of a pass over its whole postings list.
        """
        found = None
        for child in sorted(children, key=self.size):
            scores = self.node(child, only if found is None else found.keys())
            if not scores:
                return _NO_DOCS
            if found is None:
                found = scores
            else:
                found = {d: found[d] + s for d, s in scores.items()}
        return found if found is not None else _NO_DOCS

    def size(self, q):
        """About how many postings ``q`` has in this segment (to order a conjunction)."""
        kind = type(q)
        if kind is BM25FTerm:
            if self.scored_by_impacts(q):  # the impacts hold each field's df: no term lookups
                entry = self.impact_entries(q)[1][self.number]
                return 0 if entry is None else sum(entry[0][i] for i in self.terms.searched)
            infos = (self.terms.info(self.number, f, text) for f, _, text in self.fields(q))
            return sum(info.doc_frequency() for info in infos if info is not None)
        if kind is wq.Or or kind is DisMax or kind is RareFirstOr:
            return sum(self.size(c) for c in q.subqueries)
        if kind is wq.And:
            return min((self.size(c) for c in q.subqueries), default=0)
        if kind is wq.AndMaybe or kind is wq.AndNot:
            return self.size(q.a)
        return float("inf")  # scored by Whoosh: after the words

    def phrase_scorable(self, fieldname):
        """Whether :meth:`phrase` scores a phrase of ``fieldname`` as Whoosh would: the field
        has positions, and the weighting is :class:`~index.scoring.BM25` (the formula there)."""
        if not isinstance(self.weighting, BM25) or fieldname not in self.leaf.schema:
            return False
        field = self.leaf.schema[fieldname]
        return field.format is not None and field.format.supports("positions")

    def phrase(self, q, only=None):
        """``{docnum: score}`` of a ``Phrase`` (its words in order, next to each other), as
        Whoosh's phrase matcher scores it: the sum of each word's BM25 score in the field, times
        the phrase's boost.

        The documents that hold every word come from the postings (the rarest word's first); only
        they are looked up in Whoosh's postings for the words' positions. Whoosh's matcher walked
        spans over every document of the intersection, a few Python calls a step: a quoted
        two-word name took 20 of a 31 ms search.
        """
        fieldname = q.fieldname
        field = self.leaf.schema[fieldname]
        words = []
        for word in q.words:
            try:
                text = field.to_bytes(word)
            except ValueError:
                return _NO_DOCS
            info = self.terms.info(self.number, fieldname, text)
            if info is None:
                return _NO_DOCS
            ids, weights = self.postings(fieldname, text, info)
            if only is not None:
                ids, weights = _restrict(ids, weights, only)
            if not ids:
                return _NO_DOCS
            words.append((text, ids, weights))
        candidates = None
        for _, ids, _ in sorted(words, key=lambda w: len(w[1])):
            candidates = set(ids) if candidates is None else candidates.intersection(ids)
            if not candidates:
                return _NO_DOCS
        docs = sorted(candidates)
        starts = None  # per document left, the positions where the phrase may start
        for i, (text, _, _) in enumerate(words):
            found = read_positions(self.reader.postings(fieldname, text), docs)
            kept, kept_starts = [], []
            for n, d in enumerate(docs):
                positions = found[d]
                if starts is None:
                    begin = set(positions)
                else:
                    at = set(positions)
                    begin = {p for p in starts[n] if p + i in at}
                if begin:
                    kept.append(d)
                    kept_starts.append(begin)
            if not kept:
                return _NO_DOCS
            docs, starts = kept, kept_starts
        return self.phrase_scores(fieldname, words, docs, q.boost)

    def phrase_scores(self, fieldname, words, docs, boost):
        """Each document's sum of the words' BM25 scores in ``fieldname``, times ``boost``."""
        norms = self.norms(fieldname)
        k1 = self.k1
        n = self.top.doc_count_all()
        scores = dict.fromkeys(docs, 0.0)
        for text, ids, weights in words:
            idf = rsj_idf(n, self.terms.frequency(fieldname, text))
            tf = dict(zip(ids, weights))
            for d in docs:
                t = tf[d]
                scores[d] += idf * ((t * (k1 + 1)) / (t + k1 * norms[d]))
            self.words.append((self.leaf.schema[fieldname].from_bytes(text), docs))
        if boost != 1:
            return {d: s * boost for d, s in scores.items()}
        return scores

    def whoosh(self, q):
        """Any other query, scored by its own matcher."""
        self.others.append(q)
        m = q.matcher(self.leaf, self.leaf.context())
        found = {}
        while m.is_active():
            found[m.id()] = m.score()
            m.next()
        return found

    def combine(self, children, only, merge):
        """The sum (``merge=_add``) or maximum (``_keep_larger``) of the children's scores.

        The largest child's scores are the start; a word's postings go straight from its arrays
        into them, never through a dictionary of its own: an expanded query's words are most of
        its postings, and each step from a dictionary into another cost as much as making it.
        """
        parts = []  # (size, dict or None, (ids, values, c) or None)
        for child in children:
            if type(child) is BM25FTerm:
                ids, values, c = self.word(child, only)
                if ids:
                    parts.append((len(ids), None, (ids, values, c)))
            else:
                scores = self.node(child, only)
                if scores:
                    parts.append((len(scores), scores, None))
        if not parts:
            return _NO_DOCS
        parts.sort(key=_size, reverse=True)
        _, found, postings = parts[0]
        if found is None:
            found = _scaled(*postings)
        for _, scores, postings in parts[1:]:
            if scores is None:
                merge(found, *postings)
            else:
                merge(found, scores.keys(), scores.values(), 1.0)
        return found

    def bm25f(self, q, only=None):
        """``{docnum: score}`` of a :class:`~index.scoring.BM25FTerm`."""
        postings = self.word(q, only)
        return _scaled(*postings) if postings[0] else _NO_DOCS

    def word(self, q, only=None):
        """``(docnums, values, c)`` of a :class:`~index.scoring.BM25FTerm`: its score in each
        document is ``c`` times the value. The documents are kept for :meth:`Found.matched_words`.
        """
        # BM25FTerm.matcher, term at a time (see index.scoring for the formula). A word that
        # recurs in the tree (an expanded query repeats a translation's words in several
        # spellings) reads its postings once: only the boost, on the idf, differs.
        if self.scored_by_impacts(q):
            # Every segment's impacts (index.impacts) were computed as this word scores.
            key = (q.text, None)
            seen = self.seen.get(key)
            if seen is None:
                seen = self.seen[key] = self.impact_list(q)
            df, ids, values = seen
            if only is not None:
                ids, values = _restrict(ids, values, only)
            if not ids:
                return (), (), 0.0
            self.words.append((q.text, ids))
            return ids, values, rsj_idf(self.top.doc_count_all(), df) * q.boost * (self.k1 + 1)
        if only is None:
            key = (q.text, tuple(q.fields.items()))
            seen = self.seen.get(key)
            if seen is None:
                seen = self.seen[key] = self.pseudo_frequencies(q)
        else:
            seen = self.pseudo_frequencies(q, only)
        df, tf = seen
        if not tf:
            return (), (), 0.0
        c = rsj_idf(self.top.doc_count_all(), df) * q.boost * (self.k1 + 1)
        k1 = self.k1
        ids = sorted(tf)
        self.words.append((q.text, ids))
        # The scores themselves (c = 1): c·t/(t + k1) in one expression. Multiplying c into
        # t/(t + k1) afterwards rounds otherwise, and split documents that Whoosh scores as ties.
        return ids, [c * tf[d] / (tf[d] + k1) for d in ids], 1.0

    def scored_by_impacts(self, q):
        """Whether a :class:`BM25FTerm` is scored from the impacts (its fields are theirs)."""
        return self.terms.impact_fields is not None and q.fields == self.terms.impact_fields

    def doc_frequency(self, q):
        """A :class:`BM25FTerm`'s document frequency over the index, as its idf counts it."""
        if self.scored_by_impacts(q):
            return self.impact_entries(q)[0]
        return max((self.terms.frequency(f, text) for f, _, text in self.fields(q)), default=0)

    def impact_entries(self, q):
        """``(df, [per segment: its impacts entry or None])`` of a word (:meth:`_Terms.word`)."""
        try:
            text = self.leaf.schema[next(iter(q.fields))].to_bytes(q.text)
        except ValueError:
            return 0, [None] * len(self.terms.readers)
        return self.terms.word(text)

    def impact_list(self, q):
        """``(df, docnums, impacts)`` of a word in this segment, from the impacts."""
        df, found = self.impact_entries(q)
        entry = found[self.number]
        if entry is None:
            return df, (), ()
        _, ids, values = entry
        if self.cache.deleted:
            ids, values = without(ids, values, self.cache.deleted)
        return df, ids, values

    def pseudo_frequencies(self, q, only=None):
        """``(df, {docnum: BM25F pseudo-frequency})``: boosted, length-normalized, summed.

        ``only``: a set of documents; the others are left out.
        """
        tf = None
        for fieldname, boost, text in self.fields(q):
            info = self.terms.info(self.number, fieldname, text)
            if info is None:
                continue
            ids, weights = self.postings(fieldname, text, info)
            if only is not None:
                ids, weights = _restrict(ids, weights, only)
            tf = add_field(tf, ids, weights, boost, self.norms(fieldname))
        return self.doc_frequency(q), tf

    def fields(self, q):
        """``(field, boost, term bytes)`` of each field a :class:`BM25FTerm` scores here."""
        return q.field_terms(self.leaf.schema)

    def postings(self, fieldname, text, info):
        """``(docnums, frequencies)`` of a term: from the flat file if there is one."""
        ids, weights = term_postings(self.reader, fieldname, text, info, self.cache.flat)
        if self.cache.deleted:
            return without(ids, weights, self.cache.deleted)
        return ids, weights

    def norms(self, fieldname):
        """Each document's ``1 - b + b·len/avglen`` in ``fieldname`` (a list by docnum)."""
        cache = self.cache.norms
        key = (fieldname, id(self.top))
        if key not in cache:
            avgfl = self.top.avg_field_length(fieldname) or 1
            cache[key] = length_norms(self.reader, fieldname, field_b(self.weighting, fieldname),
                                      avgfl)
        return cache[key]


class _Terms:
    """The term infos of one search, each looked up once per segment, and their frequencies.

    A term's document frequency over the whole index is the sum of its segments' (as Whoosh's
    ``MultiReader.doc_frequency`` computes it, looking every segment up again).
    """

    def __init__(self, readers):
        self.readers = readers
        self.infos = {}
        self.frequencies = {}
        self.empty = {}  # (segment number, field) → the field holds no word in that segment
        self.impacts = None  # per segment, when every segment has usable impacts
        self.impact_fields = None  # the field boosts they were computed with
        self.searched = []  # the places of the impacts' fields a word is searched in
        self.words = {}  # word bytes → (df, per segment its impacts entry or None)

    def use_impacts(self, caches, top):
        """Score words from the segments' impacts when all have them, computed as ``top``
        scores (the same statistics and parameters)."""
        found = [cache.impacts_for(top) for cache in caches]
        if found and all(f is not None for f in found):
            params = found[0].params
            if all(f.params == params for f in found):
                self.impacts, self.impact_fields = found, params["fields"]
                # The fields a word is searched in (BM25FTerm.field_terms), by their place.
                self.searched = [i for i, (f, boost) in enumerate(self.impact_fields.items())
                                 if boost > 0 and f in top.schema]

    def word(self, text):
        """``(df, [per segment: (dfs, docnums, impacts) or None])`` of a word, from the impacts.

        ``df`` is the largest over the fields of the field's document frequency summed over the
        segments, as :meth:`frequency` computes it from Whoosh's term information.
        """
        known = self.words.get(text)
        if known is None:
            found = [impacts.get(text) for impacts in self.impacts]
            sums = [0] * len(self.impact_fields)
            for entry in found:
                if entry is not None:
                    sums = [a + b for a, b in zip(sums, entry[0])]
            known = self.words[text] = (max(sums, default=0), found)
        return known

    def info(self, number, fieldname, text):
        key = (number, fieldname, text)
        try:
            return self.infos[key]
        except KeyError:
            pass
        empty = self.empty.get((number, fieldname))
        if empty is None:  # a field no document has (lead, often) needs no dictionary probes
            empty = self.empty[number, fieldname] = not self.readers[number].field_length(fieldname)
        try:
            info = None if empty else self.readers[number].term_info(fieldname, text)
        except TermNotFound:
            info = None
        self.infos[key] = info
        return info

    def frequency(self, fieldname, text):
        key = (fieldname, text)
        if key not in self.frequencies:
            self.frequencies[key] = sum(info.doc_frequency() for info in (
                self.info(n, fieldname, text) for n in range(len(self.readers))) if info)
        return self.frequencies[key]


class _SegmentCache:
    """What a segment reader's searches share: its flat postings, deletions, length norms, and
    the documents of its filters."""

    def __init__(self, reader, directory):
        self.norms = {}  # (field, top searcher id) → each document's length norm
        self.flat = self.impacts = None
        if directory is not None and hasattr(reader, "segment"):
            self.flat = FlatPostings.open(directory, reader.segment())
            self.impacts = Impacts.open(directory, reader.segment())
        self.deleted = frozenset()
        if reader.has_deletions():
            self.deleted = frozenset(d for d in range(reader.doc_count_all())
                                     if reader.is_deleted(d))
        self.usable = {}  # top searcher id → its statistics are the impacts' own
        self.filters = {}  # filter query → the segment's documents it matches
        self.derived = {}  # what search.dense makes of the above (arrays), by name

    #: Filters kept per segment: a session's filters are few (lang:fa, a source...).
    MAX_FILTERS = 32

    def allowed(self, leaf, q):
        """The documents of the segment (``leaf``, its searcher) that the filter ``q`` matches.

        Kept for the next search with the same filter: a filter such as ``lang:fa`` matches most
        of the index, and listing its documents cost as much as the search itself.
        """
        try:
            found = self.filters.get(q)
        except TypeError:  # a query that cannot be hashed is not kept
            return frozenset(q.docs(leaf))
        if found is None:
            if len(self.filters) >= self.MAX_FILTERS:
                self.filters.clear()
            found = self.filters[q] = frozenset(q.docs(leaf))
        return found

    def impacts_for(self, top):
        """The impacts, if they were computed with ``top``'s statistics and parameters."""
        if self.impacts is None:
            return None
        key = id(top)
        if key not in self.usable:
            params = self.impacts.params
            self.usable[key] = parameters(top, params["fields"]) == params
        return self.impacts if self.usable[key] else None


#: Per segment reader; a reader's segment never changes, and its entry goes with it.
_SEGMENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _segment_cache(reader, directory):
    cache = _SEGMENTS.get(reader)
    if cache is None:
        cache = _SEGMENTS[reader] = _SegmentCache(reader, directory)
    return cache


def _restrict(ids, weights, only):
    """The postings (sorted ``ids``, ``weights``) of the documents in the set ``only``."""
    n = len(ids)
    if len(only) * 16 < n:  # few candidates: a binary search each
        kept_ids, kept_weights = [], []
        for d in sorted(only):
            i = bisect_left(ids, d)
            if i < n and ids[i] == d:
                kept_ids.append(d)
                kept_weights.append(weights[i])
        return kept_ids, kept_weights
    kept = [(d, w) for d, w in zip(ids, weights) if d in only]
    return [d for d, _ in kept], [w for _, w in kept]


def _summands(q):
    """The children of the sum ``q``, with those of any plain sum among them in its place.

    A sum of sums is one sum: an expanded query is an ``Or`` of concepts, each an ``Or`` of the
    user's word and its translations, and adding each concept's documents into the query's takes
    a pass over them that the flat sum does not.
    """
    return _flattened(q, _is_sum)


def _alternatives(q):
    """The children of the disjunction-max ``q``, with those of any unboosted one among them in
    its place (the largest of the largest is the largest)."""
    return _flattened(q, _is_dismax)


def _flattened(q, same):
    """The children of ``q``, each unboosted child for which ``same`` holds replaced by its own."""
    for child in q.subqueries:
        if same(child) and child.boost == 1:  # a wrapper (a nested filter) has no boost
            yield from _flattened(child, same)
        else:
            yield child


def _is_dismax(q):
    return type(q) is DisMax


def _is_sum(q):
    """An ``Or`` that adds its children's scores (no minimum match, no scaling)."""
    return type(q) is wq.Or and not q.minmatch and q.scale is None


def _size(part):
    return part[0]


def _scaled(ids, values, c):
    """``{docnum: c × value}``."""
    return {d: c * v for d, v in zip(ids, values)}


def _add(found, ids, values, c):
    """Add ``c`` times each document's value into ``found``."""
    get = found.get
    for d, v in zip(ids, values):
        found[d] = get(d, 0.0) + c * v


def _keep_larger(found, ids, values, c):
    """Keep the larger of each document's score in ``found`` and ``c`` times its value."""
    get = found.get
    for d, v in zip(ids, values):
        s = c * v
        old = get(d)
        if old is None or s > old:
            found[d] = s


__all__ = ["Found", "field_frequencies", "search"]
