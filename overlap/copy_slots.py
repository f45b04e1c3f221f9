"""A copied sentence with a changed fact (issue 13: "a copied sentence with a changed number is
contradicted and copied, and the report shows both").

A copy finding spans only the words the two texts share in order: a name of three words put in
place of a name of two, or a phrase swapped for another ("yesterday" -> "last week"), can cut
the copy in two around the change, and neither half holds it. So for a draft sentence with a
copy link, the whole sentence is compared with the whole source sentences the copy comes from
(slots.compare_sentences on their aligned words), and a typed difference there is a
contradiction beside the copy. The comparison only pairs slots the word alignment pairs, so a
sentence that adds a clause of its own is not contradicted by it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .date_mention import DateMention
from .dates import find_dates
from .evidence import check_opposites, slot_evidence
from .ids import text_id
from .judge import HARD_CHECKS
from .slot_names import full_names
from .textnorm import tokenize
from .time_frames import days_apart
from .types import (
    AGREEING,
    COPY_KINDS,
    Evidence,
    EvidenceCheck,
    Judgement,
    LinkRelation,
    Segmented,
    Sentence,
    SourceLink,
    Span,
    Verdict,
)

# A draft copying a source dated more days before it than this keeps what it changed: the fact
# may have moved on since (the judge's "changed over time" for articles, at a week, reads
# recurring wire reports; a draft's copy of a month-old source is still checked).
COPY_DAYS_APART = 30
# The relations a copy link may have that a changed fact inside it overrides in the class.


def source_sentences(seg: Segmented, span: Span, mostly: bool = False) -> Span:
    """The source sentences `span` lies in, as one span (from the first one's start to the
    last one's end). `mostly`: only those it holds at least half of, where there are any (a
    passage that runs on into "A follow-up to" holds nothing that sentence says)."""
    inside = [s for s in seg.sentences if s.start < span.end and s.end > span.start]
    if mostly:

        def held(s: Sentence) -> float:
            return (min(s.end, span.end) - max(s.start, span.start)) / max(1, s.end - s.start)

        inside = [s for s in inside if held(s) >= 0.5] or inside
    if not inside:
        return span
    start, end = inside[0].start, inside[-1].end
    return Span(seg.article.id, start, end, seg.article.text[start:end])


def aligned_only(links: Sequence[SourceLink], segs: dict[str, Segmented]) -> list[SourceLink]:
    """The sentence's links without contradictions from source sentences it is not aligned
    with: a draft sentence copied from a source sentence is that sentence's, and a parallel
    sentence of the same source with other figures ("Loans ... rose to 4.77 billion" beside
    "Deposits ... fell to 6.87 billion") found by meaning does not contradict it (issue 13:
    the unit is an aligned sentence pair)."""
    copied_from: dict[str, list[Span]] = {}
    for x in links:
        if x.finding.kind in COPY_KINDS and x.source in segs:
            copied_from.setdefault(x.source, []).append(source_sentences(segs[x.source], x.span))
    return [
        x
        for x in links
        if x.relation is not LinkRelation.CONTRADICTS
        or x.finding.kind in COPY_KINDS
        or x.source not in copied_from
        or any(x.span.start < s.end and x.span.end > s.start for s in copied_from[x.source])
    ]


def changed_fact_links(
    sent: Sentence,
    links: Sequence[SourceLink],
    draft: Segmented,
    segs: dict[str, Segmented],
    occurrence: dict[int, tuple[str, ...]],
) -> list[SourceLink]:
    """A `contradicts` link for each source whose copy in this draft sentence has a typed
    difference between the whole sentences (a name, number, date, negation, quantifier or
    modality changed, or a word put for its opposite: evidence.check_opposites), unless a
    link already contradicts or misquotes from that source. Articles further apart in time
    than `COPY_DAYS_APART` are left alone: a fact may have changed between them."""
    # (a link that only reports the claim, "could", settles nothing about the copy's facts)
    settled = {x.source for x in links if x.relation not in (*AGREEING, LinkRelation.REPORTS)}
    # The people the draft or any source names in full: one source's "Janice" and the draft's
    # "Miss Sheridan" are one woman when another source names "Janice Sheridan" (METER courts).
    names = frozenset().union(*(full_names(seg.article.text) for seg in segs.values()))
    out: list[SourceLink] = []
    here = Span(draft.article.id, sent.start, sent.end, sent.text)
    for source in dict.fromkeys(x.source for x in links):
        copies = [
            x
            for x in links
            if x.source == source and x.relation in AGREEING and x.finding.kind in COPY_KINDS
        ]
        if not copies or source in settled or source not in segs:
            continue
        seg = segs[source]
        apart = days_apart(draft.article.date, seg.article.date)
        if apart is not None and apart > COPY_DAYS_APART:
            continue
        first = min(copies, key=lambda x: x.span.start)
        last = max(copies, key=lambda x: x.span.end)
        # the source sentences the copy mostly holds: a copy that runs on from the end of the
        # sentence before ("..., including best male. Alicia Keys has 12 nominations") is
        # that one's, whose "Usher" the alignment would pair with the draft's
        there = source_sentences(
            seg, Span(source, first.span.start, last.span.end, first.span.text), mostly=True
        )
        found = _changed_facts(here, there, draft, seg, names)
        closest = _closest_sentence(seg, there, here)
        if not found and closest is not None:
            # a copy holding half of each of two source sentences is read against the one
            # with most of its words too: "A large amount of French barley has already been
            # put into intervention" against "... a large amount could be put into
            # intervention. A small amount of French barley has already been put ..."
            found, there = _changed_facts(here, closest, draft, seg, names), closest
        if not found:
            continue
        there = holding(seg, there, [e.b for e in found if e.b is not None])
        reasons = tuple(dict.fromkeys(e.message for e in found))
        copy = first.finding
        judgement = Judgement(
            Verdict.CONTRADICT,
            0.7,
            (*reasons, "the rest of the sentence is copied"),
            tuple(found),
            copy.judgement.nli if copy.judgement else None,
        )
        ident = text_id(
            LinkRelation.CONTRADICTS,
            sent.text,
            source,
            there.text,
            *occurrence.get(sent.index, ()),
        )
        out.append(
            SourceLink(
                ident,
                source,
                LinkRelation.CONTRADICTS,
                here,
                there,
                reasons,
                dataclasses.replace(copy, judgement=judgement),
            )
        )
    return out


def _changed_facts(
    here: Span, there: Span, draft: Segmented, seg: Segmented, names: frozenset[frozenset[str]]
) -> list[Evidence]:
    """Typed differences between the draft sentence and the source sentences: a slot that
    differs (HARD_CHECKS), else a word for its opposite ("had won silver" / "who secured
    bronze" before the copied words), else a year the copy moved."""
    return [
        e
        for e in slot_evidence(here, there, draft.article.date, seg.article.date, names=names)
        if e.relation == "differs" and e.check in HARD_CHECKS
    ] or (check_opposites(here, there) or moved_year(here, there))


def _closest_sentence(seg: Segmented, there: Span, here: Span) -> Span | None:
    """Of two or more source sentences in `there`, the one sharing most words with `here`;
    None for one sentence."""
    inside = [s for s in seg.sentences if there.start <= s.start and s.end <= there.end]
    if len(inside) < 2:
        return None
    words = {t.norm for t in tokenize(here.text)}
    best = max(inside, key=lambda s: len(words & {t.norm for t in tokenize(s.text)}))
    return Span(there.article, best.start, best.end, best.text)


def holding(seg: Segmented, there: Span, at: Sequence[Span]) -> Span:
    """The source sentences of `there` that hold the source words `at` (the changed words): a
    copy that runs on from the end of one sentence into the next is shown at the one its
    changed word is in."""
    inside = [
        s
        for s in seg.sentences
        if there.start <= s.start < there.end and any(s.start <= b.start < s.end for b in at)
    ]
    if not inside:
        return there
    start, end = inside[0].start, inside[-1].end
    return Span(there.article, start, end, seg.article.text[start:end])


def moved_year(here: Span, there: Span) -> list[Evidence]:
    """The one year of a copied sentence changed where the copy also moved it: "which produced
    Populous in 1989" / "which in 1987 produced Populous" (BBC tech against a draft). The word
    alignment pairs no slot for it, and the copy holds the sentence's other words: one year on
    each side (dates.find_dates), two different years, is a changed date."""

    def years(span: Span) -> list[DateMention]:
        return [d for d in find_dates(span.text, span.start) if d.kind == "year"]

    ya, yb = years(here), years(there)
    if len(ya) != 1 or len(yb) != 1 or ya[0].value == yb[0].value:
        return []
    (x,), (y,) = ya, yb
    return [
        Evidence(
            EvidenceCheck.DATE,
            "differs",
            f'date differs: "{_at(here, x)}" here, "{_at(there, y)}" in the source',
            Span(here.article, x.start, x.end, _at(here, x)),
            Span(there.article, y.start, y.end, _at(there, y)),
        )
    ]


def _at(span: Span, d: DateMention) -> str:
    return span.text[d.start - span.start : d.end - span.start]
