"""Settings of the search layer, one frozen object passed explicitly.

Field boosts and BM25F parameters belong to the index layer (:class:`index.config.Config`); these
are the query-time knobs of expansion, snippets and the glossary's sources. Every weight is
relative to the user's own words, which weigh 1.

Environment (read only by :meth:`SearchSettings.from_env`):

* ``DOZABAN_GLOSSARY`` — extra glossary files (FORMAT.md format), separated by ``os.pathsep``.
* ``DOZABAN_LEXICONS`` — folder of the lower-confidence tier (see :mod:`search.lexicons`).
* ``DOZABAN_CACHE`` — where the parsed glossary is cached; ``off`` disables the cache. Default
  ``$XDG_CACHE_HOME/dozaban`` or ``~/.cache/dozaban``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from analyzers.cache import default_cache_dir
from index.errors import ConfigError

ENV_GLOSSARY = "DOZABAN_GLOSSARY"
ENV_LEXICONS = "DOZABAN_LEXICONS"
MATCH_MODES = ("any", "all", "auto")


@dataclass(frozen=True)
class SearchSettings:
    glossary_files: tuple = ()  # user files, read after the bundled ones
    bundled_glossary: bool = True
    lexicon_dir: Path | None = None
    cache_dir: Path | None = None
    translation_weight: float = 0.8  # curated glossary translations
    # Other spellings in the query's own language. Off by default: the glossary is a translation
    # resource, and its same-language synonyms drift (ایران → فارس, خاک → قلمرو); on Hamshahri
    # they cost monolingual MAP 0.77 → 0.65. Spelling variants already meet in the analyzers.
    variant_weight: float = 0.0
    lexicon_weight: float = 0.4  # the CLDR / WordNet tier
    translit_weight: float = 0.6  # generated spellings found in the index, times their closeness
    # A word of a multi-word translation in more than this share of the documents only counts in
    # documents that hold a rarer word of that translation (index.scoring.RareFirstOr).
    common_word_share: float = 0.01
    translit_min_chars: int = 4
    translit_max_candidates: int = 3
    max_query_chars: int = 2000
    snippet_chars: int = 220
    # Pseudo-relevance feedback (search.feedback): off for interactive search, on in batch mode.
    feedback: bool = False
    feedback_docs: int = 10
    feedback_terms: int = 20
    feedback_weight: float = 0.5
    # Score with NumPy (search.dense): an expanded search's scoring in a third of the time, the
    # same documents and scores up to the rounding of additions made in another order (every
    # title ranking of bench/latency.py identical); importing NumPy costs about 60 ms once,
    # which a process that searches once (the CLI's single search) does better without.
    vectorized: bool = True

    def __post_init__(self):
        for name in ("translation_weight", "variant_weight", "lexicon_weight", "translit_weight",
                     "feedback_weight", "common_word_share"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise ConfigError(f"{name} must be a number between 0 and 1, not {value!r}")
        object.__setattr__(self, "glossary_files", tuple(Path(p) for p in self.glossary_files))
        if self.max_query_chars < 1 or self.snippet_chars < 20:
            raise ConfigError("max_query_chars must be >= 1 and snippet_chars >= 20")
        if self.feedback_docs < 1 or self.feedback_terms < 1:
            raise ConfigError("feedback_docs and feedback_terms must be >= 1")

    @classmethod
    def from_env(cls, environ=None, **overrides):
        """Settings from ``DOZABAN_*`` variables (see the module docstring), then ``overrides``."""
        environ = os.environ if environ is None else environ
        kwargs = {"cache_dir": default_cache_dir(environ)}
        if environ.get(ENV_GLOSSARY):
            kwargs["glossary_files"] = tuple(p for p in environ[ENV_GLOSSARY].split(os.pathsep) if p)
        if environ.get(ENV_LEXICONS):
            kwargs["lexicon_dir"] = Path(environ[ENV_LEXICONS]).expanduser()
        kwargs.update(overrides)
        return cls(**kwargs)

    def with_(self, **changes):
        return replace(self, **changes)
