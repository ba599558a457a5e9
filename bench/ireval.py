"""Shared pieces of the benchmarks: where the evaluation data is, and the IR measures.

Not a test module: benchmarks import it (``python bench/<name>.py``), tests never time anything.
"""

import json
import math
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def eval_dir():
    """``$DOZABAN_EVAL_DATA`` or ``../shared/eval`` beside the repository; exits if neither exists."""
    env = os.environ.get("DOZABAN_EVAL_DATA")
    path = Path(env) if env else REPO.parent / "shared" / "eval"
    if not path.is_dir():
        raise SystemExit(f"evaluation data not found at {path} (set DOZABAN_EVAL_DATA)")
    return path


def needs_build(store):
    """Whether a benchmark's index is missing, or was built with another schema version (an index
    of older analyzers would measure them, not the current ones)."""
    from index.errors import IndexVersionError

    if not store.exists():
        return True
    try:
        store.check_version()
    except IndexVersionError:
        return True
    return False


def read_jsonl(path, limit=None):
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            if line.strip():
                yield json.loads(line)


def read_queries(path):
    queries = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                qid, _, text = line.rstrip("\n").partition("\t")
                queries[qid] = text
    return queries


def read_qrels(path):
    """``{qid: {docid: grade}}``, grades above 0 only."""
    qrels = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4 and int(parts[3]) > 0:
                qrels.setdefault(parts[0], {})[parts[2]] = int(parts[3])
    return qrels


def average_precision(ranked, relevant):
    hits, total = 0, 0.0
    for i, doc in enumerate(ranked, 1):
        if doc in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant) if relevant else 0.0


def ndcg(ranked, grades, k=10):
    dcg = sum(grades.get(doc, 0) / math.log2(i + 1) for i, doc in enumerate(ranked[:k], 1))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 1) for i, g in enumerate(ideal, 1))
    return dcg / idcg if idcg else 0.0


def evaluate(run, qrels):
    """Mean AP and nDCG@10 of ``run`` ({qid: [docid, ...] best first}) over the judged queries."""
    aps, ndcgs = [], []
    for qid, grades in qrels.items():
        ranked = run.get(qid, [])
        aps.append(average_precision(ranked, grades))
        ndcgs.append(ndcg(ranked, grades))
    n = len(aps) or 1
    return {"MAP": sum(aps) / n, "nDCG@10": sum(ndcgs) / n, "queries": len(aps)}


def read_trec_run(path):
    """``{qid: [docid, ...]}`` from a TREC run file, ordered by rank."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 6:
                rows.setdefault(parts[0], []).append((int(parts[3]), parts[2]))
    return {qid: [d for _, d in sorted(r)] for qid, r in rows.items()}
