"""Quantifiers and modal verbs swapped between two aligned sentences ("some" for "all", "may"
for "will"): a word of one class replaced by one of another, in the same slot.

Reported speech shifts a modal without changing it ("will" told as "would", a ruling's "must"
told as "should" after "said"), and two modals that go with two verbs the alignment does not pair
say what two different things may or must do: neither is a difference.
"""

from __future__ import annotations

from .lexicon import word_set
from .reported_speakers import REPORTING_VERBS
from .slot_alignment import Alignment, SlotDiff
from .textnorm import Token

# Quantifiers by what they claim of a set: two words of one class are one claim ("every" /
# "all"), of two classes a changed one ("some" / "all").
QUANTIFIERS = {
    "all": "all",
    "every": "all",
    "each": "all",
    "entire": "all",
    # how many voted for it: "agreed unanimously" is not "agreed by a majority"
    "unanimously": "all",
    "unanimous": "all",
    "some": "some",
    "several": "some",
    "many": "some",
    "few": "few",
    "a few": "some",
    "most": "most",
    "majority": "most",
    "none": "none",
    "no": "none",
    # How often: a quantifier over occasions ("always denied" is not "rarely denied").
    "always": "all",
    "usually": "most",
    "generally": "most",
    "often": "some",
    "frequently": "some",
    "regularly": "some",
    "sometimes": "some",
    "occasionally": "some",
    "rarely": "few",
    "seldom": "few",
    "never": "none",
}
# Modal verbs by what they claim of an event: certain, conditional, possible, advised.
MODALS = {
    "will": "certain",
    "shall": "certain",
    "must": "certain",
    "would": "conditional",
    "may": "possible",
    "might": "possible",
    "could": "possible",
    "can": "possible",
    "should": "advised",
}


# Reported speech moves "will" back to "would" ("Britain will ..." told as "he said Britain
# would ..."): after a reporting verb in the past, or one of thinking, the two are one modality.
_REPORTED = REPORTING_VERBS | word_set(
    "predicted promised hoped believed thought expected reported"
)
# A modal and its form in reported speech: "will" told as "would", and a ruling's "must" told
# as "should" ("Mr Justice Blofeld said he should serve at least 20 years", PA, against a
# paper's "must serve", METER courts): one obligation, reported.
_BACKSHIFTED = {
    frozenset({"will", "would"}): "would",
    frozenset({"shall", "would"}): "would",
    frozenset({"must", "should"}): "should",
}


def _backshifted(al: Alignment, a: Token, b: Token) -> bool:
    """A modal against its reported-speech form ("will" / "would", "must" / "should") where a
    reporting verb stands before the reported form."""
    shifted = _BACKSHIFTED.get(frozenset({a.norm, b.norm}))
    if shifted is None:
        return False
    tokens, would = (al.ta, a) if a.norm == shifted else (al.tb, b)
    before = [t.norm for t in tokens if t.end <= would.start]
    return any(w in _REPORTED for w in before)


# Words between a modal and its verb: "must not", "can be charged", "may also have".
# "may have to raise": the verb is "raise" ("have to" says it is needed).
_MODAL_GAP = frozenset(["not", "be", "have", "to", "also", "still", "never", "only", "then"])


def _other_verbs(al: Alignment, a: Token, b: Token) -> bool:
    """The two modals go with verbs the alignment does not pair: "the authority must reverse
    its decision" against "patients can be means-tested" (The Times against the PA copy,
    METER courts) say what two verbs may or must do, not one fact two ways. "must serve" /
    "should serve" share the verb, and are compared."""

    def verb(tokens: list[Token], t: Token) -> int | None:
        k = next(i for i, x in enumerate(tokens) if x is t) + 1
        while k < len(tokens) and (tokens[k].norm in _MODAL_GAP or tokens[k].norm.endswith("ly")):
            k += 1
        return k if k < len(tokens) else None

    va, vb = verb(al.ta, a), verb(al.tb, b)
    return va is not None and vb is not None and al.amap.get(va) != vb


def class_swaps(al: Alignment, pa: list[Token], pb: list[Token]) -> list[SlotDiff]:
    """Quantifiers and modality: one word swapped for another of a different class ("some"
    for "no" and "often" for "never" are quantifiers; the negation check leaves them)."""
    out: list[SlotDiff] = []
    for table, kind in ((QUANTIFIERS, "quantifier"), (MODALS, "modality")):
        ca = [t for t in pa if t.norm in table]
        cb = [t for t in pb if t.norm in table]
        if ca and cb and table[ca[0].norm] != table[cb[0].norm]:
            a, b = ca[0], cb[0]
            if kind == "modality" and (_backshifted(al, a, b) or _other_verbs(al, a, b)):
                continue
            out.append(
                SlotDiff(
                    kind,
                    "differs",
                    a.raw,
                    b.raw,
                    (a.start, a.end),
                    (b.start, b.end),
                    al.msg(kind, a.raw, b.raw),
                )
            )
    return out
