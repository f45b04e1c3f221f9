"""Typed checks on a passage pair: numbers, dates, names, negation, direction, hedging.

Each check returns Evidence with the words involved on both sides. The checks only observe;
the verdict rule in judge.py weighs them with the NLI model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .quantities import DateMention, Quantity, find_dates, find_quantities
from .textnorm import Token, tokenize
from .types import DiffOp, Evidence, Span

Mention = Any  # a Quantity or a DateMention: both have start, end and text

_NEGATIONS = {
    "not",
    "no",
    "never",
    "none",
    "nobody",
    "nothing",
    "neither",
    "nor",
    "without",
    "cannot",
    "cant",
    "wont",
    "dont",
    "doesnt",
    "didnt",
    "isnt",
    "arent",
    "wasnt",
    "werent",
    "hasnt",
    "havent",
    "hadnt",
    "couldnt",
    "wouldnt",
    "shouldnt",
}
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
_UP_EXACT = {"more", "greater", "closer", "better", "rise", "rising", "grow", "growth"}
_DOWN_EXACT = {
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
_HEDGES = {
    "may",
    "might",
    "could",
    "possibly",
    "reportedly",
    "allegedly",
    "likely",
    "unlikely",
    "perhaps",
    "probably",
    "suggests",
    "suggest",
    "appears",
    "appear",
    "seems",
    "seem",
    "expected",
    "believe",
    "believes",
    "hopeful",
    "risks",
    "possible",
}


def run_checks(
    a: Span, b: Span, diff: Sequence[DiffOp], a_date: str | None = None, b_date: str | None = None
) -> list[Evidence]:
    """Every typed check on the pair, in a fixed order."""
    return [
        *check_numbers(a, b),
        *check_dates(a, b, a_date, b_date),
        *check_names(a, b, diff),
        *check_negation(a, b, diff),
        *check_direction(a, b, diff),
        *check_hedging(a, b),
    ]


def _sub(span: Span, start: int, end: int) -> Span:
    return Span(span.article, start, end, span.text[start - span.start : end - span.start])


def _show(q: Quantity) -> str:
    unit = (
        f" {q.unit}s"
        if q.unit and q.value != 1 and q.unit != "percent"
        else (f" {q.unit}" if q.unit else "")
    )
    return f"{q.text}{unit}"


def _pair_up(check: str, a: Span, b: Span, pairs: list[tuple[Mention, list[Mention]]],
             agree: Callable[[Mention, Mention], bool], show: Callable[[Mention], str],
             closest: Callable[[Mention, list[Mention]], Mention]) -> list[Evidence]:
    """For each mention on side a with comparable mentions on side b: one that agrees gives
    'same' evidence, otherwise the closest gives 'differs'."""
    out = []
    for x, comparable in pairs:
        if not comparable:
            continue
        match = next((y for y in comparable if agree(x, y)), None)
        y, relation, word = (match, "same", "agrees") if match else (
            closest(x, comparable), "differs", "differs")
        sep = "~" if match else "vs"
        out.append(Evidence(check, relation, f"{check} {word}: {show(x)} {sep} {show(y)}",
                            _sub(a, x.start, x.end), _sub(b, y.start, y.end)))
    return out


def check_numbers(a: Span, b: Span) -> list[Evidence]:
    """Quantities of the same unit: consistent (same) or not (differs).

    >>> [e.message for e in check_numbers(Span("x", 0, 25, "the 1,954-mile border"),
    ...                                   Span("y", 0, 22, "the 2,000-mile border"))]
    ['number differs: 1,954 miles vs 2,000 miles']
    """
    qa, qb = find_quantities(a.text, a.start), find_quantities(b.text, b.start)
    pairs = [(x, [y for y in qb if x.unit is not None and y.unit == x.unit]) for x in qa]
    return _pair_up("number", a, b, pairs, lambda x, y: x.consistent_with(y), _show,
                    lambda x, ys: min(ys, key=lambda y: abs(y.value - x.value)))


def check_dates(a: Span, b: Span, a_date: str | None, b_date: str | None) -> list[Evidence]:
    """Dates compared on their common precision ("May 2013" agrees with "2013-05-02"). A bare
    year is too loose to contradict anything, so only month or day precision counts."""
    da, db = find_dates(a.text, a.start, a_date), find_dates(b.text, b.start, b_date)
    comparable = [y for y in db if len(y.value) >= 7]
    pairs = [(x, comparable) for x in da if len(x.value) >= 7]
    return _pair_up("date", a, b, pairs, _same_date, lambda d: f"{d.text} ({d.value})",
                    lambda x, ys: ys[0])


def _same_date(x: DateMention, y: DateMention) -> bool:
    n = min(len(x.value), len(y.value))
    return x.value[:n] == y.value[:n]


def _capitalised(tokens: list[Token]) -> bool:
    """Every word capitalised and at least one not a function word ("The" / "A" at the start of
    a sentence are not names)."""
    from .paraphrase import stop_words

    return (bool(tokens) and all(t.raw[:1].isupper() for t in tokens)
            and any(t.norm not in stop_words() for t in tokens))


def check_names(a: Span, b: Span, diff: Sequence[DiffOp]) -> list[Evidence]:
    """Names swapped in the aligned words: a spelling variant (Peña/Pena) or another name."""
    out = []
    for d in diff:
        if d.op != "replace":
            continue
        ta = tokenize(a.text[d.a_start - a.start : d.a_end - a.start], d.a_start)
        tb = tokenize(b.text[d.b_start - b.start : d.b_end - b.start], d.b_start)
        if not (_capitalised(ta) and _capitalised(tb)) or len(ta) > 4 or len(tb) > 4:
            continue
        wa, wb = " ".join(t.raw for t in ta), " ".join(t.raw for t in tb)
        if [t.norm for t in ta] == [t.norm for t in tb]:
            out.append(
                Evidence(
                    "name",
                    "variant",
                    f"spelling variant: {wa} / {wb} (same name)",
                    _sub(a, d.a_start, d.a_end),
                    _sub(b, d.b_start, d.b_end),
                )
            )
        elif not any(t.raw.isupper() and len(t.raw) > 1 for t in ta + tb) or len(ta) == len(tb):
            out.append(
                Evidence(
                    "name",
                    "differs",
                    f"name differs: {wa} vs {wb}",
                    _sub(a, d.a_start, d.a_end),
                    _sub(b, d.b_start, d.b_end),
                )
            )
    return out


def _negations(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.norm in _NEGATIONS or t.raw.lower().endswith(("n't", "n’t"))]


def check_negation(a: Span, b: Span, diff: Sequence[DiffOp]) -> list[Evidence]:
    """A negation present on one side only: in the diff when aligned, else by count parity."""
    out = []
    for d in diff:
        if d.op == "equal":
            continue
        na = _negations(tokenize(a.text[d.a_start - a.start : d.a_end - a.start], d.a_start))
        nb = _negations(tokenize(b.text[d.b_start - b.start : d.b_end - b.start], d.b_start))
        if bool(na) != bool(nb):
            word = (na or nb)[0]
            side = "A" if na else "B"
            span = _sub(a, word.start, word.end) if na else _sub(b, word.start, word.end)
            out.append(
                Evidence(
                    "negation",
                    "differs",
                    f"negation on one side only: {side} says '{word.raw}'",
                    span if na else None,
                    None if na else span,
                )
            )
    if diff:
        return out
    na, nb = _negations(tokenize(a.text, a.start)), _negations(tokenize(b.text, b.start))
    if len(na) % 2 != len(nb) % 2:
        word, side = (na[0], "A") if na else (nb[0], "B")
        span = _sub(a if na else b, word.start, word.end)
        out.append(
            Evidence(
                "negation",
                "differs",
                f"polarity differs: {side} says '{word.raw}'",
                span if na else None,
                None if na else span,
            )
        )
    return out


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
    """Opposite-direction predicates: one side says the thing grows, the other that it shrinks.

    In aligned text only the changed words are read ("more than" / "less than" in a copy);
    otherwise each passage as a whole."""
    if diff:
        sides = [(tokenize(a.text[d.a_start - a.start : d.a_end - a.start], d.a_start),
                  tokenize(b.text[d.b_start - b.start : d.b_end - b.start], d.b_start))
                 for d in diff if d.op == "replace"]
    else:
        sides = [(tokenize(a.text, a.start), tokenize(b.text, b.start))]
    for ta, tb in sides:
        sa, ca = _direction(ta)
        sb, cb = _direction(tb)
        if sa and sb and sa != sb:
            wa, wb = ca[0], cb[0]
            return [Evidence("direction", "differs", f"opposite direction: '{wa.raw}' vs "
                             f"'{wb.raw}'", _sub(a, wa.start, wa.end), _sub(b, wb.start, wb.end))]
    return []


def check_hedging(a: Span, b: Span) -> list[Evidence]:
    """One side hedges (may, reportedly, likely) where the other asserts."""
    ha = [t for t in tokenize(a.text, a.start) if t.norm in _HEDGES]
    hb = [t for t in tokenize(b.text, b.start) if t.norm in _HEDGES]
    if bool(ha) == bool(hb):
        return []
    word = (ha or hb)[0]
    side = "A" if ha else "B"
    span = _sub(a if ha else b, word.start, word.end)
    return [
        Evidence(
            "hedge",
            "hedged",
            f"{side} hedges ('{word.raw}') where the other asserts",
            span if ha else None,
            None if ha else span,
        )
    ]
