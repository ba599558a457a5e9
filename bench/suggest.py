"""“Did you mean”: how often a misspelled word is corrected back, and what the correction costs.

    python bench/suggest.py [--seed N] [--words N]

Index: the scale corpora of ``bench/latency.py`` (about 33,000 documents; built there if missing).
Words: those of the 181 English and 181 Persian topic titles of ``../shared/eval/topics`` that
are long enough to misspell (five letters or more, four in Persian), that the index holds in at
least 5 documents, and that are not stopwords. Each gets one typing error of the four kinds that
make up most misspellings (Damerau 1964): a letter left out, one doubled or added, one replaced by
a neighbour on the keyboard, two neighbours swapped; then, in a second round, two such errors. The
misspelled word alone is searched as a user types it (default settings: expansion on, ``auto``
mode).

Reported per language:

- ``corrected``: the suggestion analyzes to the word's own index terms (elections → election
  counts; the surface form shown is the one documents use);
- ``wrong``: a suggestion of another word;
- ``none``: no suggestion although the search found fewer than 3 documents;
- ``found``: the misspelling itself found 3 documents or more (a typo some stories share, or a
  real word), so no suggestion was asked for; left out of the rates above;
- the latency of the searches that asked for a suggestion, with suggestions on and off;
- false alarms: the titles themselves, spelled right, that get a suggestion.
"""

import argparse
import itertools
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ireval import eval_dir  # noqa: E402
from bench.latency import OUT, build_dozaban, topics  # noqa: E402

#: Keyboard neighbours: US QWERTY, and the standard Persian layout (ISIRI 9147) on the same keys.
_ROWS = {"en": ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
         "fa": ("ضصثقفغعهخحجچ", "شسیبلاتنمکگ", "ظطزرذدپو")}


def neighbours(rows):
    found = {}
    for r, row in enumerate(rows):
        for c, ch in enumerate(row):
            near = {row[i] for i in (c - 1, c + 1) if 0 <= i < len(row)}
            for other in (r - 1, r + 1):
                if 0 <= other < len(rows):
                    near |= {rows[other][i] for i in (c - 1, c, c + 1) if 0 <= i < len(rows[other])}
            found[ch] = sorted(near)
    return found


def misspell(word, near, rng):
    """One typing error in ``word`` (never the first letter: both sides look candidates up by
    it, as most spelling correctors do), or ``None`` if the word has no room for one."""
    kinds = ["delete", "insert", "replace", "swap"]
    rng.shuffle(kinds)
    for kind in kinds:
        places = [i for i in range(1, len(word)) if word[i].isalpha()]
        if kind == "swap":
            places = [i for i in places if i + 1 < len(word) and word[i + 1] != word[i]
                      and word[i + 1].isalpha()]
        if kind == "replace":
            places = [i for i in places if near.get(word[i].lower())]
        if not places:
            continue
        i = rng.choice(places)
        if kind == "delete":
            return word[:i] + word[i + 1:]
        if kind == "insert":  # the letter typed twice, or its neighbour slipped in
            extra = rng.choice([word[i]] + near.get(word[i].lower(), []))
            return word[:i] + extra + word[i:]
        if kind == "replace":
            return word[:i] + rng.choice(near[word[i].lower()]) + word[i + 1:]
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return None


def terms(word):
    from analyzers import analyze_query

    return tuple(form for w in analyze_query(word) for form in w.forms[:1])


def candidate_words(titles, lang, reader, minimum):
    seen, words = set(), []
    for title in titles:
        for raw in title.split():
            word = raw.strip("\"'«»()[],.:;!?؟،؛")
            if len(word) < minimum or not word.isalpha() or word.lower() in seen:
                continue
            seen.add(word.lower())
            found = terms(word)
            if len(found) != 1 or len(found[0]) != 1:  # a stopword, or a compound of parts
                continue
            if reader.doc_frequency("body", found[0][0]) >= 5:
                words.append(word)
    return words


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--words", type=int, metavar="N", help="at most N words per language")
    parser.add_argument("--show", type=int, default=8, metavar="N",
                        help="examples of wrong and of missing suggestions shown")
    args = parser.parse_args()
    data = eval_dir()
    path = build_dozaban(data, False)
    english, persian = topics(data)

    from search import Engine, SearchSettings

    settings = SearchSettings.from_env(cache_dir=OUT / "cache")
    rng = random.Random(args.seed)
    with Engine.open(path, settings=settings) as engine:
        engine.search("warm up")
        reader = engine._searcher()[1].reader()
        for (lang, titles, minimum), errors in itertools.product(
                (("en", english, 5), ("fa", persian, 4)), (1, 2)):
            near = neighbours(_ROWS[lang])
            words = candidate_words(titles, lang, reader, minimum)[:args.words]
            counts = {"corrected": 0, "wrong": 0, "none": 0, "found": 0}
            on, off, wrong, missed = [], [], [], []
            for word in words:
                typo = word
                for _ in range(errors):
                    typo = typo and misspell(typo, near, rng)
                if not typo or not terms(typo) or terms(typo) == terms(word):
                    continue  # no room for an error, a stopword, or the same word
                engine.search(typo)  # warm: the memos, the page cache
                started = time.perf_counter()
                results = engine.search(typo)
                on.append(time.perf_counter() - started)
                if len(results.hits) >= 3:
                    counts["found"] += 1
                    on.pop()
                    continue
                started = time.perf_counter()
                engine.search(typo, suggestions=False)
                off.append(time.perf_counter() - started)
                if results.suggestion is None:
                    counts["none"] += 1
                    missed.append((word, typo))
                elif terms(results.suggestion) == terms(word):
                    counts["corrected"] += 1
                else:
                    counts["wrong"] += 1
                    wrong.append((word, typo, results.suggestion))
            asked = counts["corrected"] + counts["wrong"] + counts["none"]
            print(f"\n{lang}, {errors} error{'s' if errors > 1 else ''}: {len(words)} words, "
                  f"{asked} misspellings asked for a suggestion "
                  f"({counts['found']} more found 3 documents or more)")
            for key in ("corrected", "wrong", "none"):
                print(f"  {key:10s} {counts[key]:4d}  {counts[key] / max(asked, 1):6.1%}")
            if on:
                on.sort()
                print(f"  latency with suggestions: median {1000 * statistics.median(on):.1f} ms, "
                      f"p95 {1000 * on[int(0.95 * (len(on) - 1))]:.1f} ms; without: median "
                      f"{1000 * statistics.median(off):.1f} ms")
            if errors == 1:
                # Precision: the titles themselves are spelled right; a suggestion is a false alarm.
                alarms = [(t, r.suggestion) for t in titles for r in [engine.search(t)]
                          if r.suggestion]
                print(f"  titles spelled right that got a suggestion: {len(alarms)} of "
                      f"{len(titles)}")
                for title, suggestion in alarms[:args.show]:
                    print(f"    alarm: {title} → {suggestion}")
            for word, typo, suggestion in wrong[:args.show]:
                print(f"    wrong: {word} → {typo} → {suggestion}")
            for word, typo in missed[:args.show]:
                print(f"    none:  {word} → {typo}")


if __name__ == "__main__":
    main()
