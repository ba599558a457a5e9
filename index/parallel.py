"""Whoosh's multiprocessing writer, with workers that do not outlive the process that started them.

Whoosh's :class:`~whoosh.multiproc.MpWriter` forks one :class:`~whoosh.multiproc.SubWriterTask` per
process. If the parent is killed (``kill -9`` by an operator, a cron timeout), nothing tells the
workers: they index the rest of their queue and then wait on it for ever. Here each worker arms its
own end as its first act, before it opens a writer:

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker when its parent dies.
  SIGKILL because a forked worker inherits the parent's signal handlers, and because there is
  nothing to save: its files are in ``building/``, which the next writer removes.
* elsewhere (or if prctl fails), a daemon thread that looks at ``os.getppid()`` every
  :data:`POLL_S` seconds and calls ``os._exit(1)`` once the parent has changed.

Either way the worker then checks ``os.getppid()`` once itself, since the parent may have died
between the fork and the prctl call. The death signal fires when the *thread* that forked the
worker ends, not the process; Whoosh forks from whichever thread adds documents, so a worker forked
from any thread but the main one uses the watchdog instead, lest it be killed under a live parent.

Imported only by :func:`index.writer.open_writer` when it writes in parallel: importing
:mod:`whoosh.multiproc` imports :mod:`multiprocessing`, which a search must not pay for.
"""

import ctypes
import os
import signal
import sys
import threading
import time

from whoosh.multiproc import MpWriter, SubWriterTask

#: ``PR_SET_PDEATHSIG`` from ``<linux/prctl.h>``.
PR_SET_PDEATHSIG = 1
#: Seconds between two looks at the parent when the kernel cannot watch it for us.
POLL_S = 0.5


def die_with_parent(parent_pid, use_prctl=True):
    """Make the calling process exit as soon as ``parent_pid`` is no longer its parent."""
    if not (use_prctl and set_parent_death_signal(signal.SIGKILL)):
        threading.Thread(target=_watch_parent, args=(parent_pid,), name="die-with-parent",
                         daemon=True).start()
    # Compared with the pid we expect, not with 1: an orphan is adopted by the nearest subreaper.
    if os.getppid() != parent_pid:
        os._exit(1)


def set_parent_death_signal(sig):
    """Ask Linux to send ``sig`` to this process when its parent dies; False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return False
    zero = ctypes.c_ulong(0)
    return prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(sig), zero, zero, zero) == 0


def _watch_parent(parent_pid):
    while os.getppid() == parent_pid:
        time.sleep(POLL_S)
    os._exit(1)


class OrphanSafeTask(SubWriterTask):
    """A Whoosh worker that ends itself when the process that started it dies."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set in the parent, just before the fork.
        self.parent_pid = os.getpid()
        self.use_prctl = threading.current_thread() is threading.main_thread()

    def run(self):
        die_with_parent(self.parent_pid, self.use_prctl)
        super().run()


class OrphanSafeMpWriter(MpWriter):
    """:class:`~whoosh.multiproc.MpWriter` whose workers are :class:`OrphanSafeTask`."""

    def _new_task(self):
        # Whoosh 2.7.4's MpWriter._new_task, with our task class.
        task = OrphanSafeTask(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                              self.subargs, self.multisegment)
        self.tasks.append(task)
        task.start()
        return task
