from index.report import BAD_JSON, BINARY, Problem, RunSummary


def _summary(**more):
    values = dict(kind="index", generation="g", documents=1, added=0, updated=0, unchanged=1,
                  deleted=0, problems=(), duration=0.1)
    values.update(more)
    return RunSummary(**values)


def test_problem_names_file_and_line():
    assert str(Problem(BAD_JSON, "a.jsonl", 7, "oops")) == "a.jsonl:7: malformed JSON: oops"


def test_whole_file_problem_has_no_line():
    assert str(Problem(BINARY, "a.txt", None, "NUL")) == "a.txt: binary file: NUL"


def test_summary_counts_problems_by_kind():
    problems = (Problem(BAD_JSON, "a", 1, ""), Problem(BINARY, "b", None, ""), Problem(BAD_JSON, "a", 2, ""))
    assert _summary(problems=problems).problem_counts() == {BAD_JSON: 2, BINARY: 1}


def test_changed_only_when_something_was_written():
    assert not _summary().changed
    assert _summary(deleted=1).changed
