"""The embedding API::

    from search import Engine

    with Engine.open() as engine:                 # the default index, or Engine.open("DIR")
        results = engine.search("Gaza ceasefire", limit=10)
        for hit in results:
            print(hit.rank, hit.id, hit.title, hit.snippet.render())

``search`` is safe to call from many threads at once: each thread keeps its own Whoosh searcher of
the live generation. Before every search the engine reads the index's ``CURRENT`` pointer (one
small file); after a rebuild or rollback the next search of each thread opens the new generation.
Results are frozen objects that outlive the searcher.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from types import MappingProxyType

from whoosh import query as wq

from analyzers import analyze_query, bilingual_analyzer
from analyzers.memo import MemoizedAnalysis
from index.boosts import field_boosts, weighting
from index.config import Config, default_index_dir
from index.errors import QueryError
from index.schema import SCHEMA_VERSION
from index.store import IndexStore
from index.vocabulary import FIELDS as VOCABULARY_FIELDS
from index.vocabulary import Vocabulary
from search import evaluate
from search import query as ast
from search.build import Compiler
from search.config import MATCH_MODES, SearchSettings
from search.feedback import TEXT_FIELDS as FEEDBACK_FIELDS
from search.feedback import feedback_query, feedback_terms
from search.glossary import bundled_files, load_glossary
from search.lexicons import load_lexicons
from search.results import AlternativeInfo, ConceptInfo, Hit, Results, detach_fields
from search.snippets import make_snippet
from search.suggest import corrections, rewrite
from search.translit import latin_to_persian, persian_to_latin


class Engine:
    """A searchable index directory (see the module docstring)."""

    def __init__(self, path=None, config=None, settings=None):
        self.store = IndexStore(default_index_dir() if path is None else path)
        self.config = config or Config()
        self.settings = settings or SearchSettings.from_env()
        self.store.current()  # raises IndexNotFoundError with how to create one
        self._lock = threading.Lock()
        self._local = threading.local()
        self._indexes = {}  # generation name → Whoosh index
        self._versions = {}  # generation name → its schema version
        self._searchers = []  # every searcher opened, closed by close()
        self._tiers = None
        # generation name → ({prefix: does the vocabulary have it}, its segments' vocabularies)
        self._prefixes = {}
        self._analyzer = bilingual_analyzer()
        # Stored text (snippets, suggestions' spellings) is analyzed through a word memo.
        self._index_analysis = MemoizedAnalysis(self._analyzer)
        self._closed = False

    @classmethod
    def open(cls, path=None, config=None, settings=None):
        """Open the index at ``path`` (default: :func:`index.config.default_index_dir`)."""
        return cls(path, config, settings)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        with self._lock:
            self._closed = True
            for searcher in self._searchers:
                searcher.close()
            self._searchers.clear()
            self._indexes.clear()

    # -- generations and searchers -----------------------------------------------------------------

    def _searcher(self):
        if self._closed:
            raise QueryError("the engine is closed")
        generation = self.store.current()
        local = self._local
        if getattr(local, "generation", None) != generation.name:
            with self._lock:
                ix = self._indexes.get(generation.name)
                if ix is None:
                    self._versions[generation.name] = self.store.check_version(generation,
                                                                               search=True)
                    ix = self._indexes[generation.name] = self.store.open(generation)
                searcher = ix.searcher(weighting=weighting(self.config))
                old = getattr(local, "searcher", None)
                if old is not None and old in self._searchers:
                    self._searchers.remove(old)
                    old.close()
                self._searchers.append(searcher)
            local.generation, local.searcher = generation.name, searcher
            local.path = generation.path
        return local.generation, local.searcher

    @property
    def generation(self):
        return self.store.current().name

    # -- the glossary ------------------------------------------------------------------------------

    def glossaries(self):
        """``[(glossary, weight)]``, most trusted first, loaded on first use."""
        with self._lock:
            if self._tiers is None:
                s = self.settings
                files = (bundled_files() if s.bundled_glossary else ()) + s.glossary_files
                tiers = [(load_glossary(files, analyze_query, s.cache_dir), s.translation_weight)]
                if s.lexicon_dir is not None:
                    tiers.append((load_lexicons(s.lexicon_dir, analyze_query, s.cache_dir),
                                  s.lexicon_weight))
                self._tiers = tiers
            return self._tiers

    # -- searching ---------------------------------------------------------------------------------

    def search(self, query, limit=10, *, lang=None, source=None, tags=(), date_from=None,
               date_to=None, expand=True, match="auto", snippets=True, suggestions=True,
               feedback=None, fields=True):
        """Search ``query`` (the query language of :mod:`search.query`); return :class:`Results`.

        ``match``: ``"any"`` ranks documents matching any concept, ``"all"`` only those matching
        every concept (in either language), ``"auto"`` tries ``all`` and falls back to ``any``
        when nothing matches. Filters narrow the results without changing scores: ``lang``,
        ``source``, ``tags`` (one tag or several, all required), ``date_from`` and ``date_to``
        (inclusive; dates, datetimes or ``"YYYY-MM-DD"`` strings).
        ``feedback``: also search the words of the best documents (:mod:`search.feedback`;
        default ``settings.feedback``). In ``all`` mode they only reorder what the query found.
        ``fields=False``: hits carry their id, rank and score only (no stored fields, snippet or
        matched terms), read without opening each document: what a batch run needs.
        """
        if match not in MATCH_MODES:
            raise QueryError(f"match must be one of {', '.join(MATCH_MODES)}, not {match!r}")
        if limit is not None and limit < 1:
            raise QueryError(f"limit must be at least 1, not {limit}")
        generation, searcher = self._searcher()
        schema = searcher.schema
        syntax = ast.Syntax(text_fields=frozenset(field_boosts(self.config, schema)),
                            max_chars=self.settings.max_query_chars)
        tree = ast.parse(query, syntax)
        filters = _filter_nodes(lang, source, tags, date_from, date_to, query)
        if filters:
            # Beside the query's own top-level parts, so that a filter written in the query stays
            # a filter (nested, it would be a zero-score alternative in "any" mode).
            parts = tree.nodes if isinstance(tree, ast.Seq) else (tree,)
            tree = ast.Seq((*parts, *filters))
        settings = self.settings
        feedback = settings.feedback if feedback is None else feedback
        first_limit = limit
        if feedback and limit is not None:
            first_limit = max(limit, settings.feedback_docs)
        directory = self._local.path
        modes = ["all", "any"] if match == "auto" else [match]
        expansions = {}  # the modes' compilers expand each run of words once
        for mode in modes:
            compiled = self._compile(tree, searcher, mode, expand, generation, expansions)
            if compiled.query is None:
                return Results(query, (), 0, mode, expand, notices=(
                    "the query has no searchable words (only stopwords, operators or punctuation)",),
                    generation=generation)
            # Scored term at a time (search.dense, or search.evaluate); the matched terms are
            # looked up for the shown hits afterwards.
            found = self._score(searcher, compiled.query, first_limit, compiled.filter,
                                directory)
            if found.total or mode == modes[-1]:
                break
        words = ()
        if feedback and found.hits:
            frequency = evaluate.field_frequencies(searcher, directory, FEEDBACK_FIELDS)
            words = tuple(feedback_terms(searcher, found.hits[:settings.feedback_docs],
                                         self._index_analysis, settings.feedback_terms,
                                         FEEDBACK_FIELDS, frequency=frequency))
        if words:
            extra = wq.Or(feedback_query(words, field_boosts(self.config, schema),
                                         settings.feedback_weight))
            # In "all" mode the feedback words only reorder the documents of the query.
            q = wq.Or([compiled.query, extra]) if mode == "any" else wq.AndMaybe(compiled.query,
                                                                                 extra)
            found = self._score(searcher, q, limit, compiled.filter, directory)
        elif first_limit != limit:
            found = evaluate.Found(found.hits[:limit], found.total, found.words, found.others)
        if fields:
            hits = self._hits(searcher, found, compiled, syntax, snippets)
        else:
            document_id = self._document_ids(searcher)
            hits = tuple(Hit(document_id(docnum), rank, float(score), _NO_FIELDS, None, ())
                         for rank, (docnum, score) in enumerate(found.hits, 1))
        suggestion = None
        if suggestions and len(hits) < 3:
            suggestion = self._suggest(query, tree, searcher, compiled.concepts, generation)
        notices = ("no document matched every concept; showing documents that match any",) \
            if match == "auto" and mode == "any" and hits else ()
        version = self._versions.get(generation, SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            notices += (f"the index was built with schema version {version} (this Dozaban writes "
                        f"{SCHEMA_VERSION}): acronyms such as U.S. are not matched as written; "
                        f"rebuild the index to search it fully",)
        return Results(query, hits, found.total, mode, expand,
                       tuple(_concept_info(c) for c in compiled.concepts), suggestion, notices,
                       generation, tuple((w, round(v, 3)) for w, v in words))

    def _score(self, searcher, query, limit, filter, directory):
        """``evaluate.Found`` of the compiled ``query``: scored in arrays (search.dense, NumPy
        imported at the first search) unless ``settings.vectorized`` is off."""
        if self.settings.vectorized:
            from search import dense

            return dense.search(searcher, query, limit, filter, directory=directory)
        return evaluate.search(searcher, query, limit, filter, directory=directory)

    def _document_ids(self, searcher):
        """This thread's ``docnum → id`` for ``searcher``, made once per searcher: reading the id
        column's offsets took about 1 ms, at every query of a batch run."""
        local = self._local
        if getattr(local, "ids_of", None) is not searcher:
            local.ids_of, local.document_ids = searcher, _document_ids(searcher)
        return local.document_ids

    def _compile(self, tree, searcher, mode, expand, generation=None, expansions=None):
        reader = searcher.reader()
        boosts = field_boosts(self.config, searcher.schema)
        transliterate = None
        if expand:
            memo, vocabularies = self._vocabulary(generation, reader)
            transliterate = _Transliterator(reader, self.settings, memo, vocabularies)
        compiler = Compiler(boosts, self.settings, analyze_query, mode,
                            self.glossaries if expand else None, transliterate,
                            tag_keys=self._versions.get(generation, SCHEMA_VERSION) >= 2,
                            expansions=expansions)
        return compiler.compile(tree)

    def _vocabulary(self, generation, reader):
        """``(prefix memo, vocabularies)`` of ``generation`` (see :class:`_Transliterator`)."""
        with self._lock:
            if generation not in self._prefixes:
                # An older generation's answers are stale.
                self._prefixes = {generation: ({}, _vocabularies(reader, self._local.path))}
            return self._prefixes[generation]

    def _hits(self, searcher, found, compiled, syntax, snippets):
        docnums = [d for d, _ in found.hits]
        # Matched (and highlighted): the query's own terms and translations, not feedback words.
        matched = {d: found.matched_words(d) & compiled.terms for d in docnums}
        if found.others:  # phrases, prefixes...: look their terms up in the shown hits
            for d, terms in matched_terms(searcher, wq.Or(list(found.others)), docnums,
                                          syntax.text_fields).items():
                matched[d] |= terms
        return tuple(self._hit(searcher, rank, docnum, score, matched[docnum], compiled,
                               snippets)
                     for rank, (docnum, score) in enumerate(found.hits, 1))

    def _hit(self, searcher, rank, docnum, score, matched, compiled, snippets):
        stored = searcher.stored_fields(docnum)
        matched = tuple(sorted(matched))
        snippet = None
        if snippets:
            snippet = make_snippet(stored, set(matched) or compiled.terms, self._index_analysis,
                                   self.settings.snippet_chars, groups=compiled.groups)
        return Hit(stored.get("id", ""), rank, float(score), detach_fields(stored),
                   snippet, matched)

    def _suggest(self, query, tree, searcher, concepts=(), generation=None):
        # A word that crossed into the other language through the glossary is known, even when
        # the index holds no document in its own language. One that crossed only by
        # transliteration may be a typo that met some name ("Chinees", كينز: Keynes): it is
        # corrected only toward a far more common word, as a rare known word is ("metro", مترو
        # in a small collection, is not "met").
        crossed = {c.text for c in concepts
                   if any(not a.origin.startswith("transliteration") for a in c.alternatives)}
        spelled = {c.text for c in concepts if c.alternatives} - crossed
        vocabularies = self._vocabulary(generation, searcher.reader())[1]
        has_term = lexicon = None
        if vocabularies is not None:
            has_term = _Transliterator(searcher.reader(), self.settings, None,
                                       vocabularies).has_term
            lexicon = _lexicon(vocabularies)
        # Every run of words and every quoted phrase, each word corrected in place (their
        # offsets are the query's); the first MAX_EXAMINED words of the query are looked at.
        replacements, budget = [], MAX_EXAMINED
        for node in _text_nodes(tree):
            words = [w for w in analyze_query(node.text)
                     if not any(w.text in text.split() for text in crossed)][:budget]
            rare = {w.text for w in words if any(w.text in text.split() for text in spelled)}
            found = corrections(words, searcher, "body", self._index_analysis, budget, has_term,
                                rare, lexicon)
            replacements += [(node.start + w.start, node.start + w.end, display)
                             for w, display in found]
            budget -= len(words)
            if budget <= 0:
                break
        return rewrite(query, replacements)


