"""analyzers/memo.py: the memoized analysis gives the chain's tokens, word groups from a memo."""

import json

import pytest

from analyzers import bilingual_analyzer, persian_analyzer
from analyzers.memo import MemoizedAnalysis

A = bilingual_analyzer()


def _chain(text, analyzer=A):
    return [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index")]


def _pieces(text, memo):
    return [text[s:e] for s, e, _ in memo.pieces(text)]


@pytest.mark.parametrize("text", [
    "کتاب ها را خواندم",  # a suffix written apart joins its word
    "او می روم و نمی شناسم",  # prefixes written apart take the next word
    "پیش مي آيد اين است",  # آید reads as the suffix اید: می stays bare and takes این
    "آتش‌بس در غزه، آتش بس",
    "UN Security Council's vote on غزه ۱۴ راي",
    "U.S.-Iran talks at the U.N. در آمریکا",  # an acronym is one group, its dots inside
    "ها ها می",  # pieces with no word to join
    "کتاب ـــ ها",  # a token the normalizer empties keeps the word before it open
])
def test_tokens_are_the_chains(text):
    memo = MemoizedAnalysis(A)
    assert list(memo.tokens(text)) == _chain(text)
    assert list(memo.tokens(text)) == _chain(text)  # again, from the memo


def test_a_suffix_stays_in_its_words_group():
    assert _pieces("کتاب ها را", MemoizedAnalysis(A)) == ["کتاب ها", "را"]


def test_a_prefix_takes_the_next_word_into_its_group():
    assert _pieces("می روم", MemoizedAnalysis(A)) == ["می روم"]


def test_punctuation_or_another_script_ends_a_group():
    memo = MemoizedAnalysis(A)
    assert _pieces("کتاب، ها", memo) == ["کتاب", "ها"]
    assert _pieces("می Gaza روم", memo) == ["می", "Gaza", "روم"]


def test_any_analyzer_of_the_package():
    text = "کتاب ها و Iran's energy"
    analyzer = persian_analyzer()
    assert list(MemoizedAnalysis(analyzer).tokens(text)) == _chain(text, analyzer)


def test_the_memo_is_emptied_when_full():
    memo = MemoizedAnalysis(A, max_entries=3)
    list(memo.tokens("یک دو سه چهار پنج"))
    assert 0 < len(memo.memo) <= 3


def test_news_text_analyzes_exactly_as_the_chain(eval_data):
    memo = MemoizedAnalysis(A)
    checked = 0
    for name in ("hamshahri/docs.jsonl", "corpora/rss_fa.jsonl", "corpora/bbc.jsonl"):
        with open(eval_data / name, encoding="utf-8") as f:
            for _, line in zip(range(400), f):
                doc = json.loads(line)
                for text in (doc.get("title") or "", doc.get("body") or ""):
                    assert list(memo.tokens(text)) == _chain(text), (name, doc["id"])
                    checked += 1
    assert checked >= 2000


def test_a_mostly_new_text_runs_the_chain_whole_and_fills_the_memo():
    text = "کتاب ها را خواندم و او می روم. UN Security Council's vote on غزه ۱۴ راي آتش بس"
    memo = MemoizedAnalysis(A)
    assert list(memo.tokens(text)) == _chain(text)  # every group new: one pass of the chain
    for start, end, _ in memo.pieces(text):
        piece = text[start:end]
        assert list(memo.memo[piece]) == _chain(piece)
    assert list(memo.tokens(text)) == _chain(text)  # now from the memo


def test_each_piece_is_the_text_of_its_group():
    text = "کتاب ها را، UN Security Council's vote ـــ می روم ۱۴ آتش‌بس"
    pieces = list(MemoizedAnalysis(A).pieces(text))
    assert all(piece == text[s:e] for s, e, piece in pieces)
