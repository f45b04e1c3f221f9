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
    plants = plants_doc["plants"]
    by_pair: dict[frozenset, list[dict]] = defaultdict(list)
    by_article: dict[str, list[tuple[dict, str]]] = defaultdict(list)
    for p in plants:
        by_pair[frozenset((p["a"]["article"], p["b"]["article"]))].append(p)
        by_article[p["a"]["article"]].append((p, "a"))
        by_article[p["b"]["article"]].append((p, "b"))
    reuse_at: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for n, r in enumerate(plants_doc.get("filler_reuse", [])):
        for where in r["placements"]:
            reuse_at[where["article"]].append((n, where))

    filler_at = plants_doc.get("filler_spans", {})
    background_sources: Counter = Counter()
    matches: dict[int, list[tuple[dict, dict, dict]]] = defaultdict(list)
    categories: Counter = Counter()
    cat_kinds: dict[str, Counter] = defaultdict(Counter)
    cat_examples: dict[str, list[dict]] = defaultdict(list)
    labelled: list[tuple[dict, str]] = []
    claims: Counter = Counter()
    for f in findings:
        is_claim = f["kind"] == "claim"
        hit_pos = hit_neg = None
        for p in by_pair.get(frozenset((f["a"]["article"], f["b"]["article"])), []):
            sides = _sides(f, p)
            if sides is None:
                continue
            if not is_claim:
                matches[p["id"]].append((f, *sides))
            if p["kind"] == "hard_negative":
                hit_neg = hit_neg or p
            else:
                hit_pos = hit_pos or p
        if hit_pos:
            cat = PLANTED
        elif hit_neg:
            cat = HARD_NEGATIVE
        elif _same_reused_filler(f, reuse_at):
            cat = FILLER_REUSED
        elif any(
            _overlap(s["start"], s["end"], p[side]["start"], p[side]["end"])
            for s in (f["a"], f["b"])
            for p, side in by_article.get(s["article"], [])
        ):
            cat = WRONG_PAIRING
        else:
            (src_a, doc_a), (src_b, doc_b) = (
                _filler_source(s, filler_at) for s in (f["a"], f["b"])
            )
            if not is_claim:
                background_sources[" × ".join(sorted((src_a, src_b)))] += 1
            if "captions" in src_a and "captions" in src_b:
                cat = BG_CAPTIONS
            elif doc_a and doc_a == doc_b:
                cat = BG_PASSAGE
            else:
                cat = BG_UNRELATED
        if is_claim:
            # Not reuse: two related passages judged to disagree. Counted apart.
            claims[cat] += 1
            continue
        categories[cat] += 1
        cat_kinds[cat][f["kind"]] += 1
        labelled.append((f, cat))
        if cat != PLANTED:
            cat_examples[cat].append(f)

    groups: dict[str, dict] = {}
    edit_verdicts: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    misses: dict[str, list[dict]] = defaultdict(list)
    disagreements: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
    for p in plants:
        g = plant_group(p)
        row = groups.setdefault(
            g,
            {
                "planted": 0,
                "found": 0,
                "kind_agrees": 0,
                "coverage": [],
                "purity": [],
                "kinds": Counter(),
            },
        )
        row["planted"] += 1
        found = matches.get(p["id"], [])
        if not found:
            if p["kind"] != "hard_negative":
                misses[g].append(p)
            continue
        row["found"] += 1
        best = max(
            found,
            key=lambda m: (
                _overlap(m[1]["start"], m[1]["end"], p["a"]["start"], p["a"]["end"])
                + _overlap(m[2]["start"], m[2]["end"], p["b"]["start"], p["b"]["end"])
            ),
        )
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
    total = sum(categories.values())
    return {
        "claims": claims,
        "edit_verdicts": edit_verdicts,
        "groups": groups,
        "confusion": confusion,
        "categories": categories,
        "cat_kinds": cat_kinds,
        "cat_examples": cat_examples,
        "misses": misses,
        "disagreements": disagreements,
        "findings": total,
        "background_sources": background_sources,
        "labelled": labelled,
        "precision": categories[PLANTED] / total if total else None,
        # The same, not counting background findings the filler itself invites (captions of one
        # picture, sentences of one passage): the pipeline's own false positives.
        "precision_adjusted": (
            categories[PLANTED] / adjusted
            if (adjusted := total - categories[BG_CAPTIONS] - categories[BG_PASSAGE])
            else None
        ),
    }


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
