"""Word alignment of two token lists: LCS opcodes, the densest shared stretch, and the word diff
with absolute offsets that every finding carries.

Opcodes are indexes into the two token lists; `DiffOp`s (overlap/types.py) are character
offsets into the articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz.distance import Indel

from .textnorm import Token, tokenize
from .types import DiffOp, DiffTag, Span


class Opcode(NamedTuple):
    """One step of a word alignment: words a[a_start:a_end] become b[b_start:b_end]."""

    tag: str  # equal | replace | delete | insert (DiffTag's values; token_diff adds change)
    a_start: int
    a_end: int
    b_start: int
    b_end: int


# In the densest-stretch search a shared word scores +1 and an unshared word on either side
# -UNSHARED_COST: a stretch may absorb about one changed word per two shared ones.
UNSHARED_COST = 0.5


# The LCS alignment keeps a bit matrix of len(a) x len(b) words: 3.6 GB for two 1 MB articles.
# Longer texts are aligned in blocks of this many words (2 MB of bits each), each block cut after
# its last shared word in the first half, so a copy is followed through its whole length.
ALIGN_BLOCK = 4000


def token_opcodes(ta: list[Token], tb: list[Token]) -> list[Opcode]:
    """The opcodes of two token lists, compared on their folded form."""
    return opcodes([t.norm for t in ta], [t.norm for t in tb])


def opcodes(a: Sequence[str], b: Sequence[str], block: int = ALIGN_BLOCK) -> list[Opcode]:
    """Indel (LCS) opcodes of two word lists, in blocks when both are long (memory stays
    bounded; a block boundary can only miss a better pairing across it).

    >>> [tuple(o) for o in opcodes(list("abxd"), list("abyd"), 2)]  # doctest: +NORMALIZE_WHITESPACE
    [('equal', 0, 2, 0, 2), ('insert', 2, 2, 2, 3), ('delete', 2, 3, 3, 3),
     ('equal', 3, 4, 3, 4)]
    """
    if len(a) <= block or len(b) <= block:
        whole = Indel.opcodes(a, b)
        return [Opcode(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in whole]
    out: list[Opcode] = []
    i = j = 0
    while i < len(a) or j < len(b):
        ea, eb = min(len(a), i + block), min(len(b), j + block)
        ops: list[Opcode] = [
            Opcode(o.tag, o.src_start + i, o.src_end + i, o.dest_start + j, o.dest_end + j)
            for o in Indel.opcodes(a[i:ea], b[j:eb])
        ]
        if ea == len(a) and eb == len(b):
            out.extend(ops)
            break
        half_a, half_b = i + (ea - i) // 2, j + (eb - j) // 2
        last = max(
            (
                k
                for k, o in enumerate(ops)
                if o[0] == "equal"
                and (o[1] < half_a or ea == len(a))
                and (o[3] < half_b or eb == len(b))
            ),
            default=None,
        )
        if last is None:  # nothing shared in the first half: a changed stretch
            step_a, step_b = max(half_a, i + (ea > i)), max(half_b, j + (eb > j))
            out.append(
                Opcode(
                    "replace"
                    if step_a > i and step_b > j
                    else "delete"
                    if step_a > i
                    else "insert",
                    i,
                    step_a,
                    j,
                    step_b,
                )
            )
            i, j = step_a, step_b
            continue
        out.extend(ops[: last + 1])
        i, j = ops[last][2], ops[last][4]
    return [o for o in out if o[2] > o[1] or o[4] > o[3]]


def densest(ops: list[Opcode], cost: float = UNSHARED_COST) -> tuple[int, int] | None:
    """Index range [first, last] of opcodes forming the highest-scoring stretch (Kadane), an
    unshared word costing `cost`."""
    best, best_range = 0.0, None
    current, start = 0.0, 0
    for k, (tag, a0, a1, b0, b1) in enumerate(ops):
        gain = (a1 - a0) if tag == "equal" else -cost * ((a1 - a0) + (b1 - b0))
        # Strict comparisons: a stretch that breaks even stays open, so a changed word between
        # shared ones ("Bemis is/was a neighborhood") stays inside the copy.
        if current + gain < 0 and tag != "equal":
            current, start = 0.0, k + 1
            continue
        if current < 0:
            current, start = 0.0, k
        current += gain
        if tag == "equal" and current >= best:  # on a tie, the longer stretch
            best, best_range = current, (start, k)
    if best_range is None:
        return None
    first, last = best_range
    # A word or two changed at the very start or end of the passage ("The new link" / "A new
    # link") belongs to the copy: it is an edit, not a boundary.
    if _small_edit(ops[:first]):
        first = 0
    if _small_edit(ops[last + 1 :]):
        last = len(ops) - 1
    return first, last


def _small_edit(ops: list[Opcode], words: int = 2) -> bool:
    """A word or two replaced by a word or two (words on both sides, none shared). Words on one
    side only are where the copy ends ("…,” he said), not an edit."""
    a = sum(op.a_end - op.a_start for op in ops)
    b = sum(op.b_end - op.b_start for op in ops)
    return all(op.tag != "equal" for op in ops) and 1 <= a <= words and 1 <= b <= words


def token_diff(ta: list[Token], tb: list[Token], ops: list[Opcode]) -> tuple[DiffOp, ...]:
    """Word diff with absolute offsets. Words equal only after folding (Peña/Pena, U.S./US) are
    changes too, so the small edits of an edited copy show; neighbouring changes merge."""
    steps: list[Opcode] = []
    for tag, a0, a1, b0, b1 in ops:
        if tag != "equal":
            steps.append(Opcode("change", a0, a1, b0, b1))
            continue
        for k in range(a1 - a0):
            same = ta[a0 + k].raw == tb[b0 + k].raw
            steps.append(
                Opcode("equal" if same else "change", a0 + k, a0 + k + 1, b0 + k, b0 + k + 1)
            )
    merged: list[Opcode] = []
    for step in steps:
        if merged and merged[-1][0] == step[0]:
            prev = merged[-1]
            merged[-1] = prev._replace(a_end=step.a_end, b_end=step.b_end)
        else:
            merged.append(step)
    out = []
    for tag, a0, a1, b0, b1 in merged:
        if tag == "change":
            tag = "replace" if a1 > a0 and b1 > b0 else "delete" if a1 > a0 else "insert"
        out.append(DiffOp(DiffTag(tag), *_offsets(ta, a0, a1), *_offsets(tb, b0, b1)))
    return tuple(out)


def _offsets(tokens: list[Token], i0: int, i1: int) -> tuple[int, int]:
    if i1 > i0:
        return tokens[i0].start, tokens[i1 - 1].end
    pos = tokens[i0 - 1].end if i0 > 0 else (tokens[0].start if tokens else 0)
    return pos, pos


def similarity(ops: list[Opcode]) -> tuple[int, float]:
    """(shared words, Dice similarity: 2 x shared / all words of both sides) of an alignment."""
    shared = sum(a1 - a0 for tag, a0, a1, _, _ in ops if tag == "equal")
    total = sum((a1 - a0) + (b1 - b0) for _, a0, a1, b0, b1 in ops)
    return shared, (2 * shared / total if total else 0.0)


def word_diff(a: Span, b: Span) -> tuple[DiffOp, ...]:
    """The word-level diff of two spans (absolute offsets), for pairs not aligned as copies."""
    ta, tb = tokenize(a.text, a.start), tokenize(b.text, b.start)
    return token_diff(ta, tb, token_opcodes(ta, tb))
