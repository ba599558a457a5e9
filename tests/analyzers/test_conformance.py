"""Conformance with reference test data in ../shared/eval/vectors (skipped, saying why, without it).

* Lucene's Persian/Arabic normalization vectors: where Lucene maps two spellings to one term, we must
  too. Lucene folds to Arabic letters and we fold to Persian ones, so equivalence is compared, not
  strings: every input and its expected output form one class, and a class must analyze to one term.
* The Snowball English (Porter2) reference vocabulary: at least 99.9% of words stem as Snowball does.
"""

import csv
import json
from collections import defaultdict

from analyzers.filters import EnglishStemFilter
from analyzers.normalize import normalize_persian
from analyzers.tokenizers import BilingualTokenizer

NORMALIZATION_TESTS = ("TestPersianNormalizationFilter", "TestArabicNormalizationFilter",
                       "TestPersianAnalyzer.testDigits")


def _lucene_vectors(eval_data):
    with open(eval_data / "vectors" / "lucene_vectors.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r for r in rows if any(name in r["source_test"] for name in NORMALIZATION_TESTS)]


def test_lucene_normalization_classes_meet(eval_data):
    classes = defaultdict(set)
    for row in _lucene_vectors(eval_data):
        (expected,) = json.loads(row["expected_tokens"])
        if expected:  # TestEmptyTerm
            classes[expected].update({row["input"], expected})
    assert len(classes) >= 15
    for expected, spellings in classes.items():
        ours = {normalize_persian(s) for s in spellings}
        assert len(ours) == 1, (expected, spellings, ours)


def test_lucene_normalization_vectors_tokenize_to_one_word(eval_data):
    for row in _lucene_vectors(eval_data):
        tokens = [t.text for t in BilingualTokenizer()(row["input"])]
        assert len(tokens) == (1 if row["input"] else 0), (row["source_test"], row["input"], tokens)


def test_snowball_english_vocabulary(eval_data):
    path = eval_data / "vectors" / "snowball_english_voc_output.tsv"
    with path.open(encoding="utf-8") as f:
        pairs = [line.rstrip("\n").split("\t") for line in f if "\t" in line]
    stemmer = EnglishStemFilter()
    list(stemmer(iter([])))  # build the stemmer
    stem = stemmer._stemmer.stemWord
    agree = sum(stem(word) == expected for word, expected in pairs)
    assert len(pairs) > 29000
    assert agree / len(pairs) >= 0.999, f"{agree}/{len(pairs)}"
