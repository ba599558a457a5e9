"""Crash safety: SIGKILL ``rebuild`` and ``index`` at random moments; the live index survives.

Each trial starts the real CLI in a child process, lets it import, then releases it and kills its
whole process group (parallel writers included) after a random delay spread over the length of
an uninterrupted run. After every kill the live index must open and return the same results as
before, and the next run must succeed and clean up (no half-built generation, at most two kept).
The delays are drawn from a seeded generator; the assertions hold whenever the kill lands, so the
test cannot be flaky, only more or less thorough.
"""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from whoosh.query import Term

from index import Config, IndexStore, rebuild

TRIALS = 24
REPO = Path(__file__).resolve().parents[2]
CHILD = """
import sys
from cli import main
print("ready", flush=True)
sys.stdin.readline()
main(sys.argv[1:])
"""
PROBES = ("ceasefire", "gas", "غزه", "انرژی", "Erdoğan", "ترکیه رمضان")
EXTRA_WORD = "zanzibar"


def _corpus(root, rng):
    """The sample corpus plus generated documents built from its own words."""
    shutil.copytree(REPO / "samples", root)
    words = []
    for line in (root / "news.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        words += (record["title"] + " " + record["body"]).split()
    with open(root / "generated.jsonl", "w", encoding="utf-8") as stream:
        for n in range(150):
            body = " ".join(rng.choice(words) for _ in range(60))
            stream.write(json.dumps({"id": f"gen-{n}", "title": " ".join(rng.sample(words, 5)),
                                     "body": body}, ensure_ascii=False) + "\n")
    return root


def _results(store):
    ix = store.open()
    with ix.searcher() as searcher:
        from index import boosted_query
        return {probe: sorted(h["id"] for h in searcher.search(
            boosted_query(probe, ix.schema, Config(), group="or"), limit=None)) for probe in PROBES}


def _extra_hits(store):
    ix = store.open()
    with ix.searcher() as searcher:
        return len(searcher.search(Term("body", EXTRA_WORD), limit=None))


def _start(args):
    """The CLI with ``args`` in its own process group, imported and waiting for "go"."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, *map(str, args)], cwd=REPO,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, start_new_session=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.stdout.readline().strip() == "ready"
    proc.stdin.write("go\n")
    proc.stdin.flush()
    return proc


def _close(proc):
    proc.wait()
    proc.stdin.close()
    proc.stdout.close()


def _run_and_kill(args, delay):
    """Run the CLI, SIGKILL it after ``delay`` s; True if it was still running then."""
    proc = _start(args)
    time.sleep(delay)
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the writer and any parallel workers
    except ProcessLookupError:
        pass
    _close(proc)
    return proc.returncode == -signal.SIGKILL


def _timed(args):
    proc = _start(args)
    started = time.monotonic()
    assert proc.wait(timeout=60) == 0
    _close(proc)
    return time.monotonic() - started


def test_sigkill_at_random_moments_never_damages_the_live_index(tmp_path):
    rng = random.Random(20261122)
    source = _corpus(tmp_path / "src", rng)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "new.md").write_text(f"## {EXTRA_WORD}\n{EXTRA_WORD} quokka\n", encoding="utf-8")
    store = IndexStore(tmp_path / "ix")
    rebuild(store, [source], Config())
    expected = _results(store)

    commands = [
        ["rebuild", "--quiet", "--index", store.path, source],
        ["rebuild", "--quiet", "--procs", "2", "--index", store.path, source],
        ["index", "--quiet", "--index", store.path, source, extra],
    ]
    durations = [_timed(c) for c in commands]
    rebuild(store, [source], Config())

    interrupted = 0
    for trial in range(TRIALS):
        kind = trial % len(commands)
        delay = rng.uniform(0, durations[kind] * 1.1)
        interrupted += _run_and_kill(commands[kind], delay)

        assert store.current().path.is_dir(), f"trial {trial}: CURRENT names no generation"
        assert _results(store) == expected, f"trial {trial} ({commands[kind][0]}, {delay:.3f} s)"
        assert _extra_hits(store) in (0, 1), f"trial {trial}: half-applied update"

        # The next run recovers: it takes the lock, cleans up and publishes.
        rebuild(store, [source], Config())
        assert not list((store.path / "building").iterdir())
        assert len(store.generations()) <= 2
        assert _results(store) == expected and _extra_hits(store) == 0

    # Most kills must land while the writer works, or the test would prove little.
    assert interrupted >= TRIALS // 3, f"only {interrupted} of {TRIALS} kills interrupted a run"
