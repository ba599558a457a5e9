"""Flat postings: each term's document numbers and frequencies as raw arrays, beside its segment.

Whoosh keeps postings in blocks of up to 128, each block a zlib-compressed pickle of document
numbers, frequencies *and* positions. Ranking needs only the first two, yet reading a term costs a
decompression and an unpickling per block: over half of the time of an expanded query
(:mod:`search.evaluate`). So every segment gets a companion file, written once when the
generation is built (:func:`write_flat_postings`) and read through ``mmap``
(:class:`FlatPostings`)::

    magic  b"DZFLAT1" + byte order (b"<" or b">")
    n      uint64: the number of terms
    keys   int64[n]: each term's postings offset in Whoosh's postings file, ascending
    starts int64[n]: where the term's arrays begin in this file
    counts uint32[n] (padded to 8 bytes)
    data   per term: uint32[count] document numbers, then float32[count] frequencies

A term is found by its Whoosh term info (``term_info(...)._offset``, unique in a segment), so the
file needs no term dictionary of its own. Terms with a single posting are inlined in Whoosh's term
info and are not repeated here. Deleted documents stay in the arrays, as in Whoosh's postings;
the reader drops them.

The file is named like the segment's own files (``MAIN_<segment id>.flat``): Whoosh deletes it
with the segment after a merge, and copy-on-write generations hard-link it with the rest. A
missing, foreign or unreadable file is ignored (the search falls back to Whoosh's postings and
gives the same scores).
"""

from __future__ import annotations

import mmap
import struct
import sys
from array import array
from bisect import bisect_left
from pathlib import Path

from index.atomic import replacing
from index.config import FULLTEXT_FIELDS

EXTENSION = ".flat"
MAGIC = b"DZFLAT1" + (b"<" if sys.byteorder == "little" else b">")
_HEADER = struct.Struct("=8sQ")


def flat_path(directory, segment):
    return Path(directory) / segment.make_filename(EXTENSION)


def write_flat_postings(directory, fields=FULLTEXT_FIELDS):
    """Write the flat postings of every segment of the Whoosh index in ``directory`` that has none.

    Returns the number of files written. Each is written to a temporary name and renamed.
    """
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(directory))
    written = 0
    with ix.reader() as top:
        for reader, _ in top.leaf_readers():
            segment = reader.segment()
            target = flat_path(directory, segment)
            if target.exists():
                continue
            entries = []
            for fieldname in fields:
                if fieldname not in reader.schema:
                    continue
                for text, info in reader.iter_field(fieldname):
                    if info.is_inlined():
                        continue
                    ids, weights = read_blocks(reader.postings(fieldname, text), deleted=False)
                    entries.append((info._offset, ids, weights))
            _write(target, entries)
            written += 1
    return written


def _write(target, entries):
    entries.sort(key=lambda e: e[0])
    n = len(entries)
    counts = array("I", (len(e[1]) for e in entries))
    head = _HEADER.size + 16 * n + 4 * n
    head += -head % 8
    starts, position = array("q"), head
    for count in counts:
        starts.append(position)
        position += 8 * count
    with replacing(target) as f:
        f.write(_HEADER.pack(MAGIC, n))
        f.write(array("q", (e[0] for e in entries)).tobytes())
        f.write(starts.tobytes())
        f.write(counts.tobytes())
        f.write(bytes(head - f.tell()))
        for _, ids, weights in entries:
            f.write(array("I", ids).tobytes())
            f.write(array("f", weights).tobytes())


class FlatPostings:
    """The flat postings of one segment (see the module docstring), or ``None`` from :meth:`open`."""

    def __init__(self, mm):
        self._mm = mm
        magic, n = _HEADER.unpack_from(mm, 0)
        if magic != MAGIC:
            raise ValueError("not a flat postings file of this byte order")
        view = memoryview(mm)
        base = _HEADER.size
        self._keys = view[base:base + 8 * n].cast("q")
        self._starts = view[base + 8 * n:base + 16 * n].cast("q")
        self._counts = view[base + 16 * n:base + 20 * n].cast("I")
        self._n = n

    @classmethod
    def open(cls, directory, segment):
        return open_mapped(cls, flat_path(directory, segment))

    def get(self, offset):
        """``(document numbers, frequencies)`` of the term at Whoosh postings ``offset``, or None."""
        i = bisect_left(self._keys, offset)
        if i == self._n or self._keys[i] != offset:
            return None
        start, count = self._starts[i], self._counts[i]
        ids, weights = array("I"), array("f")
        ids.frombytes(self._mm[start:start + 4 * count])
        weights.frombytes(self._mm[start + 4 * count:start + 8 * count])
        return ids, weights


def map_file(path):
    """The file at ``path``, mapped read-only."""
    with open(path, "rb") as f:
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


def open_mapped(cls, path, errors=()):
    """``cls`` of the file at ``path``, mapped; ``None`` when the file is missing, or is not what
    ``cls`` reads (it raises ``ValueError``, ``struct.error``, ``TypeError`` or ``errors``)."""
    try:
        return cls(map_file(path))
    except (OSError, ValueError, struct.error, TypeError, *errors):
        return None


