"""A negation added or removed between two aligned sentences ("have ruled out" / "have not
ruled out").

Polarity is read on the part of each sentence the alignment covers: a long stretch one side
has before or after everything the two share (a clause left out, a quotation cut short) takes
its negations with it, so "said investigators have not ruled out arson, but said there was no
evidence" counts its "not" against "investigators have ruled out arson" and not its "no", which
belongs to the clause the other sentence left out. Two sentences that both deny a thing in
different words ("did not reach", "failed to reach") have one polarity and do not differ.
"""

from __future__ import annotations

from collections.abc import Sequence, Set

from .lexicon import NEGATED_EQUIVALENTS, NEGATIONS, REFUSING_VERBS, word_set
from .reported_speakers import REPORTING_VERBS
from .slot_alignment import STOP
from .textnorm import Token

# Verbs that say a thing did not happen ("failed to reach" = "did not reach"): they count for
# polarity, so two sentences that both deny something are not told apart by wording alone.
# "Declined to comment" is "refused to comment" (METER courts: PA and two papers).
_NEGATIVE_VERBS = word_set(
    "fail fails failed failing refuse refused refuses refusing decline declined declines declining"
)
# Words that hold a negation in themselves: "unless" is "if ... not", "unlikely to" is "not
# likely to", "unable to" is "could not". Each counts for polarity like a "not", so "unless he
# pays" / "if he does not pay" are one polarity, and "unable to attend" / "able to attend" two.
_NEGATING_WORDS = word_set("unless unlikely unable")
# A negation in an indirect question asserts nothing: "asked him if he had not felt
# vindicated" (PA, METER courts) states no feeling for another sentence to contradict.
_ASKING = word_set("asked asks ask asking wondered questioned")
_QUESTION_SPAN = 5  # how far before the negation its "if" / "whether" may stand
_ASKING_SPAN = 8  # and how far before that "if" the verb of asking
_NEGATING_OBJECTS = frozenset(["nothing", "none", "nobody"])
SHORT = 4  # the most words a changed stretch may have for its negation to count

Ops = Sequence[tuple[str, int, int, int, int]]


def markers(tokens: list[Token]) -> list[Token]:
    """The words that negate a clause: not, no, never, n't, "failed to"."""
    out = []
    for k, t in enumerate(tokens):
        raw = t.raw.lower()
        if (
            (
                t.norm in NEGATIONS
                or t.norm in _NEGATING_WORDS
                or raw.endswith(("n't", "n’t"))
                or t.norm in _NEGATIVE_VERBS
                and k + 1 < len(tokens)
                and tokens[k + 1].norm == "to"
            )
            and not _in_question(tokens, k)
            and not _answer(tokens, k)
        ):
            out.append(t)
    return out


def _answer(tokens: list[Token], k: int) -> bool:
    """Token k is a "No" that answers ("No. Why should I?", "No, he said"): punctuation stands
    between it and the next word (tokens carry no punctuation: the gap shows it). It negates
    the question asked, not the clause that follows (PA's "No. Why should I? I never got an
    apology" against a paper quoting from "Why")."""
    if tokens[k].norm != "no":
        return False
    return k + 1 == len(tokens) or tokens[k + 1].start - tokens[k].end > 1


def _in_question(tokens: list[Token], k: int) -> bool:
    """Token k sits in an indirect question: "whether", or "if" after a verb of asking, stands
    within _QUESTION_SPAN words before it."""
    for i in range(max(0, k - _QUESTION_SPAN), k):
        word = tokens[i].norm
        if word == "whether":
            return True
        if word == "if" and any(t.norm in _ASKING for t in tokens[max(0, i - _ASKING_SPAN) : i]):
            return True
    return False


