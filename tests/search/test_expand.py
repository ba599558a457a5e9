from analyzers import analyze_query
from search.config import SearchSettings
from search.expand import expand
from search.glossary import Glossary, parse_lines

S = SearchSettings()


def glossary(*lines):
    return Glossary(parse_lines(list(lines), "t.tsv", analyze_query)[0])


def test_both_directions():
    g = [(glossary("ceasefire\tآتش‌بس\tterm"), 0.8)]
    en = expand(analyze_query("ceasefire"), "ceasefire", g, S)[0]
    fa = expand(analyze_query("آتش‌بس"), "آتش‌بس", g, S)[0]
    assert en.translations[0].lang == "fa" and fa.translations[0].display == "ceasefire"


def test_many_to_many_lines_all_fire():
    g = [(glossary("power\tنیرو\tterm", "power\tقدرت\tterm"), 0.8)]
    concept = expand(analyze_query("power"), "power", g, S)[0]
    assert {a.display for a in concept.translations} == {"نیرو", "قدرت"}


def test_variants_of_the_query_language_when_enabled():
    g = [(glossary("United States | US\tآمریکا\tname"), 0.8)]
    settings = S.with_(variant_weight=0.5)
    concept = expand(analyze_query("United States"), "United States", g, settings)[0]
    assert [a.display for a in concept.variants] == ["US"]
    assert concept.variants[0].weight == 0.5


def test_no_variants_of_the_query_language_by_default():
    g = [(glossary("United States | US\tآمریکا\tname"), 0.8)]
    concept = expand(analyze_query("United States"), "United States", g, S)[0]
    assert concept.variants == ()
    assert [a.display for a in concept.translations] == ["آمریکا"]


def test_second_tier_only_where_first_is_silent():
    first = (glossary("energy\tانرژی\tterm"), 0.8)
    second = (glossary("energy\tقدرت\tterm", "famine\tقحطی\tterm"), 0.4)
    concepts = expand(analyze_query("energy famine"), "energy famine", [first, second], S)
    assert [(a.display, a.weight) for c in concepts for a in c.translations] == [
        ("انرژی", 0.8), ("قحطی", 0.4)]


def test_transliteration_for_unknown_words():
    concepts = expand(analyze_query("Tajrish"), "Tajrish", [], S,
                      lambda word, lang: [("تجریش", 0.5)])
    alt = concepts[0].alternatives[0]
    assert alt.origin == "transliteration" and alt.weight == S.translit_weight * 0.5


def test_lower_case_english_words_are_not_transliterated():
    def translit(word, lang):
        return [("قوت", 0.9)]
    concepts = expand(analyze_query("quit smoking"), "quit smoking", [], S, translit)
    assert all(c.alternatives == () for c in concepts)


def test_persian_words_are_transliterated_without_capitals():
    concepts = expand(analyze_query("تجریش"), "تجریش", [], S, lambda word, lang: [("tajrish", 0.5)])
    assert concepts[0].alternatives[0].display == "tajrish"
