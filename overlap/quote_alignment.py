"""A quotation's words laid on a source's: which words match, and what the quote changed.

The word-level half of quote matching (overlap/quote_match.py decides the outcome). Words are
compared folded, with spelling variants (honour/honor), the draft's ellipses (a gap where source
words may be left out) and bracketed insertions ("[the president]") allowed; a contraction's
"not" is a word of its own, and leaving out a negation is always a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from .lexicon import FUNCTION_WORDS, NEGATION_WORDS, PRONOUNS, word_set
from .quote_variants import variant
from .quote_words import QuoteWord as QuoteWord  # where quote_match imports it from
from .quote_words import quote_words as quote_words
from .textnorm import fold

# A quote this short is matched too (issue 13: "quotes under 10 words are never matched").
MIN_WORDS = 3
# A shorter quote that leaves out one of these changes what was said. Wider than a clause's
# negation markers: "none", "nowhere" and "without" dropped from a quotation reverse it too.
_NEGATIONS = NEGATION_WORDS | {"none", "without", "nowhere"}
# Words in every passage: a quote that shares only these with a source is not found there.
_COMMON = (
    FUNCTION_WORDS
    | PRONOUNS
    | word_set(
        "if so then when what who which not no do did does will would can could may might "
        "shall should just very up out into about there here than it"
    )
)


@dataclass(frozen=True)
class WordMatch:
    """Where in the source the quote's words lie (offsets) and what the quote changed."""

    matched: int  # draft words found in the source
    start: int
    end: int
    changes: tuple[str, ...]
    # Per change, the draft words it is about (offsets as the draft words give them): the words
    # written instead or added, or for words dropped the draft word next to the gap. A quotation
    # running over several sentences is misquoted only in the sentences holding a change.
    where: tuple[tuple[int, int], ...] = ()


def align_quote(draft: list[QuoteWord], source: list[QuoteWord]) -> WordMatch | None:
    """The draft's words laid on the source's; None when the source does not have them. A
    source quotation of several sentences is also tried a run of whole sentences at a time,
    and the reading with the fewest changes (then the most words matched) is kept: a quote of
    its second sentence is laid on that sentence, not on words the first shares with it (PA's
    "Each of the four defendants was, in the submission of the Crown, grossly negligent. Each
    defendants' gross negligence was a substantial cause of the death, so in law each
    defendant is guilty of manslaughter", METER courts 04.10.99: a draft quoting the second
    sentence with "murder" for "manslaughter" was told that "of the four" was dropped)."""
    best = _align_on(draft, source)
    if best is not None and not best.changes:
        return best  # the quote as printed: no other reading can do better
    ends = [k + 1 for k, w in enumerate(source[:-1]) if w.stop]
    if not ends or len(ends) > MAX_SENTENCES:
        return best
    vocab = {w.norm for w in source}
    if best is None and sum(w.norm in vocab for w in draft) < 0.6 * len(draft):
        return None  # too few of the quote's words anywhere in the source for any run of it
    starts, stops = [0, *ends], [*ends, len(source)]
    # only runs of a length the quote could have been cut from (align's own bar: 2n + 5)
    n = len(draft)
    for i in starts:
        for j in stops:
            if j <= i or (i, j) == (0, len(source)) or not n // 2 <= j - i <= 2 * n + 5:
                continue
            m = _align_on(draft, source[i:j])
            if m is not None and (best is None or _fewer_changes(m, best, n)):
                best = m
    return best


# The most sentences of one source quotation whose runs are tried one by one (a quotation of
# a whole speech is read whole).
MAX_SENTENCES = 12


def _raw(words: Sequence[QuoteWord]) -> str:
    """The words as written, each once: "don't" is read as two words ("do", "not") at one
    place in the text, and is written once ("'don't' dropped", not "'don't don't' dropped")."""
    out: list[str] = []
    at: tuple[int, int] | None = None
    for w in words:
        if (w.start, w.end) != at:
            out.append(w.raw)
        at = (w.start, w.end)
    return " ".join(out)


def _fewer_changes(a: WordMatch, b: WordMatch, n: int = 0) -> bool:
    """Is reading a better than b: one with the usual share of the n quote words found before
    a loose one (LOOSE_SHARE), then fewer changes, then more words matched."""

    def key(m: WordMatch) -> tuple[bool, int, int]:
        return (m.matched < SHARE * n, len(m.changes), -m.matched)

    return key(a) < key(b)


