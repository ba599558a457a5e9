"""Checks shared by the loaders: binary files, UTF-8 errors with their line, dates, tags."""

import datetime

#: A NUL byte in the first this-many bytes marks a binary file.
BINARY_PROBE = 8192


def looks_binary(data):
    """True when ``data`` (the start of a file) holds a NUL byte, which no text file has."""
    return b"\0" in data[:BINARY_PROBE]


def utf8_error_line(data, error, first_line=1):
    """The 1-based line of ``data`` holding the byte a ``UnicodeDecodeError`` points at."""
    return first_line + data.count(b"\n", 0, error.start)


def parse_date(value):
    """A ``datetime.date`` from ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date)."""
    if not isinstance(value, str):
        raise ValueError(f"date must be a string YYYY-MM-DD, not {value!r}")
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"date {value!r} is not YYYY-MM-DD") from None


def parse_tags(value):
    """A tuple of non-blank tags from a list of strings or one comma-separated string."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise ValueError(f"tags must be a list of strings, not {value!r}")
    return tuple(t.strip() for t in value if t.strip())
