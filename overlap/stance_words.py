"""The words by which a sentence denies, debunks, doubts, refuses, hedges or passes on a report:
what claim_stance reads as the basis of a contradiction, or as the reason a passage that the
model reads as agreeing does not support a claim.

Each pattern names its real cases (FNC-1 and Emergent dev bodies, METER courts); a pattern alone
never decides a stance: claim_stance pairs it with the model's reading and the aligned words.
"""

from __future__ import annotations

import re

# What a debunk or a denial says: the basis a contradiction needs besides the model.
DENIAL = re.compile(
    r"\b(false|falsely|hoax(?:es)?|den(?:y|ies|ied|ying)|not true|untrue|fake|debunk\w*|"
    r"fabricat\w*|baseless|satir\w*|refut\w*|dismiss(?:es|ed|ing)?|no evidence|myth|nonsense|"
    r"not real|made up|photoshopped|doctored|spoof|prank|rejected|no truth|not the case|"
    r"misleading|(?:is|was|are|were|be) (?:a |all |just |an outright )?lies?|"
    # doubt, as a body that disputes a claim words it ("Perth scientists have cast doubt over
    # claims that a spider burrowed ...", "arachnologists are sceptical"): a denial of a close
    # passage, not a debunk (a doubt is no finding that the claim is untrue)
    r"doubts?|doubted|doubtful|cast(?:s|ing)? doubt|exaggerat\w*|inaccurate|not accurate|"
    r"sceptic\w*|skeptic\w*|misinformation)\b",
    re.IGNORECASE,
)
# The narrower part of DENIAL that says a thing is untrue, not merely disputed ("rumours",
# "dismissed", "rejected" are also how a body reports a claim it has not checked): a sentence
# away from the claim's closest passage is read as a debunk only with one of these.
DEBUNK = re.compile(
    r"\b(false|falsely|hoax(?:es)?|den(?:y|ies|ied|ying)|not true|untrue|fake[ds]?|debunk\w*|"
    r"fabricat\w*|baseless|no evidence|no truth|photoshopped|doctored|spoof|prank|made up|"
    r"not real|satir\w*|refut\w*|myth|not the case)\b",
    re.IGNORECASE,
)
# What a court charges someone with, as "X denies ..." names it.
_CHARGE = (
    r"(?:\w+ )?(?:charges?|counts?|offen[cs]es?)\b|murder\w*|manslaughter|rap(?:e|ing)\b|"
    r"(?:indecent(?:ly)? )?assault\w*|theft|steal\w*|robb\w*|burglar\w*|fraud\w*|arson|"
    r"wound\w*|kidnap\w*|conspir\w*|possess\w*|supply\w*|causing\b|attempted\b|"
    r"false imprisonment|criminal damage|(?:dangerous|careless) driving|perjury|blackmail\w*|"
    r"harass\w*|stalking|cruelty|unlawful\w*|handling stolen|"
    # the acts charged, as a plea names them ("denied killing the two women", "deny corruption")
    r"kill\w*|corrupt\w*|brib\w*|stabb\w*|abus\w*|attack\w*|forg\w*|dishonest\w*"
)
# Phrases with a denial word that deny nothing ("there is no denying", "has not confirmed or
# denied", "while no doubt a towering figure"): taken out before a sentence is searched for a
# denial or a debunk.
NOT_A_DENIAL = re.compile(
    r"(?:\b(?:no denying|(?:confirm(?:ed|s)?|neither confirm(?:ed|s)?) (?:or|nor) den(?:y|ied|ies)|"
    r"(?:no|little|without(?: a| any)?|beyond(?: any)?) doubts?)|"
    # a plea in court reports: the accused "denies murder", "denied the charges", "deny
    # criminal damage" answers a charge, and "no evidence was offered" (the prosecution
    # dropped the case) is a procedure; neither calls a claim untrue (METER courts)
    rf"\bden(?:y|ies|ied|ying) (?:(?:the|all|both|any|each|some|most|several|many|of|two|three|"
    rf"four|five|six|\d+) )*"
    rf"(?:{_CHARGE})|"
    r"\bno evidence (?:was |were |is |being |has been |had been |will be |would be )?offered|"
    # someone denied something, or denied by a save or a tackle: "Paulo Ferreira denied Gerrard
    # with a last-ditch tackle", "denied him a second goal" (BBC sport): no claim called untrue
    r"\bden(?:y|ies|ied|ying) (?:(?:(?-i:[A-Z])[\w'’\-]+ ){1,3}|(?:him|her|them|us|me) )"
    r"(?:with|a|an|the|his|her|their|any|from|victory)\b|"
    # a denial denied asserts ("The thing is not made up", "the photo isn't fake")
    r"(?:\bnot|n['’]t|\bnever|\bno) (?:a |an |being |been )?"
    r"(?:made up|fake[ds]?|hoax(?:es)?|false|lie))\b",
    re.IGNORECASE,
)
# "Deny" that refuses rather than disputes ("made to deny his birthright", "an attempt to deny
# Muslims liberty", "was denied bail"): no debunk of anything. A denial of a claim keeps its
# object ("to deny the report", "denied having agreed", "the claim was denied by police").
_CLAIMISH = (
    r"(?:that|it|this|these|those|any|all|having|being|involvement|reports?|claims?|"
    r"stor(?:y|ies)|rumou?rs?|allegations?|accusations?|"
    r"the (?:\w+ )?(?:reports?|claims?|stor(?:y|ies)|rumou?rs?|allegations?|accusations?))\b"
)
REFUSAL = re.compile(
    rf"\bto deny\b(?! {_CLAIMISH})|\b(?:was|were|been|being|is|are) denied (?!by\b)(?=\w)",
    re.IGNORECASE,
)
# A claim that says something did not happen ("Banksy wasn't arrested") denies it itself: a source
# that calls the story untrue agrees with it.
NEGATION = re.compile(r"n['’]t\b|\b(not|no|never|nobody|nothing|none)\b", re.IGNORECASE)
# Words by which a passage reports a claim without standing behind it.
REPORTING = re.compile(
    r"\b(reportedly|allegedly|alleged|claim(?:s|ed|ing)?|rumou?r\w*|unconfirmed|unverified|"
    # "could not comment" says what was so, no hedge (Reuters: "Texaco spokesmen said they
    # could not comment on the analysts meeting")
    r"purported\w*|apparently|supposedly|speculat\w*|may|might|could(?!\s+not\b)|"
    r"if (?:true|genuine|confirmed|authentic)|appears? to|"
    r"not (?:yet )?(?:been )?(?:independently )?(?:verified|confirmed)|"
    r"(?:is|are|was|were) (?:understood|believed|thought|said) to)\b",
    re.IGNORECASE,
)
# A passage that passes a claim on from a report rather than stating it ("Gawker, the outlet
# that broke the story, reports that ...", "local media reports", "a report went viral that",
# "CNN cannot independently verify"): it reports the claim, as FNC-1's "discuss" bodies do.
REPORTED = re.compile(
    r"\b(?:reports?|reported)(?: \w+){0,2} that\b|\b(?:media|press|news) reports?\b|"
    r"\baccording to (?:\w+ )?(?:reports?|media)\b|\bmaking the rounds\b|"
    r"\b(?:cannot|can't|could not|couldn't) (?:independently )?(?:verify|confirm)\b|"
    r"\bquestioned whether\b|"
    # a website relayed ("... has died of a heart attack, reports the site noticiasunam.com")
    r"\b(?:reports?|reported|writes|wrote|according to) (?:the )?(?:web ?)?site\b|"
    # another outlet's report passed on ("a South Korean newspaper reported", "Hebrew media
    # reported Sunday", "A site called iKwiz is reporting that", "..., reports Variety": FNC-1
    # dev bodies labelled discuss that the model read as stating the headline)
    r"\b(?:newspapers?|paper|media|magazine|tabloid|broadcaster|television|agency|website|"
    r"site|outlets?|blog)\s+(?:has\s+|have\s+)?(?:reported|reports|is\s+reporting|"
    r"are\s+reporting)\b|"
    r"\b(?:is|are)\s+reporting\s+that\b|"
    r"(?<=, )reports?\s+(?:the\s+)?[A-Z]\w+",
    re.IGNORECASE,
)
# Words of likelihood, belief and expectation: a sentence with one says what may be, not what
# is ("the plan is expected to pass", "police believe he fled"). With REPORTING and REPORTED
# they make a hedge (hedge_word); claim_stance's bars were read on FNC-1 dev with those two only.
LIKELIHOOD = re.compile(
    # "as soon as possible" says when, not whether
    r"\b(likely|unlikely|probably|perhaps|possibly|(?<!as soon as )(?<!as far as )possible|"
    r"expected to|"
    # "the next Xbox is expected at the end of the year"; not "higher than expected"
    r"(?:is|are|was|were|widely) expected(?! to)|seems?|seemed|"
    r"suggests?|suggested|believes?|hopeful)\b",
    re.IGNORECASE,
)
# A sentence that ends in a question mark outside quote marks asks, and asserts nothing
# ("Anyone for dog meat soup?", "Is this the end of the euro?"); a reported question ('He asked:
# "Why now?"') ends with its quote mark and says that someone asked.
_ASKS = re.compile(r"\?\s*$")