def _align_on(draft: list[QuoteWord], source: list[QuoteWord]) -> WordMatch | None:
    """align_quote on one stretch of the source.

    A longest common subsequence may lay a quote's first or last word on a far copy of it
    ("The first thing I saw" on "The younger man ... The first thing I saw"): a short matched
    run at either end, far from the rest in the source but not in the quote, is such a stray,
    and the quote is aligned again on the stretch of the source the rest lies in.
    """
    vocab = {w.norm for w in source}
    # the same variant whatever the set's order in this process (sorted only when looked up)
    ordered = sorted(vocab) if any(w.norm not in vocab for w in draft) else []
    d_norm = [
        w.norm if w.norm in vocab else next((v for v in ordered if variant(w.norm, v)), w.norm)
        for w in draft
    ]
    s_norm = [w.norm for w in source]
    ops = [op for op in Indel.opcodes(d_norm, s_norm)]
    equal = [op for op in ops if op.tag == "equal"]
    if not equal:
        return None
    n = len([w for w in draft if not w.soft])
    core = _without_strays(equal)
    again = None
    if core != (0, len(equal)):
        first, last = equal[core[0]], equal[core[1] - 1]
        lo = max(0, first.dest_start - first.src_start - 2)
        hi = min(len(source), last.dest_end + (len(draft) - last.src_end) + 2)
        if (lo, hi) != (0, len(source)):
            again = _align_on(draft, source[lo:hi])
    whole = _reading(draft, source, d_norm, ops, equal, n)
    # The stray set aside may be the quote's own words after a phrase it left out ("was
    # grossly negligent" against "was, in the submission of the Crown, grossly negligent"):
    # the reading with fewer changes wins.
    if again is not None and (whole is None or not _fewer_changes(whole, again, n)):
        return again
    return whole


def _reading(
    draft: list[QuoteWord],
    source: list[QuoteWord],
    d_norm: list[str],
    ops: list,
    equal: list,
    n: int,
) -> WordMatch | None:
    """The changes of one alignment of the quote on the source (_align_on), or None when too
    little of the quote is found there."""
    matched = sum(op.src_end - op.src_start for op in equal)
    longest = max(op.src_end - op.src_start for op in equal)
    s0, s1 = equal[0].dest_start, equal[-1].dest_end
    content = [
        d_norm[i]
        for op in equal
        for i in range(op.src_start, op.src_end)
        if d_norm[i] not in _COMMON
    ]
    # Function words alone ("as if he was") are in every passage: a quote must share at least
    # one of its own words with the source to be found there.
    if not content and any(w.norm not in _COMMON for w in draft if not w.soft):
        return None
    # A short quote may differ by one word and still be this quote, misquoted.
    if (
        matched < min(MIN_WORDS, n)
        or (longest < min(4, n) and matched < n - 1)
        or matched < (0.75 if n < 10 else LOOSE_SHARE) * n
        or s1 - s0 > 2 * n + 5
    ):
        return None
    changes: list[str] = []
    where: list[tuple[int, int]] = []
    # Source words just before the quote's first word: leaving out a "not" there reverses it.
    # Not across a sentence end: PA's "No. Why should I?" quoted from "Why" cuts an answer off,
    # and reverses nothing (METER courts).
    lead = [
        w.raw
        for k, w in enumerate(source[max(0, s0 - 2) : s0], max(0, s0 - 2))
        if w.norm in _NEGATIONS and not any(x.stop for x in source[k:s0])
    ]
    if lead and equal[0].src_start == 0:
        changes.append(f"'{' '.join(lead)}' dropped")
        where.append((draft[0].start, draft[0].end))
    inner = [
        op
        for op in ops
        if op.tag != "equal"
        and s0 <= op.dest_start
        and op.dest_end <= s1
        and not (
            op.tag == "delete"
            and (op.src_end <= equal[0].src_start or op.src_start >= equal[-1].src_end)
        )
    ]
    # Draft words outside the matched stretch are words the source does not have either.
    edge = [
        op
        for op in ops
        if op.tag == "delete"
        and (op.src_end <= equal[0].src_start or op.src_start >= equal[-1].src_end)
    ]
    i = 0
    while i < len(inner):
        op = inner[i]
        at = op.src_start
        d_words, s_words = draft[op.src_start : op.src_end], source[op.dest_start : op.dest_end]
        # a deletion next to an insertion is one replaced stretch: 'dignity' -> 'honor'
        if (
            i + 1 < len(inner)
            and inner[i + 1].tag != op.tag
            and (inner[i + 1].src_start == op.src_end or inner[i + 1].dest_start == op.dest_end)
        ):
            nxt = inner[i + 1]
            d_words = d_words + draft[nxt.src_start : nxt.src_end]
            s_words = s_words + source[nxt.dest_start : nxt.dest_end]
            i += 1
        i += 1
        change = _change(d_words, s_words, draft, op.src_start)
        if change:
            changes.append(change)
            where.append(_draft_extent(d_words, draft, at, s_words))
    for op in edge:
        words = [w for w in draft[op.src_start : op.src_end] if not w.soft]
        if not words:
            continue
        # The source's words on the far side of the matched stretch, as many, within its
        # sentence: the quote's last word written for the source's ("guilty of murder" against
        # "guilty of manslaughter") is a word replaced, not one added.
        ends_quote = op.src_start >= equal[-1].src_end
        facing = (
            source[s1 : s1 + len(words)]
            if ends_quote and not source[s1 - 1].stop
            else source[max(0, s0 - len(words)) : s0]
            if not ends_quote
            else []
        )
        if len(facing) == len(words) and not any(w.stop for w in facing[:-1]):
            change = _change(words, facing, draft, op.src_start)
            if change:
                changes.append(change)
                where.append((words[0].start, words[-1].end))
                continue
        changes.append(f"'{_raw(words)}' added")
        where.append((words[0].start, words[-1].end))
    if matched < SHARE * n and len(changes) > LOOSE_CHANGES:
        return None  # under the usual share, only a statement changed in a few places is it
    return WordMatch(matched, source[s0].start, source[s1 - 1].end, tuple(changes), tuple(where))


