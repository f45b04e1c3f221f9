"""The NLI weights file: int8 rows read back within one step, and damaged or foreign files
as model errors that name the file and say how to get good weights."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from overlap import nli, nli_weights
from overlap.errors import ModelError


def _fake_model_dir(tmp_path: Path) -> Path:
    labels = {"0": "entailment", "1": "neutral", "2": "contradiction"}
    (tmp_path / "config.json").write_text(json.dumps({"id2label": labels}), encoding="utf-8")
    return tmp_path


def test_truncated_weights_are_a_model_error_naming_the_file(tmp_path):
    pytest.importorskip("safetensors")
    folder = _fake_model_dir(tmp_path)
    (folder / nli.WEIGHTS_FILE).write_bytes(b'\x10\x00\x00\x00\x00\x00\x00\x00{"a"')
    with pytest.raises(ModelError) as err:
        nli_weights.load_state_dict(folder / nli.WEIGHTS_FILE, {})
    assert f"NLI weights {folder / nli.WEIGHTS_FILE} are damaged" in str(err.value)
    assert "reinstall overlap" in str(err.value)


def test_weights_round_trip_through_int8(tmp_path, monkeypatch):
    torch = pytest.importorskip("torch")
    from safetensors.torch import save_file

    generator = torch.Generator().manual_seed(0)
    state = {
        "bert.encoder.layer.0.output.dense.weight": torch.randn(16, 8, generator=generator),
        "bert.encoder.layer.0.output.dense.bias": torch.randn(16, generator=generator),
        "classifier.weight": torch.randn(3, 16, generator=generator),
        nli_weights.WORD_EMBEDDINGS: torch.randn(4, 8, generator=generator),
    }
    stored = nli_weights.quantize_state_dict(state)
    assert stored["bert.encoder.layer.0.output.dense.weight"].dtype == torch.int8
    assert nli_weights.WORD_EMBEDDINGS not in stored  # read back from the base package instead
    save_file(stored, str(tmp_path / "w.safetensors"), metadata={"format": nli_weights.FORMAT})

    base = tmp_path / "base.safetensors"
    save_file({"embeddings.word_embeddings.weight": state[nli_weights.WORD_EMBEDDINGS]}, str(base))
    monkeypatch.setattr(nli_weights, "base_word_embeddings_file", lambda: base)
    loaded = nli_weights.load_state_dict(tmp_path / "w.safetensors", {})
    for name, tensor in state.items():
        step = tensor.abs().max().item() / 127 if name.endswith("dense.weight") else 1e-2
        assert torch.allclose(loaded[name], tensor, atol=step), name

    save_file(stored, str(tmp_path / "old.safetensors"), metadata={"format": "something-else"})
    with pytest.raises(ModelError, match="unknown weights format"):
        nli_weights.load_state_dict(tmp_path / "old.safetensors", {})
    with pytest.raises(ModelError, match="checksum"):
        wrong = {"overlap": {"word_embeddings_sha256": "0"}}
        nli_weights.load_state_dict(tmp_path / "w.safetensors", wrong)
