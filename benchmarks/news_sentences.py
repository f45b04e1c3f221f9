"""Real sentences from ../shared/data/news (Reuters-21578, BBC, METER courts), with the id and
date of the article each comes from. Read in place, never copied into the repo; a deterministic
sample (sorted files, every n-th article) so tests and benchmarks see the same sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# absolute: this module is also imported as a top-level one (benchmarks/ on sys.path)
from benchmarks import DATA
from benchmarks.reuters import bbc_files, read_bbc_file, read_sgm, sgm_files

NEWS = DATA / "news"
_SENT = re.compile(r"(?<=[.!?])[\"'’”]?\s+(?=[\"'“‘A-Z])")
_ABBREV = re.compile(
    r"\b(Mr|Mrs|Ms|Dr|St|Inc|Corp|Co|Ltd|Jan|Feb|Aug|Sept|Oct|Nov|Dec|U\.S|"
    r"U\.K|No|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Prof|Jr|Sr|vs)\.$"
)


@dataclass(frozen=True)
class Sentence:
    article: str  # "reuters/NEWID", "bbc/business/001", "meter/<path>"
    date: str | None  # ISO date of the article, where the corpus gives one
    text: str


def split_sentences(body: str) -> list[str]:
    """Sentences of a body: split after . ! ? before a capital, not after Mr. / U.S. / Jan."""
    body = " ".join(body.split())
    out: list[str] = []
    for piece in _SENT.split(body):
        if out and _ABBREV.search(out[-1]):
            out[-1] = out[-1] + " " + piece
        else:
            out.append(piece)
    return [s.strip() for s in out if s.strip()]


def reuters(every: int = 1, files: int = 22) -> Iterator[tuple[str, str | None, str]]:
    """(article id, ISO date, body) of every `every`-th Reuters-21578 story of each file (counting
    those without a BODY), for those with one; the sign-off "Reuter" left out. File by file, so
    a small sample reads one file."""
    for path in sgm_files(NEWS / "reuters21578")[:files]:
        for k, story in enumerate(read_sgm(path)):
            if k % every or story.body is None:
                continue
            body = re.sub(r"\s*Reuter\s*$", "", story.body.strip())
            yield f"reuters/{story.newid}", story.date, body


def bbc(every: int = 1) -> Iterator[tuple[str, str | None, str]]:
    """(article id, None, body) of BBC articles (the set carries no dates)."""
    for path in bbc_files(NEWS / "bbc")[::every]:
        article = read_bbc_file(path)
        yield f"bbc/{path.parent.name}/{path.stem}", None, " ".join(article.paragraphs)


def meter(every: int = 1) -> Iterator[tuple[str, str | None, str]]:
    """(article id, ISO date from the dd.mm.yy folder, text) of METER courts articles, PA wire
    copy and newspapers."""
    roots = [
        NEWS / "meter" / "PA" / "rawtexts" / "courts",
        NEWS / "meter" / "newspapers" / "rawtexts" / "courts",
    ]
    paths = sorted(p for r in roots for p in r.glob("*/*/*.txt"))[::every]
    for path in paths:
        text = path.read_bytes().decode("latin-1").replace("\x19", " ").replace("<", " ")
        text = re.sub(r"``|''", '"', text)
        lines = [ln for ln in text.splitlines() if not re.match(r"\s*(-{5,}|\d\d:\d\d )", ln)]
        m = re.match(r"(\d\d)\.(\d\d)\.(\d\d)", path.parts[-3])
        date = f"19{m.group(3)}-{m.group(2)}-{m.group(1)}" if m else None
        rel = path.relative_to(NEWS / "meter").with_suffix("")
        yield f"meter/{rel}", date, " ".join(lines)


def sentences(
    per_corpus: int, every: int = 7, min_words: int = 6, max_words: int = 60
) -> list[Sentence]:
    """Up to `per_corpus` sentences from each corpus, in a fixed order."""
    out: list[Sentence] = []
    for source in (reuters(every), bbc(every), meter(every)):
        n = 0
        for article, date, body in source:
            for s in split_sentences(body):
                if min_words <= len(s.split()) <= max_words and not s.isupper():
                    out.append(Sentence(article, date, s))
                    n += 1
            if n >= per_corpus:
                break
    return out


def available() -> bool:
    return (NEWS / "reuters21578").is_dir() and (NEWS / "bbc").is_dir()
