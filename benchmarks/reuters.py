"""Read Reuters-21578 (SGML) and the BBC news set for the benchmarks; the product never sees SGML.

Reuters-21578, Distribution 1.0 (`../shared/data/news/reuters21578/reut2-0NN.sgm`): SGML, not
XML, so it is split with regexes, as its README and `../shared/data/news/README.md` say. The
files are read as latin-1 (`reut2-017.sgm` holds one 0xFC byte; the rest is ASCII). Numeric
character references (`&#3;` and the like) stand for teletype control characters; they are
dropped, so the trailing "Reuter &#3;" becomes "Reuter". `&lt;`, `&gt;` and `&amp;` are decoded.
The body keeps its published layout (hard-wrapped lines, paragraphs marked by an indented line):
reading that is the product's job. `paragraphs()` rejoins it for the scale benchmark, which plants
passages between paragraphs.

BBC (`../shared/data/news/bbc/<topic>/NNN.txt`): line 1 the title, a blank line, then paragraphs
separated by blank lines; UTF-8 except `sport/199.txt` (one latin-1 0xA3), read as latin-1 then.

The data stays out of the repository: everything derived from it goes under a git-ignored folder.

>>> stories = read_reuters(Path("../shared/data/news/reuters21578"))  # doctest: +SKIP
>>> next(s for s in stories if s.newid == 6000).title  # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import DATA
from .data import DataMissing

NEWS = DATA / "news"
REUTERS = NEWS / "reuters21578"
BBC = NEWS / "bbc"

_STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'\bNEWID="(\d+)"')
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("TITLE", "DATE", "BODY")}
_TEXT_TYPE = re.compile(r'<TEXT\b[^>]*TYPE="(\w+)"')
_CHARREF = re.compile(r"&#(\d+);")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))  # &amp; last: "&amp;lt;" is text
_DATE = re.compile(r"(\d{1,2})-([A-Z]{3})-(\d{4})")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
        start=1,
    )
}


@dataclass(frozen=True)
class Story:
    """One Reuters story. `body` is None for title-only (BRIEF) and UNPROC stories."""

    newid: int
    title: str | None
    date: str | None  # ISO date (YYYY-MM-DD); the time and the noise after it are dropped
    raw_date: str | None
    body: str | None
    text_type: str  # NORM, BRIEF or UNPROC
    file: str

    @property
    def id(self) -> str:
        return f"reuters-{self.newid}"


def clean(sgml: str) -> str:
    """SGML text -> plain text: control-character references dropped, entities decoded."""
    text = _CHARREF.sub("", sgml)
    for ref, ch in _ENTITIES:
        text = text.replace(ref, ch)
    return text


def _iso(raw: str | None) -> str | None:
    m = _DATE.search(raw or "")
    if not m or m.group(2) not in _MONTHS:
        return None
    return f"{m.group(3)}-{_MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"


def read_reuters(folder: Path = REUTERS) -> list[Story]:
    """All 21,578 stories of the 22 `reut2-0NN.sgm` files, in NEWID order."""
    files = sgm_files(folder)
    if not files:
        raise DataMissing(f"no reut2-0NN.sgm files in {folder.resolve()}")
    return sorted((s for path in files for s in read_sgm(path)), key=lambda s: s.newid)


def sgm_files(folder: Path = REUTERS) -> list[Path]:
    return sorted(folder.glob("reut2-0[0-9][0-9].sgm"))


def read_sgm(path: Path) -> list[Story]:
    """The stories of one `reut2-0NN.sgm` file, in the file's order."""
    stories = []
    text = path.read_bytes().decode("latin-1")
    for m in _STORY.finditer(text):
        attrs, inner = m.groups()
        newid = int(_NEWID.search(attrs).group(1))
        got = {k: (f.group(1) if (f := rx.search(inner)) else None) for k, rx in _FIELD.items()}
        kind = _TEXT_TYPE.search(inner)
        raw_date = clean(got["DATE"]).strip() if got["DATE"] else None
        stories.append(
            Story(
                newid=newid,
                title=" ".join(clean(got["TITLE"]).split()) if got["TITLE"] else None,
                date=_iso(raw_date),
                raw_date=raw_date,
                body=clean(got["BODY"]).strip("\n") if got["BODY"] is not None else None,
                text_type=kind.group(1) if kind else "NORM",
                file=path.name,
            )
        )
    return stories


def with_body(stories: Iterable[Story]) -> list[Story]:
    """The stories that have a non-empty <BODY> (19,043 of 21,578)."""
    return [s for s in stories if s.body and s.body.strip()]


def normalised(text: str) -> str:
    """Whitespace collapsed: the key exact duplicates are grouped on."""
    return " ".join(text.split())


def exact_groups(stories: Sequence[Story]) -> list[list[int]]:
    """Groups (NEWIDs, ascending) of two or more bodies equal after whitespace normalisation."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for s in with_body(stories):
        by_text[normalised(s.body)].append(s.newid)
    return sorted((sorted(ids) for ids in by_text.values() if len(ids) > 1), key=lambda g: g[0])


def paragraphs(body: str) -> list[str]:
    """A hard-wrapped Reuters body as paragraphs, each on one line: a paragraph starts at an
    indented line (the wire's paragraph mark) or after a blank line."""
    out: list[list[str]] = []
    for line in body.split("\n"):
        if not line.strip():
            if out and out[-1]:
                out.append([])
            continue
        if not out or (line[:1].isspace() and out[-1]):
            out.append([])
        out[-1].append(line.strip())
    return [" ".join(p) for p in out if p]


def write_jsonl(stories: Iterable[Story], path: Path) -> int:
    """One JSON object per story with a body (id, title, date, text): overlap's JSONL input."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for s in with_body(stories):
            row = {
                "id": s.id,
                "title": s.title,
                "date": s.date,
                "outlet": "Reuters",
                "text": s.body,
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


@dataclass(frozen=True)
class BBCArticle:
    id: str  # bbc-<topic>-NNN
    title: str
    paragraphs: tuple[str, ...]


def read_bbc(folder: Path = BBC) -> list[BBCArticle]:
    """The 2,225 BBC articles (5 topics), in topic and file order."""
    files = bbc_files(folder)
    if not files:
        raise DataMissing(f"no <topic>/NNN.txt files in {folder.resolve()}")
    return [read_bbc_file(path) for path in files]


def bbc_files(folder: Path = BBC) -> list[Path]:
    return sorted(folder.glob("*/[0-9][0-9][0-9].txt"))


def read_bbc_file(path: Path) -> BBCArticle:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # sport/199.txt: one latin-1 pound sign
    title, _, rest = text.strip().partition("\n")
    pars = tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", rest) if p.strip())
    return BBCArticle(f"bbc-{path.parent.name}-{path.stem}", title.strip(), pars)
