"""The Dozaban index: schema, loaders, generations, incremental updates and rebuilds.

Architecture (one role per module)::

    sources ──loaders──▶ Document / Problem ──writer.feed──▶ building/<gen> ──check──▶ store.publish
                                                                                          │
    readers ◀── IndexStore.current() ◀── CURRENT (atomic pointer) ◀───────────────────────┘

* ``config``     – the frozen :class:`Config` (boosts, BM25F, loading, parallelism), TOML loading,
                   and :func:`default_index_dir`.
* ``schema``     – the Whoosh schema and the analyzer of every full-text field.
* ``document``   – the canonical :class:`Document` and its content hash.
* ``langdetect`` – ``fa``/``en``/``mixed`` by script share.
* ``loaders``    – JSON Lines and text/Markdown loaders, the recursive directory walk.
* ``report``     – :class:`Problem` (bad input, with file and line) and :class:`RunSummary`.
* ``store``      – :class:`IndexStore`: generations, ``CURRENT``, rollback, cleanup.
* ``lock``, ``atomic`` – the writer lock and durable atomic file operations.
* ``writer``, ``check`` – feeding Whoosh writers (parallel where it pays), checks before a swap;
                   ``parallel`` – the parallel writer, whose workers die with their parent.
* ``build``      – :func:`rebuild`, the nightly job; ``update`` – :func:`update`, incremental.
* ``boosts``     – query-time field boosts and BM25F for the search layer; ``postings``,
                   ``impacts`` and ``vocabulary`` – flat postings, precomputed BM25F impacts and
                   the words transliteration probes, beside each segment.
* ``stats``      – :func:`collect_stats`.

Every error raised on purpose is an :class:`index.errors.DozabanError`; nothing here prints or exits.
"""

from index.boosts import across_fields, boosted_parser, boosted_query, field_boosts, weighting
from index.build import rebuild
from index.config import Config, default_index_dir, load_config
from index.stats import IndexStats, collect_stats
from index.store import Generation, IndexStore
from index.update import update

__all__ = [
    "Config", "load_config", "default_index_dir",
    "IndexStore", "Generation",
    "rebuild", "update", "collect_stats", "IndexStats",
    "weighting", "boosted_query", "boosted_parser", "across_fields", "field_boosts",
]
