from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from overlap.config import ALL_KINDS, Settings, default_cache_path, load_settings, parse_kinds
from overlap.errors import ConfigError, OverlapError
from overlap.types import Kind


def toml(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "overlap.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("OVERLAP_CACHE", str(tmp_path / "c.sqlite"))
    s = load_settings()
    assert s == Settings()
    assert s.shingle_size == 3
    assert s.kinds == ALL_KINDS
    assert s.cache_path == tmp_path / "c.sqlite"
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.shingle_size = 4  # type: ignore[misc]


def test_toml_file(tmp_path):
    path = toml(
        tmp_path,
        """
shingle_size = 4
min_containment = 0.5
min_score = 1
kinds = ["verbatim", "Edited"]
encoding = "cp1252"
cache_path = "/tmp/somewhere/cache.sqlite"
""",
    )
    s = load_settings(path)
    assert s.shingle_size == 4
    assert s.min_containment == 0.5
    assert s.min_score == 1
    assert s.kinds == (Kind.VERBATIM, Kind.EDITED)
    assert s.encoding == "cp1252"
    assert s.cache_path == Path("/tmp/somewhere/cache.sqlite")
    assert s.max_shingle_frequency == Settings().max_shingle_frequency  # untouched: default


def test_overrides_win_over_the_file_and_none_is_not_an_override(tmp_path):
    path = toml(tmp_path, 'shingle_size = 4\nmin_score = 0.2\nkinds = "paraphrase"\n')
    s = load_settings(path, shingle_size=5, min_score=None, kinds="verbatim,repeat")
    assert s.shingle_size == 5
    assert s.min_score == 0.2
    assert s.kinds == (Kind.VERBATIM, Kind.REPEAT)


def test_unknown_key_in_file(tmp_path):
    path = toml(tmp_path, "shingle_size = 4\nshingle_sise = 5\n")
    with pytest.raises(ConfigError, match="unknown setting\\(s\\): shingle_sise") as info:
        load_settings(path)
    assert "shingle_size" in str(info.value)  # the known names are listed
    assert isinstance(info.value, OverlapError)


def test_table_is_an_unknown_key(tmp_path):
    with pytest.raises(ConfigError, match="unknown setting\\(s\\): overlap"):
        load_settings(toml(tmp_path, "[overlap]\nshingle_size = 4\n"))


def test_unknown_override():
    with pytest.raises(ConfigError, match="no_such_option"):
        load_settings(no_such_option=1)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "nope.toml")


def test_invalid_toml(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(toml(tmp_path, "shingle_size = = 4\n"))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("min_containment", 1.5),
        ("min_containment", -0.1),
        ("min_score", 2),
        ("min_score", "0.5"),
        ("min_score", True),
        ("edited_min_similarity", -1),
        ("shingle_size", 0),
        ("shingle_size", 2.5),
        ("shingle_size", "3"),
        ("shingle_size", True),
        ("max_shingle_frequency", -3),
        ("neighbours", 0),
        ("batch_size", 0),
        ("recurring_line_min_articles", 0),
    ],
)
def test_bad_ranges(key, value):
    with pytest.raises(ConfigError, match=key):
        load_settings(**{key: value})


def test_bad_range_in_file(tmp_path):
    with pytest.raises(ConfigError, match="min_containment must be a number between 0 and 1"):
        load_settings(toml(tmp_path, "min_containment = 3.0\n"))
    with pytest.raises(ConfigError, match="shingle_size must be a whole number"):
        load_settings(toml(tmp_path, "shingle_size = true\n"))


@pytest.mark.parametrize(
    ("key", "value"),
    [("min_containment", 0), ("min_containment", 1.0), ("min_score", 0.0), ("shingle_size", 1)],
)
def test_range_bounds_are_allowed(key, value):
    assert getattr(load_settings(**{key: value}), key) == value


def test_parse_kinds():
    assert parse_kinds("verbatim,edited") == (Kind.VERBATIM, Kind.EDITED)
    assert parse_kinds(" Paraphrase , VERBATIM ,, ") == (Kind.PARAPHRASE, Kind.VERBATIM)
    assert parse_kinds("repeat,repeat,edited,repeat") == (Kind.REPEAT, Kind.EDITED)
    assert parse_kinds(",".join(k.value for k in Kind)) == ALL_KINDS


