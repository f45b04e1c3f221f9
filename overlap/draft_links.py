"""A draft sentence's links to the source spans that bear on it: copies, quotations, claims and
their verdicts, each with its relation (overlap check; draft.py decides the sentence's class)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from . import misquotes
from .attribution import credit_of, other_credit
from .copy_slots import holding, source_sentences
from .draft_input import without_block_marker
from .draft_quotes import reports_quote
from .evidence import from_other_side
from .ids import text_id
from .judge import DOUBT, REWORDED
from .models import Models
from .quote_match import QuoteVerdict
from .reported_speakers import REPORTING_VERBS
from .short_claims import judge_short_claim
from .slot_alignment import STOP, stem
from .stance_words import hedge_word
from .textnorm import normalise_line, tokenize
from .types import (
    COPY_KINDS,
    DiffTag,
    Direction,
    Finding,
    Judgement,
    Kind,
    LinkRelation,
    Segmented,
    Sentence,
    SourceLink,
    Span,
    Verdict,
)


def short_claim_links(
    sent: Sentence,
    links: list[SourceLink],
    draft_id: str,
    sources: Sequence[Segmented],
    models: Models,
    occurrence: dict[int, tuple[str, ...]],
    words_only: bool = False,
) -> list[SourceLink]:
    """A short claim (a headline, a sentence under min_paraphrase_words words) is judged against
    the source passages closest to it (short_claims.py), not by the single related sentences the
    compare stages pair it with. A quotation of it keeps its own links; a copy of it too, and
    a passage that debunks it is reported beside the copy (a body may repeat a claim word for
    word to call it a hoax). `words_only`: for a longer sentence no compare stage linked, only
    a contradiction on the words both say counts (a changed number, a dropped "not"): the
    support and debunk rules were read on headlines, and on METER court copy they supported
    and "debunked" long sentences on the closest passage's other words ("no evidence")."""
    kept = [x for x in links if x.finding.kind is not Kind.CLAIM]
    if any(x.relation in (LinkRelation.QUOTED, LinkRelation.MISQUOTED) for x in kept):
        return links
    verdict = judge_short_claim(
        without_block_marker(sent.text), sources, models.embedder, models.nli
    )
    copied = any(x.relation is LinkRelation.COPIED for x in kept)
    if words_only and verdict is not None and not verdict.on_words:
        verdict = None
    if verdict is None or copied and verdict.relation != "contradicts":
        return links if copied else kept
    claim = Span(draft_id, sent.start, sent.end, sent.text)
    p = verdict.passage
    relation = LinkRelation(verdict.relation)
    judgement = Judgement(
        Verdict.CONTRADICT if relation is LinkRelation.CONTRADICTS else Verdict.AGREE,
        round(
            verdict.nli.a_to_b.contradiction
            if relation is LinkRelation.CONTRADICTS
            else verdict.nli.a_to_b.entailment,
            3,
        ),
        (verdict.reason,),
        (),
        verdict.nli,
    )
    finding = Finding(
        text_id("short-claim", p.article, p.text, sent.text),
        Kind.CLAIM,
        round(verdict.cosine, 4),
        0.0,
        round(verdict.cosine, 4),
        p,
        claim,
        (),
        Direction.UNKNOWN,
        "not reused text: a short claim and the passage about it",
        None,
        judgement,
    )
    ident = text_id(relation, sent.text, p.article, p.text, *occurrence.get(sent.index, ()))
    return [*kept, SourceLink(ident, p.article, relation, claim, p, (verdict.reason,), finding)]


def occurrences(draft: Segmented) -> dict[int, tuple[str, ...]]:
    """Per sentence, () for the first sentence with its words and ("2",), ("3",), ... for later
    ones with the same words: two identical sentences in one draft get two ids."""
    seen: dict[str, int] = {}
    out: dict[int, tuple[str, ...]] = {}
    for sent in draft.sentences:
        key = " ".join(normalise_line(sent.text).split())
        seen[key] = seen.get(key, 0) + 1
        out[sent.index] = () if seen[key] == 1 else (str(seen[key]),)
    return out


