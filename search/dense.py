"""Score a compiled query into one NumPy array per segment: :mod:`search.evaluate`, vectorized.

:mod:`search.evaluate` keeps ``{docnum: score}`` dictionaries and moves every posting of every
word into them with a Python step. An expanded query searches two to three times the words of
its original (each concept's translations, their spellings, transliterations), so it paid two to
three times the steps. Here a segment's scores are an array with a place for every document, and
a word's postings go into it in one NumPy operation, at C speed; the shape of the tree and the
order of its evaluation are :mod:`search.evaluate`'s, so each document's score is the same up to
the order of floating-point additions.

A document's place holds 0.0 while nothing matched it: every score here is positive (a word's
BM25F score is, its idf and its impact both positive, and every boost of the tree must be
positive too). So an ``AndMaybe`` adds its second part where the first is positive, and
``DisMax`` takes the larger of two arrays place by place.

The words are scored from the segments' impacts (:mod:`index.impacts`); every other node
(conjunctions, phrases, prefixes, words searched in other fields...) is scored by
:mod:`search.evaluate`'s evaluator and its dictionary spread into an array. A tree with a boost that is not positive, or
a dictionary with a score that is not, is scored by :mod:`search.evaluate` whole: a zero there
would read as "no match".

Importing NumPy takes about 60 ms, a third of a cold ``dozaban search``; a process that searches
once (the CLI's single search) leaves it off (:attr:`search.config.SearchSettings.vectorized`).
"""

from __future__ import annotations

import heapq
from array import array
from itertools import islice

import numpy as np
from whoosh import query as wq

from index.scoring import BM25FTerm, DisMax, RareFirstOr, rsj_idf
from search import evaluate
from search.evaluate import Found, _alternatives, _is_sum, _rank_key, _summands


class _NotDense(Exception):
    """A score that is not positive: the search goes to :func:`search.evaluate.search`."""


def search(searcher, query, limit=10, filter=None, directory=None):
    """:func:`search.evaluate.search`, the same arguments and result, scored into arrays.

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
    best, total, words, others = [], 0, [], []
    try:
        for number, (leaf, offset) in enumerate(leaves):
            scorer = _Dense(leaf, searcher, directory, terms, number)
            scores = scorer.scores(query)
            words.extend((offset, text, docs) for text, docs in scorer.words)
            others.extend(q for q in scorer.others if q not in others)
            if scorer.cache.deleted:
                scores[_deleted(scorer.cache)] = 0.0
            if filter is not None:
                scores[~_allowed(scorer.cache, leaf, filter, len(scores))] = 0.0
            count, docs = _candidates(scores, limit)
            total += count
            top = _best(docs, scores[docs], limit)
            best.append([(offset + d, s) for d, s in top] if offset else top)
    except _NotDense:
        return evaluate.search(searcher, query, limit, filter, directory=directory)
    hits = best[0] if len(best) == 1 else heapq.merge(*best, key=_rank_key)
    return Found(tuple(islice(hits, limit)), total, tuple(words), tuple(others))


def _positive(q):
    """Whether every boost in the tree ``q`` is positive."""
    if not getattr(q, "boost", 1.0) > 0:  # a wrapper (ConstantScoreQuery) has none
        return False
    return all(_positive(child) for child in q.children())


def _candidates(scores, limit):
    """``(number of documents with a score, docnums that hold the limit best)``.

    Listing every document with a score took a search more than the scores of its translations
    (an expanded title matches most of a segment); the best are among those within half of the
    highest score, or a quarter of that..., and those are few.
    """
    count = int(np.count_nonzero(scores))
    if limit is None or count <= limit:
        return count, np.flatnonzero(scores)
    high = scores.max()
    floor = high * 0.5
    while floor > high * 1e-6:
        docs = np.flatnonzero(scores >= floor)
        if len(docs) >= limit:
            return count, docs
        floor *= 0.25
    return count, np.flatnonzero(scores)


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
    found = getattr(cache, "deleted_array", None)
    if found is None:
        found = cache.deleted_array = np.fromiter(sorted(cache.deleted), dtype=np.intp)
    return found


def _allowed(cache, leaf, q, size):
    """A boolean array of the segment's documents the filter ``q`` matches (kept with the
    segment's filters)."""
    masks = getattr(cache, "filter_masks", None)
    if masks is None:
        masks = cache.filter_masks = {}
    try:
        found = masks.get(q)
    except TypeError:  # a query that cannot be hashed is not kept
        found = None
        masks = {}
    if found is None:
        found = np.zeros(size, dtype=bool)
        allowed = cache.allowed(leaf, q)
        if allowed:
            found[np.fromiter(allowed, dtype=np.intp, count=len(allowed))] = True
        if len(masks) >= cache.MAX_FILTERS:
            masks.clear()
        masks[q] = found
    return found


