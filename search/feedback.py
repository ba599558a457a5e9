"""Pseudo-relevance feedback: the words of the best documents join the query.

A query and the documents it should find often name the same thing in different words; across
languages more often still, since a glossary gives one translation where the writer chose another
(compensation for damage → غرامت, خسارت; the story says جبران خسارات). Relevance feedback in
the manner of RM3 (Lavrenko and Croft 2001; Abdul-Jaleel et al. 2004) takes the ``docs`` best
documents of a first search, weighs every word by how much of each document it makes up, times
that document's share of their scores::

    weight(w) = Σ_d  tf(w, d) / |d| · score(d) / Σ_d' score(d')

keeps the ``terms`` words of highest ``weight · idf`` that occur in at least two documents of the
index, and searches them too, each weighted ``feedback_weight · weight / max weight`` (the user's
own words weigh 1). The defaults (10 documents, 20 words, 0.5) are the usual RM3 settings, not
fitted to our evaluation data.

Documents in the words' own language come back first: an English query expanded into Persian
finds Persian documents whose other words (the vocabulary of the stories, not of the glossary)
then find more. On Hamshahri it raised English → Persian MAP from 0.714 to 0.767 and Persian
MAP from 0.819 to 0.841 (``bench/retrieval.py``). It costs a second search and the analysis of
the feedback documents, so batch mode uses it and interactive search does not, unless asked.
"""

from __future__ import annotations

import heapq
from collections import Counter

from analyzers.memo import index_tokens
from index.scoring import BM25FTerm, rsj_idf

TEXT_FIELDS = ("title", "lead", "body")


def feedback_terms(searcher, hits, analyzer, terms=20, fields=TEXT_FIELDS, min_df=2,
                   frequency=None):
    """``[(term, weight)]``: up to ``terms`` words of the ``hits`` (``(docnum, score)``), best
    first, weights scaled so that the best is 1. Words in fewer than ``min_df`` documents of the
    index (typos, one story's names) are left out.

    ``analyzer``: the index analyzer, or a :class:`~analyzers.memo.MemoizedAnalysis` of it.
    ``frequency(word)``: a word's largest document frequency over ``fields``
    (:func:`search.evaluate.field_frequencies`); by default asked of ``searcher``.
    """
    total = sum(score for _, score in hits if score > 0)
    if not total:
        return []
    weights = Counter()
    for docnum, score in hits:
        if score <= 0:
            continue
        stored = searcher.stored_fields(docnum)
        text = "\n".join(stored.get(f) or "" for f in fields)
        counts = Counter(term for term, _, _ in index_tokens(text, analyzer))
        length = sum(counts.values())
        if not length:
            continue
        share = score / total
        for word, n in counts.items():
            weights[word] += n / length * share
    if frequency is None:
        index_fields = [f for f in fields if f in searcher.schema]

        def frequency(word):
            return max((searcher.doc_frequency(f, word) for f in index_fields), default=0)
    count = searcher.doc_count_all()
    # Words are taken by weight, best first; a word's idf is at most that of a word in min_df
    # documents, so once even that cannot lift a word above the terms-th value found, no later
    # word can enter and their document frequencies need not be looked up.
    top_idf = rsj_idf(count, min_df)
    ranked, best_values = [], []  # (value, word) of the words kept; a heap of the best values
    for word, weight in sorted(weights.items(), key=lambda item: -item[1]):
        if len(best_values) == terms and weight * top_idf < best_values[0]:
            break
        df = frequency(word)
        if df >= min_df:
            value = weight * rsj_idf(count, df)
            ranked.append((value, word))
            if len(best_values) < terms:
                heapq.heappush(best_values, value)
            elif value > best_values[0]:
                heapq.heapreplace(best_values, value)
    ranked.sort(key=lambda item: (-item[0], item[1]))
    ranked = ranked[:terms]
    if not ranked:
        return []
    best = ranked[0][0]
    return [(word, value / best) for value, word in ranked]


def feedback_query(terms, fields, weight):
    """One :class:`~index.scoring.BM25FTerm` per feedback word, weighted ``weight`` at most."""
    return [BM25FTerm(fields, word, boost=weight * value) for word, value in terms]


__all__ = ["feedback_query", "feedback_terms"]
