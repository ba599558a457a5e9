"""index/parallel.py: the parallel writer's workers do not outlive the process that started them."""

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
from index.writer import Progress, feed
from tests.conftest import REPO


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
