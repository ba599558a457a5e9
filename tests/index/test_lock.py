import contextlib
import os
import signal
import subprocess
import sys
import time

import pytest

from index.errors import IndexLockedError
from index.lock import WriterLock

HOLD = """
import sys, time
from index.lock import WriterLock
with WriterLock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@contextlib.contextmanager
def holder(path, seconds):
    """Another process holding the lock on ``path`` for ``seconds``."""
    with subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)],
                          stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout.readline().strip() == "locked"
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()


def test_second_writer_fails_at_once_naming_the_holder(tmp_path):
    with holder(tmp_path / "WRITELOCK", 5) as proc:
        started = time.monotonic()
        with pytest.raises(IndexLockedError, match=f"locked by process {proc.pid}.*--wait SECONDS"):
            WriterLock(tmp_path / "WRITELOCK").acquire()
        assert time.monotonic() - started < 1


def test_writer_waits_for_the_lock(tmp_path):
    with holder(tmp_path / "WRITELOCK", 0.5) as proc:
        with WriterLock(tmp_path / "WRITELOCK", wait=10):
            assert proc.wait(timeout=5) == 0


def test_waiting_gives_up_after_the_timeout(tmp_path):
    with holder(tmp_path / "WRITELOCK", 5):
        with pytest.raises(IndexLockedError, match="after waiting 0.3 s"):
            WriterLock(tmp_path / "WRITELOCK", wait=0.3).acquire()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    with holder(tmp_path / "WRITELOCK", 30) as proc:
        proc.kill()
        proc.wait()
        with WriterLock(tmp_path / "WRITELOCK"):
            pass


FORK_AND_DIE = """
import os, sys, time
from index.lock import WriterLock
lock = WriterLock(sys.argv[1]).acquire()
if os.fork() == 0:           # a child, like a worker of Whoosh's parallel writer
    time.sleep(30)
    os._exit(0)
print("locked", flush=True)
time.sleep(30)
"""


def test_forked_children_do_not_keep_the_lock_of_a_killed_writer(tmp_path):
    with subprocess.Popen([sys.executable, "-c", FORK_AND_DIE, str(tmp_path / "WRITELOCK")],
                          stdout=subprocess.PIPE, text=True, start_new_session=True) as proc:
        assert proc.stdout.readline().strip() == "locked"
        proc.kill()  # the parent only; its child lives on
        proc.wait()
        try:
            with WriterLock(tmp_path / "WRITELOCK"):
                pass
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
