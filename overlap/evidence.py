"""Typed checks on a passage pair: numbers, dates, names, negation, direction, hedging.

Each check returns Evidence with the words involved on both sides. The checks only observe;
the verdict rule in judge.py weighs them with the NLI model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence, Set
from typing import NamedTuple

from .lexicon import (
    COUNTERPART_WORDS,
    HONOURS,
    MEDALS,
    MULTIPLES,
    NEGATIONS,
    OFFENCES,
    OPPOSITE_WORDS,
    STANCE_SIDES,
    word_set,
)
from .number_words import ORDINAL_WORDS
from .prefix_opposites import negative_prefix_pair
from .slots import compare_sentences
from .stance_words import hedge_word
from .textnorm import Token, tokenize
from .types import DiffOp, Evidence, EvidenceCheck, Span

# Negation words (one list, in lexicon); "without" also negates a direction word next to it
# ("without rising"), though it is too loose to set a whole clause's polarity there.
_NEGATIONS = NEGATIONS | {"without"}
# Stems of words that say which way something moves. A stem matches a folded word's start.
_UP = (
    "deepen",
    "increas",
    "expand",
    "grow",
    "strengthen",
    "improv",
    "boost",
    "enhanc",
    "intensif",
    "rais",
    "rise",
    "rising",
    "more",
    "greater",
    "closer",
    "better",
    "broaden",
    "accelerat",
    "bolster",
    "redoubl",
    "tighter",
    "unprecedented",
)
_DOWN = (
    "forgo",
    "forego",
    "halt",
    "stop",
    "slow",
    "reduc",
    "decreas",
    "declin",
    "cut",
    "weaken",
    "shrink",
    "fray",
    "dilut",
    "winding",
    "wind",
    "hamper",
    "restrict",
    "lower",
    "fall",
    "drop",
    "less",
    "fewer",
    "abandon",
    "freez",
    "suspend",
    "curb",
    "closing",
    "end",
    "ending",
    "damag",
    "limit",
)
_UP_EXACT = {
    "more",
    "greater",
    "closer",
    "better",
    "rise",
    "rising",
    "rose",
    "risen",
    "grow",
    "growth",
    "gained",
    "up",
    "higher",
}
_DOWN_EXACT = {
    "ease",
    "eased",
    "eases",
    "easing",
    "fell",
    "falls",
    "fallen",
    "lost",
    "down",
    "lower",
    "end",
    "ending",
    "ended",
    "less",
    "fewer",
    "cut",
    "cuts",
    "fall",
    "wind",
    "winding",
    "limit",
    "limits",
    "limited",
    "stop",
    "stops",
    "stopped",
    "halt",
}


# Slot kinds as the judge names its checks: money and percentages are numbers, weekdays and
# clock times are dates.
_CHECK_OF_KIND = {
    "number": EvidenceCheck.NUMBER,
    "money": EvidenceCheck.NUMBER,
    "percent": EvidenceCheck.NUMBER,
    "date": EvidenceCheck.DATE,
    "weekday": EvidenceCheck.DATE,
    "time": EvidenceCheck.DATE,
    "name": EvidenceCheck.NAME,
    "negation": EvidenceCheck.NEGATION,
    "quantifier": EvidenceCheck.QUANTIFIER,
    "modality": EvidenceCheck.MODALITY,
}


def run_checks(
    a: Span,
    b: Span,
    diff: Sequence[DiffOp],
    a_date: str | None = None,
    b_date: str | None = None,
    names: Set[frozenset[str]] = frozenset(),
) -> list[Evidence]:
    """Every typed check on the pair, in a fixed order: the slot comparisons of slots.py on the
    two passages' own word alignment (so `diff` is not needed for them, and a claim pair gets
    them too: only aligned slots are compared), then the weaker hints. `names`: the people the
    two articles name in full (slot_names.full_names)."""
    return [
        *slot_evidence(a, b, a_date, b_date, names=names),
        *(check_opposites(a, b) or check_direction(a, b, diff)),
        *check_hedging(a, b),
    ]


# The two sides in a message of the judge ('number differs: "2,000" here, "1,954" in the source',
# 'negation differs: "not" here only'): "here" is the finding's side a.
# A side may carry the date it was resolved to: '"last week" (1999-09-20) here'.
_SIDE = r"""(?:"[^"]*"|'[^']*')(?: \([^)]*\))?"""
_BOTH_SIDES = re.compile(rf"(?P<x>{_SIDE}) here, (?P<y>{_SIDE}) in the source")
_ONE_SIDE = re.compile(r"""(?P<x>"[^"]*") (?P<side>here|in the source) only""")


