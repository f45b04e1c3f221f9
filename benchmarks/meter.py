"""The METER corpus (courts domain) as benchmark data: stories, their files, labels, annotations.

    >>> stories = load_stories(Path("../shared/data/news/meter"))   # doctest: +SKIP
    >>> stories[0].key, len(stories[0].pa), stories[0].papers[0].label  # doctest: +SKIP

A story is one `<date>/<catchline>` folder: the Press Association wire copy under
`PA/rawtexts/courts/<date>/<catchline>/*.txt` and the newspaper articles written from it under
`newspapers/rawtexts/courts/<date>/<catchline>/*.txt`. Each newspaper article's label (wholly /
partially / non-derived from the PA copy) comes from `file_index/courts/<label>_derived.txt`,
whose quirks (README "Known quirks") are handled here: CRLF line ends, a `meter_corpus/` prefix
and one entry with a leading space. One story (08.12.99/policeman) has no PA folder: its single
article is labelled non-derived and keeps an empty PA list. PA files not ending in `.txt`
(pinochet1mp.sub) are left out, as the corpus' own index of PA files leaves them out.

Word-level annotations (`newspapers/annotated/courts/**.sgml`) mark each word Verbatim / Rewrite /
New; `read_annotation` returns the annotated text with the tag of every character, so the
benchmark can map them onto the article as overlap read it.

The data stays in ../shared (research-only licence): nothing here copies it into the repository.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LABELS = ("wholly", "partially", "non")
DOMAIN = "courts"


@dataclass(frozen=True)
class Paper:
    """One newspaper article of a story, with its journalists' label."""

    path: Path
    label: str  # wholly | partially | non
    annotation: Path | None  # the .sgml file, when one marks words verbatim / rewrite / new


@dataclass(frozen=True)
class Story:
    key: str  # "<date>/<catchline>", unique in the domain
    pa: tuple[Path, ...]
    papers: tuple[Paper, ...]


def default_root() -> Path:
    """../shared/data/news/meter next to the checkout, where the corpus is staged."""
    return Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "meter"


def read_labels(root: Path) -> dict[str, str]:
    """Path of a newspaper file relative to `root` -> wholly | partially | non."""
    labels: dict[str, str] = {}
    for label in LABELS:
        index = root / "file_index" / DOMAIN / f"{label}_derived.txt"
        for line in index.read_bytes().decode("latin-1").splitlines():
            entry = line.strip()  # CR and the one leading space
            if not entry:
                continue
            entry = entry.removeprefix("meter_corpus/")
            if entry in labels and labels[entry] != label:
                raise ValueError(f"{entry}: labelled both {labels[entry]} and {label}")
            labels[entry] = label
    return labels


def load_stories(root: Path | None = None) -> list[Story]:
    """Every labelled courts story, sorted by key. Raises FileNotFoundError when the corpus is
    missing (the message says where it was looked for)."""
    root = root or default_root()
    news = root / "newspapers" / "rawtexts" / DOMAIN
    if not news.is_dir():
        raise FileNotFoundError(f"METER corpus not found: {news} (stage ../shared/data/news/meter)")
    labels = read_labels(root)
    stories: list[Story] = []
    for folder in sorted(p for p in news.glob("*/*") if p.is_dir()):
        key = f"{folder.parent.name}/{folder.name}"
        papers = []
        for path in sorted(folder.glob("*.txt")):
            rel = path.relative_to(root).as_posix()
            if rel not in labels:
                continue  # not part of the labelled set (none are, in this copy)
            sgml = root / "newspapers" / "annotated" / DOMAIN / key / (path.stem + ".sgml")
            annotated = sgml if sgml.exists() and _has_spans(sgml) else None
            papers.append(Paper(path, labels[rel], annotated))
        pa_dir = root / "PA" / "rawtexts" / DOMAIN / key
        pa = tuple(sorted(pa_dir.glob("*.txt"))) if pa_dir.is_dir() else ()
        if papers:
            stories.append(Story(key, pa, tuple(papers)))
    return stories


