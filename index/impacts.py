"""Impacts: each word's saturated BM25F term frequency in each document, computed once per generation.

A word of a query is one :class:`~index.scoring.BM25FTerm` over the full-text fields. Its score in
a document is ``idf · boost · (k1 + 1) · t / (t + k1)``, where ``t`` sums over the fields each
field's boost times its frequency over its length normalization (``1 - b + b·len/avglen``). Only
``idf`` and the query's ``boost`` depend on the query; ``t / (t + k1)`` is fixed once the
generation is: its documents, the average field lengths, and the configured boosts, ``b`` and
``k1``. So every generation gets, beside each segment, the list of ``(document, t / (t + k1))``
of every word, and a search multiplies instead of reading each field's postings, dividing by
norms and merging fields (:mod:`search.evaluate`; on the 33,000-document scale index that was
most of an expanded search).

File (``<segment>.imp``, written by :func:`write_impacts`, read through ``mmap`` by
:class:`Impacts`)::

    magic   b"DZIMP3" + byte order (b"<" or b">") + b"\\n"
    size    uint32: the length of the parameters
    params  JSON: {"fields": {field: boost}, "b": {field: b}, "avgfl": {field: average length},
                   "k1": k1}, padded with spaces to a multiple of 8 bytes
    n       uint64: the number of words
    table   uint64: where the word table begins
    data    per word: the word, uint32[count] document numbers, float64[count] impacts
    table   keys int64[n]: each word's key (the first 8 bytes of its BLAKE2b hash), ascending;
            starts int64[n]: where the word's data begin; counts uint32[n]: its number of
            documents; lengths uint32[n]: the length of the word in UTF-8; dfs
            uint32[n × fields]: its document frequency in each field, fields in params order

The data are written as the words come (a segment's postings are never all in memory), and the
table after them.
A word is found by its key and checked against the word stored: the file also answers whether
the segment holds a word at all, and how many documents each field has it in, so a search needs
no lookup in Whoosh's term dictionary for it. A segment in which two words share a key (with 64
bits, about one in a billion for 200,000 words) gets no file.
Deleted documents stay in the arrays, and count in the document frequencies, as in Whoosh's term
information; the reader drops them.

The parameters say what the impacts were computed with; a search compares them with its own
(the generation's average lengths, the configured boosts) and ignores a file that differs, or that
is missing or unreadable, and reads the postings: the same scores, up to the order of
floating-point operations. ``dozaban index`` builds a new generation from hard links to the live
one's segments, whose average lengths change: it writes every segment's file anew (a new file
under the same name, so the live generation keeps its own).
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import struct
import sys
from array import array
from bisect import bisect_left
from pathlib import Path

from index.scoring import field_b, saturation

EXTENSION = ".imp"
MAGIC = b"DZIMP3" + (b"<" if sys.byteorder == "little" else b">") + b"\n"
_SIZE = struct.Struct("=I")
_COUNTS = struct.Struct("=QQ")


def impacts_path(directory, segment):
    return Path(directory) / segment.make_filename(EXTENSION)


def word_key(text):
    """The 64-bit key of a word (``str`` or UTF-8 ``bytes``), the same in every process."""
    if isinstance(text, str):
        text = text.encode("utf-8")
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "little", signed=True)


def parameters(searcher, boosts):
    """What impacts computed for ``searcher``'s index with the field ``boosts`` depend on."""
    weighting = searcher.weighting
    return {"fields": dict(boosts), "b": {f: field_b(weighting, f) for f in boosts},
            "avgfl": {f: searcher.avg_field_length(f) or 1 for f in boosts},
            "k1": saturation(weighting)}


def write_impacts(directory, config):
    """Write the impacts of every segment of the Whoosh index in ``directory`` (replacing any)."""
    from whoosh import index as whoosh_index

    from index.boosts import field_boosts, weighting
    from index.postings import FlatPostings, add_field, length_norms, term_postings

    ix = whoosh_index.open_dir(str(directory))
    written = 0
    with ix.searcher(weighting=weighting(config)) as top:
        boosts = field_boosts(config, top.schema)
        params = parameters(top, boosts)
        k1 = params["k1"]
        for leaf, _ in top.leaf_searchers():
            reader = leaf.reader()
            segment = reader.segment()
            flat = FlatPostings.open(directory, segment)
            norms = {f: length_norms(reader, f, params["b"][f], params["avgfl"][f])
                     for f in boosts}
            target = impacts_path(directory, segment)
            with _Writer(target, params) as out:
                for text, fields in _words(reader, boosts):
                    tf = None
                    dfs = dict.fromkeys(boosts, 0)
                    for fieldname, info in fields:
                        dfs[fieldname] = info.doc_frequency()
                        ids, weights = term_postings(reader, fieldname, text, info, flat)
                        tf = add_field(tf, ids, weights, boosts[fieldname], norms[fieldname])
                    ids = sorted(tf)
                    out.add(text, dfs.values(), ids, [tf[d] / (tf[d] + k1) for d in ids])
            written += out.written
    return written