def unique_links(links: list[SourceLink]) -> list[SourceLink]:
    """One link per id (two findings may say the same about one sentence), reasons once each."""
    out: dict[str, SourceLink] = {}
    for x in links:
        if x.id not in out:
            out[x.id] = dataclasses.replace(x, reasons=tuple(dict.fromkeys(x.reasons)))
    return list(out.values())


def links_of(
    f: Finding,
    draft: Segmented,
    segs: dict[str, Segmented],
    occurrence: dict[int, tuple[str, ...]] | None = None,
    verdicts: Sequence[QuoteVerdict] = (),
) -> list[SourceLink]:
    """What this finding says about the draft: one link per draft sentence it touches, with the
    verdict and evidence of that sentence's own pairs (the `sentence` evidence of
    finding_verdict.combine)."""
    draft_is_a = f.a.article == draft.article.id
    dspan, sspan = (f.a, f.b) if draft_is_a else (f.b, f.a)
    source = segs[sspan.article]
    occurrence = occurrence or {}
    out = []
    touched = [x for x in draft.sentences if x.start < dspan.end and x.end > dspan.start]
    for sent in touched:
        if len(touched) > 1 and f.kind not in COPY_KINDS and not _about_source(sent, sspan):
            continue
        verdict, reasons = _about(f, draft_is_a, sent.start, sent.end)
        if verdict is Verdict.UNCLEAR and f.kind not in COPY_KINDS:
            # Reworded or related words the judge could not call agreeing say nothing for the
            # sentence: not support ("The Guardian reported that ..." against the wire's own
            # sentence, "the model reads neither agreement nor contradiction"); with no reasons
            # the finding's verdict is about another sentence it covers.
            continue
        lo, hi = max(sent.start, dspan.start), min(sent.end, dspan.end)
        if f.kind in COPY_KINDS and _says_who_spoke(draft.article.text[lo:hi], sent, verdicts):
            continue
        quoted = misquotes.local(verdicts, lo, hi)
        reported = reports_quote(quoted, draft.article.text, lo, hi, sspan.article)
        # The link is between this sentence's part of the finding and the source words aligned
        # with it, not the whole finding: a copy running over two sentences gives each its own
        # link, so evidence on one is never shown on (or counted for) the other, and quote
        # marks in one are not the other's ("Gary Megson admitted ..." before his quotation).
        mine = Span(dspan.article, lo, hi, draft.article.text[lo:hi])
        relation = _relation(f, draft, mine, source, sspan, reasons, verdict, quoted, reported)
        theirs = aligned_source(f, draft_is_a, lo, hi, source) or sspan
        if relation is LinkRelation.CONTRADICTS and f.kind in COPY_KINDS and f.judgement:
            # shown at the source sentence its changed words are in: a copy aligned from the
            # end of the sentence before ("... by Mr Blair. A private meeting on Monday")
            mine_side, their_side = ("a", "b") if draft_is_a else ("b", "a")
            changed = [
                getattr(e, their_side)
                for e in f.judgement.evidence
                if e.relation == "differs"
                and (at := getattr(e, mine_side)) is not None
                and lo <= at.start < hi
                and getattr(e, their_side) is not None
            ]
            theirs = holding(source, theirs, changed)
        if relation is LinkRelation.SUPPORTS and f.kind not in COPY_KINDS:
            # a hedge may open the sentence; a sentence the passage only touches is not its
            said = source_sentences(source, theirs, mostly=True)
            # the whole sentence's words say whether the draft hedges or attributes the claim
            relation = _reported_only(sent.text, said, reasons) or relation
        ident = text_id(
            relation, sent.text, sspan.article, theirs.text, *occurrence.get(sent.index, ())
        )
        out.append(
            SourceLink(
                ident, sspan.article, relation, mine, theirs, tuple(dict.fromkeys(reasons)), f
            )
        )
    return out


