"""The Whoosh schema of a Dozaban index.

Every full-text field (``title``, ``lead``, ``body``, ``tags``) uses the one analyzer returned by
:func:`text_analyzer`, so a document in either language, or both, is searchable in both. Field
boosts are *not* set here: they are applied at query time (:mod:`index.boosts`), so the schema,
and hence the index, does not change when a boost does.

The schema is pickled into every generation, analyzer included; the analyzer's import path is part
of the index format, and changing the analyzer needs ``dozaban rebuild``.
"""

from whoosh import fields

from index.config import FULLTEXT_FIELDS

#: Bumped whenever the schema or the analyzer changes in a way that needs a rebuild.
#: 2: the ``tag`` field holds each tag's key (:func:`analyzers.normalize.tag_key`), not the tag
#: lower-cased; ``id`` is also a column (batch runs read ids without opening documents).
#: 3: an acronym written with dots is one word without them (U.S. → ``us``, as US), not letters.
SCHEMA_VERSION = 3
#: Versions a search still reads (incremental updates need :data:`SCHEMA_VERSION`), each with a
#: notice to rebuild: an older index answers as before, except that an acronym searched with dots
#: finds the documents that wrote it without them (theirs were indexed as single letters), and a
#: version-1 index's tag filters match the lower-cased tag only.
SEARCHABLE_VERSIONS = (1, 2, 3)


def text_analyzer():
    """The analyzer of every full-text field."""
    from analyzers import bilingual_analyzer

    return bilingual_analyzer()


def build_schema():
    """The schema of a generation.

    ``id`` is unique; ``hash`` (content hash) and ``origin`` (source file, plus line for JSON
    Lines) drive incremental updates and ``--prune``; ``tag`` is the exact-match companion of the
    full-text ``tags`` for filters, each tag under its key (every spelling of a tag meets);
    ``extra`` keeps non-canonical JSON keys when configured.
    """
    analyzer = text_analyzer()
    text = {name: fields.TEXT(analyzer=analyzer, stored=True, phrase=True) for name in FULLTEXT_FIELDS}
    return fields.Schema(
        id=fields.ID(unique=True, stored=True, sortable=True),
        lang=fields.ID(stored=True),
        source=fields.ID(stored=True),
        url=fields.ID(stored=True),
        date=fields.DATETIME(stored=True, sortable=True),
        tag=fields.KEYWORD(commas=True, lowercase=True),
        hash=fields.STORED(),
        origin=fields.STORED(),
        extra=fields.STORED(),
        **text,
    )
