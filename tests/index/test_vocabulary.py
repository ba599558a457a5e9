"""index/vocabulary.py: the words of each segment's body and title, for prefix probes."""

import random

from index.build import rebuild
from index.config import Config
from index.store import IndexStore
from index.update import update
from index.vocabulary import FIELDS, Vocabulary, vocabulary_path, write_vocabularies
from tests.index.conftest import WORDS, random_segments


def _words(reader):
    return sorted({w for f in FIELDS for w in reader.lexicon(f)})


def _all(vocabulary):
    return list(vocabulary)


def test_a_segments_vocabulary_is_the_words_of_its_body_and_title(tmp_path):
    ix = random_segments(tmp_path, 5, 2, 30, tags=True)
    assert write_vocabularies(tmp_path) == 2
    with ix.reader() as top:
        for reader, _ in top.leaf_readers():
            assert _all(Vocabulary.open(tmp_path, reader.segment())) == _words(reader)


def test_prefix_and_word_probes_answer_as_whooshs_term_dictionary(tmp_path):
    ix = random_segments(tmp_path, 6, 1, 40)
    write_vocabularies(tmp_path)
    rng = random.Random(3)
    probes = {w[:k] for w in WORDS for k in range(len(w) + 1)}
    probes |= {w + "s" for w in WORDS} | {"".join(rng.sample("abgotzغزهنفت", 3)) for _ in range(300)}
    with ix.reader() as reader:
        vocabulary = Vocabulary.open(tmp_path, reader.segment())
        for probe in probes:
            key = probe.encode("utf-8")
            expected = any(next(reader.expand_prefix(f, probe), None) is not None for f in FIELDS)
            assert vocabulary.has_prefix(key) == expected, probe
            assert (key in vocabulary) == any((f, probe) in reader for f in FIELDS), probe


def test_the_words_starting_with_a_prefix_are_whooshs_expansion_of_it(tmp_path):
    ix = random_segments(tmp_path, 6, 1, 40)
    write_vocabularies(tmp_path)
    prefixes = {w[:k] for w in WORDS for k in range(1, len(w) + 1)} | {"q", "zz", "غ", "ی"}
    with ix.reader() as reader:
        vocabulary = Vocabulary.open(tmp_path, reader.segment())
        for prefix in prefixes:
            expected = sorted({w for f in FIELDS for w in reader.expand_prefix(f, prefix)})
            assert vocabulary.starting_with(prefix.encode("utf-8")) == expected, prefix


def test_an_empty_vocabulary_holds_no_prefix(tmp_path):
    from whoosh import index as whoosh_index

    from index.schema import build_schema

    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    with ix.writer() as w:
        w.add_document(id="a", lead="only a lead")
    write_vocabularies(tmp_path)
    with ix.reader() as reader:
        vocabulary = Vocabulary.open(tmp_path, reader.segment())
        assert len(vocabulary) == 0
        assert not vocabulary.has_prefix(b"") and not vocabulary.has_prefix(b"lead")


def test_a_segments_file_is_written_once(tmp_path):
    random_segments(tmp_path, 7, 2, 10)
    assert write_vocabularies(tmp_path) == 2
    assert write_vocabularies(tmp_path) == 0


def test_a_missing_damaged_or_foreign_file_is_not_opened(tmp_path):
    ix = random_segments(tmp_path, 8, 1, 10)
    with ix.reader() as reader:
        segment = reader.segment()
        assert Vocabulary.open(tmp_path, segment) is None
        write_vocabularies(tmp_path)
        path = vocabulary_path(tmp_path, segment)
        data = path.read_bytes()
        path.write_bytes(data[:-3])  # truncated
        assert Vocabulary.open(tmp_path, segment) is None
        path.write_bytes(b"not a vocabulary" + data[16:])
        assert Vocabulary.open(tmp_path, segment) is None


def test_rebuild_and_update_give_every_segment_its_vocabulary(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": "a", "title": "Tajrish", "body": "metro station"}\n', encoding="utf-8")
    store = IndexStore(tmp_path / "ix")
    rebuild(store, [docs], Config())
    more = tmp_path / "more.jsonl"
    more.write_text('{"id": "b", "title": "تجریش", "body": "ایستگاه مترو"}\n', encoding="utf-8")
    update(store, [more], Config())
    with store.open().reader() as top:
        leaves = [reader for reader, _ in top.leaf_readers()]
        assert len(leaves) == 2
        for reader in leaves:
            vocabulary = Vocabulary.open(store.current().path, reader.segment())
            assert _all(vocabulary) == _words(reader)
