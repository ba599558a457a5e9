"""``index``: add or update documents incrementally, copy-on-write.

A Whoosh commit spans several files and is not atomic (WHOOSH_NOTES.md, problem 7), so an
incremental run never writes into the live generation. It reads the live generation's content
hashes, and on the first new or changed document makes the next generation as a hard-linked copy
of the live one (cheap: Whoosh never rewrites a file in place), writes the changes there, checks it
and swaps it in like a rebuild does. A run that changes nothing creates no generation.

``prune`` deletes documents whose source disappeared: a document is pruned when its origin file
lies under one of ``sources`` and its id was not read in this run, unless that file reported a
problem this run (a file that became unreadable does not take its documents with it).
"""

import os
import time
from pathlib import Path

from whoosh import index as whoosh_index

from index.build import build_info, write_search_files
from index.check import check_generation
from index.errors import StrictInputError
from index.report import RunSummary
from index.schema import build_schema
from index.writer import Progress, feed, open_writer


def update(store, sources, config, *, prune=False, strict=False, wait=0.0, progress=None):
    """Add new and changed documents of ``sources`` to the index of ``store``; see the module
    docstring. Returns a :class:`RunSummary`; creates the index if there is none."""
    from index.loaders import discover, read_documents  # here: a search imports this module

    started = time.monotonic()
    files = discover(sources, config)
    total = sum(f.size for f in files)
    with store.lock(wait):
        store.cleanup()
        live = store.current() if store.exists() else None
        if live:
            store.check_version(live)
        existing = read_existing(store.open(live)) if live else {}
        building = {}

        def get_writer():
            if not building:
                name, path = store.new_building(copy_of=live)
                ix = (whoosh_index.open_dir(str(path)) if live
                      else whoosh_index.create_in(str(path), build_schema()))
                building.update(name=name, path=path, writer=open_writer(ix, 1))
            return building["writer"]

        try:
            tally = feed(read_documents(files, config), {i: h for i, (h, _) in existing.items()},
                         get_writer, Progress(progress, total))
            doomed = _doomed(existing, tally, sources) if prune else []
            if strict and tally.problems:
                raise StrictInputError(tally.problems)
            if doomed:
                writer = get_writer()
                for doc_id in doomed:
                    writer.delete_by_term("id", doc_id)
            if building:
                building["writer"].commit()
                write_search_files(building["path"], config)
                documents = len(existing) + tally.added - len(doomed)
                check_generation(building["path"], documents)
                store.publish(building["name"], build_info(
                    "index", building["name"], live.name if live else None, documents,
                    time.monotonic() - started, sources, 1))
        except BaseException:
            if building:
                if not building["writer"].is_closed:
                    building["writer"].cancel()
                store.discard(building["name"])
            raise
        store.cleanup()
    generation = building["name"] if building else (live.name if live else None)
    return RunSummary(kind="index", generation=generation,
                      documents=len(existing) + tally.added - len(doomed),
                      added=tally.added, updated=tally.updated, unchanged=tally.unchanged,
                      deleted=len(doomed), problems=tuple(tally.problems),
                      duration=time.monotonic() - started)


def read_existing(ix):
    """``{id: (content_hash, origin)}`` of every document in the Whoosh index ``ix``."""
    with ix.searcher() as searcher:
        return {d["id"]: (d.get("hash"), d.get("origin", "")) for d in searcher.documents()}


def _doomed(existing, tally, sources):
    roots = [Path(s).resolve() for s in sources]
    doomed = []
    for doc_id, (_, origin) in existing.items():
        if doc_id in tally.seen or not origin or origin in tally.problem_files:
            continue
        if any(_under(origin, root) for root in roots):
            doomed.append(doc_id)
    return sorted(doomed)


def _under(origin, root):
    root = str(root)
    return origin == root or origin.startswith(root.rstrip(os.sep) + os.sep)