def _words(reader, boosts):
    """``(word, [(field, term info)])`` of every word of the ``boosts`` fields of a segment, in
    the order of the words, each word's fields in the order of ``boosts``."""
    order = {f: i for i, f in enumerate(boosts)}
    # Each field's term list is read whole: Whoosh's term iterators share a file position, so
    # two of them cannot be walked side by side.
    streams = [[(text, order[f], f, info) for text, info in reader.iter_field(f)] for f in boosts]
    word, fields = None, []
    for text, _, fieldname, info in heapq.merge(*streams, key=lambda item: item[:2]):
        if text != word:
            if fields:
                yield word, fields
            word, fields = text, []
        fields.append((fieldname, info))
    if fields:
        yield word, fields


class _Writer:
    """Streams the words of one segment into its impacts file (see the module docstring).

    The file appears, atomically, when the context ends without an error and no two words share
    a key; if two do, the segment is left without a file (a former one is removed).
    """

    def __init__(self, target, params):
        self.target, self.params, self.written = target, params, 0
        self.tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
        # Per word, in the order written: arrays, not tuples, to keep a large segment small.
        self.keys, self.starts = array("q"), array("q")
        self.counts, self.lengths, self.dfs = array("I"), array("I"), array("I")

    def __enter__(self):
        text = json.dumps(self.params).encode("utf-8")  # fields in their order, as the dfs are
        text += b" " * (-(len(MAGIC) + _SIZE.size + len(text)) % 8)
        self.file = open(self.tmp, "wb")
        self.file.write(MAGIC + _SIZE.pack(len(text)) + text)
        self.counts_at = self.file.tell()
        self.file.write(_COUNTS.pack(0, 0))
        return self

    def add(self, word, dfs, ids, impacts):
        start = self.file.tell()
        self.file.write(word)
        self.file.write(array("I", ids).tobytes())
        self.file.write(array("d", impacts).tobytes())
        self.keys.append(word_key(word))
        self.starts.append(start)
        self.counts.append(len(ids))
        self.lengths.append(len(word))
        self.dfs.extend(dfs)

    def __exit__(self, kind, *exc):
        try:
            if kind is None and len(set(self.keys)) == len(self.keys):
                self._finish()
                os.replace(self.tmp, self.target)
                self.written = 1
            elif kind is None:  # two words share a key: no impacts for this segment
                self.target.unlink(missing_ok=True)
        finally:
            if not self.file.closed:
                self.file.close()
            self.tmp.unlink(missing_ok=True)

    def _finish(self):
        order = sorted(range(len(self.keys)), key=self.keys.__getitem__)
        width = len(self.params["fields"])
        f = self.file
        f.write(bytes(-f.tell() % 8))
        table = f.tell()
        for column in (self.keys, self.starts, self.counts, self.lengths):
            f.write(array(column.typecode, map(column.__getitem__, order)).tobytes())
        dfs = self.dfs
        f.write(array("I", (dfs[i * width + j] for i in order for j in range(width))).tobytes())
        f.seek(self.counts_at)
        f.write(_COUNTS.pack(len(order), table))
        f.flush()
        os.fsync(f.fileno())
        f.close()


class Impacts:
    """The impacts of one segment (see the module docstring), or ``None`` from :meth:`open`."""

    def __init__(self, mm):
        self._mm = mm
        if mm[:len(MAGIC)] != MAGIC:
            raise ValueError("not an impacts file of this byte order")
        at = len(MAGIC)
        (size,) = _SIZE.unpack_from(mm, at)
        at += _SIZE.size
        self.params = json.loads(bytes(mm[at:at + size]))
        at += size
        n, at = _COUNTS.unpack_from(mm, at)
        view = memoryview(mm)
        nfields = len(self.params["fields"])
        self._keys = view[at:at + 8 * n].cast("q")
        self._starts = view[at + 8 * n:at + 16 * n].cast("q")
        self._counts = view[at + 16 * n:at + 20 * n].cast("I")
        self._lengths = view[at + 20 * n:at + 24 * n].cast("I")
        self._dfs = view[at + 24 * n:at + (24 + 4 * nfields) * n].cast("I")
        self._nfields = nfields
        self._n = n

    @classmethod
    def open(cls, directory, segment):
        from index.postings import open_mapped

        return open_mapped(cls, impacts_path(directory, segment), (UnicodeDecodeError, KeyError))

    def get(self, text):
        """``(document frequency per field, document numbers, impacts)`` of the word ``text``
        (UTF-8 bytes), or ``None`` when the segment does not hold it."""
        i = self._find(text)
        if i is None:
            return None
        start, count, length = self._starts[i], self._counts[i], self._lengths[i]
        start += length
        ids, impacts = array("I"), array("d")
        ids.frombytes(self._mm[start:start + 4 * count])
        impacts.frombytes(self._mm[start + 4 * count:start + 12 * count])
        return self.frequencies(text, i), ids, impacts

    def frequencies(self, text, i=None):
        """The document frequency per field (in ``params["fields"]`` order) of the word ``text``
        (UTF-8 bytes), or ``None``; its postings are not read."""
        if i is None:
            i = self._find(text)
            if i is None:
                return None
        return tuple(self._dfs[i * self._nfields:(i + 1) * self._nfields])

    def _find(self, text):
        """The place of ``text`` in the word table, or ``None``."""
        key = word_key(text)
        i = bisect_left(self._keys, key)
        if i == self._n or self._keys[i] != key:
            return None
        start, length = self._starts[i], self._lengths[i]
        return i if self._mm[start:start + length] == text else None


__all__ = ["EXTENSION", "Impacts", "parameters", "word_key", "write_impacts"]
