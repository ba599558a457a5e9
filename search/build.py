"""Turn a parsed query (:mod:`search.query`) into a Whoosh query over the boosted fields.

A word is one :class:`index.scoring.BM25FTerm` over the full-text fields (true BM25F: the field
boosts weigh the word's frequency in each field, saturated once); a phrase is built once per field
with that field's boost. Either is weighted by the words it stands for (1 for the user's own words,
less for translations); boosts are applied nowhere else. A concept is scored as::

    Or( DisMax(own words, own-language variants),  DisMax(translation, translation, ...) )

so a concept found in both languages of a mixed document counts twice, but a concept with many
translations never outweighs one with a single translation. Side-by-side parts combine according
to the match mode: ``any`` (Or: documents matching any concept, the convention of IR evaluation)
or ``all`` (And: every concept, in either language). In ``any`` mode the words of a multi-word
translation (and a translated compound's parts written apart) are a
:class:`~index.scoring.RareFirstOr`: a word in more than ``common_word_share`` of the documents
counts only in documents that hold a rarer word of the same translation.

Top-level filters (``lang:``, ``source:``, ``tags:``, dates) become Whoosh's ``filter=`` and do
not change scores; nested ones are scored zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from whoosh import query as wq

from analyzers import fold_word, tag_key
from index.scoring import BM25FTerm, DisMax, RareFirstOr
from search import query as ast
from search.expand import Alternative, Concept, expand

#: Filter names of the query language → schema fields.
FILTER_FIELDS = {"lang": "lang", "source": "source", "tags": "tag", "tag": "tag", "id": "id"}
_LOWERCASE_FILTERS = {"lang"}  # its field is indexed lower-cased
_TAG_FILTERS = {"tag", "tags"}  # indexed under their keys (analyzers.normalize.tag_key)


@dataclass
class Compiled:
    """What one query compiled to: the Whoosh query, its filter, and what went into it."""

    query: object | None
    filter: object | None
    concepts: list = field(default_factory=list)
    terms: set = field(default_factory=set)  # every index term searched, for highlighting
    groups: dict = field(default_factory=dict)  # index term → number of its concept


class Compiler:
    """Compile one parsed query; a fresh instance per query (it accumulates concepts and terms)."""

    def __init__(self, boosts, settings, analyze, mode="any", tiers=None, transliterate=None,
                 tag_keys=True, expansions=None):
        self.boosts = dict(boosts)
        # False for an index of schema version 1, whose tags are only lower-cased.
        self.tag_keys = tag_keys
        self.settings = settings
        self.analyze = analyze
        self.mode = mode
        self.tiers = tiers  # callable returning [(glossary, weight)], or None for no expansion
        self.transliterate = transliterate
        # Run of words → its concepts: compilers with the same tiers and transliteration (those
        # of one search: ``auto`` compiles for ``all``, then ``any``) may share one dict.
        self.expansions = {} if expansions is None else expansions
        self.concepts, self.terms, self.groups = [], set(), {}

    def compile(self, node):
        filters = []
        if isinstance(node, (ast.Seq, ast.And)):
            rest = []
            for child in node.nodes:
                (filters if isinstance(child, (ast.Filter, ast.DateFilter)) else rest).append(child)
            node = type(node)(tuple(rest)) if rest else ast.Empty()
        elif isinstance(node, (ast.Filter, ast.DateFilter)):
            filters, node = [node], ast.Empty()
        query = self.node(node)
        filter_q = _and([self.filter(f) for f in filters])
        if query is None and filter_q is not None:
            query, filter_q = filter_q, None
        return Compiled(query, filter_q, self.concepts, self.terms, self.groups)

    # -- the tree ----------------------------------------------------------------------------------

    def node(self, node):
        kind = type(node).__name__
        return getattr(self, "on_" + kind.lower())(node)

    def on_empty(self, node):
        return None

    def on_text(self, node):
        concepts = self.expanded(node.text)
        if not concepts:
            return None
        fields = self.fields(node.field)
        return self.combine([self.concept(c, fields) for c in concepts])

    def expanded(self, text):
        """The concepts of a run of words (:func:`search.expand.expand`), each run expanded once
        per ``expansions``."""
        concepts = self.expansions.get(text)
        if concepts is None:
            words = self.analyze(text)
            tiers = self.tiers() if self.tiers else []
            translit = self.transliterate if self.tiers else None
            concepts = self.expansions[text] = tuple(
                expand(words, text, tiers, self.settings, translit)) if words else ()
        return concepts

    def on_phrase(self, node):
        words = self.analyze(node.text)
        if not words:
            return None
        fields = self.fields(node.field)
        own = tuple(w.forms for w in words)
        alternatives = ()
        if self.tiers:
            for glossary, weight in self.tiers():
                matches = glossary.lookup(words)
                if matches:
                    concept = expand(words, node.text, [(glossary, weight)], self.settings)[0]
                    alternatives = concept.alternatives if len(concept.words) == len(own) else ()
                    break
        concept = Concept(node.text, words[0].script, own, alternatives)
        return self.concept(concept, fields, phrase=True)

    def on_prefix(self, node):
        text = node.text
        text = fold_word(text)
        if len(text) < 2:
            return self.on_text(ast.Text(node.text, 0, node.field))
        return _or([wq.Prefix(f, text, boost=b) for f, b in self.fields(node.field).items()])

    def on_fuzzy(self, node):
        words = self.analyze(node.text)
        if not words:
            return None
        term = words[0].forms[0][0]
        self.terms.add(term)
        return _or([wq.FuzzyTerm(f, term, boost=b, maxdist=node.maxdist, prefixlength=1)
                    for f, b in self.fields(node.field).items()])

    def on_not(self, node):
        inner = self.node(node.node)
        return None if inner is None else wq.Not(inner)

    def on_filter(self, node):
        return wq.ConstantScoreQuery(self.filter(node), 0.0)

    on_datefilter = on_filter

    def on_and(self, node):
        return self.group(node.nodes, "all")

    def on_or(self, node):
        return _or([q for q in (self.node(n) for n in node.nodes) if q is not None])

    def on_seq(self, node):
        return self.group(node.nodes, self.mode)

    def group(self, nodes, mode):
        positive, negative = [], []
        for n in nodes:
            q = self.node(n)
            if q is None:
                continue
            if isinstance(q, wq.Not):
                negative.append(q.query)
            else:
                positive.append(q)
        if not positive and not negative:
            return None
        base = (_and(positive) if mode == "all" else _or(positive)) if positive else wq.Every()
        return wq.AndNot(base, _or(negative)) if negative else base

    def combine(self, queries, rare_first=False):
        """Side-by-side parts, by the match mode. ``rare_first`` (the words of one translation, in
        ``any`` mode): its common words only count beside a rarer one (:class:`RareFirstOr`)."""
        queries = [q for q in queries if q is not None]
        if self.mode == "all":
            return _and(queries)
        if rare_first and len(queries) > 1:
            return RareFirstOr(queries, cutoff=self.settings.common_word_share)
        return _or(queries)

    # -- leaves ------------------------------------------------------------------------------------

    def fields(self, name):
        if name is None:
            return self.boosts
        return {name: self.boosts.get(name, 1.0)}

    def filter(self, node):
        if isinstance(node, ast.DateFilter):
            start = datetime.combine(node.start, time.min) if node.start else None
            end = datetime.combine(node.end, time.max) if node.end else None
            return wq.DateRange("date", start, end)
        value = node.value
        if node.field in _TAG_FILTERS:
            value = tag_key(value) if self.tag_keys else value.lower()
        elif node.field in _LOWERCASE_FILTERS:
            value = value.lower()
        return wq.Term(FILTER_FIELDS[node.field], value)

    def concept(self, concept, fields, phrase=False):
        self.concepts.append(concept)
        if phrase:
            own = self.spelling(concept.words, fields, 1.0, exact=True)
        else:
            own = self.combine([self.word(forms, fields, 1.0) for forms in concept.words])
        variants = [self.spelling(a.words, fields, a.weight, phrase) for a in concept.variants]
        # One disjunction-max group: a concept with five translations weighs no more than one with
        # one. (Adding them up as one synonym set, Pirkola's structured query, gained 0.008 MAP on
        # Hamshahri en->fa but cost NTREX en->fa success@1 0.87 -> 0.77: rare exact translations
        # matter in known-item search.)
        # A translation longer than the words it translates shares their weight among its
        # words: Erdogan -> رجب طیب اردوغان must not outweigh Erdogan itself three times over.
        # (Hamshahri en->fa MAP 0.7137 -> 0.7308 without feedback, NTREX en->fa success@1
        # 0.885 -> 0.902: a common word of a long translation, ماه of ماه رمضان, no longer
        # counts as much as the name it stands beside.)
        # So do a translated compound's parts, written apart: for "ceasefire", آتش + بس at the
        # full translation weight each outweighed the English word, and Persian stories ranked
        # above the English one with "ceasefire" in its title.
        translations = [self.spelling(a.words, fields, a.weight * _share(concept, a, phrase),
                                      phrase, share_parts=True) for a in concept.translations]
        own_group = _dismax([own] + variants)
        if not translations:
            return own_group
        return _or([own_group, _dismax(translations)])

    def spelling(self, words, fields, weight, exact=False, share_parts=False):
        """One spelling of a concept: a word, or several.

        ``exact`` (a quoted phrase and its translations): the words in order, each compound as
        its parts, so that every half-space spelling matches. Otherwise the words anywhere (word
        order differs between the languages), combined like the user's own words, as if the user
        had typed the translation. (An exact-phrase bonus on top, scored by Whoosh's phrase
        scoring in every field, outweighed the words themselves: Hamshahri en->fa MAP 0.62
        with it, 0.69 without.) ``share_parts``: see :meth:`word`.
        """
        if len(words) == 1 and not exact:
            return self.word(words[0], fields, weight, share_parts)
        if exact:
            terms = tuple(t for forms in words for t in forms[-1])
            return self.leaf(terms, fields, weight)
        return self.combine([self.word(forms, fields, weight, share_parts) for forms in words],
                            rare_first=share_parts)

    def word(self, forms, fields, weight, share_parts=False):
        """One word: its joined form, or its compound parts searched as if typed apart.

        آتش‌بس and آتشبس then rank like آتش بس (the parts combined by the match mode) unless the
        joined term scores higher: every spelling meets every other in ranking too, not only in
        matching. (A phrase bonus for the parts, as for multi-word translations, let common
        compounds such as راه‌اندازی swamp the rest of the query: Hamshahri query 18 fell from
        AP 0.96 in spaced spelling to 0.41 in half-space spelling.)

        ``share_parts`` (a translation): the parts share the word's weight, so that a translated
        compound weighs no more than the one word it translates. Its spaced spelling then ranks
        below its joined one in the other language's searches.
        """
        alternatives = []
        for form in forms:
            if len(form) == 1:
                alternatives.append(self.leaf(form, fields, weight))
            else:
                part = weight / len(form) if share_parts else weight
                alternatives.append(self.combine([self.leaf((t,), fields, part) for t in form],
                                                 rare_first=share_parts))
        return _dismax(alternatives)

    def leaf(self, terms, fields, weight):
        self.terms.update(terms)
        for term in terms:  # the concept being compiled: snippets count concepts, not spellings
            self.groups.setdefault(term, len(self.concepts) - 1)
        if len(terms) == 1:  # one word: true BM25F across the boosted fields
            return BM25FTerm(fields, terms[0], boost=weight)
        return _or([wq.Phrase(f, list(terms), boost=b * weight)
                    for f, b in fields.items()])


def _share(concept, alternative, phrase):
    """The part of a concept's weight each word of ``alternative`` gets (a phrase is one unit)."""
    if phrase or len(alternative.words) <= len(concept.words):
        return 1.0
    return len(concept.words) / len(alternative.words)


def _or(queries):
    queries = [q for q in queries if q is not None]
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else wq.Or(queries)


def _and(queries):
    queries = [q for q in queries if q is not None]
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else wq.And(queries)


def _dismax(queries):
    queries = [q for q in queries if q is not None]
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else DisMax(queries)


__all__ = ["Alternative", "Compiled", "Compiler", "FILTER_FIELDS"]
