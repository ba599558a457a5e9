"""A segment's vocabulary for prefix probes: the words of its body and title, in byte order.

Transliteration (:mod:`search.translit`) builds the spellings of a name no glossary holds letter by
letter, and keeps a spelling only while some word of the index starts with it: hundreds of probes
for one Persian word. Whoosh answers a probe from its on-disk term table, by a binary search that
seeks and reads the file at every step, once per field and segment (about 0.3 ms a probe on the
33,000 documents of ``bench/latency.py``: most of a cold Persian search for a name). This file
holds the same words, mapped read-only and searched in memory.

Layout: ``MAGIC``, the number of words ``n`` (``uint64``), ``n + 1`` offsets (``array("I")``,
native) into the words, then the words' UTF-8 bytes end to end, each once, in byte order
(Whoosh's term order). Written beside each segment (:func:`write_vocabularies`); a segment
without it (a generation built before it) is probed through Whoosh.
"""

import heapq
import struct
import sys
from array import array
from bisect import bisect_left
from pathlib import Path

from index.atomic import replacing

EXTENSION = ".voc"
MAGIC = b"DZVOC1" + (b"<" if sys.byteorder == "little" else b">") + b"\n"
#: The fields whose words are the index's vocabulary, for transliteration.
FIELDS = ("body", "title")
_HEADER = struct.Struct("=8sQ")


def vocabulary_path(directory, segment):
    return Path(directory) / segment.make_filename(EXTENSION)


def write_vocabularies(directory, fields=FIELDS):
    """Write the vocabulary of every segment of the Whoosh index in ``directory`` that has none.

    A segment's words never change, so an existing file is kept. Returns the number written;
    each is written to a temporary name and renamed.
    """
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(directory))
    written = 0
    with ix.reader() as top:
        for reader, _ in top.leaf_readers():
            target = vocabulary_path(directory, reader.segment())
            if target.exists():
                continue
            # Each field's words are read whole: Whoosh's term iterators share a file position.
            lists = [list(reader.lexicon(f)) for f in fields if f in reader.schema]
            words = []
            for word in heapq.merge(*lists):
                if not words or words[-1] != word:
                    words.append(word)
            _write(target, words)
            written += 1
    return written


def _write(target, words):
    offsets, position = array("I", [0]), 0
    for word in words:
        position += len(word)
        offsets.append(position)
    with replacing(target) as f:
        f.write(_HEADER.pack(MAGIC, len(words)))
        f.write(offsets.tobytes())
        f.write(b"".join(words))


class Vocabulary:
    """The vocabulary of one segment (see the module docstring), or ``None`` from :meth:`open`."""

    def __init__(self, data):
        magic, n = _HEADER.unpack_from(data)
        if magic != MAGIC:
            raise ValueError("not a vocabulary of this format and byte order")
        start = _HEADER.size + 4 * (n + 1)
        self._offsets = memoryview(data)[_HEADER.size:start].cast("I")
        if len(self._offsets) != n + 1 or start + self._offsets[n] != len(data):
            raise ValueError("vocabulary truncated")
        self._mm, self._start, self._n = data, start, n

    @classmethod
    def open(cls, directory, segment):
        from index.postings import open_mapped

        return open_mapped(cls, vocabulary_path(directory, segment))

    def __len__(self):
        return self._n

    def __getitem__(self, i):
        """The ``i``-th word (bytes): the words are a sorted sequence, searched by bisection."""
        if not 0 <= i < self._n:
            raise IndexError(i)
        start, offsets = self._start, self._offsets
        return self._mm[start + offsets[i]:start + offsets[i + 1]]

    def has_prefix(self, prefix):
        """Whether a word starts with ``prefix`` (UTF-8 bytes)."""
        i = bisect_left(self, prefix)
        return i < self._n and self[i].startswith(prefix)

    def starting_with(self, prefix):
        """The words (bytes) that start with ``prefix`` (bytes, not empty), in order."""
        lo = bisect_left(self, prefix)
        hi = bisect_left(self, _successor(prefix), lo)
        offsets = self._offsets[lo:hi + 1].tolist()
        if len(offsets) < 2:
            return []
        base = offsets[0]
        block = self._mm[self._start + base:self._start + offsets[-1]]
        return [block[a - base:b - base] for a, b in zip(offsets, offsets[1:])]

    def __contains__(self, word):
        i = bisect_left(self, word)
        return i < self._n and self[i] == word


def _successor(prefix):
    """The first byte string after every string that starts with ``prefix`` (UTF-8: no byte is
    0xff)."""
    return prefix[:-1] + bytes([prefix[-1] + 1])


__all__ = ["EXTENSION", "FIELDS", "Vocabulary", "vocabulary_path", "write_vocabularies"]
