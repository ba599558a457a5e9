"""analyzers/tokenizers.py: words of both scripts, offsets into the original text."""

from analyzers.tokenizers import BilingualTokenizer


def _tokens(text):
    return [(t.text, t.script, t.spaced, t.startchar, t.endchar)
            for t in BilingualTokenizer()(text, positions=True, chars=True)]


def test_zwnj_inside_a_persian_word_keeps_it_one_token():
    assert [t[0] for t in _tokens("کتاب\u200cها")] == ["کتاب\u200cها"]


def test_zwnj_at_word_edges_is_not_part_of_the_token():
    assert [t[0] for t in _tokens("\u200cکتاب\u200c خوب")] == ["کتاب", "خوب"]


def test_harakat_and_tatweel_do_not_split_a_word():
    assert [t[0] for t in _tokens("کِتـاب")] == ["کِتـاب"]


def test_bidi_marks_inside_a_word_do_not_split_it():
    assert [t[0] for t in _tokens("غز\u200fه")] == ["غز\u200fه"]


def test_persian_punctuation_splits_words():
    assert [t[0] for t in _tokens("غزه،ایران؛ ترکیه؟")] == ["غزه", "ایران", "ترکیه"]


def test_latin_apostrophe_between_letters_stays_in_the_word():
    assert [t[0] for t in _tokens("Iran's O’Brien 'quoted'")] == ["Iran's", "O’Brien", "quoted"]


def test_single_letters_joined_by_dots_are_one_word():
    assert [(t[0], t[1]) for t in _tokens("U.S.-Iran talks at the U.N.")] == [
        ("U.S.", "en"), ("Iran", "en"), ("talks", "en"), ("at", "en"), ("the", "en"), ("U.N.", "en")]


def test_an_acronym_ends_where_a_word_follows_its_last_dot():
    assert [t[0] for t in _tokens("the U.S.Army U.S.A")] == ["the", "U.S.", "Army", "U.S.A"]


def test_dots_between_longer_words_still_split_them():
    assert [t[0] for t in _tokens("ab.c file.txt 3.5")] == ["ab", "c", "file", "txt", "3.5"]


def test_latin_diacritics_stay_in_the_word():
    assert [t[0] for t in _tokens("Erdoğan Zu\u0308rich")] == ["Erdoğan", "Zu\u0308rich"]


def test_numbers_keep_their_separators():
    assert [(t[0], t[1]) for t in _tokens("۳٫۵ 1,200 ۱۴۰۳")] == [("۳٫۵", "num"), ("1,200", "num"), ("۱۴۰۳", "num")]


def test_tokens_carry_their_script():
    assert [t[1] for t in _tokens("غزه Gaza Москва")] == ["fa", "en", "other"]


def test_script_change_splits_a_run_without_spaces():
    assert [(t[0], t[1]) for t in _tokens("Gazaغزه")] == [("Gaza", "en"), ("غزه", "fa")]


def test_spaced_is_true_only_across_white_space():
    spaced = [t[2] for t in _tokens("کتاب ها،کتاب\u200c ها")]
    assert spaced == [False, True, False, True]


def test_offsets_slice_the_original_text():
    text = "  رئيس‌جمهور  Erdoğan's ۱۴۰۳ "
    for tok, _, _, start, end in _tokens(text):
        assert text[start:end] == tok


def test_positions_are_consecutive():
    assert [t.pos for t in BilingualTokenizer()("a b ج د", positions=True)] == [0, 1, 2, 3]


def test_empty_text_gives_no_tokens():
    assert _tokens("") == []
    assert _tokens(" ،. ") == []


def test_tokenize_false_gives_the_whole_value():
    toks = [(t.text, t.script) for t in BilingualTokenizer()("غزه نو", tokenize=False)]
    assert toks == [("غزه نو", "fa")]
