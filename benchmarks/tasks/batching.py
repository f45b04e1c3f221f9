"""What batch-independent model runs cost (issue 10, D11: the same input gives the same output,
whatever else is in the batch or the cache).

The embedder and the NLI model batch only inputs of one token length, so no input is padded and
none is computed in a batch shape that depends on the other inputs (padding changes bf16 results
in the last digits). The alternative a user of sentence-transformers would get is padded batches
(pad to the longest in a batch of 32). Both are timed here in the same process on the same real
sentences (BBC politics and business), interleaved, and the figures are the ratios.
"""

from __future__ import annotations

import re
import time

import numpy as np

from ..data import require
from ..harness import figure

SECTION = "Batch-independent model runs (issue 10, D11)"


def _sentences(limit: int) -> list[str]:
    root = require("bbc")
    out: list[str] = []
    for folder in ("politics", "business"):
        for path in sorted((root / folder).glob("*.txt"))[:40]:
            text = path.read_text(encoding="latin-1")
            out += [s for s in re.split(r"(?<=[.!?])\s+", text) if 4 <= len(s.split()) <= 50]
    return out[:limit]


def _best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return min(times)


@figure(unit="s, or x for ratio", data=("bbc",))
def track_embed_cost() -> dict[str, float]:
    """Embedding 1,000 sentences: overlap's same-length batches vs sentence-transformers'
    padded `encode` (batch 32); best of 2 each, interleaved."""
    from overlap.embed import MiniLM

    texts = _sentences(1000)
    model = MiniLM()
    st = model._load()
    model.encode(texts[:50])  # warm-up: first call pays thread start-up
    ours = _best_of(2, lambda: model.encode(texts))
    padded = _best_of(2, lambda: st.encode(texts, batch_size=32))
    return {
        "same_length_s": round(ours, 2),
        "padded_s": round(padded, 2),
        "ratio": round(padded / ours, 2),
    }


@figure(unit="s, or x for ratio", data=("bbc",))
def track_nli_cost() -> dict[str, float]:
    """NLI on 300 sentence pairs: overlap's same-length batches vs padded batches of the model's
    batch size; best of 2 each, interleaved; and whether a pair's scores change with its batch."""
    import torch

    from overlap.nli import NLIModel, calibrated

    sents = _sentences(601)
    pairs = [(sents[i], sents[i + 1]) for i in range(0, 600, 2)]
    model = NLIModel()
    model._load()

    def padded() -> np.ndarray:
        out = np.zeros((len(pairs), 3), np.float32)
        with torch.inference_mode():
            for start in range(0, len(pairs), model.batch_size):
                rows = pairs[start : start + model.batch_size]
                batch = model._tokenizer(
                    [a for a, _ in rows],
                    [b for _, b in rows],
                    padding=True,
                    truncation=True,
                    max_length=model.max_length,
                    return_tensors="pt",
                )
                logits = model._model(**batch).logits.float().numpy()
                out[start : start + len(rows)] = calibrated(
                    logits, model.temperature, model.columns
                )
        return out

    model.predict(pairs[:20])
    ours = _best_of(2, lambda: model.predict(pairs))
    theirs = _best_of(2, padded)
    alone = model.predict([pairs[3]])[0]
    among = model.predict(pairs[:100])[3]
    return {
        "same_length_s": round(ours, 2),
        "padded_s": round(theirs, 2),
        "ratio": round(theirs / ours, 2),
        "max_change_in_batch": float(np.abs(alone - among).max()),
        "max_padded_vs_alone": float(np.abs(padded()[3] - alone).max()),
    }