def from_other_side(message: str) -> str:
    """A judge's message as told from side b: a draft check whose draft is the finding's b side
    says 'name differs: "Justice Mummery" here, "Woolf" in the source', not the other way."""
    message = _BOTH_SIDES.sub(lambda m: f"{m['y']} here, {m['x']} in the source", message)
    return _ONE_SIDE.sub(
        lambda m: f"{m['x']} {'in the source' if m['side'] == 'here' else 'here'} only", message
    )


def _sub(span: Span, start: int, end: int) -> Span:
    return Span(span.article, start, end, span.text[start - span.start : end - span.start])


def slot_evidence(
    a: Span,
    b: Span,
    a_date: str | None = None,
    b_date: str | None = None,
    there: str = "the source",
    names: Set[frozenset[str]] = frozenset(),
) -> list[Evidence]:
    """slots.compare_sentences as Evidence: check is number | date | name | negation |
    quantifier | modality (money and percent are numbers; weekday and time are dates)."""
    out = []
    for d in compare_sentences(a.text, b.text, a.start, b.start, a_date, b_date, there, names):
        out.append(
            Evidence(
                _CHECK_OF_KIND[d.kind],
                d.relation,
                d.message,
                _sub(a, *d.a) if d.a else None,
                _sub(b, *d.b) if d.b else None,
            )
        )
    return out


def check_numbers(a: Span, b: Span) -> list[Evidence]:
    """Aligned quantities of the same unit: consistent (same) or not (differs).

    >>> [e.message for e in check_numbers(Span("x", 0, 25, "the 1,954-mile border"),
    ...                                   Span("y", 0, 22, "the 2,000-mile border"))]
    ['number differs: "1,954-mile" here, "2,000-mile" in the source']
    """
    return [e for e in slot_evidence(a, b) if e.check == "number"]


def check_dates(a: Span, b: Span, a_date: str | None, b_date: str | None) -> list[Evidence]:
    """Aligned dates compared on their common precision ("May 2013" agrees with "2013-05-02");
    weekdays and relative dates are resolved with each article's own date."""
    return [e for e in slot_evidence(a, b, a_date, b_date) if e.check == "date"]


def check_names(a: Span, b: Span, diff: Sequence[DiffOp] = ()) -> list[Evidence]:
    """Names in aligned slots: a spelling variant (Peña/Pena) or another name."""
    return [e for e in slot_evidence(a, b) if e.check == "name"]


def check_negation(a: Span, b: Span, diff: Sequence[DiffOp] = ()) -> list[Evidence]:
    """A negation added or removed on the aligned words, when the polarities differ."""
    return [e for e in slot_evidence(a, b) if e.check == "negation"]


def _direction(tokens: list[Token]) -> tuple[int, list[Token]]:
    """+1 (more, deepen), -1 (forgo, halt) or 0, and the words that decided it. A downward word
    governs an upward one just after it ("forgoing a closer relationship" is downward), and a
    negation flips the word after it ("not increase")."""
    score, cues = 0, []
    skip_until = -1
    for k, t in enumerate(tokens):
        up = t.norm in _UP_EXACT or (len(t.norm) > 4 and t.norm.startswith(_UP))
        down = t.norm in _DOWN_EXACT or (len(t.norm) > 4 and t.norm.startswith(_DOWN))
        if not (up or down) or k <= skip_until:
            continue
        sign = 1 if up else -1
        if any(x.norm in _NEGATIONS for x in tokens[max(0, k - 3) : k]):
            sign = -sign
        if down:
            skip_until = k + 4
        score += sign
        cues.append(t)
    return (1 if score > 0 else -1 if score < 0 else 0), cues


