"""What a figure in a sentence is about, where its words say so: a person's age, or an amount
of another moment ("at the time"). Two figures about different things are no contradiction,
however the alignment pairs them (slots.py)."""

from __future__ import annotations

import re

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
_AGE_AFTER = re.compile(r"[-\s]years?[-\s]old\b|\s*[,)]")


def an_age(text: str, offset: int, q: Quantity) -> bool:
    """Written as a person's age (the number just after "aged", "who was" or a name and a comma,
    or before "-year-old"); a bare apposition must close with a comma ("Brobbey, 58, developed")."""
    if q.high is not None or not q.value.is_integer() or q.kind != "count":
        return False
    before, after = text[: q.start - offset][-40:], text[q.end - offset :]
    found_before, found_after = _AGE_BEFORE.search(before), _AGE_AFTER.match(after)
    if found_after and "old" in found_after.group():
        return True
    if not found_before:
        return False
    return not found_before.group().endswith(",") or (found_after is not None and q.unit is None)
