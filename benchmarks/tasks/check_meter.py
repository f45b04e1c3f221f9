"""`overlap check` on real news (issue 13): METER newspaper articles checked against their PA copy.

A METER courts newspaper article was written from its story's Press Association wire files, so
checking it against them (`overlap check PAPER --against PA-FILES`, judging on) is a real draft
against its real sources. Every sentence the check classes is kept, with its class and the
reasons behind it, one JSON line per article in benchmarks/.work/check_meter/<tag>.jsonl; an
article already there is not checked again, so a stopped run resumes where it stopped.

The figures:
- the class mix over all the sample's sentences;
- alarm precision per class (misquoted / contradicted, and misquoted sentences whose reason is
  another speaker): each such sentence is hand-labelled in benchmarks/labels/meter_check.csv
  (is the alarm right: the PA copy differs in the words said or in the fact?); an alarm with no
  label is counted as unlabelled, never as right or wrong;
- the share of sentences given each class by the article's METER label (wholly / partially /
  non-derived): a wholly-derived article should rarely have an "unsupported" sentence.

    OMP_NUM_THREADS=1 python -m benchmarks run check_meter.track_dev           # 40 articles
    python -m benchmarks run check_meter.track_dev --set n=10 --set tag=try    # a quick look

The sample is `n` articles drawn with `random.Random(seed)` from the papers of the **dev**
stories (benchmarks.meter.in_split; tune on these only), in the load order of load_stories.
The run file holds the sentences as read (it stays in .work, which git ignores: the corpus is
research-only); the labels hold offsets and short reasons, no corpus text.
"""

from __future__ import annotations

import csv
import json
import random
import time
from collections import Counter
from pathlib import Path

from ..harness import figure

SECTION = "overlap check on METER newspapers (issue 13)"
LABELS = Path(__file__).resolve().parents[1] / "labels" / "meter_check.csv"
WORK = Path(__file__).resolve().parents[1] / ".work" / "check_meter"
# The alarms a person reads: a draft fails on these (with copied, which METER's own word
# annotation already measures: meter.track_courts).
ALARMS = ("misquoted", "contradicted")
CLASSES = ("misquoted", "contradicted", "copied", "quoted", "supported", "unsupported")


def sample(split: str = "dev", n: int = 40, seed: int = 7, root: Path | None = None) -> list:
    """`n` (story, paper) pairs drawn with random.Random(seed) from the split's newspaper
    articles (stories without PA files left out: there is nothing to check against)."""
    from ..data import require
    from ..meter import in_split, load_stories

    stories = load_stories(root or require("meter"))
    papers = [(st, p) for st in stories if in_split(st.key, split) and st.pa for p in st.papers]
    picked = random.Random(seed).sample(papers, min(n, len(papers)))
    return sorted(picked, key=lambda sp: sp[1].path)


def paper_record(story, paper, root: Path, settings, models) -> dict:
    """One newspaper article through `check` against its story's PA files: per sentence its
    offsets, class, the reasons of the deciding link and the check's notes."""
    from overlap.draft import check

    began = time.perf_counter()
    result = check(str(paper.path), [str(p) for p in story.pa], settings, models=models)
    sources = {a.id: Path(a.source).name for a in result.sources}
    sentences = []
    for c in result.sentences:
        top = c.links[0] if c.links else None
        sentences.append(
            {
                "start": c.span.start,
                "end": c.span.end,
                "class": c.cls.value,
                "reasons": list(top.reasons) if top else [],
                "notes": list(c.notes),
                "source": sources.get(top.source, top.source) if top else "",
                "source_text": top.span.text if top else "",
                "text": c.span.text,
            }
        )
    return {
        "story": story.key,
        "paper": paper.path.resolve().relative_to(root.resolve()).as_posix(),
        "label": paper.label,
        "seconds": round(time.perf_counter() - began, 2),
        "sentences": sentences,
    }


