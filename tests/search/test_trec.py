import io

import pytest

from index.errors import QueryError
from search.trec import read_queries, run_batch


def test_read_queries(tmp_path):
    path = tmp_path / "q.tsv"
    path.write_text("1\tGaza ceasefire\n\n2\tآتش‌بس\n", encoding="utf-8")
    assert read_queries(path) == [("1", "Gaza ceasefire"), ("2", "آتش‌بس")]


def test_bad_query_line(tmp_path):
    path = tmp_path / "q.tsv"
    path.write_text("no tab here\n", encoding="utf-8")
    with pytest.raises(QueryError, match="q.tsv:1"):
        read_queries(path)


def test_run_lines_in_trec_format(engine):
    out = io.StringIO()
    summary = run_batch(engine, [("7", "Gaza ceasefire"), ("8", "the")], out, limit=5, tag="t")
    rows = [line.split() for line in out.getvalue().splitlines()]
    assert summary.empty == ("8",) and rows and all(len(r) == 6 and r[1] == "Q0" for r in rows)
    assert [int(r[3]) for r in rows] == list(range(1, len(rows) + 1))


def test_batch_uses_feedback_unless_told_not_to():
    from search.results import Results

    calls = []

    class Spy:
        def search(self, text, **kwargs):
            calls.append(kwargs["feedback"])
            return Results(text, (), 0, "any", True)

    run_batch(Spy(), [("1", "x")], io.StringIO())
    run_batch(Spy(), [("1", "x")], io.StringIO(), feedback=False)
    assert calls == [True, False]
