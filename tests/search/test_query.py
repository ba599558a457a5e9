from datetime import date

import pytest

from index.errors import QueryError
from search.query import (And, DateFilter, Empty, Filter, Fuzzy, Not, Or, Phrase, Prefix, Seq,
                          Syntax, Text, parse)


def test_plain_words_stay_one_run():
    assert parse("آتش بس غزه") == Text("آتش بس غزه", 0)


def test_phrase_in_persian_quotes():
    assert parse("«شورای امنیت»") == Phrase("شورای امنیت", 1)


def test_upper_case_operators():
    assert parse("a AND b OR c") == Or((And((Text("a", 0), Text("b", 6))), Text("c", 11)))


def test_lower_case_and_persian_operator_words_are_words():
    assert parse("war and peace و یا") == Text("war and peace و یا", 0)


def test_minus_and_not_negate():
    assert parse("-x y") == Seq((Not(Text("x", 1)), Text("y", 3)))
    assert parse("NOT x") == Not(Text("x", 4))


def test_field_prefix_and_fuzzy():
    assert parse("title:gaza energ* erdogan~2") == Seq(
        (Text("gaza", 6, "title"), Prefix("energ"), Fuzzy("erdogan", 2)))


def test_filters():
    assert parse("lang:fa tags:sport") == Seq((Filter("lang", "fa"), Filter("tags", "sport")))


def test_date_forms():
    assert parse("date:2024-02") == DateFilter("date", date(2024, 2, 1), date(2024, 2, 29))
    assert parse("date:[2024-03-01 TO 2024-03-31]") == DateFilter(
        "date", date(2024, 3, 1), date(2024, 3, 31))
    assert parse("date:>=2024-03-01") == DateFilter("date", date(2024, 3, 1), None)
    assert parse("date:<2024") == DateFilter("date", None, date(2023, 12, 31))


def test_impossible_date_is_a_query_error():
    with pytest.raises(QueryError, match="2024-13"):
        parse("date:2024-13")


def test_unbalanced_quote_runs_to_the_end():
    assert parse('"security council') == Phrase("security council", 1)


def test_unbalanced_parentheses():
    assert parse("((( x") == Text("x", 4)
    assert parse("x ))) y") == Seq((Text("x", 0), Text("y", 6)))


def test_only_operators_is_empty():
    assert parse("AND OR NOT ( )") == Empty()
    assert parse("") == Empty()


def test_field_name_without_a_value_is_not_a_word():
    assert parse("lang:") == Empty()
    assert parse("gaza title:") == parse("gaza date:") == Text("gaza", 0)
    assert parse("title: gaza") == Text("gaza", 7)


def test_unknown_field_is_text():
    assert parse("ساعت 10:30") == Text("ساعت 10:30", 0)


def test_too_long_query_is_a_clear_error():
    with pytest.raises(QueryError, match="10,000 characters"):
        parse("x" * 10_000, Syntax(max_chars=2000))


@pytest.mark.parametrize("seed", range(30))
def test_random_strings_never_raise_anything_else(seed):
    import random

    rng = random.Random(seed)
    alphabet = 'ab آتش‌"«»()-:*~[]ANDORT 2024-01'
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
    try:
        parse(text)
    except QueryError:
        pass
