"""Article -> paragraphs and sentences with exact offsets, chrome left out, quotations found."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .chrome import outside
from .quotes import find_quotes
from .types import Article, Chrome, Paragraph, Segmented, Sentence


def segment(article: Article, chrome: Sequence[Chrome] = ()) -> Segmented:
    """Cut an article into paragraphs and sentences; `text[start:end]` is each passage exactly.

    >>> seg = segment(Article("a", "a.txt", "One here. Two there.\\n\\nThree.", "txt"))
    >>> [s.text for s in seg.sentences]
    ['One here.', 'Two there.', 'Three.']
    """
    text = article.text
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for block_start, block_end in _blocks(text):
        for start, end in outside(chrome, block_start, block_end):
            start, end = _strip(text, start, end)
            if start >= end:
                continue
            para = Paragraph(len(paragraphs), start, end, text[start:end])
            paragraphs.append(para)
            for s_start, s_end in split_sentences(text, start, end):
                sentences.append(
                    Sentence(len(sentences), para.index, s_start, s_end, text[s_start:s_end])
                )
    quotes = tuple(q for p in paragraphs for q in find_quotes(text, p.start, p.end))
    return Segmented(article, tuple(chrome), tuple(paragraphs), tuple(sentences), quotes)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], whitespace trimmed, as absolute offsets."""
    import sentencex

    out = []
    for piece in sentencex.get_sentence_boundaries("en", text[start:end]):
        a, b = _strip(text, start + piece["start_index"], start + piece["end_index"])
        if a < b:
            out.append((a, b))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph blocks: each line, or, when the text is hard-wrapped (plain-text archives,
    e-mail, wire copy), runs of lines rejoined into paragraphs. A rejoined paragraph ends at a
    blank line, at a wire paragraph mark (PA ends each paragraph with `<`, left out of the
    block), before a line indented deeper than the one above, after a short line that ends a
    sentence, and around a rule line (dashes only)."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    wire = _wire_marks(text, lines)
    if not wire and not _hard_wrapped(text, lines):
        return lines
    return _rejoined(text, lines, wire)


def _rejoined(text: str, lines: list[tuple[int, int]], wire: bool) -> list[tuple[int, int]]:
    """Hard-wrapped `lines` rejoined into paragraph blocks, by the rules _blocks describes."""
    width = _line_width(text, lines)
    blocks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    previous = ""
    for start, end in lines:
        line = text[start:end].rstrip()
        if not line.strip() or not any(c.isalnum() for c in line):
            if current:
                blocks.append(current)
            if line.strip():
                blocks.append((start, start + len(line)))  # a rule line stands alone
            current, previous = None, ""
            continue
        if current and _indent(line) > _indent(previous):
            blocks.append(current)
            current = None
        stop = start + len(line)
        current = (current[0], stop) if current else (start, stop)
        previous = line
        if wire and line.endswith("<"):
            blocks.append((current[0], stop - 1))
            current, previous = None, ""
        elif len(line) < 0.6 * width and _SENTENCE_END.search(line):
            blocks.append(current)
            current, previous = None, ""
    if current:
        blocks.append(current)
    return blocks


# A line that ends a sentence (closing quotes and brackets allowed after the mark).
_SENTENCE_END = re.compile(r"[.!?:;]['\"’”)]*$|''$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _line_width(text: str, lines: list[tuple[int, int]]) -> int:
    """The width the text was wrapped at: the 90th percentile of its line lengths."""
    lengths = sorted(len(text[a:b].rstrip()) for a, b in lines if text[a:b].strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _wire_marks(text: str, lines: list[tuple[int, int]]) -> bool:
    # PA wire copy ends every paragraph with `<` (and starts it with a 0x19 byte).
    full = [text[a:b].rstrip() for a, b in lines if text[a:b].strip()]
    marked = sum(1 for line in full if line.endswith("<"))
    return marked >= 1 and marked >= 0.05 * len(full)


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    # Web captures put a paragraph on one line; plain-text files often wrap at 60-100 columns.
    # Wrapped text has short lines that mostly run on into the next line.
    full = [(a, b) for a, b in lines if text[a:b].strip()]
    if len(full) < 4:
        return False
    lengths = sorted(b - a for a, b in full)
    if lengths[int(len(lengths) * 0.9)] > 110:
        return False
    run_on = sum(
        1
        for (a, b), (c, d) in zip(lines, lines[1:], strict=False)
        if text[a:b].strip() and text[c:d].strip()
    )
    return run_on >= 0.6 * len(full)
