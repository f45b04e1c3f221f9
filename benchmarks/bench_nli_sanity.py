"""Sanity of the NLI model on real news (issue 13 item 5): copies are entailment, and the
probabilities mean what they say.

    python benchmarks/bench_nli_sanity.py                       # measure the shipped model
    python benchmarks/bench_nli_sanity.py --model DIR           # another copy (e.g. a fine-tune)
    python benchmarks/bench_nli_sanity.py --write-calibration   # fit the temperature, write
                                                                # calibration.json into the model
    python benchmarks/bench_nli_sanity.py --report              # also write reports/benchmarks.md

Measures, on sentences of ../shared/data/news (Reuters-21578, BBC, METER; read in place, never
used for training):

- identity: every sentence paired with itself; the goal is p(entailment) >= 0.95 for each;
- near-identity: a copy with whitespace, punctuation or case changed, or one adjective dropped
  from the hypothesis (entailed: "a big rise" entails "a rise");
- passages: two or three consecutive sentences paired with themselves, and with one of their
  sentences as the hypothesis (entailed);
- calibration: the expected calibration error (15 equal-width bins of the top probability) on
  the 3-way pairs of the dev slice that train_nli.py holds out of training, before and after the
  temperature. The temperature is fitted on the same dev slice (minimum negative log-likelihood);
  no test split is read here (eval_nli.py reports the ECE on the test sets).

Pairs longer than the model's 128 word pieces are not scored (the model refuses them rather than
cut them): their count is reported.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "benchmarks" / "training"))  # train_nli: the held-out dev slice
import news_sentences  # noqa: E402
from mdreport import machine, replace_section  # noqa: E402
from train_nli import DROPPABLE_ADJECTIVES, load_training, split_dev  # noqa: E402

from overlap.nli import LABELS, NLIModel  # noqa: E402

TITLE = "NLI sanity: copies, calibration (issue 13 item 5)"
ECE_BINS = 15
GOAL = 0.95
_ADJECTIVE = re.compile(r"\b(" + "|".join(DROPPABLE_ADJECTIVES) + r") (?=[a-z])")


def expected_calibration_error(
    probs: np.ndarray, gold: Sequence[int], bins: int = ECE_BINS
) -> float:
    """Sum over equal-width bins of the top probability: share of pairs * |accuracy - confidence|.

    >>> round(expected_calibration_error(np.array([[0.9, 0.1, 0.0], [0.6, 0.4, 0.0]]), [0, 1]), 3)
    0.35
    """
    conf = probs.max(axis=1)
    right = probs.argmax(axis=1) == np.asarray(gold)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(conf, edges[1:-1], right=True), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            ece += inside.mean() * abs(right[inside].mean() - conf[inside].mean())
    return float(ece)


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(logits: np.ndarray, gold: Sequence[int]) -> float:
    """The temperature with the least negative log-likelihood (grid, then a finer grid)."""
    gold = np.asarray(gold)

    def nll(t: float) -> float:
        p = softmax(logits, t)[np.arange(len(gold)), gold]
        return float(-np.log(np.clip(p, 1e-12, None)).mean())

    grid = np.arange(0.25, 6.0, 0.05)
    best = min(grid, key=nll)
    fine = np.arange(max(0.05, best - 0.05), best + 0.05, 0.002)
    return round(float(min(fine, key=nll)), 3)


def near_copies(
    sentences: list[str], n: int, rng: random.Random
) -> dict[str, list[tuple[str, str]]]:
    """Meaning-keeping edits of real sentences, `n` of each kind (premise, hypothesis)."""
    picked = rng.sample(sentences, min(n, len(sentences)))
    with_adj = [s for s in sentences if _ADJECTIVE.search(s)]
    adj = rng.sample(with_adj, min(n, len(with_adj)))
    return {
        "whitespace": [(s, "  ".join(s.split()) + " \n") for s in picked],
        "punctuation": [(s, re.sub(r"[,;:]", "", s).rstrip(".!? ")) for s in picked],
        "case": [(s, s.lower()) for s in picked],
        "adjective dropped": [
            (s, s[: m.start()] + s[m.end() :])
            for s in adj
            for m in [rng.choice(list(_ADJECTIVE.finditer(s)))]
        ],
    }


def passages(per_corpus: int, rng: random.Random) -> list[tuple[str, list[str]]]:
    """Two or three consecutive sentences of one article (at most 45 words), with its sentences."""
    out: list[tuple[str, list[str]]] = []
    for source in (news_sentences.reuters(7), news_sentences.bbc(7), news_sentences.meter(7)):
        n = 0
        for _, _, body in source:
            sents = news_sentences.split_sentences(body)
            k = rng.choice([2, 3])
            for start in range(0, len(sents) - k + 1, k):
                chunk = sents[start : start + k]
                if sum(len(s.split()) for s in chunk) <= 45 and all(
                    len(s.split()) >= 4 for s in chunk
                ):
                    out.append((" ".join(chunk), chunk))
                    n += 1
                    break
            if n >= per_corpus:
                break
    return out


def fits(model: NLIModel, pairs: list[tuple[str, str]]) -> list[bool]:
    """Whether each pair fits in the model's word pieces (the model refuses longer pairs)."""
    if hasattr(model, "pair_lengths"):
        lengths = model.pair_lengths(pairs)
    else:  # a model from before the length guard
        model._load()
        lengths = [
            len(x)
            for x in model._tokenizer([a for a, _ in pairs], [b for _, b in pairs])["input_ids"]
        ]
    return [n <= model.max_length for n in lengths]


