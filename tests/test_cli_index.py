"""The index commands of the CLI: exit codes, one-line summaries and error messages."""

import contextlib
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cli import main
from index.store import IndexStore
from tests.conftest import age_generation

HOLD = """
import sys
from index.store import IndexStore
with IndexStore(sys.argv[1]).lock():
    print("locked", flush=True)
    sys.stdin.read()
"""

RECORDS = [
    {"id": "a", "title": "Gaza ceasefire vote", "body": "The council voted.", "lang": "en"},
    {"id": "b", "title": "آتش‌بس غزه", "body": "شورای امنیت رای داد.", "lang": "fa"},
]


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "src" / "news.jsonl"
    path.parent.mkdir()
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    return path


@pytest.fixture
def ix(tmp_path):
    return tmp_path / "ix"


@contextlib.contextmanager
def locked(index_dir):
    """Another process holding the writer lock of ``index_dir`` until the block ends."""
    with subprocess.Popen([sys.executable, "-c", HOLD, str(index_dir)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout.readline().strip() == "locked"
        yield proc
        proc.stdin.close()


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def test_version_and_short_help():
    assert run("--version").stdout.startswith("dozaban, version ")
    assert "rebuild" in run("-h").stdout


def test_rebuild_prints_one_summary_line(source, ix):
    result = run("rebuild", "--index", ix, source)
    assert result.exit_code == 0
    [line] = result.stdout.splitlines()
    assert line.startswith("rebuild: 2 documents; 2 in generation ") and "0 problems" in line


def test_rebuild_that_would_halve_the_index_needs_allow_shrink(ix, tmp_path):
    full = tmp_path / "full.jsonl"
    full.write_text("".join(json.dumps({**RECORDS[0], "id": f"n{i}"}, ensure_ascii=False) + "\n"
                            for i in range(4)), encoding="utf-8")
    run("rebuild", "--index", ix, full)
    cut = tmp_path / "cut.jsonl"
    cut.write_text(json.dumps(RECORDS[0], ensure_ascii=False) + "\n", encoding="utf-8")
    refused = run("rebuild", "--index", ix, cut)
    assert refused.exit_code == 1 and "--allow-shrink" in refused.output
    assert run("rebuild", "--allow-shrink", "--index", ix, cut).exit_code == 0


def test_index_summary_counts_added_and_unchanged(source, ix):
    run("index", "--index", ix, source)
    result = run("index", "--index", ix, source)
    assert result.exit_code == 0
    assert result.stdout.startswith("index: 0 added, 0 updated, 2 unchanged, 0 deleted; 2 in generation ")
    assert "(unchanged)" in result.stdout


def test_quiet_prints_nothing_on_success(source, ix):
    result = run("rebuild", "--quiet", "--index", ix, source)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_problems_go_to_stderr_and_into_the_summary(source, ix):
    with open(source, "a", encoding="utf-8") as stream:
        stream.write("{not json\n")
    result = run("index", "--index", ix, source)
    assert result.exit_code == 0
    assert f"warning: {source.resolve()}:3: malformed JSON:" in result.stderr
    assert "1 problem (1 malformed JSON)" in result.stdout


def test_strict_fails_with_exit_65_and_changes_nothing(source, ix):
    with open(source, "a", encoding="utf-8") as stream:
        stream.write('{"title": "no id"}\n')
    result = run("rebuild", "--strict", "--index", ix, source)
    assert result.exit_code == 65
    assert f"{source.resolve()}:3: missing id" in result.stderr
    assert "the index was not changed" in result.stderr
    assert not IndexStore(ix).exists()


def test_locked_index_fails_at_once_with_exit_75(source, ix):
    run("rebuild", "--index", ix, source)
    with locked(ix) as holder:
        result = run("index", "--index", ix, source)
    assert result.exit_code == 75
    assert f"is locked by process {holder.pid}" in result.stderr and "--wait SECONDS" in result.stderr


def test_wait_gives_up_with_a_clear_message(source, ix):
    run("rebuild", "--index", ix, source)
    with locked(ix):
        result = run("rebuild", "--wait", "0.2", "--index", ix, source)
    assert result.exit_code == 75 and "after waiting 0.2 s" in result.stderr


def test_missing_source_exits_66(ix, tmp_path):
    result = run("rebuild", "--index", ix, tmp_path / "absent")
    assert result.exit_code == 66 and "source not found" in result.stderr


def test_stats_without_an_index_says_how_to_make_one(ix):
    result = run("stats", "--index", ix)
    assert result.exit_code == 66 and f"dozaban rebuild --index {ix}" in result.stderr


def test_bad_config_exits_78(source, ix, tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("[boosts]\ntitel = 2\n", encoding="utf-8")
    result = run("rebuild", "--config", config, "--index", ix, source)
    assert result.exit_code == 78 and "unknown boost field 'titel'" in result.stderr


def test_stats_json(source, ix):
    run("rebuild", "--index", ix, source)
    data = json.loads(run("stats", "--json", "--index", ix).stdout)
    assert (data["documents"], data["by_lang"]) == (2, {"en": 1, "fa": 1})


def test_rollback_switches_back(source, ix):
    first = json.loads(run("rebuild", "--json", "--index", ix, source).stdout)["generation"]
    run("rebuild", "--index", ix, source)
    result = run("rollback", "--index", ix)
    assert result.exit_code == 0 and f"now serves generation {first}" in result.stdout
    assert IndexStore(ix).current().name == first


def test_rollback_with_nothing_to_roll_back_to_fails(source, ix):
    run("rebuild", "--index", ix, source)
    result = run("rollback", "--index", ix)
    assert result.exit_code == 1 and "nothing to roll back to" in result.stderr


def test_prune_option_removes_vanished_records(source, ix):
    run("index", "--index", ix, source)
    source.write_text(json.dumps(RECORDS[0]) + "\n", encoding="utf-8")
    result = run("index", "--prune", "--index", ix, source)
    assert "1 deleted; 1 in generation" in result.stdout


def test_demo_rebuilds_a_samples_index_of_an_older_version(ix):
    assert run("demo", "--index", ix).exit_code == 0
    store = IndexStore(ix)
    age_generation(store, 1)
    again = run("demo", "--index", ix)
    assert again.exit_code == 0 and again.stdout.startswith("rebuild:")
    store.check_version()


def test_demo_leaves_another_index_of_an_older_version_alone(ix, source):
    assert run("rebuild", "--index", ix, source).exit_code == 0
    store = IndexStore(ix)
    age_generation(store, 1)
    live = store.current().name
    result = run("demo", "--index", ix)
    assert result.exit_code != 0 and "dozaban rebuild --index" in result.stderr
    assert store.current().name == live


def test_default_index_location_comes_from_the_environment(source, tmp_path):
    result = run("rebuild", source, env={"DOZABAN_INDEX": str(tmp_path / "envix")})
    assert result.exit_code == 0 and IndexStore(tmp_path / "envix").exists()


def test_demo_indexes_the_samples_and_refreshes_idempotently(ix):
    from cli import SAMPLES
    expected = len((SAMPLES / "news.jsonl").read_text(encoding="utf-8").splitlines()) + \
        len([p for p in (SAMPLES / "dump").rglob("*") if p.is_file()])
    first = run("demo", "--index", ix)
    assert first.exit_code == 0 and f"{expected} added" in first.stdout and first.stderr == ""
    again = run("demo", "--index", ix)
    assert again.exit_code == 0 and f"{expected} unchanged" in again.stdout