def _says_who_spoke(part: str, sent: Sentence, verdicts: Sequence[QuoteVerdict]) -> bool:
    """Is the copied `part` of this sentence only the words that say who spoke one of its
    quotations ("..., Fire Chief Dana Okafor said." against another outlet's "Fire Chief Dana
    Okafor said crews were helped")? Every outlet names the speaker so: no reuse."""
    speakers = [
        v.quote.speaker
        for v in verdicts
        if v.quote.speaker and sent.start <= v.quote.start < sent.end
    ]
    if not speakers:
        return False
    allowed = {t.norm for who in speakers for t in tokenize(who)} | REPORTING_VERBS | STOP
    words = {t.norm for t in tokenize(part)}
    return bool(words) and words <= allowed


# The least share of a draft sentence's content words (on their stems) a reworded finding's
# source side must have for the finding to say anything about that sentence.
ABOUT_SOURCE = 0.3


def _about_source(sent: Sentence, source: Span) -> bool:
    """Is this draft sentence, one of several a reworded finding covers, about the finding's
    source words? A paraphrase of two draft paragraphs against one PA sentence ("Cobb, of
    Yateley, Hampshire, ... is accused of drugging women") covered "The incident happened at
    St Peter's Hospital in Chertsey, ... with severe chest pains" too, and "supported" it with
    a sentence that shares "St Peter's" only (the source's own sentence says "abdominal")."""
    mine = {stem(t.norm) for t in tokenize(sent.text) if t.norm not in STOP}
    theirs = {stem(t.norm) for t in tokenize(source.text)}
    return not mine or len(mine & theirs) / len(mine) >= ABOUT_SOURCE


def aligned_source(
    f: Finding, draft_is_a: bool, start: int, end: int, source: Segmented
) -> Span | None:
    """The source words the finding's word diff aligns with draft text start:end (None when the
    finding has no diff, as a paraphrase of one sentence may not)."""
    lo, hi = None, None
    for op in f.diff:
        d0, d1, s0, s1 = (
            (op.a_start, op.a_end, op.b_start, op.b_end)
            if draft_is_a
            else (op.b_start, op.b_end, op.a_start, op.a_end)
        )
        if s1 <= s0 or not (d0 < end and d1 > start):
            continue
        if op.op is DiffTag.EQUAL and d1 - d0 == s1 - s0:
            # One run of equal words can cross the sentence's end ("town. The company"):
            # the same characters on both sides, so the cut falls at the same place.
            s0, s1 = s0 + max(0, start - d0), s1 - max(0, d1 - end)
        lo = s0 if lo is None else min(lo, s0)
        hi = s1 if hi is None else max(hi, s1)
    if lo is None or hi is None:
        return None
    text = source.article.text
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    side = f.a if not draft_is_a else f.b
    return Span(side.article, lo, hi, text[lo:hi]) if hi > lo else None


def _draft_point(f: Finding, draft_is_a: bool, source_at: int) -> int | None:
    """Where in the draft the finding's word diff puts the source offset `source_at`: the start
    of the draft words aligned with the source words there (for source words the draft does not
    have, the point between the draft words around them)."""
    for op in f.diff:
        d0, s0, s1 = (
            (op.a_start, op.b_start, op.b_end) if draft_is_a else (op.b_start, op.a_start, op.a_end)
        )
        if s0 <= source_at < s1:
            return d0
    return None


def _about(f: Finding, draft_is_a: bool, start: int, end: int) -> tuple[Verdict | None, list[str]]:
    """_judged_here, its reasons told from the draft's side: the judge wrote them with the
    finding's side a as "here", and the draft may be side b."""
    verdict, reasons = _judged_here(f, draft_is_a, start, end)
    return verdict, reasons if draft_is_a else [from_other_side(r) for r in reasons]


