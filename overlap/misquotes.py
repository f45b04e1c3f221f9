"""Misquotes: quotation marks around words, or a speaker, the source does not have.

The one home of that rule. quote_match decides each quotation (its `Outcome`); this module says
which outcomes are misquotes and words them. The judge asks here about the credited quotations
inside a copy (`in_copy`), the draft check about every draft quotation (`quote_verdicts`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .quote_match import (
    MIN_WORDS,
    ArticleQuotes,
    Outcome,
    QuoteVerdict,
    from_segmented,
    match_quote,
)
from .speaker_names import AFFILIATION, a_name
from .textnorm import tokenize
from .types import Finding, Segmented

MISQUOTES = (Outcome.MISQUOTED, Outcome.MISATTRIBUTED)


def misquoted(verdicts: Sequence[QuoteVerdict]) -> list[QuoteVerdict]:
    """The verdicts that are misquotes (changed words, or another speaker's words)."""
    return [v for v in verdicts if v.outcome in MISQUOTES]


def quote_verdicts(draft: ArticleQuotes, sources: Sequence[ArticleQuotes]) -> list[QuoteVerdict]:
    """match_quote on every draft quotation long enough to be one (not a scare-quoted word);
    a quotation nested in another is judged with the outer one. Each change is placed in the
    draft's text (`local` reads where)."""
    return [
        match_quote(q, sources, draft.article.text)
        for q in draft.quotations
        if q.depth == 0 and len(tokenize(q.text)) >= MIN_WORDS
    ]


def local(verdicts: Sequence[QuoteVerdict], start: int, end: int) -> list[QuoteVerdict]:
    """The verdicts on the quotations overlapping draft[start:end], as that stretch has them: a
    misquote keeps only the changes inside it, and one with none there is quoted there. A
    quotation running over several sentences ("He had sex with her. He then killed her.")
    misquotes only the sentences holding its changed words, not every sentence it spans."""
    out = []
    for v in verdicts:
        if not (v.quote.start < end and v.quote.end > start):
            continue
        src = v.source
        if v.outcome is not Outcome.MISQUOTED or src is None or len(src.where) != len(v.changes):
            out.append(v)  # nothing to place (or placed in the quotation's own text)
            continue
        here = [c for c, (a, b) in zip(v.changes, src.where, strict=True) if a < end and b > start]
        if len(here) == len(v.changes):
            out.append(v)
        elif here:
            reason = f"words differ from {src.label}: " + "; ".join(here)
            out.append(dataclasses.replace(v, changes=tuple(here), reason=reason))
        else:
            out.append(
                dataclasses.replace(v, outcome=Outcome.QUOTED, changes=(), reason="same words here")
            )
    return out


def in_copy(f: Finding, seg_a: Segmented, seg_b: Segmented) -> tuple[str, ...]:
    """What is wrong with the quotations of the copy (`b`) inside this finding, against its
    source (`a`): changed words ('dignity' -> 'honor') or another speaker."""
    source = from_segmented(seg_a)
    out: list[str] = []
    for q in from_segmented(seg_b).quotations:
        if q.depth or not (q.start < f.b.end and q.end > f.b.start):
            continue
        # only the changes inside the copy: a quotation may run on past it
        [v] = local([match_quote(q, [source], seg_b.article.text)], f.b.start, f.b.end)
        if v.outcome is Outcome.MISQUOTED:
            out.extend(v.changes)
            if v.speaker_differs and v.source is not None:
                out.append(_whose(v, q.speaker or "the credited speaker"))
        elif v.outcome is Outcome.MISATTRIBUTED and v.source is not None:
            out.append(_whose(v, q.speaker or "the credited speaker"))
    return tuple(dict.fromkeys(out))


def reason(v: QuoteVerdict) -> str:
    """A misquote in words a reader can check: the changed words, or whose words they are, and
    in which source."""
    label = v.source.label if v.source else "the source"
    if v.outcome is Outcome.MISATTRIBUTED and v.source is not None:
        said = v.quote.speaker or v.quote.outlet or "the credited speaker"
        return f"{_whose(v, said)} (in {label})"
    changed = f"words changed: {'; '.join(v.changes)}"
    if v.speaker_differs:
        said = v.quote.speaker or "the credited speaker"
        changed += f"; and {_whose(v, said)}"
    return f"{changed} (against {label})"


def _whose(v: QuoteVerdict, said: str) -> str:
    """Whose words a misattributed quotation's are: the source's speaker, or, where the source
    gives them to no one it names as the draft does, that it does not name the draft's."""
    if v.source is not None and v.source.speaker:
        who = v.source.speaker
        if not a_name(who) or AFFILIATION.sub("", who) != who:
            # a description ("the aide to Lyng") or a name with its firm ("Bruce Lazier of
            # Prescott Ball and Turben"): a possessive would read as the last word's
            return f"{who} said these words, not {said}"
        return f"these words are {who}'s, not {said}'s"
    return f"the source prints these words but never names {said}"
