"""Ranking: BM25 with Lucene's idf, and a true BM25F term query across the boosted fields.

Whoosh's ``BM25F`` computes idf as ``log(N / (df + 1)) + 1``, which never falls below 1, so very
common words keep a large weight. Lucene's BM25 uses ``log(1 + (N - df + 0.5) / (df + 0.5))``,
which tends to 0 for words in most documents (:class:`BM25`; on Hamshahri with our analyzers it
raised MAP from 0.800 to 0.816).

Whoosh also scores each field on its own and adds the scores up, so a word in the title and in the
body is saturated twice and a title boost multiplies a whole BM25 score. :class:`BM25FTerm` is the
BM25F of Robertson, Zaragoza and Taylor (2004): the word's frequency in each field, divided by that
field's length normalization and multiplied by the field's boost, is summed into one pseudo
frequency, saturated once with k1 and weighted by one idf::

    tf' = Σ_f boost_f · tf_f / (1 - b_f + b_f · len_f / avglen_f)
    score = idf · tf' · (k1 + 1) / (tf' + k1)

On Hamshahri (queries 1–25, title boost 3) summed per-field scores reached MAP 0.59; BM25F with the
same boosts reaches the single-field figure (``python bench/retrieval.py``).
"""

from math import log

from whoosh import matching, scoring
from whoosh.query import compound as wq_compound
from whoosh.query import qcore
from whoosh.util import make_binary_tree


class BM25(scoring.BM25F):
    """``BM25(B=0.75, K1=1.2, title_B=0.5, ...)``: Whoosh's BM25F with Lucene's idf."""

    def scorer(self, searcher, fieldname, text, qf=1):
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        B = self._field_B.get(fieldname, self.B)
        return BM25Scorer(searcher, fieldname, text, B, self.K1, qf=qf)

    def field_b(self, fieldname):
        return self._field_B.get(fieldname, self.B)


def field_b(weighting, fieldname):
    """The length normalization ``b`` that ``weighting`` gives ``fieldname`` (Whoosh's BM25F
    default, 0.75, for a model without one)."""
    if hasattr(weighting, "field_b"):
        return weighting.field_b(fieldname)
    return getattr(weighting, "B", 0.75)


def saturation(weighting):
    """The ``k1`` of ``weighting`` (Whoosh's BM25F default, 1.2, for a model without one)."""
    return getattr(weighting, "K1", 1.2)


def rsj_idf(doc_count, doc_frequency):
    """Lucene's BM25 idf: positive for every document frequency, near 0 for ubiquitous words."""
    return log(1 + (doc_count - doc_frequency + 0.5) / (doc_frequency + 0.5))


class BM25Scorer(scoring.BM25FScorer):
    def __init__(self, searcher, fieldname, text, B, K1, qf=1):
        parent = searcher.get_parent()  # global statistics come from the top-level searcher
        self.idf = rsj_idf(parent.doc_count_all(), parent.doc_frequency(fieldname, text))
        self.avgfl = parent.avg_field_length(fieldname) or 1
        self.B = B
        self.K1 = K1
        self.qf = qf
        self.setup(searcher, fieldname, text)


class BM25FTerm(qcore.Query):
    """One word searched in several fields at once, scored by BM25F (see the module docstring).

    ``BM25FTerm({"title": 3.0, "body": 1.0}, "غزه", boost=0.8)``. ``boost`` multiplies the whole
    score (the weight of a translation, for example); field boosts weigh frequencies.
    """

    def __init__(self, fields, text, boost=1.0):
        self.fields = dict(fields)
        self.text = text
        self.boost = boost

    def __eq__(self, other):
        return (type(self) is type(other) and self.fields == other.fields
                and self.text == other.text and self.boost == other.boost)

    def __hash__(self):
        return hash((tuple(sorted(self.fields.items())), self.text, self.boost))

    def __repr__(self):
        return f"{type(self).__name__}({self.fields!r}, {self.text!r}, boost={self.boost!r})"

    def __unicode__(self):
        return f"{self.text}@{'|'.join(self.fields)}"

    __str__ = __unicode__

    def has_terms(self):
        return True

    def terms(self, phrases=False):
        for fieldname in self.fields:
            yield fieldname, self.text

    def estimate_size(self, ixreader):
        return max((ixreader.doc_frequency(f, self.text) for f in self.fields if f in ixreader.schema),
                   default=0)

    def field_terms(self, schema):
        """``(field, boost, term bytes)`` of each field of ``schema`` the word is searched in."""
        for fieldname, boost in self.fields.items():
            if boost <= 0 or fieldname not in schema:
                continue
            try:
                yield fieldname, boost, schema[fieldname].to_bytes(self.text)
            except ValueError:
                continue

    def doc_frequency(self, searcher):
        """The documents of ``searcher`` that hold the word: the most of any of its fields (as its
        idf counts them)."""
        return max((searcher.doc_frequency(f, text) for f, _, text in self.field_terms(
            searcher.schema)), default=0)

    def matcher(self, searcher, context=None):
        weighting = context.weighting if context is not None else searcher.weighting
        k1 = saturation(weighting)
        parent = searcher.get_parent()
        reader = searcher.reader()
        children = []
        for fieldname, boost, text in self.field_terms(searcher.schema):
            if (fieldname, text) not in reader:
                continue
            children.append(searcher.postings(
                fieldname, text, weighting=_FieldFrequency(boost, field_b(weighting, fieldname))))
        if not children:
            return matching.NullMatcher()
        idf = rsj_idf(parent.doc_count_all(), self.doc_frequency(parent)) * self.boost
        inner = children[0] if len(children) == 1 else make_binary_tree(matching.UnionMatcher, children)
        return _SaturatingMatcher(inner, idf, k1)


