"""Benchmark of the analysis chain (issue 2): speed against hazm, retrieval quality against stock Whoosh.

    python bench/analyzers.py                 # everything (a few minutes)
    python bench/analyzers.py --only speed    # throughput only
    python bench/analyzers.py --only quality --collections hamshahri,cran

(1) Throughput of our Persian analysis over the Hamshahri documents in MB/s, against a plain hazm
    pipeline (Normalizer + word_tokenize + Lemmatizer) on the same text, as a ratio.
(2) Retrieval quality: a minimal Whoosh index (one text field = title + body), every query term
    OR-ed, top 1000, MAP and nDCG@10: our bilingual analyzer with our ranking (index.scoring.BM25,
    k1 1.2 b 0.75), and Whoosh's stock StemmingAnalyzer with its stock BM25F (same k1, b); the
    "ours, stock BM25F" column separates what the analyzers gain from what the idf gains; Hamshahri queries 1–25 in their original and in modern spelling, and the
    classic English collections.
"""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whoosh import fields, index, query, scoring  # noqa: E402

from index.scoring import BM25  # noqa: E402
from whoosh.analysis import StemmingAnalyzer  # noqa: E402

from analyzers import analyze_query, bilingual_analyzer  # noqa: E402
from bench.ireval import eval_dir, evaluate, read_jsonl, read_qrels, read_queries  # noqa: E402

COLLECTIONS = {
    # name: (docs, [(label, queries file)], qrels)
    "hamshahri": ("hamshahri/docs.jsonl",
                  [("fa", "hamshahri/queries.fa.tsv"), ("fa-modern", "hamshahri/queries.fa-modern.tsv")],
                  "hamshahri/qrels.txt"),
    "cran": ("classic-en/cran/docs.jsonl", [("en", "classic-en/cran/queries.tsv")], "classic-en/cran/qrels.txt"),
    "cisi": ("classic-en/cisi/docs.jsonl", [("en", "classic-en/cisi/queries.tsv")], "classic-en/cisi/qrels.txt"),
    "med": ("classic-en/med/docs.jsonl", [("en", "classic-en/med/queries.tsv")], "classic-en/med/qrels.txt"),
    "npl": ("classic-en/npl/docs.jsonl", [("en", "classic-en/npl/queries.tsv")], "classic-en/npl/qrels.txt"),
}
# Reference MAPs quoted in issue 2 (Lucene 4.10 PersianAnalyzer + BM25; best of Lucene EnglishAnalyzer
# and stock Whoosh for English).
REFERENCE = {("hamshahri", "fa"): 0.813, ("hamshahri", "fa-modern"): 0.817, ("cran", "en"): 0.302,
             ("cisi", "en"): 0.210, ("med", "en"): 0.526, ("npl", "en"): 0.275}


def doc_text(doc):
    return f"{doc.get('title', '')}\n{doc.get('body', '')}"


# ---------------------------------------------------------------------------------------------- speed

def bench_speed(data, limit, hazm_limit):
    """MB/s of each pipeline; hazm runs on the first ``hazm_limit`` documents (it is ~100x slower)."""
    docs = [doc_text(d) for d in read_jsonl(data / "hamshahri/docs.jsonl", limit)]
    ours = bilingual_analyzer()
    for _ in ours("گرم کردن"):  # load the lexicon outside the timing, as an index writer would once
        pass
    mb_ours, t_ours, n_ours = _time(docs, lambda text: sum(1 for _ in ours(text, positions=True, chars=True)))

    import hazm

    start_load = time.perf_counter()
    normalizer, lemmatizer = hazm.Normalizer(), hazm.Lemmatizer()
    t_load = time.perf_counter() - start_load
    sample = docs[:hazm_limit]
    mb_hazm, t_hazm, n_hazm = _time(sample, lambda text: sum(
        1 for w in hazm.word_tokenize(normalizer.normalize(text)) if lemmatizer.lemmatize(w) is not None))
    # The same sample through ours, so the ratio compares like with like.
    mb_same, t_same, _ = _time(sample, lambda text: sum(1 for _ in ours(text, positions=True, chars=True)))
    print("\n## Persian analysis throughput (Hamshahri title + body)")
    print(f"{'pipeline':<44}{'docs':>6}{'MB':>7}{'seconds':>9}{'MB/s':>8}{'tokens':>10}")
    print(f"{'dozaban bilingual_analyzer':<44}{len(docs):>6}{mb_ours:>7.1f}{t_ours:>9.2f}{mb_ours / t_ours:>8.2f}{n_ours:>10}")
    print(f"{'dozaban bilingual_analyzer (hazm sample)':<44}{len(sample):>6}{mb_same:>7.1f}{t_same:>9.2f}"
          f"{mb_same / t_same:>8.2f}")
    print(f"{'hazm Normalizer+word_tokenize+Lemmatizer':<44}{len(sample):>6}{mb_hazm:>7.1f}{t_hazm:>9.2f}"
          f"{mb_hazm / t_hazm:>8.2f}{n_hazm:>10}")
    print(f"speed ratio on the same sample (ours / hazm, MB/s): {(mb_same / t_same) / (mb_hazm / t_hazm):.0f}x"
          f"   (hazm's models loaded in {t_load:.2f} s, untimed)")


