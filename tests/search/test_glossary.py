import pytest

from analyzers import analyze_query
from index.errors import GlossaryError
from search.glossary import Glossary, PackedGlossary, bundled_files, load_glossary, parse_lines
from search.packed import pack


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


def test_stem_collision_without_an_exact_spelling_prefers_the_closest_spelling():
    # Snowball stems population, populations and populism alike.
    glossary = Glossary(parse("population\tجمعیت\tterm", "populism\tپوپولیسم\tterm")[0])
    matches = glossary.match_at(analyze_query("populations"), 0)
    assert [m.entry.persian for m in matches] == [("جمعیت",)]


def test_stem_collision_equally_begun_prefers_fewest_letters_left_over():
    # affects, affect and affection all stem to affect; aiding, aid and AIDS to aid.
    glossary = Glossary(parse("affect\tتاثیر گذاشتن\tterm", "affection\tمحبت\tterm",
                              "aid\tکمک\tterm", "AIDS\tایدز\tterm")[0])
    assert [m.entry.persian for m in glossary.match_at(analyze_query("affects"), 0)] == [
        ("تاثیر گذاشتن",)]
    assert [m.entry.persian for m in glossary.match_at(analyze_query("aiding"), 0)] == [("کمک",)]


def test_persian_name_and_word_collision_prefers_the_closest_spelling():
    # The Persian stemmer reads ولایتی (Velayati) as ولایت + ی, and دمام (Dammam) as دما + م.
    glossary = Glossary(parse("Velayati\tولایتی\tname", "guardianship\tولایت\tterm",
                              "Dammam\tدمام\tname", "temperature\tدما\tterm")[0])
    for typed, english in (("ولایت", "guardianship"), ("ولایتی", "Velayati"),
                           ("دما", "temperature"), ("دمام", "Dammam")):
        assert [m.entry.english for m in glossary.match_at(analyze_query(typed), 0)] == [
            (english,)], typed


def test_persian_derivations_of_one_sense_are_all_kept():
    glossary = Glossary(parse("government\tدولت\tterm", "governmental\tدولتی\tterm")[0])
    matches = glossary.match_at(analyze_query("دولتی"), 0)
    assert {m.entry.english for m in matches} == {("government",), ("governmental",)}


def test_stem_collision_equally_close_keeps_every_entry():
    # connecting begins like connection and connective, four letters left over each.
    glossary = Glossary(parse("connection\tارتباط\tterm", "connective\tپیوندی\tterm")[0])
    matches = glossary.match_at(analyze_query("connecting"), 0)
    assert {m.entry.persian for m in matches} == {("ارتباط",), ("پیوندی",)}


def _cache_file(cache):
    (path,) = cache.glob("glossary-*.glossary")
    return path


def test_a_run_of_words_is_looked_up_only_as_long_as_a_key_its_first_word_begins(monkeypatch):
    glossary = Glossary(parse("security\tامنیت\tterm", "Security Council\tشورای امنیت\tname",
                              "vote\tرای\tterm")[0])
    looked_up = []
    hits = glossary._hits
    monkeypatch.setattr(glossary, "_hits", lambda key: looked_up.append(len(key)) or hits(key))
    words = analyze_query("vote security council vote today")
    assert [m.entry.english for m in glossary.match_at(words, 0)] == [("vote",)]
    assert looked_up == [1]  # "vote" begins no key of two words
    looked_up.clear()
    assert [(m.entry.english, m.end) for m in glossary.match_at(words, 1)] == [
        (("Security Council",), 3)]
    assert looked_up == [2]


def test_cached_glossary_answers_like_the_parsed_one(tmp_path):
    files = bundled_files()
    built = load_glossary(files, analyze_query, tmp_path)
    read = load_glossary(files, analyze_query, tmp_path)
    assert isinstance(read, PackedGlossary) and not isinstance(built, PackedGlossary)
    assert (len(read), read.reach, read.problems) == (len(built), built.reach, built.problems)
    for query in ("Security Council resolution", "آتش‌بس غزه", "University of Tehran", "انتخابات"):
        words = analyze_query(query)
        for i in range(len(words)):
            a, b = built.match_at(words, i), read.match_at(words, i)
            assert a == b
            assert [m.entry.persian_forms for m in a] == [m.entry.persian_forms for m in b]
            assert [m.entry.english_surfaces for m in a] == [m.entry.english_surfaces for m in b]
    assert read.lookup(analyze_query("Security Council")) == built.lookup(
        analyze_query("Security Council"))


def test_all_entries_of_a_cached_glossary(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("Tajrish\tتجریش\tname\nceasefire\tآتش‌بس\tterm\n", encoding="utf-8")
    built = load_glossary([path], analyze_query, tmp_path / "cache")
    read = load_glossary([path], analyze_query, tmp_path / "cache")
    assert read.entries == built.entries
    assert [e.persian_forms for e in read.entries] == [e.persian_forms for e in built.entries]


def test_damaged_cache_is_rebuilt(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("Tajrish\tتجریش\tname\n", encoding="utf-8")
    load_glossary([path], analyze_query, tmp_path / "cache")
    cache = _cache_file(tmp_path / "cache")
    good = cache.read_bytes()
    cache.write_bytes(good[:-10] + bytes(10))
    glossary = load_glossary([path], analyze_query, tmp_path / "cache")
    assert [e.english for e in glossary.entries] == [("Tajrish",)]
    assert cache.read_bytes() == good  # rewritten
    cache.write_bytes(b"")
    assert len(load_glossary([path], analyze_query, tmp_path / "cache")) == 1


def test_glossary_cache_of_another_format_is_rebuilt(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("Tajrish\tتجریش\tname\n", encoding="utf-8")
    load_glossary([path], analyze_query, tmp_path / "cache")
    cache = _cache_file(tmp_path / "cache")
    cache.write_bytes(pack({"format": -1}, {}, []))
    assert len(load_glossary([path], analyze_query, tmp_path / "cache")) == 1
    assert isinstance(load_glossary([path], analyze_query, tmp_path / "cache"), PackedGlossary)


def test_unwritable_glossary_cache_only_costs_time(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("Tajrish\tتجریش\tname\n", encoding="utf-8")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    assert len(load_glossary([path], analyze_query, blocker / "cache")) == 1
