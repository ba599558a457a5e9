import pickle

from index.config import FULLTEXT_FIELDS
from index.schema import build_schema, text_analyzer


def test_every_fulltext_field_uses_the_bilingual_analyzer():
    schema = build_schema()
    for name in FULLTEXT_FIELDS:
        assert type(schema[name].analyzer) is type(text_analyzer())


def test_fulltext_fields_are_stored_for_snippets():
    schema = build_schema()
    assert all(schema[name].stored for name in FULLTEXT_FIELDS)


def test_id_is_unique():
    assert build_schema()["id"].unique


def test_no_boost_is_baked_into_the_schema():
    schema = build_schema()
    assert all(schema[name].format.field_boost == 1.0 for name in FULLTEXT_FIELDS)


def test_persian_spelling_variants_index_alike():
    analyzer = text_analyzer()
    assert [t.text for t in analyzer("كتاب")] == [t.text for t in analyzer("کتاب")]


def test_schema_pickles():
    schema = build_schema()
    assert pickle.loads(pickle.dumps(schema)).names() == schema.names()
