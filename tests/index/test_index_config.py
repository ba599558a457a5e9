from pathlib import Path

import pytest

from index.config import Config, config_from_mapping, default_index_dir, load_config
from index.errors import ConfigError


def test_defaults_put_title_above_body():
    config = Config()
    assert config.boosts["title"] > config.boosts["body"]
    assert (config.k1, config.b) == (1.2, 0.75)


def test_config_is_frozen():
    with pytest.raises(AttributeError):
        Config().k1 = 2.0
    with pytest.raises(TypeError):
        Config().boosts["title"] = 9.0


def test_toml_overrides_boosts_and_keeps_the_others(tmp_path):
    path = tmp_path / "dozaban.toml"
    path.write_text("[boosts]\ntitle = 7\n[scoring]\nk1 = 1.5\n", encoding="utf-8")
    config = load_config(path)
    assert config.boosts["title"] == 7.0
    assert config.boosts["body"] == Config().boosts["body"]
    assert config.k1 == 1.5


def test_environment_names_the_config_file(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[boosts]\nbody = 2.5\n", encoding="utf-8")
    assert load_config(environ={"DOZABAN_CONFIG": str(path)}).boosts["body"] == 2.5


def test_no_file_means_defaults():
    assert load_config(environ={}) == Config()


def test_unknown_boost_field_is_an_error():
    with pytest.raises(ConfigError, match="unknown boost field 'titel'"):
        config_from_mapping({"boosts": {"titel": 2.0}})


def test_negative_boost_is_an_error():
    with pytest.raises(ConfigError, match="boost of 'body'"):
        Config(boosts={"body": -1})


def test_b_outside_unit_interval_is_an_error():
    with pytest.raises(ConfigError, match="b must be a number between 0.0 and 1.0"):
        config_from_mapping({"scoring": {"b": 1.5}})


def test_unknown_key_names_the_file(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[loading]\ninclud = ['*.txt']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"c\.toml: unknown key 'includ' in \[loading\]"):
        load_config(path)


def test_invalid_toml_names_the_file(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[boosts\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"c\.toml: invalid TOML"):
        load_config(path)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(tmp_path / "absent.toml")


def test_with_boosts_changes_one_boost():
    assert Config().with_boosts(title=0.5).boosts["title"] == 0.5


def test_index_dir_from_dozaban_index():
    assert default_index_dir({"DOZABAN_INDEX": "/srv/ix", "XDG_DATA_HOME": "/x"}) == Path("/srv/ix")


def test_index_dir_from_xdg_data_home():
    assert default_index_dir({"XDG_DATA_HOME": "/x", "HOME": "/h"}) == Path("/x/dozaban/index")


def test_index_dir_under_home_by_default():
    assert default_index_dir({"HOME": "/h"}) == Path("/h/.local/share/dozaban/index")
