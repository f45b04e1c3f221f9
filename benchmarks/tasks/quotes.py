"""Quotations on real news (issue 13 item 2): METER courts newspaper quotes against the PA copy.

The newspapers of a METER story quote the same court speakers as the Press Association wire copy
they were written from. Every newspaper quotation of at least three words goes through the
product's own quote matching (overlap.misquotes.quote_verdicts, what `overlap check` asks), with
the story's PA files as the sources, and its outcome (quoted / misquoted / misattributed /
unverified quote, and whether the sources differ) is scored against hand labels:
benchmarks/labels/meter_quotes.csv (a seeded sample of dev-story quotations; the rules they were
labelled by are in benchmarks/labels/meter_quotes.md). Speaker resolution is scored on the same
sample: the speaker the product reads for the newspaper quotation against the labelled one.

    python -m benchmarks run quotes.track_meter --set split=dev    # tune on dev stories only
    python -m benchmarks run quotes.track_meter --set split=test   # once, at the end

Stories are split as bench_meter splits them (a stable hash of `<date>/<catchline>`, folds 0-2
dev, 3-4 test). Test stories have no hand labels: there the task reports the outcome mix only.
The corpus stays in ../shared (research-only licence); the labels hold quotation words, not
articles, and a label row names its file and offsets.
"""

from __future__ import annotations

import csv
import hashlib
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..harness import figure

SECTION = "Quotations on METER courts (issue 13 item 2)"
LABELS = Path(__file__).resolve().parents[1] / "labels" / "meter_quotes.csv"
# What the hand labels call each case, and the product outcome that is right for it.
EXPECTED = {
    "same words": "quoted",
    "words changed": "misquoted",
    "other speaker": "misattributed",
    "not in PA": "unverified quote",
}
_SPLITS = {"all": range(5), "dev": range(3), "test": range(3, 5)}
MIN_WORDS = 3


def in_split(story: str, split: str) -> bool:
    """bench_meter's split: a stable hash of the story key, folds 0-2 dev and 3-4 test."""
    return int(hashlib.sha1(story.encode()).hexdigest(), 16) % 5 in _SPLITS[split]


def outlet_of(path: Path) -> str:
    """A newspaper file's outlet from its name (`<catchline><n>_<paper>.txt`); PA for wire copy."""
    if "_" not in path.stem:
        return "Press Association"
    return path.stem.rsplit("_", 1)[1].capitalize()


@dataclass(frozen=True)
class QuoteCase:
    """One newspaper quotation with the product's verdict against the story's PA copy."""

    story: str
    paper: str  # path relative to the METER folder
    start: int  # offsets of the quotation in the article text as overlap read it
    end: int
    text: str
    speaker: str  # as the product resolved it ("" for none)
    speaker_kind: str
    outcome: str
    sources_differ: bool
    changes: tuple[str, ...]
    source_speaker: str  # the PA quotation's speaker the verdict used ("" for none)
    source_text: str
    context: str  # the quotation's paragraph, for labelling


def _read(paths: list[Path], outlet: str) -> list:
    from overlap.ingest import read_articles

    articles, _ = read_articles([str(p) for p in paths], overrides={"outlet": outlet})
    return articles


def story_cases(story, root: Path, chrome_lines: bool = True) -> Iterator[QuoteCase]:
    """Every newspaper quotation of a story, judged against its PA files. As `check` reads
    them, lines recurring in three or more of the story's files are chrome (left out);
    `chrome_lines=False` keeps them, to measure what that costs the quotes."""
    from overlap.chrome import find_chrome
    from overlap.misquotes import quote_verdicts
    from overlap.quote_match import from_segmented
    from overlap.segment import segment

    if not story.pa:
        return
    pa = _read(list(story.pa), "Press Association")
    papers = [a for p in story.papers for a in _read([p.path], outlet_of(p.path))]
    chrome = find_chrome([*pa, *papers]) if chrome_lines else {}  # the check's defaults
    sources = [from_segmented(segment(a, chrome.get(a.id, ()))) for a in pa]
    for art in papers:
        seg = segment(art, chrome.get(art.id, ()))
        draft = from_segmented(seg)
        rel = Path(art.source).resolve().relative_to(root.resolve()).as_posix()
        for v in quote_verdicts(draft, sources):
            q = v.quote
            para = next((p.text for p in seg.paragraphs if p.start <= q.start < p.end), q.text)
            yield QuoteCase(
                story.key,
                rel,
                q.start,
                q.end,
                q.text,
                q.speaker or "",
                q.speaker_kind or "",
                v.outcome.value,
                v.sources_differ,
                v.changes,
                (v.source.speaker or "") if v.source else "",
                v.source.text if v.source else "",
                para,
            )


