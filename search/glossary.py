"""The bilingual glossary: files in the format of ``data/glossary/FORMAT.md``, parsed, validated and
normalized through the query analyzer so that glossary keys are exactly the index's terms.

A spelling becomes a *key*: the primary index-term sequence of each of its words
(``analyze_query("Security Council")`` → ``(('secur',), ('council',))``). ``آتش‌بس``, ``آتشبس`` and
``آتش بس`` give the same key, so any of them in a file matches any of them in a query.

A :class:`Glossary` answers one question, fast: which entries does the longest run of query words
starting here spell? Loading runs the analyzer over every spelling, so :func:`load_glossary` keeps
the parsed form in a cache keyed by the files' bytes and the analyzers' source. The cache is a
:class:`PackedGlossary` (:mod:`search.packed`): a process decodes only the keys its queries look up
and the entries they name, not the whole glossary.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from analyzers import fold_word
from analyzers.cache import cached, code_fingerprint
from index.errors import GlossaryError
from search.packed import Packed, pack

KINDS = frozenset({"name", "term"})
CACHE_FORMAT = 6
_PERSIAN = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


@dataclass(frozen=True)
class Entry:
    """One line of a glossary file: one concept in two languages."""

    english: tuple[str, ...]
    persian: tuple[str, ...]
    kind: str
    source: str  # file name (or lexicon name) and line, for --explain and check
    tier: str = "curated"
    # Per spelling, the analyzer's forms of each of its words (``QueryWord.forms``); () when the
    # spelling is only stopwords.
    english_forms: tuple = field(default=(), compare=False, repr=False)
    persian_forms: tuple = field(default=(), compare=False, repr=False)
    # The spellings as written, word by word, folded but not stemmed: when stems collide
    # (university/universe → univers, ولایتی/ولایت → ولایت), the entry spelled most like the
    # query wins.
    english_surfaces: frozenset = field(default=frozenset(), compare=False, repr=False)
    persian_surfaces: frozenset = field(default=frozenset(), compare=False, repr=False)

    def side(self, lang):
        return (self.english, self.english_forms) if lang == "en" else (self.persian, self.persian_forms)


@dataclass(frozen=True)
class Match:
    """A glossary entry spelled by query words ``[start, end)`` on side ``lang``."""

    entry: Entry
    lang: str  # the language of the query words that matched
    start: int
    end: int

    @property
    def other(self):
        return "fa" if self.lang == "en" else "en"


@dataclass(frozen=True)
class Problem:
    """A line that loads but deserves a look (``dozaban glossary check`` lists them)."""

    source: str
    message: str

    def __str__(self):
        return f"{self.source}: {self.message}"


class Glossary:
    """Entries indexed by key; immutable once built."""

    def __init__(self, entries, problems=(), tier="curated"):
        self._entries = tuple(entries)
        self.problems = tuple(problems)
        self.tier = tier
        keys = {}
        for number, entry in enumerate(self._entries):
            for lang in ("en", "fa"):
                for forms in entry.side(lang)[1]:
                    for key in _keys(forms):
                        keys.setdefault(key, []).append((number, lang))
        self._keys = {k: tuple(dict.fromkeys(v)) for k, v in keys.items()}
        self.reach = _reach(self._keys)

    @property
    def entries(self):
        return self._entries

    def __len__(self):
        return len(self._entries)

    def _hits(self, key):
        """``((entry number, lang), ...)`` of the spellings with ``key``, or None."""
        return self._keys.get(key)

    def _entry(self, number):
        return self._entries[number]

    def match_at(self, words, start):
        """The entries spelled by the longest run of ``words`` (QueryWords) from ``start``."""
        # Only as far as the longest key that begins with this word: most words begin none.
        reach = self.reach.get(words[start].forms[0], 1)
        for end in range(min(len(words), start + reach), start, -1):
            key = tuple(w.forms[0] for w in words[start:end])
            hits = self._hits(key)
            if hits:
                if len(hits) > 1:
                    hits = self._prefer_exact(hits, words[start:end])
                return tuple(Match(self._entry(n), lang, start, end) for n, lang in hits)
        return ()

    def _prefer_exact(self, hits, words):
        """Of the matches, keep those spelled most like the query (stems can collide).

        The longest common beginning wins: populations is population, not populism (Snowball
        stems all three ``popul``); then the fewest letters left over after it: affects is
        affect, not affection (both ``affect``), and دما is temperature, not Dammam (دمام, which
        the Persian stemmer reads as دما + م). Spelled exactly like it always wins. Ties keep
        every entry. Matches on each side are compared among themselves; on the Persian side only
        when names meet other words: there a collision of word forms is mostly a derivation of
        one sense (دولت, دولتی: government, governmental), which recall needs whole.
        """
        surface = " ".join(surface_key(words))
        persian_kinds = {self._entry(n).kind for n, lang in hits if lang != "en"}
        closeness = {}
        for n, lang in hits:
            entry = self._entry(n)
            if lang == "en":
                surfaces = entry.english_surfaces
            elif len(persian_kinds) > 1:
                surfaces = entry.persian_surfaces
            else:
                surfaces = ()
            closeness[n, lang] = max((_closeness(surface, " ".join(s)) for s in surfaces),
                                     default=(0, 0))
        best = {}
        for (n, lang), value in closeness.items():
            best[lang] = max(best.get(lang, value), value)
        return tuple(hit for hit in hits if closeness[hit] == best[hit[1]])

    def lookup(self, words):
        """Entries whose spelling is exactly ``words`` (a whole analyzed phrase)."""
        key = tuple(w.forms[0] for w in words)
        return tuple(Match(self._entry(n), lang, 0, len(words))
                     for n, lang in self._hits(key) or ())

    def to_bytes(self):
        """This glossary in the cache format that :class:`PackedGlossary` reads."""
        header = {"format": CACHE_FORMAT, "fields": _entry_fields(), "tier": self.tier,
                  "reach": self.reach,
                  "problems": tuple((p.source, p.message) for p in self.problems)}
        return pack(header, self._keys, [_entry_record(e) for e in self._entries])


class PackedGlossary(Glossary):
    """A :class:`Glossary` read from :meth:`Glossary.to_bytes`: it opens in a few milliseconds
    and decodes only the keys a query looks up and the entries they name.

    Raises ``ValueError`` when ``data`` is damaged or of another format.
    """

    def __init__(self, data):
        self._packed = Packed(data)
        header = self._packed.header
        if (not isinstance(header, dict) or header.get("format") != CACHE_FORMAT
                or header.get("fields") != _entry_fields()):
            raise ValueError("not a glossary of this cache format")
        self.tier = header["tier"]
        self.reach = header["reach"]
        self.problems = tuple(Problem(*p) for p in header["problems"])
        self._decoded = {}

    @property
    def entries(self):
        return tuple(self._entry(n) for n in range(len(self)))

    def __len__(self):
        return len(self._packed)

    def _hits(self, key):
        return self._packed.get(key)

    def _entry(self, number):
        entry = self._decoded.get(number)
        if entry is None:
            entry = self._decoded[number] = Entry(*self._packed.record(number))
        return entry


def _reach(keys):
    """``{first word: the most words of a key that begins with it}``, for keys of two words
    or more (a word absent from it begins only keys of one word)."""
    reach = {}
    for key in keys:
        if len(key) > 1 and len(key) > reach.get(key[0], 1):
            reach[key[0]] = len(key)
    return reach


def _entry_fields():
    return tuple(f.name for f in fields(Entry))


def _entry_record(entry):
    """``Entry`` as the tuple of its fields in order: ``Entry(*record)`` makes it again."""
    return tuple(getattr(entry, name) for name in _entry_fields())


def _keys(forms):
    """The primary key of a spelling, plus the split form of each compound (آتش‌بس → آتش بس)."""
    if not forms:
        return []
    keys = [spelling_key(forms)]
    for i, word in enumerate(forms):
        for alt in word[1:]:
            if len(alt) > 1:
                keys.append(spelling_key(forms[:i]) + tuple((t,) for t in alt)
                            + spelling_key(forms[i + 1:]))
    return keys


def _closeness(a, b):
    """``(common beginning, -letters of both left after it)``: larger is closer."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n, 2 * n - len(a) - len(b)


