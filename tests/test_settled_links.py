"""How one draft sentence's links are settled (settled_links.py), on links built by hand: the
rules read only relations, kinds, sources and reasons."""

from __future__ import annotations

from overlap.settled_links import certainty_said_elsewhere
from overlap.types import Direction, Finding, Kind, LinkRelation, SourceLink, Span

DRAFT = "Mr Howard said he backed the scheme because police said the cards would help fight crime."


def link(
    relation: LinkRelation,
    reasons: tuple[str, ...],
    source: str = "bbc",
    at: int = 0,
    kind: Kind = Kind.PARAPHRASE,
) -> SourceLink:
    mine = Span("draft", 0, len(DRAFT), DRAFT)
    theirs = Span(source, at, at + 40, "x" * 40)
    f = Finding("f", kind, 0.8, 0.4, 0.8, theirs, mine, (), Direction.UNKNOWN, "")
    return SourceLink(f"{relation}{at}", source, relation, mine, theirs, reasons, f)


MODALITY = (
    'modality differs: "would" here, "could" in the source',
    'hedged: "could" in the source only',
)
REWORDED = ("reworded with no typed difference; the model sees no contradiction",)


def test_a_difference_of_certainty_is_no_contradiction_where_the_source_says_it_as_is():
    # BBC politics (ID cards) and a draft: "would help fight terror" is said by one sentence of
    # the source; another's "could 'help them foil a terror bomb plot'" contradicted it
    against = link(LinkRelation.CONTRADICTS, MODALITY, at=100)
    said = link(LinkRelation.SUPPORTS, REWORDED, at=0)
    assert certainty_said_elsewhere([against, said]) == [said]
    # alone, or with another source's support, the difference stands
    assert certainty_said_elsewhere([against]) == [against]
    other = link(LinkRelation.SUPPORTS, REWORDED, source="itv")
    assert certainty_said_elsewhere([against, other]) == [against, other]
    # a changed fact is not a difference of certainty; a copy's modality change stands too
    number = link(
        LinkRelation.CONTRADICTS, ('number differs: "3" here, "4" in the source',), at=100
    )
    assert certainty_said_elsewhere([number, said]) == [number, said]
    copied = link(LinkRelation.CONTRADICTS, MODALITY, at=100, kind=Kind.EDITED)
    assert certainty_said_elsewhere([copied, said]) == [copied, said]
