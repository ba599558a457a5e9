"""index/impacts.py: each word's saturated BM25F frequency per document, per generation."""

from index import impacts as impacts_module
from index.boosts import field_boosts, weighting
from index.build import rebuild
from index.config import Config
from index.impacts import Impacts, parameters, write_impacts
from index.postings import length_norms, write_flat_postings
from index.store import IndexStore
from index.update import update
from tests.index.conftest import random_segments


def _index(path, segments=2, per_segment=40):
    ix = random_segments(path, 4, segments, per_segment, tags=True)
    write_flat_postings(path)
    return ix


def _expected(top, reader, text, config):
    """``{docnum: t / (t + k1)}`` of ``text`` in one segment, from its fields' postings."""
    params = parameters(top, field_boosts(config, top.schema))
    tf = {}
    for field, boost in params["fields"].items():
        if (field, text) not in reader:
            continue
        norms = length_norms(reader, field, params["b"][field], params["avgfl"][field])
        postings = reader.postings(field, text)
        while postings.is_active():
            d = postings.id()
            tf[d] = tf.get(d, 0) + boost * postings.weight() / norms[d]
            postings.next()
    return {d: t / (t + params["k1"]) for d, t in tf.items()}


def test_every_word_of_every_segment_has_its_impacts(tmp_path):
    ix = _index(tmp_path)
    config = Config()
    assert write_impacts(tmp_path, config) == 2
    with ix.searcher(weighting=weighting(config)) as top:
        for leaf, _ in top.leaf_searchers():
            reader = leaf.reader()
            stored = Impacts.open(tmp_path, reader.segment())
            assert stored.params == parameters(top, field_boosts(config, top.schema))
            fields = list(stored.params["fields"])
            words = {t for f in ("title", "body", "tags") for t, _ in reader.iter_field(f)}
            for text in words:
                dfs, ids, values = stored.get(text)
                want = _expected(top, reader, text, config)
                assert list(ids) == sorted(want)
                assert all(abs(v - want[d]) <= 1e-12 for d, v in zip(ids, values)), text
                assert dfs == tuple(reader.doc_frequency(f, text) for f in fields)
            assert stored.get("absent".encode()) is None


def test_a_word_that_shares_a_key_with_a_stored_one_is_not_taken_for_it(tmp_path, monkeypatch):
    ix = _index(tmp_path, segments=1)
    keys = {"gaza".encode(): 1, "absent".encode(): 1}
    monkeypatch.setattr(impacts_module, "word_key", lambda text: keys.get(text, hash(text)))
    write_impacts(tmp_path, Config())
    with ix.reader() as reader:
        stored = Impacts.open(tmp_path, reader.segment())
        assert stored.get("gaza".encode()) is not None
        assert stored.get("absent".encode()) is None


def test_a_segment_where_two_words_share_a_key_gets_no_file(tmp_path, monkeypatch):
    ix = _index(tmp_path, segments=1)
    write_impacts(tmp_path, Config())
    monkeypatch.setattr(impacts_module, "word_key", lambda text: 7)
    assert write_impacts(tmp_path, Config()) == 0
    with ix.reader() as reader:
        assert Impacts.open(tmp_path, reader.segment()) is None  # the earlier one is gone too


def test_a_missing_or_foreign_file_is_ignored(tmp_path):
    ix = _index(tmp_path, segments=1)
    with ix.reader() as reader:
        assert Impacts.open(tmp_path, reader.segment()) is None
        write_impacts(tmp_path, Config())
        path = impacts_module.impacts_path(tmp_path, reader.segment())
        path.write_bytes(b"not impacts at all")
        assert Impacts.open(tmp_path, reader.segment()) is None


def test_an_update_writes_the_new_generation_its_own_and_leaves_the_live_ones(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": "a", "title": "Gaza", "body": "ceasefire talks"}\n', encoding="utf-8")
    store = IndexStore(tmp_path / "ix")
    rebuild(store, [docs], Config())
    first = store.current()
    before = {p.name: p.read_bytes() for p in first.path.iterdir() if p.suffix == ".imp"}
    assert before
    more = tmp_path / "more.jsonl"
    more.write_text('{"id": "b", "title": "Energy prices rise again", "body": "oil prices and '
                    'the price of gas rose for the third week"}\n', encoding="utf-8")
    update(store, [more], Config())
    assert {p.name: p.read_bytes() for p in first.path.iterdir() if p.suffix == ".imp"} == before
    ix = store.open()
    with ix.searcher(weighting=weighting(Config())) as top:
        for leaf, _ in top.leaf_searchers():
            stored = Impacts.open(store.current().path, leaf.reader().segment())
            # Written with the new generation's average lengths, which the new story changed.
            assert stored.params == parameters(top, field_boosts(Config(), top.schema))