def _judged_here(
    f: Finding, draft_is_a: bool, start: int, end: int
) -> tuple[Verdict | None, list[str]]:
    """The verdict and reasons of the finding for the draft text start:end. A finding judged in
    several sentence pairs gives a sentence only what its own pairs found: a number changed in
    one sentence does not contradict its neighbour."""
    j = f.judgement
    # The judge's own misquote note assumes `b` copied `a`; for a draft the copier is known, so
    # the check words it itself (_relation).
    reasons = [r for r in (j.reasons if j else ()) if not r.startswith("credited quotation")]
    if j is None:
        return None, reasons
    pairs = [e for e in j.evidence if e.check == "sentence"]

    def here(e: object) -> bool:
        span = getattr(e, "a" if draft_is_a else "b")
        return span is not None and span.start < end and span.end > start

    def near(e: object) -> bool | None:
        """Is the evidence about this sentence: its draft words here, or, where it holds only
        source words ("not" in the source only), the draft words the diff aligns them with?
        None when neither tells."""
        if getattr(e, "a" if draft_is_a else "b", None) is not None:
            return here(e)
        theirs = getattr(e, "b" if draft_is_a else "a", None)
        at = _draft_point(f, draft_is_a, theirs.start) if theirs is not None else None
        return None if at is None else start <= at < end

    def all_elsewhere(evidence: list) -> bool:
        """Is every one of these (some) about another sentence of the finding?"""
        return bool(evidence) and all(near(e) is False for e in evidence)

    if not pairs:
        # Judged whole, and contradicted by typed differences only: a sentence of the finding
        # holding none of them is not contradicted by them ("Espionoza" / "Espinoza" in one
        # line of a list does not contradict the next line about another victim; the source's
        # "had not been compromised" against the draft's next sentence, "had been compromised").
        differ = [e for e in j.evidence if e.relation == "differs"]
        if j.verdict is Verdict.CONTRADICT and all_elsewhere(differ):
            gone = {e.message for e in differ}
            rest = [r for r in reasons if r not in gone]
            # A paraphrase the model does not object to agrees where the difference is not:
            # "He said employers would face fines ..." is said, though the next sentence's
            # "by a majority" is the source's "unanimously" (the judge's paraphrase rule)
            # (read by the model: with no model, nothing says the rest agrees)
            nli = j.nli
            calm = (
                nli is not None and max(nli.a_to_b.contradiction, nli.b_to_a.contradiction) < DOUBT
            )
            if f.kind is Kind.PARAPHRASE and calm:
                return Verdict.AGREE, [REWORDED, *rest]
            return Verdict.UNCLEAR, rest
        # a difference in another sentence of the finding is not this one's reason: the copy
        # "... serve at least 20 years ... He added: 'Your conduct was ...'" shows its changed
        # number on the first sentence only (METER axe, a draft)
        away = {e.message for e in differ if near(e) is False}
        away -= {e.message for e in differ if near(e) is not False}
        return j.verdict, [r for r in reasons if r not in away]

    def changed_elsewhere(pair: object) -> bool:
        """A contradicting pair whose typed difference stands in another draft sentence: a
        pair's draft side can cross a sentence end ('but his team were "not afraid of
        anyone". Spurs are three places above'), and the changed number is not this one's."""
        message = getattr(pair, "message", None)
        return all_elsewhere(
            [
                e
                for e in j.evidence
                if e.check != "sentence" and e.relation == "differs" and e.message == message
            ]
        )

    mine = [
        e for e in pairs if here(e) and not (e.relation == "contradict" and changed_elsewhere(e))
    ]
    says = {e.relation for e in mine}
    verdict = (
        Verdict.CONTRADICT
        if "contradict" in says
        else Verdict.AGREE
        if "agree" in says or not mine
        else Verdict.UNCLEAR
    )
    typed = [
        e.message for e in j.evidence if e.check != "sentence" and e.relation != "same" and here(e)
    ]
    own = [e.message for e in sorted(mine, key=lambda e: e.relation != verdict.value)]
    return verdict, [*own, *typed] or ["the same words"]