def _left_out(
    ops: Ops, ta: list[Token], tb: list[Token]
) -> tuple[set[int], set[int], set[int], set[int]]:
    """Token indexes (side A, side B) of long stretches before the first aligned word or after
    the last one: a clause one sentence has and the other does not cover at all. A stretch
    between aligned words is kept: there a negation may just have moved ("the fire had not
    reached the lines" / "the lines ... were not damaged"). Then (A, B) the negation words of
    such a stretch that stand against the aligned words and so negate them, kept."""
    equal = [k for k, op in enumerate(ops) if op[0] == "equal"]
    out_a: set[int] = set()
    out_b: set[int] = set()
    kept_a: set[int] = set()
    kept_b: set[int] = set()
    if not equal:
        return out_a, out_b, kept_a, kept_b
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        edge = k < equal[0] or k > equal[-1]
        if tag != "equal" and edge and max(i2 - i1, j2 - j1) > SHORT:
            keep_a = _negates_aligned(ta, i1, i2, after=k > equal[-1])
            keep_b = _negates_aligned(tb, j1, j2, after=k > equal[-1])
            out_a.update(i for i in range(i1, i2) if i != keep_a)
            out_b.update(j for j in range(j1, j2) if j != keep_b)
            kept_a.update({keep_a} - {-1})
            kept_b.update({keep_b} - {-1})
    return out_a, out_b, kept_a, kept_b


def _negates_aligned(tokens: list[Token], k1: int, k2: int, after: bool) -> int:
    """The index of the negation word of a long unaligned stretch that stands next to the
    aligned words, or -1. After the last aligned word, a negating pronoun right after it
    negates it: "was 'doing nothing' to stop the trouble" is "was not doing her job" (METER
    courts), whatever the clause goes on to say. Before the first, the stretch's last word:
    "Glenn Campbell said no complaint had been made against Mr McLetchie" denies "A complaint
    had been made against Mr McLetchie" (BBC politics/045), whoever the stretch says said it."""
    if after:
        return k1 if k1 < len(tokens) and tokens[k1].norm in _NEGATING_OBJECTS else -1
    last = k2 - 1
    if k2 > k1 and any(t is tokens[last] for t in markers(tokens)):
        return last
    return -1


def changed_negation(
    ta: list[Token],
    tb: list[Token],
    ops: Ops,
    swapped: Set[tuple[int, int]] = frozenset(),
) -> tuple[Token, bool] | None:
    """The negation word added or removed in a short changed stretch, when the polarities of
    the aligned parts differ, and whether it is on side A (None when they do not differ).
    Markers in `swapped` (spans already reported as a quantifier swap) are not counted again."""
    long_a, long_b, kept_a, kept_b = _left_out(ops, ta, tb)
    index_a = {id(t): k for k, t in enumerate(ta)}
    index_b = {id(t): k for k, t in enumerate(tb)}
    ma = [t for t in markers(ta) if index_a[id(t)] not in long_a]
    mb = [t for t in markers(tb) if index_b[id(t)] not in long_b]
    if len(ma) % 2 == len(mb) % 2:
        moved = _moved_negation(ta, tb, ops, ma, mb, swapped)
        return (moved[0], True) if moved else None
    short = [op for op in ops if op[0] != "equal" and max(op[2] - op[1], op[4] - op[3]) <= SHORT]
    changed_a = {k for _, i1, i2, _, _ in short for k in range(i1, i2)} | kept_a
    changed_b = {k for _, _, _, j1, j2 in short for k in range(j1, j2)} | kept_b
    ia = [t for t in ma if index_a[id(t)] in changed_a and (t.start, t.end) not in swapped]
    ib = [t for t in mb if index_b[id(t)] in changed_b and (t.start, t.end) not in swapped]
    ia = [t for t in ia if not _said_without_negation(ta, t, tb, changed_b)]
    ib = [t for t in ib if not _said_without_negation(tb, t, ta, changed_a)]
    aligned_a = {i for tag, i1, i2, _, _ in ops if tag == "equal" for i in range(i1, i2)}
    aligned_b = {j for tag, _, _, j1, j2 in ops if tag == "equal" for j in range(j1, j2)}
    ia = [t for t in ia if not _telling_of_other_words(ta, t, aligned_a)]
    ib = [t for t in ib if not _telling_of_other_words(tb, t, aligned_b)]
    if ia:
        return ia[0], True
    return (ib[0], False) if ib else None


