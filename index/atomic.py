"""Durable, atomic file and directory operations for the generation store.

``write_pointer`` replaces a small file so that a reader sees either the old or the new content,
never a mix, even if the process is killed at any instruction: write a temporary file beside it,
fsync it, ``os.replace`` it over the target, fsync the directory.
"""

import contextlib
import os
import shutil
from pathlib import Path


def fsync_dir(path):
    """Flush a directory entry change (rename, create, delete) to disk."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_pointer(path, text):
    """Atomically replace the file ``path`` with ``text`` (UTF-8, newline added)."""
    path = os.fspath(path)
    directory = os.path.dirname(path) or "."
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as stream:
        stream.write(text + "\n")
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(tmp, path)
    fsync_dir(directory)


@contextlib.contextmanager
def replacing(target):
    """A binary file to write in place of ``target``: written under a temporary name beside it,
    flushed to disk and renamed over ``target`` when the block ends without an error; after an
    error the temporary file is removed and ``target`` is as it was."""
    target = Path(target)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def read_pointer(path):
    """The content of a pointer file without its newline, or ``None`` if it does not exist."""
    try:
        with open(path, encoding="utf-8") as stream:
            return stream.read().strip() or None
    except FileNotFoundError:
        return None


def fsync_tree(path):
    """fsync every file in the directory ``path`` and the directory itself."""
    for name in os.listdir(path):
        full = os.path.join(path, name)
        if os.path.isfile(full):
            fd = os.open(full, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    fsync_dir(path)


def link_or_copy_tree(src, dst, skip=()):
    """Make ``dst`` a copy of the flat directory ``src``, hard-linking files where possible.

    Hard links are safe for Whoosh indexes: Whoosh never rewrites a file in place (segment files
    have random names and are written once; a new TOC is written to a temporary name and renamed),
    so a writer working in ``dst`` cannot change a byte that ``src`` sees.
    """
    os.makedirs(dst)
    for name in os.listdir(src):
        if name in skip:
            continue
        source = os.path.join(src, name)
        target = os.path.join(dst, name)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