# The share of a quote of 10 words or more the source must have for the quote to be found there
# (SHARE); down to LOOSE_SHARE when the rest is at most LOOSE_CHANGES changed stretches: a
# court witness's account retold in a paper's own words ("The initial exchanges were even. But
# the younger man was kicking ...", METER courts dev, labelled "words changed") is that quote,
# misquoted, where a different statement sharing half its words changes it in many places.
SHARE = 0.6
LOOSE_SHARE = 0.5
LOOSE_CHANGES = 3


def _draft_extent(
    d_words: list[QuoteWord], draft: list[QuoteWord], at: int, s_words: Sequence[QuoteWord] = ()
) -> tuple[int, int]:
    """The draft words a change is about; for words dropped, the draft word after the gap (the
    one before it at the quote's end). Words dropped from the end of a source sentence, where
    the draft's sentence ends too, are the draft sentence's before the gap: "saw two bodies.
    The full horror" against "saw two dead bodies partially covered by clothing. The full
    horror" (The Star against the PA copy, METER courts) cut the first sentence short, not the
    second."""
    if d_words:
        return d_words[0].start, d_words[-1].end
    if 0 < at <= len(draft) and s_words and s_words[-1].stop and draft[at - 1].stop:
        w = draft[at - 1]
        return w.start, w.end
    w = draft[at] if at < len(draft) else draft[-1]
    return w.start, w.end


def _without_strays(equal: list) -> tuple[int, int]:
    """The matched runs [i, j) left once a stray at either end is set aside: a run of at most
    three words whose gap to the next run is longer in the source than in the quote by over
    twice its length (and over three words)."""
    i, j = 0, len(equal)

    def stray(run, gap_source: int, gap_quote: int) -> bool:
        size = run.src_end - run.src_start
        return size <= 3 and gap_source - gap_quote > max(3, 2 * size)

    while j - i > 1 and stray(
        equal[i],
        equal[i + 1].dest_start - equal[i].dest_end,
        equal[i + 1].src_start - equal[i].src_end,
    ):
        i += 1
    while j - i > 1 and stray(
        equal[j - 1],
        equal[j - 1].dest_start - equal[j - 2].dest_end,
        equal[j - 1].src_start - equal[j - 2].src_end,
    ):
        j -= 1
    return i, j


