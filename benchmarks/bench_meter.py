"""METER courts (issue 12 item 2): does overlap find the reuse journalists marked?

    python benchmarks/bench_meter.py run   [--meter DIR] [--tag raw] [--limit N]   # slow, resumable
                                           [--split dev --seed 1]  # a split, in a seeded order
                                           [--set min_copy_words=6 ...]  # Settings overrides
    python benchmarks/bench_meter.py ablate --base raw --tag T --set KEY=VALUE   # copy stage only
    python benchmarks/bench_meter.py score [--tag raw] [--limit N] [--write]       # seconds
    ... ablate|score --split dev   # dev = stories in hash folds 0-2 (tuning), test = folds 3-4

`run`: for each story (a `<date>/<catchline>` folder: its PA wire files plus the newspaper
articles written from it) call `overlap.compare` on the files as they are (no cleaning: what
overlap reads is what is measured), with judging off (only reuse is measured). Per newspaper
article it keeps the spans reused from the PA files (kind, offsets into the article as overlap
read it) and the text as read, one JSON line per story in benchmarks/.work/meter/<tag>.jsonl;
stories already in the file are not run again, so a killed run resumes where it stopped.

`score` reads that file and reports:
1. derivation: per article the share of its (non-space) characters reused from the PA files,
   verbatim / edited / paraphrase / total (overlap/derivation.py), derived (wholly + partially)
   vs non AUC on the total share, the mean share of wholly derived articles, and three-way
   macro-F1 with the two thresholds fitted by 5-fold GroupKFold over stories (fitted on the
   training folds only; each article is scored by thresholds that never saw its story);
2. spans: character-level precision and recall of overlap's reused spans against METER's
   word-level annotations (Verbatim / Rewrite / New, the .sgml files). How the annotation is
   mapped onto the article as overlap read it: both texts are cut into words (runs of non-space
   characters); the two word sequences are aligned with difflib; words in equal blocks map one
   to one, and in a replace block of equal length word i maps to word i (a word that decoded
   differently, like "£1,000" read as "Ł1,000", still maps). Every non-space character of a
   mapped article word takes its annotated word's tag; unmapped words carry no gold tag and are
   left out of both precision and recall. Precision = share of predicted reused characters that
   are annotated Verbatim or Rewrite; verbatim recall = share of Verbatim characters inside a
   predicted span (any kind); rewrite recall likewise for Rewrite.

`--write` replaces the `## METER courts (issue 12)` section of reports/benchmarks.md.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import shlex
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mdreport import machine, replace_section  # noqa: E402
from meter import default_root, load_stories, read_annotation  # noqa: E402

from overlap.derivation import REUSE_KINDS, Thresholds, label_for, reused_shares  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "benchmarks" / ".work" / "meter"
TITLE = "METER courts (issue 12)"
FOLDS = 5
# Tuning happens on the dev stories only (their stable hash in folds 0-2 of 5), so the rest
# stays a check of what the tuning learnt; reported figures are over all stories.
SPLITS = {"all": range(5), "dev": range(3), "test": range(3, 5)}


def in_split(story: str, split: str) -> bool:
    """Whether the story `<date>/<catchline>` belongs to `split` (by a stable hash of its key)."""
    import hashlib

    return int(hashlib.sha1(story.encode()).hexdigest(), 16) % 5 in SPLITS[split]


# --------------------------------------------------------------------------- run


def run(
    meter: Path,
    tag: str,
    limit: int | None,
    overrides: list[str],
    split: str = "all",
    seed: int | None = None,
) -> None:
    from overlap.config import load_settings
    from overlap.embed import MiniLM
    from overlap.pipeline import compare

    WORK.mkdir(parents=True, exist_ok=True)
    out = WORK / f"{tag}.jsonl"
    done = set()
    if out.exists():
        done = {json.loads(line)["story"] for line in out.read_text().splitlines() if line}
    stories = [st for st in load_stories(meter) if in_split(st.key, split)]
    if seed is not None:
        # A seeded order, so that a run stopped early (the shared machine's time box) has read a
        # random sample of the split rather than its first dates.
        random.Random(seed).shuffle(stories)
    stories = stories[:limit]
    values = parse_overrides(overrides)
    s = load_settings(None, judge=False, cache_path=WORK / "cache.sqlite", **values)
    embedder = MiniLM(s.batch_size, s.embed_precision)  # loaded once for all stories
    began = time.perf_counter()
    for n, story in enumerate(stories, 1):
        if story.key in done:
            continue
        t0 = time.perf_counter()
        inputs = [str(p) for p in story.pa] + [str(p.path) for p in story.papers]
        result = compare(inputs, s, embedder=embedder)
        by_source = {a.source: a for a in result.articles}
        pa_ids = {by_source[str(p)].id for p in story.pa if str(p) in by_source}
        papers = []
        for paper in story.papers:
            art = by_source.get(str(paper.path))
            if art is None:
                papers.append(
                    {
                        "path": str(paper.path),
                        "label": paper.label,
                        "read": False,
                        "spans": [],
                        "text": "",
                    }
                )
                continue
            spans = []
            for f in result.findings:
                if f.kind.value not in REUSE_KINDS:
                    continue
                for mine, other in ((f.b, f.a), (f.a, f.b)):
                    if mine.article == art.id and other.article in pa_ids:
                        spans.append([f.kind.value, mine.start, mine.end, other.article])
            papers.append(
                {
                    "path": str(paper.path),
                    "label": paper.label,
                    "read": True,
                    "encoding": art.encoding,
                    "text": art.text,
                    "spans": spans,
                    "annotation": str(paper.annotation) if paper.annotation else None,
                }
            )
        record = {
            "story": story.key,
            "pa": len(story.pa),
            "pa_read": len(pa_ids),
            "settings": values,
            "skipped": [[sk.source, sk.reason] for sk in result.skipped],
            "seconds": round(time.perf_counter() - t0, 2),
            "papers": papers,
        }
        with out.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")
        print(
            f"{n}/{len(stories)} {story.key}: {len(pa_ids)}/{len(story.pa)} PA read, "
            f"{record['seconds']} s",
            flush=True,
        )
    print(f"done in {time.perf_counter() - began:.0f} s -> {out}")


def parse_overrides(items: list[str]) -> dict[str, object]:
    values: dict[str, object] = {}
    for item in items:  # min_copy_words=6: a reuse-detection threshold to try
        key, _, value = item.partition("=")
        values[key] = (
            json.loads(value) if value[:1].isdigit() or value in ("true", "false") else value
        )
    return values


def ablate(meter: Path, base: str, tag: str, overrides: list[str], split: str = "all") -> None:
    """The copy stage alone (no model: read, segment, copy index, copy alignment) with
    `overrides`, on the stories already in `base`; its copy spans replace base's verbatim and
    edited spans and base's paraphrase spans are kept, written as `tag`. A cheap way to try a
    copy threshold: an approximation of a full `run --set` (a new copy can hide a paraphrase
    there), which is the measurement to report."""
    from overlap.align import align_across
    from overlap.candidates import copy_candidates
    from overlap.chrome import find_chrome
    from overlap.config import load_settings
    from overlap.ingest import read_articles
    from overlap.segment import segment

    values = parse_overrides(overrides)
    s = load_settings(None, judge=False, cache_path=None, **values)
    out = WORK / f"{tag}.jsonl"
    stories = {x.key: x for x in load_stories(meter)}
    with out.open("w", encoding="utf-8") as fh:
        for rec in sorted(load(base), key=lambda r: r["story"]):
            if not in_split(rec["story"], split):
                continue
            pa_paths = [str(p) for p in stories[rec["story"]].pa]
            inputs = pa_paths + [p["path"] for p in rec["papers"]]
            articles, _ = read_articles(inputs, s.encoding, None, False, s.encoding_force)
            chrome = find_chrome(
                articles, s.recurring_line_min_articles, s.recurring_line_max_words
            )
            segs = [segment(a, chrome[a.id]) for a in articles]
            copies = copy_candidates(segs, s)
            found = align_across(
                segs,
                copies.across,
                {},
                set(),
                s.min_copy_words,
                s.edited_min_similarity,
                s.min_paraphrase_words,
            )
            by_source = {a.source: a for a in articles}
            pa_ids = {by_source[p].id for p in pa_paths if p in by_source}
            for p in rec["papers"]:
                art = by_source.get(p["path"])
                spans = [x for x in p["spans"] if x[0] == "paraphrase"]
                for f in found if art else ():
                    for mine, other in ((f.b, f.a), (f.a, f.b)):
                        if mine.article == art.id and other.article in pa_ids:
                            spans.append([f.kind.value, mine.start, mine.end, other.article])
                p["spans"] = spans
            rec["settings"] = {"ablate_from": base, **values}
            fh.write(json.dumps(rec) + "\n")
    print(f"-> {out}")


# --------------------------------------------------------------------------- score


def load(tag: str) -> list[dict]:
    path = WORK / f"{tag}.jsonl"
    if not path.exists():
        sys.exit(f"{path} not found: run `python benchmarks/bench_meter.py run --tag {tag}` first")
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def article_rows(records: list[dict]) -> list[dict]:
    rows = []
    for rec in records:
        for p in rec["papers"]:
            shares = reused_shares(p["text"], [(k, a, b) for k, a, b, _ in p["spans"]])
            rows.append(
                {
                    "story": rec["story"],
                    "label": p["label"],
                    "shares": shares,
                    "path": p["path"],
                    "read": p["read"],
                }
            )
    return rows


CLASSES = ("wholly", "partially", "non")


def macro_f1(gold: list[str], pred: list[str]) -> float:
    """Macro-F1 over wholly / partially / non (sklearn's definition; a class never predicted
    and never gold scores 0)."""
    g = np.array([CLASSES.index(x) for x in gold])
    p = np.array([CLASSES.index(x) for x in pred])
    return _macro_f1_codes(g, p)


def _macro_f1_codes(g: np.ndarray, p: np.ndarray) -> float:
    f1s = []
    for c in range(len(CLASSES)):
        tp = np.sum((g == c) & (p == c))
        denom = np.sum(g == c) + np.sum(p == c)
        f1s.append(2 * tp / denom if denom else 0.0)
    return float(np.mean(f1s))


def fit_thresholds(scores: np.ndarray, gold: list[str]) -> Thresholds:
    """The (partially, wholly) pair on the share grid with the best macro-F1 on these articles;
    ties go to the pair in the middle of the tied list (less brittle than the first)."""
    grid = np.round(np.arange(0.0, 1.0001, 0.01), 2)
    g = np.array([CLASSES.index(x) for x in gold])
    best, tied = -1.0, []
    for lo in grid:
        for hi in grid[grid > lo]:
            # same rule as derivation.label_for: >= wholly -> 0, >= partially -> 1, else 2
            p = np.where(scores >= hi, 0, np.where(scores >= lo, 1, 2))
            f1 = _macro_f1_codes(g, p)
            th = Thresholds(float(lo), float(hi))
            if f1 > best + 1e-12:
                best, tied = f1, [th]
            elif abs(f1 - best) <= 1e-12:
                tied.append(th)
    return tied[len(tied) // 2]


def cross_validate(rows: list[dict]) -> tuple[float, list[str], list[Thresholds]]:
    from sklearn.model_selection import GroupKFold

    scores = np.array([r["shares"].total for r in rows])
    gold = [r["label"] for r in rows]
    groups = [r["story"] for r in rows]
    pred = [""] * len(rows)
    fitted = []
    for train, test in GroupKFold(n_splits=FOLDS).split(scores, gold, groups):
        th = fit_thresholds(scores[train], [gold[i] for i in train])
        fitted.append(th)
        for i in test:
            pred[i] = label_for(float(scores[i]), th)
    return macro_f1(gold, pred), pred, fitted


def word_spans(text: str) -> list[tuple[int, int]]:
    import re

    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def gold_tags(article_text: str, sgml: Path) -> list[str | None]:
    """Per character of `article_text`, its annotated tag (None where no annotated word maps)."""
    ann_text, ann_tags = read_annotation(sgml)
    aw, bw = word_spans(ann_text), word_spans(article_text)
    a_words = [ann_text[s:e] for s, e in aw]
    b_words = [article_text[s:e] for s, e in bw]
    tags: list[str | None] = [None] * len(article_text)
    sm = difflib.SequenceMatcher(None, a_words, b_words, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                s, e = aw[i]
                tag = Counter(ann_tags[s:e]).most_common(1)[0][0]
                for k in range(*bw[j]):
                    tags[k] = tag
    return tags


def span_scores(records: list[dict]) -> dict[str, float]:
    tp_reuse = pred_n = 0
    hit = Counter()
    total = Counter()
    mapped = unmapped = files = 0
    for rec in records:
        for p in rec["papers"]:
            if not p.get("annotation") or not p["read"]:
                continue
            files += 1
            text = p["text"]
            tags = gold_tags(text, Path(p["annotation"]))
            predicted = np.zeros(len(text), dtype=bool)
            for _, a, b, _ in p["spans"]:
                predicted[a:b] = True
            for k, ch in enumerate(text):
                if ch.isspace():
                    continue
                tag = tags[k]
                if tag is None:
                    unmapped += 1
                    continue
                mapped += 1
                total[tag] += 1
                if predicted[k]:
                    hit[tag] += 1
                    pred_n += 1
                    tp_reuse += tag in ("verbatim", "rewrite")
    return {
        "files": files,
        "precision": tp_reuse / pred_n if pred_n else 0.0,
        "verbatim_recall": hit["verbatim"] / total["verbatim"] if total["verbatim"] else 0.0,
        "rewrite_recall": hit["rewrite"] / total["rewrite"] if total["rewrite"] else 0.0,
        "new_flagged": hit["new"] / total["new"] if total["new"] else 0.0,
        "mapped_share": mapped / (mapped + unmapped) if mapped + unmapped else 0.0,
        "chars": dict(total),
    }


def score(
    tag: str,
    write: bool,
    limit: int | None = None,
    compare: tuple[str, ...] = (),
    split: str = "all",
    before: str | None = None,
) -> None:
    from sklearn.metrics import roc_auc_score

    records = [
        r for r in sorted(load(tag), key=lambda r: r["story"]) if in_split(r["story"], split)
    ][:limit]  # --limit: compare like with like
    rows = article_rows(records)
    gold = [r["label"] for r in rows]
    totals = np.array([r["shares"].total for r in rows])
    auc = float(roc_auc_score([g != "non" for g in gold], totals))
    f1, pred, fitted = cross_validate(rows)
    mean = {
        lab: {
            k: statistics.fmean(getattr(r["shares"], k) for r in rows if r["label"] == lab)
            for k in ("verbatim", "edited", "paraphrase", "total")
        }
        for lab in ("wholly", "partially", "non")
    }
    spans = span_scores(records)
    pa = sum(r["pa"] for r in records)
    pa_read = sum(r["pa_read"] for r in records)
    unread = sum(not r["read"] for r in rows)
    conf = Counter(zip(gold, pred, strict=True))
    lines = [
        f"tag `{tag}`: {len(records)} stories, {len(rows)} newspaper articles "
        f"({Counter(gold)['wholly']} wholly / {Counter(gold)['partially']} partially / "
        f"{Counter(gold)['non']} non), {pa_read}/{pa} PA files read, {unread} articles unread",
        f"derived-vs-non AUC (share_total): {auc:.3f}",
        f"three-way macro-F1, {FOLDS}-fold GroupKFold by story: {f1:.3f}; fitted thresholds "
        + ", ".join(f"({t.partially:.2f}, {t.wholly:.2f})" for t in fitted),
        "mean share by label (verbatim / edited / paraphrase / total): "
        + "; ".join(
            f"{lab} {m['verbatim']:.2f} / {m['edited']:.2f} / {m['paraphrase']:.2f} / "
            f"{m['total']:.2f}"
            for lab, m in mean.items()
        ),
        "confusion (gold -> predicted): "
        + ", ".join(
            f"{g}->{p} {conf[(g, p)]}"
            for g in ("wholly", "partially", "non")
            for p in ("wholly", "partially", "non")
        ),
        f"spans vs annotations ({spans['files']} files, {spans['mapped_share']:.1%} of characters "
        f"mapped): precision {spans['precision']:.3f}, verbatim recall "
        f"{spans['verbatim_recall']:.3f}, rewrite recall {spans['rewrite_recall']:.3f}, "
        f"New flagged {spans['new_flagged']:.3f}",
    ]
    print("\n".join(lines))
    variants = []
    for other in compare:  # ablations, scored on the first stories they share with `tag`
        recs = [
            r for r in sorted(load(other), key=lambda r: r["story"]) if in_split(r["story"], split)
        ]
        n = min(len(recs), len(records))
        base_auc, base_f1, base_sp = quick(records[:n])
        v_auc, v_f1, v_sp = quick(recs[:n])
        settings = recs[0].get("settings", {})
        variants.append(
            f"| {other} ({', '.join(f'{k}={v}' for k, v in settings.items())}) | "
            f"{n} | {base_auc:.3f} -> {v_auc:.3f} | {base_f1:.3f} -> {v_f1:.3f} | "
            f"{base_sp['verbatim_recall']:.3f} -> {v_sp['verbatim_recall']:.3f} | "
            f"{base_sp['precision']:.3f} -> {v_sp['precision']:.3f} |"
        )
        print(variants[-1])
    old = None
    if before:  # the same measures of an earlier run, set beside (same stories)
        recs = [
            r for r in sorted(load(before), key=lambda r: r["story"]) if in_split(r["story"], split)
        ][:limit]
        b_rows = article_rows(recs)
        old = {
            "tag": before,
            "auc": quick(recs)[0],
            "f1": cross_validate(b_rows)[0],
            "spans": span_scores(recs),
            "wholly": statistics.fmean(r["shares"].total for r in b_rows if r["label"] == "wholly"),
        }
        print(f"before ({before}): AUC {old['auc']:.3f}, macro-F1 {old['f1']:.3f}")
    if write:
        write_section(
            tag,
            len(records),
            len(rows),
            auc,
            f1,
            mean,
            spans,
            fitted,
            pa,
            pa_read,
            variants,
            old,
            records[0].get("settings", {}) if records else {},
        )


def quick(records: list[dict]) -> tuple[float, float, dict]:
    from sklearn.metrics import roc_auc_score

    rows = article_rows(records)
    auc = float(
        roc_auc_score([r["label"] != "non" for r in rows], [r["shares"].total for r in rows])
    )
    return auc, cross_validate(rows)[0], span_scores(records)


def write_section(
    tag,
    stories,
    articles,
    auc,
    f1,
    mean,
    spans,
    fitted,
    pa,
    pa_read,
    variants,
    old=None,
    settings=None,
) -> None:
    cmd = (
        f"python benchmarks/bench_meter.py run --tag {shlex.quote(tag)} && "
        f"python benchmarks/bench_meter.py score --tag {shlex.quote(tag)} --write"
    )
    base = (settings or {}).get("ablate_from")
    if base:  # the copy stage re-run over a full run's records
        cmd = (
            f"python benchmarks/bench_meter.py run --tag {shlex.quote(base)} && "
            f"python benchmarks/bench_meter.py ablate --base {shlex.quote(base)} "
            f"--tag {shlex.quote(tag)} && python benchmarks/bench_meter.py score --tag "
            f"{shlex.quote(tag)}"
            + (f" --before {shlex.quote(old['tag'])}" if old else "")
            + " --write"
        )
    th = ", ".join(f"({t.partially:.2f}, {t.wholly:.2f})" for t in fitted)
    w = mean["wholly"]
    rows = [
        (
            "derived-vs-non AUC (share total)",
            f"{auc:.3f}",
            "issue 12 baseline 0.56 raw / 0.82 cleaned; goal 0.92",
        ),
        ("three-way macro-F1 (CV by story)", f"{f1:.3f}", "Clough et al. 2002: 0.664; goal 0.75"),
        (
            "mean share, wholly derived",
            f"{w['total']:.2f} (verbatim {w['verbatim']:.2f}, edited "
            f"{w['edited']:.2f}, paraphrase {w['paraphrase']:.2f})",
            "issue 12 baseline 0.11 raw / 0.61 cleaned",
        ),
        (
            "mean share, partially / non",
            f"{mean['partially']['total']:.2f} / {mean['non']['total']:.2f}",
            "",
        ),
        ("span precision (chars, vs Verbatim+Rewrite)", f"{spans['precision']:.3f}", "goal 0.9"),
        ("verbatim recall (chars)", f"{spans['verbatim_recall']:.3f}", "goal 0.95"),
        ("rewrite recall (chars)", f"{spans['rewrite_recall']:.3f}", "goal 0.7"),
        ("New characters inside a reused span", f"{spans['new_flagged']:.3f}", ""),
    ]
    if old:
        was = [
            f"{old['auc']:.3f}",
            f"{old['f1']:.3f}",
            f"{old['wholly']:.2f}",
            "",
            f"{old['spans']['precision']:.3f}",
            f"{old['spans']['verbatim_recall']:.3f}",
            f"{old['spans']['rewrite_recall']:.3f}",
            f"{old['spans']['new_flagged']:.3f}",
        ]
        table = "\n".join(
            [
                f"| measure | before (`{old['tag']}`) | overlap | anchor / goal |",
                "|---|---|---|---|",
                *(f"| {m} | {w} | {v} | {a} |" for (m, v, a), w in zip(rows, was, strict=True)),
            ]
        )
    else:
        table = "\n".join(
            [
                "| measure | overlap | anchor / goal |",
                "|---|---|---|",
                *(f"| {m} | {v} | {a} |" for m, v, a in rows),
            ]
        )
    ablations = (
        ""
        if not variants
        else "\n".join(
            [
                "Copy thresholds tried (`ablate`: the copy stage re-run with the override, "
                "paraphrase",
                "spans kept; same stories; base -> variant):",
                "",
                "| variant | stories | AUC | macro-F1 (CV) | verbatim recall | span precision |",
                "|---|---|---|---|---|---|",
                *variants,
                "",
            ]
        )
    )
    body = f"""
