import pytest

from analyzers import analyze_query
from index.errors import GlossaryError
from search.glossary import Glossary, bundled_files, load_glossary, parse_lines


def parse(*lines):
    return parse_lines(list(lines), "t.tsv", analyze_query)


def test_bundled_files_load():
    glossary = load_glossary(bundled_files(), analyze_query)
    assert len(glossary) >= 3000


def test_compound_spellings_share_a_key():
    glossary = Glossary(parse("ceasefire\tآتش‌بس\tterm")[0])
    for query in ("آتشبس", "آتش بس", "آتش‌بس"):
        matches = glossary.match_at(analyze_query(query), 0)
        assert [m.entry.english for m in matches] == [("ceasefire",)]


def test_diacritic_variants_match():
    glossary = Glossary(parse("Erdoğan\tاردوغان\tname")[0])
    assert glossary.match_at(analyze_query("erdogans"), 0)[0].lang == "en"


def test_longest_match_first():
    glossary = Glossary(parse("security\tامنیت\tterm", "Security Council\tشورای امنیت\tname")[0])
    matches = glossary.match_at(analyze_query("security council vote"), 0)
    assert [(m.entry.english, m.end) for m in matches] == [(("Security Council",), 2)]


def test_wrong_column_count_names_the_line():
    with pytest.raises(GlossaryError, match=r"t.tsv:2: expected 3 tab-separated columns"):
        parse("# comment", "gaza\tغزه")


def test_unknown_kind():
    with pytest.raises(GlossaryError, match="t.tsv:1: kind must be"):
        parse("gaza\tغزه\tplace")


def test_swapped_columns():
    with pytest.raises(GlossaryError, match="swapped"):
        parse("غزه\tgaza\tname")


def test_empty_spelling():
    with pytest.raises(GlossaryError, match="empty english spelling"):
        parse("gaza | \tغزه\tname")


def test_stopword_only_side_is_a_warning():
    entries, problems = parse("the\tغزه\tterm")
    assert len(entries) == 1 and "stopword" in str(problems[0])


def test_duplicate_line_is_a_warning():
    entries, problems = parse("gaza\tغزه\tname", "gaza\tغزه\tname")
    assert len(entries) == 1 and "duplicate of line 1" in str(problems[0])


def test_cache_round_trip(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("Tajrish\tتجریش\tname\n", encoding="utf-8")
    first = load_glossary([path], analyze_query, tmp_path / "cache")
    second = load_glossary([path], analyze_query, tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) and second.entries == first.entries


def test_cache_follows_file_changes(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("Tajrish\tتجریش\tname\n", encoding="utf-8")
    load_glossary([path], analyze_query, tmp_path / "cache")
    path.write_text("Tajrish\tتجریش\tname\nNiavaran\tنیاوران\tname\n", encoding="utf-8")
    assert len(load_glossary([path], analyze_query, tmp_path / "cache")) == 2


def test_missing_user_file():
    with pytest.raises(GlossaryError, match="not found"):
        load_glossary(["/nonexistent/x.tsv"], analyze_query)


def test_entry_spelled_like_the_query_wins_a_stem_collision():
    # Snowball stems university and universe alike; the exact spelling decides.
    glossary = Glossary(parse("university\tدانشگاه\tterm", "universe\tکیهان\tterm")[0])
    matches = glossary.match_at(analyze_query("University"), 0)
    assert [m.entry.persian for m in matches] == [("دانشگاه",)]


def test_stem_collision_without_an_exact_spelling_keeps_every_entry():
    glossary = Glossary(parse("university\tدانشگاه\tterm", "universe\tکیهان\tterm")[0])
    matches = glossary.match_at(analyze_query("universities"), 0)
    assert {m.entry.persian for m in matches} == {("دانشگاه",), ("کیهان",)}
