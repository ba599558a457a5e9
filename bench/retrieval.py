"""Retrieval quality of the batch mode, monolingual and cross-lingual.

    python bench/retrieval.py [--rebuild] [--lexicons]

1. Hamshahri (``../shared/eval/hamshahri``): Persian queries 1-25 (original and modern spelling)
   and their English translations, run through ``dozaban search --queries ... --run ...`` (the
   batch mode, ``--limit 1000``), scored with MAP and nDCG@10. Cross-lingual MAP is reported as a
   percentage of the Persian monolingual MAP. Batch mode uses pseudo-relevance feedback
   (``search.feedback``); the ``--no-feedback`` rows show the engine without it.
2. NTREX (``../shared/eval/ntrex``): known-item search. The English document's title and first
   sentence is the query, its Persian translation the one right answer among every Persian
   document of NTREX, Hamshahri and corpora/fars (``lang:fa``); and the reverse, among every English
   document of NTREX and corpora/bbc (``lang:en``). Success@1 and MRR.

The indexes are built once under ``bench/out/`` (``--rebuild`` to redo them). The glossary is the
bundled curated one; ``--lexicons`` adds the CLDR/WordNet tier from ``../shared/eval/lexicons``.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ireval import (REPO, eval_dir, evaluate, needs_build, read_qrels,  # noqa: E402
                          read_trec_run)

OUT = REPO / "bench" / "out"


def build(name, sources, rebuild):
    from index.build import rebuild as rebuild_index
    from index.config import Config
    from index.store import IndexStore

    path = OUT / name
    store = IndexStore(path)
    if rebuild or needs_build(store):
        started = time.monotonic()
        summary = rebuild_index(store, [str(s) for s in sources], Config())
        print(f"indexed {summary.documents} documents into {path} in "
              f"{time.monotonic() - started:.0f} s", flush=True)
    return path


def batch(index, queries, run, *extra, env=None):
    """Run the CLI's batch mode; return the seconds it took."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "cli", "search", "--index", str(index), "--queries",
                    str(queries), "--run", str(run), "--limit", "1000", *extra],
                   cwd=REPO, check=True, env=env)
    return time.monotonic() - started


def hamshahri(data, env, rebuild):
    index = build("idx-hamshahri", [data / "hamshahri" / "docs.jsonl"], rebuild)
    qrels = read_qrels(data / "hamshahri" / "qrels.txt")
    rows = {}
    for label, qfile, extra in (
            ("fa (original spelling)", "queries.fa.tsv", ()),
            ("fa (modern spelling)", "queries.fa-modern.tsv", ()),
            ("en -> fa, expanded", "queries.en.tsv", ()),
            ("en -> fa, --no-expand", "queries.en.tsv", ("--no-expand",)),
            ("fa (modern), --no-feedback", "queries.fa-modern.tsv", ("--no-feedback",)),
            ("en -> fa, --no-feedback", "queries.en.tsv", ("--no-feedback",))):
        suffix = "".join("-" + flag.replace("--no-", "no") for flag in extra)
        run = OUT / f"run-hamshahri-{qfile[8:-4]}{suffix}.txt"
        seconds = batch(index, data / "hamshahri" / qfile, run, *extra, env=env)
        rows[label] = {**evaluate(read_trec_run(run), qrels), "seconds": round(seconds, 1)}
    print("\nHamshahri, queries 1-25, batch mode (--limit 1000; feedback on unless said):")
    for label, r in rows.items():
        base = "fa (modern), --no-feedback" if "no-feedback" in label else "fa (modern spelling)"
        mono = rows[base]["MAP"]
        share = f"{100 * r['MAP'] / mono:5.1f}% of {base} MAP" if mono else ""
        print(f"  {label:26s} MAP {r['MAP']:.4f}  nDCG@10 {r['nDCG@10']:.4f}  {share}  "
              f"({r['seconds']} s)")
    return rows


def _known_item_query(doc):
    body = doc.get("body", "")
    first = re.split(r"(?<=[.!?؟])\s", body.strip(), maxsplit=1)[0] if body else ""
    text = f"{doc.get('title', '')} {first}"
    # The queries are text, not query syntax: neutralize operators, quotes, fields.
    text = re.sub(r"[\"“”«»()\[\]:*~]", " ", text)
    text = re.sub(r"\b(AND|OR|NOT)\b", lambda m: m.group(1).lower(), text)
    return " ".join(text.split())


def ntrex(data, env, rebuild):
    index = build("idx-ntrex", [data / "ntrex" / "docs.en.jsonl", data / "ntrex" / "docs.fa.jsonl",
                                data / "hamshahri" / "docs.jsonl", data / "corpora" / "fars.jsonl",
                                data / "corpora" / "bbc.jsonl"], rebuild)
    docs = {lang: [json.loads(line) for line in open(data / "ntrex" / f"docs.{lang}.jsonl",
                                                     encoding="utf-8")] for lang in ("en", "fa")}
    results = {}
    for src, dst, extra in (("en", "fa", ()), ("fa", "en", ()), ("en", "fa", ("--no-feedback",)),
                            ("fa", "en", ("--no-feedback",))):
        qfile = OUT / f"ntrex-queries-{src}.tsv"
        with open(qfile, "w", encoding="utf-8") as f:
            for doc in docs[src]:
                f.write(f"{doc['id']}\t{_known_item_query(doc)} lang:{dst}\n")
        run = OUT / f"run-ntrex-{src}-{dst}{'-nofeedback' if extra else ''}.txt"
        seconds = batch(index, qfile, run, *extra, env=env)
        ranked = read_trec_run(run)
        rr, at1 = [], 0
        for doc in docs[src]:
            target = doc["id"][:-len(src)] + dst
            hits = ranked.get(doc["id"], [])
            rank = hits.index(target) + 1 if target in hits else None
            rr.append(1 / rank if rank else 0.0)
            at1 += rank == 1
        results[f"{src} -> {dst}{', --no-feedback' if extra else ''}"] = {"success@1": at1 / len(rr), "MRR": sum(rr) / len(rr),
                                      "queries": len(rr), "seconds": round(seconds, 1)}
    print("\nNTREX known-item search (title + first sentence; the translation is the answer):")
    for label, r in results.items():
        print(f"  {label}: success@1 {r['success@1']:.3f}  MRR {r['MRR']:.3f}  "
              f"({r['queries']} queries, {r['seconds']} s)")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="rebuild the benchmark indexes")
    parser.add_argument("--lexicons", action="store_true",
                        help="add the CLDR/WordNet tier from the evaluation data's lexicons/")
    parser.add_argument("--only", choices=["hamshahri", "ntrex"], help="run one of the two")
    args = parser.parse_args()
    data = eval_dir()
    OUT.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["DOZABAN_CACHE"] = str(OUT / "cache")
    if args.lexicons:
        env["DOZABAN_LEXICONS"] = str(data / "lexicons")
    else:
        env.pop("DOZABAN_LEXICONS", None)
    report = {}
    if args.only in (None, "hamshahri"):
        report["hamshahri"] = hamshahri(data, env, args.rebuild)
    if args.only in (None, "ntrex"):
        report["ntrex"] = ntrex(data, env, args.rebuild)
    (OUT / "retrieval.json").write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
