"""Generations of an index directory, the ``CURRENT`` pointer, rollback and recovery.

Layout of an index directory ``DIR``::

    DIR/CURRENT              name of the live generation (one line), replaced atomically
    DIR/WRITELOCK            the writer lock (index.lock)
    DIR/generations/<name>/  complete Whoosh indexes, each with a BUILD.json
    DIR/building/<name>/     generations being built; never read, removed by the next writer

A generation is built in ``building/``, fsynced, renamed into ``generations/`` and only then named
in ``CURRENT``; a crash at any point leaves ``CURRENT`` naming a complete generation. Names are
``<sequence>-<UTC time>-<random>`` (``000007-20261122T193012-a3f09c``) and never reused, so a reader that compares names never mistakes a new generation for the one it has open.

Two generations are kept: the live one and the *rollback target*, the newest generation older
than the live one. Everything else (half-built generations, generations newer than the live one
left by a crash or a rollback, older ones) is removed by :meth:`IndexStore.cleanup`, which writers
call under the lock at the start and the end of each run: never at once, so readers that opened a
generation just before a swap keep working.

Readers call :meth:`IndexStore.current` before each search; it is one small file read.
"""

import json
import os
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from index.atomic import fsync_dir, fsync_tree, link_or_copy_tree, read_pointer, write_pointer
from index.errors import IndexNotFoundError, IndexVersionError, RebuildError
from index.lock import WriterLock

CURRENT = "CURRENT"
LOCKFILE = "WRITELOCK"
GENERATIONS = "generations"
BUILDING = "building"
BUILD_INFO = "BUILD.json"
#: Whoosh lock files are never copied into a new generation.
WHOOSH_LOCKS = ("MAIN_WRITELOCK", "MAIN_READLOCK")


@dataclass(frozen=True)
class Generation:
    """One complete index: its name and directory."""

    name: str
    path: Path

    @property
    def seq(self):
        return _seq(self.name)


class GenerationIndex(whoosh_index.FileIndex):
    """A generation's Whoosh index whose readers open every file of their segments at once.

    ``cleanup`` may delete a generation that readers still have open, and they keep working
    because an open file outlives its name. Segments are written as separate files
    (:func:`index.writer.open_writer`), and Whoosh opens a segment's column files (stored fields,
    field lengths, sortable columns) only on first use, which would fail once the generation is
    gone; so each reader opens them when it is created. (A compound ``.seg`` is one file, opened
    with the reader.)
    """

    def reader(self, reuse=None):
        reader = super().reader(reuse=reuse)
        for leaf, _ in reader.leaf_readers():
            _open_columns(leaf)
        return reader


def _open_columns(reader):
    """Make the segment reader ``reader`` open (and keep) all its column files."""
    segment = reader.segment()  # None for the reader of an index without segments
    if segment is None or segment.is_compound() or not reader.doc_count_all():
        return
    reader.stored_fields(0)
    for name, field in reader.schema.items():
        if field.scorable:
            reader.doc_field_length(0, name)
        if field.column_type is not None and reader.has_column(name):
            reader.column_reader(name)


def _seq(name):
    head = name.split("-", 1)[0]
    return int(head) if head.isdigit() else -1