def _time(docs, analyze):
    mb = sum(len(t.encode("utf-8")) for t in docs) / 1e6
    start = time.perf_counter()
    n = sum(analyze(text) for text in docs)
    return mb, time.perf_counter() - start, n


# -------------------------------------------------------------------------------------------- quality

def build(docs, analyzer, where):
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), text=fields.TEXT(analyzer=analyzer))
    ix = index.create_in(where, schema)
    with ix.writer(limitmb=512) as w:
        for d in docs:
            w.add_document(id=d["id"], text=doc_text(d))
    return ix


def ours_query(text):
    """Each query word is one concept: its joined form OR its compound parts, as terms."""
    words = []
    for word in analyze_query(text):
        terms = sorted({term for form in word.forms for term in form})
        words.append(query.Term("text", terms[0]) if len(terms) == 1
                     else query.Or([query.Term("text", t) for t in terms]))
    return query.Or(words)


def stock_query(text, analyzer):
    return query.Or([query.Term("text", t.text) for t in analyzer(text)])


def run_queries(ix, queries, make_query, weighting):
    run = {}
    with ix.searcher(weighting=weighting) as s:
        for qid, text in queries.items():
            run[qid] = [hit["id"] for hit in s.search(make_query(text), limit=1000)]
    return run


def bench_quality(data, names):
    print("\n## Retrieval quality: MAP / nDCG@10 (one text field = title + body, k1 1.2 b 0.75, top 1000)")
    print(f"{'collection':<22}{'ours MAP':>10}{'nDCG@10':>9}{'ours, stock BM25F':>19}"
          f"{'stock MAP':>11}{'nDCG@10':>9}{'reference':>11}")
    for name in names:
        docs_file, query_sets, qrels_file = COLLECTIONS[name]
        docs = list(read_jsonl(data / docs_file))
        qrels = read_qrels(data / qrels_file)
        tmp = Path(tempfile.mkdtemp(prefix="dozaban-bench-"))
        try:
            (tmp / "ours").mkdir()
            (tmp / "stock").mkdir()
            stock_an = StemmingAnalyzer()
            ix_ours = build(docs, bilingual_analyzer(), str(tmp / "ours"))
            ix_stock = build(docs, stock_an, str(tmp / "stock"))
            for label, qfile in query_sets:
                queries = read_queries(data / qfile)
                queries = {q: t for q, t in queries.items() if q in qrels}
                stock_bm25 = scoring.BM25F(B=0.75, K1=1.2)
                m_ours = evaluate(run_queries(ix_ours, queries, ours_query, BM25(B=0.75, K1=1.2)), qrels)
                m_mixed = evaluate(run_queries(ix_ours, queries, ours_query, stock_bm25), qrels)
                m_stock = evaluate(run_queries(ix_stock, queries, lambda t: stock_query(t, stock_an),
                                               stock_bm25), qrels)
                ref = REFERENCE.get((name, label))
                print(f"{name + ' ' + label:<22}{m_ours['MAP']:>10.3f}{m_ours['nDCG@10']:>9.3f}"
                      f"{m_mixed['MAP']:>19.3f}{m_stock['MAP']:>11.3f}{m_stock['nDCG@10']:>9.3f}"
                      f"{(f'{ref:.3f}' if ref else '-'):>11}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", choices=["speed", "quality"])
    p.add_argument("--limit", type=int, default=None, help="documents for the speed test (default all)")
    p.add_argument("--hazm-limit", type=int, default=300,
                   help="documents for the hazm pipeline, which is about 100x slower (default 300)")
    p.add_argument("--collections", default=",".join(COLLECTIONS))
    args = p.parse_args(argv)
    data = eval_dir()
    if args.only in (None, "speed"):
        bench_speed(data, args.limit, args.hazm_limit)
    if args.only in (None, "quality"):
        bench_quality(data, [c for c in args.collections.split(",") if c])


if __name__ == "__main__":
    main()