# "Claim" as a thing filed or made, not a report passed on: "A US government claim accusing the
# country's biggest tobacco companies ... has been thrown out" (BBC business), "an insurance
# claim". A determiner or possessive (and at most one word) before it, and no "that" after.
_CLAIM_NOUN = re.compile(
    r"\b(?:a|an|the|this|its|his|her|their|our|government|legal|insurance|compensation)"
    r"(?: \w+)? claims?\b(?! that\b)",
    re.IGNORECASE,
)


def reporting(text: str) -> re.Match[str] | None:
    """REPORTING's first match in `text`, "claim" the noun left out (_CLAIM_NOUN); the match's
    offsets are into `text`."""
    masked = _CLAIM_NOUN.sub(lambda m: " " * len(m.group(0)), text)
    found = REPORTING.search(masked)
    return REPORTING.search(text, found.start(), found.end()) if found else None


def hedge_word(text: str) -> re.Match[str] | None:
    """The first word by which `text` hedges or passes on a report (reportedly, may, claims,
    appears to, is believed to, media reports, expected to, likely, ...), or None: such a
    sentence does not stand behind what it says, so it confirms nothing a draft asserts."""
    found = [m for m in (reporting(text), REPORTED.search(text), LIKELIHOOD.search(text)) if m]
    return min(found, key=lambda m: m.start()) if found else None