def _relation(
    f: Finding,
    draft: Segmented,
    dspan: Span,
    source: Segmented,
    sspan: Span,
    reasons: list[str],
    verdict: Verdict | None,
    quoted: Sequence[QuoteVerdict] = (),
    reported: bool = False,
) -> LinkRelation:
    """The link's relation. Quotations are judged by quote_match alone (`quoted`: its verdicts
    on the draft quotations of this sentence inside the finding), so a changed word or the
    wrong speaker is a misquote whatever the finding's verdict. A copy that `reported` a
    quotation (reports_quote) is a quotation too, though its quote marks hold under half of it."""
    if f.kind in COPY_KINDS:
        att = credit_of(draft, dspan, source.article)
        if att.quoted or reported:
            bad = misquotes.misquoted(quoted)
            if bad:
                reasons.insert(0, misquotes.reason(bad[0]))
                return LinkRelation.MISQUOTED
            who = next(
                (
                    q.speaker or q.outlet or q.document
                    for q in (v.quote for v in quoted)
                    if q.credited
                ),
                None,
            ) or (att.credit if att.credited else None)
            if who is None:
                reasons.insert(0, "in quote marks but credited to no one")
                return LinkRelation.COPIED
            if verdict is Verdict.CONTRADICT:
                return LinkRelation.CONTRADICTS
            reasons.insert(0, f"credited quotation ({who}) matching the source")
            return LinkRelation.QUOTED
        if verdict is Verdict.CONTRADICT:
            # Contradicted and copied (issue 13): the changed fact leads, the copy is said too.
            credit = (
                f", credited to {att.credit}" if att.credited else " without quote marks or credit"
            )
            reasons.append(f"the rest of the sentence is copied{credit}")
            return LinkRelation.CONTRADICTS
        if att.credited:
            reasons.insert(0, f"reused without quote marks, credited to {att.credit}")
            return LinkRelation.SUPPORTS
        other = other_credit(draft, dspan, source.article)
        reasons.insert(
            0,
            f"{f.kind.value} copy of the source, credited to {other} instead (no quote marks)"
            if other
            else f"{f.kind.value} copy of the source without quote marks or credit",
        )
        return LinkRelation.COPIED
    if verdict is Verdict.CONTRADICT:
        return LinkRelation.CONTRADICTS
    return LinkRelation.SUPPORTS


def _reported_only(draft: str, source: Span, reasons: list[str]) -> LinkRelation | None:
    """REPORTS when the source words hedge or pass on a report ("reportedly", "appears to",
    "media reports that") where the draft's assert: the source says it without standing behind
    it, so it confirms nothing (FNC-1 calls such bodies "discuss"). The same rule as the short
    claims' (claim_stance.decide), for reworded sentences of any length."""
    word = hedge_word(source.text)
    if word is None or hedge_word(draft) is not None or _passes_on(draft, source.text):
        return None
    reasons.insert(0, f'the source only reports this ("{word.group(0)}"): it does not confirm it')
    return LinkRelation.REPORTS


# A draft sentence that says whose claim it tells ("..., according to research by Ericsson",
# "The study found that ...") asserts no more than a source that hedges the claim and names the
# same teller ("research suggests"): the two agree on what was reported (BBC tech/212 and a draft
# written from it). A draft crediting the source outlet itself ("According to BBC News, the
# papers held the codes" against BBC's "are believed to contain") still drops BBC's hedge.
_PASSES_ON = re.compile(
    r"\baccording to (?P<whom>[^,.;:]{1,60})|"
    r"\b(?P<noun>study|survey|research|report|poll|analysis|figures|data)\s+"
    r"(?:found|finds|shows|showed|suggests|suggested|says|said)\b",
    re.IGNORECASE,
)


def _passes_on(draft: str, source: str) -> bool:
    """Does the draft attribute its claim to a teller the source's sentence names too?"""
    theirs = {stem(t.norm) for t in tokenize(source)}
    for m in _PASSES_ON.finditer(draft):
        told_by = m.group("whom") or m.group("noun")
        if any(stem(t.norm) in theirs for t in tokenize(told_by) if t.norm not in STOP):
            return True
    return False