def check_direction(a: Span, b: Span, diff: Sequence[DiffOp] = ()) -> list[Evidence]:
    """Opposite-direction words on the aligned subject: one side says the thing grows, the
    other that it shrinks, in one slot of the word alignment with the same word next to it on
    both sides ("rose 5 pct" / "fell 5 pct"). A word list alone is only a hint, so words that
    the alignment does not pair up give nothing; the judge still asks the model."""
    for wa_slot, wb_slot in _anchored_slots(_words(a, b), 3):
        sa, ca = _direction(wa_slot)
        sb, cb = _direction(wb_slot)
        if sa and sb and sa != sb:
            return [_opposed(EvidenceCheck.DIRECTION, "opposite direction", a, b, ca[0], cb[0])]
    return []


def check_opposites(a: Span, b: Span) -> list[Evidence]:
    """One word replaced by its opposite (lexicon.OPPOSITE_WORDS: higher / lower, deny / admit,
    guilty / innocent) between words the two sides share ("closed higher after" / "closed lower
    after"): in a copy this is a changed fact the NLI model is blind to (it reads "Shares closed
    higher after the ruling" and "... lower ..." as entailing each other at 0.96). The judge
    makes it a contradiction only where the rest is the same words (judge.py, step 2)."""
    w = _words(a, b)  # one alignment for every pass
    slots = list(_anchored_slots(w, STANCE_SLOT))
    # and the first word of a longer slot next to the shared word: "made an MBE" / "made an
    # OBE in the New Year Honours list" at the end of a headline
    for wa_slot, wb_slot in [*slots, *_slot_edges(w, 1, single=True)]:
        if len(wa_slot) == len(wb_slot) == 1:
            wa, wb = wa_slot[0], wb_slot[0]
            what = _one_word_swap(wa.norm, wb.norm)
            if what is not None:
                return [_opposed(EvidenceCheck.OPPOSITE, what, a, b, wa, wb)]
    for wa_slot, wb_slot in slots:
        parallel = _parallel_swap(wa_slot, wb_slot)
        if parallel is not None:
            return [_opposed(EvidenceCheck.OPPOSITE, parallel[0], a, b, *parallel[1:])]
    for wa_slot, wb_slot in [*slots, *_slot_edges(w, STANCE_SLOT)]:
        sides = _stance_sides(wa_slot, wb_slot)
        if sides is not None:
            return [_opposed(EvidenceCheck.OPPOSITE, "opposite words", a, b, *sides)]
    return _rank_dropped(a, b, w)


def _rank_dropped(a: Span, b: Span, w: _Words) -> list[Evidence]:
    """A rank written before a superlative on one side only: "the world's largest cocoa
    exporter" / "the world's second largest cocoa exporter" (BBC business against a draft)
    says first where the other says second."""
    ta, tb, na, nb = w.ta, w.tb, w.na, w.nb
    for tag, i1, i2, j1, j2 in w.ops:
        if tag not in ("insert", "delete"):
            continue
        side, k, rest, at = (tb, j1, nb, j2) if tag == "insert" else (ta, i1, na, i2)
        if at - k != 1 or side[k].norm not in ORDINAL_WORDS or side[k].norm == "first":
            continue
        if at < len(rest) and rest[at] in _SUPERLATIVES:
            here = f'"{ta[i2].raw}"' if tag == "insert" else f'"{ta[i1].raw} {ta[i2].raw}"'
            there = f'"{tb[j1].raw} {tb[j2].raw}"' if tag == "insert" else f'"{tb[j2].raw}"'
            wa, wb = (ta[i2], tb[j1]) if tag == "insert" else (ta[i1], tb[j2])
            return [
                Evidence(
                    EvidenceCheck.NUMBER,
                    "differs",
                    f"rank differs: {here} here, {there} in the source",
                    _sub(a, wa.start, wa.end),
                    _sub(b, wb.start, wb.end),
                )
            ]
    return []