def asks(text: str) -> bool:
    """Is the sentence a question (it asserts nothing a source could support or contradict)?

    >>> asks("Anyone for dog meat soup?"), asks('He asked: "Why now?"'), asks("It rained.")
    (True, False, False)
    """
    return bool(_ASKS.search(text))


# The slot kinds whose difference in a supporting passage is a changed fact (changed_facts).
FACT_SLOTS = frozenset(
    ["number", "money", "percent", "date", "weekday", "time", "quantifier", "modality"]
)
# What says a claim is unproven rather than untrue.
UNPROVEN = re.compile(r"\bno (?:evidence|proof)\b", re.IGNORECASE)
# How a debunk far from the claim's closest sentence points back at what it debunks.
REFERS_BACK = re.compile(
    r"\b(the|this|that|these|those) (stor(?:y|ies)|reports?|claims?|rumou?rs?|video|footage|"
    r"photos?|photographs?|images?|pictures?|article|news|tweets?|posts?|account)\b",
    re.IGNORECASE,
)


__all__ = [
    "DENIAL",
    "DEBUNK",
    "NOT_A_DENIAL",
    "REFUSAL",
    "NEGATION",
    "REPORTING",
    "REPORTED",
    "LIKELIHOOD",
    "hedge_word",
    "reporting",
    "asks",
    "FACT_SLOTS",
    "UNPROVEN",
    "REFERS_BACK",
]
