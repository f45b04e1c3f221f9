"""What a source says about a short claim, from the passages the NLI model read (short_claims.py
picks them and runs the model): the best-supporting passage and the best-contradicting one, each
with the basis a fact-checker would ask for (issue 13 items 4 and 6).

* Contradicted, whatever the model reads: the predicate both sides share is negated on one side
  and asserted on the other ("Investigators have ruled out arson." / "investigators have not
  ruled out arson"): a slot difference on aligned words, which NLI models are blind to and may
  not overrule (issue 13 item 3).
* Contradicted: the model reads a contradiction AND there is a basis, either
  - a denial or debunk ("false", "hoax", "denied", ...) on one side only of a passage close to
    the claim (the passage debunks the claim, or the claim debunks what the passage reports), or
  - a source sentence that debunks something about the claim's own subject (it shares a content
    word with the claim, or points back at "the story", "the report", "the photo", ...): such a
    sentence is often not the one closest to the claim ("O'Malley says the story is a hoax"), so
    it is read alone and beside the closest sentence, which restates what it calls a hoax.
  Word lists alone never contradict, nor the model alone.
* Supported: the model reads the claim as following from a close passage that asserts it: a
  passage built around a sentence aligned with the claim (the source's closest, or one as
  close), not a window that leans on a neighbour of a less close sentence; not a passage that
  hedges ("reportedly", "if genuine", "has not been verified", ...), not a claim that hedges
  itself (it asserts nothing to confirm), not a claim that negates by a passage that negates
  nothing, and not when the source debunks the claim's subject elsewhere (a body that repeats
  a claim to call it a hoax has not confirmed it, even where the model misses the debunk).
* Otherwise nothing: the claim is unsupported by this source.

The bars were read from FNC-1 dev features (benchmarks/training/stance_features.py), never from
its test half; the figures (`python -m benchmarks run stance`) are in reports/benchmarks.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .claims import content_words
from .evidence import check_direction, check_opposites
from .number_words import ordinal_value
from .paraphrase import stop_words
from .quantities import find_dates, find_quantities
from .slots import SlotDiff, compare_sentences
from .stance_words import (
    DEBUNK,
    DENIAL,
    FACT_SLOTS,
    NEGATION,
    NOT_A_DENIAL,
    REFERS_BACK,
    REFUSAL,
    REPORTED,
    UNPROVEN,
    reporting,
)
from .textnorm import folded_words
from .types import Span

ENTAIL = 0.35  # NLI entailment (passage -> claim) for "supported", above its contradiction
CONTRADICT = 0.4  # NLI contradiction (passage -> claim) for "contradicted", with a basis
# NLI contradiction for a debunk sentence away from the claim's closest passage, above its
# entailment: the sentence shares less of the claim's wording, so the model must be surer.
CONTRADICT_DEBUNK = 0.4


@dataclass(frozen=True)
class Passage:
    """One passage the model read: its text, whether it was chosen as close to the claim or as a
    debunk of the claim's subject, and the model's (entailment, neutral, contradiction) reading
    with the passage as premise."""

    text: str
    debunk: bool
    probs: tuple[float, float, float]
    # built around a sentence aligned with the claim (the closest, or as close): only such a
    # passage may support it; a window around the second-closest sentence that the model reads
    # as saying the claim draws on a sentence that does not (FNC-1 "discuss" bodies)
    aligned: bool = True


@dataclass(frozen=True)
class Stance:
    relation: str  # "supports" | "contradicts"
    index: int  # of the passage it rests on
    reason: str
    # a contradiction whose basis is on the words both say (a negated predicate, a changed
    # number, date or quantifier, an opposite word), not a denial or debunk near them
    on_words: bool = False


def about_subject(claim: str, sentence: str) -> bool:
    """Is a sentence about the claim's subject: does it share a content word with the claim, or
    point back at "the story", "the report", ... (issue 13 item 4: the aligned subject)?"""
    return bool(_stems(claim) & _stems(sentence)) or bool(REFERS_BACK.search(sentence))


def _stems(text: str) -> set[str]:
    """Content words without a plural or possessive s (folding makes "priest's" "priests"), stop
    words ("where", "which", "their") left out: a shared "where" is no shared subject."""
    stop = stop_words()
    return {
        w[:-1] if w.endswith("s") and len(w) > 3 else w
        for w in content_words(text)
        if w not in stop
    }


# Where what a person denies ends: "denied having been in the underpass | where the rapes took
# place" denies being there, not the rapes.
_DENIED_CLAUSE_END = re.compile(
    r"[,;:.!?]|\b(?:where|which|who|whom|whose|when|while|because|after|before|but|although)\b",
    re.IGNORECASE,
)


def debunks_subject(claim: str, sentence: str) -> bool:
    """A sentence that says something about the claim's subject is untrue. A reported denial
    ("Chambers denied having been in the underpass") is about what follows the verb: the claim
    must share a word with that clause, not with the sentence around it (METER courts: "the rapes
    were seen by CCTV" is not what Chambers denied). A passive denial ("the report was denied
    by police") names what it denies before the verb: the whole sentence is read."""
    found = _denials_only(sentence)
    for match in DEBUNK.finditer(found):
        if not _DENY_VERB.fullmatch(match.group(0)) or found[match.end() :].startswith(" by "):
            if about_subject(claim, sentence):
                return True
            continue
        rest = found[match.end() :]
        end = _DENIED_CLAUSE_END.search(rest)
        if about_subject(claim, rest[: end.start()] if end else rest):
            return True
    return False


def _opposite_direction(claim: str, passage: str) -> str:
    """Opposite-direction wording on the aligned subject ("rose" / "fell" next to the same word
    on both sides, evidence.check_direction), as its message, or ""."""
    found = check_direction(
        Span("claim", 0, len(claim), claim), Span("source", 0, len(passage), passage)
    )
    return found[0].message if found else ""


def _changed_on_words(claim: str, passage: str) -> str:
    """A changed fact (changed_facts) or a word put for its opposite (_opposite_words) on the
    words both say, as its message, or ""."""
    found = [d.message for d in changed_facts(claim, passage)]
    return found[0] if found else _opposite_words(claim, passage)


def _opposite_words(claim: str, passage: str) -> str:
    """A word put for its opposite on the words both say (evidence.check_opposites: "double" /
    "triple", "opposed" / "support"), as its message, or "". With the model reading a
    contradiction, a basis for one; a changed number or date is not (Emergent dev: "pays 460"
    against "paid 300" is one report in dollars and in pounds, "kicks off in January" against
    "will launch in February" two events)."""
    found = check_opposites(
        Span("claim", 0, len(claim), claim), Span("source", 0, len(passage), passage)
    )
    return found[0].message if found else ""


def _changed_figure(claim: str, passage: str) -> str:
    """A number or date changed between the same words on both sides of it, as its message, or
    "": "jailed for six months" / "jailed for three months", "the crucial first goal" / "the
    crucial second goal" (drafts against a PA wire and BBC sport). With the model reading a
    contradiction, a basis for one; a figure with other words beside it is not ("pays 460 to
    save" / "paid 300 for surgery" is one report in dollars and in pounds, "kicks off in
    January: Report" / "will launch in February" two events, Emergent dev)."""
    for d in changed_facts(claim, passage):
        if d.a is None or d.b is None:
            continue
        before = _word_before(claim, d.a[0]), _word_before(passage, d.b[0])
        after = _word_after(claim, d.a[1]), _word_after(passage, d.b[1])
        unit = d.here.split()[-1:] == d.there.split()[-1:] and len(d.here.split()) > 1
        if before[0] and before[0] == before[1] and (unit or after[0] and after[0] == after[1]):
            return d.message
    return ""


def _holds_figures(claim: str, passage: str) -> bool:
    """Does the passage give every figure of the claim (a number, an amount, a year)? A passage
    without the claim's figure cannot confirm it, whatever the model reads: "Chelsea beat
    Liverpool 3-1" is not said by "Nunez beat Cech to a high ball with six minutes remaining"
    (BBC sport and a draft headline; the score was 3-2)."""
    theirs = find_quantities(passage)
    # a rank gives its figure ("got a third breast" / "The woman with three breasts", Emergent)
    ranks = {ordinal_value(w) for w in re.findall(r"\w+", passage)} - {None}
    return all(
        any(q.value == t.value or q.consistent_with(t) for t in theirs)
        or q.value in ranks
        # "Forty years ago" is a date, read as one elsewhere ("in the 1970s")
        or _AGO.match(claim, q.end)
        for q in find_quantities(claim)
    ) and all(d.text in passage for d in find_dates(claim) if d.kind == "year")


_AGO = re.compile(r"\s+(?:years?|months?|weeks?|days?|decades?)\s+ago\b", re.IGNORECASE)


def _word_before(text: str, at: int) -> str:
    words = folded_words(text[:at])
    return words[-1] if words else ""


def _word_after(text: str, at: int) -> str:
    words = folded_words(text[at : at + 40])
    return words[0] if words else ""


def negated_predicate(claim: str, passage: str) -> SlotDiff | None:
    """A negation on the predicate both sides share, negated on one side and asserted on the
    other ("Investigators have ruled out arson." / "investigators have not ruled out arson"):
    a slot difference on aligned words, which the model does not overrule (issue 13 item 3).
    Neither side may hedge ("reportedly", "Shekau claims no ceasefire" reports a denial), and
    the other side must assert the predicate, not call it untrue ("reports that Banksy was
    arrested are a hoax" agrees with "Banksy wasn't arrested")."""
    for d in compare_sentences(claim, passage):
        if d.kind != "negation" or d.relation != "differs" or not d.predicate:
            continue
        asserting = passage if d.a is not None else claim
        hedged = reporting(claim) or reporting(passage)
        if not hedged and not DENIAL.search(_denials_only(asserting)):
            return d
    return None


# A question asks whether a story is untrue and asserts nothing: "So – is it a fake? Probably
# not!" (FNC-1 dev, a body that goes on to say the letter is real).
_QUESTION = re.compile(r"[^.!?\n]*\?")


def _denials_only(text: str) -> str:
    return REFUSAL.sub(" ", NOT_A_DENIAL.sub(" ", _QUESTION.sub(" ", text)))


def changed_facts(claim: str, passage: str) -> list[SlotDiff]:
    """Slot differences on aligned words that the model may not overrule (issue 13 item 3):
    numbers, money, percentages, dates, weekdays, times and quantifiers. Names are left out:
    headlines write names in title case and short ("Islamic State" for "ISIS", "Stores" for
    "Store"), so a name slot in a headline differs too often by spelling alone."""
    return [
        d
        for d in compare_sentences(claim, passage)
        if d.relation == "differs" and d.kind in FACT_SLOTS
    ]


# Someone's denial reported ("he denied being there"), as against a word that calls a story
# untrue ("hoax", "fake", "dismissed").
_DENY_VERB = re.compile(r"\bden(?:y|ies|ied|ying)\b", re.IGNORECASE)


def _negates(text: str) -> bool:
    """Does a passage say that something is not so (a negation or a denial)? Only such a passage
    can confirm a claim that negates ("Truce Never Happened" is not confirmed by "have agreed a
    ceasefire", which the model reads as entailing it)."""
    return bool(NEGATION.search(text) or DENIAL.search(_denials_only(text)))


def _denies(text: str, claim_hedges: bool) -> bool:
    """Does a passage deny or debunk? Against a claim that hedges itself ("Unconfirmed: ISIS
    claims ..."), "no evidence" agrees with its hedge: it says unproven, not untrue."""
    found = _denials_only(text)
    return bool(DENIAL.search(UNPROVEN.sub(" ", found) if claim_hedges else found))


def decide(claim: str, passages: Sequence[Passage]) -> Stance | None:
    """The source's stance on the claim from the passages read, or None (unsupported)."""
    claim_debunks = bool(DENIAL.search(_denials_only(claim)))
    # A claim that denies or negates agrees with a source that calls the story untrue; its
    # negation alone is no basis for a contradiction (the model plus a "not" is not one).
    claim_denies = claim_debunks or bool(NEGATION.search(claim))
    claim_hedges = bool(reporting(claim))
    claim_reports_denial = bool(_DENY_VERB.search(_denials_only(claim)))
    # A claim that reports someone's denial ("Tory leader denies rift over ID cards") is said
    # by a source that reports the denial too ("Michael Howard has denied his shadow cabinet was
    # split"): then a passage telling what was denied ("Tory sources say senior party figures
    # had argued vociferously against the ID card scheme") does not contradict the report of
    # the denial (BBC politics, a draft headline).
    denial_reported_too = claim_reports_denial and any(
        _DENY_VERB.search(_denials_only(p.text))
        and p.probs[0] >= ENTAIL
        and p.probs[0] > p.probs[2]
        for p in passages
    )
    # (a slot difference, contradiction, read as close to the claim, index): a negated shared
    # predicate first, whatever the model reads; on a tie the close passage is shown
    contradicting: list[tuple[bool, float, bool, int]] = []
    for k, p in enumerate(passages):
        entail, _, contra = p.probs
        slot = negated_predicate(claim, p.text) is not None
        if slot:
            ok = True
        elif p.debunk:
            ok = (
                not claim_denies
                and contra >= CONTRADICT_DEBUNK
                and contra > entail
                and _denies(p.text, claim_hedges)
            )
        else:
            passage_denies = _denies(p.text, claim_hedges)
            # A claim that reports a denial ("he had denied being in the house") is not
            # contradicted by a passage that negates the same ("had never been in the house
            # again"): two negations, which the model reads as contradicting as often as not.
            # A claim that calls a story a hoax is still contradicted by a passage that tells
            # the story, negations and all (FNC-1: "Hoax - Priest who never existed claims he
            # died" against the body that reports his account).
            agrees_negating = _negates(p.text) if claim_reports_denial else passage_denies
            basis = (
                passage_denies
                and not claim_denies
                or claim_debunks
                and not agrees_negating
                and not denial_reported_too
                or bool(_opposite_direction(claim, p.text))
                or bool(_opposite_words(claim, p.text) or _changed_figure(claim, p.text))
            )
            ok = contra >= CONTRADICT and basis
        if ok:
            contradicting.append((slot, contra, not p.debunk, -k))
    if contradicting:
        k = -max(contradicting)[3]
        reason, on_words = _contradiction_reason(claim, passages[k])
        return Stance("contradicts", k, reason, on_words)
    # A source that calls the claim's subject untrue does not support it (unless the claim
    # itself says so too: then the two agree that it is untrue).
    if not claim_denies and any(p.debunk for p in passages):
        return None
    # A claim that only reports or hedges ("ISIS fighters have reportedly contracted Ebola",
    # "Apple may launch ...", "... claims God is female") asserts no fact for a passage to
    # confirm: what backs it is a report of the same claim, which FNC-1 calls "discuss" and
    # Emergent "observing". A contradiction of what it reports still counts (above).
    # A claim that calls a story a hoax asserts that it is one: the claim it reports ("Judd Nelson
    # Death Hoax: FOX News Impersonator Claims Actor Found Dead") is what it debunks.
    if claim_hedges and not claim_debunks:
        return None
    if claim_denies:
        agreeing = _denies_too(claim, passages, claim_hedges)
        if agreeing is not None:
            return Stance(
                "supports",
                agreeing,
                "this claim and a source passage about the same subject both report the denial"
                if denial_reported_too
                else "this claim and a source passage about the same subject both call it untrue",
            )
    supporting = [
        (p.probs[0], k)
        for k, p in enumerate(passages)
        if not p.debunk
        and p.aligned
        and p.probs[0] >= ENTAIL
        and p.probs[0] > p.probs[2]
        and not reporting(p.text)
        and not REPORTED.search(p.text)
        and (not claim_denies or _negates(p.text))
    ]
    if not supporting:
        return None
    _, k = max(supporting)
    changed = _changed_on_words(claim, passages[k].text)
    if not changed:
        # the sentence read with its neighbours may say the opposite on the claim's words:
        # "... was also suing two local GPs ... These claims were dismissed this afternoon."
        # against "Her claims against two local GPs were upheld" (PA court copy, a draft)
        around = [
            (j, found)
            for j, p in enumerate(passages)
            if j != k
            and not p.debunk
            and passages[k].text in p.text
            and (found := _opposite_words(claim, p.text))
        ]
        if around:
            k, changed = around[0]
    if not changed:
        # a passage without the claim's figures confirms none of them: the best one that has
        # them, else nothing
        holding = [(e, j) for e, j in supporting if _holds_figures(claim, passages[j].text)]
        if not holding:
            return None
        _, k = max(holding)
    if changed:
        # the passage the model reads as saying the claim says it with another number, date
        # or quantifier, or with one word for its opposite ("Frank Pierson criticised Gibson's
        # move" / "... praised Gibson's move", BBC entertainment/041): a changed fact, which the
        # model is blind to
        return Stance("contradicts", k, f"{changed}, on the words both say: a changed fact", True)
    return Stance("supports", k, "the model reads the closest source passage as saying this claim")


def _denies_too(claim: str, passages: Sequence[Passage], claim_hedges: bool) -> int | None:
    """The passage (its index) that agrees with a claim which denies or negates ("No, that
    broken pencil illustration isn't by Banksy"), by denying on the claim's subject too ("We
    can confirm this is fake"): the model reads two negations as a contradiction as often as
    not, so the agreement rests on the denial words; the one the model reads best is taken."""
    agreeing = [
        (p.probs[0], k)
        for k, p in enumerate(passages)
        if _denies(p.text, claim_hedges)
        and about_subject(claim, p.text)
        and not reporting(p.text)
        and not changed_facts(claim, p.text)  # "deny some of the charges" / "deny all"
    ]
    return max(agreeing)[1] if agreeing else None


def _contradiction_reason(claim: str, passage: Passage) -> tuple[str, bool]:
    """The basis of a contradiction, as a sentence a journalist reads, and whether it is on the
    words both say (Stance.on_words)."""
    negated = negated_predicate(claim, passage.text)
    if negated is not None:
        return (
            f"{negated.message}, on the words both say: a changed fact, whatever the model reads",
            True,
        )
    claim_denial = DENIAL.search(claim)
    if claim_denial:
        return (
            f'this claim calls into question ("{claim_denial.group(0)}") what the closest '
            "source passage says, and the model reads the two as contradicting each other",
            False,
        )
    direction = _opposite_direction(claim, passage.text)
    if direction and not DENIAL.search(_denials_only(passage.text)):
        return (
            f"{direction} on the same subject, and the model reads the source passage as "
            "contradicting the claim",
            True,
        )
    changed = _opposite_words(claim, passage.text) or _changed_figure(claim, passage.text)
    if changed and not DENIAL.search(_denials_only(passage.text)):
        return (
            f"{changed}, on the words both say, and the model reads the source passage as "
            "contradicting the claim",
            True,
        )
    if passage.debunk:
        word = DEBUNK.search(passage.text)
        return (
            f'a source sentence about this claim\'s subject calls it untrue ("{word.group(0)}"), '  # type: ignore[union-attr]
            "and the model reads it as contradicting the claim",
            False,
        )
    denial = DENIAL.search(passage.text)
    return (
        f'the source passage closest to this claim calls it into question ("{denial.group(0)}"), '  # type: ignore[union-attr]
        "and the model reads it as contradicting the claim",
        False,
    )
