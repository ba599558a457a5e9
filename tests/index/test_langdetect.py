from index.langdetect import detect_lang, script_counts


def test_persian_text_is_fa():
    assert detect_lang("شوراي امنيت سازمان ملل") == "fa"


def test_english_text_is_en():
    assert detect_lang("Security Council adopts resolution") == "en"


def test_latin_with_diacritics_counts_as_english():
    assert script_counts("Erdoğan") == (0, 7)


def test_both_scripts_make_mixed():
    assert detect_lang("Energy briefing گزارش انرژی ایران") == "mixed"


def test_a_few_foreign_words_do_not_make_mixed():
    assert detect_lang("وزیران انرژی ایران و ترکیه در آنکارا درباره خط لوله گاز گفتگو کردند ICT") == "fa"


def test_digits_and_punctuation_count_for_neither():
    assert script_counts("۱۴۰۳ 2024 !؟") == (0, 0)
    assert detect_lang("۱۴۰۳ 2024", default="fa") == "fa"
