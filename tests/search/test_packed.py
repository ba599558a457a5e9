"""search/packed.py: the glossary's cache format, read key by key."""

import pytest

from search.packed import MAGIC, Packed, pack

MAPPING = {(("secur",), ("council",)): ((1, "en"),), (("غزه",),): ((0, "fa"), (2, "en")),
           "plain": 7}
RECORDS = [("gaza", ("غزه",)), ("security council",), frozenset({("a",)})]


def test_round_trip():
    data = pack({"format": 1}, MAPPING, RECORDS)
    p = Packed(data)
    assert p.header == {"format": 1}
    assert all(p.get(k) == v for k, v in MAPPING.items())
    assert [p.record(n) for n in range(len(p))] == RECORDS


def test_missing_key_gives_the_default():
    p = Packed(pack(None, MAPPING, RECORDS))
    assert p.get(("nothing",)) is None and p.get("x", 0) == 0


def test_many_keys_spread_over_buckets():
    mapping = {(f"w{i}",): i for i in range(1000)}
    p = Packed(pack(None, mapping, []))
    assert all(p.get(k) == v for k, v in mapping.items()) and len(p) == 0


def test_empty():
    p = Packed(pack(None, {}, []))
    assert p.get(("a",)) is None and len(p) == 0


def test_record_out_of_range():
    with pytest.raises(IndexError):
        Packed(pack(None, MAPPING, RECORDS)).record(3)


def test_damaged_byte_is_refused_on_open():
    data = bytearray(pack(None, MAPPING, RECORDS))
    data[-5] ^= 0xFF
    with pytest.raises(ValueError, match="checksum"):
        Packed(bytes(data))


def test_truncated_data_is_refused_on_open():
    data = pack(None, MAPPING, RECORDS)
    for cut in (0, 3, len(MAGIC) + 2, len(data) // 2, len(data) - 1):
        with pytest.raises(ValueError):
            Packed(data[:cut])


def test_other_data_is_refused():
    with pytest.raises(ValueError, match="not packed"):
        Packed(b"\x80\x05K\x01.")  # a pickle
