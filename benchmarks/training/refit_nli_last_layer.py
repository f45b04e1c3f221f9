"""Refit the NLI model's last encoder layer with its head (pooler + classifier) so copies stay
confident after calibration, without the head-only refit's loss on MultiNLI (issue 13 item 5).

    python benchmarks/training/refit_nli_last_layer.py --extract          # token states, once
    python benchmarks/training/refit_nli_last_layer.py --distill 0.6 ...  # one setting: dev figures
    python benchmarks/training/refit_nli_last_layer.py ... --out DIR      # and export it to DIR
    python benchmarks/training/calibrate_nli.py --model DIR --write       # then its temperature

Why the last layer: a head on the frozen encoder's [CLS] state (refit_nli_head.py) left the
copies of sentences with "not" / "nor" among contradictions (session 6: 97.4 % of identical
news sentences >= 0.95, the rest out of any head's reach). One more layer moves them. Same
pairs, losses and selection sets as refit_nli_head.py (build_pairs): replayed training pairs
with label smoothing and, with weight `--distill`, the shipped model's calibrated probabilities
as a second target; rule-made copies scored at `--copy-temperature` with weight
`--copy-weight`; rule-made contradictions with hard targets. The layer learns at `--layer-lr`,
the head at `--lr`.

Each run appends its settings and dev figures (dev slice 3-way accuracy, ECE after the
temperature a refit would choose, copy-dev, held-out MultiNLI matched, rule-made dev) to
`--work`/runs.jsonl. Settings are chosen on those; nothing from ../shared/data/news and no test
split is read here. On a shared machine set OMP_NUM_THREADS=1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "training"))
from nli_last_layer import TokenStates, all_cls, cls_row, layer_names, length_batches, padded  # noqa: E402
from refit_nli_head import HARD, HEAD, arrays, build_pairs, head_logits, judge_head  # noqa: E402
from train_nli import COPY_KINDS  # noqa: E402

SETS = ("train", "dev", "copydev", "hardcopydev", "ruledev", "mnli_holdout")


def states_path(work: Path, checksum: str, name: str, pairs: list) -> Path:
    texts = "\n".join(f"{p.premise}\t{p.hypothesis}" for p in pairs)
    key = hashlib.sha256(f"{checksum}\n{texts}".encode()).hexdigest()[:16]
    return work / f"states-{name}-{key}.npz"


def extract(model: Any, sets: dict[str, list], work: Path) -> None:
    """Token states entering the last layer for every set, cached under `work`."""
    from nli_last_layer import token_states

    work.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    for name in SETS:
        path = states_path(work, model.checksum, name, sets[name])
        if not path.exists():
            states = token_states(model, [(p.premise, p.hypothesis) for p in sets[name]])
            states.save(path)
        print(f"{name}: {len(sets[name])} pairs ({time.time() - t0:.0f} s)", flush=True)


def loss_rows(train: dict, args: argparse.Namespace) -> dict[str, np.ndarray]:
    """Per training pair: loss temperature, smoothing, weight and distillation share."""
    source = train["source"].astype(str)
    copy = np.isin(source, [*COPY_KINDS, *(k + HARD for k in COPY_KINDS)])
    replayed = ~np.char.startswith(source, "synthetic")
    return {
        "temperature": np.where(copy, args.copy_temperature, 1.0),
        "smoothing": np.where(replayed, args.smoothing, 0.0),
        "weight": np.where(copy, args.copy_weight, 1.0),
        "distill": np.where(replayed, args.distill, 0.0),
    }


def fit(
    start: dict[str, np.ndarray],
    names: list[str],
    states: TokenStates,
    train: dict,
    teacher: np.ndarray,
    args: argparse.Namespace,
    heads: int,
) -> dict[str, np.ndarray]:
    """AdamW on the last layer (`--layer-lr`) and the head (`--lr`), the loss of refit_nli_head's
    fit_head: gold labels (allowed-label mask, smoothing, temperature) mixed with the KL
    divergence to the shipped model's calibrated probabilities, weighted per pair."""
    import torch
    from torch.nn import functional as F

    torch.manual_seed(args.seed)
    params = {k: torch.tensor(v, dtype=torch.float32, requires_grad=True) for k, v in start.items()}
    opt = torch.optim.AdamW(
        [
            {"params": [params[k] for k in names], "lr": args.layer_lr},
            {"params": [params[k] for k in HEAD], "lr": args.lr},
        ],
        weight_decay=0.0,
    )
    rows = {k: torch.tensor(v, dtype=torch.float32) for k, v in loss_rows(train, args).items()}
    allowed_mask, q_all = torch.tensor(train["mask"]), torch.tensor(teacher, dtype=torch.float32)
    rng = np.random.default_rng(args.seed)
    for epoch in range(args.epochs):
        t0, total = time.time(), 0.0
        for idx in length_batches(states.lengths, 64, rng):
            x, mask = padded(states, idx)
            cls = cls_row(params, names, x, mask, heads)
            pooled = torch.tanh(cls @ params[HEAD[0]].T + params[HEAD[1]])
            pooled = F.dropout(pooled, args.dropout)
            logits = pooled @ params[HEAD[2]].T + params[HEAD[3]]
            t, s, w, d = (rows[k][idx] for k in ("temperature", "smoothing", "weight", "distill"))
            logp = torch.log_softmax(logits / t[:, None], dim=-1)
            allowed = torch.logsumexp(logp.masked_fill(~allowed_mask[idx], -1e4), dim=-1)
            gold = -((1 - s) * allowed + s * logp.mean(dim=-1))
            q = q_all[idx]
            kl = (q * (torch.log(q + 1e-9) - torch.log_softmax(logits, dim=-1))).sum(dim=-1)
            loss = (w * ((1 - d) * gold + d * kl)).sum() / w.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(idx)
        mean = total / max(1, int((states.lengths > 0).sum()))
        print(f"epoch {epoch + 1}: loss {mean:.4f} ({time.time() - t0:.0f} s)", flush=True)
    return {k: v.detach().numpy() for k, v in params.items()}