# Superlatives a rank is written before in news copy ("second largest", "third most
# popular"); a list, since "-est" also ends "protest", "forest" and "interest".
_SUPERLATIVES = word_set(
    "largest biggest highest lowest smallest greatest strongest weakest richest poorest "
    "wealthiest oldest youngest longest shortest fastest slowest busiest deadliest "
    "heaviest deepest tallest most least best worst"
)


def _slot_edges(
    w: _Words, most: int, single: bool = False
) -> Iterator[tuple[list[Token], list[Token]]]:
    """The `most` words on each side next to a shared word, of a slot longer than that: what
    the two sentences say just before the same words ("The announcement was opposed by the
    opposition parties" / "The afternoon announcement, following a cabinet meeting on
    Wednesday morning, won broad support from opposition parties", BBC politics against a
    draft) or just after them. None where a negation stands in the slot or just before it.
    `single`: only slots one side of which is one word ("made an MBE" at a headline's end /
    "made an OBE in the New Year Honours list"); in two long slots the words next to a shared
    word are often two clauses' ("who spent three weeks ... before being signed off" / "who
    quit her job after being asked", METER courts)."""
    ta, tb, na, nb = w.ta, w.tb, w.na, w.nb
    for tag, i1, i2, j1, j2 in w.ops:
        if tag != "replace" or max(i2 - i1, j2 - j1) <= most:
            continue
        if single and min(i2 - i1, j2 - j1) != 1:
            continue
        near = ta[max(0, i1 - 2) : i2] + tb[max(0, j1 - 2) : j2]
        if any(t.norm in NEGATIONS or t.raw.lower().endswith(("n't", "n’t")) for t in near):
            continue  # "not a discount to" / "a significant premium to": no opposite
        if i2 < len(na) and j2 < len(nb) and na[i2] == nb[j2]:
            yield ta[max(i1, i2 - most) : i2], tb[max(j1, j2 - most) : j2]
        if i1 > 0 and j1 > 0 and na[i1 - 1] == nb[j1 - 1]:
            yield ta[i1 : min(i2, i1 + most)], tb[j1 : min(j2, j1 + most)]


def _one_word_swap(x: str, y: str) -> str | None:
    """What one word put for another says, as a message's opening, or None: its opposite
    (OPPOSITE_WORDS, or a negative prefix), another person (COUNTERPART_WORDS), another
    offence (OFFENCES), another medal (MEDALS), another honour (HONOURS: "MBE" / "OBE") or
    another multiple (MULTIPLES: "double" / "triple")."""
    pair = frozenset((x, y))
    if pair in OPPOSITE_WORDS or negative_prefix_pair(x, y):
        return "opposite words"
    if pair in COUNTERPART_WORDS:
        return "another person"
    if len(pair) == 2 and pair <= OFFENCES:
        return "another offence"
    if len(pair) == 2 and pair <= MEDALS:
        return "another medal"
    if len(pair) == 2 and pair <= HONOURS:
        return "another honour"
    if x in MULTIPLES and y in MULTIPLES and MULTIPLES[x] != MULTIPLES[y]:
        return "another multiple"
    return None


# The most words on a side of a slot read word against word (evidence._parallel_swap).
PARALLEL_SLOT = 3


