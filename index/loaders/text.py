"""Plain text and Markdown loader, including the shape of a news dump.

A file is one document::

    date 2024-03-25          <- optional first line
    ## Heading               <- optional; the first non-blank line, if it is a heading, is the title
    The rest is the body.

The id is the file's path below the walked source (``dump/fa/gaza.md``); the source is the name of
that directory; the language is detected by script share.
"""

import re

from index.document import Document
from index.langdetect import detect_lang
from index.loaders.common import looks_binary, parse_date, utf8_error_line
from index.report import BAD_FIELD, BAD_UTF8, BINARY, EMPTY, UNREADABLE, Problem

DATE_LINE = re.compile(r"^\s*date\s+(\S+)\s*$", re.IGNORECASE)
HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")


def load_text(source_file, config):
    """Yield one Document, or one Problem, for ``source_file``."""
    path = str(source_file.path)
    size = source_file.size
    try:
        data = source_file.path.read_bytes()
    except OSError as exc:
        yield Problem(UNREADABLE, path, None, exc.strerror or str(exc), size=size)
        return
    if looks_binary(data):
        yield Problem(BINARY, path, None, "NUL bytes found; not a text file", size=size)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Problem(BAD_UTF8, path, utf8_error_line(data, exc),
                      f"byte {data[exc.start]:#04x} is not UTF-8", size=size)
        return
    try:
        date, title, body = split_news(text)
        date = parse_date(date) if date else None
    except ValueError as exc:
        yield Problem(BAD_FIELD, path, 1, str(exc), size=size)
        return
    document = Document(id=source_file.rel, title=title, body=body, date=date,
                        lang=detect_lang(f"{title} {body}"), source=source_file.root_name,
                        origin=path, size=size)
    if document.is_empty():
        yield Problem(EMPTY, path, None, "no title and no body", size=size)
    else:
        yield document


def split_news(text):
    """``(date_string_or_None, title, body)`` of a news-dump text (see the module docstring)."""
    lines = text.splitlines()
    date = None
    if lines:
        match = DATE_LINE.match(lines[0])
        if match:
            date = match.group(1)
            lines = lines[1:]
    while lines and not lines[0].strip():
        lines = lines[1:]
    title = ""
    if lines:
        match = HEADING.match(lines[0])
        if match:
            title = match.group(1)
            lines = lines[1:]
    return date, title, "\n".join(lines).strip()
