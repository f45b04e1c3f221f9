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

import html
import re
from dataclasses import dataclass
from pathlib import Path

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