def _parallel_swap(wa_slot: list[Token], wb_slot: list[Token]) -> tuple[str, Token, Token] | None:
    """Two short slots of as many words, where the words in one place are a swap
    _one_word_swap names: "a small discount to its original bid" / "a significant premium to
    its original bid", "David Simon confirmed today" / "David Simon's denial today"
    (Reuters-21578 against a draft). Word against word in the same place, so two phrases
    built alike, not a word of one phrase met anywhere in a longer other; no negation in
    either ("not a premium" says no discount)."""
    if not 1 < len(wa_slot) == len(wb_slot) <= PARALLEL_SLOT:
        return None
    if any(
        t.norm in NEGATIONS or t.raw.lower().endswith(("n't", "n’t")) for t in wa_slot + wb_slot
    ):
        return None
    for wa, wb in zip(wa_slot, wb_slot, strict=True):
        what = _one_word_swap(wa.norm, wb.norm)
        if what is not None:
            return what, wa, wb
    return None


# The most words on a side of a slot whose stance words are compared ("has welcomed" / "has
# strongly objected to this": the adverb and the particle come with the verb).
STANCE_SLOT = 4


def _stance_sides(wa_slot: list[Token], wb_slot: list[Token]) -> tuple[Token, Token] | None:
    """A word of one side of a stance (lexicon.STANCE_SIDES) in one slot and of the other in the
    other, with no negation in either slot (a "did not criticise" says no opposite)."""
    if any(
        t.norm in NEGATIONS or t.raw.lower().endswith(("n't", "n’t")) for t in wa_slot + wb_slot
    ):
        return None
    for pro, con in STANCE_SIDES:
        for here, there in ((pro, con), (con, pro)):
            wa = next((t for t in wa_slot if t.norm in here), None)
            wb = next((t for t in wb_slot if t.norm in there), None)
            if wa is not None and wb is not None:
                return wa, wb
    return None


class _Words(NamedTuple):
    """Two passages' word tokens, their folded forms and the word alignment's opcodes: what
    the opposite-word checks read, aligned once."""

    ta: list[Token]
    tb: list[Token]
    na: list[str]
    nb: list[str]
    ops: Sequence[tuple[str, int, int, int, int]]


def _words(a: Span, b: Span) -> _Words:
    import difflib

    ta, tb = tokenize(a.text, a.start), tokenize(b.text, b.start)
    na, nb = [t.norm for t in ta], [t.norm for t in tb]
    ops = difflib.SequenceMatcher(None, na, nb, autojunk=False).get_opcodes()
    return _Words(ta, tb, na, nb, ops)


def _anchored_slots(w: _Words, most: int) -> Iterator[tuple[list[Token], list[Token]]]:
    """The words the alignment replaces, at most `most` on a side, with the same word beside
    them on both sides (before or after): one slot of two sentences."""
    ta, tb, na, nb = w.ta, w.tb, w.na, w.nb
    for tag, i1, i2, j1, j2 in w.ops:
        if tag != "replace" or i2 - i1 > most or j2 - j1 > most:
            continue
        before = i1 > 0 and j1 > 0 and na[i1 - 1] == nb[j1 - 1]
        after = i2 < len(na) and j2 < len(nb) and na[i2] == nb[j2]
        if before or after:
            yield ta[i1:i2], tb[j1:j2]


def _opposed(check: EvidenceCheck, what: str, a: Span, b: Span, wa: Token, wb: Token) -> Evidence:
    return Evidence(
        check,
        "differs",
        f'{what}: "{wa.raw}" here, "{wb.raw}" in the source',
        _sub(a, wa.start, wa.end),
        _sub(b, wb.start, wb.end),
    )


def check_hedging(a: Span, b: Span) -> list[Evidence]:
    """One side hedges or passes on a report (reportedly, may, appears to, expected to: the
    vocabulary of stance_words.hedge_word) where the other asserts."""
    ha, hb = hedge_word(a.text), hedge_word(b.text)
    if bool(ha) == bool(hb):
        return []
    side, word = (a, ha) if ha else (b, hb)
    assert word is not None
    span = _sub(side, side.start + word.start(), side.start + word.end())
    return [
        Evidence(
            EvidenceCheck.HEDGE,
            "hedged",
            f'hedged: "{word.group(0)}" {"here" if ha else "in the source"} only',
            span if ha else None,
            None if ha else span,
        )
    ]
