"""Helpers shared by the index tests: small corpora written to tmp_path and a ranked search."""

import json
import random

import pytest
from whoosh import index as whoosh_index

from index import Config, IndexStore, boosted_query, weighting
from index.schema import build_schema


def _write_jsonl(path, records):
    """Write ``records`` (dicts, or raw strings for bad lines) as JSON Lines; return ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as stream:
        for record in records:
            line = record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)
            stream.write(line + "\n")
    return path


def news(doc_id, title, body, **more):
    return {"id": doc_id, "title": title, "body": body, **more}


CORPUS = [
    news("gaza-en", "Security Council demands Gaza ceasefire", "The vote passed with one abstention.",
         lang="en", date="2024-03-25", source="wire", tags=["Gaza", "UN"]),
    news("gaza-fa", "شوراي امنيت خواستار آتش‌بس در غزه شد", "قطعنامه با يك راي ممتنع تصويب شد.",
         lang="fa", date="2024-03-25", source="wire"),
    news("energy-en", "Iran and Turkey talk about gas", "Ministers met in Ankara about the pipeline.",
         source="wire"),
    news("energy-fa", "همكاري انرژي ايران و تركيه", "وزيران درباره خط لوله گاز گفتگو كردند.",
         source="briefing"),
]


@pytest.fixture
def corpus(tmp_path):
    """A directory with one JSON Lines file of four documents, two per language."""
    _write_jsonl(tmp_path / "src" / "news.jsonl", CORPUS)
    return tmp_path / "src"


@pytest.fixture
def store(tmp_path):
    return IndexStore(tmp_path / "ix")


def _search_ids(store, text, config=None, group="or"):
    """Ids of the live index's hits for ``text``, best first, boosted as the search layer does."""
    config = config or Config()
    ix = store.open()
    with ix.searcher(weighting=weighting(config)) as searcher:
        query = boosted_query(text, ix.schema, config, group=group)
        return [hit["id"] for hit in searcher.search(query, limit=None)]


@pytest.fixture
def write_jsonl():
    """``write_jsonl(path, records)``: records are dicts, or raw strings for bad lines."""
    return _write_jsonl


@pytest.fixture
def search_ids():
    """``search_ids(store, text, config=None, group="or")``: ranked ids from the live index."""
    return _search_ids


#: The vocabulary of :func:`random_segments`: a few words of each script, so that each is common.
WORDS = ["gaza", "ceasefire", "talks", "energy", "oil", "غزه", "آتش‌بس", "انرژی", "نفت", "رای"]


def random_segments(path, seed, segments, per_segment, tags=False, deletions=()):
    """A Whoosh index of random documents of :data:`WORDS` at ``path``: ``segments`` segments of
    ``per_segment`` documents (ids ``d0``, ``d1``...), some with tags, then ``deletions`` (document
    numbers) deleted in a segment of their own."""
    rng = random.Random(seed)
    ix = whoosh_index.create_in(str(path), build_schema())

    def words(k):
        return " ".join(rng.choice(WORDS) for _ in range(k))

    n = 0
    for _ in range(segments):
        w = ix.writer()
        for _ in range(per_segment):
            fields = {"title": words(rng.randint(0, 3)), "body": words(rng.randint(1, 30))}
            if tags:
                fields["tags"] = words(rng.randint(0, 1))
            w.add_document(id=f"d{n}", **fields)
            n += 1
        w.commit(merge=False)
    if deletions:
        w = ix.writer()
        for d in deletions:
            w.delete_by_term("id", f"d{d}")
        w.commit(merge=False)
    return ix