def surface_key(words):
    """The words of a spelling as written, lower-cased and folded, possessive 's dropped."""
    return tuple(_fold(w.text) for w in words)


def _fold(text):
    text = fold_word(text)
    return text[:-2] if text.endswith("'s") and not _PERSIAN.search(text) else text


def spelling_key(forms):
    """The key of a spelling from its words' forms: the primary form of each word."""
    return tuple(f[0] for f in forms)


# --- Parsing ------------------------------------------------------------------------------------

def parse_lines(lines, source, analyze, tier="curated"):
    """Parse the lines of one glossary file into entries and problems.

    ``analyze`` is :func:`analyzers.analyze_query`. Raises :class:`GlossaryError` naming
    ``source:line`` for a malformed line; lines that load but analyze to nothing on one side, and
    exact duplicates, become :class:`Problem` records.
    """
    entries, problems, seen = [], [], {}
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{source}:{number}"
        cols = line.split("\t")
        if len(cols) != 3:
            raise GlossaryError(f"{where}: expected 3 tab-separated columns (english, persian, "
                                f"kind), found {len(cols)}; see search/data/glossary/FORMAT.md")
        english = _spellings(cols[0], where, "english")
        persian = _spellings(cols[1], where, "persian")
        kind = cols[2].strip()
        if kind not in KINDS:
            raise GlossaryError(f"{where}: kind must be 'name' or 'term', not {kind!r}")
        for s in english:
            if _PERSIAN.search(s):
                raise GlossaryError(f"{where}: the english column holds Persian script: {s!r} "
                                    f"(are the columns swapped?)")
        for s in persian:
            if not _PERSIAN.search(s):
                raise GlossaryError(f"{where}: the persian column holds no Persian letter: {s!r}")
        key = (english, persian)
        if key in seen:
            problems.append(Problem(where, f"duplicate of line {seen[key]}"))
            continue
        seen[key] = number
        en_words = [analyze(s) for s in english]
        en_forms = tuple(tuple(w.forms for w in words) for words in en_words)
        en_surfaces = frozenset(surface_key(words) for words in en_words if words)
        fa_words = [analyze(s) for s in persian]
        fa_forms = tuple(tuple(w.forms for w in words) for words in fa_words)
        fa_surfaces = frozenset(surface_key(words) for words in fa_words if words)
        for side, spellings, forms in (("english", english, en_forms), ("persian", persian, fa_forms)):
            if not any(forms):
                problems.append(Problem(where, f"every {side} spelling is a stopword; the entry "
                                               f"can only be reached from the other side"))
            elif not all(forms):
                empty = [s for s, f in zip(spellings, forms) if not f]
                problems.append(Problem(where, f"{side} spelling {empty[0]!r} is only stopwords"))
        entries.append(Entry(english, persian, kind, where, tier, en_forms, fa_forms, en_surfaces,
                             fa_surfaces))
    return entries, problems


