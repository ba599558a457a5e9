import bisect

from search.translit import closeness, latin_to_persian, persian_to_latin


class Vocabulary:
    def __init__(self, terms):
        self.terms = sorted(terms)

    def has_prefix(self, prefix):
        i = bisect.bisect_left(self.terms, prefix)
        return i < len(self.terms) and self.terms[i].startswith(prefix)

    def has_term(self, term):
        i = bisect.bisect_left(self.terms, term)
        return i < len(self.terms) and self.terms[i] == term


def test_latin_name_to_persian():
    vocab = Vocabulary(["تجریش", "تجربه", "ترش"])
    assert [c.term for c in latin_to_persian("Tajrish", vocab)][0] == "تجریش"


def test_only_index_terms_are_returned():
    assert latin_to_persian("Tajrish", Vocabulary(["تهران"])) == []


def test_persian_name_to_latin():
    vocab = Vocabulary(["tehran", "tehranian", "theran"])
    assert persian_to_latin("تهران", vocab)[0].term == "tehran"


def test_doubled_consonants():
    assert latin_to_persian("Hassan", Vocabulary(["حسن"]))[0].term == "حسن"


def test_closer_spellings_weigh_more():
    assert closeness(0.2) > closeness(1.0) > 0
