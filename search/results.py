"""Typed results, detached from Whoosh: plain frozen objects that outlive the searcher."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from types import MappingProxyType


@dataclass(frozen=True)
class Snippet:
    """A stretch of one stored field; ``highlights`` are ``(start, end)`` offsets into ``text``."""

    field: str
    text: str
    highlights: tuple = ()

    def render(self, before="[", after="]"):
        out, last = [], 0
        for start, end in self.highlights:
            out += [self.text[last:start], before, self.text[start:end], after]
            last = end
        out.append(self.text[last:])
        return "".join(out)


@dataclass(frozen=True)
class AlternativeInfo:
    display: str
    lang: str
    weight: float
    origin: str


@dataclass(frozen=True)
class ConceptInfo:
    """One concept of the query, for ``--explain``: the user's words and what they also searched."""

    text: str
    lang: str
    alternatives: tuple = ()


@dataclass(frozen=True)
class Hit:
    id: str
    rank: int
    score: float
    fields: MappingProxyType  # stored fields; dates as ``datetime.date``
    snippet: Snippet | None
    matched_terms: tuple  # index terms of the query found in this document

    @property
    def title(self):
        return self.fields.get("title", "")

    @property
    def lang(self):
        return self.fields.get("lang", "")


@dataclass(frozen=True)
class Results:
    query: str
    hits: tuple
    total: int  # documents that matched (and passed the filters)
    mode: str  # "any" or "all": how the concepts were combined
    expanded: bool
    concepts: tuple = ()
    suggestion: str | None = None
    notices: tuple = ()
    generation: str = ""
    feedback: tuple = ()  # (word, weight) of the feedback words searched too, if any

    def __len__(self):
        return len(self.hits)

    def __iter__(self):
        return iter(self.hits)

    def as_dict(self):
        """A JSON-ready dict (dates as ISO strings)."""
        data = {k: getattr(self, k) for k in ("query", "total", "mode", "expanded", "suggestion",
                                              "generation")}
        data["notices"] = list(self.notices)
        data["feedback"] = [list(item) for item in self.feedback]
        data["concepts"] = [asdict(c) for c in self.concepts]
        data["hits"] = [{"id": h.id, "rank": h.rank, "score": h.score,
                         "fields": _plain(dict(h.fields)), "matched_terms": list(h.matched_terms),
                         "snippet": None if h.snippet is None else {
                             "field": h.snippet.field, "text": h.snippet.text,
                             "highlights": [list(s) for s in h.snippet.highlights]}}
                        for h in self.hits]
        return data


def _plain(fields):
    return {k: v.isoformat() if isinstance(v, (date, datetime)) else v for k, v in fields.items()}


def detach_fields(stored):
    """Stored fields of a Whoosh hit as an immutable mapping of plain values."""
    fields = {}
    for key, value in stored.items():
        if key in ("hash", "origin"):
            continue
        if isinstance(value, datetime):
            value = value.date()
        fields[key] = value
    return MappingProxyType(fields)
