import pytest
from whoosh import index as whoosh_index

from index.check import check_generation
from index.document import Document
from index.errors import RebuildError
from index.schema import build_schema


def _index(path, *docs):
    ix = whoosh_index.create_in(str(path), build_schema())
    with ix.writer() as writer:
        for doc in docs:
            writer.add_document(**doc.fields())
    return path


def test_good_generation_passes(tmp_path):
    check_generation(_index(tmp_path, Document(id="a", title="آتش‌بس غزه")), 1)


def test_wrong_document_count_fails(tmp_path):
    with pytest.raises(RebuildError, match="has 1 documents, expected 2"):
        check_generation(_index(tmp_path, Document(id="a", body="alpha")), 2)


def test_index_without_searchable_words_fails(tmp_path):
    with pytest.raises(RebuildError, match="smoke query impossible"):
        check_generation(_index(tmp_path, Document(id="a", body="!!! ...")), 1)
