"""``rebuild``: the nightly job. Build a complete new generation, check it, swap it in.

The live generation is never touched: the new one is written in ``building/``, checked
(:mod:`index.check`), published by an atomic ``CURRENT`` swap (:meth:`IndexStore.publish`), and the
one it replaces is kept as the rollback target. A failure or a refused ``strict`` run discards the
new generation and leaves everything as it was.
"""

import datetime
import time

from whoosh import index as whoosh_index

from index.check import check_generation
from index.errors import RebuildError, StrictInputError
from index.impacts import write_impacts
from index.postings import write_flat_postings
from index.report import RunSummary
from index.schema import SCHEMA_VERSION, build_schema
from index.vocabulary import write_vocabularies
from index.writer import Progress, choose_procs, feed, open_writer


#: A rebuild that would leave fewer than this share of the live index's documents is refused
#: (a truncated export or a missing mount would otherwise empty the index overnight).
MIN_SHARE = 0.5


def rebuild(store, sources, config, *, strict=False, wait=0.0, progress=None, procs=None,
            allow_shrink=False):
    """Rebuild the index of ``store`` from ``sources``; return a :class:`RunSummary`.

    ``wait``: seconds to wait for another writer (0: fail at once with IndexLockedError).
    ``progress``: ``callback(done_bytes, total_bytes)``. ``procs``: force the number of writer
    processes (default: :func:`index.writer.choose_procs`). Unless ``allow_shrink``, a new
    generation with fewer than :data:`MIN_SHARE` of the live one's documents is not published.
    """
    from index.loaders import discover, read_documents  # here: a search imports this module

    started = time.monotonic()
    files = discover(sources, config)
    total = sum(f.size for f in files)
    nprocs = choose_procs(config, total, procs)
    with store.lock(wait):
        store.cleanup()
        parent = store.current().name if store.exists() else None
        name, path = store.new_building()
        try:
            ix = whoosh_index.create_in(str(path), build_schema())
            writer = open_writer(ix, nprocs)
            try:
                tally = feed(read_documents(files, config), {}, lambda: writer,
                             Progress(progress, total))
            except BaseException:
                writer.cancel()
                raise
            if strict and tally.problems:
                writer.cancel()
                raise StrictInputError(tally.problems)
            if not tally.added:
                writer.cancel()
                raise RebuildError("no documents were loaded from "
                                   f"{', '.join(map(str, sources))}; the live index was left as it was")
            if parent and not allow_shrink:
                try:
                    _check_share(store, tally.added, sources)
                except RebuildError:
                    writer.cancel()
                    raise
            writer.commit()
            write_search_files(path, config)
            check_generation(path, tally.added)
            duration = time.monotonic() - started
            store.publish(name, build_info("rebuild", name, parent, tally.added, duration,
                                           sources, nprocs))
        except BaseException:
            store.discard(name)
            raise
        store.cleanup()
    return RunSummary(kind="rebuild", generation=name, documents=tally.added, added=tally.added,
                      updated=0, unchanged=0, deleted=0, problems=tuple(tally.problems),
                      duration=time.monotonic() - started, procs=nprocs)


def _check_share(store, documents, sources):
    live = store.build_info().get("documents")
    if live and documents < MIN_SHARE * live:
        raise RebuildError(
            f"the new generation would hold {documents} documents, the live one holds {live} "
            f"(less than {MIN_SHARE:.0%}): are all of {', '.join(map(str, sources))} there? "
            "The live index was left as it was; pass --allow-shrink if the index should shrink")


def write_search_files(path, config):
    """Write what a search reads beside a new generation's segments: the flat postings, then the
    impacts, which are computed from them, and the vocabulary that transliteration probes."""
    write_flat_postings(path)
    write_impacts(path, config)
    write_vocabularies(path)


def build_info(kind, name, parent, documents, duration, sources, procs):
    """The ``BUILD.json`` of a generation."""
    return {
        "generation": name,
        "kind": kind,
        "parent": parent,
        "built_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "duration_s": round(duration, 3),
        "documents": documents,
        "sources": [str(s) for s in sources],
        "procs": procs,
        "schema_version": SCHEMA_VERSION,
    }
