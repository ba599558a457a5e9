from whoosh import query as wq

from analyzers import analyze_query
from index.scoring import BM25FTerm, RareFirstOr
from search.build import Compiler
from search.config import SearchSettings
from search.glossary import Glossary, parse_lines
from search.query import parse

S = SearchSettings()
BOOSTS = {"title": 3.0, "body": 1.0}


def compile(text, mode="any", lines=()):
    g = Glossary(parse_lines(list(lines), "t.tsv", analyze_query)[0])
    return Compiler(BOOSTS, S, analyze_query, mode, lambda: [(g, 0.8)]).compile(parse(text))


def leaves(q):
    return [t for t in q.leaves() if isinstance(t, BM25FTerm)]


def test_field_boosts_applied_at_leaves():
    (leaf,) = leaves(compile("gaza").query)
    assert leaf.fields == BOOSTS and leaf.boost == 1.0


def test_a_prefix_is_folded_like_the_indexed_words():
    assert str(compile("Café*").query) == str(compile("cafe*").query) == "(title:cafe* OR body:cafe*)"
    assert str(compile("آتش\u200cبس*").query) == str(compile("اتشبس*").query)


def test_translations_grouped_in_one_dismax():
    q = compile("power", lines=["power\tنیرو\tterm", "power\tقدرت\tterm"]).query
    assert isinstance(q, wq.Or) and isinstance(q.subqueries[1], wq.DisjunctionMax)
    assert len(q.subqueries[1].subqueries) == 2


def test_multi_word_translation_combines_its_words_like_the_mode():
    lines = ["book fair\tنمایشگاه کتاب\tterm"]
    any_q = compile("book fair", "any", lines).query
    all_q = compile("book fair", "all", lines).query
    assert "نمایشگاه@title|body OR کتاب@title|body" in str(any_q)
    assert "نمایشگاه@title|body AND کتاب@title|body" in str(all_q)


def test_a_multi_word_translations_common_words_count_only_beside_its_rare_ones():
    lines = ["book fair\tنمایشگاه کتاب\tterm"]
    (group,) = [q for q in _nodes(compile("book fair", "any", lines).query)
                if isinstance(q, RareFirstOr)]
    assert group.cutoff == S.common_word_share
    assert {t.text for t in group.subqueries} == {"نمایشگاه", "کتاب"}
    assert not [q for q in _nodes(compile("book fair", "all", lines).query)
                if isinstance(q, RareFirstOr)]


def test_a_translated_compounds_parts_written_apart_count_only_beside_the_rare_one():
    q = compile("ceasefire", lines=["ceasefire\tآتش‌بس\tterm"]).query
    (parts,) = [n for n in _nodes(q) if isinstance(n, RareFirstOr)]
    assert {t.text for t in parts.subqueries} == {"اتش", "بس"}


def test_the_users_own_words_are_never_rare_first():
    assert not [n for n in _nodes(compile("آتش‌بس gaza ceasefire talks").query)
                if isinstance(n, RareFirstOr)]


def _nodes(q):
    yield q
    for child in getattr(q, "subqueries", ()):
        yield from _nodes(child)


def test_translation_weight_below_original():
    q = compile("power", lines=["power\tقدرت\tterm"]).query
    boosts = {t.text: t.boost for t in leaves(q)}
    assert boosts["قدرت"] < boosts["power"]


def test_longer_translation_shares_the_weight_of_the_words_it_translates():
    q = compile("erdogan", lines=["erdogan\tرجب طیب اردوغان\tname", "erdogan\tاردوغان\tname"]).query
    # The one-word translation keeps the translation weight; in the three-word one, a third.
    assert {t.boost for t in leaves(q) if t.text == "اردوغان"} == {0.8, 0.8 / 3}
    long_one = [t.boost for t in leaves(q) if t.text in ("رجب", "طیب")]
    assert long_one and all(b == 0.8 / 3 for b in long_one)
    # As long as the words it translates: no share taken.
    q = compile("book fair", lines=["book fair\tنمایشگاه کتاب\tterm"]).query
    assert {t.boost for t in leaves(q) if t.text == "نمایشگاه"} == {0.8}


