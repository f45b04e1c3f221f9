"""Loaders for the labelled stance sets of ../shared/data/news (read in place, never copied):
FNC-1 train (headline vs article body: agree / disagree / discuss / unrelated) and Emergent train
(article headline vs claim: for / against / observing), each split into dev and test halves by a
stable hash of the group that must not straddle the split (FNC-1 Body ID, Emergent claimId)."""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from dataclasses import dataclass

# absolute: training/stance_features.py imports this module as a top-level one
from benchmarks import DATA
from benchmarks.data import half

NEWS = DATA / "news"
FNC1 = NEWS / "fnc1"
EMERGENT = NEWS / "emergent" / "url-versions-2015-06-14-clean-train.csv"


@dataclass(frozen=True)
class Pair:
    id: str
    group: str  # FNC-1 Body ID / Emergent claimId: what the split keeps together
    split: str  # dev / test
    claim: str  # the draft: a headline
    source: str  # what it is checked against: an article body, or a claim headline
    stance: str


def split_of(group: str, salt: str) -> str:
    """dev or test by a stable hash of the group id (half each)."""
    return half(f"{salt}:{group}")


def fnc1() -> list[Pair]:
    """The 49,972 FNC-1 train pairs, joined on Body ID (multi-line bodies: csv module)."""
    csv.field_size_limit(10**7)
    with (FNC1 / "train_bodies.csv").open(encoding="utf-8", newline="") as f:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}
    out = []
    with (FNC1 / "train_stances.csv").open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f)):
            body = row["Body ID"]
            out.append(
                Pair(
                    f"fnc1-{n}",
                    body,
                    split_of(body, "fnc1"),
                    row["Headline"],
                    bodies[body],
                    row["Stance"],
                )
            )
    return out


def emergent() -> list[Pair]:
    """The 2,071 Emergent train headlines with the claim each is for / against / observing."""
    out = []
    with EMERGENT.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            claim = row["claimId"]
            out.append(
                Pair(
                    f"emergent-{row['articleId']}",
                    claim,
                    split_of(claim, "emergent"),
                    row["articleHeadline"],
                    row["claimHeadline"],
                    row["articleHeadlineStance"],
                )
            )
    return out


def stratified(pairs: list[Pair], per_class: dict[str, int], seed: int = 13) -> list[Pair]:
    """A fixed-seed sample with at most `per_class[stance]` pairs of each stance (all of a
    stance when it has fewer), in a shuffled but fixed order."""
    by: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        by[p.stance].append(p)
    rng = random.Random(seed)
    out = []
    for stance in sorted(by):
        ps = by[stance]
        rng.shuffle(ps)
        out += ps[: per_class.get(stance, len(ps))]
    rng.shuffle(out)
    return out
