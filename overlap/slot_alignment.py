"""Two tokenised sentences and their word alignment: what every slot comparison reads.

difflib opcodes over the words' stems (folded, then Snowball's English stemmer): shared words
anchor the alignment, and the stretches between them are the slots that differ. A stem, not the
word: "Bale to play Jobs" / "Bale will no longer be playing Jobs" share the predicate "play",
which the negation before it denies; on folded words "playing" was a word of its own, and the
negation was read as being about it (FNC-1 dev, a headline against its debunking body).

A mention (a number, a date) on one side is paired with the mentions inside the window the
alignment gives it on the other side.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, TypeVar

import snowballstemmer

from .lexicon import FUNCTION_WORDS, PRONOUNS
from .textnorm import Token

# Words that anchor no alignment: a slot next to only these is not about one thing. The object
# forms and my/your were never in it ("him", "them" are kept as content, as they always were).
STOP = FUNCTION_WORDS | (PRONOUNS - {"him", "them", "us", "me", "hers", "my", "your"})


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of a folded word ("playing" -> "play"); words without letters
    (figures, marks) are themselves."""
    return _STEMMER.stemWord(word) if any(c.isalpha() for c in word) else word


def word_opcodes(ta: list[Token], tb: list[Token]) -> Sequence[tuple[str, int, int, int, int]]:
    """difflib opcodes of two sentences' tokens compared on their stems."""
    return difflib.SequenceMatcher(
        None, [stem(t.norm) for t in ta], [stem(t.norm) for t in tb], autojunk=False
    ).get_opcodes()


class Mention(Protocol):
    """A quantity or date mention: absolute offsets into its sentence."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


M = TypeVar("M", bound=Mention)


def tok_range(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    idx = [k for k, t in enumerate(tokens) if t.start < end and t.end > start]
    return (idx[0], idx[-1] + 1) if idx else (-1, -1)


def quote(s: str) -> str:
    return f'"{s}"'


@dataclass(frozen=True)
class SlotDiff:
    """One comparison of aligned slots. `kind` is number | money | percent | date | weekday |
    time | name | negation | quantifier | modality; `relation` is differs, same or variant
    (a spelling variant of one name). `here`/`there` are the words on each side as written;
    spans are absolute offsets (None where a side has no word, as for an added "not").
    `predicate`: for a negation, whether it negates the aligned predicate that the other side
    asserts (slot_negation.on_aligned_predicate), not merely sits among the changed words."""

    kind: str
    relation: str
    here: str
    there: str
    a: tuple[int, int] | None
    b: tuple[int, int] | None
    message: str
    predicate: bool = False


@dataclass
class Alignment:
    """Two tokenised sentences and their word alignment: what every slot comparison reads."""

    ta: list[Token]
    tb: list[Token]
    ops: Sequence[tuple[str, int, int, int, int]]
    there: str  # how the other side is named in messages ("the source")

    def __post_init__(self) -> None:
        self.na, self.nb = [t.norm for t in self.ta], [t.norm for t in self.tb]
        # A token's aligned partner: A index -> B index, over the equal stretches.
        self.amap = {
            i + k: j + k for tag, i, i2, j, _ in self.ops if tag == "equal" for k in range(i2 - i)
        }

    def shared_content(self) -> int:
        return sum(
            1
            for tag, i1, i2, _, _ in self.ops
            if tag == "equal"
            for n in self.na[i1:i2]
            if n not in STOP
        )

    def anchored(self, i1: int, i2: int, j1: int, j2: int) -> bool:
        """A slot counts when an equal content word sits next to it on one side or the other."""
        na, nb = self.na, self.nb
        before = i1 > 0 and j1 > 0 and na[i1 - 1] == nb[j1 - 1]
        after = i2 < len(na) and j2 < len(nb) and na[i2] == nb[j2]
        return before or after

    def msg(self, kind: str, here: str, there_words: str) -> str:
        return f"{kind} differs: {quote(here)} here, {quote(there_words)} in {self.there}"

    def window(self, r: tuple[int, int]) -> tuple[int, int] | None:
        """The B tokens between the aligned words around A tokens r (the slot's counterpart);
        None when no aligned word is near enough to place it."""
        amap = self.amap
        before = max((i for i in amap if i < r[0]), default=None)
        after = min((i for i in amap if i >= r[1]), default=None)
        width = (r[1] - r[0]) + 6
        near_before = before is not None and r[0] - before <= 3
        near_after = after is not None and after - r[1] <= 3
        lo = amap[before] + 1 if before is not None else 0
        hi = amap[after] if after is not None else len(self.tb)
        if (near_before or near_after) and hi - lo <= width:
            return (lo, hi)
        # One side's sentence runs on where the other's ends ("... on his behalf later last
        # month." / "... later today. A court spokesman said ..."): the counterpart is the
        # words right after (or before) the aligned word, as many as the mention has and two.
        if near_before and after is None:
            return (lo, min(hi, lo + (r[1] - r[0]) + 2))
        if near_after and before is None:
            return (max(lo, hi - (r[1] - r[0]) - 2), hi)
        # The mention's own words may be aligned ("About 80" / "at about 2:40 a.m., and 62"):
        # they place it when the words around it leave the window too wide.
        inside = sorted(i for i in amap if r[0] <= i < r[1])
        if not inside:
            return None
        if not near_before:
            lo = amap[inside[0]] - (inside[0] - r[0])
        if not near_after:
            hi = amap[inside[-1]] + (r[1] - inside[-1])
        return (max(lo, 0), hi) if hi - lo <= width else None

    def counterparts(self, m: Mention, others: Sequence[M]) -> list[M]:
        """The mentions of `others` (side B) inside the window aligned with mention m (side A)."""
        r = tok_range(self.ta, m.start, m.end)
        w = self.window(r) if r[0] >= 0 else None
        if w is None:
            return []
        return [
            y
            for y in others
            if (rb := tok_range(self.tb, y.start, y.end))[0] >= 0
            and rb[0] >= w[0]
            and rb[1] <= w[1] + (rb[1] - rb[0])
            and rb[0] < max(w[1], w[0] + 1)
        ]


def split_run_together(tokens: list[Token], other: list[Token]) -> list[Token]:
    """`tokens` with each word that is two adjacent words of `other` run together split in two:
    a typesetting slip ("is notacceptable", "incident andwe hope" in the Daily Mail and The
    Telegraph, METER courts) is not a changed word, nor "not" dropped."""
    norms = {t.norm for t in other}
    joined = {u.norm + v.norm: len(u.norm) for u, v in zip(other, other[1:], strict=False)}
    out: list[Token] = []
    for t in tokens:
        cut = joined.get(t.norm)
        if cut is None or t.norm in norms or len(t.raw) != len(t.norm) or not t.raw.isalpha():
            out.append(t)
            continue
        left, right = t.raw[:cut], t.raw[cut:]
        out.append(Token(t.start, t.start + cut, left, t.norm[:cut]))
        out.append(Token(t.start + cut, t.end, right, t.norm[cut:]))
    return out