def term_postings(reader, fieldname, text, info, flat=None):
    """``(document numbers, frequencies)`` of a term of a segment, deleted documents included:
    from its term ``info`` when inlined, else from the segment's ``flat`` postings, else from
    Whoosh's blocks."""
    if info.is_inlined():
        ids, weights, _ = info.inlined_postings()
        return ids, weights
    found = flat.get(info._offset) if flat is not None else None
    if found is None:
        found = read_blocks(reader.postings(fieldname, text), deleted=False)
    return found


def add_field(tf, ids, weights, boost, norms):
    """BM25F's pseudo frequency with one more field: ``tf`` (``{docnum: value}``, or ``None``)
    plus ``boost · frequency / norm`` of each of the field's postings; returns the dict."""
    if tf is None:
        return {d: boost * w / norms[d] for d, w in zip(ids, weights)}
    get = tf.get
    for d, w in zip(ids, weights):
        f = boost * w / norms[d]
        old = get(d)
        tf[d] = f if old is None else old + f
    return tf


def read_blocks(m, deleted=True):
    """``(document numbers, frequencies)`` from a Whoosh postings matcher, a block at a time.

    ``deleted=False`` keeps deleted documents (``reader.postings`` wraps the matcher in a filter
    that drops them; here they are unwrapped and kept, for the flat file).
    """
    from whoosh.matching import FilterMatcher

    excluded = None
    if isinstance(m, FilterMatcher) and m._exclude:
        m, excluded = m.child, m._ids
        m.reset()  # the filter has already moved it past any deleted documents at the start
    ids, weights = [], []
    if _reads_blocks(m):
        while m.is_active():
            m._read_ids()
            m._read_weights()
            ids.extend(m._ids)
            weights.extend(m._weights)
            if m._lastblock:
                break
            m._goto(m._nextoffset)
    else:
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
    if excluded and deleted:
        return without(ids, weights, excluded)
    return ids, weights


def read_positions(m, docs):
    """``{docnum: positions}`` of the sorted ``docs``, each of which holds the term, from a Whoosh
    postings matcher: a block is read only when it holds one of them, and only their values are
    decoded. (Whoosh's ``skip_to`` steps through a block a posting at a time, a few calls each.)
    """
    from whoosh.matching import FilterMatcher

    if isinstance(m, FilterMatcher):  # deleted documents: the ones asked for are not
        m = m.child
        m.reset()
    found = {}
    if not _reads_blocks(m):  # another codec
        for d in docs:
            m.skip_to(d)
            if not m.is_active() or m.id() != d:
                raise ValueError(f"document {d} does not hold the term")
            found[d] = m.value_as("positions")
        return found
    decode = m.format.decoder("positions")
    i, n = 0, len(docs)
    while i < n and m.is_active():
        if docs[i] <= m.block_max_id():
            m._read_ids()
            m._read_values()
            ids, values, last = m._ids, m._values, m._ids[-1]
            while i < n and docs[i] <= last:
                j = bisect_left(ids, docs[i])
                if ids[j] != docs[i]:
                    raise ValueError(f"document {docs[i]} does not hold the term")
                found[docs[i]] = decode(values[j])
                i += 1
        if i == n or m._lastblock:
            break
        m._goto(m._nextoffset)
    if i < n:
        raise ValueError(f"document {docs[i]} does not hold the term")
    return found


def _reads_blocks(m):
    """Whether ``m`` is a Whoosh 3 codec postings matcher, read here a whole block at a time."""
    return hasattr(m, "_read_ids") and hasattr(m, "_lastblock")


def length_norms(reader, fieldname, b, avgfl):
    """Each document's ``1 - b + b·len/avgfl`` in ``fieldname`` (a list by document number), from
    the field lengths as Whoosh stores them (one byte each)."""
    by_byte = [1 - b + b * _byte_to_length(v) / avgfl for v in range(256)]
    return [by_byte[v] for v in _length_bytes(reader, fieldname)]


def _byte_to_length(v):
    from whoosh.util.numeric import byte_to_length

    return byte_to_length(v) if v else 1  # Whoosh's length scorer defaults to 1


def _length_bytes(reader, fieldname):
    """Every document's field-length byte, as Whoosh stores it (one read, not one per document)."""
    count = reader.doc_count_all()
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return bytes(count)
        if column._typecode == "B" and not column._reverse:
            raw = column._dbfile.get(column._basepos, column._count)
            return bytes(raw) + bytes(max(0, count - len(raw)))
    except (AttributeError, ImportError):
        pass
    # Another codec: ask document by document, once.
    from whoosh.util.numeric import length_to_byte

    return bytes(length_to_byte(reader.doc_field_length(d, fieldname, 0) or 0) for d in range(count))


def without(ids, weights, excluded):
    """``(ids, weights)`` less the postings of the documents in ``excluded``."""
    kept = [(d, w) for d, w in zip(ids, weights) if d not in excluded]
    return [d for d, _ in kept], [w for _, w in kept]


__all__ = ["EXTENSION", "FlatPostings", "add_field", "length_norms", "map_file", "open_mapped",
           "read_blocks", "read_positions", "term_postings", "without", "write_flat_postings"]
