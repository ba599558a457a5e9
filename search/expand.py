"""Cross-lingual expansion: query words → concepts, each with its alternatives in both languages.

The words of a run (``analyze_query`` output) are matched against the glossary tiers, longest
match first, at each position in turn: ``UN Security Council resolution`` gives the concepts
``UN``, ``Security Council`` and ``resolution``. A concept holds the user's words and its
*alternatives*: other spellings in the query's language (weighted ``variant_weight``) and the
translations of every glossary line that fired (``translation_weight`` for the curated tier,
``lexicon_weight`` for the CLDR/WordNet tier). A word no tier knows gets generated spellings in the
other script that the index holds (``translit``), weighted by their closeness; English words only
when capitalized like a name.

The query builder scores each concept's translations as one disjunction-max group, so a word with
five translations weighs no more than a word with one.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.glossary import spelling_key


@dataclass(frozen=True)
class Alternative:
    """Another way to say a concept: per word, its analyzer forms."""

    words: tuple
    weight: float
    lang: str
    display: str
    origin: str  # "glossary news.tsv:12", "lexicon cldr-babel/territories.tsv:80", "transliteration"


@dataclass(frozen=True)
class Concept:
    text: str  # the user's characters
    lang: str
    words: tuple  # per query word, its forms
    alternatives: tuple = ()

    @property
    def translations(self):
        return tuple(a for a in self.alternatives if a.lang != self.lang)

    @property
    def variants(self):
        return tuple(a for a in self.alternatives if a.lang == self.lang)


def expand(words, query_text, tiers, settings, transliterate=None):
    """The concepts of the QueryWords ``words`` of ``query_text``.

    ``tiers``: ``(glossary, weight)`` pairs, most trusted first. ``transliterate(word, lang)``
    returns ``[(term, closeness)]`` of index terms in the other script, or is ``None``.
    """
    concepts, i = [], 0
    while i < len(words):
        matches = ()
        weight = 0.0
        for glossary, weight in tiers:
            matches = glossary.match_at(words, i)
            if matches:
                break
        end = matches[0].end if matches else i + 1
        span = words[i:end]
        text = query_text[span[0].start:span[-1].end]
        lang = span[0].script
        own = tuple(w.forms for w in span)
        alternatives = []
        for match in matches:
            alternatives += _alternatives(match, own, weight, settings)
        if not matches and transliterate is not None and _transliterable(span[0], settings):
            for term, close in transliterate(span[0], lang):
                other = "fa" if lang == "en" else "en"
                alternatives.append(Alternative(((((term,),)),), settings.translit_weight * close,
                                                other, term, "transliteration"))
        concepts.append(Concept(text, lang, own, _dedupe(alternatives, own)))
        i = end
    return concepts


def _alternatives(match, own, weight, settings):
    entry = match.entry
    origin = f"{'glossary' if entry.tier == 'curated' else 'lexicon'} {entry.source}"
    result = []
    spellings, forms = entry.side(match.other)
    for display, words in zip(spellings, forms):
        if words:
            result.append(Alternative(words, weight, match.other, display, origin))
    if entry.tier == "curated" and settings.variant_weight > 0:
        spellings, forms = entry.side(match.lang)
        for display, words in zip(spellings, forms):
            if words and spelling_key(words) != spelling_key(own):
                result.append(Alternative(words, settings.variant_weight, match.lang, display,
                                          origin))
    return result


def _dedupe(alternatives, own):
    """One alternative per spelling key (the heaviest), never the user's own words."""
    best = {}
    for alt in alternatives:
        key = spelling_key(alt.words)
        if key == spelling_key(own):
            continue
        if key not in best or alt.weight > best[key].weight:
            best[key] = alt
    return tuple(best.values())


def _transliterable(word, settings):
    """Long enough, no digits, and for Latin script written like a name (Tajrish, IRGC).

    A lower-case English word the glossary lacks is a word (quit, best), not a name: spelled in
    Persian letters it meets unrelated Persian words (quit → قوت, best → بست).
    """
    text = word.text
    if len(text) < settings.translit_min_chars or any(c.isdigit() for c in text):
        return False
    return word.script != "en" or text[:1].isupper()
