import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cli import main
from index.build import rebuild
from index.config import Config
from index.store import IndexStore
from tests.conftest import REPO


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-index")
    rebuild(IndexStore(path), [REPO / "samples" / "news.jsonl"], Config())
    return path


@pytest.fixture()
def run(index_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("DOZABAN_CACHE", str(tmp_path / "cache"))

    def invoke(*args):
        return CliRunner().invoke(main, list(args))
    return invoke


def test_search_finds_both_languages(run, index_dir):
    result = run("search", "--index", str(index_dir), "Gaza ceasefire")
    assert result.exit_code == 0
    assert "un-gaza-ceasefire-en" in result.output and "un-gaza-ceasefire-fa" in result.output


def test_search_json(run, index_dir):
    result = run("search", "--index", str(index_dir), "--json", "--limit", "2", "energy")
    data = json.loads(result.output)
    assert result.exit_code == 0 and len(data["hits"]) == 2 and "snippet" in data["hits"][0]


def test_explain_shows_glossary_entries(run, index_dir):
    result = run("search", "--index", str(index_dir), "--explain", "ceasefire")
    assert "آتش‌بس" in result.output and "glossary" in result.output


def test_query_error_exit_code(run, index_dir):
    result = run("search", "--index", str(index_dir), "x" * 10_000)
    assert result.exit_code == 64 and "characters long" in result.output


def test_missing_index_exit_code(run, tmp_path):
    result = run("search", "--index", str(tmp_path / "none"), "gaza")
    assert result.exit_code == 66 and "no index" in result.output


def test_query_and_batch_are_exclusive(run, index_dir):
    assert run("search", "--index", str(index_dir)).exit_code == 2


def test_batch_writes_a_trec_run(run, index_dir, tmp_path):
    queries = tmp_path / "q.tsv"
    queries.write_text("1\tGaza ceasefire\n2\tانرژی\n", encoding="utf-8")
    out = tmp_path / "run.txt"
    result = run("search", "--index", str(index_dir), "--queries", str(queries), "--run", str(out))
    rows = [line.split() for line in out.read_text().splitlines()]
    assert result.exit_code == 0 and {r[0] for r in rows} == {"1", "2"}
    assert all(len(r) == 6 and r[5] == "dozaban" for r in rows)


@pytest.mark.parametrize("flags, feedback", [((), True), (("--no-expand",), False),
                                              (("--no-feedback",), False),
                                              (("--no-expand", "--feedback"), True)])
def test_batch_feedback_is_on_unless_no_expand(run, index_dir, tmp_path, monkeypatch, flags,
                                               feedback):
    import search.trec

    seen = []
    real = search.trec.run_batch

    def spy(*args):
        seen.append(args[-1])
        return real(*args)
    monkeypatch.setattr(search.trec, "run_batch", spy)
    queries = tmp_path / "q.tsv"
    queries.write_text("1\tGaza ceasefire\n", encoding="utf-8")
    result = run("search", "--index", str(index_dir), "--queries", str(queries), "--run",
                 str(tmp_path / "run.txt"), *flags)
    assert result.exit_code == 0 and seen == [feedback]


def test_feedback_words_are_explained(run, index_dir):
    plain = run("search", "--index", str(index_dir), "--explain", "Gaza ceasefire")
    fed = run("search", "--index", str(index_dir), "--explain", "--feedback", "Gaza ceasefire")
    assert "feedback words" not in plain.output and "feedback words" in fed.output


def test_glossary_lookup(run):
    result = run("glossary", "lookup", "--json", "UN Security Council")
    data = json.loads(result.output)
    assert data[0]["text"] == "UN Security Council"
    assert any(a["display"] == "شورای امنیت" for a in data[0]["alternatives"])


def test_glossary_check(run):
    result = run("glossary", "check", "--json")
    assert result.exit_code == 0 and json.loads(result.output)["tiers"]["curated"] >= 3000


def test_glossary_check_reports_bad_user_file(run, tmp_path, monkeypatch):
    bad = tmp_path / "bad.tsv"
    bad.write_text("gaza\tغزه\n", encoding="utf-8")
    monkeypatch.setenv("DOZABAN_GLOSSARY", str(bad))
    result = run("glossary", "check")
    assert result.exit_code == 65 and "bad.tsv:1" in result.output


def test_glossary_check_of_given_files_checks_only_them(run, tmp_path):
    good = tmp_path / "mine.tsv"
    good.write_text("Tajrish\tتجریش\tname\nfood bank\tبانک غذا\tterm\n", encoding="utf-8")
    result = run("glossary", "check", "--json", str(good))
    assert result.exit_code == 0 and json.loads(result.output)["tiers"] == {"curated": 2}
    bad = tmp_path / "bad.tsv"
    bad.write_text("Tajrish\tتجریش\tname\ngaza\tغزه\n", encoding="utf-8")
    result = run("glossary", "check", str(good), str(bad))
    assert result.exit_code == 65 and "bad.tsv:2" in result.output


def test_demo_runs_a_cross_lingual_query(run, tmp_path):
    result = run("demo", "--index", str(tmp_path / "demo"), "--quiet")
    assert result.exit_code == 0
    assert "un-gaza-ceasefire-en" in result.output and "un-gaza-ceasefire-fa" in result.output


def test_index_of_another_schema_version_exit_code(run, tmp_path):
    import json

    path = tmp_path / "old"
    rebuild(IndexStore(path), [REPO / "samples" / "news.jsonl"], Config())
    info_path = IndexStore(path).current().path / "BUILD.json"
    info = json.loads(info_path.read_text(encoding="utf-8"))
    info_path.write_text(json.dumps({**info, "schema_version": 99}), encoding="utf-8")
    result = run("search", "--index", str(path), "gaza")
    assert result.exit_code == 65 and "rebuild" in result.output


@pytest.mark.parametrize("batch", [False, True])
def test_only_a_batch_scores_with_numpy(index_dir, tmp_path, batch):
    # Importing NumPy (search.dense) costs a single search a third of its cold start; a batch
    # repays it. Run in a fresh interpreter: the test session has imported it already.
    args = ["search", "--index", str(index_dir)]
    if batch:
        queries = tmp_path / "q.tsv"
        queries.write_text("1\tGaza ceasefire\n", encoding="utf-8")
        args += ["--queries", str(queries), "--run", str(tmp_path / "run.txt")]
    else:
        args.append("Gaza ceasefire")
    code = ("import sys; from cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print('numpy' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "DOZABAN_CACHE": str(tmp_path / "c")})
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == str(batch)
