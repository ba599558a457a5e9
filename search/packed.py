"""A read-only map and record list in one byte string that opens at once and decodes on demand.

The glossary is cached in this form (:meth:`search.glossary.Glossary.to_bytes`): a query looks up
a few dozen keys and decodes the handful of entries they name, instead of unpickling ~10,000
entries and ~23,000 keys in every process (about 50 ms of a cold search).

Layout: ``MAGIC``, the CRC-32 of the rest, then one ``marshal`` tuple ``(marshal version, header,
bucket offsets, buckets, record offsets, records)``. A key lives in bucket ``crc32(key) % n``; a
bucket is a marshalled ``{key: value}`` of about :data:`PER_BUCKET` keys, a record a marshalled
value. Keys are tuples (or tuples of tuples) of strings; values anything ``marshal`` writes.

The checksum is verified when the bytes are opened, so damaged data is refused there (with
``ValueError``), never halfway through a search. A bucket is decoded the first time a key of it
is looked up and kept: a long-lived process ends up with the map it would have unpickled, paying
for it one bucket at a time.
"""

import marshal
import zlib

MAGIC = b"DZPACK1\n"
PER_BUCKET = 8


def pack(header, mapping, records):
    """The bytes of ``header`` (any marshallable value), ``mapping`` and the list ``records``."""
    nbuckets = max(1, len(mapping) // PER_BUCKET)
    buckets = [{} for _ in range(nbuckets)]
    for key, value in mapping.items():
        buckets[_bucket(key, nbuckets)][key] = value
    bucket_offsets, bucket_data = _concat(marshal.dumps(b) for b in buckets)
    record_offsets, record_data = _concat(marshal.dumps(r) for r in records)
    body = marshal.dumps((marshal.version, header, bucket_offsets, bucket_data, record_offsets,
                          record_data))
    return MAGIC + zlib.crc32(body).to_bytes(4, "little") + body


class Packed:
    """The data of :func:`pack`; raises ``ValueError`` when ``data`` is not intact."""

    def __init__(self, data):
        data = memoryview(data)
        start = len(MAGIC) + 4
        if len(data) < start or data[:len(MAGIC)] != MAGIC:
            raise ValueError("not packed data")
        if zlib.crc32(data[start:]) != int.from_bytes(data[len(MAGIC):start], "little"):
            raise ValueError("packed data damaged (checksum mismatch)")
        try:
            (version, self.header, self._bucket_offsets, self._buckets, self._record_offsets,
             self._records) = marshal.loads(data[start:])
        except (EOFError, TypeError) as exc:
            raise ValueError(f"packed data unreadable: {exc}") from None
        if version != marshal.version:
            raise ValueError(f"packed with marshal version {version}, this Python reads "
                             f"{marshal.version}")
        self._nbuckets = len(self._bucket_offsets) - 1
        self._decoded = {}  # bucket number → its dict: a bucket is decoded once

    def __len__(self):
        """The number of records."""
        return len(self._record_offsets) - 1

    def get(self, key, default=None):
        i = _bucket(key, self._nbuckets)
        bucket = self._decoded.get(i)
        if bucket is None:
            bucket = self._decoded[i] = _load(self._buckets, self._bucket_offsets, i)
        return bucket.get(key, default)

    def record(self, n):
        if not 0 <= n < len(self):
            raise IndexError(n)
        return _load(self._records, self._record_offsets, n)


def _bucket(key, nbuckets):
    return zlib.crc32(_key_bytes(key)) % nbuckets


def _key_bytes(key):
    """A stable byte form of a key (``hash()`` of a string changes from process to process)."""
    if isinstance(key, str):
        return key.encode("utf-8", "surrogatepass")
    # A glossary key is a tuple of words, each a tuple of strings: those two levels without
    # a call per string (a query looks up a dozen keys).
    return b"\x00(" + b"\x00,".join(
        b"\x00(" + b"\x00,".join([s.encode("utf-8", "surrogatepass") for s in part]) + b"\x00)"
        if type(part) is tuple and all(type(s) is str for s in part) else _key_bytes(part)
        for part in key) + b"\x00)"


def _concat(blobs):
    offsets, chunks, end = [0], [], 0
    for blob in blobs:
        chunks.append(blob)
        end += len(blob)
        offsets.append(end)
    return tuple(offsets), b"".join(chunks)


def _load(data, offsets, i):
    return marshal.loads(memoryview(data)[offsets[i]:offsets[i + 1]])
