from analyzers import bilingual_analyzer
from search.snippets import find_matches, make_snippet

A = bilingual_analyzer()


def test_highlight_covers_the_whole_persian_compound():
    text = "خواستار آتش‌بس‌ها در غزه"
    spans = find_matches(text, {"اتشبس"}, A)
    assert [text[s:e] for s, e in spans] == ["آتش‌بس‌ها"]


def test_adjacent_matches_merge():
    text = "across the Gaza Strip today"
    spans = find_matches(text, {"gaza", "strip"}, A)
    assert [text[s:e] for s, e in spans] == ["Gaza Strip"]


def test_both_scripts_highlighted():
    text = "Energy briefing | گزارش انرژی"
    spans = find_matches(text, {"energi", "انرژی"}, A)
    assert [text[s:e] for s, e in spans] == ["Energy", "انرژی"]


def test_snippet_window_and_render():
    body = "word " * 100 + "the ceasefire held " + "word " * 100
    snippet = make_snippet({"body": body}, {"ceasefir"}, A, size=60)
    assert "[ceasefire]" in snippet.render() and len(snippet.text) <= 62


def test_no_match_falls_back_to_the_start():
    snippet = make_snippet({"body": "alpha beta gamma"}, {"zzz"}, A)
    assert snippet.text == "alpha beta gamma" and snippet.highlights == ()
