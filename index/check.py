"""Checks a freshly built generation must pass before it goes live.

The document count must be the expected one, and a smoke query must work end to end: the first
word of a stored document, analyzed as a query, must find that document again (this exercises the
analyzer pickled into the index, the postings and the stored fields).
"""

from whoosh import index as whoosh_index
from whoosh.query import Term

from index.config import FULLTEXT_FIELDS
from index.errors import RebuildError


def check_generation(path, expected):
    """Raise :class:`RebuildError` unless the index at ``path`` holds ``expected`` documents and
    answers a smoke query."""
    ix = whoosh_index.open_dir(str(path), readonly=True)
    with ix.searcher() as searcher:
        count = searcher.doc_count()
        if count != expected:
            raise RebuildError(f"new generation has {count} documents, expected {expected}; "
                               "the live index was left as it was")
        if expected:
            _smoke_query(ix.schema, searcher)


def _smoke_query(schema, searcher):
    for stored in searcher.documents():
        for name in FULLTEXT_FIELDS:
            if not stored.get(name):
                continue
            terms = [t.text for t in schema[name].analyzer(stored[name], mode="query")]
            if not terms:
                continue
            hits = searcher.search(Term(name, terms[0]), limit=None)
            if any(hit["id"] == stored["id"] for hit in hits):
                return
            raise RebuildError(f"smoke query {name}:{terms[0]!r} did not find document "
                               f"{stored['id']!r}; the live index was left as it was")
    raise RebuildError("smoke query impossible: no stored document has any searchable word")
