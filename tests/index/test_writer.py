import multiprocessing

from index.config import Config
from index.document import Document
from index.report import BAD_JSON, Problem
from index.writer import MB, Progress, choose_procs, feed


class FakeWriter:
    def __init__(self):
        self.added, self.updated = [], []

    def add_document(self, **fields):
        self.added.append(fields["id"])

    def update_document(self, **fields):
        self.updated.append(fields["id"])


def test_small_input_is_indexed_in_one_process():
    assert choose_procs(Config(), 1 * MB) == 1


def test_large_input_goes_parallel_on_several_cores(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert choose_procs(Config(), 100 * MB) == 4


def test_two_cores_write_in_two_processes(monkeypatch):
    # Measured with bench/indexing.py on two cores: x1.98 faster than one process.
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert choose_procs(Config(), 100 * MB) == 2


def test_one_core_stays_in_one_process(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert choose_procs(Config(), 100 * MB) == 1


def test_configured_procs_win():
    import dataclasses
    assert choose_procs(dataclasses.replace(Config(), procs=3), 0) == 3


def test_other_start_methods_fall_back_to_one_process(monkeypatch):
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda allow_none=False: "spawn")
    assert choose_procs(Config(), 100 * MB, requested=4) == 1


def test_feed_adds_new_updates_changed_skips_unchanged():
    same = Document(id="same", body="x")
    writer = FakeWriter()
    items = [same, Document(id="new", body="y"), Document(id="changed", body="z"),
             Problem(BAD_JSON, "/f", 3, "bad")]
    tally = feed(items, {"same": same.content_hash(), "changed": "old-hash"}, lambda: writer,
                 Progress(None, 0))
    assert (writer.added, writer.updated, tally.unchanged) == (["new"], ["changed"], 1)
    assert tally.seen == {"same", "new", "changed"} and tally.problem_files == {"/f"}


def test_feed_opens_no_writer_when_nothing_changed():
    doc = Document(id="a", body="x")

    def no_writer():
        raise AssertionError("writer opened")

    assert feed([doc], {"a": doc.content_hash()}, no_writer, Progress(None, 0)).unchanged == 1


def _segment_files(store):
    return sorted(p.suffix for p in store.current().path.iterdir() if p.name.startswith("MAIN_"))


def test_segments_are_written_as_separate_files(store, corpus):
    from index import rebuild

    rebuild(store, [corpus], Config(), procs=1)
    files = _segment_files(store)
    assert ".seg" not in files and ".pst" in files and ".trm" in files


def test_parallel_segments_are_written_as_separate_files(store, corpus):
    from index import rebuild

    rebuild(store, [corpus], Config(), procs=2)
    assert ".seg" not in _segment_files(store)


def test_a_compound_generation_still_opens_and_takes_updates(store, corpus, tmp_path,
                                                             write_jsonl, search_ids, monkeypatch):
    import index.build
    from index import rebuild, update

    # Generations written before segments were split keep Whoosh's compound .seg files.
    monkeypatch.setattr(index.build, "open_writer", lambda ix, procs: ix.writer())
    rebuild(store, [corpus], Config())
    monkeypatch.undo()
    assert ".seg" in _segment_files(store) and ".pst" not in _segment_files(store)
    assert search_ids(store, "ceasefire") == ["gaza-en"]
    write_jsonl(tmp_path / "more" / "m.jsonl",
                [{"id": "new-en", "title": "Ceasefire talks resume", "body": "In Cairo."}])
    update(store, [tmp_path / "more"], Config())
    assert ".pst" in _segment_files(store)
    assert sorted(search_ids(store, "ceasefire")) == ["gaza-en", "new-en"]
