"""Findings scored against planted reuse: which plants a `compare` run found, and what every
other finding touched (a hard negative, planted text in the wrong pairing, the background).

The corpus and its plant list come from `benchmarks/synthetic.py` (`build_corpus`, with synthetic
filler or real news as the background); `evaluate` reads its plants.json and the findings as
plain dicts (kind, score, lexical, semantic, verdict, and `a`/`b` spans with article, start, end,
text), so a finding list saved by one run can be scored again without rerunning it.

A plant is *found* when a finding between its two articles overlaps the planted span on both
sides (any kind). *Kind agrees*: the best-overlapping finding has the planted kind. *Coverage*:
share of the planted span covered by matching findings (worse side). *Purity*: share of the best
finding's span inside the plant (worse side).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

# The kind a finding should have for each planted kind.
EXPECTED_KIND = {"verbatim": "verbatim", "edited": "edited", "paraphrase": "paraphrase"}
PLANTED = "planted positive"
HARD_NEGATIVE = "hard negative (MRPC test, Quality 0)"
WRONG_PAIRING = "touches planted text, wrong pairing"
FILLER_REUSED = "filler sentence reused by the generator (a true copy)"
# Background findings: no plant on either side. With real news as the background they are real
# reuse between real articles; with synthetic filler, the three kinds below.
BG_UNRELATED = "background: other public sentences (different items)"
BG_CAPTIONS = "background: two image/video captions (often describe one picture)"
BG_PASSAGE = "background: two sentences of one source passage (ConTRoL/FEVER/MNLI)"


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _sides(finding: dict, plant: dict) -> tuple[dict, dict] | None:
    """The finding's spans as (plant side a, plant side b) when both overlap, else None."""
    fa, fb = finding["a"], finding["b"]
    pa, pb = plant["a"], plant["b"]
    for x, y in ((fa, fb), (fb, fa)):
        if (
            x["article"] == pa["article"]
            and y["article"] == pb["article"]
            and _overlap(x["start"], x["end"], pa["start"], pa["end"])
            and _overlap(y["start"], y["end"], pb["start"], pb["end"])
        ):
            return x, y
    return None


def _coverage(spans: list[dict], target: dict) -> float:
    """Share of `target`'s characters covered by the union of `spans`."""
    covered = [False] * (target["end"] - target["start"])
    for s in spans:
        for i in range(max(s["start"], target["start"]), min(s["end"], target["end"])):
            covered[i - target["start"]] = True
    return sum(covered) / max(1, len(covered))


def _purity(span: dict, target: dict) -> float:
    """Share of a finding span's characters inside the planted span."""
    return _overlap(span["start"], span["end"], target["start"], target["end"]) / max(
        1, span["end"] - span["start"]
    )


def plant_group(p: dict) -> str:
    if p["kind"] == "paraphrase":
        return (
            "paraphrase (MRPC test)" if p["origin"].startswith("mrpc") else "paraphrase (PAN test)"
        )
    return p["kind"]


def evaluate(plants_doc: dict, findings: list[dict]) -> dict:
    """Every finding labelled (planted, hard negative, wrong pairing, background...) and every
    plant scored (found, kind agrees, coverage, purity): what the scale tasks report."""
    labels = _label(findings, _Index(plants_doc))
    scores = _score_plants(plants_doc["plants"], labels.matches)
    categories = labels.categories
    total = sum(categories.values())
    return {
        "claims": labels.claims,
        "edit_verdicts": scores["edit_verdicts"],
        "groups": scores["groups"],
        "confusion": scores["confusion"],
        "categories": categories,
        "cat_kinds": labels.cat_kinds,
        "cat_examples": labels.cat_examples,
        "misses": scores["misses"],
        "disagreements": scores["disagreements"],
        "findings": total,
        "background_sources": labels.background_sources,
        "labelled": labels.labelled,
        "precision": categories[PLANTED] / total if total else None,
        # The same, not counting background findings the filler itself invites (captions of one
        # picture, sentences of one passage): the pipeline's own false positives.
        "precision_adjusted": (
            categories[PLANTED] / adjusted
            if (adjusted := total - categories[BG_CAPTIONS] - categories[BG_PASSAGE])
            else None
        ),
    }


class _Index:
    """The plants by article pair and by article, and where the generator's reused filler and
    every filler sentence lie."""

    def __init__(self, plants_doc: dict):
        self.by_pair: dict[frozenset, list[dict]] = defaultdict(list)
        self.by_article: dict[str, list[tuple[dict, str]]] = defaultdict(list)
        for p in plants_doc["plants"]:
            self.by_pair[frozenset((p["a"]["article"], p["b"]["article"]))].append(p)
            self.by_article[p["a"]["article"]].append((p, "a"))
            self.by_article[p["b"]["article"]].append((p, "b"))
        self.reuse_at: dict[str, list[tuple[int, dict]]] = defaultdict(list)
        for n, r in enumerate(plants_doc.get("filler_reuse", [])):
            for where in r["placements"]:
                self.reuse_at[where["article"]].append((n, where))
        self.filler_at: dict = plants_doc.get("filler_spans", {})


