"""A word and its negative-prefix form: "possible" / "impossible", "likely" / "unlikely",
"agree" / "disagree". In one slot of a copy the two say opposite things, and the NLI model
reads the copied sentence around them as the same sentence ("a sweetened offer was possible"
/ "... was impossible", Reuters-21578 against a draft written from it).

Only forms that are reliably negations count: "un-" before an English word of four letters or
more; "in-", "im-", "il-", "ir-" before an adjective ending ("-ble", "-al", "-ent", ...),
never before a verb or noun ("inform" / "form", "invent" / "vent", "impose" / "pose"); and
"dis-" before a short list of stems ("disagree", "dishonest"), since most "dis-" words are no
negation ("discover", "disease", "dispatch").
"""

from __future__ import annotations

from .lexicon import word_set
from .slot_names import known_word

# Endings of adjectives that take "in-" and its assimilated forms as a negation.
_ADJECTIVE_ENDINGS = (
    "ble", "al", "ent", "ant", "ive", "ate", "ete", "ect", "ure", "id", "ite", "ar", "ous",
    "ic", "ed", "ient", "ary",
)  # fmt: skip
# "in-" is written "im-" before b, m, p; "il-" before l; "ir-" before r.
_ASSIMILATED = {"im": "bmp", "il": "l", "ir": "r", "in": ""}
_UN_SHORTEST = 4  # "until" / "til", "union" / "ion" are no negations
_IN_SHORTEST = 5  # "intent" / "tent": short stems are nouns more often than adjectives
# Stems whose "dis-" form is their negation (their inflections come with them below).
_DIS_STEMS = word_set(
    "agree agreed agrees agreement approve approved approves approval allow allowed allows "
    "honest honesty like liked likes prove proved proves proven appear appeared appears "
    "connect connected continue continued qualify qualified qualifies obey obeyed trust "
    "trusted satisfied loyal loyalty able abled proportionate credit credited believe believed "
    "agreeing approving allowing proving appearing connecting connects continuing continues "
    "qualifying obeying trusting trusts believing believes liking crediting"
)


def negative_prefix_pair(x: str, y: str) -> bool:
    """Is one of two folded words the other with a negative prefix?

    >>> [negative_prefix_pair(*p.split("/")) for p in
    ...  ("possible/impossible", "likely/unlikely", "agree/disagree", "form/inform",
    ...   "cover/discover", "union/ion", "tent/intent", "legal/illegal")]
    [True, True, True, False, False, False, False, True]
    """
    short, long_ = sorted((x, y), key=len)
    if short == long_ or not long_.endswith(short):
        return False
    prefix = long_[: len(long_) - len(short)]
    if prefix == "un":
        return len(short) >= _UN_SHORTEST and known_word(short)
    if prefix == "dis":
        return short in _DIS_STEMS
    if prefix in _ASSIMILATED:
        before = _ASSIMILATED[prefix]
        if before and short[0] not in before or not before and short[0] in "bmplr":
            return False
        return (
            len(short) >= _IN_SHORTEST and short.endswith(_ADJECTIVE_ENDINGS) and known_word(short)
        )
    return False
