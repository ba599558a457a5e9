"""Feeding documents into a Whoosh writer, and choosing when to write in parallel.

:func:`feed` is shared by ``rebuild`` and ``index``: it writes the documents that are new or changed
(by content hash), counts the unchanged ones, collects problems, and reports progress in bytes.

Parallel writing uses Whoosh's multiprocessing writer (``procs > 1, multisegment=True``). It pays
on large inputs: measured with ``bench/indexing.py`` on a quiet 2-core machine (32,948 documents,
58 MB of text), two processes took 34 s against 68 s for one (x1.98). (An earlier run that found
two processes slower had shared the machine with other jobs.) Small inputs stay in one process,
where starting workers costs more than it saves. It needs the ``fork`` start method: under
``spawn`` a Whoosh worker that gets no batch raises ``IndexError`` (WHOOSH_NOTES.md, problem 5), so
any other start method falls back to one process.

Workers die with their parent: if the process that runs the writer is killed, even by SIGKILL,
each worker exits within about a second instead of indexing on as an orphan (on Linux the kernel
kills it at once; elsewhere it notices within half a second). What it had written stays in
``building/`` until the next writer's cleanup; the live index is not touched.
See :mod:`index.parallel`.
"""

import os
from dataclasses import dataclass, field

from index.report import Problem

MB = 1024 * 1024
#: Upper bound on worker processes; more add segments without adding speed on our corpora.
MAX_PROCS = 4
#: Cores needed before a parallel writer is used.
MIN_CPUS_FOR_PARALLEL = 2
#: Memory per Whoosh writer (MB) before it spills a run to disk.
LIMIT_MB = 256


def choose_procs(config, total_bytes, requested=None):
    """How many processes to index ``total_bytes`` of input with (1 = no parallel writer)."""
    import multiprocessing  # here: importing it costs a search (which imports this module) 1 ms

    if multiprocessing.get_start_method(allow_none=False) != "fork":
        return 1
    if requested:
        return max(1, requested)
    if config.procs:
        return config.procs
    cpus = os.cpu_count() or 1
    if cpus < MIN_CPUS_FOR_PARALLEL or total_bytes < config.parallel_min_mb * MB:
        return 1
    return min(cpus, MAX_PROCS)


def open_writer(ix, procs):
    """A Whoosh writer on ``ix``: multiprocessing with one segment per worker when ``procs > 1``.

    Segments are written as separate files, not as Whoosh's default compound ``.seg`` file: a
    reader maps a compound file and then copies each of its parts into memory (``BufferFile``
    wraps them in ``BytesIO``). On the 120 MB scale index that cost a cold search about 40 ms and
    every searcher a private copy (three searchers: 700 MB resident instead of 30 MB). Separate
    files are read in place; warm queries stay within a few percent (medians 4.0 and 4.2 ms over
    120 topic titles). Generations written before stay compound, and
    :meth:`index.store.IndexStore.open` reads them unmapped, so without the copy either.

    The parallel writer is Whoosh's, except that its workers exit when the process that started
    them dies, however it dies (:class:`index.parallel.OrphanSafeMpWriter`).
    """
    if procs > 1:
        from index.parallel import OrphanSafeMpWriter  # here: it imports multiprocessing

        return OrphanSafeMpWriter(ix, procs=procs, multisegment=True, limitmb=LIMIT_MB,
                                  compound=False)
    return ix.writer(limitmb=LIMIT_MB, compound=False)


@dataclass
class Tally:
    """What :func:`feed` did; ``seen`` holds the ids read this run, ``problem_files`` the files
    that reported a problem."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list = field(default_factory=list)
    seen: set = field(default_factory=set)
    problem_files: set = field(default_factory=set)


class Progress:
    """Adapts per-item sizes to a ``callback(done_bytes, total_bytes)``; no-op without callback."""

    def __init__(self, callback, total):
        self.callback = callback
        self.total = total
        self.done = 0

    def advance(self, size):
        if self.callback is not None:
            self.done += size
            self.callback(min(self.done, self.total), self.total)


def feed(items, existing, get_writer, progress):
    """Write new and changed documents of ``items``; return a :class:`Tally`.

    ``existing`` maps id -> content hash of documents already in the index; ``get_writer()`` is
    called on the first change only (so an update that changes nothing copies nothing).
    """
    tally = Tally()
    writer = None
    for item in items:
        progress.advance(item.size)
        if isinstance(item, Problem):
            tally.problems.append(item)
            tally.problem_files.add(item.path)
            continue
        tally.seen.add(item.id)
        digest = item.content_hash()
        old = existing.get(item.id)
        if old == digest:
            tally.unchanged += 1
            continue
        writer = writer or get_writer()
        if old is None:
            writer.add_document(**item.fields())
            tally.added += 1
        else:
            writer.update_document(**item.fields())
            tally.updated += 1
    return tally