#: Words of a query looked at for "did you mean" (each may cost a few ms).
MAX_EXAMINED = 4


class _Transliterator:
    """``transliterate(word, lang)`` over the index's vocabulary.

    Probes go to the segments' ``vocabularies`` (:mod:`index.vocabulary`), or, where a segment
    has none, to Whoosh's term dictionary (a seek per step of a binary search, per field and
    segment). Prefix probes are memoized in ``memo``, which the engine keeps for the life of a
    generation: names recur across queries.
    """

    MAX_MEMO = 200_000

    def __init__(self, reader, settings, memo=None, vocabularies=None):
        self.reader, self.settings = reader, settings
        self.memo = {} if memo is None else memo
        self.vocabularies = vocabularies

    def has_prefix(self, prefix):
        if prefix not in self.memo:
            if len(self.memo) >= self.MAX_MEMO:
                self.memo.clear()
            self.memo[prefix] = self._has_prefix(prefix)
        return self.memo[prefix]

    def _has_prefix(self, prefix):
        if self.vocabularies is not None:
            key = prefix.encode("utf-8")
            return any(v.has_prefix(key) for v in self.vocabularies)
        return any(next(self.reader.expand_prefix(f, prefix), None) is not None
                   for f in VOCABULARY_FIELDS if f in self.reader.schema)

    def has_term(self, term):
        if self.vocabularies is not None:
            key = term.encode("utf-8")
            return any(key in v for v in self.vocabularies)
        return any((f, term) in self.reader for f in VOCABULARY_FIELDS)

    def __call__(self, word, lang):
        generate = latin_to_persian if lang == "en" else persian_to_latin
        limit = self.settings.translit_max_candidates
        return [(c.term, c.closeness) for c in generate(word.text, self, limit=limit)]