@pytest.mark.parametrize("text", ["", " , ,", "verbatim,copy", "verbatims"])
def test_parse_kinds_errors(text):
    with pytest.raises(ConfigError) as info:
        parse_kinds(text)
    message = str(info.value)
    assert "choose from: verbatim, edited, paraphrase, repeat" in message


def test_parse_kinds_names_the_bad_one():
    with pytest.raises(ConfigError, match="unknown kind 'copy'"):
        parse_kinds("verbatim,copy")
    with pytest.raises(ConfigError, match="--kinds is empty"):
        parse_kinds(" ")


def test_bad_kinds_in_file(tmp_path):
    with pytest.raises(ConfigError, match="unknown kind 'copies'"):
        load_settings(toml(tmp_path, 'kinds = ["verbatim", "copies"]\n'))
    with pytest.raises(ConfigError, match="unknown kind '3'"):
        load_settings(toml(tmp_path, 'kinds = ["verbatim", 3]\n'))


def test_to_dict_is_json_ready(tmp_path):
    s = load_settings(cache_path=tmp_path / "c.sqlite", kinds="edited")
    d = s.to_dict()
    assert d["cache_path"] == str(tmp_path / "c.sqlite")
    assert d["kinds"] == ["edited"]
    assert d["shingle_size"] == 3
    assert set(d) == {f.name for f in dataclasses.fields(Settings)}
    assert json.loads(json.dumps(d)) == d


def test_no_cache():
    assert load_settings(cache_path=None).cache_path == Settings().cache_path  # None: not set
    assert Settings(cache_path=None).to_dict()["cache_path"] is None


def test_default_cache_path(monkeypatch, tmp_path):
    monkeypatch.delenv("OVERLAP_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_path() == tmp_path / "xdg" / "overlap" / "cache.sqlite"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_path() == Path.home() / ".cache" / "overlap" / "cache.sqlite"
    monkeypatch.setenv("OVERLAP_CACHE", str(tmp_path / "mine.sqlite"))
    assert default_cache_path() == tmp_path / "mine.sqlite"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("kinds = 5", "kinds must be a list of kind names or a comma-separated string, got 5"),
        ("cache_path = 5", "cache_path must be a file path (a quoted string), got 5"),
        ('cache_path = ""', "cache_path must be a file path"),
        ("encoding = 5", "encoding must be text (a quoted string), got 5"),
        ('encoding = "klingon"', "unknown encoding 'klingon'"),
        ('judge = "no"', "judge must be true or false, got 'no' (text)"),
        ('recursive = "yes"', "recursive must be true or false, got 'yes' (text)"),
        ("recursive = 1", "recursive must be true or false, got 1 (a whole number)"),
        ("paragraph_vectors = 3", "paragraph_vectors must be text"),
        ('min_score = "0.5"', "min_score must be a number, got '0.5' (text)"),
        ("shingle_size = 3.0", "shingle_size must be a whole number, got 3.0 (a number)"),
        ("nli_entail_min = [0.5]", "nli_entail_min must be a number, got [0.5] (a list)"),
        ("batch_size = {x = 1}", "batch_size must be a whole number"),
    ],
)
def test_every_setting_is_type_checked_at_load(tmp_path, body, message):
    path = toml(tmp_path, body + "\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value).startswith(f"{path}: ")  # where the bad value came from
    assert message in str(info.value)


def test_booleans_from_the_file_are_read_as_written(tmp_path):
    s = load_settings(toml(tmp_path, "judge = false\nrecursive = true\n"))
    assert s.judge is False and s.recursive is True


def test_override_errors_name_no_file():
    with pytest.raises(ConfigError, match="^judge must be true or false, got 'no' \\(text\\)$"):
        load_settings(judge="no")


def test_every_settings_field_has_a_type_check():
    from overlap.config import _FIELD_TYPES, _TYPES

    assert set(_FIELD_TYPES) == {f.name for f in dataclasses.fields(Settings)}
    assert set(_FIELD_TYPES.values()) <= set(_TYPES)


def test_non_utf8_config_file(tmp_path):
    path = tmp_path / "overlap.toml"
    path.write_bytes('encoding = "señal"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8 text \\(byte 14\\); TOML files must be"):
        load_settings(path)


def test_config_that_is_a_folder(tmp_path):
    with pytest.raises(ConfigError, match="is a folder; --config takes a TOML file"):
        load_settings(tmp_path)
