"""What a figure in a sentence is about, where its words say so: a person's age, or an amount
of another moment ("at the time"). Two figures about different things are no contradiction,
however the alignment pairs them (slots.py)."""

from __future__ import annotations

import re

from .lexicon import word_set
from .quantities import Quantity
from .slot_alignment import tok_range
from .textnorm import Token

# Words that date a figure to another moment than the sentence's own. "Maurice Travis, 19, was
# jailed" and "Maurice Travis, who was 18 at the time, was jailed" (METER courts) give one man's
# age at the sentencing and at the killing: two moments, not two ages.
_AT_THE_TIME = ["at", "the", "time"]


def of_another_time(tokens: list[Token], q: Quantity) -> bool:
    """The mention is marked as of another time: "then 18", "18 at the time", "18 years old at
    the time" (the phrase within three words after it)."""
    i, j = tok_range(tokens, q.start, q.end)
    if i < 0:
        return False
    after = [t.norm for t in tokens[j : j + 6]]
    if i > 0 and tokens[i - 1].norm == "then":
        return True
    return any(after[k : k + 3] == _AT_THE_TIME for k in range(3))


# A person's age as news writes it: "Fostina Brobbey, 58," / "aged 58" / "58-year-old" / "58 years
# old" / "who was 58". Against "Mrs Brobbey, a mother of five," or "a nurse for 25 years" (METER
# courts, PA and The Times) the other figure counts children or years of work, not years of age.
_AGE_BEFORE = re.compile(r"(?:\baged|\bwho (?:was|is)|[A-Z][\w'’.-]*,)\s*$")
# A person's age said of them with a pronoun: "his first sex attack when he was just 18" (the
# Daily Mail, METER courts) is his age then, not the "four years" he was jailed for. Only a bare
# number is an age there, of one person: "he was 18 minutes late" counts minutes, "they were 18"
# people.
_AGE_OF_PRONOUN = re.compile(
    r"\b(?:he|she|I) (?:was|is|am)(?: (?:just|only|barely|still|then))?\s*$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(r"[-\s]years?[-\s]old\b|\s*[,)]")


def an_age(text: str, offset: int, q: Quantity) -> bool:
    """Written as a person's age (the number just after "aged", "who was", "he was" or a name and
    a comma, or before "-year-old"); a bare apposition must close with a comma ("Brobbey, 58,
    developed")."""
    if q.high is not None or not q.value.is_integer() or q.kind != "count":
        return False
    before, after = text[: q.start - offset][-40:], text[q.end - offset :]
    found_before, found_after = _AGE_BEFORE.search(before), _AGE_AFTER.match(after)
    if found_after and "old" in found_after.group():
        return True
    if q.unit is None and _AGE_OF_PRONOUN.search(before) and not re.match(r"\s*%|\.\d", after):
        return True
    if not found_before:
        return False
    # (the match takes the spaces after the comma: "Brettwood, 30 times the safe dose" is a dose)
    apposition = found_before.group().rstrip().endswith(",")
    return not apposition or (found_after is not None and q.unit is None)


# The stages of a criminal case, by the words that govern a count of charges: what a defendant
# was charged with, admitted or denied, was convicted or cleared of, and was sentenced on are
# different counts. "found guilty of 46 charges" and "jailed ... on each of six charges" (PA,
# METER courts 12.07.99: six of the 46 carried a jail term) are both true.
_COURT_STAGES = {
    **dict.fromkeys(word_set("charged accused faces faced facing denied denies denying"), "charge"),
    **dict.fromkeys(word_set("admitted admits admitting pleaded pleads"), "plea"),
    **dict.fromkeys(word_set("convicted guilty cleared acquitted"), "verdict"),
    **dict.fromkeys(word_set("jailed sentenced fined imprisoned"), "sentence"),
}
# How many words before a figure its governing stage word may stand ("jailed for three months
# concurrently on each of six charges": "jailed" is eight words before "six").
_STAGE_REACH = 8


def court_stage(tokens: list[Token], q: Quantity) -> str | None:
    """The stage of a case the figure's count belongs to (charge, plea, verdict, sentence): the
    nearest stage word within _STAGE_REACH words before it; None when there is none. A plea
    word after "not" ("pleaded not guilty") is the plea, not a verdict."""
    i, _ = tok_range(tokens, q.start, q.end)
    for k in range(i - 1, max(-1, i - 1 - _STAGE_REACH), -1):
        stage = _COURT_STAGES.get(tokens[k].norm)
        if stage is None:
            continue
        if stage == "verdict" and k >= 2 and tokens[k - 2].norm in ("pleaded", "pleads"):
            return "plea"
        return stage
    return None
