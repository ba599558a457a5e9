from whoosh.query import Term

from index import Config, across_fields, boosted_query, rebuild, weighting
from index.boosts import field_boosts
from index.config import load_config
from index.schema import build_schema

# The same words, once in a title and once in a body of the same length.
DOCS = [
    {"id": "in-title", "title": "Tabriz pipeline", "body": "ministers met in Ankara on Monday"},
    {"id": "in-body", "title": "ministers met in Ankara", "body": "Tabriz pipeline on Monday"},
]


def _rank(store, text, config):
    ix = store.open()
    with ix.searcher(weighting=weighting(config)) as searcher:
        return [h["id"] for h in searcher.search(boosted_query(text, ix.schema, config), limit=None)]


def test_title_match_outranks_the_same_words_in_the_body(store, tmp_path, write_jsonl):
    rebuild(store, [write_jsonl(tmp_path / "d.jsonl", DOCS)], Config())
    assert _rank(store, "tabriz pipeline", Config()) == ["in-title", "in-body"]


def test_changing_a_boost_in_the_toml_config_changes_the_ranking(store, tmp_path, write_jsonl):
    rebuild(store, [write_jsonl(tmp_path / "d.jsonl", DOCS)], Config())
    toml = tmp_path / "dozaban.toml"
    toml.write_text("[boosts]\ntitle = 0.5\nbody = 4.0\n", encoding="utf-8")
    assert _rank(store, "tabriz pipeline", load_config(toml)) == ["in-body", "in-title"]


def test_boosts_are_on_the_query_terms():
    config = Config().with_boosts(title=5.0, body=2.0)
    query = boosted_query("pipeline", build_schema(), config)
    boosts = {t.fieldname: t.boost for t in query.leaves()}
    assert boosts["title"] == 5.0 and boosts["body"] == 2.0


def test_zero_boost_leaves_a_field_out():
    assert "tags" not in field_boosts(Config().with_boosts(tags=0), build_schema())


def test_and_group_needs_every_word():
    query = boosted_query("tabriz pipeline", build_schema(), Config(), group="and")
    assert type(query).__name__ == "And"


def test_across_fields_boosts_each_field_once():
    config = Config()
    query = across_fields(lambda f: Term(f, "gaz", boost=2.0), build_schema(), config)
    assert {t.fieldname: t.boost for t in query.leaves()} == \
        {f: 2.0 * b for f, b in field_boosts(config, build_schema()).items()}


def test_weighting_uses_the_configured_bm25f_parameters():
    model = weighting(load_config_values(k1=1.6, b=0.5))
    assert (model.K1, model.B) == (1.6, 0.5)


def load_config_values(**scoring):
    from index.config import config_from_mapping
    return config_from_mapping({"scoring": scoring})
