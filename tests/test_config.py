"""Configuration: one settings table, TOML file, environment and --set, each checked."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dateline.config import SETTINGS, Config, load_config, parse_set_options
from dateline.errors import ConfigError


def test_defaults_cover_every_setting() -> None:
    config = Config()
    assert {s.name for s in SETTINGS} == set(config.values)
    assert config["read.date_policy"] == "keep"


def test_shown_config_is_valid_toml_with_every_setting() -> None:
    table = tomllib.loads(Config().to_toml())
    flat = {f"{section}.{key}" for section, keys in table.items() for key in keys}
    assert flat == {s.name for s in SETTINGS}


def test_file_then_env_then_set_then_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "dateline.toml"
    file.write_text('[ingest]\nbatch_size = 10\n[store]\npath = "from-file.duckdb"\n')
    assert load_config(file)["ingest.batch_size"] == 10
    monkeypatch.setenv("DATELINE_DB", "from-env.duckdb")
    assert load_config(file)["store.path"] == "from-env.duckdb"
    config = load_config(file, {"ingest.batch_size": "25"}, db="from-option.duckdb")
    assert (config["ingest.batch_size"], config["store.path"]) == (25, "from-option.duckdb")


@pytest.mark.parametrize("overrides, message", [
    ({"nope.setting": "1"}, "unknown setting"),
    ({"ingest.batch_size": "many"}, "must be int"),
    ({"read.date_policy": "maybe"}, "must be one of keep, reject"),
])
def test_bad_overrides_are_config_errors(overrides: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config().with_overrides(overrides)


def test_malformed_set_option_and_toml(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="expected KEY=VALUE"):
        parse_set_options(["batch_size"])
    bad = tmp_path / "bad.toml"
    bad.write_text("[ingest\nbatch_size = ")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "missing.toml")


def test_unsafe_size_values_never_reach_sql(tmp_path: Path) -> None:
    from dateline.store import open_store

    config = Config().with_overrides({"store.memory_limit": "1GB'; DROP TABLE articles; --"})
    with pytest.raises(ConfigError, match="is not a size"):
        open_store(tmp_path / "x.duckdb", config=config)