class _Dense(evaluate._Evaluator):
    """Scores a tree on one segment into an array (``scores``); the nodes it has no array
    operation for go to :class:`search.evaluate._Evaluator`, whose helpers it shares."""

    def __init__(self, *args):
        super().__init__(*args)
        self.size_all = self.reader.doc_count_all()
        self.idf_n = self.top.doc_count_all()
        self.arrays = {}  # word → (docnums, impacts) as arrays over the impacts' own

    def scores(self, q):
        """A new float64 array: each document's score of ``q`` in this segment, 0.0 for none."""
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
            if out.any():
                first = out > 0
                words = len(self.words)
                out += np.where(first, self.scores(q.b), 0.0)
                # As the evaluator scores the second part on the first's documents alone, its
                # words count as matched in those documents only.
                self.words[words:] = [(text, _kept(ids, first)) for text, ids in self.words[words:]]
        elif kind is wq.AndNot:
            out = self.scores(q.a)
            if out.any():
                excluded = list(q.b.docs(self.leaf))
                if excluded:
                    out[excluded] = 0.0
        else:
            # Scored by the evaluator (its boost included), then spread into an array. So is an
            # And: the evaluator scores its rarest child first and each next one on the documents
            # still in the running, which beats adding whole arrays (0.24 against 0.48 ms for an
            # expanded English title in "all" mode).
            return self.spread(self.node(q))
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
            entry = entries[self.number]
            ids, values = (_EMPTY_IDS, _EMPTY_VALUES) if entry is None else (
                np.frombuffer(entry[1], dtype=np.uint32), np.frombuffer(entry[2], dtype=np.float64))
            # The deleted documents stay in: search() clears their places at the end. The words
            # keep the array("I") itself: Found.matched_words bisects it, which is slower on an
            # ndarray (a NumPy scalar made at every step).
            found = self.arrays[q.text] = (ids, values, rsj_idf(self.idf_n, df) * (self.k1 + 1),
                                           None if entry is None else entry[1])
        ids, values, idf, listed = found
        if len(ids):
            self.words.append((q.text, listed))
        return ids, values, idf * q.boost

    def merge(self, children, add):
        """The sum (``add``) or the largest, place by place, of the children's scores; the
        largest child first, as :meth:`search.evaluate._Evaluator.combine` adds them."""
        parts = []
        for child in children:
            if type(child) is BM25FTerm and self.scored_by_impacts(child):
                ids, values, c = self.term(child)
                if len(ids):
                    parts.append((len(ids), None, (ids, values, c)))
            else:
                scores = self.scores(child)
                # The order of a maximum does not change it: only a sum needs the sizes.
                parts.append((int(np.count_nonzero(scores)) if add else 0, scores, None))
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

    def spread(self, found):
        """An array of the dictionary ``{docnum: score}``."""
        out = self.zeros()
        if found:
            values = np.fromiter(found.values(), dtype=np.float64, count=len(found))
            if not (values > 0).all():
                raise _NotDense()
            out[np.fromiter(found.keys(), dtype=np.intp, count=len(found))] = values
        return out


def _kept(ids, allowed):
    """The document numbers of the sorted sequence ``ids`` that the boolean array ``allowed``
    allows, as an ``array("I")``."""
    ids = np.asarray(ids, dtype=np.uint32)
    return array("I", ids[allowed[ids]].tobytes())


_EMPTY_IDS = np.zeros(0, dtype=np.uint32)
_EMPTY_VALUES = np.zeros(0, dtype=np.float64)

__all__ = ["search"]
