"""`overlap check` on labelled news stance: FNC-1 train (a headline checked against an article
body) and Emergent train (an article headline checked against the claim it reports), split
dev/test by a stable hash of the body / claim id (benchmarks/stance_data.py). The check classes
map onto the stances with fixed mappings, chosen before any result (see the section's prose):
A: supported/copied/quoted -> agree, contradicted/misquoted -> disagree, unsupported ->
unrelated; B (related pairs only): unsupported -> discuss; Emergent: for / against / observing.

Options: `--set split=dev|test`, `--set per_class=150` (FNC-1's stratified sample: that many of
each stance, twice that of disagree), `--set limit=N` (the first N of the shuffled sample)."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

from .. import WORK
from ..harness import figure

SECTION = "News stance: FNC-1 and Emergent (issue 13)"
_AGREE = {"supported", "copied", "quoted"}
_DISAGREE = {"contradicted", "misquoted"}
# Every figure is named with its split ("dev A re-weighted: agree"): the report keeps the latest
# record of each figure, and a test run must not hide the dev figure it is read beside.
SPLITS = ("dev", "test")


def _mapping(for_agree: str, against: str, rest: str):
    return lambda cls: for_agree if cls in _AGREE else against if cls in _DISAGREE else rest


def f1(
    rows: list[tuple[str, str]], labels: list[str], mapping, weights: dict[str, float]
) -> dict[str, float]:
    """Per-class F1 of (stance, check class) rows, each row weighted by its stance's weight."""
    conf: Counter = Counter()
    for stance, got in rows:
        conf[(stance, mapping(got))] += weights.get(stance, 1.0)
    out = {}
    for lab in labels:
        tp = conf[(lab, lab)]
        pred = sum(v for (_, p), v in conf.items() if p == lab)
        gold = sum(v for (g, _), v in conf.items() if g == lab)
        prec, rec = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
        out[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    out["macro"] = sum(out.values()) / len(labels)
    return {k: round(v, 2) for k, v in out.items()}


def _run(name: str, split: str, per_class: int, limit: int):
    from .. import stance_data

    pairs = [p for p in getattr(stance_data, name)() if p.split == split]
    full = Counter(p.stance for p in pairs)
    per = (
        {
            "agree": per_class,
            "discuss": per_class,
            "unrelated": per_class,
            "disagree": 2 * per_class,
        }
        if name == "fnc1"
        else {}
    )
    sample = stance_data.stratified(pairs, per)[: limit or None]
    got = Counter(p.stance for p in sample)
    from ._claims import check_claim, load

    loaded = load("stance")
    with tempfile.TemporaryDirectory() as tmp:
        rows = [
            (
                p.stance,
                check_claim(
                    n, p.claim, p.source, "Source outlet", None, loaded, Path(tmp), title="Source"
                ),
            )
            for n, p in enumerate(sample)
        ]
    _write_pairs(name, split, sample, rows)
    return rows, {k: full[k] / got[k] for k in got}


def _write_pairs(name: str, split: str, sample: list, rows: list[tuple[str, str]]) -> None:
    """Each pair's stance and check class, beside the figures: the section's confusion tables
    are read from this file (benchmarks/.work/stance-NAME-SPLIT.json), and a rule change can be
    read pair by pair against the previous run."""
    WORK.mkdir(parents=True, exist_ok=True)
    out = [
        {"id": p.id, "stance": stance, "check": got, "claim": p.claim}
        for p, (stance, got) in zip(sample, rows, strict=True)
    ]
    (WORK / f"stance-{name}-{split}.json").write_text(json.dumps(out, indent=0), encoding="utf-8")


@figure(
    unit="F1",
    data=("fnc1",),
    anchor={
        **{
            f"{s} A re-weighted: agree": "goal 0.6; Hanselowski et al. 2018 about 0.5"
            for s in SPLITS
        },
        **{
            f"{s} A re-weighted: disagree": "goal 0.35; Hanselowski et al. 2018 under 0.2"
            for s in SPLITS
        },
    },
)
def track_fnc1(split: str = "dev", per_class: str = "150", limit: str = "0") -> dict:
    """FNC-1: per-class F1 under mapping A (sample and re-weighted to the split) and B."""
    rows, weights = _run("fnc1", split, int(per_class), int(limit))
    map_a, map_b = (
        _mapping("agree", "disagree", "unrelated"),
        _mapping("agree", "disagree", "discuss"),
    )
    related = [r for r in rows if r[0] != "unrelated"]
    unrelated = [got for stance, got in rows if stance == "unrelated"]
    out = {}
    for tag, sel, labels, mapping in (
        ("A", rows, ["agree", "disagree", "unrelated"], map_a),
        ("B", related, ["agree", "disagree", "discuss"], map_b),
    ):
        out |= {f"{tag} sample: {k}": v for k, v in f1(sel, labels, mapping, {}).items()}
        out |= {f"{tag} re-weighted: {k}": v for k, v in f1(sel, labels, mapping, weights).items()}
    out["unrelated judged unsupported"] = (
        round(100 * unrelated.count("unsupported") / max(1, len(unrelated)), 1),
        "%",
    )
    out["pairs"] = (len(rows), "pairs")
    return {f"{split} {k}": v for k, v in out.items()}


@figure(unit="F1", data=("emergent",))
def track_emergent(split: str = "dev", limit: str = "0") -> dict:
    """Emergent: per-class F1 (for / against / observing) and macro, every pair of the split."""
    rows, _ = _run("emergent", split, 0, int(limit))
    labels = ["for", "against", "observing"]
    out = {
        **f1(rows, labels, _mapping("for", "against", "observing"), {}),
        "pairs": (len(rows), "pairs"),
    }
    return {f"{split} {k}": v for k, v in out.items()}
