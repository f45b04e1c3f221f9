"""What the Reuters-21578 task scores with: one run's outputs by article pair, the exact-duplicate
ground truth, coverage of a body by findings, MinHash LSH (the field's tool) and the hand labels.

A pair is (NEWID, NEWID), smaller first; overlap's article ids are `reuters-<NEWID>`."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations

from . import ROOT
from .reuters import Story, exact_groups

LABELS = ROOT / "benchmarks" / "labels"
SHINGLE = 5  # words per MinHash shingle
NUM_PERM = 128
LSH_BAR = 0.5  # exact Jaccard a MinHash candidate must reach
_TOKEN = re.compile(r"\w+")

Key = tuple[int, int]


def newid(article: str) -> int:
    return int(article.rsplit("-", 1)[1])


def pair_key(a: str, b: str) -> Key:
    x, y = newid(a), newid(b)
    return (x, y) if x < y else (y, x)


def by_pair(findings: Sequence[Sequence]) -> dict[Key, dict]:
    """Article pair -> kinds found and the character spans on each side (repeats left out).
    A finding is [kind, article a, start, end, article b, start, end, ...]."""
    pairs: dict[Key, dict] = {}
    for kind, a, a0, a1, b, b0, b1, *_ in findings:
        if a == b:
            continue  # a repeat inside one article
        row = pairs.setdefault(pair_key(a, b), {"kinds": Counter(), "spans": defaultdict(list)})
        row["kinds"][kind] += 1
        row["spans"][newid(a)].append((a0, a1))
        row["spans"][newid(b)].append((b0, b1))
    return pairs


def covered(spans: list[tuple[int, int]], text: str) -> float:
    """Share of the text's non-space characters inside the union of spans."""
    mask = bytearray(len(text))
    for a, b in spans:
        mask[a:b] = b"\x01" * (b - a)
    solid = [i for i, ch in enumerate(text) if not ch.isspace()]
    return sum(mask[i] for i in solid) / max(1, len(solid))


def shingles(text: str) -> set[str]:
    words = _TOKEN.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def minhash_pairs(texts: dict[str, str]) -> list[list]:
    """datasketch MinHash LSH over word 5-grams: [id, id, Jaccard] for each candidate pair whose
    exact Jaccard is >= 0.5 (texts under five words have nothing to shingle)."""
    from datasketch import MinHash, MinHashLSH

    sets = {ident: shingles(text) for ident, text in texts.items()}
    lsh = MinHashLSH(threshold=LSH_BAR, num_perm=NUM_PERM)
    hashes = {}
    for ident, sh in sets.items():
        if sh:
            m = MinHash(num_perm=NUM_PERM)
            m.update_batch(s.encode("utf-8") for s in sh)
            hashes[ident] = m
            lsh.insert(ident, m)
    candidates = {
        tuple(sorted((ident, other)))
        for ident, m in hashes.items()
        for other in lsh.query(m)
        if other != ident
    }
    out = []
    for a, b in sorted(candidates):
        jaccard = len(sets[a] & sets[b]) / len(sets[a] | sets[b])
        if jaccard >= LSH_BAR:
            out.append([a, b, round(jaccard, 4)])
    return out


def labels(name: str) -> dict[Key, tuple[str, str]]:
    """Hand labels (benchmarks/labels/NAME: newid_a, newid_b, label, note): pair -> (label,
    note)."""
    with open(LABELS / name, encoding="utf-8", newline="") as fh:
        return {
            (int(r["newid_a"]), int(r["newid_b"])): (r["label"].strip(), r["note"].strip())
            for r in csv.DictReader(fh)
        }


class Run:
    """One run's outputs (overlap's copy stages, MinHash) on `stories`, by article pair."""

    def __init__(self, stories: Sequence[Story], overlap: dict, minhash: dict) -> None:
        self.stories, self.overlap, self.minhash = stories, overlap, minhash
        self.story = {s.newid: s for s in stories}
        self.pairs = by_pair(overlap["findings"])
        self.exact = {k for g in exact_groups(stories) for k in combinations(g, 2)}
        self.minhash_pairs = {pair_key(a, b): j for a, b, j in minhash["pairs"]}
        # Pairs of bodies whose every line is under min_copy_words (10): no line of either can
        # become a copy candidate, so no finding reaches them.
        self.short_exact = {
            k
            for k in self.exact
            if max(len(ln.split()) for ln in self.story[k[0]].body.splitlines() or [""]) < 10
        }
        self.near_by_finding = sorted(
            k
            for k, row in self.pairs.items()
            if (row["kinds"]["edited"] or row["kinds"]["paraphrase"]) and k not in self.exact
        )

    def with_kind(self, kind: str) -> set[Key]:
        return {k for k, row in self.pairs.items() if row["kinds"][kind]}

    def share(self, key: Key) -> float:
        """The share of the less covered body inside the pair's findings: how much is reused."""
        if key not in self.pairs:
            return 0.0
        spans = self.pairs[key]["spans"]
        return min(covered(spans[x], self.story[x].body) for x in key)