class _FieldFrequency(scoring.WeightingModel):
    """Scores a posting as its length-normalized, boosted frequency: one summand of BM25F's tf'."""

    def __init__(self, boost, b):
        self.boost = boost
        self.b = b

    def supports_block_quality(self):
        return False

    def scorer(self, searcher, fieldname, text, qf=1):
        return _FieldFrequencyScorer(searcher, fieldname, text, self.boost, self.b)


class _FieldFrequencyScorer(scoring.WeightLengthScorer):
    def __init__(self, searcher, fieldname, text, boost, b):
        self.boost = boost
        self.b = b
        self.avgfl = searcher.get_parent().avg_field_length(fieldname) or 1
        self.setup(searcher, fieldname, text)

    def _score(self, weight, length):
        return self.boost * weight / (1 - self.b + self.b * length / self.avgfl)

    def supports_block_quality(self):
        return False


class _SaturatingMatcher(matching.WrappingMatcher):
    """Sums its children's pseudo frequencies and saturates them once: idf · tf'(k1+1)/(tf'+k1)."""

    def __init__(self, child, idf, k1):
        super().__init__(child)
        self.idf = idf
        self.k1 = k1

    def _replacement(self, newchild):
        return type(self)(newchild, self.idf, self.k1)

    def copy(self):
        return type(self)(self.child.copy(), self.idf, self.k1)

    def supports_block_quality(self):
        return False

    def max_quality(self):
        return self.idf * (self.k1 + 1)

    def score(self):
        tf = self.child.score()
        return self.idf * tf * (self.k1 + 1) / (tf + self.k1)


class DisMax(wq_compound.DisjunctionMax):
    """Whoosh's ``DisjunctionMax`` with a correct score and without dropped documents.

    Whoosh 2.7.4's ``DisjunctionMaxMatcher.score`` returns the larger of its two children's scores
    without checking that both stand on the current document, so a document matched by a
    zero-weight alternative scored as high as another document matched by the heavy one (found
    on Hamshahri: expansion lowered monolingual MAP from 0.78 to 0.58). Its ``replace`` returns
    an empty matcher as soon as one child is exhausted, losing the other child's remaining
    documents.
    """

    def _matcher(self, subs, searcher, context):
        r = searcher.reader()
        return self._tree_matcher(subs, _DisMaxMatcher, searcher, context,
                                  lambda q: q.estimate_size(r), tiebreak=self.tiebreak)


class _DisMaxMatcher(matching.DisjunctionMaxMatcher):
    def replace(self, minquality=0):
        # Whoosh 2.7.4 returns a NullMatcher here when one child has run out after replacing,
        # dropping every remaining document of the other child.
        a, b = self.a, self.b
        if minquality and a.is_active() and b.is_active():
            a_max, b_max = a.max_quality(), b.max_quality()
            if a_max < minquality and b_max < minquality:
                return matching.NullMatcher()
            if b_max < minquality:
                return a.replace(minquality)
            if a_max < minquality:
                return b.replace(minquality)
        a = a.replace(minquality) if a.is_active() else a
        b = b.replace(minquality) if b.is_active() else b
        a_active, b_active = a.is_active(), b.is_active()
        if not (a_active or b_active):
            return matching.NullMatcher()
        if not a_active:
            return b
        if not b_active:
            return a
        if a is not self.a or b is not self.b:
            return type(self)(a, b, tiebreak=self.tiebreak)
        return self

    def score(self):
        a, b = self.a, self.b
        if not a.is_active():
            return b.score()
        if not b.is_active():
            return a.score()
        a_id, b_id = a.id(), b.id()
        if a_id < b_id:
            return a.score()
        if b_id < a_id:
            return b.score()
        return max(a.score(), b.score())


