import pytest
from whoosh import index as whoosh_index

from index.check import check_generation
from index.document import Document
from index.errors import RebuildError
from index.postings import EXTENSION, write_flat_postings
from index.schema import build_schema


def _index(path, *docs):
    ix = whoosh_index.create_in(str(path), build_schema())
    with ix.writer() as writer:
        for doc in docs:
            writer.add_document(**doc.fields())
    write_flat_postings(path)
    return path


def test_good_generation_passes(tmp_path):
    check_generation(_index(tmp_path, Document(id="a", title="آتش‌بس غزه")), 1)


def test_wrong_document_count_fails(tmp_path):
    with pytest.raises(RebuildError, match="has 1 documents, expected 2"):
        check_generation(_index(tmp_path, Document(id="a", body="alpha")), 2)


def test_index_without_searchable_words_fails(tmp_path):
    with pytest.raises(RebuildError, match="smoke query impossible"):
        check_generation(_index(tmp_path, Document(id="a", body="!!! ...")), 1)


def _two_documents(path):
    return _index(path, Document(id="a", body="gaza ceasefire talks"),
                  Document(id="b", body="gaza ceasefire vote"))


def test_missing_flat_postings_fail(tmp_path):
    path = _two_documents(tmp_path)
    for flat in path.glob("*" + EXTENSION):
        flat.unlink()
    with pytest.raises(RebuildError, match="flat postings .* missing"):
        check_generation(path, 2)


def test_flat_postings_that_differ_from_whooshs_fail(tmp_path, monkeypatch):
    from index.postings import FlatPostings

    path = _two_documents(tmp_path)
    real = FlatPostings.get

    def shifted(self, offset):
        ids, weights = real(self, offset)
        return [d + 1 for d in ids], weights  # a writer bug would look like this
    monkeypatch.setattr(FlatPostings, "get", shifted)
    with pytest.raises(RebuildError, match="differ from Whoosh's"):
        check_generation(path, 2)
