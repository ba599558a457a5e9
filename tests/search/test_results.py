import json

from search.results import Snippet


def test_snippet_render():
    assert Snippet("body", "a gaza b", ((2, 6),)).render("<", ">") == "a <gaza> b"


def test_results_as_json(engine):
    data = engine.search("Gaza ceasefire").as_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert data["hits"][0]["fields"]["id"] and "غزه" in text
