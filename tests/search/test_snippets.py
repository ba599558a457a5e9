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


def test_window_with_more_distinct_terms_wins_over_an_earlier_one():
    body = "ceasefire ceasefire ceasefire " + "word " * 80 + "ceasefire in Gaza " + "word " * 80
    snippet = make_snippet({"body": body}, {"ceasefir", "gaza"}, A, size=60)
    assert "[Gaza]" in snippet.render()


class _Counting:
    """The analyzer, counting the tokens it has handed out."""

    def __init__(self):
        self.tokens = 0

    def __call__(self, text, **kwargs):
        for token in A(text, **kwargs):
            self.tokens += 1
            yield token


def test_analysis_stops_at_a_window_holding_every_term():
    body = "Gaza ceasefire talks " + "word " * 2000
    counting = _Counting()
    snippet = make_snippet({"body": body}, {"gaza", "ceasefir"}, counting, size=60)
    assert "[Gaza ceasefire]" in snippet.render()
    assert counting.tokens < 100


def test_analysis_goes_on_while_a_term_is_missing():
    body = "Gaza " + "word " * 300 + "Gaza ceasefire"
    counting = _Counting()
    snippet = make_snippet({"body": body}, {"gaza", "ceasefir"}, counting, size=60)
    assert "[Gaza ceasefire]" in snippet.render()


def test_a_window_is_worth_its_concepts_not_its_spellings():
    body = "غزه و نوار غزه " + "word " * 80 + "Gaza ceasefire " + "word " * 80
    groups = {"غزه": 0, "نوار": 0, "gaza": 0, "ceasefir": 1}
    snippet = make_snippet({"body": body}, {"غزه", "نوار", "gaza", "ceasefir"}, A, size=60,
                           groups=groups)
    assert "[Gaza ceasefire]" in snippet.render()


def test_analysis_stops_at_a_window_showing_every_concept():
    body = "Gaza ceasefire " + "word " * 2000 + "نوار غزه"
    counting = _Counting()
    snippet = make_snippet({"body": body}, {"gaza", "ceasefir", "نوار", "غزه"}, counting, size=60,
                           groups={"gaza": 0, "نوار": 0, "غزه": 0, "ceasefir": 1})
    assert "[Gaza ceasefire]" in snippet.render() and counting.tokens < 100
