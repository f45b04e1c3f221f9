"""METER courts (issue 12 item 2): does overlap find the reuse journalists marked?

For each story of the split (a `<date>/<catchline>` folder: its PA wire files plus the newspaper
articles written from it) `overlap.compare` reads the files as they are (no cleaning: what
overlap reads is what is measured), judging off (only reuse is measured). Per newspaper article
the spans reused from the PA files are kept with the text as read, one JSON line per story in
benchmarks/.work/meter/<tag>.jsonl; a story already there is not run again, so a stopped run
resumes where it stopped. Then the run is scored (benchmarks/meter.py):

- derived (wholly + partially) vs non AUC on the share of an article's content words the PA
  files use too (what the product's label is decided on: overlap/derivation.py), and on the
  share of its characters inside spans reused from the PA files;
- three-way macro-F1 with thresholds fitted by 5-fold GroupKFold over stories (each article
  labelled by thresholds that never saw its story), on either signal, and the product's own
  labels (its shipped thresholds);
- character-level span precision against METER's word annotations (Verbatim + Rewrite), and
  verbatim and rewrite recall (see `meter.gold_tags` for how the annotation is mapped).

    OMP_NUM_THREADS=1 python -m benchmarks run meter.track_courts --set split=dev --set seed=12
    python -m benchmarks run meter.track_saved --set tag=M8_base_dev --set split=dev  # score only

`--set limit=N` runs the first N stories of the seeded order (a partial run is a sample);
`--set tag=T` names the run file (default `H_<split>_<seed>`); `--set settings=k=v,k=v` overrides
settings for a dev experiment (give it its own tag). Tune on dev; test once.
The corpus stays in ../shared (research-only licence).
"""

from __future__ import annotations

import random
import time

from ..harness import figure

SECTION = "METER courts (issue 12)"


def story_record(story, settings, embedder) -> dict:
    """One story through `compare`: per newspaper article its text, the spans reused from the
    story's PA files, and the product's derivation against all of them together."""
    from overlap.derivation import REUSE_KINDS, derive
    from overlap.pipeline import compare

    began = time.perf_counter()
    inputs = [str(p) for p in story.pa] + [str(p.path) for p in story.papers]
    result = compare(inputs, settings, embedder=embedder)
    by_source = {a.source: a for a in result.articles}
    pa_ids = {by_source[str(p)].id for p in story.pa if str(p) in by_source}
    segs = {seg.article.id: seg for seg in result.segmented}
    pa_segs = [segs[i] for i in sorted(pa_ids)]
    papers = []
    for paper in story.papers:
        art = by_source.get(str(paper.path))
        spans, details = [], []
        for f in result.findings if art else ():
            if f.kind.value not in REUSE_KINDS:
                continue
            for mine, other in ((f.b, f.a), (f.a, f.b)):
                if mine.article == art.id and other.article in pa_ids:
                    spans.append([f.kind.value, mine.start, mine.end, other.article])
                    # what the finding rested on, for error analysis (the scores ignore it)
                    details.append([f.score, f.lexical, f.semantic, other.start, other.end])
        made = derive(segs[art.id], pa_segs, result.findings) if art else None
        papers.append(
            {
                "path": str(paper.path),
                "label": paper.label,
                "predicted": str(made.label) if made else "non",
                "words_kept": made.words_kept if made else 0.0,
                "read": art is not None,
                "encoding": art.encoding if art else None,
                "text": art.text if art else "",
                "spans": spans,
                "details": details,
                "annotation": str(paper.annotation) if art and paper.annotation else None,
            }
        )
    return {
        "story": story.key,
        "pa": len(story.pa),
        "pa_read": len(pa_ids),
        "settings": {},
        "skipped": [[sk.source, sk.reason] for sk in result.skipped],
        "seconds": round(time.perf_counter() - began, 2),
        "papers": papers,
    }


def parse_overrides(text: str) -> dict[str, float | int]:
    """`"min_paraphrase_words=8,sentence_candidate_min=0.55"` as Settings overrides (numbers
    only: what a dev experiment varies); an empty string is none."""
    out: dict[str, float | int] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, _, value = item.partition("=")
        out[key.strip()] = int(value) if value.strip().lstrip("-").isdigit() else float(value)
    return out


