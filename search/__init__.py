"""Dozaban's search layer: the query language, cross-lingual expansion, snippets and suggestions.

Modules by role: :mod:`search.query` (parsing), :mod:`search.glossary` and :mod:`search.lexicons`
(the bilingual glossary tiers), :mod:`search.expand` (query words → concepts), :mod:`search.translit`
(spellings of unknown names in the other script), :mod:`search.build` (concepts → Whoosh queries),
:mod:`search.snippets`, :mod:`search.suggest`, :mod:`search.results` (typed results),
:mod:`search.engine` (the embedding API), :mod:`search.trec` (batch runs).

    from search import Engine
    with Engine.open() as engine:
        hits = engine.search("آتش‌بس غزه", limit=10)
"""

from search.config import SearchSettings
from search.engine import Engine
from search.results import Hit, Results, Snippet

__all__ = ["Engine", "Hit", "Results", "SearchSettings", "Snippet"]
