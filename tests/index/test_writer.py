import multiprocessing
import os
import random
import signal
import string
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.config import Config
from index.document import Document
from index.report import BAD_JSON, Problem
from index.writer import MB, Progress, choose_procs, feed
from tests.conftest import REPO


class FakeWriter:
    def __init__(self):
        self.added, self.updated = [], []

    def add_document(self, **fields):
        self.added.append(fields["id"])

    def update_document(self, **fields):
        self.updated.append(fields["id"])


def test_small_input_is_indexed_in_one_process():
    assert choose_procs(Config(), 1 * MB) == 1


def test_large_input_goes_parallel_on_several_cores(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert choose_procs(Config(), 100 * MB) == 4


def test_two_cores_write_in_two_processes(monkeypatch):
    # Measured with bench/indexing.py on two cores: x1.98 faster than one process.
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert choose_procs(Config(), 100 * MB) == 2


def test_one_core_stays_in_one_process(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert choose_procs(Config(), 100 * MB) == 1


def test_configured_procs_win():
    import dataclasses
    assert choose_procs(dataclasses.replace(Config(), procs=3), 0) == 3


def test_other_start_methods_fall_back_to_one_process(monkeypatch):
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda allow_none=False: "spawn")
    assert choose_procs(Config(), 100 * MB, requested=4) == 1


def test_feed_adds_new_updates_changed_skips_unchanged():
    same = Document(id="same", body="x")
    writer = FakeWriter()
    items = [same, Document(id="new", body="y"), Document(id="changed", body="z"),
             Problem(BAD_JSON, "/f", 3, "bad")]
    tally = feed(items, {"same": same.content_hash(), "changed": "old-hash"}, lambda: writer,
                 Progress(None, 0))
    assert (writer.added, writer.updated, tally.unchanged) == (["new"], ["changed"], 1)
    assert tally.seen == {"same", "new", "changed"} and tally.problem_files == {"/f"}


def test_feed_opens_no_writer_when_nothing_changed():
    doc = Document(id="a", body="x")

    def no_writer():
        raise AssertionError("writer opened")

    assert feed([doc], {"a": doc.content_hash()}, no_writer, Progress(None, 0)).unchanged == 1


def _segment_files(store):
    return sorted(p.suffix for p in store.current().path.iterdir() if p.name.startswith("MAIN_"))


def test_segments_are_written_as_separate_files(store, corpus):
    from index import rebuild

    rebuild(store, [corpus], Config(), procs=1)
    files = _segment_files(store)
    assert ".seg" not in files and ".pst" in files and ".trm" in files


def test_parallel_segments_are_written_as_separate_files(store, corpus):
    from index import rebuild

    rebuild(store, [corpus], Config(), procs=2)
    assert ".seg" not in _segment_files(store)


def test_a_compound_generation_still_opens_and_takes_updates(store, corpus, tmp_path,
                                                             write_jsonl, search_ids, monkeypatch):
    import index.build
    from index import rebuild, update

    # Generations written before segments were split keep Whoosh's compound .seg files.
    monkeypatch.setattr(index.build, "open_writer", lambda ix, procs: ix.writer())
    rebuild(store, [corpus], Config())
    monkeypatch.undo()
    assert ".seg" in _segment_files(store) and ".pst" not in _segment_files(store)
    assert search_ids(store, "ceasefire") == ["gaza-en"]
    write_jsonl(tmp_path / "more" / "m.jsonl",
                [{"id": "new-en", "title": "Ceasefire talks resume", "body": "In Cairo."}])
    update(store, [tmp_path / "more"], Config())
    assert ".pst" in _segment_files(store)
    assert sorted(search_ids(store, "ceasefire")) == ["gaza-en", "new-en"]


# A rebuild in its own interpreter, as from cron; "watchdog" makes it act as where prctl is missing.
REBUILD = """
import sys
import index.parallel
if sys.argv[1] == "watchdog":
    index.parallel.set_parent_death_signal = lambda sig: False
from cli import main
main(sys.argv[2:])
"""


def _proc_stat(pid):
    """``(state, ppid, start time)`` of process ``pid`` from ``/proc``, or None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text[text.rindex(")") + 2:].split()  # the command name may hold spaces
    return fields[0], int(fields[1]), fields[19]


def _children(pid):
    """``{pid: start time}`` of the live children of ``pid`` (the start time tells reused pids)."""
    found = {}
    for entry in Path("/proc").iterdir():
        stat = _proc_stat(entry.name) if entry.name.isdigit() else None
        if stat and stat[1] == pid and stat[0] != "Z":
            found[int(entry.name)] = stat[2]
    return found


def _alive(workers):
    """The pids of ``workers`` (as from :func:`_children`) that still run; zombies are gone."""
    return sorted(pid for pid, start in workers.items()
                  if (stat := _proc_stat(pid)) and stat[2] == start and stat[0] != "Z")


def _generated_corpus(write_jsonl, path, docs=5000, words=120):
    """Enough text to keep two workers busy for several seconds."""
    rng = random.Random(7)
    vocabulary = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9)))
                  for _ in range(5000)]
    write_jsonl(path / "gen.jsonl",
                [{"id": f"gen-{n}", "title": " ".join(rng.choices(vocabulary, k=6)),
                  "body": " ".join(rng.choices(vocabulary, k=words))} for n in range(docs)])
    return path


def _files(path):
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in path.iterdir()}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                    reason="finding the worker processes needs /proc")
@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="parallel writers need the fork start method (choose_procs)")
@pytest.mark.parametrize("guard", ["prctl", "watchdog"])
def test_parallel_workers_die_with_their_parent(guard, store, corpus, tmp_path, write_jsonl,
                                                search_ids):
    from index import rebuild

    rebuild(store, [corpus], Config(), procs=1)
    live = store.current()
    before = _files(live.path), search_ids(store, "ceasefire")
    source = _generated_corpus(write_jsonl, tmp_path / "big")
    args = ["rebuild", "--quiet", "--procs", "2", "--index", store.path, source]
    with open(tmp_path / "stderr", "w+") as stderr:
        proc = subprocess.Popen([sys.executable, "-c", REBUILD, guard, *map(str, args)], cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=stderr)
        workers = {}
        try:
            deadline = time.monotonic() + 20
            while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
                workers = _children(proc.pid)
                time.sleep(0.05)
            stderr.seek(0)
            assert len(workers) == 2, f"no two workers seen; rebuild: {proc.poll()} {stderr.read()}"
            time.sleep(0.5)  # let them get to work
            proc.kill()
            assert proc.wait() == -signal.SIGKILL, "the rebuild ended before it could be killed"
            deadline = time.monotonic() + 3
            while _alive(workers) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _alive(workers) == [], "workers outlived their parent by 3 s"
        finally:
            proc.kill()
            proc.wait()
            for pid in _alive(workers):  # only if the test failed: leave no orphans behind
                os.kill(pid, signal.SIGKILL)
    assert store.current().name == live.name
    assert (_files(live.path), search_ids(store, "ceasefire")) == before


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="parallel writers need the fork start method (choose_procs)")
def test_workers_started_by_a_thread_that_ends_live_on(tmp_path):
    # Linux sends the parent-death signal when the *thread* that forked a worker ends; Whoosh
    # would then commit without that worker's documents, and say nothing.
    import threading

    from whoosh import index as whoosh_index

    from index.schema import build_schema
    from index.writer import open_writer

    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    writer = open_writer(ix, 2)
    docs = [Document(id=f"d{n}", body=f"word{n}") for n in range(500)]
    thread = threading.Thread(target=feed, args=(docs, {}, lambda: writer, Progress(None, 0)))
    thread.start()
    thread.join()
    writer.commit()
    assert ix.doc_count() == 500