# What "'s" stands for after a pronoun: "it's been" is "it has been", "it's over" "it is over".
_S_CONTRACTED = word_set("is has")


def _spelt_out(d_hard: list[QuoteWord], s_hard: list[QuoteWord]) -> bool:
    """One side writes "'s" where the other spells it out ("and it has been an horrendous time"
    / "and it's been ...", The Star against the PA copy, METER courts): the same words."""
    for one, two in ((d_hard, s_hard), (s_hard, d_hard)):
        if len(one) == 1 and len(two) == 2 and two[1].norm in _S_CONTRACTED:
            raw = one[0].raw.lower().replace("’", "'")
            if raw.endswith("'s") and fold(raw[:-2]) == two[0].norm:
                return True
    return False


def _same_possessive(d_hard: list[QuoteWord], s_hard: list[QuoteWord]) -> bool:
    """One possessive in the two house styles, "Thomas's" and "Thomas'" (METER courts: the PA
    copy against a newspaper). The tokenizer reads "Thomas'" as "Thomas", so a word against
    the 's possessive of itself is the same word."""
    if len(d_hard) != 1 or len(s_hard) != 1:
        return False
    for one, two in ((d_hard[0], s_hard[0]), (s_hard[0], d_hard[0])):
        raw = one.raw.lower().replace("’", "'")
        if raw.endswith("'s") and len(raw) > 2 and fold(raw[:-2]) == two.norm:
            return True
    return False


def _first_or_last_word_again(s_hard: list[QuoteWord], draft: list[QuoteWord], at: int) -> bool:
    """Words "dropped" right after the quote's first word that end with that word again, or
    right before its last word that start with it: the longest common subsequence laid the word
    on an earlier (later) copy of it, and the quote is a cut of the source that starts (ends)
    at the other. "'wicked and evil beyond belief'" against PA's "very wicked. Wicked and evil
    beyond belief" (METER courts) drops nothing."""
    if at == 1 and s_hard and s_hard[-1].norm == draft[0].norm:
        return True
    return at == len(draft) - 1 and bool(s_hard) and s_hard[0].norm == draft[-1].norm


def _bracket_stands_for(s_hard: list[QuoteWord], draft: list[QuoteWord], at: int) -> bool:
    """Source pronouns left out where the draft's bracketed words stand: the editor named whom
    they mean ("administered the drug to [Mr Brettwood]" for PA's "to him (Mr Brettwood)",
    METER courts 04.10.99), which keeps the meaning."""
    if not s_hard or any(w.norm not in PRONOUNS for w in s_hard):
        return False
    beside = [draft[k] for k in (at - 1, at) if 0 <= k < len(draft)]
    return any(w.soft for w in beside)


def _change(
    d_words: list[QuoteWord], s_words: list[QuoteWord], draft: list[QuoteWord], at: int
) -> str | None:
    d_hard = [w for w in d_words if not w.soft]
    s_hard = [w for w in s_words if not w.soft]
    if not d_hard and (d_words or not s_hard):
        return None  # a bracketed insertion in place of the source's words
    if not s_hard and not d_hard:
        return None
    if d_hard and s_hard and "".join(w.norm for w in d_hard) == "".join(w.norm for w in s_hard):
        return None  # the same letters spaced otherwise: "it self" / "itself", "actslike"
    if _same_possessive(d_hard, s_hard) or _spelt_out(d_hard, s_hard):
        return None
    said, wrote = _raw(s_hard), _raw(d_hard)
    if not d_hard and _first_or_last_word_again(s_hard, draft, at):
        return None
    if not d_hard and _bracket_stands_for(s_hard, draft, at):
        return None
    if not d_hard:
        nxt = draft[at] if at < len(draft) else None
        negation = [w.raw for w in s_hard if w.norm in _NEGATIONS]
        if nxt is not None and nxt.gap and not negation:
            return None  # left out at the draft's ellipsis
        return f"'{said}' dropped"
    if not s_hard:
        return f"'{wrote}' added"
    return f"'{said}' -> '{wrote}'"
