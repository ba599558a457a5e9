"""The writer lock of an index directory.

Only one writer (``index``, ``rebuild``, ``rollback``) works on an index directory at a time. The
lock is a POSIX record lock (``lockf``) on ``DIR/WRITELOCK``. The kernel drops it when its process
dies, even by SIGKILL, so a crashed writer never leaves a stale lock behind (the file itself stays
and is reused). Unlike ``flock``, a POSIX lock belongs to the process and is not inherited by
forked children, so the workers of a parallel writer cannot keep the index locked after their
parent was killed. The price: a process must not open the lock file twice (closing either
descriptor drops the lock), hence one writer per process. The holder writes its pid into the file
so the next writer can name it.
"""

import errno
import fcntl
import os
import time

from index.errors import IndexLockedError

#: Seconds between two attempts while waiting for the lock.
POLL_INTERVAL = 0.1


class WriterLock:
    """Context manager holding the lock; ``wait`` is how many seconds to wait for it (0: fail at once)."""

    def __init__(self, path, wait=0.0):
        self.path = os.fspath(path)
        self.wait = wait
        self._fd = None

    def acquire(self):
        deadline = time.monotonic() + max(self.wait, 0.0)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        while True:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EACCES, errno.EAGAIN):
                    os.close(fd)
                    raise
                if time.monotonic() >= deadline:
                    holder = _read_holder(fd)
                    os.close(fd)
                    raise IndexLockedError(self._message(holder)) from None
                time.sleep(POLL_INTERVAL)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self):
        if self._fd is not None:
            fcntl.lockf(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def _message(self, holder):
        who = f"process {holder}" if holder else "another process"
        waited = f" after waiting {self.wait:g} s" if self.wait > 0 else ""
        return (f"{os.path.dirname(self.path)} is locked by {who} writing to it{waited}; "
                "try again later or pass --wait SECONDS to wait for it")

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


def _read_holder(fd):
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
