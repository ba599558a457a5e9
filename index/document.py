"""A source document in the canonical shape, and its content hash.

Loaders turn JSON Lines records and text files into :class:`Document`; the writer turns a
:class:`Document` into Whoosh fields with :meth:`Document.fields`. The content hash covers
everything that reaches the index, so an unchanged document can be skipped on the next run.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from analyzers.normalize import tag_key


@dataclass(frozen=True)
class Document:
    """One document. ``origin`` is the source file it came from (used by ``--prune``)."""

    id: str
    title: str = ""
    lead: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    lang: str = "mixed"
    date: datetime.date | None = None
    source: str = ""
    url: str = ""
    origin: str = ""
    extra: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    #: Line of ``origin`` the record starts on (JSON Lines); ``None`` for a whole file. Not hashed.
    line: int | None = field(default=None, compare=False)
    #: Bytes of input this document was read from (progress reporting only; not hashed).
    size: int = field(default=0, compare=False)

    def where(self):
        """``path:line`` (or ``path``) of the record, for messages."""
        return f"{self.origin}:{self.line}" if self.line is not None else self.origin

    def is_empty(self):
        """True when there is no text to search (title, lead and body all blank)."""
        return not (self.title.strip() or self.lead.strip() or self.body.strip())

    def content_hash(self):
        """SHA-256 (hex) of everything this document puts into the index."""
        payload = {
            "id": self.id, "title": self.title, "lead": self.lead, "body": self.body,
            "tags": list(self.tags), "lang": self.lang,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source, "url": self.url, "origin": self.origin,
            "extra": dict(self.extra),
        }
        data = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def fields(self):
        """Keyword arguments for ``writer.update_document``; empty values are left out."""
        out = {"id": self.id, "lang": self.lang, "hash": self.content_hash(), "origin": self.origin}
        for name in ("title", "lead", "body", "source", "url"):
            value = getattr(self, name)
            if value:
                out[name] = value
        if self.tags:
            out["tags"] = "; ".join(self.tags)
            # Filters match a tag under its key, so that every spelling of it meets.
            keys = dict.fromkeys(k for k in map(tag_key, self.tags) if k)
            if keys:
                out["tag"] = ",".join(keys)
        if self.date:
            out["date"] = datetime.datetime.combine(self.date, datetime.time())
        if self.extra:
            out["extra"] = dict(self.extra)
        return out