def _lexicon(vocabularies):
    """``lexicon(prefix)`` of :func:`search.suggest.corrections`: the words of the segments'
    vocabularies that start with ``prefix``."""
    def lexicon(prefix):
        key = prefix.encode("utf-8")
        return sorted({w.decode("utf-8") for v in vocabularies for w in v.starting_with(key)})
    return lexicon


def _vocabularies(reader, path):
    """Each segment's :class:`~index.vocabulary.Vocabulary`, or ``None`` if one has none."""
    found = [Vocabulary.open(path, leaf.segment()) if hasattr(leaf, "segment") else None
             for leaf, _ in reader.leaf_readers()]
    return found if all(v is not None for v in found) else None


_NO_FIELDS = MappingProxyType({})


def _document_ids(searcher):
    """``docnum → id``: from the index's ``id`` column (schema version 2), else from each
    document's stored fields."""
    reader = searcher.reader()
    if reader.has_column("id"):
        column = reader.column_reader("id")
        return column.__getitem__
    return lambda docnum: searcher.stored_fields(docnum).get("id", "")


def matched_terms(searcher, query, docnums, fields):
    """``{docnum: {term}}``: the terms of ``query`` in ``fields`` that each document holds.

    Terms under a negation are left out; prefix and fuzzy queries count with the index terms they
    expand to. One pass over each term's postings, skipping from hit to hit.
    """
    found = {d: set() for d in docnums}
    if not docnums or query is None:
        return found
    reader = searcher.reader()
    ordered = sorted(found)
    for fieldname, text in _positive_terms(query, reader, fields):
        postings = reader.postings(fieldname, text)
        for docnum in ordered:
            if not postings.is_active():
                break
            if postings.id() < docnum:
                postings.skip_to(docnum)
                if not postings.is_active():
                    break
            if postings.id() == docnum:
                found[docnum].add(text.decode("utf-8") if isinstance(text, bytes) else text)
    return found