def _has_spans(sgml: Path) -> bool:
    return re.search(rb"<verbatim\b", sgml.read_bytes(), re.IGNORECASE) is not None


_TAG = re.compile(r"<(/?)(verbatim|rewrite|new|unclassified)\b[^>]*>", re.IGNORECASE)


def read_annotation(sgml: Path) -> tuple[str, list[str | None]]:
    """The annotated article's text (inside <body>, tags removed, entities decoded) and, per
    character, "verbatim", "rewrite", "new" or None (outside any span).

    The files are Latin-1 like the raw texts. Spans do not nest in this corpus.
    """
    raw = sgml.read_bytes().decode("latin-1")
    start = raw.lower().find("<body>")
    end = raw.lower().rfind("</body>")
    body = raw[start + len("<body>") : end if end >= 0 else len(raw)]
    text: list[str] = []
    tags: list[str | None] = []
    current: str | None = None
    pos = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos : m.start()])
        text.append(piece)
        tags.extend([current] * len(piece))
        current = None if m.group(1) else m.group(2).lower()
        pos = m.end()
    piece = html.unescape(body[pos:])
    text.append(piece)
    tags.extend([current] * len(piece))
    return "".join(text), tags


# ---------------------------------------------------------------------------- runs and scores
# A run (benchmarks/tasks/meter.py) writes one JSON line per story under .work/meter/<tag>.jsonl:
# per newspaper article its label, the text as overlap read it and the spans reused from the
# story's PA files ([kind, start, end, pa article]). What follows scores such a file.

WORK = Path(__file__).resolve().parents[1] / "benchmarks" / ".work" / "meter"
CLASSES = ("wholly", "partially", "non")
FOLDS = 5
# Tuning happens on the dev stories only (their stable hash in folds 0-2 of 5), so the rest
# stays a check of what the tuning learnt.
SPLITS = {"all": range(5), "dev": range(3), "test": range(3, 5)}


def in_split(story: str, split: str) -> bool:
    """Whether the story `<date>/<catchline>` belongs to `split` (by a stable hash of its key)."""
    return int(hashlib.sha1(story.encode()).hexdigest(), 16) % 5 in SPLITS[split]


def load_run(tag: str) -> list[dict]:
    """The stories of the run `tag`, as written."""
    path = WORK / f"{tag}.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `meter.track_courts --set tag={tag}` first")
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def article_rows(records: list[dict]) -> list[dict]:
    """One row per newspaper article: its story, label, reused shares and the share of its words
    the story's PA files use (`kept`, what the product's label is decided on; NaN in a run saved
    before the product measured it)."""
    from overlap.derivation import reused_shares

    return [
        {
            "story": rec["story"],
            "label": p["label"],
            "shares": reused_shares(p["text"], [(k, a, b) for k, a, b, _ in p["spans"]]),
            "kept": p.get("words_kept", float("nan")),
            "path": p["path"],
            "read": p["read"],
        }
        for rec in records
        for p in rec["papers"]
    ]


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