def cases(split: str, root: Path | None = None, chrome_lines: bool = True) -> Iterator[QuoteCase]:
    from ..data import require
    from ..meter import load_stories

    root = root or require("meter")
    for story in load_stories(root):
        if in_split(story.key, split):
            yield from story_cases(story, root, chrome_lines)


def sample(split: str = "dev", n: int = 120, seed: int = 13) -> list[QuoteCase]:
    """A seeded random sample of the split's quotations (the hand-labelled set)."""
    found = list(cases(split))
    return sorted(random.Random(seed).sample(found, min(n, len(found))), key=_key)


def _key(c: QuoteCase) -> tuple[str, int]:
    return (c.paper, c.start)


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    """The hand labels: story, paper, start, end, words, label, speaker (keys joined by |)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def labelled(
    found: list[QuoteCase], labels: list[dict[str, str]]
) -> list[tuple[dict, QuoteCase | None]]:
    """Each label with the quotation it names: in its file, the one whose span overlaps the
    labelled span most (a change to how marks are paired may move a quotation's offsets)."""
    by_paper: dict[str, list[QuoteCase]] = {}
    for c in found:
        by_paper.setdefault(c.paper, []).append(c)
    out = []
    for row in labels:
        s, e = int(row["start"]), int(row["end"])
        best = max(
            by_paper.get(row["paper"], []),
            key=lambda c: min(c.end, e) - max(c.start, s),
            default=None,
        )
        if best is not None and min(best.end, e) - max(best.start, s) <= 0:
            best = None
        out.append((row, best))
    return out


def speaker_right(case: QuoteCase, keys: str) -> bool:
    """The product's speaker names the labelled one: one of the label's words (a surname, or
    the head of a description such as "spokeswoman") among the speaker's words, folded."""
    from overlap.textnorm import fold

    said = {fold(w) for w in case.speaker.replace(",", " ").split()}
    return any(fold(k) in said for k in keys.split("|") if k)


def score(pairs: list[tuple[dict, QuoteCase | None]]) -> dict[str, float | tuple[int, str]]:
    """Precision and recall per outcome, speaker accuracy, and the confusion in counts."""
    gold = Counter()
    predicted = Counter()
    hit = Counter()
    confusion = Counter()
    speakers = right = 0
    missing = 0
    for row, case in pairs:
        want = EXPECTED[row["label"]]
        got = case.outcome if case else "not found"
        missing += case is None
        gold[want] += 1
        predicted[got] += 1
        hit[want] += want == got
        confusion[(row["label"], got)] += 1
        if row["speaker"] and case is not None:
            speakers += 1
            right += speaker_right(case, row["speaker"])
    out: dict[str, float | tuple[int, str]] = {}
    for outcome in EXPECTED.values():
        if predicted[outcome]:
            out[f"{outcome} precision"] = round(100 * hit[outcome] / predicted[outcome], 1)
        if gold[outcome]:
            out[f"{outcome} recall"] = round(100 * hit[outcome] / gold[outcome], 1)
    out["accuracy"] = round(100 * sum(hit.values()) / max(1, len(pairs)), 1)
    out["speaker accuracy"] = round(100 * right / max(1, speakers), 1)
    out["labelled quotations"] = (len(pairs), "quotes")
    out["labelled with a speaker"] = (speakers, "quotes")
    if missing:
        out["labels whose quotation was not found"] = (missing, "quotes")
    for (label, got), n in sorted(confusion.items()):
        out[f"{label} -> {got}"] = (n, "quotes")
    return out


@figure(unit="%", data=("meter",))
def track_meter(split: str = "dev", chrome: int = 1) -> dict[str, float | tuple[int, str]]:
    """Every newspaper quotation of the split's stories judged against the story's PA copy by
    the product's quote matching; on dev, scored against the hand labels. `--set chrome=0`
    keeps the lines `check` would drop as chrome (repeated in three of the story's files)."""
    found = list(cases(split, chrome_lines=bool(int(chrome))))
    mix = Counter(c.outcome for c in found)
    # the split in the figure's name: a test run must not replace the dev figures
    out: dict[str, float | tuple[int, str]] = {
        f"{split} stories: {k}": (n, "quotes") for k, n in sorted(mix.items())
    }
    out[f"{split} stories: sources differ"] = (sum(c.sources_differ for c in found), "quotes")
    out[f"{split} stories: with a named speaker"] = (
        sum(bool(c.speaker) and c.speaker.lower() not in _PRONOUNS for c in found),
        "quotes",
    )
    if split == "dev" and LABELS.exists():
        rows = read_labels()
        out.update({f"dev labels: {k}": v for k, v in score(labelled(found, rows)).items()})
    return out


_PRONOUNS = {"he", "she", "they", "i", "we", "it"}