def _positive_terms(query, reader, fields):
    terms = set()
    stack = [query]
    while stack:
        q = stack.pop()
        if isinstance(q, wq.Not):
            continue
        if isinstance(q, wq.AndNot):
            stack.append(q.a)
        elif q.is_leaf():
            terms.update((f, t) for f, t in q.expanded_terms(reader, phrases=True) if f in fields)
        else:
            stack.extend(q.children())
    existing = []
    for fieldname, text in terms:
        try:
            btext = reader.schema[fieldname].to_bytes(text)
        except ValueError:
            continue
        if (fieldname, btext) in reader:
            existing.append((fieldname, btext))
    return sorted(existing)


def _filter_nodes(lang, source, tags, date_from, date_to, query):
    nodes = []
    if lang:
        nodes.append(ast.Filter("lang", lang))
    if source:
        nodes.append(ast.Filter("source", source))
    for tag in (tags,) if isinstance(tags, str) else tags or ():  # one tag, or several
        nodes.append(ast.Filter("tags", tag))
    date_from, date_to = _as_date(date_from, "date_from"), _as_date(date_to, "date_to")
    if date_from or date_to:
        nodes.append(ast.DateFilter("date", date_from, date_to))
    return nodes


def _as_date(value, name):
    """A ``date`` from a date, a datetime or an ISO ``YYYY-MM-DD`` string (``None`` stays)."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise QueryError(f"{name} must be a date or a 'YYYY-MM-DD' string, not {value!r}")


def _text_nodes(node):
    """The runs of words and the quoted phrases of a query tree, in the order of the query."""
    if isinstance(node, (ast.Text, ast.Phrase)):
        yield node
    for child in getattr(node, "nodes", ()):
        yield from _text_nodes(child)


def _concept_info(concept):
    return ConceptInfo(concept.text, concept.lang, tuple(
        AlternativeInfo(a.display, a.lang, round(a.weight, 3), a.origin)
        for a in sorted(concept.alternatives, key=lambda a: -a.weight)))


__all__ = ["Engine", "wq"]
