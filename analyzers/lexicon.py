"""The Persian lexicon that guards the stemmer and finds compounds, read from hazm's data files.

hazm ships ``words.dat`` (word, corpus frequency, part-of-speech tags) and ``verbs.dat`` (past#present
stems). Importing hazm itself pulls in NLTK and takes about a second, so this module locates the data
files with ``importlib.util.find_spec``, which does not import the package, and parses only what the
stemmer needs. The result is loaded once per process, on first use, and is immutable.

Every word goes through :func:`analyzers.normalize.normalize_persian` first, so the lexicon speaks
the same spelling as the tokens it guards. Parsing takes about 0.15 s, so the result is kept as a
pickle in the cache directory (:mod:`analyzers.cache`), keyed by the data files' size and time and by
the analyzers' code; a cold English search never reads it at all. hazm's list also holds inflected and unknown forms with
the tag ``0`` (مردان, کتابها); only entries with a real part-of-speech tag count as *lemmas*.
"""

import functools
import hashlib
import importlib.util
import os
from dataclasses import dataclass

from analyzers import cache
from analyzers.normalize import ZWNJ, normalize_persian, strip_zwnj

DATA_FILES = ("words.dat", "verbs.dat")


@dataclass(frozen=True)
class Lexicon:
    lemmas: frozenset  # joined (ZWNJ-less) spellings of words hazm tags with a part of speech
    plurals: frozenset  # lemmas hazm also tags PL (اقدامات, کلمات): plurals the stemmer may reduce
    compounds: dict  # joined spelling → tuple of parts, for lemmas written with a half-space
    past_stems: frozenset
    present_stems: frozenset


def hazm_data_dir():
    """The directory of hazm's data files, found without importing hazm."""
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("hazm is not installed; it provides the Persian lexicon")
    return os.path.join(list(spec.submodule_search_locations)[0], "data")


@functools.cache
def load_lexicon():
    """The lexicon, once per process: from the cache, or parsed from hazm's files."""
    data = hazm_data_dir()
    return cache.cached(_cache_path(data), lambda: parse_lexicon(data))


def _cache_path(data):
    folder = cache.default_cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256()
    for name in DATA_FILES:
        st = os.stat(os.path.join(data, name))
        digest.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    digest.update(cache.code_fingerprint().encode())
    return folder / f"lexicon-{digest.hexdigest()[:24]}.pickle"


def parse_lexicon(data):
    """Parse hazm's words.dat and verbs.dat in ``data`` (about 0.15 s)."""
    lemmas, plurals = set(), set()
    compounds = {}
    with open(os.path.join(data, "words.dat"), encoding="utf-8") as f:
        for line in f:
            word, _, rest = line.rstrip("\n").partition("\t")
            tags = rest.rpartition("\t")[2]
            if not word or tags == "0" or " " in word:
                continue
            word = normalize_persian(word)
            joined = strip_zwnj(word)
            lemmas.add(joined)
            if "PL" in tags.split(","):
                plurals.add(joined)
            if ZWNJ in word:
                compounds[joined] = tuple(word.split(ZWNJ))
    past, present = set(), set()
    with open(os.path.join(data, "verbs.dat"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if "#" not in line:
                continue
            p, _, q = line.partition("#")
            if p:
                past.add(strip_zwnj(normalize_persian(p)))
            if q:
                present.add(strip_zwnj(normalize_persian(q)))
    return Lexicon(frozenset(lemmas), frozenset(plurals), compounds, frozenset(past), frozenset(present))