def test_a_translated_compounds_parts_share_its_weight():
    q = compile("ceasefire", lines=["ceasefire\tآتش‌بس\tterm"]).query
    boosts = {t.text: t.boost for t in leaves(q)}
    assert boosts["اتشبس"] == 0.8 and boosts["اتش"] == boosts["بس"] == 0.4


def test_the_users_own_compounds_parts_keep_their_weight():
    boosts = {t.text: t.boost for t in leaves(compile("آتش‌بس").query)}
    assert boosts["اتشبس"] == boosts["اتش"] == boosts["بس"] == 1.0


def test_all_mode_requires_every_concept():
    assert isinstance(compile("gaza famine", "all").query, wq.And)
    assert isinstance(compile("gaza famine", "any").query, wq.Or)


def test_top_level_filters_do_not_score():
    compiled = compile("gaza lang:fa")
    assert compiled.filter == wq.Term("lang", "fa")


def test_tag_filters_match_the_tag_key():
    assert compile("gaza tags:ايران").filter == wq.Term("tag", "ایران")
    assert compile("gaza tags:New-York").filter == wq.Term("tag", "newyork")


def test_tag_filters_of_a_version_1_index_are_only_lower_cased():
    compiler = Compiler(BOOSTS, S, analyze_query, "any", tag_keys=False)
    assert compiler.compile(parse("gaza tags:New-York")).filter == wq.Term("tag", "new-york")


def test_stopwords_only_compiles_to_nothing():
    assert compile("the of و").query is None


def test_quoted_phrase_requires_the_words_in_order():
    q = compile('"security council"').query
    assert not leaves(q)
    assert {(p.fieldname, tuple(p.words)) for p in q.leaves() if isinstance(p, wq.Phrase)} == {
        ("title", ("secur", "council")), ("body", ("secur", "council"))}


def test_quoted_phrase_searches_compounds_by_their_parts():
    # آتش بس (spaced) holds only the parts; they match every spelling of the compound.
    q = compile('"آتش‌بس غزه"').query
    phrases = {tuple(p.words) for p in q.leaves() if isinstance(p, wq.Phrase)}
    assert phrases == {("اتش", "بس", "غزه")}


def test_quoted_phrase_translations_are_phrases_too():
    q = compile('"security council"', lines=["Security Council\tشورای امنیت\tname"]).query
    phrases = {tuple(p.words) for p in q.leaves() if isinstance(p, wq.Phrase)}
    assert ("شورا", "امنیت") in phrases


def test_terms_are_grouped_by_their_concept():
    compiled = compile("Gaza ceasefire", lines=["Gaza\tغزه | نوار غزه\tname",
                                                 "ceasefire\tآتش‌بس\tterm"])
    groups = compiled.groups
    assert groups["gaza"] == groups["غزه"] == groups["نوار"]
    assert groups["ceasefir"] == groups["اتشبس"] != groups["gaza"]


def test_compilers_sharing_expansions_expand_each_run_once():
    # auto mode compiles a query for "all", then for "any": the glossary is consulted once.
    g = Glossary(parse_lines(["power\tنیرو\tterm"], "t.tsv", analyze_query)[0])
    consulted, expansions = [], {}

    def tiers():
        consulted.append(1)
        return [(g, 0.8)]

    queries = [Compiler(BOOSTS, S, analyze_query, mode, tiers, expansions=expansions)
               .compile(parse("power plant")).query for mode in ("all", "any")]
    assert len(consulted) == 1
    assert str(queries[0]) == str(compile("power plant", "all", ["power\tنیرو\tterm"]).query)
    assert str(queries[1]) == str(compile("power plant", "any", ["power\tنیرو\tterm"]).query)
