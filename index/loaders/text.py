"""Plain text and Markdown loader, including the shape of a news dump.

A file is one document::

    date 2024-03-25          <- optional first line
    ## Heading               <- optional; the first non-blank line, if it is a heading, is the title
    The rest is the body.

or, as static-site generators write Markdown, with a front matter block first::

    ---
    title: Gaza ceasefire vote     <- title, date, tags, lang and url are read; other keys ignored
    date: 2024-03-25
    tags: [Gaza, United Nations]   <- or "tags: Gaza, United Nations", or "- Gaza" lines below
    ---
    The rest is the body (a heading still gives the title when the block has none).

Only ``key: value`` lines of the block are read (quotes around a value are removed); what else
YAML allows there (nested keys, multi-line values) is skipped. A bad ``date`` or ``lang`` is
reported with its line. A first ``---`` line without a closing one is plain text.

The id is the file's path below the walked source (``dump/fa/gaza.md``); the source is the name of
that directory; the language is detected by script share unless the front matter gives it.
"""

import re

from index.document import Document
from index.langdetect import LANGS, detect_lang
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
        meta, text = split_front_matter(text)
    except FrontMatterError as exc:
        yield Problem(BAD_FIELD, path, exc.line, str(exc), size=size)
        return
    try:
        date, title, body = split_news(text)
        date = parse_date(date) if date else None
    except ValueError as exc:
        yield Problem(BAD_FIELD, path, 1 + meta.get("lines", 0), str(exc), size=size)
        return
    title = meta.get("title") or title
    document = Document(id=source_file.rel, title=title, body=body,
                        date=meta.get("date") or date, tags=meta.get("tags", ()),
                        lang=meta.get("lang") or detect_lang(f"{title} {body}"),
                        source=source_file.root_name, url=meta.get("url", ""), origin=path,
                        size=size)
    if document.is_empty():
        yield Problem(EMPTY, path, None, "no title and no body", size=size)
    else:
        yield document


class FrontMatterError(ValueError):
    """A front matter value that cannot be read; ``line`` is its line in the file."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line


FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
FRONT_MATTER_ITEM = re.compile(r"^\s*-\s+(.*?)\s*$")


def split_front_matter(text):
    """``(fields, rest)``: the front matter block's ``title``, ``date``, ``tags``, ``lang`` and
    ``url`` (and ``lines``, how many lines it took), and the text after it.

    Text without a block gives ``({}, text)``. Raises :class:`FrontMatterError` for a bad value.
    """
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, text
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return {}, text
    raw, key = {}, None  # key → [value, line, items of "- item" lines]; key: the last one read
    for number, line in enumerate(lines[1:end], start=2):
        match = FRONT_MATTER_KEY.match(line)
        if match:
            key = match.group(1).lower()
            raw[key] = [_unquote(match.group(2)), number, []]
            continue
        item = FRONT_MATTER_ITEM.match(line)
        if item and key is not None and not raw[key][0]:
            raw[key][2].append(_unquote(item.group(1)))
        elif line.strip() and not line.startswith((" ", "\t", "#")):
            key = None  # something else: the items that follow belong to nothing we read
    fields = {"lines": end + 1}
    for name in ("title", "url"):
        if raw.get(name, [""])[0]:
            fields[name] = raw[name][0]
    if raw.get("date", [""])[0]:
        try:
            fields["date"] = parse_date(raw["date"][0])
        except ValueError as exc:
            raise FrontMatterError(raw["date"][1], str(exc)) from None
    if raw.get("lang", [""])[0]:
        lang = raw["lang"][0].lower()
        if lang not in LANGS:
            raise FrontMatterError(raw["lang"][1], f"lang must be one of {', '.join(LANGS)}, "
                                                   f"not {raw['lang'][0]!r}")
        fields["lang"] = lang
    if "tags" in raw:
        value, _, items = raw["tags"]
        fields["tags"] = _tags(value) if value else tuple(t for t in items if t)
    return fields, "\n".join(lines[end + 1:])


def _unquote(value):
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _tags(value):
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    return tuple(_unquote(t.strip()) for t in value.split(",") if t.strip())


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
