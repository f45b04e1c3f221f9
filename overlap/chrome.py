"""Find page chrome: the text around an article that is not the article.

Web captures carry share/follow lines, donation appeals, bylines and datelines, section labels,
"related content" lists and footers that recur on every page of a site. Copying detection must not
see them (two pages of one site would "share" their footer), but the text as read keeps them, so
chrome is returned as spans to exclude, never deleted, each with its reason (the JSON result
lists them per article).

A line's words alone never make it chrome: a summary sentence may well mention an icon or a
donation. It takes evidence: a line that does not read as prose (short, no sentence end), or one
outside the article's body (before its first or after its last long paragraph of prose), or a
list of other stories late in the page. Inside the body, a line of prose is kept whatever it
says, even when it recurs across articles (a quote that several papers took from one wire story
is the reuse this tool exists to find).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .formats import WIRE_STAMP
from .textnorm import normalise_line, word_count
from .types import Article, Chrome

_I = re.IGNORECASE
# Short lines (a few words) that are site furniture.
_SHORT_CHROME = [
    (
        "social link",
        re.compile(r"^(follow|like|join) us\b|\b(twitter|facebook|instagram|x)\.com/", _I),
    ),
    ("share line", re.compile(r"^share\b|\bshare (this|on)\b", _I)),
    ("donation appeal", re.compile(r"^donate\b", _I)),
    (
        "feedback prompt",
        re.compile(
            r"was this (content|article) helpful|click here|"
            r"what are your thoughts",
            _I,
        ),
    ),
    (
        "subscription prompt",
        re.compile(r"^(subscribe|sign up)\b|\bsign up (for|to) our\b|\bour newsletter\b", _I),
    ),
    ("read-more link", re.compile(r"^(read more|continue reading|read the full story)\b", _I)),
    ("comment count", re.compile(r"\b\d+\s+comments?\s*$|^comments?$", _I)),
    ("breadcrumb", re.compile(r"^home\s*([>/»|]|news)", _I)),
    ("advertisement", re.compile(r"^(advertisement|sponsored)$", _I)),
]
# Longer appeals and licence notices, up to a paragraph long.
_APPEAL = re.compile(
    r"we need (your )?(resources|support|help)|support (our|independent) "
    r"(work|journalism)|copy and distribute our work|creative commons|"
    r"all rights reserved|©|copyright \d{4}",
    _I,
)
_TAGS = re.compile(r"^(filed under|tagged with|tags?:)|\bfiled under\b.*\btagged with\b", _I)
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}},?\s+(19|20)\d\d|\b\d{{1,2}}\s+{_MONTH}\s+(19|20)\d\d"
    r"|\b(19|20)\d\d-\d\d-\d\d\b|\b\d{1,2}:\d\d\s*(am|pm)\b"
    # a wire transmission stamp ("15:05 04/10/99: Page 1 (HHH) COURTS Pensioners", the slug
    # line above every story of METER's PA copy)
    rf"|\b{WIRE_STAMP}",
    _I,
)
_BYLINE = re.compile(r"^(by|from)(\s|[A-Z])", _I)
# A heading that starts the list of other stories at the foot of a page: all below it is chrome.
_TAIL = re.compile(
    r"^(related (content|articles|stories|posts|coverage)|more (from|stories|on)\b.*|"
    r"you (may|might) also like|recommended( for you)?|most (read|popular)|"
    r"read next|latest news)\s*:?$",
    _I,
)
# A link at the end of an article paragraph ("... drug networks. Read more of this post").
_TRAILING_LINK = re.compile(
    r"\s*(read more of this (post|article|story)|continue reading"
    r"( this (post|article|story))?)\W*$",
    _I,
)
# PA's wire copy ends each paragraph with `<` after the full stop.
_SENTENCE_END = re.compile(r"[.!?…]['\"’”)]*<?$")


def find_chrome(
    articles: Sequence[Article], min_articles: int = 3, max_words: int = 15
) -> dict[str, tuple[Chrome, ...]]:
    """Chrome spans per article id. Lines recurring in `min_articles` or more articles of the set
    and at most `max_words` long are chrome too (a site's footer, a standard disclaimer).

    >>> text = "Title\\n\\nBody text here.\\nFollow us on twitter.com/x"
    >>> art = Article("a", "a.txt", text, "txt")
    >>> [c.reason for c in find_chrome([art])["a"]]
    ['social link']
    """
    recurring = _recurring_lines(articles, min_articles, max_words)
    return {art.id: tuple(_article_chrome(art.text, recurring, max_words)) for art in articles}


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _recurring_lines(articles: Sequence[Article], min_articles: int, max_words: int) -> set[str]:
    counts: Counter[str] = Counter()
    for art in articles:
        # Counting words first spares folding the long lines (most of them) that cannot count.
        lines = (art.text[a:b] for a, b in _lines(art.text))
        keys = {normalise_line(line) for line in lines if word_count(line) <= max_words}
        counts.update(k for k in keys if k)
    return {key for key, n in counts.items() if n >= min_articles}


def _article_chrome(text: str, recurring: set[str], max_words: int) -> list[Chrome]:
    out: list[Chrome] = []
    lines = _lines(text)
    first, last = _body(text, lines)
    continued = False  # the line before ran on into this one
    for i, (start, end) in enumerate(lines):
        raw = text[start:end]
        line = raw.strip()
        if not line:
            continued = False
            continue
        lead = start + (len(raw) - len(raw.lstrip()))
        stop = lead + len(line)
        if _TAIL.match(line) and i > len(lines) // 3:
            tail_end = len(text.rstrip())
            out.append(Chrome(lead, tail_end, "related-content list"))
            break
        # the lines of a hard-wrapped sentence are prose, whatever their words
        wrapped = i + 1 < len(lines) and _wrapped_prose(line, text[slice(*lines[i + 1])])
        rest = line[0].islower() and i and _runs_on(text[lines[i - 1][0] : lines[i - 1][1]])
        if rest:
            continued = wrapped
            continue  # the rest of a hard-wrapped sentence ("a share on sales of ...")
        if wrapped or continued:
            continued = wrapped
            reason = None
        else:
            body_prose = first <= i <= last and _prose(line)
            reason = _line_reason(line, recurring, max_words, body_prose)
        if reason:
            out.append(Chrome(lead, stop, reason))
            continue
        link = _TRAILING_LINK.search(line)
        if link and word_count(line) > 12:
            out.append(
                Chrome(
                    lead + link.start() + (len(link.group()) - len(link.group().lstrip())),
                    stop,
                    "read-more link",
                )
            )
    return out


# A paragraph of prose this long is article body, not furniture (chrome lines are shorter).
_BODY_WORDS = 16


def _body(text: str, lines: list[tuple[int, int]]) -> tuple[int, int]:
    """First and last line index of the article's body: its long lines of prose, up to a
    related-content list; appeals and tag lists do not count. (0, len) when there are none."""
    long_lines = []
    for i, (a, b) in enumerate(lines):
        line = text[a:b].strip()
        if _TAIL.match(line) and i > len(lines) // 3:
            break
        if word_count(line) >= _BODY_WORDS and not _APPEAL.search(line) and not _TAGS.search(line):
            long_lines.append(i)
    return (long_lines[0], long_lines[-1]) if long_lines else (0, len(lines))


def _runs_on(line: str) -> bool:
    """A line of hard-wrapped prose that continues on the next line: long, no sentence end."""
    return word_count(line) >= 8 and not _SENTENCE_END.search(line.strip())


# Hard-wrapped text breaks its lines at 72-80 columns; a longer line is a paragraph of its own.
_WRAP_WIDTH = 100


def _wrapped_prose(line: str, following: str) -> bool:
    """The first line of a hard-wrapped sentence of prose: it runs on (long, no sentence end,
    no wire paragraph mark `<`) into a line that is not blank, and reads as prose (most of
    its words in lower case, as navigation and labels are not). In METER's PA copy a wrapped
    line starting "From reports of the case then, ..." read as a byline, and one repeated in
    the next take of the story as a line recurring across articles."""
    if len(line) > _WRAP_WIDTH or not following.strip() or line.endswith("<") or not _runs_on(line):
        return False
    words = line.split()
    return sum(w[:1].islower() for w in words) * 2 >= len(words)


def _prose(line: str) -> bool:
    """Reads as a sentence of the article: six words or more, capitalised (not all capitals),
    ending a sentence."""
    return (
        word_count(line) >= 6
        and bool(_SENTENCE_END.search(line))
        and not line.isupper()
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘(")
    )


def _line_reason(line: str, recurring: set[str], max_words: int, body_prose: bool) -> str | None:
    """Why `line` is chrome, or None. `body_prose`: a line of prose inside the article's body,
    which only its layout (a byline, a dateline, a section label) can make chrome."""
    words = word_count(line)
    if words <= 15:
        if not body_prose:
            for reason, pattern in _SHORT_CHROME:
                if pattern.search(line):
                    return reason
        if not _SENTENCE_END.search(line):
            if _BYLINE.match(line) or _DATELINE.search(line) and words <= 12:
                return "byline or dateline"
            if words <= 4 and line.isupper():
                return "section label"
    if body_prose:
        return None
    if words <= 80 and _APPEAL.search(line):
        return "appeal or licence notice"
    if words <= 80 and _TAGS.search(line):
        return "tag list"
    if recurring and words <= max_words and normalise_line(line) in recurring:
        return "line recurring across articles"
    return None


def outside(chrome: Sequence[Chrome], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of [start, end) not covered by chrome spans."""
    pieces, pos = [], start
    for c in sorted(chrome, key=lambda c: c.start):
        if c.end <= pos or c.start >= end:
            continue
        if c.start > pos:
            pieces.append((pos, c.start))
        pos = max(pos, c.end)
    if pos < end:
        pieces.append((pos, end))
    return pieces
