"""The NLI model's last encoder layer, computed for the [CLS] row only, on cached token states
(refit_nli_last_layer.py trains it with the head; issue 13 item 5).

The head reads nothing but the last layer's [CLS] output, and that row depends on the token
states entering the layer only through one attention query (the [CLS] row) over every token's
key and value, then a feed-forward step on that one row. So the states entering the last layer
are computed once per pair (a forward pass of the frozen layers, kept in float16) and a training
step recomputes only the [CLS] row of the last layer: a few percent of a full forward pass.

Cached states are one flat float16 array of every pair's tokens, with each pair's offset and
length (`TokenStates`); pairs the product would refuse (longer than the model reads) have
length 0 and no [CLS] output (NaN rows).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


@dataclass
class TokenStates:
    """Token states entering the last layer for each pair, and the model's own [CLS] output
    (the shipped last layer's, to check the recomputation and to score the shipped head)."""

    flat: np.ndarray  # (total tokens, hidden), float16
    offsets: np.ndarray  # (pairs,), int64: first row of each pair in `flat`
    lengths: np.ndarray  # (pairs,), int64: 0 for a pair too long to score
    cls: np.ndarray  # (pairs, hidden), float32: NaN for a pair too long to score

    def save(self, path: Path) -> None:
        np.savez(path, flat=self.flat, offsets=self.offsets, lengths=self.lengths, cls=self.cls)

    @classmethod
    def load(cls, path: Path) -> TokenStates:
        with np.load(path) as data:
            return cls(data["flat"], data["offsets"], data["lengths"], data["cls"])


def layer_names(index: int) -> list[str]:
    """State-dict names of encoder layer `index` (BertForSequenceClassification)."""
    prefix = f"bert.encoder.layer.{index}."
    parts = (
        "attention.self.query",
        "attention.self.key",
        "attention.self.value",
        "attention.output.dense",
        "attention.output.LayerNorm",
        "intermediate.dense",
        "output.dense",
        "output.LayerNorm",
    )
    return [prefix + p + s for p in parts for s in (".weight", ".bias")]


def token_states(model: Any, pairs: list[tuple[str, str]], batch: int = 32) -> TokenStates:
    """States entering the last layer for every pair, through `model` (an NLIModel, loaded)."""
    import torch

    lengths = model.pair_lengths(pairs)
    keep = [n if n <= model.max_length else 0 for n in lengths]
    offsets = np.concatenate([[0], np.cumsum(keep)[:-1]]).astype(np.int64)
    hidden = model._model.config.hidden_size
    last = model._model.config.num_hidden_layers - 1
    flat = np.zeros((int(sum(keep)), hidden), dtype=np.float16)
    out_cls = np.full((len(pairs), hidden), np.nan, dtype=np.float32)
    # Sorted by length so a batch pads little; each pair's rows are stored without padding.
    order = sorted((i for i, n in enumerate(keep) if n), key=keep.__getitem__)
    with torch.inference_mode():
        for start in range(0, len(order), batch):
            idx = order[start : start + batch]
            enc = model._tokenizer(
                [pairs[i][0] for i in idx],
                [pairs[i][1] for i in idx],
                padding=True,
                return_tensors="pt",
            )
            result = model._model.bert(**enc, output_hidden_states=True)
            entering = result.hidden_states[last].float().numpy()
            out_cls[idx] = result.last_hidden_state[:, 0].float().numpy()
            for row, i in enumerate(idx):
                flat[offsets[i] : offsets[i] + keep[i]] = entering[row, : keep[i]]
    return TokenStates(flat, offsets, np.array(keep, dtype=np.int64), out_cls)


def padded(states: TokenStates, idx: np.ndarray) -> tuple[Any, Any]:
    """Float32 tensor (batch, longest, hidden) of the pairs `idx` and their padding mask."""
    import torch

    n = states.lengths[idx]
    width = int(n.max())
    x = np.zeros((len(idx), width, states.flat.shape[1]), dtype=np.float32)
    for row, i in enumerate(idx):
        x[row, : n[row]] = states.flat[states.offsets[i] : states.offsets[i] + n[row]]
    mask = np.arange(width)[None, :] < n[:, None]
    return torch.from_numpy(x), torch.from_numpy(mask)


def cls_row(params: dict[str, Any], names: list[str], x: Any, mask: Any, heads: int) -> Any:
    """The last layer's [CLS] output for token states `x` (batch, tokens, hidden), as BERT
    computes it (post-LayerNorm, GELU, eps 1e-12), without dropout."""
    import torch
    from torch.nn import functional as F

    wq, bq, wk, bk, wv, bv, wo, bo, g1, b1, wi, bi, wd, bd, g2, b2 = (params[k] for k in names)
    batch, _, hidden = x.shape
    size = hidden // heads
    q = (x[:, 0] @ wq.T + bq).view(batch, heads, 1, size)
    k = (x @ wk.T + bk).view(batch, -1, heads, size).transpose(1, 2)
    v = (x @ wv.T + bv).view(batch, -1, heads, size).transpose(1, 2)
    scores = (q @ k.transpose(-1, -2)) / math.sqrt(size)
    scores = scores.masked_fill(~mask[:, None, None, :], torch.finfo(scores.dtype).min)
    attended = (torch.softmax(scores, dim=-1) @ v).reshape(batch, hidden)
    a = F.layer_norm(attended @ wo.T + bo + x[:, 0], (hidden,), g1, b1, eps=1e-12)
    f = F.gelu(a @ wi.T + bi) @ wd.T + bd
    return F.layer_norm(f + a, (hidden,), g2, b2, eps=1e-12)


def all_cls(
    params: dict[str, Any], names: list[str], states: TokenStates, heads: int, batch: int = 128
) -> np.ndarray:
    """cls_row for every pair (NaN rows for pairs not scored), in float32."""
    import torch

    out = np.full(states.cls.shape, np.nan, dtype=np.float32)
    scored = np.flatnonzero(states.lengths)
    order = scored[np.argsort(states.lengths[scored], kind="stable")]
    with torch.no_grad():
        for start in range(0, len(order), batch):
            idx = order[start : start + batch]
            x, mask = padded(states, idx)
            out[idx] = cls_row(params, names, x, mask, heads).numpy()
    return out


def length_batches(lengths: np.ndarray, size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Pairs of similar length per batch (little padding), in a random order each epoch: the
    pairs are shuffled, cut into blocks of 50 batches, sorted by length within a block."""
    scored = rng.permutation(np.flatnonzero(lengths))
    out: list[np.ndarray] = []
    block = size * 50
    for start in range(0, len(scored), block):
        part = scored[start : start + block]
        part = part[np.argsort(lengths[part], kind="stable")]
        out += [part[s : s + size] for s in range(0, len(part), size)]
    return [out[i] for i in rng.permutation(len(out))]