def run_stories(split: str, seed: int, limit: int, tag: str, overrides: str = "") -> list[str]:
    """Run the split's stories (seeded order, first `limit`) into .work/meter/<tag>.jsonl,
    skipping those already there; the keys of the stories asked for. `overrides` changes
    settings for a dev experiment (see parse_overrides); a tag holds one setting's run."""
    import json

    from overlap.config import load_settings
    from overlap.embed import MiniLM

    from ..data import require
    from ..meter import WORK, in_split, load_stories

    WORK.mkdir(parents=True, exist_ok=True)
    out = WORK / f"{tag}.jsonl"
    done = {r["story"] for r in _read(out)}
    stories = [st for st in load_stories(require("meter")) if in_split(st.key, split)]
    random.Random(seed).shuffle(stories)
    stories = stories[: limit or None]
    todo = [st for st in stories if st.key not in done]
    if todo:
        s = load_settings(
            None, judge=False, cache_path=WORK / "cache.sqlite", **parse_overrides(overrides)
        )
        embedder = MiniLM(s.batch_size, s.embed_precision)  # loaded once for all stories
        for n, story in enumerate(todo, 1):
            record = story_record(story, s, embedder)
            with out.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(record) + "\n")
            print(f"{n}/{len(todo)} {story.key}: {record['seconds']} s", flush=True)
    return [st.key for st in stories]


def _read(path) -> list[dict]:
    import json

    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def scores(records: list[dict], name: str) -> dict[str, float | tuple[int, str]]:
    """The run's figures, named with `name`: the split (a test run must not replace the dev
    ones), and for a saved run its tag too."""
    from sklearn.metrics import roc_auc_score

    from ..meter import (
        LONG_RUN_WORDS,
        article_rows,
        cross_validate,
        macro_f1,
        signal_of,
        span_scores,
    )

    rows = article_rows(records)
    if any(r["kept"] != r["kept"] for r in rows):  # NaN: saved before words_kept existed
        raise ValueError(
            "this run predates words_kept: run meter.track_courts with a new --set tag"
        )
    gold = [r["label"] for r in rows]
    # a small sample may hold one story or one side only: its figure is then not a number
    several = len({r["story"] for r in rows}) > 1
    derived = [g != "non" for g in gold]

    def auc(signal: str) -> float:
        if len(set(derived)) < 2:
            return float("nan")
        return float(roc_auc_score(derived, [signal_of(r, signal) for r in rows]))

    spans = span_scores(records)
    figures: dict[str, float | tuple[int, str]] = {
        "stories": (len(records), "stories"),
        "newspaper articles": (len(rows), "articles"),
        "derived-vs-non AUC": auc("kept"),
        "derived-vs-non AUC on the reused share": auc("share"),
        "macro-F1 (CV by story)": cross_validate(rows)[0] if several else float("nan"),
        "macro-F1 (CV by story) on the reused share": (
            cross_validate(rows, "share")[0] if several else float("nan")
        ),
        # the product's own labels (overlap.derivation.THRESHOLDS), as the run wrote them
        "macro-F1 at the shipped thresholds": macro_f1(
            gold, [p.get("predicted", "non") for rec in records for p in rec["papers"]]
        ),
        "span precision": spans["precision"],
        "verbatim recall": spans["verbatim_recall"],
        "rewrite recall": spans["rewrite_recall"],
        f"verbatim recall, runs of {LONG_RUN_WORDS}+ words": spans["verbatim_long_recall"],
        "New characters flagged": spans["new_flagged"],
    }
    return {f"{name}: {k}": v if isinstance(v, tuple) else round(v, 3) for k, v in figures.items()}


@figure(
    anchor={
        "dev: derived-vs-non AUC": "goal 0.92",
        "dev: macro-F1 (CV by story)": "Clough et al. 2002: 0.664; goal 0.75",
        "dev: span precision": "goal 0.9",
        "dev: verbatim recall": "goal 0.95",
        "dev: rewrite recall": "goal 0.7",
    },
    data=("meter",),
)
def track_courts(
    split: str = "dev", seed: int = 12, limit: int = 0, tag: str = "", settings: str = ""
) -> dict[str, float | tuple[int, str]]:
    """The product over the split's stories (resumable), then scored. Slow: ~6 s a story on
    2 cores (dev has 125 stories); set OMP_NUM_THREADS=1 on a shared machine."""
    from ..meter import WORK

    tag = tag or f"H_{split}_{seed}"
    keys = set(run_stories(split, seed, limit, tag, settings))
    records = sorted(
        (r for r in _read(WORK / f"{tag}.jsonl") if r["story"] in keys), key=lambda r: r["story"]
    )
    return scores(records, split)


@figure(data=("meter",))
def track_saved(tag: str = "", split: str = "dev", limit: int = 0) -> dict:
    """A saved run (.work/meter/<tag>.jsonl, from track_courts or the old bench_meter.py run)
    scored again without running anything: its split's stories, the first `limit` by key."""
    from ..meter import in_split, load_run

    if not tag:
        raise ValueError("track_saved needs --set tag=<a run under benchmarks/.work/meter>")
    records = sorted(
        (r for r in load_run(tag) if in_split(r["story"], split)), key=lambda r: r["story"]
    )
    return scores(records[: limit or None], f"{tag}, {split}")
