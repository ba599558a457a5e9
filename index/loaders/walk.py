"""Find the files to load: sources are files or directories, walked recursively.

A directory is walked in sorted order (runs are reproducible); a file in it is taken when its name
matches an ``include`` pattern and no part of its path below the source matches an ``exclude``
pattern (the default ``.*`` skips hidden files and directories). A file named on the command line
is always taken. ``*.jsonl`` files are JSON Lines; everything else is read as text/Markdown.
"""

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from index.errors import LoadError


@dataclass(frozen=True)
class SourceFile:
    """One file to load. ``rel`` is its path below the source it was found in (POSIX style)."""

    path: Path
    rel: str
    root_name: str
    kind: str
    size: int


def kind_of(path):
    """``"jsonl"`` for JSON Lines files, ``"text"`` for anything else."""
    return "jsonl" if path.suffix.lower() == ".jsonl" else "text"


def discover(sources, config):
    """The files of ``sources`` to load, in order; raises :class:`LoadError` for a missing source."""
    files = []
    for source in sources:
        root = Path(source)
        if root.is_file():
            files.append(_source_file(root, root.name, root.resolve().parent.name))
        elif root.is_dir():
            root_name = root.resolve().name
            for path in _walk(root, config.include, config.exclude):
                files.append(_source_file(path, path.relative_to(root).as_posix(), root_name))
        else:
            raise LoadError("source not found (no such file or directory)", path=str(source))
    return files


def _source_file(path, rel, root_name):
    return SourceFile(path=path.resolve(), rel=rel, root_name=root_name, kind=kind_of(path),
                      size=path.stat().st_size)


def _walk(root, include, exclude):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not _matches(d, exclude))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if _matches(name, include) and not _matches(name, exclude) \
                    and not _matches(path.relative_to(root).as_posix(), exclude) and path.is_file():
                yield path


def _matches(name, patterns):
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)
