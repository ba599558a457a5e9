"""Cross-script spellings of names no glossary holds, kept only when the index has them.

``Tajrish`` has no glossary entry, yet the Persian stories spell it تجریش. We generate Persian
spellings of a Latin word (and Latin spellings of a Persian word) letter by letter from a table of
correspondences, each with a cost, and walk the index's sorted term dictionary alongside: a
spelling is only extended while some index term starts with it, so the search stays small however
ambiguous the letters are. What survives is a term the index holds, ranked by total cost; the
caller weighs it by :func:`closeness`.

The tables are deliberately plain (no per-name knowledge): consonants map to their usual letters,
Persian leaves short vowels unwritten, English doubles consonants that Persian writes once.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from analyzers.normalize import fold_latin, normalize_persian, strip_zwnj

# Latin → Persian: (latin letters, ((persian, cost), ...)). Costs are rough surprisal: 0 for the
# usual rendering, up to 1 for a rare one. "" means the letters are not written (short vowels).
_LATIN_TO_PERSIAN = [
    ("kh", (("خ", 0.0),)), ("sh", (("ش", 0.0),)), ("ch", (("چ", 0.0), ("ک", 0.6), ("خ", 0.6))),
    ("zh", (("ژ", 0.0),)), ("gh", (("غ", 0.0), ("ق", 0.0))), ("th", (("ت", 0.3), ("ث", 0.5))),
    ("ph", (("ف", 0.1),)), ("ck", (("ک", 0.0),)), ("ou", (("و", 0.0),)), ("oo", (("و", 0.0),)),
    ("ee", (("ی", 0.0),)), ("ei", (("ی", 0.2), ("ای", 0.4))), ("ey", (("ی", 0.3), ("ای", 0.3))),
    ("ai", (("ای", 0.3), ("ی", 0.4))), ("ay", (("ای", 0.2), ("ی", 0.4))),
    ("aa", (("ا", 0.0), ("ع", 0.6))), ("ts", (("تس", 0.1),)), ("tz", (("تز", 0.1),)),
    ("b", (("ب", 0.0),)), ("p", (("پ", 0.0),)), ("t", (("ت", 0.0), ("ط", 0.4))),
    ("j", (("ج", 0.0), ("ژ", 0.7))), ("d", (("د", 0.0),)), ("r", (("ر", 0.0),)),
    ("z", (("ز", 0.0), ("ذ", 0.5), ("ض", 0.5), ("ظ", 0.5))),
    ("s", (("س", 0.0), ("ص", 0.4), ("ث", 0.6), ("ز", 0.7))), ("f", (("ف", 0.0),)),
    ("k", (("ک", 0.0), ("ق", 0.6))), ("q", (("ق", 0.0), ("ک", 0.5))),
    ("c", (("ک", 0.1), ("س", 0.4))), ("g", (("گ", 0.0), ("غ", 0.5), ("ق", 0.6), ("ج", 0.7))),
    ("l", (("ل", 0.0),)), ("m", (("م", 0.0),)), ("n", (("ن", 0.0),)),
    ("v", (("و", 0.0),)), ("w", (("و", 0.0),)), ("h", (("ه", 0.0), ("ح", 0.3), ("", 0.6))),
    ("y", (("ی", 0.0),)), ("x", (("کس", 0.0), ("خ", 0.6))),
    ("a", (("ا", 0.2), ("", 0.25), ("ع", 0.7), ("ه", 0.8))),
    ("e", (("", 0.1), ("ه", 0.6), ("ی", 0.5), ("ا", 0.7))),
    ("i", (("ی", 0.0), ("", 0.4))), ("o", (("و", 0.15), ("", 0.25))),
    ("u", (("و", 0.0), ("", 0.6))), ("'", (("ع", 0.2), ("", 0.1), ("ئ", 0.6))),
]
# Word-initial vowels take an alef carrier in Persian.
_LATIN_INITIAL = [
    ("a", (("ا", 0.0), ("ع", 0.5))), ("e", (("ا", 0.0), ("ع", 0.6))), ("i", (("ای", 0.0), ("ا", 0.3))),
    ("o", (("او", 0.2), ("ا", 0.2))), ("u", (("او", 0.0),)), ("ou", (("او", 0.0),)),
    ("ee", (("ای", 0.0),)), ("ei", (("ای", 0.2),)),
]
# Final "e"/"a" is often written with ه (Tehrane? no; but Kashe → کاشه, Rafsanjani ...).
_LATIN_FINAL = [("e", (("ه", 0.1), ("", 0.3), ("ی", 0.5))), ("a", (("ا", 0.0), ("ه", 0.2)))]

# Persian → Latin. Short vowels are unwritten, so after any consonant a vowel may be inserted.
_PERSIAN_TO_LATIN = {
    "ا": (("a", 0.0), ("aa", 0.4), ("e", 0.6), ("", 0.7)), "ب": (("b", 0.0),), "پ": (("p", 0.0),),
    "ت": (("t", 0.0),), "ث": (("s", 0.0), ("th", 0.5)), "ج": (("j", 0.0), ("g", 0.6)),
    "چ": (("ch", 0.0), ("tch", 0.7)), "ح": (("h", 0.0), ("", 0.5)), "خ": (("kh", 0.0), ("h", 0.5), ("ch", 0.6), ("x", 0.8)),
    "د": (("d", 0.0),), "ذ": (("z", 0.0), ("dh", 0.5)), "ر": (("r", 0.0),), "ز": (("z", 0.0),),
    "ژ": (("zh", 0.0), ("j", 0.4), ("g", 0.6)), "س": (("s", 0.0), ("c", 0.6)), "ش": (("sh", 0.0), ("ch", 0.7)),
    "ص": (("s", 0.0),), "ض": (("z", 0.0), ("d", 0.6)), "ط": (("t", 0.0),), "ظ": (("z", 0.0),),
    "ع": (("", 0.0), ("a", 0.3), ("'", 0.6)), "غ": (("gh", 0.0), ("g", 0.5)),
    "ف": (("f", 0.0), ("ph", 0.6)), "ق": (("gh", 0.0), ("q", 0.1), ("g", 0.4), ("k", 0.5)),
    "ک": (("k", 0.0), ("c", 0.3), ("ck", 0.6)), "گ": (("g", 0.0),), "ل": (("l", 0.0),),
    "م": (("m", 0.0),), "ن": (("n", 0.0),),
    "و": (("v", 0.1), ("o", 0.1), ("u", 0.1), ("ou", 0.3), ("w", 0.3), ("oo", 0.4)),
    "ه": (("h", 0.0), ("e", 0.3), ("a", 0.4), ("", 0.5)),
    "ی": (("i", 0.0), ("y", 0.1), ("ee", 0.4), ("ei", 0.4), ("ai", 0.6), ("e", 0.5)),
    "ء": (("", 0.0), ("'", 0.5)),
}
_SHORT_VOWELS = (("", 0.0), ("a", 0.25), ("e", 0.25), ("o", 0.35), ("i", 0.6), ("u", 0.6))
_CONSONANT_DOUBLING = 0.3


@dataclass(frozen=True)
class Candidate:
    term: str  # an index term
    cost: float

    @property
    def closeness(self):
        return closeness(self.cost)


def closeness(cost):
    """Weight in (0, 1] of a spelling that cost ``cost`` to generate."""
    return math.exp(-cost)


def latin_to_persian(word, vocabulary, max_cost=1.6, limit=3, max_steps=4000):
    """Persian index terms that spell the Latin ``word``, cheapest first.

    ``vocabulary`` has ``has_prefix(text)`` and ``has_term(text)`` over the index's Persian terms.
    """
    word = fold_latin(word)
    word = "".join(c for c in word if c.isalpha() or c == "'")

    def steps(pos):
        rest = word[pos:]
        tables = []
        if pos == 0:
            tables.append(_LATIN_INITIAL)
        if len(rest) == 1 and rest in "ae":
            tables.append(_LATIN_FINAL)  # a final vowel is written: Gaza → غزه, not غز
        else:
            tables.append(_LATIN_TO_PERSIAN)
        seen = set()
        for table in tables:
            for latin, options in table:
                if rest.startswith(latin) and (latin, options) not in seen:
                    seen.add((latin, options))
                    for persian, cost in options:
                        yield len(latin), normalize_persian(persian), cost
        # A doubled consonant is written once: Hassan → حسن.
        if pos > 0 and rest[:1] == word[pos - 1] and rest[:1] not in "aeiou'":
            yield 1, "", 0.05

    return _search(word, steps, vocabulary, max_cost, limit, max_steps)


def persian_to_latin(word, vocabulary, max_cost=1.6, limit=3, max_steps=4000):
    """English index terms that spell the Persian ``word``, cheapest first."""
    word = strip_zwnj(normalize_persian(word))
    word = "".join(c for c in word if c in _PERSIAN_TO_LATIN)

    def steps(pos):
        letter = word[pos]
        for latin, cost in _PERSIAN_TO_LATIN[letter]:
            if pos == 0 and letter == "ع":
                latin, cost = {"": ("a", 0.0), "a": ("e", 0.3), "'": ("o", 0.4)}[latin]
            yield 1, latin, cost
            if not latin or latin[-1] in "aeiouy'" or pos + 1 == len(word):
                continue
            bases = [(latin, cost)]
            if len(latin) == 1:
                bases.append((latin + latin, cost + _CONSONANT_DOUBLING))
                yield 1, latin + latin, cost + _CONSONANT_DOUBLING
            if word[pos + 1] not in "اویع":
                for base, base_cost in bases:
                    for vowel, vcost in _SHORT_VOWELS[1:]:
                        yield 1, base + vowel, base_cost + vcost

    return _search(word, steps, vocabulary, max_cost, limit, max_steps)


def _search(word, steps, vocabulary, max_cost, limit, max_steps):
    """Uniform-cost search over (position in ``word``, spelling so far), pruned by the index."""
    if not word:
        return []
    heap = [(0.0, 0, "")]
    best, found, done, count = {}, {}, set(), 0
    moves = {}  # position → its steps, which depend on the position alone
    while heap and len(found) < limit and count < max_steps:
        cost, pos, out = heapq.heappop(heap)
        if (pos, out) in done:
            continue
        done.add((pos, out))
        count += 1
        if pos == len(word):
            if out and out not in found and vocabulary.has_term(out):
                found[out] = cost
            continue
        options = moves.get(pos)
        if options is None:
            options = moves[pos] = tuple(steps(pos))
        for used, piece, step_cost in options:
            total = cost + step_cost
            nxt = out + piece
            if total > max_cost or best.get((pos + used, nxt), math.inf) <= total:
                continue
            if piece and not vocabulary.has_prefix(nxt):
                continue
            best[(pos + used, nxt)] = total
            heapq.heappush(heap, (total, pos + used, nxt))
    return [Candidate(term, cost) for term, cost in sorted(found.items(), key=lambda kv: kv[1])]
