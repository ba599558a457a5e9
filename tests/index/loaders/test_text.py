from index.config import Config
from index.loaders.text import load_text, split_news
from index.loaders.walk import discover
from index.report import BAD_FIELD, BAD_UTF8, BINARY, EMPTY


def _load(root, rel, data):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    [source] = [s for s in discover([root], Config()) if s.rel == rel]
    return list(load_text(source, Config()))


def test_news_dump_shape():
    assert split_news("date 2024-03-26\n## Title here\n\nBody\nmore") == ("2024-03-26", "Title here", "Body\nmore")


def test_date_and_heading_are_optional():
    assert split_news("just a body\nline two") == (None, "", "just a body\nline two")


def test_heading_after_blank_lines_is_the_title():
    assert split_news("\n\n# Title\nbody")[1] == "Title"


def test_id_is_the_path_below_the_source(tmp_path):
    [doc] = _load(tmp_path / "dump", "fa/gaza.md", "date 2024-03-26\n## واکنش ها\nمتن خبر")
    assert doc.id == "fa/gaza.md"
    assert (doc.title, doc.body, doc.date.isoformat(), doc.lang, doc.source) == \
        ("واکنش ها", "متن خبر", "2024-03-26", "fa", "dump")


def test_bom_is_ignored(tmp_path):
    [doc] = _load(tmp_path, "a.txt", "\ufeffdate 2024-01-02\nbody")
    assert doc.date.isoformat() == "2024-01-02"


def test_invalid_utf8_names_the_line(tmp_path):
    [problem] = _load(tmp_path, "a.txt", b"line one\nline two\nbad \xc3\x28 here\n")
    assert (problem.kind, problem.line) == (BAD_UTF8, 3)


def test_binary_file_is_reported(tmp_path):
    [problem] = _load(tmp_path, "a.txt", b"PK\x03\x04\x00\x00binary")
    assert problem.kind == BINARY


def test_empty_file_is_reported(tmp_path):
    [problem] = _load(tmp_path, "a.md", "date 2024-01-02\n\n")
    assert problem.kind == EMPTY


def test_bad_date_line_is_reported(tmp_path):
    [problem] = _load(tmp_path, "a.md", "date 2024-13-40\nbody")
    assert (problem.kind, problem.line) == (BAD_FIELD, 1)


FRONT = """---
title: "Gaza: the ceasefire vote"
date: 2024-03-25T10:00:00Z
tags: [Gaza, United Nations]
author:
  name: nested keys are skipped
url: https://example.org/a
---
## A heading the front matter title overrides
The body.
"""


def test_front_matter_gives_title_date_tags_and_url(tmp_path):
    [doc] = _load(tmp_path, "a.md", FRONT)
    assert (doc.title, doc.date.isoformat(), doc.tags, doc.url, doc.body) == \
        ("Gaza: the ceasefire vote", "2024-03-25", ("Gaza", "United Nations"),
         "https://example.org/a", "The body.")


def test_front_matter_tags_as_items_and_a_heading_title(tmp_path):
    text = "---\ntags:\n  - غزه\n  - آتش‌بس\nlang: fa\n---\n# عنوان\nمتن"
    [doc] = _load(tmp_path, "a.md", text)
    assert (doc.tags, doc.lang, doc.title, doc.body) == (("غزه", "آتش‌بس"), "fa", "عنوان", "متن")


def test_bad_front_matter_date_names_its_line(tmp_path):
    [problem] = _load(tmp_path, "a.md", "---\ntitle: x\ndate: 2024-13-45\n---\nbody")
    assert (problem.kind, problem.line) == (BAD_FIELD, 3)


def test_bad_front_matter_lang_names_its_line(tmp_path):
    [problem] = _load(tmp_path, "a.md", "---\nlang: german\n---\nbody")
    assert (problem.kind, problem.line) == (BAD_FIELD, 2)


def test_an_opening_rule_without_a_closing_one_is_text(tmp_path):
    [doc] = _load(tmp_path, "a.md", "---\ntitle: not front matter\nbody")
    assert doc.title == "" and doc.body.startswith("---\ntitle: not front matter")


def test_a_date_line_after_front_matter_names_its_line(tmp_path):
    [problem] = _load(tmp_path, "a.md", "---\ntitle: x\n---\ndate 2024-99-01\nbody")
    assert (problem.kind, problem.line) == (BAD_FIELD, 4)
