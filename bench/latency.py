"""Query latency: Dozaban with and without expansion against stock Whoosh, and a cold CLI search.

    python bench/latency.py [--rebuild] [--repeat N] [--queries N] [--no-stock] [--no-cold]
                            [--breakdown]

Index: the scale corpora (hamshahri, corpora/*: about 33,000 documents) under ``bench/out/``.
Queries: the 181 English and 181 Persian topic titles of ``../shared/eval/topics``. Reported per
query: median and 95th percentile (limit 10, snippets on, as an interactive search; and without
snippets, the search alone), ranking the documents that match any concept (as stock Whoosh's OR
of the words does), and also in the search's default mode, ``auto`` (every concept, else any),
and in that mode with two neighbouring words of each title quoted as a phrase;
each query's best of ``--repeat`` runs, the configurations of a language run in turn on each
query (so that the machine's drift does not enter their ratios), and both indexes' files read
once first (into the page cache). Stock
Whoosh is a StemmingAnalyzer index of the same documents (title^3 + body, BM25F, OR of the words).
The cold CLI time is the wall time of ``python -m cli search QUERY`` against that of
``python -c "import whoosh.index, whoosh.qparser"``.

``--breakdown`` also times the parts of a search (compiling the query and its expansion, scoring,
and building the hits with their snippets) on each configuration, as means over the titles: where
an expanded search spends the time its unexpanded query does not.

A reference beside the target (expanded against unexpanded, same title): each topic's expanded
title against the time of its English and its Persian title searched one after the other,
unexpanded, which is what finding the topic in both languages costs without the glossary.
"""

import argparse
import csv
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ireval import REPO, eval_dir, needs_build, read_jsonl  # noqa: E402

OUT = REPO / "bench" / "out"
CORPORA = ("hamshahri/docs.jsonl", "corpora/reuters.jsonl", "corpora/bbc.jsonl",
           "corpora/fars.jsonl", "corpora/varzesh3.jsonl", "corpora/rss_fa.jsonl")


def topics(data):
    with open(data / "topics" / "en_fa_topics.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [r["en_title"] for r in rows], [r["fa_title"] for r in rows]


def build_dozaban(data, rebuild):
    from index.build import rebuild as rebuild_index
    from index.config import Config
    from index.store import IndexStore

    store = IndexStore(OUT / "idx-scale")
    if rebuild or needs_build(store):
        started = time.monotonic()
        s = rebuild_index(store, [str(data / c) for c in CORPORA], Config())
        print(f"dozaban index: {s.documents} documents in {time.monotonic() - started:.0f} s")
    return store.path


def build_stock(data, rebuild):
    from whoosh import fields, index
    from whoosh.analysis import StemmingAnalyzer

    path = OUT / "idx-scale-stock"
    if path.is_dir() and index.exists_in(str(path)) and not rebuild:
        return path
    path.mkdir(parents=True, exist_ok=True)
    schema = fields.Schema(id=fields.ID(stored=True, unique=True),
                           title=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True),
                           body=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True))
    ix = index.create_in(str(path), schema)
    started = time.monotonic()
    writer = ix.writer(procs=2, multisegment=True, limitmb=256)
    n = 0
    for corpus in CORPORA:
        for doc in read_jsonl(data / corpus):
            writer.add_document(id=doc["id"], title=doc.get("title", ""), body=doc.get("body", ""))
            n += 1
    writer.commit()
    print(f"stock index: {n} documents in {time.monotonic() - started:.0f} s")
    return path


def warm_page_cache(path):
    """Read every file under ``path`` once. This machine's kernel reclaims idle file pages, so
    without it the first queries also time disk reads, more or less of them from run to run."""
    for f in Path(path).rglob("*"):
        if f.is_file():
            with open(f, "rb") as fh:
                while fh.read(1 << 20):
                    pass


def quoted(title):
    """``title`` with its first two neighbouring words of three letters or more quoted, as a user
    quotes a name ("Security Council" resolution), or ``None``."""
    words = title.split()
    for i in range(len(words) - 1):
        if all(len(w) >= 3 and w.isalpha() for w in words[i:i + 2]):
            return " ".join(words[:i] + [f'"{words[i]} {words[i + 1]}"'] + words[i + 2:])
    return None


