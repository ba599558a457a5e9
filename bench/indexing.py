"""Indexing throughput and peak memory: Dozaban's bilingual analyzer vs stock Whoosh.

Reads the scale corpora of the shared evaluation data (``corpora/*.jsonl`` plus
``hamshahri/docs.jsonl``, about 33,000 documents; ``$DOZABAN_EVAL_DATA`` or ``../shared/eval``)
with Dozaban's loaders, then indexes the same documents into the Dozaban schema four ways:

    analyzer  = dozaban (analyzers.bilingual_analyzer) | stock (whoosh StemmingAnalyzer)
    processes = 1 | N  (Whoosh's multiprocessing writer, multisegment=True, fork start method)

Each configuration runs in a fresh child process, so its peak memory (``ru_maxrss`` of the writer
plus, for parallel runs, its largest worker) is its own. Throughput counts the UTF-8 bytes of the
indexed text (title, lead, body, tags). A last row times the whole ``index.rebuild`` pipeline
(loading, writing, checks, publishing), as ``dozaban rebuild`` runs it.

    .venv/bin/python bench/indexing.py              # everything (takes a while)
    .venv/bin/python bench/indexing.py --limit 2000 # a quick look

This is a measurement script, not a test.
"""

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def eval_dir():
    env = os.environ.get("DOZABAN_EVAL_DATA")
    return Path(env) if env else REPO.parent / "shared" / "eval"


def corpus_files(root):
    files = sorted((root / "corpora").glob("*.jsonl"))
    hamshahri = root / "hamshahri" / "docs.jsonl"
    if hamshahri.exists():
        files.append(hamshahri)
    return files


def load(files, limit):
    """Documents of ``files`` through Dozaban's loaders, at most ``limit`` (0: all)."""
    from index.config import Config
    from index.document import Document
    from index.loaders import discover, read_documents

    config = Config()
    docs = []
    for item in read_documents(discover(files, config), config):
        if isinstance(item, Document):
            docs.append(item)
            if limit and len(docs) >= limit:
                break
    return docs


def text_bytes(doc):
    return sum(len(s.encode("utf-8")) for s in (doc.title, doc.lead, doc.body, " ".join(doc.tags)))


def schema_for(analyzer_name):
    from whoosh import fields

    from index.config import FULLTEXT_FIELDS
    from index.schema import build_schema

    schema = build_schema()
    if analyzer_name == "stock":
        from whoosh.analysis import StemmingAnalyzer

        for name in FULLTEXT_FIELDS:
            schema.remove(name)
            schema.add(name, fields.TEXT(analyzer=StemmingAnalyzer(), stored=True, phrase=True))
    return schema


def peak_mb():
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(self_kb, child_kb) / 1024


def child(args):
    """One configuration, in this (fresh) process; prints one JSON line."""
    from whoosh import index as whoosh_index

    from index.writer import open_writer

    docs = load(corpus_files(Path(args.data)), args.limit)
    nbytes = sum(text_bytes(d) for d in docs)
    with tempfile.TemporaryDirectory(prefix="dozaban-bench-") as tmp:
        if args.child == "pipeline":
            from index import Config, IndexStore, rebuild

            started = time.perf_counter()
            if args.limit:  # the pipeline reads files; give it exactly the loaded documents
                src = Path(tmp) / "src.jsonl"
                with open(src, "w", encoding="utf-8") as out:
                    for d in docs:
                        out.write(json.dumps({"id": d.id, "title": d.title, "lead": d.lead,
                                              "body": d.body, "tags": list(d.tags), "lang": d.lang,
                                              "source": d.source}, ensure_ascii=False) + "\n")
                sources = [src]
            else:
                sources = corpus_files(Path(args.data))
            started = time.perf_counter()
            summary = rebuild(IndexStore(Path(tmp) / "ix"), sources, Config(), procs=args.procs)
            seconds = time.perf_counter() - started
            ndocs = summary.documents
        else:
            ix = whoosh_index.create_in(tmp, schema_for(args.child))
            started = time.perf_counter()
            writer = open_writer(ix, args.procs)
            for d in docs:
                writer.add_document(**d.fields())
            writer.commit()
            seconds = time.perf_counter() - started
            ndocs = len(docs)
        size = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file())
    print(json.dumps({"docs": ndocs, "bytes": nbytes, "seconds": seconds, "peak_mb": peak_mb(),
                      "index_mb": size / 2**20}))


def run(analyzer, procs, args):
    cmd = [sys.executable, __file__, "--child", analyzer, "--procs", str(procs),
           "--limit", str(args.limit), "--data", str(args.data)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="index at most N documents (0: all)")
    parser.add_argument("--procs", type=int, default=os.cpu_count() or 2,
                        help="processes of the parallel runs (default: the machine's cores)")
    parser.add_argument("--data", type=Path, default=eval_dir(), help="evaluation data directory")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        multiprocessing.set_start_method("fork", force=True)  # WHOOSH_NOTES.md, problem 5
        return child(args)
    if not corpus_files(args.data):
        sys.exit(f"no corpora under {args.data}; set DOZABAN_EVAL_DATA")

    rows = {}
    print(f"{'analyzer':<10}{'procs':>6}{'docs':>8}{'MB':>8}{'seconds':>9}{'docs/s':>9}"
          f"{'MB/s':>7}{'peak MB':>9}{'index MB':>9}", flush=True)
    configs = [(a, p) for p in (1, args.procs) for a in ("dozaban", "stock")]
    configs.append(("pipeline", 1))
    for analyzer, procs in configs:
        r = rows[analyzer, procs] = run(analyzer, procs, args)
        mb = r["bytes"] / 2**20
        print(f"{analyzer:<10}{procs:>6}{r['docs']:>8}{mb:>8.1f}{r['seconds']:>9.1f}"
              f"{r['docs'] / r['seconds']:>9.0f}{mb / r['seconds']:>7.2f}{r['peak_mb']:>9.0f}"
              f"{r['index_mb']:>9.1f}", flush=True)
    for procs in (1, args.procs):
        ours, stock = rows["dozaban", procs], rows["stock", procs]
        print(f"dozaban/stock, {procs} process(es): time x{ours['seconds'] / stock['seconds']:.2f}, "
              f"throughput x{stock['seconds'] / ours['seconds']:.2f}, "
              f"peak memory x{ours['peak_mb'] / stock['peak_mb']:.2f}")
    for analyzer in ("dozaban", "stock"):
        one, many = rows[analyzer, 1], rows[analyzer, args.procs]
        print(f"{analyzer}: {args.procs} processes vs 1: speed-up x{one['seconds'] / many['seconds']:.2f}")


if __name__ == "__main__":
    main()
