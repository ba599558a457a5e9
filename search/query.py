"""Dozaban's query language, parsed into a small tree of frozen nodes.

The syntax is Whoosh's, written by hand so that every input gives a tree or a ``QueryError`` and
never a traceback, and so that runs of plain words stay together: the glossary matches phrases
("Security Council") and the analyzers join split compounds (``آتش بس``) across word boundaries.

    words              gaza ceasefire         آتش‌بس غزه       (one ``Text`` run)
    "phrases"          "security council"     «شورای امنیت»
    operators          AND  OR  NOT  -word  ( ... )   (upper-case English only: ``and``, ``or``,
                       ``not``, ``و``, ``یا`` are ordinary words, dropped as stopwords)
    fields             title:gaza  body:"aid convoy"
    prefix / fuzzy     energ*   erdogan~   erdogan~2
    filters            lang:fa  source:bbc  tags:sport
    dates              date:2024   date:2024-03   date:2024-03-01..2024-03-31
                       date:[2024-03-01 TO 2024-03-31]   date:>=2024-03-01   date:<2024

Unbalanced quotes run to the end of the query; an unmatched ``(`` is closed at the end and an
unmatched ``)`` is ignored. Only the query's length is an error (``max_chars``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from index.errors import QueryError

OPERATORS = frozenset({"AND", "OR", "NOT"})
# Straight, curly and Persian (guillemet) quotation marks.
QUOTES = {'"': '"', "“": "”", "”": "”", "«": "»"}
_FUZZY = re.compile(r"^(?P<word>.+?)~(?P<dist>[12]?)$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


# --- The tree -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """A run of plain words, kept together for the analyzers and the glossary."""

    text: str
    start: int
    field: str | None = None


@dataclass(frozen=True)
class Phrase:
    text: str
    start: int
    field: str | None = None


@dataclass(frozen=True)
class Prefix:
    text: str
    field: str | None = None


@dataclass(frozen=True)
class Fuzzy:
    text: str
    maxdist: int = 1
    field: str | None = None


@dataclass(frozen=True)
class Filter:
    """An exact value of a keyword field (``lang:fa``)."""

    field: str
    value: str


@dataclass(frozen=True)
class DateFilter:
    """Inclusive date range; ``None`` leaves that side open."""

    field: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Not:
    node: object


@dataclass(frozen=True)
class And:
    """Explicit ``AND``: every part must match."""

    nodes: tuple


@dataclass(frozen=True)
class Or:
    nodes: tuple


@dataclass(frozen=True)
class Seq:
    """Parts written side by side; the match mode (any/all) decides how they combine."""

    nodes: tuple


@dataclass(frozen=True)
class Empty:
    """A query with nothing to search for (blank, or only operators and punctuation)."""


@dataclass(frozen=True)
class Syntax:
    """Which field names the parser recognises; anything else before a colon is plain text."""

    text_fields: frozenset = frozenset({"title", "body"})
    keyword_fields: frozenset = frozenset({"lang", "source", "tags", "id"})
    date_fields: frozenset = frozenset({"date"})
    max_chars: int = 2000

    @property
    def field_names(self):
        return self.text_fields | self.keyword_fields | self.date_fields


# --- Lexing ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Tok:
    kind: str  # word, phrase, open, close, not
    text: str
    start: int
    end: int


def _lex(query: str) -> list[_Tok]:
    toks, i, n = [], 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch == "(":
            toks.append(_Tok("open", ch, i, i + 1))
            i += 1
        elif ch == ")":
            toks.append(_Tok("close", ch, i, i + 1))
            i += 1
        elif ch in QUOTES:
            close = query.find(QUOTES[ch], i + 1)
            end = n if close < 0 else close
            toks.append(_Tok("phrase", query[i + 1:end], i + 1, end))
            i = end + 1
        elif (ch == "-" and i + 1 < n and not query[i + 1].isspace()
              and (i == 0 or query[i - 1].isspace() or query[i - 1] == "(")):
            toks.append(_Tok("not", ch, i, i + 1))
            i += 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in "()" and query[j] not in QUOTES:
                j += 1
            word = query[i:j]
            if ":[" in word and "]" not in word and query.find("]", j) >= 0:
                # ``date:[2024-01-01 TO 2024-02-01]`` spans spaces.
                j = query.find("]", j) + 1
                word = query[i:j]
            if word.endswith(":") and j < n and (query[j] in QUOTES or query[j] == "("):
                # ``title:"..."`` and ``title:(...)``: the field prefix stands alone.
                toks.append(_Tok("field", word[:-1], i, j))
            elif word.startswith("+") and len(word) > 1:
                toks.append(_Tok("word", word[1:], i + 1, j))
            else:
                toks.append(_Tok("word", word, i, j))
            i = j
    return toks


# --- Parsing --------------------------------------------------------------------------------------

def parse(query: str, syntax: Syntax = Syntax()) -> object:
    """Parse ``query`` into a tree of the nodes above; raise ``QueryError`` only for its length."""
    if len(query) > syntax.max_chars:
        raise QueryError(
            f"the query is {len(query):,} characters long; the limit is {syntax.max_chars:,} "
            f"(shorten it, or search for its most distinctive words)")
    parser = _Parser(query, _lex(query), syntax)
    node = parser.parse_or()
    while parser.pos < len(parser.toks):  # stray ")" and whatever follows it
        parser.pos += 1
        rest = parser.parse_or()
        node = _join(Seq, [node, rest])
    return node


def _join(cls, nodes):
    nodes = [n for n in nodes if not isinstance(n, Empty)]
    if not nodes:
        return Empty()
    if len(nodes) == 1:
        return nodes[0]
    return cls(tuple(nodes))


class _Parser:
    def __init__(self, query, toks, syntax):
        self.query, self.toks, self.syntax, self.pos = query, toks, syntax, 0

    def peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def is_op(self, name):
        tok = self.peek()
        return tok is not None and tok.kind == "word" and tok.text == name

    def parse_or(self):
        parts = [self.parse_and()]
        while self.is_op("OR"):
            self.pos += 1
            parts.append(self.parse_and())
        return _join(Or, parts)

    def parse_and(self):
        groups, current = [], []
        while True:
            tok = self.peek()
            if tok is None or tok.kind == "close" or self.is_op("OR"):
                break
            if self.is_op("AND"):
                self.pos += 1
                groups.append(current)
                current = []
                continue
            current.append(self.parse_unary())
        groups.append(current)
        seqs = [_join(Seq, self._merge_text(g)) for g in groups]
        return _join(And, seqs)

    def parse_unary(self):
        tok = self.peek()
        if tok.kind == "not" or self.is_op("NOT"):
            self.pos += 1
            if self.peek() is None or self.peek().kind == "close":
                return Empty()
            inner = self.parse_unary()
            return Empty() if isinstance(inner, Empty) else Not(inner)
        return self.parse_atom(None)

    def parse_atom(self, field):
        tok = self.peek()
        self.pos += 1
        if tok.kind == "open":
            inner = self.parse_or()
            if self.peek() is not None and self.peek().kind == "close":
                self.pos += 1
            return _with_field(inner, field) if field else inner
        if tok.kind == "close":
            return Empty()
        if tok.kind == "phrase":
            return Phrase(tok.text, tok.start, field) if tok.text.strip() else Empty()
        if tok.kind == "field":
            name = tok.text.lower()
            if name in self.syntax.text_fields and self.peek() is not None:
                return self.parse_atom(name)
            return Text(tok.text, tok.start, field)
        if tok.kind == "not":  # a "-" after a field prefix: treat as text
            return Empty()
        return self.word(tok, field)

    def word(self, tok, field):
        text = tok.text
        name, sep, value = text.partition(":")
        if sep and not value and field is None and name.lower() in self.syntax.field_names:
            return Empty()  # ``lang:`` with nothing after it names a field, not a word
        if sep and value and field is None:
            lname = name.lower()
            if lname in self.syntax.keyword_fields:
                return Filter(lname, value)
            if lname in self.syntax.date_fields:
                return _date_filter(lname, value, self.query)
            if lname in self.syntax.text_fields:
                return self.word(_Tok("word", value, tok.start + len(name) + 1, tok.end), lname)
        if len(text) > 1 and text.endswith("*") and text.strip("*"):
            return Prefix(text.rstrip("*"), field)
        fuzzy = _FUZZY.match(text)
        if fuzzy and fuzzy.group("word").strip("~"):
            return Fuzzy(fuzzy.group("word"), int(fuzzy.group("dist") or 1), field)
        return Text(text, tok.start, field)

    def _merge_text(self, nodes):
        """Join adjacent plain words of the same field into one run of the original text."""
        merged = []
        for node in nodes:
            last = merged[-1] if merged else None
            if (isinstance(node, Text) and isinstance(last, Text) and last.field == node.field
                    and self.query[last.start:last.start + len(last.text)] == last.text
                    and self.query[node.start:node.start + len(node.text)] == node.text):
                merged[-1] = Text(self.query[last.start:node.start + len(node.text)], last.start,
                                  last.field)
            else:
                merged.append(node)
        return merged


def _with_field(node, field):
    if isinstance(node, (Text, Phrase, Prefix, Fuzzy)) and node.field is None:
        return type(node)(**{**node.__dict__, "field": field})
    if isinstance(node, (And, Or, Seq)):
        return type(node)(tuple(_with_field(n, field) for n in node.nodes))
    if isinstance(node, Not):
        return Not(_with_field(node.node, field))
    return node


# --- Dates ----------------------------------------------------------------------------------------

def _date_filter(field, value, query):
    value = value.strip()
    if value.startswith("[") and value.endswith("]") and " TO " in value:
        lo, _, hi = value[1:-1].partition(" TO ")
        return DateFilter(field, _bound(lo, False, query), _bound(hi, True, query))
    for op in (">=", "<=", ">", "<"):
        if value.startswith(op):
            day = value[len(op):]
            if op == ">=":
                return DateFilter(field, _bound(day, False, query), None)
            if op == ">":
                return DateFilter(field, _bound(day, True, query) + timedelta(days=1), None)
            if op == "<=":
                return DateFilter(field, None, _bound(day, True, query))
            return DateFilter(field, None, _bound(day, False, query) - timedelta(days=1))
    if ".." in value:
        lo, _, hi = value.partition("..")
        return DateFilter(field, _bound(lo, False, query), _bound(hi, True, query))
    return DateFilter(field, _bound(value, False, query), _bound(value, True, query))


def _bound(text, upper, query):
    """The first (or last, if ``upper``) day named by ``2024``, ``2024-03`` or ``2024-03-05``."""
    text = text.strip()
    if text in ("", "*"):
        return None
    m = _DATE.match(text)
    if not m:
        raise QueryError(f"cannot read the date {text!r} in the query {query!r}; "
                         f"write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return date(year, int(month), int(day))
        if month:
            first = date(year, int(month), 1)
            if not upper:
                return first
            return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return date(year, 12, 31) if upper else date(year, 1, 1)
    except ValueError as exc:
        raise QueryError(f"the date {text!r} in the query {query!r} does not exist ({exc})") from None