def timed(configs, queries, repeat):
    """``{name: [each query's best time]}``: every configuration ``{name: fn(query)}`` run on a
    query before the next query, ``repeat`` rounds each, the best counting.

    Interleaved, the configurations meet the same machine: its speed drifts by tens of percent
    over a run here, which timing one configuration after the other put into their ratios.
    """
    times = {name: [] for name in configs}
    for q in queries:
        best = {name: float("inf") for name in configs}
        for _ in range(repeat):
            for name, fn in configs.items():
                best[name] = min(best[name], _once(fn, q))
        for name in configs:
            times[name].append(best[name])
    return times


def summary(times):
    """Median and 95th percentile, in milliseconds."""
    times = sorted(times)
    return {"median_ms": 1000 * statistics.median(times),
            "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))]}


def _once(fn, q):
    started = time.perf_counter()
    fn(q)
    return time.perf_counter() - started


def breakdown(path, settings, english, persian):
    """Mean milliseconds per title in each part of a search, for each language and expansion.

    The parts are timed by wrapping the engine's own steps in this process only: compiling
    (parsing, glossary, transliteration), scoring (``search.dense`` or ``search.evaluate``), the
    hits (stored fields, matched words, snippets), and the rest (suggestions, results).
    """
    from search import Engine
    from search import engine as engine_module

    spent = {}

    def timed_step(owner, name, part):
        step = getattr(owner, name)

        def run(*a, **k):
            started = time.perf_counter()
            try:
                return step(*a, **k)
            finally:
                spent[part] = spent.get(part, 0.0) + time.perf_counter() - started
        return step, run

    cls = engine_module.Engine
    steps = [(cls, "_compile", "compile"), (cls, "_score", "score"), (cls, "_hits", "hits")]
    originals = []
    for owner, name, part in steps:
        step, run = timed_step(owner, name, part)
        originals.append((owner, name, step))
        setattr(owner, name, run)
    found = {}
    try:
        with Engine.open(path, settings=settings) as engine:
            for label, queries in (("en", english), ("fa", persian)):
                for expand in (True, False):
                    for q in queries:  # warm: the glossary, memos, the page cache
                        engine.search(q, limit=10, expand=expand, match="any")
                    spent.clear()
                    started = time.perf_counter()
                    for q in queries:
                        engine.search(q, limit=10, expand=expand, match="any")
                    total = time.perf_counter() - started
                    parts = {k: 1000 * v / len(queries) for k, v in spent.items()}
                    parts["rest"] = 1000 * total / len(queries) - sum(parts.values())
                    name = f"{label} {'expanded' if expand else 'unexpanded'}"
                    found[name] = parts
    finally:
        for owner, name, step in originals:
            setattr(owner, name, step)
    print("\nWhere the time goes (mean ms per title; snippets on):")
    for name, parts in found.items():
        print(f"  {name:16s} " + "  ".join(f"{k} {v:5.2f}" for k, v in parts.items()))
    return found


def cold(commands, runs=11):
    """The median wall time of each command (argument lists), run in turn ``runs`` times: one
    after the other, a drift of the machine enters their ratio (11 imports at 0.06 s, then 11
    searches at 0.20 s, gave 3.2x in one run; alternated, within the same half hour, 2.6x)."""
    walls = [[] for _ in commands]
    for _ in range(runs):
        for args, times in zip(commands, walls):
            started = time.monotonic()
            subprocess.run(args, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
            times.append(time.monotonic() - started)
    return [statistics.median(times) for times in walls]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=2, help="runs per query; the best counts")
    parser.add_argument("--queries", type=int, metavar="N",
                        help="only the first N titles of each language (while iterating)")
    parser.add_argument("--no-stock", action="store_true", help="skip stock Whoosh")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold CLI search")
    parser.add_argument("--breakdown", action="store_true",
                        help="also time the parts of a search (compile, score, hits)")
    args = parser.parse_args()
    data = eval_dir()
    OUT.mkdir(parents=True, exist_ok=True)
    english, persian = topics(data)
    if args.queries:
        english, persian = english[:args.queries], persian[:args.queries]
    dz_path = build_dozaban(data, args.rebuild)
    stock_path = None if args.no_stock else build_stock(data, args.rebuild)
    for path in (dz_path, stock_path):
        if path is not None:
            warm_page_cache(path)

    from whoosh import index, qparser, scoring

    from search import Engine, SearchSettings

    report = {}
    each = {}  # (language, expand) → each topic's time, in topic order
    settings = SearchSettings.from_env(cache_dir=OUT / "cache")
    with Engine.open(dz_path, settings=settings) as engine:
        engine.search("warm up")

        def config(expand, snippets, match="any"):
            return lambda q: engine.search(q, limit=10, expand=expand, match=match,
                                           snippets=snippets)

        for label, queries in (("en", english), ("fa", persian)):
            # Snippets on, as an interactive search; and off: the search alone, as stock Whoosh.
            # And the search's default match mode, "auto" ("all", else "any"), snippets on.
            times = timed({(True, True): config(True, True), (False, True): config(False, True),
                           (True, False): config(True, False), (False, False): config(False, False),
                           (True, "auto"): config(True, True, "auto"),
                           (False, "auto"): config(False, True, "auto")},
                          queries, args.repeat)
            for expand in (True, False):
                name = "expanded" if expand else "unexpanded"
                report[f"dozaban {label} {name}"] = summary(times[expand, True])
                each[label, expand] = times[expand, True]
            for expand in (True, False):
                name = "expanded" if expand else "unexpanded"
                report[f"  no snippets, {name} {label}"] = summary(times[expand, False])
            for expand in (True, False):
                name = "expanded" if expand else "unexpanded"
                report[f"  match auto, {name} {label}"] = summary(times[expand, "auto"])
            # Quoted phrases: each title with two neighbouring words quoted, default settings.
            phrases = [p for p in map(quoted, queries) if p]
            times = timed({expand: config(expand, True, "auto") for expand in (True, False)},
                          phrases, args.repeat)
            for expand in (True, False):
                name = "expanded" if expand else "unexpanded"
                report[f"  quoted phrase, {name} {label}"] = summary(times[expand])
    if stock_path is not None:
        ix = index.open_dir(str(stock_path))
        with ix.searcher(weighting=scoring.BM25F()) as searcher:
            qp = qparser.MultifieldParser(["title", "body"], ix.schema,
                                          fieldboosts={"title": 3.0, "body": 1.0},
                                          group=qparser.OrGroup)
            for label, queries in (("en", english), ("fa", persian)):
                times = timed({"stock": lambda q: [h.fields() for h in
                                                   searcher.search(qp.parse(q), limit=10)]},
                              queries, args.repeat)
                report[f"stock whoosh {label}"] = summary(times["stock"])
    print(f"\nPer-query latency over {len(english)} English and {len(persian)} Persian topic titles "
          f"(limit 10, best of {args.repeat}):")
    for key, r in report.items():
        print(f"  {key:30s} median {r['median_ms']:7.1f} ms   p95 {r['p95_ms']:7.1f} ms")
    for label in ("en", "fa"):
        ratio = (report[f"dozaban {label} expanded"]["median_ms"]
                 / report[f"dozaban {label} unexpanded"]["median_ms"])
        bare = (report[f"  no snippets, expanded {label}"]["median_ms"]
                / report[f"  no snippets, unexpanded {label}"]["median_ms"])
        report[f"expansion cost {label}"] = ratio
        report[f"expansion cost {label}, no snippets"] = bare
        print(f"  expansion cost ({label}): {ratio:.2f}x the unexpanded median "
              f"({bare:.2f}x without snippets)")

    # A reference, not the target: searching a topic in both languages by hand costs its English
    # title plus its human Persian translation, each unexpanded.
    both = [e + f for e, f in zip(each[("en", False)], each[("fa", False)])]
    for label, other in (("en", "fa"), ("fa", "en")):
        shares = sorted(x / b for x, b in zip(each[(label, True)], both))
        report[f"expanded {label} / both titles unexpanded"] = statistics.median(shares)
        print(f"  {label} expanded against the {label} and {other} titles searched one after the "
              f"other, unexpanded: median {statistics.median(shares):.2f}x")

    if args.breakdown:
        report["breakdown"] = breakdown(dz_path, settings, english, persian)

    if args.no_cold:
        (OUT / "latency.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
        return
    env_index = ["--index", str(dz_path)]
    baseline, cli = cold([[sys.executable, "-c", "import whoosh.index, whoosh.qparser"],
                          [sys.executable, "-m", "cli", "search", *env_index, "Gaza ceasefire"]])
    report["cold"] = {"import_whoosh_s": baseline, "cli_search_s": cli}
    print(f"\nCold start (median of 11): import whoosh {baseline:.2f} s; "
          f"dozaban search {cli:.2f} s = {cli / baseline:.1f}x")
    (OUT / "latency.json").write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
