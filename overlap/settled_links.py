"""How one draft sentence's links are settled once found: one way per source passage, the
copies of a misquoted quotation told as part of it, and whether the sources disagree.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from .types import AGREEING, COPY_KINDS, LinkRelation, SourceLink

# What a copy's own reasons say that a misquoted quotation's copy is not.
_NOT_SO = ("matching the source", "without quote marks or credit", "the same words")


def quoted_in_part(links: Sequence[SourceLink]) -> tuple[SourceLink, ...]:
    """The links of a sentence misquoted by quote matching alone (its note says how): a copy
    that matched a credited quotation in part is part of the misquote, not a quotation
    "matching the source" (a quote of the source's words but its last, "guilty of murder" for
    "guilty of manslaughter", was shown quoted beside the misquote note)."""
    return tuple(
        dataclasses.replace(
            x,
            relation=LinkRelation.MISQUOTED,
            reasons=(
                "these copied words are part of the misquoted quotation",
                *(r for r in x.reasons if not r.endswith(_NOT_SO)),
            ),
        )
        if x.relation is LinkRelation.QUOTED
        or x.relation is LinkRelation.COPIED
        and _QUOTE_MARK.search(x.draft.text)
        else x
        for x in links
    )


# Any quote mark: a copy holding one holds part of the sentence's quotation (quoted_in_part).
_QUOTE_MARK = re.compile('["“”‘’`]')


def not_both_ways(links: list[SourceLink]) -> list[SourceLink]:
    """One source passage does not both support and contradict a sentence, nor contradict it
    twice in one way: where a passage contradicts it (a typed difference, which the model may
    not overrule), a reworded or related-claim link that reads the same source words as
    supporting it is dropped, and so is a second contradiction of the same kind there."""
    against: list[SourceLink] = []
    for x in links:  # one contradiction per source passage: two stages may both find it
        if x.relation is LinkRelation.CONTRADICTS and not any(
            _same_words(x, c) and _kind_of(x) == _kind_of(c) for c in against
        ):
            against.append(x)

    def keep(x: SourceLink) -> bool:
        if x.relation is LinkRelation.CONTRADICTS:
            return any(x is c for c in against)
        if x.relation is LinkRelation.SUPPORTS and x.finding.kind not in COPY_KINDS:
            return not any(_same_words(x, c) for c in against)
        return True  # copies, quotations, misquotes: a credited copy is reuse worth showing

    return [x for x in links if keep(x)]


# Reasons that only say how sure a passage is ("would" / "could", a hedge on one side).
_CERTAINTY_ONLY = ("modality differs", "hedged")


def certainty_said_elsewhere(links: list[SourceLink]) -> list[SourceLink]:
    """A reworded passage that differs from the sentence only in how sure it is is no
    contradiction when another passage of the same source says the sentence as it is: "police
    said the cards would help fight terrorism" is the source's "the police said they would help
    fight terror", not its later "ID cards could 'help them foil a terror bomb plot'" (BBC
    politics, a draft)."""

    def certainty_only(x: SourceLink) -> bool:
        return (
            x.relation is LinkRelation.CONTRADICTS
            and x.finding.kind not in COPY_KINDS
            and bool(x.reasons)
            and all(r.startswith(_CERTAINTY_ONLY) for r in x.reasons)
        )

    said = {x.source for x in links if x.relation is LinkRelation.SUPPORTS}
    return [x for x in links if not (certainty_only(x) and x.source in said)]


def _kind_of(x: SourceLink) -> str:
    """What a link's first reason is about ("negation differs", "money differs")."""
    return x.reasons[0].split(":", 1)[0] if x.reasons else ""


def _same_words(x: SourceLink, y: SourceLink) -> bool:
    """Do two links read overlapping words of one source?"""
    return x.source == y.source and x.span.start < y.span.end and y.span.start < x.span.end


def sources_disagree(links: Sequence[SourceLink]) -> bool:
    """Does one source contradict the sentence while another says it (supports, quotes or is
    copied by it)? One source that is copied with a fact changed is a contradiction, not two
    sources disagreeing."""
    against = {x.source for x in links if x.relation is LinkRelation.CONTRADICTS}
    agreeing = {x.source for x in links if x.relation in AGREEING}
    return bool(against) and bool(agreeing - against)