class IndexStore:
    """The generations of the index directory ``path`` (see the module docstring)."""

    def __init__(self, path):
        self.path = Path(path)

    # -- readers ---------------------------------------------------------------------------------

    def current(self):
        """The live :class:`Generation` ``(name, path)``: cheap, call it before every search.

        When the name differs from the one a reader has open, the reader should open the new
        path; the old generation stays readable by already open searchers. Raises
        :class:`IndexNotFoundError` when there is no index at ``path``.
        """
        name = read_pointer(self.path / CURRENT)
        if name is None:
            raise IndexNotFoundError(f"no index at {self.path}; create one with "
                                     f"`dozaban rebuild --index {self.path} SOURCE...`")
        path = self.path / GENERATIONS / name
        if not path.is_dir():
            raise IndexNotFoundError(f"{self.path / CURRENT} names generation {name!r}, "
                                     f"which does not exist in {self.path / GENERATIONS}")
        return Generation(name, path)

    def exists(self):
        """True when ``CURRENT`` names a generation."""
        return read_pointer(self.path / CURRENT) is not None

    def open(self, generation=None):
        """The Whoosh index of ``generation`` (default: the live one), opened read-only."""
        generation = generation or self.current()
        # Without mmap, Whoosh reads the parts of a compound .seg file (generations written
        # before index.writer.open_writer split segments) through the file; with it, every reader
        # copies every part into memory (BufferFile wraps the mapped bytes in a BytesIO). The flag
        # changes nothing else: separate segment files are never mapped.
        return GenerationIndex(FileStorage(str(generation.path), supports_mmap=False,
                                           readonly=True))

    def generations(self):
        """Every complete generation, oldest first."""
        root = self.path / GENERATIONS
        if not root.is_dir():
            return []
        names = sorted((n for n in os.listdir(root) if _seq(n) >= 0), key=_seq)
        return [Generation(n, root / n) for n in names]

    def rollback_target(self):
        """The generation ``rollback`` would make live (the newest older than the live one), or None."""
        current = self.current()
        older = [g for g in self.generations() if g.seq < current.seq]
        return older[-1] if older else None

    def build_info(self, generation=None):
        """The ``BUILD.json`` of ``generation`` (default: the live one) as a dict."""
        generation = generation or self.current()
        try:
            return json.loads((generation.path / BUILD_INFO).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def check_version(self, generation=None, search=False):
        """Raise :class:`IndexVersionError` unless ``generation`` was built with this schema.

        An index analyzed by another version of the analyzers would be searched (or extended)
        with terms it does not hold: silently wrong results, so searches and incremental updates
        refuse it and say how to rebuild. (``stats`` and ``rollback`` still work on it.)
        ``search``: also accept the older versions a search still reads
        (:data:`index.schema.SEARCHABLE_VERSIONS`). Returns the generation's version.
        """
        from index.schema import SCHEMA_VERSION, SEARCHABLE_VERSIONS

        generation = generation or self.current()
        found = self.build_info(generation).get("schema_version")
        if found != SCHEMA_VERSION and not (search and found in SEARCHABLE_VERSIONS):
            raise IndexVersionError(
                f"the index at {self.path} (generation {generation.name}) was built with schema "
                f"version {found}, and this Dozaban reads version {SCHEMA_VERSION}; rebuild it: "
                f"`dozaban rebuild --index {self.path} SOURCE...`")
        return found

    # -- writers (hold self.lock()) ----------------------------------------------------------------

    def lock(self, wait=0.0):
        """The writer lock of this directory, a context manager (see :mod:`index.lock`)."""
        self.path.mkdir(parents=True, exist_ok=True)
        return WriterLock(self.path / LOCKFILE, wait=wait)

    def new_building(self, copy_of=None):
        """A fresh building directory ``(name, path)``; a copy of ``copy_of`` when given."""
        (self.path / BUILDING).mkdir(parents=True, exist_ok=True)
        (self.path / GENERATIONS).mkdir(parents=True, exist_ok=True)
        seqs = [_seq(n) for n in os.listdir(self.path / GENERATIONS)]
        seqs += [_seq(n) for n in os.listdir(self.path / BUILDING)]
        seq = max(seqs, default=0) + 1
        name = f"{seq:06d}-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{secrets.token_hex(3)}"
        path = self.path / BUILDING / name
        if copy_of is None:
            path.mkdir()
        else:
            link_or_copy_tree(copy_of.path, path, skip=WHOOSH_LOCKS + (BUILD_INFO,))
        return name, path

    def publish(self, name, info):
        """Make the built generation ``name`` live: write ``info`` as BUILD.json, fsync, rename
        into ``generations/``, then atomically point ``CURRENT`` at it."""
        building = self.path / BUILDING / name
        (building / BUILD_INFO).write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")
        fsync_tree(building)
        target = self.path / GENERATIONS / name
        os.rename(building, target)
        fsync_dir(self.path / GENERATIONS)
        write_pointer(self.path / CURRENT, name)
        return Generation(name, target)

    def rollback(self):
        """Point ``CURRENT`` back at the rollback target; returns ``(from, to)`` generations.

        The generation rolled back from is removed by the next writer's cleanup.
        """
        current = self.current()
        target = self.rollback_target()
        if target is None:
            raise RebuildError(f"nothing to roll back to: {self.path} keeps no generation older "
                               f"than the live one ({current.name})")
        write_pointer(self.path / CURRENT, target.name)
        return current, target

    def cleanup(self):
        """Remove half-built generations, stale pointer temporaries and generations that are
        neither live nor the rollback target; returns the names removed."""
        removed = []
        building = self.path / BUILDING
        if building.is_dir():
            for name in os.listdir(building):
                shutil.rmtree(building / name, ignore_errors=True)
                removed.append(name)
        for name in os.listdir(self.path) if self.path.is_dir() else ():
            if name.startswith(CURRENT + ".tmp-"):
                os.unlink(self.path / name)
        if not self.exists():
            return removed
        keep = {self.current().name}
        target = self.rollback_target()
        if target is not None:
            keep.add(target.name)
        root = self.path / GENERATIONS
        for name in os.listdir(root):
            if name not in keep:
                shutil.rmtree(root / name, ignore_errors=True)
                removed.append(name)
        return removed

    def discard(self, name):
        """Remove the building directory ``name`` (a failed or refused build)."""
        shutil.rmtree(self.path / BUILDING / name, ignore_errors=True)
