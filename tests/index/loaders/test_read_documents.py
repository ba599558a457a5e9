from index.config import Config
from index.document import Document
from index.loaders import discover, read_documents
from index.report import DUPLICATE_ID, Problem


def test_files_of_both_kinds_are_read_in_order(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "j1", "body": "b"}\n', encoding="utf-8")
    (tmp_path / "b.md").write_text("## T\nbody\n", encoding="utf-8")
    items = list(read_documents(discover([tmp_path], Config()), Config()))
    assert [i.id for i in items] == ["j1", "b.md"]


def test_second_record_with_an_id_is_a_duplicate_naming_the_first(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "x", "body": "one"}\n{"id": "x", "body": "two"}\n', encoding="utf-8")
    first, dup = read_documents(discover([path], Config()), Config())
    assert isinstance(first, Document) and first.body == "one"
    assert isinstance(dup, Problem)
    assert (dup.kind, dup.line) == (DUPLICATE_ID, 2)
    assert f"{path.resolve()}:1" in dup.message


def test_duplicates_are_found_across_files(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "x", "body": "one"}\n', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "x", "body": "two"}\n', encoding="utf-8")
    items = list(read_documents(discover([tmp_path], Config()), Config()))
    assert [type(i) for i in items] == [Document, Problem]
