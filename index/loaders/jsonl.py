"""JSON Lines loader, for the canonical shape of ``shared/eval``.

One object per line: ``id`` (required; a number is taken as its decimal string), ``title``,
``body``, ``lead`` (or ``summary``), ``lang`` (``fa``/``en``/``mixed``; detected by script when
absent), ``date`` (YYYY-MM-DD), ``source`` (default: the file's stem), ``url``, ``tags``. Other keys
are dropped, or kept in ``extra`` when ``config.store_extra`` is set. Blank lines are skipped. Every
bad line becomes a :class:`~index.report.Problem` with its line number and the next line is read.
"""

import json
from types import MappingProxyType

from index.document import Document
from index.langdetect import LANGS, detect_lang
from index.loaders.common import looks_binary, parse_date, parse_tags
from index.report import (BAD_FIELD, BAD_JSON, BAD_UTF8, BINARY, EMPTY, MISSING_ID, UNREADABLE,
                          Problem)

CANONICAL_KEYS = frozenset({"id", "title", "body", "lead", "summary", "lang", "date", "source",
                            "url", "tags"})
TEXT_KEYS = ("title", "body", "lead", "source", "url")


def load_jsonl(source_file, config):
    """Yield a Document or a Problem for each non-blank line of ``source_file``."""
    path = str(source_file.path)
    try:
        stream = open(source_file.path, "rb")
    except OSError as exc:
        yield Problem(UNREADABLE, path, None, exc.strerror or str(exc), size=source_file.size)
        return
    with stream:
        if looks_binary(stream.read(8192)):
            yield Problem(BINARY, path, None, "NUL bytes found; not a JSON Lines file",
                          size=source_file.size)
            return
        stream.seek(0)
        for number, raw in enumerate(stream, start=1):
            if raw.strip():
                yield _record(raw, number, path, source_file, config)


def _record(raw, number, path, source_file, config):
    size = len(raw)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(BAD_UTF8, path, number, f"byte {raw[exc.start]:#04x} at column "
                       f"{exc.start + 1} is not UTF-8", size=size)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(BAD_JSON, path, number, exc.msg + f" at column {exc.colno}", size=size)
    if not isinstance(record, dict):
        return Problem(BAD_JSON, path, number, f"expected an object, got {type(record).__name__}",
                       size=size)
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        return Problem(MISSING_ID, path, number, "the record has no usable \"id\"", size=size)
    try:
        document = _document(record, doc_id.strip(), path, number, size, source_file, config)
    except ValueError as exc:
        return Problem(BAD_FIELD, path, number, str(exc), size=size)
    if document.is_empty():
        return Problem(EMPTY, path, number, f"{doc_id!r} has no title, lead or body", size=size)
    return document


def _document(record, doc_id, path, number, size, source_file, config):
    values = {}
    for key in TEXT_KEYS:
        value = record.get(key)
        if key == "lead" and value is None:
            value = record.get("summary")
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValueError(f"{key} must be a string, not {type(value).__name__}")
        values[key] = value.strip()
    if record.get("tags") is not None:
        values["tags"] = parse_tags(record["tags"])
    if record.get("date"):
        values["date"] = parse_date(record["date"])
    lang = record.get("lang")
    if lang is not None and lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    if lang is None:
        lang = detect_lang(" ".join(values.get(k, "") for k in ("title", "lead", "body")))
    values.setdefault("source", source_file.path.stem)
    if config.store_extra:
        values["extra"] = MappingProxyType({k: v for k, v in record.items()
                                            if k not in CANONICAL_KEYS})
    return Document(id=doc_id, lang=lang, origin=path, line=number, size=size, **values)