@dataclass
class _Labels:
    matches: dict[int, list[tuple[dict, dict, dict]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # plant id -> (finding, its span on plant side a, on side b)
    categories: Counter = field(default_factory=Counter)
    cat_kinds: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    cat_examples: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    labelled: list[tuple[dict, str]] = field(default_factory=list)
    claims: Counter = field(default_factory=Counter)  # disagreement findings, counted apart
    background_sources: Counter = field(default_factory=Counter)


def _label(findings: list[dict], index: _Index) -> _Labels:
    labels = _Labels()
    for f in findings:
        cat, sources = _category(f, index, labels.matches)
        if f["kind"] == "claim":
            # Not reuse: two related passages judged to disagree. Counted apart.
            labels.claims[cat] += 1
            continue
        if sources:
            labels.background_sources[sources] += 1
        labels.categories[cat] += 1
        labels.cat_kinds[cat][f["kind"]] += 1
        labels.labelled.append((f, cat))
        if cat != PLANTED:
            labels.cat_examples[cat].append(f)
    return labels


def _category(f: dict, index: _Index, matches: dict) -> tuple[str, str]:
    """The finding's category, and for a background one its filler sources ("a × b"). A reuse
    finding on a plant's two sides is added to that plant's matches."""
    hit_pos = hit_neg = None
    for p in index.by_pair.get(frozenset((f["a"]["article"], f["b"]["article"])), []):
        sides = _sides(f, p)
        if sides is None:
            continue
        if f["kind"] != "claim":
            matches[p["id"]].append((f, *sides))
        if p["kind"] == "hard_negative":
            hit_neg = hit_neg or p
        else:
            hit_pos = hit_pos or p
    if hit_pos:
        return PLANTED, ""
    if hit_neg:
        return HARD_NEGATIVE, ""
    if _same_reused_filler(f, index.reuse_at):
        return FILLER_REUSED, ""
    if any(
        _overlap(s["start"], s["end"], p[side]["start"], p[side]["end"])
        for s in (f["a"], f["b"])
        for p, side in index.by_article.get(s["article"], [])
    ):
        return WRONG_PAIRING, ""
    (src_a, doc_a), (src_b, doc_b) = (_filler_source(s, index.filler_at) for s in (f["a"], f["b"]))
    sources = " × ".join(sorted((src_a, src_b)))
    if "captions" in src_a and "captions" in src_b:
        return BG_CAPTIONS, sources
    return (BG_PASSAGE if doc_a and doc_a == doc_b else BG_UNRELATED), sources


def _score_plants(plants: list[dict], matches: dict[int, list[tuple[dict, dict, dict]]]) -> dict:
    """Per plant group: planted, found, kind agrees, coverage and purity; with the confusion of
    kinds, the verdicts on edited copies, the misses and the kind disagreements."""
    groups: dict[str, dict] = {}
    edit_verdicts: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    misses: dict[str, list[dict]] = defaultdict(list)
    disagreements: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
    for p in plants:
        g = plant_group(p)
        row = groups.setdefault(g, _group_row())
        row["planted"] += 1
        found = matches.get(p["id"], [])
        if not found:
            if p["kind"] != "hard_negative":
                misses[g].append(p)
            continue
        row["found"] += 1
        best = max(found, key=lambda m: _overlap_both(m, p))
        kind = best[0]["kind"]
        row["kinds"][kind] += 1
        if p["kind"] == "edited":
            changed = "number" if any(e.startswith("number") for e in p["edits"]) else "word"
            edit_verdicts[changed][best[0].get("verdict") or "not judged"] += 1
        confusion[p["kind"]][kind] += 1
        if EXPECTED_KIND.get(p["kind"]) == kind:
            row["kind_agrees"] += 1
        elif p["kind"] != "hard_negative":
            disagreements[g].append((p, best[0]))
        row["coverage"].append(
            min(_coverage([m[1] for m in found], p["a"]), _coverage([m[2] for m in found], p["b"]))
        )
        row["purity"].append(min(_purity(best[1], p["a"]), _purity(best[2], p["b"])))
    return {
        "edit_verdicts": edit_verdicts,
        "groups": groups,
        "confusion": confusion,
        "misses": misses,
        "disagreements": disagreements,
    }


def _group_row() -> dict:
    return {
        "planted": 0,
        "found": 0,
        "kind_agrees": 0,
        "coverage": [],
        "purity": [],
        "kinds": Counter(),
    }


def _overlap_both(match: tuple[dict, dict, dict], p: dict) -> int:
    """Characters a match's two spans share with the plant's two sides."""
    _, a, b = match
    return _overlap(a["start"], a["end"], p["a"]["start"], p["a"]["end"]) + _overlap(
        b["start"], b["end"], p["b"]["start"], p["b"]["end"]
    )


def _filler_source(span: dict, filler_at: dict) -> tuple[str, str]:
    """(public set, source passage) of the filler under a finding span (most characters wins)."""
    share: Counter = Counter()
    for start, end, source, doc in filler_at.get(span["article"], []):
        if n := _overlap(span["start"], span["end"], start, end):
            share[(source, doc)] += n
    return share.most_common(1)[0][0] if share else ("?", "")


def _same_reused_filler(f: dict, reuse_at: dict) -> bool:
    ids_a = {
        n
        for n, w in reuse_at.get(f["a"]["article"], [])
        if _overlap(f["a"]["start"], f["a"]["end"], w["start"], w["end"])
    }
    ids_b = {
        n
        for n, w in reuse_at.get(f["b"]["article"], [])
        if _overlap(f["b"]["start"], f["b"]["end"], w["start"], w["end"])
    }
    return bool(ids_a & ids_b)