Development figures on METER's courts domain (the copy in `../shared/data/news/meter`), one
`overlap.compare` per story folder (its PA wire files plus the newspaper articles written from
it), files given as they are, judging off. {stories} stories, {articles} newspaper articles,
{pa_read} of {pa} PA files read. Share = share of an article's non-space characters inside a span
reused from a PA file (overlap/derivation.py). F1 thresholds fitted by {FOLDS}-fold GroupKFold
over stories, on the training folds only (fold thresholds, partially/wholly: {th}).

{table}

Spans are scored on {spans["files"]} annotated articles ({spans["mapped_share"]:.1%} of their
non-space characters mapped onto the text as overlap read it; see the docstring of
`benchmarks/bench_meter.py` for the word alignment). {machine()}.

{ablations}

    {cmd}
"""
    replace_section(TITLE, body)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=["run", "ablate", "score"])
    ap.add_argument("--base", default="raw", help="ablate: the run whose stories to redo")
    ap.add_argument("--compare", nargs="*", default=[], help="score: ablation tags to set beside")
    ap.add_argument("--before", default=None, help="score: an earlier run to set beside (--write)")
    ap.add_argument("--meter", type=Path, default=None)
    ap.add_argument("--tag", default="raw", help="name of the results file under .work/meter")
    ap.add_argument("--limit", type=int, default=None, help="first N stories only")
    ap.add_argument("--write", action="store_true", help="update reports/benchmarks.md")
    ap.add_argument(
        "--split",
        choices=sorted(SPLITS),
        default="all",
        help="run/ablate/score: dev stories (tuning), test stories (checking), or all",
    )
    ap.add_argument(
        "--seed",
        type=int,
        default=None,
        help="run: read the stories in an order shuffled by this seed (a partial run is a sample)",
    )
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a Settings override for the run (repeatable)",
    )
    args = ap.parse_args()
    if args.step == "run":
        run(args.meter or default_root(), args.tag, args.limit, args.set, args.split, args.seed)
    elif args.step == "ablate":
        ablate(args.meter or default_root(), args.base, args.tag, args.set, args.split)
    else:
        score(args.tag, args.write, args.limit, tuple(args.compare), args.split, args.before)


if __name__ == "__main__":
    main()
