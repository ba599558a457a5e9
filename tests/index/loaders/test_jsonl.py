import dataclasses

from index.config import Config
from index.document import Document
from index.loaders.jsonl import load_jsonl
from index.loaders.walk import discover
from index.report import BAD_FIELD, BAD_JSON, BAD_UTF8, BINARY, EMPTY, MISSING_ID, Problem


def _load(path, config=None):
    config = config or Config()
    [source] = discover([path], config)
    return list(load_jsonl(source, config))


def _write(tmp_path, *lines, raw=None):
    path = tmp_path / "news.jsonl"
    path.write_bytes(raw if raw is not None else ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def test_canonical_record(tmp_path):
    path = _write(tmp_path, '{"id": "a", "title": "T", "body": "B", "lang": "en", "date": "2024-03-25",'
                  ' "source": "wire", "url": "http://x", "tags": ["t1"]}')
    [doc] = _load(path)
    assert (doc.id, doc.title, doc.body, doc.lang, doc.source, doc.url, doc.tags) == \
        ("a", "T", "B", "en", "wire", "http://x", ("t1",))
    assert doc.date.isoformat() == "2024-03-25"
    assert (doc.origin, doc.line) == (str(path.resolve()), 1)


def test_numeric_id_becomes_a_string(tmp_path):
    [doc] = _load(_write(tmp_path, '{"id": 471, "body": "b"}'))
    assert doc.id == "471"


def test_summary_is_the_lead(tmp_path):
    [doc] = _load(_write(tmp_path, '{"id": "a", "summary": "S", "body": "b"}'))
    assert doc.lead == "S"


def test_missing_lang_is_detected(tmp_path):
    [doc] = _load(_write(tmp_path, '{"id": "a", "title": "غزه", "body": "آتش بس"}'))
    assert doc.lang == "fa"


def test_missing_source_is_the_file_stem(tmp_path):
    [doc] = _load(_write(tmp_path, '{"id": "a", "body": "b"}'))
    assert doc.source == "news"


def test_extra_keys_dropped_by_default(tmp_path):
    [doc] = _load(_write(tmp_path, '{"id": "a", "body": "b", "desk": "world"}'))
    assert dict(doc.extra) == {}


def test_extra_keys_kept_when_configured(tmp_path):
    config = dataclasses.replace(Config(), store_extra=True)
    [doc] = _load(_write(tmp_path, '{"id": "a", "body": "b", "desk": "world"}'), config)
    assert dict(doc.extra) == {"desk": "world"}


def test_malformed_line_is_reported_and_the_rest_loaded(tmp_path):
    items = _load(_write(tmp_path, '{"id": "a", "body": "b"}', '{"id": "b", "body": ', '{"id": "c", "body": "d"}'))
    assert [type(i) for i in items] == [Document, Problem, Document]
    assert (items[1].kind, items[1].line) == (BAD_JSON, 2)


def test_invalid_utf8_is_reported_with_its_line(tmp_path):
    raw = b'{"id": "a", "body": "b"}\n{"id": "b", "body": "\xff"}\n'
    [good, bad] = _load(_write(tmp_path, raw=raw))
    assert good.id == "a"
    assert (bad.kind, bad.line) == (BAD_UTF8, 2)


def test_missing_id_is_reported(tmp_path):
    [problem] = _load(_write(tmp_path, '{"title": "no id", "body": "b"}'))
    assert (problem.kind, problem.line) == (MISSING_ID, 1)


def test_empty_document_is_reported(tmp_path):
    [problem] = _load(_write(tmp_path, '{"id": "a", "title": " ", "body": ""}'))
    assert problem.kind == EMPTY


def test_non_object_line_is_malformed(tmp_path):
    [problem] = _load(_write(tmp_path, '["a", "b"]'))
    assert problem.kind == BAD_JSON


def test_bad_date_is_a_bad_field(tmp_path):
    [problem] = _load(_write(tmp_path, '{"id": "a", "body": "b", "date": "25/03/2024"}'))
    assert problem.kind == BAD_FIELD and "YYYY-MM-DD" in problem.message


def test_unknown_lang_is_a_bad_field(tmp_path):
    [problem] = _load(_write(tmp_path, '{"id": "a", "body": "b", "lang": "de"}'))
    assert problem.kind == BAD_FIELD


def test_binary_file_is_one_problem(tmp_path):
    [problem] = _load(_write(tmp_path, raw=b"\x00\x01\x02garbage\n" * 10))
    assert (problem.kind, problem.line) == (BINARY, None)


def test_blank_lines_are_skipped(tmp_path):
    items = _load(_write(tmp_path, "", '{"id": "a", "body": "b"}', "   "))
    assert [i.id for i in items] == ["a"]