def _moved_negation(
    ta: list[Token],
    tb: list[Token],
    ops: Ops,
    ma: list[Token],
    mb: list[Token],
    swapped: Set[tuple[int, int]],
) -> tuple[Token, Token] | None:
    """As many negations on each side, but on different predicates both sentences share:
    "safety had been compromised, as the papers had not been handed in" against "safety had
    not been compromised, as the papers had been handed in" (BBC politics/188 and a draft).
    Each side then negates an aligned predicate the other asserts (on_aligned_predicate);
    the counts alone would call the two one polarity."""
    own_a = [
        t for t in ma if (t.start, t.end) not in swapped and on_aligned_predicate(ta, tb, ops, t)
    ]
    own_b = [
        t for t in mb if (t.start, t.end) not in swapped and on_aligned_predicate(ta, tb, ops, t)
    ]
    return (own_a[0], own_b[0]) if own_a and own_b else None


def moved_negation(
    ta: list[Token], tb: list[Token], ops: Ops, swapped: Set[tuple[int, int]] = frozenset()
) -> tuple[Token, Token] | None:
    """The negation of each side when the two negate different shared predicates
    (_moved_negation), for the message: A's and B's."""
    long_a, long_b, _, _ = _left_out(ops, ta, tb)
    index_a = {id(t): k for k, t in enumerate(ta)}
    index_b = {id(t): k for k, t in enumerate(tb)}
    ma = [t for t in markers(ta) if index_a[id(t)] not in long_a]
    mb = [t for t in markers(tb) if index_b[id(t)] not in long_b]
    if len(ma) % 2 != len(mb) % 2:
        return None
    return _moved_negation(ta, tb, ops, ma, mb, swapped)


def _said_without_negation(
    mine: list[Token], marker: Token, other: list[Token], changed: set[int]
) -> bool:
    """The negated word's equivalent stands in the other side's changed words ("found not
    guilty" / "cleared"): one statement, not two polarities."""
    at = next(k for k, t in enumerate(mine) if t is marker)
    negated = mine[at + 1].norm if at + 1 < len(mine) else ""
    same = NEGATED_EQUIVALENTS.get(negated, frozenset()) | REFUSING_VERBS
    return any(other[k].norm in same for k in changed)


# Verbs of telling and hearing: "the jury was never told" denies that a thing was said, and
# which thing is the words told, not the verb (slot_negation._telling_of_other_words).
_TELLING = frozenset(REPORTING_VERBS) | word_set(
    "told tell tells telling heard hear hears informed inform warned learned learnt"
)
# Auxiliaries between a negation and its verb ("had never been told", "did not hear").
_AUXILIARIES = word_set("be been being do did does have had has was were is are")
# Words before the negation that are its clause's subject and auxiliary ("the Old Bailey jury
# was [never] told"), the frame of the telling rather than what was told.
_FRAME = 6


def _telling_of_other_words(mine: list[Token], marker: Token, aligned: set[int]) -> bool:
    """A negated verb of telling whose telling frame is all the two sentences share: "But the
    Old Bailey jury was never told [that Smith had stood trial ... for another murder]" against
    "He then mutilated her body, the Old Bailey was told" or "The Old Bailey jury heard that
    her body was found near Wisley" (the Daily Express, The Guardian, The Daily Telegraph,
    METER courts 08.12.99). Each says what one court heard; they are about two different
    things told, so the "never" denies nothing the other asserts. With a shared word outside
    the frame ("the jury was not told Smith had a record" / "the jury was told Smith had a
    record") the told words are one, and the negation counts."""
    at = next(k for k, t in enumerate(mine) if t is marker)
    k = at + 1
    while k < len(mine) and (
        mine[k].norm in _AUXILIARIES
        or mine[k].norm in _NEGATION_CONTINUED
        or mine[k].norm.endswith("ly")
    ):
        k += 1
    if k >= len(mine) or mine[k].norm not in _TELLING:
        return False
    frame = range(max(0, at - _FRAME), k + 1)
    return not any(i in aligned and i not in frame and mine[i].norm not in STOP for i in aligned)


