"""Verdicts between real wire stories (issue 13 item 4: no contradiction without a basis):
`compare`, judging on, of each of the 186 hand-labelled Reuters-21578 pairs of
benchmarks/labels/reuters_pair_decision.csv, the two stories as overlap's JSONL (id, title,
date, text) and nothing else.

Reuters files the same form every week (coffee roastings, port balances, T-bill tenders), the
same results twice, corrections, digests and follow-ups. The pairs in
benchmarks/labels/reuters_changed_facts.csv change a fact of the same report (a CORRECTED
reissue): a contradiction there is right. Every other pair should get none: another week's or
another company's report, a digest, a follow-up with later news ("changed over time" is right),
or the same facts reissued. Reported: pairs with a contradiction among those that should have
none (templates apart), and the changed facts found (a contradiction in that pair).

    OMP_NUM_THREADS=1 python -m benchmarks run judging_reuters.track_pairs

The pairs are development data (labelled from their notes; there is no test split of them).
"""

from __future__ import annotations

import csv
import tempfile
from collections import Counter
from pathlib import Path

from .. import WORK
from ..harness import figure

SECTION = "Verdicts between Reuters stories (issue 13 item 4)"
LABELS = Path(__file__).resolve().parents[1] / "labels"


def _pairs() -> list[dict]:
    with open(LABELS / "reuters_pair_decision.csv", encoding="utf-8") as fh:
        pairs = list(csv.DictReader(fh))
    with open(LABELS / "reuters_changed_facts.csv", encoding="utf-8") as fh:
        changed = {(r["newid_a"], r["newid_b"]) for r in csv.DictReader(fh)}
    for p in pairs:
        key = (p["newid_a"], p["newid_b"])
        p["expected"] = "changed" if key in changed else "none"
        p["group"] = (
            "changed fact"
            if key in changed
            else "template"
            if p["note"].startswith("template")
            else "other"
        )
    return pairs


def pair_verdicts(pairs: list[dict]) -> list[Counter]:
    """The verdicts of each pair's findings, one compare per pair, models loaded once."""
    from overlap.config import load_settings
    from overlap.models import load_models
    from overlap.pipeline import compare

    from .. import reuters
    from ..data import require

    stories = {s.id: s for s in reuters.read_reuters(require("reuters"))}
    (WORK / "judging_reuters").mkdir(parents=True, exist_ok=True)
    s = load_settings(None, judge=True, cache_path=WORK / "judging_reuters" / "cache.sqlite")
    models = load_models(s)
    out = []
    for p in pairs:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "pair.jsonl"
            reuters.write_jsonl(
                [stories[f"reuters-{p['newid_a']}"], stories[f"reuters-{p['newid_b']}"]], path
            )
            result = compare([str(path)], s, models=models)
        out.append(Counter(str(f.judgement.verdict) for f in result.findings if f.judgement))
    return out


def scores(pairs: list[dict], verdicts: list[Counter]) -> dict[str, tuple[int, str]]:
    """Pairs with a contradiction, per group, and the verdict mix over all findings."""
    with_contradiction: Counter = Counter()
    size: Counter = Counter()
    mix: Counter = Counter()
    for p, got in zip(pairs, verdicts, strict=True):
        size[p["group"]] += 1
        with_contradiction[p["group"]] += got["contradict"] > 0
        mix.update(got)
    figures: dict[str, tuple[int, str]] = {
        f"{group}: pairs with a contradiction": (
            with_contradiction[group],
            f"of {size[group]} pairs",
        )
        for group in ("template", "other", "changed fact")
    }
    for verdict, n in sorted(mix.items()):
        figures[f"findings judged {verdict}"] = (n, "findings")
    return figures


@figure(data=("reuters",))
def track_pairs() -> dict[str, tuple[int, str]]:
    """Each labelled pair compared with judging on: contradictions where none is expected
    (templates; other pairs) and the changed facts found."""
    pairs = _pairs()
    return scores(pairs, pair_verdicts(pairs))