def _spellings(column, where, side):
    parts = tuple(p.strip() for p in column.split("|"))
    if not column.strip():
        raise GlossaryError(f"{where}: the {side} column is empty")
    if any(not p for p in parts):
        raise GlossaryError(f"{where}: empty {side} spelling (two '|' in a row, or one at an end)")
    return parts


# --- Loading, with a cache ------------------------------------------------------------------------

def bundled_files():
    """The curated glossary files shipped in ``search/data/glossary``, in name order."""
    folder = importlib.resources.files("search") / "data" / "glossary"
    return tuple(sorted((Path(str(p)) for p in folder.iterdir() if p.name.endswith(".tsv")),
                        key=lambda p: p.name))


def read_files(paths, analyze, tier="curated"):
    entries, problems = [], []
    for path in paths:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise GlossaryError(f"{path}: glossary file not found") from None
        except UnicodeDecodeError as exc:
            raise GlossaryError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
        except OSError as exc:
            raise GlossaryError(f"{path}: cannot read: {exc.strerror}") from None
        e, p = parse_lines(text.splitlines(), path.name, analyze, tier)
        entries += e
        problems += p
    return entries, problems


def load_cached(name, inputs, build, cache_dir):
    """``build()`` once per distinct ``inputs`` (bytes), kept in ``cache_dir`` in the format of
    :class:`PackedGlossary`, which is what later calls return.

    A missing, stale, damaged or unreadable cache is rebuilt; a cache that cannot be written is
    skipped.
    """
    if cache_dir is None:
        return build()
    digest = hashlib.sha256(b"%d" % CACHE_FORMAT)
    digest.update(code_fingerprint().encode())
    for chunk in inputs:
        digest.update(hashlib.sha256(chunk).digest())
    return cached(Path(cache_dir) / f"{name}-{digest.hexdigest()[:24]}.glossary", build,
                  encode=Glossary.to_bytes, decode=PackedGlossary)


def load_glossary(paths, analyze, cache_dir=None, tier="curated"):
    """The :class:`Glossary` of ``paths`` (read in order), through the cache when given."""
    paths = tuple(Path(p) for p in paths)
    inputs = []
    for p in paths:
        try:
            inputs.append(str(p.name).encode() + b"\0" + p.read_bytes())
        except OSError:
            inputs = None  # let read_files raise the precise error
            break
    if inputs is None:
        return Glossary(*read_files(paths, analyze, tier), tier=tier)
    return load_cached("glossary-" + tier, inputs,
                       lambda: Glossary(*read_files(paths, analyze, tier), tier=tier), cache_dir)