def fit_thresholds(scores: np.ndarray, gold: list[str]):
    """The (partially, wholly) pair on the share grid with the best macro-F1 on these articles;
    ties go to the pair in the middle of the tied list (less brittle than the first)."""
    from overlap.derivation import Thresholds

    grid = np.round(np.arange(0.0, 1.0001, 0.01), 2)
    g = np.array([CLASSES.index(x) for x in gold])
    best, tied = -1.0, []
    for lo in grid:
        for hi in grid[grid > lo]:
            # same rule as derivation.label_for: >= wholly -> 0, >= partially -> 1, else 2
            p = np.where(scores >= hi, 0, np.where(scores >= lo, 1, 2))
            f1 = _macro_f1_codes(g, p)
            if f1 > best + 1e-12:
                best, tied = f1, [Thresholds(float(lo), float(hi))]
            elif abs(f1 - best) <= 1e-12:
                tied.append(Thresholds(float(lo), float(hi)))
    return tied[len(tied) // 2]


def cross_validate(rows: list[dict], signal: str = "kept") -> tuple[float, list[str], list]:
    """Macro-F1 with thresholds fitted by GroupKFold over stories: each article is labelled by
    thresholds that never saw its story, on `signal` (the words kept, "kept", as the product
    labels, or the reused share, "share"). Returns the F1, the labels and the fold thresholds."""
    from sklearn.model_selection import GroupKFold

    from overlap.derivation import label_for

    scores = np.array([signal_of(r, signal) for r in rows])
    gold = [r["label"] for r in rows]
    groups = [r["story"] for r in rows]
    pred = [""] * len(rows)
    fitted = []
    # fewer folds only where a small sample has fewer stories than FOLDS
    folds = GroupKFold(n_splits=min(FOLDS, len(set(groups))))
    for train, test in folds.split(scores, gold, groups):
        th = fit_thresholds(scores[train], [gold[i] for i in train])
        fitted.append(th)
        for i in test:
            pred[i] = label_for(float(scores[i]), th)
    return macro_f1(gold, pred), pred, fitted


def signal_of(row: dict, signal: str) -> float:
    """An article row's words kept ("kept") or total reused share ("share")."""
    return float(row["kept"]) if signal == "kept" else row["shares"].total


def word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def gold_tags(article_text: str, sgml: Path) -> list[str | None]:
    """Per character of `article_text`, its annotated tag (None where no annotated word maps).
    Both texts are cut into words and aligned with difflib; words in equal blocks map one to
    one, and in a replace block of equal length word i maps to word i (a word that decoded
    differently, like "£1,000" read as "Ł1,000", still maps)."""
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


# METER marks every word taken from PA, a lone name or "said" too; a reuse finding is a passage.
# Verbatim recall is also given over runs of at least this many consecutive Verbatim words: the
# kept phrases and sentences a reader means by reuse (a 3-word run is a name with its title).
LONG_RUN_WORDS = 4


def _in_long_verbatim_runs(text: str, tags: list[str | None]) -> np.ndarray:
    """Per character of `text`: inside a run of LONG_RUN_WORDS or more consecutive words tagged
    Verbatim (a word's tag is its characters' most common one)."""
    out = np.zeros(len(text), dtype=bool)
    run: list[tuple[int, int]] = []
    for s, e in [*word_spans(text), (len(text), len(text))]:
        word_tags = Counter(t for t in tags[s:e] if t is not None)
        if e > s and word_tags and word_tags.most_common(1)[0][0] == "verbatim":
            run.append((s, e))
            continue
        if len(run) >= LONG_RUN_WORDS:
            out[run[0][0] : run[-1][1]] = True
        run = []
    return out


def span_scores(records: list[dict]) -> dict:
    """Character-level precision (predicted reused characters annotated Verbatim or Rewrite)
    and recall of Verbatim and of Rewrite characters, over the annotated articles read."""
    tp_reuse = pred_n = mapped = unmapped = files = 0
    hit: Counter = Counter()
    total: Counter = Counter()
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
            long_run = _in_long_verbatim_runs(text, tags)
            for k, ch in enumerate(text):
                if ch.isspace():
                    continue
                if tags[k] is None:
                    unmapped += 1
                    continue
                mapped += 1
                total[tags[k]] += 1
                if long_run[k]:
                    total["verbatim_long"] += 1
                    hit["verbatim_long"] += predicted[k]
                if predicted[k]:
                    hit[tags[k]] += 1
                    pred_n += 1
                    tp_reuse += tags[k] in ("verbatim", "rewrite")
    return {
        "files": files,
        "precision": tp_reuse / pred_n if pred_n else 0.0,
        "verbatim_recall": hit["verbatim"] / total["verbatim"] if total["verbatim"] else 0.0,
        "rewrite_recall": hit["rewrite"] / total["rewrite"] if total["rewrite"] else 0.0,
        "verbatim_long_recall": (
            hit["verbatim_long"] / total["verbatim_long"] if total["verbatim_long"] else 0.0
        ),
        "new_flagged": hit["new"] / total["new"] if total["new"] else 0.0,
        "mapped_share": mapped / (mapped + unmapped) if mapped + unmapped else 0.0,
    }