def summary(probs: np.ndarray) -> dict:
    ent = probs[:, 0]
    return {
        "pairs": len(ent),
        "share_ent_ge_goal": round(float((ent >= GOAL).mean()), 4) if len(ent) else None,
        "share_argmax_ent": round(float((probs.argmax(axis=1) == 0).mean()), 4)
        if len(ent)
        else None,
        "share_argmax_contra": round(float((probs.argmax(axis=1) == 2).mean()), 4)
        if len(ent)
        else None,
        "mean_ent": round(float(ent.mean()), 4) if len(ent) else None,
        "min_ent": round(float(ent.min()), 4) if len(ent) else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--model", type=Path, help="model folder (default: the shipped one)")
    ap.add_argument("--per-corpus", type=int, default=1100, help="news sentences per corpus")
    ap.add_argument("--near", type=int, default=800, help="pairs per near-identity kind")
    ap.add_argument("--passages", type=int, default=300, help="passages per corpus")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument(
        "--write-calibration",
        action="store_true",
        help="fit the temperature on the dev slice and write calibration.json",
    )
    ap.add_argument(
        "--report", action="store_true", help="write the section of reports/benchmarks.md"
    )
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / ".work" / "nli_sanity.json")
    args = ap.parse_args()
    if not news_sentences.available():
        sys.exit(f"news data not found under {news_sentences.NEWS}")
    rng = random.Random(args.seed)
    # fp32: the temperature is fitted on the model's own logits, not bf16-rounded ones.
    model = NLIModel(args.model, precision="fp32")
    t0 = time.time()
    result: dict = {
        "model": model.model_id,
        "path": str(model.path),
        "temperature": getattr(model, "temperature", 1.0),
    }

    # --- calibration on the dev slice (3-way pairs) -------------------------------------------
    # The same slice train_nli.py holds out (same seed, same sets, same hash-ordered split).
    dev = split_dev(load_training(random.Random(13)), 0.03, 300)[1]
    dev3 = [p for p in dev if p.label in LABELS]
    dev_pairs = [(p.premise, p.hypothesis) for p in dev3]
    keep = fits(model, dev_pairs)
    dev3 = [p for p, k in zip(dev3, keep, strict=True) if k]
    gold = [LABELS.index(p.label) for p in dev3]
    probs = model.predict([(p.premise, p.hypothesis) for p in dev3])
    # Raw logits (up to a constant per row) from the calibrated probabilities: T * log p.
    logits = result["temperature"] * np.log(np.clip(probs.astype(np.float64), 1e-30, None))
    raw = softmax(logits)
    temperature = fit_temperature(logits, gold)
    calibrated = softmax(logits, temperature)
    result["dev"] = {
        "pairs": len(dev3),
        "too_long_left_out": int(len(keep) - sum(keep)),
        "accuracy": round(float((raw.argmax(1) == np.array(gold)).mean()), 4),
        "ece_before": round(expected_calibration_error(raw, gold), 4),
        "ece_after": round(expected_calibration_error(calibrated, gold), 4),
        "fitted_temperature": temperature,
        "ece_shipped": round(expected_calibration_error(probs, gold), 4),
    }
    print("dev", json.dumps(result["dev"]), flush=True)
    if args.write_calibration:
        (model.path / "calibration.json").write_text(
            json.dumps(
                {
                    "temperature": temperature,
                    "method": "temperature scaling: probabilities = softmax(logits / temperature)",
                    "fitted_on": f"3-way pairs of train_nli.py's held-out dev slice "
                    f"({len(dev3)} pairs; no test split)",
                    "fitted_by": "benchmarks/bench_nli_sanity.py --write-calibration",
                    "weights_sha256": model.checksum,
                    "ece_15_bins_before": result["dev"]["ece_before"],
                    "ece_15_bins_after": result["dev"]["ece_after"],
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {model.path / 'calibration.json'} (temperature {temperature})", flush=True)

    # --- identity and near-identity on real news -----------------------------------------------
    sents = [s.text for s in news_sentences.sentences(args.per_corpus)]
    kinds: dict[str, list[tuple[str, str]]] = {"identity": [(s, s) for s in sents]}
    kinds.update(near_copies(sents, args.near, rng))
    chunks = passages(args.passages, rng)
    kinds["passage identity"] = [(p, p) for p, _ in chunks]
    kinds["sentence from passage"] = [(p, rng.choice(c)) for p, c in chunks]
    result["kinds"] = {}
    worst: list[tuple[float, str]] = []
    for kind, pairs in kinds.items():
        keep = fits(model, pairs)
        scored = [p for p, k in zip(pairs, keep, strict=True) if k]
        p = model.predict(scored)
        row = summary(p)
        row["too_long_left_out"] = int(len(keep) - sum(keep))
        result["kinds"][kind] = row
        if kind == "identity":
            worst = sorted(zip(p[:, 0].tolist(), [a for a, _ in scored], strict=True))[:5]
        print(kind, json.dumps(row), flush=True)
    result["identity_worst"] = [{"p_entailment": round(e, 4), "sentence": s} for e, s in worst]
    result["seconds"] = round(time.time() - t0, 1)
    result["measured"] = datetime.now().strftime("%Y-%m-%d %H:%M")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json} ({result['seconds']} s)")
    if args.report:
        replace_section(TITLE, render(result))


def render(r: dict) -> str:
    d = r["dev"]
    lines = [
        f"Measured {r['measured']} on {machine()}; model `{r['model']}` (fp32), temperature "
        f"{r['temperature']} as shipped.",
        "",
        "Command: `python benchmarks/bench_nli_sanity.py --report` (sentences of "
        "`../shared/data/news`: Reuters-21578, BBC, METER; every 7th article; none of them trains "
        "the model). Goal: p(entailment) >= 0.95 for every identical sentence.",
        "",
        "| pairs (premise = a news sentence or passage) | pairs | p(ent) >= 0.95 "
        "| argmax entailment | argmax contradiction | mean p(ent) | min p(ent) "
        "| too long, not scored |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, row in r["kinds"].items():
        lines.append(
            f"| {kind} | {row['pairs']:,} | {100 * row['share_ent_ge_goal']:.1f} % | "
            f"{100 * row['share_argmax_ent']:.1f} % | {100 * row['share_argmax_contra']:.1f} % | "
            f"{row['mean_ent']:.3f} | {row['min_ent']:.3f} | {row['too_long_left_out']} |"
        )
    lines += [
        "",
        f"Calibration on the dev slice train_nli.py holds out ({d['pairs']:,} 3-way pairs, "
        f"accuracy {100 * d['accuracy']:.1f} %): expected calibration error (15 bins) "
        f"**{d['ece_before']:.3f} before** temperature scaling, **{d['ece_after']:.3f} after** "
        f"(temperature {d['fitted_temperature']}, fitted on the same slice; the shipped "
        f"`calibration.json` gives {d['ece_shipped']:.3f}). The ECE on the test sets is in the "
        "NLI model section.",
        "",
        "Lowest p(entailment) for an identical sentence: "
        + "; ".join(
            f'{w["p_entailment"]:.3f} "{w["sentence"][:90]}"' for w in r["identity_worst"][:3]
        )
        + ".",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