# How far (in words) a negation may sit from the aligned words it negates: "have not ruled",
# "will no longer play", "is not a hoax" (the article between is no content word).
PREDICATE_GAP = 3
# Words that go with a negation rather than negate something of their own.
_NEGATION_CONTINUED = frozenset(["longer", "yet", "ever", "anymore", "even", "actually"])


def on_aligned_predicate(ta: list[Token], tb: list[Token], ops: Ops, marker: Token) -> bool:
    """Does the negation `marker` (a token of `ta` or `tb`) negate what the other sentence
    asserts about the same subject: an aligned word stands just before it (the subject or
    its auxiliary: "investigators have [not]"), the first aligned content word after it is at
    most PREDICATE_GAP words on (the predicate both sides share: "[not] ruled out"), and the
    other sentence has no negation of its own just before that predicate? A negation next to
    words the other sentence does not have ("Bale will not play Jobs" / "Bale pulled out of
    the Jobs film") negates something else, and is no contradiction on its own."""
    on_a = any(t is marker for t in ta)
    mine, other = (ta, tb) if on_a else (tb, ta)
    partner: dict[int, int] = {}
    for tag, i1, i2, j1, _ in ops:
        if tag == "equal":
            for k in range(i2 - i1):
                a, b = i1 + k, j1 + k
                partner[a if on_a else b] = b if on_a else a
    at = next(k for k, t in enumerate(mine) if t is marker)
    if marker.norm == "no" and at + 1 in partner and mine[at + 1].norm not in STOP:
        # "no" before the shared subject denies the shared clause: "said no complaint had been
        # made against Mr McLetchie" / "A complaint had been made against Mr McLetchie"
        there = partner[at + 1]
        own = {id(t) for t in markers(other)}
        return not any(id(t) in own for t in other[max(0, there - PREDICATE_GAP) : there])
    if not any(at - PREDICATE_GAP <= k < at for k in partner):
        return False
    after = [k for k in sorted(partner) if k > at and mine[k].norm not in STOP]
    if not after or after[0] - at > PREDICATE_GAP:
        return False
    # Only function words, adverbs or the negation's own words between ("not yet", "no longer",
    # "have NOT accidentally cut down"): another content word there is what the negation is
    # about ("will not play Steve Jobs" / "was playing Jobs": "play" is not the other side's).
    between = mine[at + 1 : after[0]]
    if any(
        t.norm not in STOP and t.norm not in _NEGATION_CONTINUED and not t.norm.endswith("ly")
        for t in between
    ):
        return False
    there = partner[after[0]]
    before_there = other[max(0, there - PREDICATE_GAP) : there]
    if _tenses_apart(mine[max(0, at - PREDICATE_GAP) : after[0]], before_there):
        return False
    own = {id(t) for t in markers(other)}
    return not any(id(t) in own for t in before_there)


# Auxiliaries that put a predicate in the future or the past. "Bale will not play Jobs" and
# "Sorkin told Bloomberg TV that Bale was playing Jobs" (FNC-1) are about one role at two
# times: a plan reported earlier and its state now. Plans change; the two do not contradict
# each other on the negation alone. Present auxiliaries ("has", "is") are neither: "Banksy
# hasn't been arrested" / "Banksy was arrested" stay one question.
_FUTURE = word_set("will wont would shall going")
_PAST = word_set("was were had did")


def _tense(words: Sequence[Token]) -> str | None:
    """The time the last future or past auxiliary before a predicate puts it in, if any."""
    for t in reversed(words):
        if t.norm in _FUTURE or t.raw.lower().endswith(("'ll", "’ll")):
            return "future"
        if t.norm in _PAST:
            return "past"
    return None


def _tenses_apart(mine: Sequence[Token], other: Sequence[Token]) -> bool:
    """One side's predicate is in the future and the other's in the past."""
    return {_tense(mine), _tense(other)} == {"future", "past"}
