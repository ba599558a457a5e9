from index.errors import DozabanError, StrictInputError
from index.report import BAD_JSON, Problem


def test_strict_input_error_names_the_first_problem_and_counts_the_rest():
    problems = [Problem(BAD_JSON, "a.jsonl", 3, "Expecting value"), Problem(BAD_JSON, "a.jsonl", 9, "x")]
    error = StrictInputError(problems)
    assert isinstance(error, DozabanError)
    assert str(error) == ("strict mode: a.jsonl:3: malformed JSON: Expecting value (and 1 more); "
                          "the index was not changed")
    assert error.problems == tuple(problems)