def judged(
    params: dict[str, np.ndarray], names: list[str], data: dict, states: dict, heads: int
) -> dict:
    """refit_nli_head.judge_head on the [CLS] states these layer weights give."""
    import torch

    tensors = {k: torch.tensor(v) for k, v in params.items()}
    recomputed = {
        name: {**data[name], "x": all_cls(tensors, names, states[name], heads)} for name in SETS
    }
    return judge_head({k: params[k] for k in HEAD}, recomputed)


def export(model: Any, state: dict, params: dict, out: Path, info: dict) -> None:
    """The shipped folder with the new last layer and head (same int8 format and tokenizer),
    and a calibration of 1 until calibrate_nli.py --write fits one."""
    import torch
    from safetensors.torch import save_file

    from overlap import nli, nli_weights

    out.mkdir(parents=True, exist_ok=True)
    for name in (
        "config.json",
        "tokenizer.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
    ):
        shutil.copy(model.path / name, out / name)
    new_state = {k: torch.tensor(params.get(k, v)) for k, v in state.items()}
    save_file(
        nli_weights.quantize_state_dict(new_state),
        str(out / nli.WEIGHTS_FILE),
        metadata={"format": nli_weights.FORMAT},
    )
    (out / "training.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    (out / nli.CALIBRATION_FILE).write_text(
        json.dumps({"temperature": 1.0, "method": "none yet (plain softmax)"}) + "\n",
        encoding="utf-8",
    )


def arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--init-from", type=Path, default=ROOT / "models" / "nli-minilm-l6")
    ap.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".work" / "nli-last-layer")
    ap.add_argument("--extract", action="store_true", help="cache the token states and stop")
    ap.add_argument("--out", type=Path, help="export the refitted model to this folder")
    ap.add_argument("--smoothing", type=float, default=0.3)
    ap.add_argument("--distill", type=float, default=0.5)
    ap.add_argument("--copy-temperature", type=float, default=3.0)
    ap.add_argument("--copy-weight", type=float, default=2.0)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=1e-3, help="head learning rate")
    ap.add_argument("--layer-lr", type=float, default=5e-5)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=13)
    return ap.parse_args()


def main() -> None:
    args = arguments()
    from overlap import nli

    model = nli.NLIModel(args.init_from, precision="fp32")
    model._load()
    sets = build_pairs(6000, 1000, 3000, 900)  # refit_nli_head.py's defaults: the same pairs
    if args.extract:
        extract(model, sets, args.work)
        return
    state = {k: v.detach().float().numpy().copy() for k, v in model._model.state_dict().items()}
    config = model._model.config
    names = layer_names(config.num_hidden_layers - 1)
    start = {k: state[k] for k in [*names, *HEAD]}
    states = {n: TokenStates.load(states_path(args.work, model.checksum, n, sets[n])) for n in SETS}
    data = {n: arrays(sets[n], states[n].cls) for n in SETS}
    shipped_t = model.temperature
    teacher = np.nan_to_num(head_logits(start, states["train"].cls)) / shipped_t
    teacher = np.exp(teacher - teacher.max(axis=1, keepdims=True))
    teacher /= teacher.sum(axis=1, keepdims=True)
    heads = config.num_attention_heads
    before = judged(start, names, data, states, heads)  # also checks the recomputation
    params = fit(start, names, states["train"], data["train"], teacher, args, heads)
    after = judged(params, names, data, states, heads)
    settings = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
    record = {"settings": settings, "shipped": before, "refit": after}
    with (args.work / "runs.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
    print(json.dumps(record), flush=True)
    if args.out:
        info = {
            **record,
            "method": "last encoder layer + pooler + classifier on cached token states: "
            "benchmarks/training/refit_nli_last_layer.py",
            "init_from": {"weights_sha256": model.checksum},
        }
        export(model, state, params, args.out, info)
        print(
            f"exported to {args.out}; now: python benchmarks/training/calibrate_nli.py "
            f"--model {args.out} --write"
        )


if __name__ == "__main__":
    main()
