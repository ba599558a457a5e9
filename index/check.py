"""Checks a freshly built generation must pass before it goes live.

The document count must be the expected one, and a smoke query must work end to end: the first
word of a stored document, analyzed as a query, must find that document again (this exercises the
analyzer pickled into the index, the postings and the stored fields). Every segment's flat
postings (:mod:`index.postings`) must be there and give, for one of its terms, exactly Whoosh's
postings.
"""

from whoosh import index as whoosh_index
from whoosh.query import Term

from index.config import FULLTEXT_FIELDS
from index.errors import RebuildError
from index.postings import FlatPostings, read_blocks


def check_generation(path, expected, flat=True):
    """Raise :class:`RebuildError` unless the index at ``path`` holds ``expected`` documents,
    answers a smoke query and (``flat``) has sound flat postings."""
    ix = whoosh_index.open_dir(str(path), readonly=True)
    with ix.searcher() as searcher:
        count = searcher.doc_count()
        if count != expected:
            raise RebuildError(f"new generation has {count} documents, expected {expected}; "
                               "the live index was left as it was")
        if expected:
            _smoke_query(ix.schema, searcher)
        if flat:
            _check_flat(path, searcher.reader())


def _check_flat(path, reader):
    for leaf, _ in reader.leaf_readers():
        segment = leaf.segment()
        if segment is None:
            continue
        flat = FlatPostings.open(path, segment)
        if flat is None:
            raise RebuildError(f"the flat postings of segment {segment.segment_id()} are missing "
                               "or unreadable; the live index was left as it was")
        sample = _sample_term(leaf)
        if sample is None:
            continue
        fieldname, text, info = sample
        found = flat.get(info._offset)
        expected = read_blocks(leaf.postings(fieldname, text), deleted=False)
        if found is None or (list(found[0]), list(found[1])) != expected:
            raise RebuildError(f"the flat postings of {fieldname}:{text!r} in segment "
                               f"{segment.segment_id()} differ from Whoosh's; the live index was "
                               "left as it was")


def _sample_term(reader):
    """A term with postings of its own (not inlined in its term info), or None."""
    for fieldname in FULLTEXT_FIELDS:
        if fieldname not in reader.schema:
            continue
        for text, info in reader.iter_field(fieldname):
            if not info.is_inlined():
                return fieldname, text, info
    return None


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
