"""A light Persian stemmer that never reduces a known word to a non-word.

Rules, in order (each has a test in ``tests/analyzers/test_stemmer.py``):

1. Words of two letters or less, and every word the lexicon knows as a lemma, are returned as they
   are: ایران stays ایران (hazm's Stemmer makes it ایر), تنها stays تنها, باران stays باران.
   Lemmas that hazm also tags as plurals (اقدامات, حیوانات) go on to rule 2, for plural
   suffixes only (سهام, shares, keeps its م).
2. Nominal suffixes, longest first: plurals ها/های/هایی/ان/یان/گان/ات, comparatives تر/ترین/تری,
   ezafe and indefinite ی/ای, and possessive clitics (م ت ش مان تان شان, alone or after a plural).
   A suffix is removed only when what remains is a lemma; suffixes are tried longest first, except
   that ی goes before ای (شورای → شورا, not شور; سدهای → سد, not سده); ``گان`` restores the ه
   it replaced (رزمندگان → رزمنده), and ``ات`` tries that first (کلمات → کلمه, not کلم). Two
   layers are tried (کتابهایشان → کتابها → کتاب).
3. Verbs: the prefixes می/نمی/ن/ب and the person endings (م ی د یم ید ند، with past and perfect
   forms) are removed when what remains is a past or present stem from hazm's verb list
   (میروم → رو, رفتند → رفت, نمیشناسم → شناس).
4. Anything else is returned unchanged: an unknown word is better kept whole than cut wrong.

Suffixes separated from their word by a half-space or a space never reach the stemmer: the compound
filter has already removed them, because the writer marked the boundary (کتاب‌ها, کتاب ها).
"""

from analyzers.lexicon import load_lexicon

_POSSESSIVE = ("مان", "تان", "شان", "م", "ت", "ش")
_PLURAL = ("هایی", "های", "ها", "یان", "گان", "ان", "ات")
_OTHER = ("ترین", "تری", "تر", "ای", "ی")
# Tried in this order, the first that leaves a lemma wins: longest first (های before ها, ترین
# before تر), except that the ezafe/indefinite ی is tried before ای, so شورای gives شورا (not شور)
# while سدهای still gives سد (های comes first) rather than سده.
NOMINAL_SUFFIXES = tuple(sorted(set(_POSSESSIVE + _PLURAL + _OTHER) - {"ای"}, key=len, reverse=True)) + ("ای",)
PLURAL_SUFFIXES = tuple(x for x in NOMINAL_SUFFIXES if x in _PLURAL)
VERB_PREFIXES = ("نمی", "می", "ن", "ب")
VERB_ENDINGS = ("ایم", "اید", "اند", "یم", "ید", "ند", "ه", "م", "ی", "د", "")


class PersianStemmer:
    """Stem one normalized, ZWNJ-free Persian word: ``PersianStemmer().stem("کتابهایشان")``.

    The lexicon is loaded on first use and shared by every instance in the process; a per-instance
    cache makes repeated words cheap. Pickles without its cache or lexicon.
    """

    def __init__(self, cache_size=100_000):
        self.cache_size = cache_size
        self._cache = {}

    def __getstate__(self):
        return {"cache_size": self.cache_size}

    def __setstate__(self, state):
        self.cache_size = state["cache_size"]
        self._cache = {}

    def stem(self, word):
        try:
            return self._cache[word]
        except KeyError:
            pass
        result = self._stem(word, load_lexicon())
        if len(self._cache) >= self.cache_size:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _stem(self, word, lex):
        if len(word) <= 2:
            return word
        if word in lex.lemmas:
            if word in lex.plurals:  # اقدامات → اقدام, but سهام (shares) must not lose a "possessive" م
                return _nominal(word, lex.lemmas, depth=1, suffixes=PLURAL_SUFFIXES) or word
            return word
        return _nominal(word, lex.lemmas, depth=2) or _verbal(word, lex) or word


def _nominal(word, lemmas, depth, suffixes=NOMINAL_SUFFIXES):
    """The first lemma left by removing one of ``suffixes`` (in order), else two."""
    bases = []
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = word[: -len(suffix)]
            # گان and ات may have replaced a final ه: رزمندگان → رزمنده, مطالعات → مطالعه, کلمات → کلمه
            candidates = (base + "ه",) if suffix == "گان" else (base + "ه", base) if suffix == "ات" else (base,)
            for candidate in candidates:
                if candidate in lemmas:
                    return candidate
            bases.append(candidates[-1])
    if depth > 1:
        for base in bases:
            deeper = _nominal(base, lemmas, depth - 1)
            if deeper:
                return deeper
    return None


def _verbal(word, lex):
    for prefix in VERB_PREFIXES + ("",):
        if prefix and not word.startswith(prefix):
            continue
        rest = word[len(prefix):]
        for ending in VERB_ENDINGS:
            if ending and not rest.endswith(ending):
                continue
            base = rest[: len(rest) - len(ending)] if ending else rest
            if len(base) < 2:
                continue
            if (prefix or ending) and (base in lex.present_stems or base in lex.past_stems):
                return base
    return None
