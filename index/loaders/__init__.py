"""Loaders: turn source files into :class:`~index.document.Document` objects and problems.

``discover`` walks the sources (files and directories, recursively, with include/exclude
patterns); ``read_documents`` reads each file with the loader for its kind (``jsonl`` or
``text``), yields a :class:`~index.document.Document` for each good record and a
:class:`~index.report.Problem` for each bad one, and drops the second of two records with the same
id (reporting where the first was). Bad input never stops the stream.
"""

from index.loaders.jsonl import load_jsonl
from index.loaders.text import load_text
from index.loaders.walk import SourceFile, discover
from index.report import DUPLICATE_ID, Problem

__all__ = ["SourceFile", "discover", "read_documents", "load_jsonl", "load_text"]

_LOADERS = {"jsonl": load_jsonl, "text": load_text}


def read_documents(files, config):
    """Documents and problems of ``files`` (from :func:`discover`), ids unique across the run."""
    seen = {}
    for source_file in files:
        for item in _LOADERS[source_file.kind](source_file, config):
            if isinstance(item, Problem):
                yield item
            elif item.id in seen:
                yield Problem(DUPLICATE_ID, item.origin, item.line,
                              f"id {item.id!r} was already read from {seen[item.id]}; "
                              "this record is skipped", size=item.size)
            else:
                seen[item.id] = item.where()
                yield item
