import datetime

import pytest

from index.loaders.common import looks_binary, parse_date, parse_tags, utf8_error_line


def test_nul_byte_means_binary():
    assert looks_binary(b"abc\x00def") and not looks_binary("متن".encode())


def test_utf8_error_line_counts_newlines_before_the_bad_byte():
    data = b"a\nb\n\xff"
    with pytest.raises(UnicodeDecodeError) as info:
        data.decode("utf-8")
    assert utf8_error_line(data, info.value) == 3


def test_date_accepts_a_longer_iso_timestamp():
    assert parse_date("2024-03-25T10:00:00Z") == datetime.date(2024, 3, 25)


def test_date_rejects_other_formats():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("25.03.2024")


def test_tags_from_list_or_comma_string():
    assert parse_tags(["a", " ", "b "]) == ("a", "b")
    assert parse_tags("a, b") == ("a", "b")


def test_tags_reject_other_types():
    with pytest.raises(ValueError):
        parse_tags([1, 2])
