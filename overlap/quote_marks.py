"""Quote marks in a paragraph paired into quotations: which mark opens, which closes, and
which quotation is nested in which.

Marks: straight, curly, guillemets, TeX-style ``…'' and `…' (PA wire copy), single quotes nested
inside double ones; an apostrophe (Mexico’s) and a plural possessive (the players' names) are no
marks. A quotation left open runs to the paragraph's end, and one open at a paragraph's end is
continued by one opening the next paragraph. quotes.py reads who is credited for each.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Quote marks. TeX-style marks are two characters; a straight mark opens or closes by position.
_DOUBLE_OPEN = ("``", "“", "„", "«")
_DOUBLE_CLOSE = ("''", "”", "»")
_SINGLE_OPEN = ("`", "‘")
_SINGLE_AMBIGUOUS = ("'", "’")


class Mark(NamedTuple):
    at: int
    size: int
    role: str  # "open", "close", "either" (a straight double mark), "close?" (or a possessive)
    level: str  # "double" or "single"


class Pair(NamedTuple):
    start: int  # the opening mark
    inner_start: int
    inner_end: int
    end: int  # after the closing mark, or the paragraph end when left open
    depth: int  # 0 for a quotation, 1 for one quoted inside it
    closed: bool


def continues(text: str, prev: Pair, nxt: Pair) -> bool:
    # "an open quote at paragraph end continued by an open quote on the next paragraph"
    if prev.closed or prev.depth != 0:
        return False
    between = text[prev.end : nxt.start]
    # PA wire copy ends every paragraph with "<"
    return "\n" in between and not between.strip().strip("<").strip()


def marks_in(text: str, start: int, end: int) -> list[Mark]:
    out = []
    i = start
    while i < end:
        two = text[i : i + 2]
        c = text[i]
        if two in _DOUBLE_OPEN or two in _DOUBLE_CLOSE:
            out.append(Mark(i, 2, "open" if two == "``" else "close", "double"))
            i += 2
            continue
        if c in _DOUBLE_OPEN:
            out.append(Mark(i, 1, "open", "double"))
        elif c in _DOUBLE_CLOSE:
            out.append(Mark(i, 1, "close", "double"))
        elif c == '"':
            out.append(Mark(i, 1, "either", "double"))
        elif c in _SINGLE_OPEN:
            out.append(Mark(i, 1, "open", "single"))
        elif c in _SINGLE_AMBIGUOUS:
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            if before.isalnum() and after.isalnum():
                pass  # an apostrophe: Mexico’s, don't
            elif not before.isalnum() and before not in ".,;:!?" and after.isalnum():
                out.append(Mark(i, 1, "open", "single"))
            elif not before.isspace():
                # "the players' names": a plural possessive looks like a closing mark
                possessive = (
                    before == "s"
                    and text[i + 1 : i + 3][:1] == " "
                    and text[i + 2 : i + 3].islower()
                )
                out.append(Mark(i, 1, "close?" if possessive else "close", "single"))
        i += 1
    return out


def pairs(text: str, start: int, end: int) -> list[Pair]:
    """Opening and closing marks paired up, with a stack so that a single-quoted quotation
    inside a double-quoted one is nested in it."""
    stack: list[Mark] = []
    out: list[Pair] = []

    def close(k: int, mark: Mark) -> None:
        opened = stack[k]
        del stack[k:]  # a single quote left open inside is dropped with it
        out.append(
            Pair(opened.at, opened.at + opened.size, mark.at, mark.at + mark.size, len(stack), True)
        )

    marks = marks_in(text, start, end)
    for n, m in enumerate(marks):
        if m.role == "close?":
            # a possessive unless no other single mark closes the quotation after it
            later = next((x for x in marks[n + 1 :] if x.level == "single"), None)
            if later is not None and later.role != "open":
                continue
        doubles = [k for k, s in enumerate(stack) if s.level == "double"]
        if m.role == "open":
            stack.append(m)
        elif m.level == "double" and doubles and opens_again(text, start, m):
            # 'beer. "He was trying': a straight mark after a space, before a word, while a
            # quotation is open is a new one; the open one was never closed (METER copy)
            opened = stack[doubles[-1]]
            del stack[doubles[-1] :]
            out.append(Pair(opened.at, opened.at + opened.size, m.at, m.at, len(stack), False))
            stack.append(m)
        elif m.level == "double" and doubles:
            close(doubles[-1], m)
        elif m.level == "double":
            after = text[m.at + m.size : m.at + m.size + 1]
            # Nothing open: a straight mark opens; a curly closer glued to the next word
            # (“dilution.”There will be…”) is a misprinted opener.
            if m.role == "either" or after.isalnum():
                stack.append(m)
        else:
            singles = [k for k, s in enumerate(stack) if s.level == "single"]
            if singles and (not doubles or singles[-1] > doubles[-1]):
                close(singles[-1], m)
    # An opening mark left unclosed: the outermost double (or a single opening the paragraph,
    # British style) runs on to the paragraph's end.
    for k, m in enumerate(stack):
        para_start = not text[start : m.at].strip()
        if m.level == "double" or para_start:
            out.append(Pair(m.at, m.at + m.size, end, end, k, False))
            break
    return sorted(out, key=lambda p: (p.start, p.depth))


def opens_again(text: str, start: int, m: Mark) -> bool:
    """A straight double mark shaped as an opener (a space and a sentence end before it, a
    capital after it) cannot close the quotation open before it."""
    before = text[max(start, m.at - 3) : m.at]
    after = text[m.at + 1 : m.at + 2]
    return m.role == "either" and re.search(r"[.!?]\s+$", before) is not None and after.isupper()
