"""Score a compiled query into one NumPy array for the whole index: :mod:`search.evaluate`,
vectorized.

:mod:`search.evaluate` keeps ``{docnum: score}`` dictionaries and moves every posting of every
word into them with a Python step. An expanded query searches two to three times the words of
its original (each concept's translations, their spellings, transliterations), so it paid two to
three times the steps. Here the scores are an array with a place for every document of the index
(a segment's documents at its offset), and a word's postings, its segments' put end to end, go
into it in one NumPy operation, at C speed. The shape of the tree and the order of its evaluation
are :mod:`search.evaluate`'s, so each document's score is the same up to the order of
floating-point additions (a sum's parts are ordered by their sizes over the whole index, where
the evaluator orders them per segment).

A document's place holds 0.0 while nothing matched it: every score here is positive (a word's
BM25F score is, its idf and its impact both positive, and every boost of the tree must be
positive too). So an ``AndMaybe`` adds its second part where the first is positive, and
``DisMax`` takes the larger of two arrays place by place.

The words are scored from the segments' impacts (:mod:`index.impacts`); every other node
(conjunctions, phrases, prefixes, words searched in other fields...) is scored segment by segment
by :mod:`search.evaluate`'s evaluators and their dictionaries spread into the array. A tree with a
boost that is not positive, or a dictionary with a score that is not, is scored by
:mod:`search.evaluate` whole: a zero there would read as "no match".

Importing NumPy takes about 60 ms, a third of a cold ``dozaban search``; a process that searches
once (the CLI's single search) leaves it off (:attr:`search.config.SearchSettings.vectorized`).
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq

from index.scoring import BM25FTerm, DisMax, RareFirstOr, rsj_idf
from search import evaluate
from search.evaluate import Found, _alternatives, _is_sum, _summands


class _NotDense(Exception):
    """A score that is not positive: the search goes to :func:`search.evaluate.search`."""


def search(searcher, query, limit=10, filter=None, directory=None):
    """:func:`search.evaluate.search`, the same arguments and result, scored into an array.

    Without usable impacts (no ``directory``, or impacts computed with other statistics), for a
    conjunction (the query of the ``all`` mode), or for a tree with a boost that is not positive,
    it is :func:`search.evaluate.search` itself.
    """
    leaves = searcher.leaf_searchers()
    terms = evaluate._Terms([leaf.reader() for leaf, _ in leaves])
    if directory is not None:
        terms.use_impacts([evaluate._segment_cache(leaf.reader(), directory)
                           for leaf, _ in leaves], searcher)
    if terms.impacts is None or type(query) is wq.And or not _positive(query):
        # An And is the evaluator's own (see _Dense.scores): no array would be added.
        return evaluate.search(searcher, query, limit, filter, directory=directory)
    scorer = _Dense(searcher, leaves, directory, terms)
    try:
        scores = scorer.scores(query)
    except _NotDense:
        return evaluate.search(searcher, query, limit, filter, directory=directory)
    deleted = scorer.deleted()
    if len(deleted):
        scores[deleted] = 0.0
    if filter is not None:
        scores[~scorer.allowed(filter)] = 0.0
    count, docs = _candidates(scores, limit)
    return Found(tuple(_best(docs, scores[docs], limit)), count, tuple(scorer.words),
                 tuple(scorer.others()))


def _positive(q):
    """Whether every boost in the tree ``q`` is positive."""
    if not getattr(q, "boost", 1.0) > 0:  # a wrapper (ConstantScoreQuery) has none
        return False
    return all(_positive(child) for child in q.children())


def _candidates(scores, limit):
    """``(number of documents with a score, docnums that hold the limit best)``.

    Listing every document with a score took a search more than the scores of its translations
    (an expanded title matches a good part of the index); the best are among those within half
    of the highest score, or a quarter of that..., and those are few.
    """
    scored = scores > 0  # (NumPy counts and lists a boolean array several times faster)
    count = int(np.count_nonzero(scored))
    if limit is None or count <= limit:
        return count, np.flatnonzero(scored)
    high = scores.max()
    floor = high * 0.5
    while floor > high * 1e-6:
        docs = np.flatnonzero(scores >= floor)
        if len(docs) >= limit:
            return count, docs
        floor *= 0.25
    return count, np.flatnonzero(scored)


def _best(docs, scores, limit):
    """The ``limit`` best ``(docnum, score)`` (Python numbers) of ``docs`` and their ``scores``:
    highest score first, then lowest docnum."""
    if limit is not None and len(docs) > limit:
        # The limit-th best score: only the documents that reach it are sorted. (Partitioning
        # the whole array, most of it zeros, took ten times as long.)
        kth = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= kth
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))
    if limit is not None:
        order = order[:limit]
    return list(zip(docs[order].tolist(), scores[order].tolist()))


def _deleted(cache):
    """The segment's deleted documents, as an array (kept with the segment)."""
    found = cache.derived.get("deleted")
    if found is None:
        found = cache.derived["deleted"] = np.fromiter(sorted(cache.deleted), dtype=np.intp)
    return found