class RareFirstOr(wq_compound.Or):
    """An ``Or`` of words in which the common ones only add to documents that hold a rare one.

    ``RareFirstOr([BM25FTerm(...), ...], cutoff=0.01)``. A child :class:`BM25FTerm` found in more
    than ``cutoff`` of the index's documents is *common*; the others, and any child that is not a
    single word, are *rare*. The query scores as ``AndMaybe(Or(rare), Or(common))``: a document
    needs a rare word to match, and then its common words add to its score as in a plain ``Or``.
    When every word is common, the rarest one (the first of equals) plays the rare part.

    This is Lucene's ``CommonTermsQuery``, for the words of one multi-word spelling, such as the
    translation تحت تاثیر قرار دادن of "affect": a document that holds only قرار ("agreement,
    placed") or only دادن ("to give") has not said "affect", and reading those words' long
    postings for every document cost an expanded search most of its time. Document frequencies
    come from the top-level searcher, so a document's score does not depend on its segment.
    """

    def __init__(self, subqueries, boost=1.0, cutoff=0.01):
        super().__init__(subqueries, boost=boost)
        self.cutoff = cutoff

    def __eq__(self, other):
        return super().__eq__(other) and self.cutoff == other.cutoff

    __hash__ = wq_compound.Or.__hash__

    def normalize(self):
        subqueries = [q.normalize() for q in self.subqueries]
        subqueries = [q for q in subqueries if q is not qcore.NullQuery]
        if not subqueries:
            return qcore.NullQuery
        if len(subqueries) == 1:
            return subqueries[0].with_boost(subqueries[0].boost * self.boost)
        return type(self)(subqueries, boost=self.boost, cutoff=self.cutoff)

    def split(self, doc_frequency, doc_count):
        """``(rare, common)`` children; ``doc_frequency(term)`` of a :class:`BM25FTerm`."""
        limit = self.cutoff * doc_count
        rare, common, rarest = [], [], None
        for q in self.subqueries:
            df = doc_frequency(q) if type(q) is BM25FTerm else None
            if df is None or df <= limit:
                rare.append(q)
                continue
            common.append(q)
            if rarest is None or df < rarest[0]:
                rarest = (df, q)
        if not rare:
            rare = [rarest[1]]
            common = [q for q in common if q is not rarest[1]]
        return rare, common

    def equivalent(self, doc_frequency, doc_count):
        """The plain query this one scores as (without its boost)."""
        rare, common = self.split(doc_frequency, doc_count)
        first = rare[0] if len(rare) == 1 else wq_compound.Or(rare)
        if not common:
            return first
        return wq_compound.AndMaybe(first, common[0] if len(common) == 1
                                    else wq_compound.Or(common))

    def matcher(self, searcher, context=None):
        top = searcher.get_parent()
        q = self.equivalent(lambda term: term.doc_frequency(top), top.doc_count_all())
        if type(q) is wq_compound.AndMaybe:
            a, b = q.a.matcher(searcher, context), q.b.matcher(searcher, context)
            m = _AndMaybeMatcher(a, b) if a.is_active() and b.is_active() else a
        else:
            m = q.matcher(searcher, context)
        return matching.WrappingMatcher(m, self.boost) if self.boost != 1 else m


class _AndMaybeMatcher(matching.AndMaybeMatcher):
    """Whoosh's ``AndMaybeMatcher``, which loses the optional part's score after a skip.

    Whoosh 2.7.4 skips the optional matcher to the id asked for rather than to the one the
    required matcher landed on, so inside an ``And`` (which skips) a document could be scored
    without its optional words.
    """

    def skip_to(self, id):
        if not self.a.is_active():
            raise matching.ReadTooFar
        ra = self.a.skip_to(id)
        rb = False
        if self.a.is_active() and self.b.is_active():
            rb = self.b.skip_to(self.a.id())
        return ra or rb
