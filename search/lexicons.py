"""The lower-confidence glossary tier: public bilingual word lists, read at run time from a folder
named in the configuration (``SearchSettings.lexicon_dir`` or ``$DOZABAN_LEXICONS``); nothing of
them is copied into the repository.

The folder has the layout of the shared evaluation data's ``lexicons/``:

* ``cldr-babel/{territories,cities_from_timezones,languages,currencies,months_days}.tsv`` —
  CLDR names (``code<TAB>en<TAB>fa`` with a header row), Unicode License v3. Permissive and clean.
* ``omw-persian-wordnet/en_fa_pairs.tsv`` — English → Persian lemma pairs of the Open Multilingual
  WordNet's Persian WordNet (``en<TAB>fa`` with a header), WordNet 3.0 licence. Built automatically
  and noisy (energy → قدرت, not انرژی), hence the low weight of this tier and its use only for words
  the curated glossary does not know.

Every entry records its file and line as its ``source``.
"""

from __future__ import annotations

import re
from pathlib import Path

from index.errors import GlossaryError
from search.glossary import Entry, Glossary, load_cached

CLDR_FILES = ("territories.tsv", "cities_from_timezones.tsv", "languages.tsv", "currencies.tsv",
              "months_days.tsv")
WORDNET_FILE = Path("omw-persian-wordnet") / "en_fa_pairs.tsv"
PROVENANCE = {
    "cldr-babel": "CLDR via Babel 2.18.0 (Unicode License v3)",
    "omw-persian-wordnet": "Persian WordNet, Open Multilingual WordNet (WordNet 3.0 licence)",
}
MAX_TRANSLATIONS = 8
_PARENS = re.compile(r"\s*[(（][^)）]*[)）]")


def lexicon_files(folder):
    """The files of ``folder`` this tier reads, in order (missing ones are left out)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GlossaryError(f"{folder}: lexicon folder not found (set lexicon_dir or "
                            f"$DOZABAN_LEXICONS to the folder holding cldr-babel/ and "
                            f"omw-persian-wordnet/)")
    found = [folder / "cldr-babel" / name for name in CLDR_FILES]
    found.append(folder / WORDNET_FILE)
    return tuple(p for p in found if p.is_file())


def _clean(text):
    return " ".join(_PARENS.sub("", text).replace("_", " ").split())


def read_lexicons(folder, analyze):
    """Entries of every lexicon file in ``folder``, one per CLDR row and one per WordNet lemma."""
    entries = []
    for path in lexicon_files(folder):
        group = path.parent.name
        rows = path.read_text(encoding="utf-8").splitlines()[1:]
        if group == "cldr-babel":
            for number, row in enumerate(rows, 2):
                cols = row.split("\t")
                if len(cols) != 3:
                    continue
                en, fa = _clean(cols[1]), _clean(cols[2])
                if en and fa:
                    entries.append(_entry((en,), (fa,), "name", f"{group}/{path.name}:{number}",
                                          analyze))
        else:
            by_english = {}
            for number, row in enumerate(rows, 2):
                en, _, fa = row.partition("\t")
                en, fa = _clean(en), _clean(fa)
                if en and fa and not en.isdigit():
                    first, translations = by_english.setdefault(en.lower(), (number, []))
                    if fa not in translations and len(translations) < MAX_TRANSLATIONS:
                        translations.append(fa)
            for en, (number, translations) in by_english.items():
                entries.append(_entry((en,), tuple(translations), "term",
                                      f"{group}/{path.name}:{number}", analyze))
    return [e for e in entries if any(e.english_forms) and any(e.persian_forms)]


def _entry(english, persian, kind, source, analyze):
    en_forms = tuple(tuple(w.forms for w in analyze(s)) for s in english)
    fa_forms = tuple(tuple(w.forms for w in analyze(s)) for s in persian)
    return Entry(english, persian, kind, source, "lexicon", en_forms, fa_forms)


def load_lexicons(folder, analyze, cache_dir=None):
    """The lexicon :class:`Glossary` of ``folder``, through the cache when given."""
    paths = lexicon_files(folder)
    inputs = [str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes() for p in paths]
    return load_cached("lexicon", inputs,
                       lambda: Glossary(read_lexicons(folder, analyze), tier="lexicon"), cache_dir)