def _allowed(cache, leaf, q, size):
    """A boolean array of the segment's documents the filter ``q`` matches (kept with the
    segment's filters, :meth:`search.evaluate._SegmentCache.allowed`)."""
    masks = cache.derived.setdefault("filters", {})
    try:
        found = masks.get(q)
    except TypeError:  # a query that cannot be hashed is not kept
        found, masks = None, {}
    if found is None:
        found = np.zeros(size, dtype=bool)
        allowed = cache.allowed(leaf, q)
        if allowed:
            found[np.fromiter(allowed, dtype=np.intp, count=len(allowed))] = True
        if len(masks) >= cache.MAX_FILTERS:
            masks.clear()
        masks[q] = found
    return found


class _Dense:
    """Scores a tree over the whole index into an array (``scores``); the nodes it has no array
    operation for go to one :class:`search.evaluate._Evaluator` per segment, whose helpers
    (document frequencies, the impacts' entries) it uses."""

    def __init__(self, searcher, leaves, directory, terms):
        self.evaluators = [evaluate._Evaluator(leaf, searcher, directory, terms, number)
                           for number, (leaf, _) in enumerate(leaves)]
        self.offsets = [offset for _, offset in leaves]
        self.sizes = [leaf.reader().doc_count_all() for leaf, _ in leaves]
        self.size_all = sum(self.sizes)
        first = self.evaluators[0]
        self.scored_by_impacts = first.scored_by_impacts
        self.impact_entries = first.impact_entries
        self.doc_frequency = first.doc_frequency
        self.idf_n = searcher.doc_count_all()
        self.k1 = first.k1
        self.arrays = {}  # word → (docnums, impacts, idf, the docnums for words)
        self.has_deletions = any(e.cache.deleted for e in self.evaluators)
        # (offset 0, text, its sorted docnums in the index) of every word scored: from the
        # impacts, and those the evaluators scored (take_words)
        self.words = []
        self._deleted = None

    def scores(self, q):
        """A new float64 array: each document's score of ``q``, 0.0 for none."""
        kind = type(q)
        if kind is BM25FTerm and self.scored_by_impacts(q):
            out = self.zeros()
            ids, values, c = self.term(q)
            if len(ids):
                out[ids] = c * values
            return out
        if kind is not BM25FTerm and _is_sum(q):
            out = self.merge(_summands(q), add=True)
        elif kind is DisMax:
            out = self.merge(_alternatives(q), add=False)
        elif kind is RareFirstOr:
            out = self.scores(q.equivalent(self.doc_frequency, self.idf_n))
        elif kind is wq.AndMaybe:
            out = self.scores(q.a)
            first = out > 0
            if self.has_deletions:
                first[self.deleted()] = False  # (their places are cleared only at the end)
            if first.any():
                words = len(self.words)
                extra = self.scores(q.b)
                extra *= first
                out += extra
                # As the evaluator scores the second part on the first's documents alone, its
                # words count as matched in those documents only.
                self.words[words:] = [(0, text, _kept(ids, first))
                                      for _, text, ids in self.words[words:]]
        elif kind is wq.AndNot:
            out = self.scores(q.a)
            if out.any():
                for evaluator, offset in zip(self.evaluators, self.offsets):
                    excluded = [offset + d for d in q.b.docs(evaluator.leaf)]
                    if excluded:
                        out[excluded] = 0.0
        else:
            # Scored by the evaluators (its boost included), then spread into the array. So is
            # an And: the evaluator scores its rarest child first and each next one on the
            # documents still in the running, which beats adding whole arrays (0.22 against
            # 0.38-0.45 ms for an expanded English title in "all" mode, index-wide arrays).
            return self.spread(q)
        if q.boost != 1:
            out *= q.boost
        return out

    def zeros(self):
        return np.zeros(self.size_all)

    def term(self, q):
        """``(docnums, impacts, c)`` arrays of a word scored from the impacts: its score in a
        document is ``c`` times the impact. Its documents are kept for ``Found.matched_words``."""
        found = self.arrays.get(q.text)
        if found is None:
            df, entries = self.impact_entries(q)
            ids, values = [], []
            for entry, offset in zip(entries, self.offsets):
                if entry is not None and len(entry[1]):
                    # The deleted documents stay in: search() clears their places at the end.
                    ids.append(np.frombuffer(entry[1], dtype=np.uint32).astype(np.intp) + offset)
                    values.append(np.frombuffer(entry[2], dtype=np.float64))
            if not ids:
                ids, values = _EMPTY_IDS, _EMPTY_VALUES
            elif len(ids) == 1:
                ids, values = ids[0], values[0]
            else:
                ids, values = np.concatenate(ids), np.concatenate(values)
            # Found.matched_words bisects the words' documents: a memoryview gives it Python
            # ints at C speed (an ndarray makes a NumPy scalar at every step).
            found = self.arrays[q.text] = (ids, values, rsj_idf(self.idf_n, df), memoryview(ids))
        ids, values, idf, listed = found
        if len(ids):
            self.words.append((0, q.text, listed))
        # The factors in the evaluator's order: the same product, to the last bit.
        return ids, values, idf * q.boost * (self.k1 + 1)

    def merge(self, children, add):
        """The sum (``add``) or the largest, place by place, of the children's scores; the
        largest child first, as :meth:`search.evaluate._Evaluator.combine` adds them (its sizes
        are a segment's, these the index's: the same order but where segments differ)."""
        parts = []
        for child in children:
            if type(child) is BM25FTerm and self.scored_by_impacts(child):
                ids, values, c = self.term(child)
                if len(ids):
                    parts.append((len(ids), None, (ids, values, c)))
            else:
                scores = self.scores(child)
                # The order of a maximum does not change it: only a sum needs the sizes.
                parts.append((int(np.count_nonzero(scores > 0)) if add else 0, scores, None))
        if add:
            parts.sort(key=evaluate._size, reverse=True)
        out = None
        for _, scores, postings in parts:
            if out is None:
                if scores is not None:
                    out = scores
                    continue
                out = self.zeros()
            if scores is not None:
                if add:
                    out += scores
                else:
                    np.maximum(out, scores, out=out)
            else:
                ids, values, c = postings
                if add:
                    out[ids] += c * values
                else:
                    out[ids] = np.maximum(out[ids], c * values)
        return out if out is not None else self.zeros()

    def spread(self, q):
        """An array of ``q`` scored by each segment's evaluator."""
        out = self.zeros()
        for evaluator, offset in zip(self.evaluators, self.offsets):
            found = evaluator.node(q)
            # Its words join this search's, in the index's document numbers: an AndMaybe above
            # keeps them in its first part's documents only.
            self.words.extend((0, text, memoryview(np.asarray(docs, dtype=np.intp) + offset))
                              for text, docs in evaluator.words)
            evaluator.words.clear()
            if found:
                values = np.fromiter(found.values(), dtype=np.float64, count=len(found))
                if not (values > 0).all():
                    raise _NotDense()
                ids = np.fromiter(found.keys(), dtype=np.intp, count=len(found))
                out[ids + offset] = values
        return out

    def deleted(self):
        """The index's deleted documents."""
        if self._deleted is None:
            parts = [_deleted(e.cache) + offset
                     for e, offset in zip(self.evaluators, self.offsets) if e.cache.deleted]
            self._deleted = np.concatenate(parts) if parts else _EMPTY_IDS
        return self._deleted

    def allowed(self, q):
        """A boolean array of the documents the filter ``q`` matches."""
        masks = [_allowed(e.cache, e.leaf, q, size) for e, size in zip(self.evaluators, self.sizes)]
        return masks[0] if len(masks) == 1 else np.concatenate(masks)

    def others(self):
        """The queries the evaluators scored by their own Whoosh matchers, once each."""
        found = []
        for evaluator in self.evaluators:
            found.extend(q for q in evaluator.others if q not in found)
        return found


def _kept(ids, allowed):
    """The document numbers of the sorted sequence ``ids`` (a memoryview of an ndarray) that the
    boolean array ``allowed`` allows, as a memoryview."""
    ids = np.asarray(ids)
    return memoryview(ids[allowed[ids]])


_EMPTY_IDS = np.zeros(0, dtype=np.intp)
_EMPTY_VALUES = np.zeros(0, dtype=np.float64)

__all__ = ["search"]
