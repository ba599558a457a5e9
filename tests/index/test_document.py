import datetime

from index.document import Document


def test_hash_is_stable_and_ignores_line_and_size():
    a = Document(id="x", title="t", body="b", origin="/a.jsonl", line=3, size=10)
    b = Document(id="x", title="t", body="b", origin="/a.jsonl", line=9, size=99)
    assert a.content_hash() == b.content_hash()


def test_hash_changes_with_the_text():
    assert Document(id="x", body="a").content_hash() != Document(id="x", body="b").content_hash()


def test_hash_changes_with_the_origin():
    assert Document(id="x", body="a", origin="/1").content_hash() != \
        Document(id="x", body="a", origin="/2").content_hash()


def test_empty_means_no_title_lead_or_body():
    assert Document(id="x", title="  ", tags=("a",)).is_empty()
    assert not Document(id="x", lead="l").is_empty()


def test_fields_leave_out_empty_values_and_join_tags():
    fields = Document(id="x", title="t", tags=("Gaza", "UN, NY"), date=datetime.date(2024, 3, 25)).fields()
    assert "body" not in fields and "url" not in fields
    assert fields["tags"] == "Gaza; UN, NY"
    assert fields["tag"] == "gaza,unny"
    assert fields["date"] == datetime.datetime(2024, 3, 25)


def test_tag_field_holds_each_tag_key_once():
    fields = Document(id="x", title="t", tags=("ايران", "ایران", "Gaza", " - ")).fields()
    assert fields["tag"] == "ایران,gaza"
    assert fields["tags"] == "ايران; ایران; Gaza;  - "  # shown as written


def test_where_names_file_and_line():
    assert Document(id="x", origin="/a.jsonl", line=4).where() == "/a.jsonl:4"
    assert Document(id="x", origin="/a.md").where() == "/a.md"
