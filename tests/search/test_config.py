"""search/config.py: the settings refuse values they cannot mean."""

import pytest

from index.errors import ConfigError
from search.config import SearchSettings


@pytest.mark.parametrize("name", ["translation_weight", "lexicon_weight", "common_word_share"])
@pytest.mark.parametrize("value", [-0.1, 1.5, "0.5"])
def test_weights_and_shares_outside_zero_to_one_are_refused(name, value):
    with pytest.raises(ConfigError, match=name):
        SearchSettings(**{name: value})


@pytest.mark.parametrize("value", [0, 1])
def test_the_bounds_themselves_are_accepted(value):
    assert SearchSettings(common_word_share=value).common_word_share == value
