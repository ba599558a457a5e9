"""Batch mode: a file of queries in, a TREC run file out (``qid Q0 docid rank score tag``).

The run file is what every IR evaluation tool reads (trec_eval, ir_measures, bench/retrieval.py).
Batch runs rank documents that match *any* concept of the query by default, the convention of IR
evaluation; ``match="all"`` keeps only documents that match every concept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from index.errors import QueryError


@dataclass(frozen=True)
class BatchSummary:
    queries: int
    lines: int
    empty: tuple  # qids that found nothing (or had no searchable words)


def read_queries(path):
    """``[(qid, text)]`` of a ``qid<TAB>text`` file (no header; ``#`` lines and blanks skipped)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise QueryError(f"{path}: query file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query file: {exc}") from None
    queries = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        qid, sep, text = line.partition("\t")
        if not sep or not qid.strip() or " " in qid.strip():
            raise QueryError(f"{path}:{number}: expected 'qid<TAB>query text'")
        queries.append((qid.strip(), text.strip()))
    return queries


def run_batch(engine, queries, out, limit=1000, tag="dozaban", match="any", expand=True,
              feedback=True):
    """Search every query and write TREC run lines to the text stream ``out``.

    ``feedback`` (pseudo-relevance feedback, :mod:`search.feedback`) is on by default here, as
    in the usual configuration of evaluated systems (BM25 + RM3); interactive search leaves it
    off.
    """
    lines, empty = 0, []
    for qid, text in queries:
        results = engine.search(text, limit=limit, match=match, expand=expand, snippets=False,
                                suggestions=False, feedback=feedback, fields=False)
        if not results.hits:
            empty.append(qid)
        for hit in results.hits:
            out.write(f"{qid} Q0 {hit.id} {hit.rank} {hit.score:.6f} {tag}\n")
            lines += 1
    return BatchSummary(len(queries), lines, tuple(empty))