def run(split: str, n: int, seed: int, tag: str) -> list[dict]:
    """Check the sample's articles into .work/check_meter/<tag>.jsonl, skipping those already
    there; the records of the sample, in its order."""
    from overlap.config import load_settings
    from overlap.models import load_models

    from ..data import require

    root = require("meter")
    WORK.mkdir(parents=True, exist_ok=True)
    out = WORK / f"{tag}.jsonl"
    done = {r["paper"]: r for r in read_run(out)}
    picked = sample(split, n, seed, root)
    rel = {p.path: p.path.resolve().relative_to(root.resolve()).as_posix() for _, p in picked}
    todo = [(st, p) for st, p in picked if rel[p.path] not in done]
    if todo:
        s = load_settings(None, cache_path=WORK / "cache.sqlite")  # check's defaults: judging on
        models = load_models(s)  # loaded once for all articles
        for k, (story, paper) in enumerate(todo, 1):
            record = paper_record(story, paper, root, s, models)
            with out.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(record) + "\n")
            done[record["paper"]] = record
            print(f"{k}/{len(todo)} {record['paper']}: {record['seconds']} s", flush=True)
    return [done[rel[p.path]] for _, p in picked]


def read_run(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def read_labels(path: Path = LABELS) -> dict[tuple[str, int, str], dict[str, str]]:
    """(file, sentence start, class) -> the label row (story, file, start, class, right, reason).
    The class is in the key: a label says whether *that* alarm is right, so a sentence whose
    class changes is unlabelled again."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {(r["file"], int(r["start"]), r["class"]): r for r in csv.DictReader(fh)}


def alarm_kind(sentence: dict) -> str:
    """The alarm a sentence raises: its class, or "misattributed" for a misquote whose reason is
    another speaker (a different fault from changed words)."""
    cls = sentence["class"]
    said = " ".join(sentence["reasons"] + sentence["notes"])
    # misquotes.reason words a misattribution so ("these words are X's, not Y's")
    if cls == "misquoted" and ("these words are " in said or "never names " in said):
        return "misattributed"
    return cls


def scores(records: list[dict], labels: dict) -> dict[str, float | tuple[int, str]]:
    """The class mix, alarm precision from the labels, and the class shares by METER label."""
    out: dict[str, float | tuple[int, str]] = {
        "articles": (len(records), "articles"),
        "sentences": (sum(len(r["sentences"]) for r in records), "sentences"),
    }
    mix = Counter(s["class"] for r in records for s in r["sentences"])
    for cls in CLASSES:
        out[f"class: {cls}"] = (mix[cls], "sentences")
    right: Counter = Counter()
    wrong: Counter = Counter()
    unlabelled: Counter = Counter()
    for r in records:
        for s in r["sentences"]:
            if s["class"] not in ALARMS:
                continue
            kind = alarm_kind(s)
            row = labels.get((r["paper"], s["start"], s["class"]))
            if row is None:
                unlabelled[kind] += 1
            elif row["right"].strip().lower() == "yes":
                right[kind] += 1
            else:
                wrong[kind] += 1
    for kind in ("misquoted", "misattributed", "contradicted"):
        judged = right[kind] + wrong[kind]
        if judged:
            out[f"{kind}: alarm precision"] = round(100 * right[kind] / judged, 1)
        out[f"{kind}: alarms right"] = (right[kind], "sentences")
        out[f"{kind}: alarms wrong"] = (wrong[kind], "sentences")
        if unlabelled[kind]:
            out[f"{kind}: alarms unlabelled"] = (unlabelled[kind], "sentences")
    by_label: dict[str, Counter] = {}
    for r in records:
        by_label.setdefault(r["label"], Counter()).update(s["class"] for s in r["sentences"])
    for label in ("wholly", "partially", "non"):
        counts = by_label.get(label)
        if not counts:
            continue
        total = sum(counts.values())
        out[f"{label}-derived: sentences"] = (total, "sentences")
        for cls in CLASSES:
            out[f"{label}-derived: {cls} share"] = round(100 * counts[cls] / total, 1)
    return out


@figure(unit="%", data=("meter",))
def track_dev(n: int = 40, seed: int = 7, tag: str = "") -> dict[str, float | tuple[int, str]]:
    """`check` of `n` seeded dev newspaper articles against their PA files (resumable: a tag's
    articles are checked once), scored against benchmarks/labels/meter_check.csv. Slow: about
    a minute an article on 2 cores; set OMP_NUM_THREADS=1 on a shared machine. A new tag
    (default `C_<seed>_<n>`) is a new run: name one per code version."""
    records = run("dev", n, seed, tag or f"C_{seed}_{n}")
    return scores(records, read_labels())
