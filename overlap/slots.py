"""Typed differences between two sentences on the words their alignment pairs up.

The two sentences are aligned word by word (difflib opcodes over the words' stems: shared words
anchor the alignment, the stretches between them are the slots that differ). Only mentions in
a slot that the alignment pairs with a slot on the other side are compared: a number in one
sentence with no counterpart in the other is not a contradiction. Kinds compared: number,
money, percent (values with units and qualifiers), date, weekday, time, name, negation,
quantifier (all/some/none/most, and how often: always/rarely/never) and modality (will/may).
Numbered labels ("Chapter 11") compare as numbers, month names swapped in a slot as dates; a
negation counts only in a short changed stretch, not inside a long one dropped or added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from typing import NamedTuple

from .dates import DateMention, find_dates
from .lexicon import word_set
from .name_forms import misspelt, nickname_of, same_country, typing_slip
from .number_labels import find_labels
from .quantities import find_quantities
from .reported_speakers import swapped_speakers
from .slot_alignment import (
    STOP,
    Alignment,
    SlotDiff,
    quote,
    split_run_together,
    word_opcodes,
)
from .slot_classes import MODALS, QUANTIFIERS, class_swaps
from .slot_figures import an_age
from .slot_mentions import date_diffs, quantity_diffs
from .slot_names import (
    abbreviates,
    parts_of_one_name,
    same_name,
    short_forms_of_one_name,
    two_names,
)
from .slot_negation import changed_negation, moved_negation, on_aligned_predicate
from .slot_swaps import month_swap, part_of_day_swap, rank_swap, share_swap
from .textnorm import STOCK_SYMBOL, Token, tokenize

# Capitalised words that never make a name on their own in a slot.
_NOT_NAMES = STOP | frozenset(QUANTIFIERS) | frozenset(MODALS)


def _no_tickers(text: str, offset: int) -> list[Token]:
    """The sentence's word tokens outside stock symbols in angle brackets, a tag wire copy puts
    on a company ("NOVA <NVA.A.TO> NOT PLANNING DOME <DMP> BID", Reuters-21578)."""
    tags = [(m.start() + offset, m.end() + offset) for m in STOCK_SYMBOL.finditer(text)]
    return [t for t in tokenize(text, offset) if not any(s <= t.start < e for s, e in tags)]


def compare_sentences(
    a_text: str,
    b_text: str,
    a_offset: int = 0,
    b_offset: int = 0,
    a_date: str | None = None,
    b_date: str | None = None,
    there: str = "the source",
    names: Set[frozenset[str]] = frozenset(),
) -> list[SlotDiff]:
    """Typed comparisons between `a_text` (here) and `b_text` (there) on aligned slots.
    `names`: the people the two articles name in full (slot_names.full_names), each as its
    folded words: two parts of one of them in a name slot are one person.

    >>> [d.message for d in compare_sentences("the 2,000-mile border", "the 1,954-mile border")]
    ['number differs: "2,000-mile" here, "1,954-mile" in the source']
    """
    ta, tb = _no_tickers(a_text, a_offset), _no_tickers(b_text, b_offset)
    ta, tb = split_run_together(ta, tb), split_run_together(tb, ta)
    ops = word_opcodes(ta, tb)
    qa, qb = find_quantities(a_text, a_offset), find_quantities(b_text, b_offset)
    da, db = find_dates(a_text, a_offset, a_date), find_dates(b_text, b_offset, b_date)
    al = Alignment(ta, tb, ops, there)
    if al.shared_content() < 2:
        return []  # nothing anchors the alignment: the two sentences are not about one thing
    used_b: set[int] = set()  # ids of B mentions already paired
    ages = {id(q) for q in qa if an_age(a_text, a_offset, q)}
    ages |= {id(q) for q in qb if an_age(b_text, b_offset, q)}
    out = quantity_diffs(al, qa, qb, used_b, ages)
    out += date_diffs(al, da, db, used_b)
    # Per side: the two sentences' offsets are each their own text's, so one side's mention
    # must not hide the other side's words at the same offsets.
    mention_spans = (
        [(q.start, q.end) for q in qa] + [(d.start, d.end) for d in da],
        [(q.start, q.end) for q in qb] + [(d.start, d.end) for d in db],
    )
    labels = (find_labels(a_text, a_offset), find_labels(b_text, b_offset))
    words = _word_slot_diffs(al, mention_spans, labels, names)
    out += words
    out += _speaker_diffs(al, a_text, b_text, (a_offset, b_offset), words)
    # "no" or "never" swapped for "some" or "often" is a quantifier: not a negation as well
    swapped = {span for d in words if d.kind == "quantifier" for span in (d.a, d.b) if span}
    out.extend(_negation(al, swapped))
    return out


class _Slot(NamedTuple):
    """A replaced stretch of the alignment: A tokens i1:i2 against B tokens j1:j2, and the words
    of each side outside number and date mentions (pa, pb)."""

    i1: int
    i2: int
    j1: int
    j2: int
    pa: list[Token]
    pb: list[Token]


def _replaced_slots(
    al: Alignment, mention_spans: tuple[list[tuple[int, int]], list[tuple[int, int]]]
) -> list[_Slot]:
    """The anchored replaced stretches (an added or dropped word has no counterpart to differ
    from), their words outside the number and date mentions that other checks compare."""
    in_a, in_b = mention_spans

    def outside(tokens: list[Token], spans: list[tuple[int, int]]) -> list[Token]:
        return [t for t in tokens if not any(s <= t.start < e for s, e in spans)]

    out = []
    for tag, i1, i2, j1, j2 in al.ops:
        if tag != "replace" or not al.anchored(i1, i2, j1, j2):
            continue
        slot = _Slot(i1, i2, j1, j2, outside(al.ta[i1:i2], in_a), outside(al.tb[j1:j2], in_b))
        out.append(slot)
        tail = _name_before_anchor(al, slot)
        if tail is not None:
            out.append(tail)
    return out


def _name_before_anchor(al: Alignment, sl: _Slot) -> _Slot | None:
    """In a long replaced stretch, the capitalised words that end it on both sides right before
    a shared capitalised word: the names that qualify one name both sentences go on with
    ("..., Newcastle Crown Court heard" against "... collapsed in his bed, Teesside Crown Court
    heard": PA, METER courts 04.10.99), as a slot of its own beside the stretch."""
    if max(sl.i2 - sl.i1, sl.j2 - sl.j1) <= _NAME_SLOT_WORDS:
        return None
    if sl.i2 >= len(al.ta) or not al.ta[sl.i2].raw[:1].isupper():
        return None

    def capitalised_tail(tokens: list[Token], k1: int, k2: int) -> int:
        k = k2
        while k > k1 and k2 - k < _NAME_SLOT_WORDS and tokens[k - 1].raw[:1].isupper():
            k -= 1
        return k

    ka, kb = capitalised_tail(al.ta, sl.i1, sl.i2), capitalised_tail(al.tb, sl.j1, sl.j2)
    if ka == sl.i2 or kb == sl.j2 or ka == sl.i1 and kb == sl.j1:
        return None
    tail_a = [t for t in sl.pa if t.start >= al.ta[ka].start]
    tail_b = [t for t in sl.pb if t.start >= al.tb[kb].start]
    return _Slot(ka, sl.i2, kb, sl.j2, tail_a, tail_b) if tail_a and tail_b else None


# The most words on a side of a slot read as a name (slots._is_name_slot).
_NAME_SLOT_WORDS = 4


def _is_name_slot(sl: _Slot, known: Set[str] = frozenset()) -> bool:
    """Capitalised words on both sides of a short slot."""
    return (
        bool(sl.pa and sl.pb)
        and len(sl.pa) <= _NAME_SLOT_WORDS
        and len(sl.pb) <= _NAME_SLOT_WORDS
        and two_names(sl.pa, sl.i1, sl.pb, sl.j1, _NOT_NAMES, known)
    )


def _word_slot_diffs(
    al: Alignment,
    mention_spans: tuple[list[tuple[int, int]], list[tuple[int, int]]],
    labels: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], []),
    names: Set[frozenset[str]] = frozenset(),
) -> list[SlotDiff]:
    """Names, numbered labels, quantifiers and modal verbs in replaced slots, outside numbers
    and dates."""
    out: list[SlotDiff] = []
    slots = _replaced_slots(al, mention_spans)
    known = frozenset(w for name in names for w in name)
    # a name after another preposition is still another name ("in London" / "at Paris", "at
    # the BBC's London studios" / "from ITV's London Studios", BBC against a draft)
    slots = [_without_lead_words(al, sl) for sl in slots]
    name_slots = [sl for sl in slots if _is_name_slot(sl, known)]
    for sl in slots:
        i1, j1, pa, pb = sl.i1, sl.j1, sl.pa, sl.pb
        share = share_swap(pa, pb)
        kind = (
            "date"
            if month_swap(pa, pb)
            else "time"
            if part_of_day_swap(pa, pb)
            else "number"
            if rank_swap(pa, pb) or share
            else None
        )
        if kind is not None:
            # one word, or a rank the tokenizer split ("22" "nd"): the slot's words unspaced;
            # a share's words ("a third") spaced as written
            joiner = " " if share else ""
            here, there_words = joiner.join(t.raw for t in pa), joiner.join(t.raw for t in pb)
            m = al.msg(kind, here, there_words)
            a_at, b_at = (pa[0].start, pa[-1].end), (pb[0].start, pb[-1].end)
            out.append(SlotDiff(kind, "differs", here, there_words, a_at, b_at, m))
            continue
        label = _label_swap(al, pa, pb, i1, labels)
        if label is not None:
            out.append(label)
            continue
        if _inside_one_name(al, sl):
            out.append(_name_diff(al, pa, pb, names, (i1, j1)))
            continue
        # names: capitalised words on both sides of a short slot
        if any(sl is n for n in name_slots):
            if not _named_elsewhere(al, pa, pb, name_slots):
                out.append(_name_diff(al, pa, pb, names, (i1, j1)))
            continue
        out += class_swaps(al, pa, pb)
    return out


# Lower-case words that may open a slot before a name: prepositions, and an article after one
# ("at the BBC's"); an article alone opens a description ("the Irishman" against "Keane").
_LEAD_PREPOSITIONS = word_set("of in on at to for by with from into near outside inside")
_ARTICLES = word_set("the a an")


def _without_lead_words(al: Alignment, sl: _Slot) -> _Slot:
    """The slot without the prepositions and articles opening either side, where a capitalised
    word follows on both; else the slot itself."""

    def lead(side: list[Token]) -> int:
        k = 0
        while k < len(side) and side[k].norm in _LEAD_PREPOSITIONS and side[k].raw.islower():
            k += 1
        if k and k < len(side) and side[k].norm in _ARTICLES and side[k].raw.islower():
            k += 1
        return k

    ka, kb = lead(sl.pa), lead(sl.pb)
    if not (ka or kb) or ka == len(sl.pa) or kb == len(sl.pb):
        return sl
    if not (sl.pa[ka].raw[:1].isupper() and sl.pb[kb].raw[:1].isupper()):
        return sl
    # pa / pb hold the slot's words outside number and date mentions: the slot now starts at
    # the token of its first word kept
    i1 = next(k for k, t in enumerate(al.ta) if t is sl.pa[ka])
    j1 = next(k for k, t in enumerate(al.tb) if t is sl.pb[kb])
    return _Slot(i1, sl.i2, j1, sl.j2, sl.pa[ka:], sl.pb[kb:])


def _inside_one_name(al: Alignment, sl: _Slot) -> bool:
    """One capitalised word for another between the same capitalised words on both sides:
    "Nottingham County Council" / "Nottingham City Council" (PA court copy and a draft) names
    another body, though "City" alone is only a name's head (slot_names.two_names)."""
    if len(sl.pa) != 1 or len(sl.pb) != 1 or sl.i1 == 0 or sl.j1 == 0:
        return False
    if sl.i2 >= len(al.ta) or sl.j2 >= len(al.tb):
        return False
    wa, wb = sl.pa[0], sl.pb[0]
    around = (al.ta[sl.i1 - 1], al.tb[sl.j1 - 1], al.ta[sl.i2], al.tb[sl.j2])
    return (
        wa.norm != wb.norm
        and wa.raw[:1].isupper()
        and wb.raw[:1].isupper()
        and all(t.raw[:1].isupper() and not t.raw.isupper() for t in around)
        and around[0].norm == around[1].norm
        and around[2].norm == around[3].norm
    )


def _named_elsewhere(
    al: Alignment, pa: list[Token], pb: list[Token], name_slots: list[_Slot]
) -> bool:
    """Either side's name stands in the other sentence too, among words no name slot pairs:
    the alignment paired two names of a list, and the name moved. "Lord Woolf, Master of the
    Rolls, Lord Justice Mummery and ..." against "the Master of the Rolls, Lord Woolf, and two
    other appeal judges" (The Times against PA, METER courts) pairs Mummery with Woolf, whom
    the first sentence names at its start. Two names that trade places ("Smith accused Jones"
    / "Jones accused Smith") stand in two name slots, and still differ."""
    in_slots_a = {k for sl in name_slots for k in range(sl.i1, sl.i2)}
    in_slots_b = {k for sl in name_slots for k in range(sl.j1, sl.j2)}
    free_a = {t.norm for k, t in enumerate(al.ta) if k not in in_slots_a and k not in al.amap}
    aligned_b = set(al.amap.values())
    free_b = {t.norm for k, t in enumerate(al.tb) if k not in in_slots_b and k not in aligned_b}

    def named(slot: list[Token], free: set[str]) -> bool:
        words = {t.norm for t in slot if t.raw[:1].isupper() and t.norm not in _NOT_NAMES}
        return bool(words) and words <= free

    return named(pb, free_a) or named(pa, free_b)


def _speaker_diffs(
    al: Alignment,
    a_text: str,
    b_text: str,
    offsets: tuple[int, int],
    found: list[SlotDiff],
) -> list[SlotDiff]:
    """The speaker of aligned reported words swapped (reported_speakers), as a name slot; not
    again where a name slot already covers the speaker."""
    out = []
    named = [d.a for d in found if d.kind == "name" and d.a]
    for x, y in swapped_speakers(al.ta, al.tb, a_text, b_text, al.amap, offsets):
        span_a = (x.speaker[0].start, x.speaker[-1].end)
        span_b = (y.speaker[0].start, y.speaker[-1].end)
        if any(s < span_a[1] and e > span_a[0] for s, e in named):
            continue
        ha, hb = " ".join(t.raw for t in x.speaker), " ".join(t.raw for t in y.speaker)
        message = f"speaker differs: {quote(ha)} here, {quote(hb)} in {al.there}"
        out.append(SlotDiff("name", "differs", ha, hb, span_a, span_b, message))
    return out


def _label_swap(
    al: Alignment,
    pa: list[Token],
    pb: list[Token],
    i1: int,
    labels: tuple[list[tuple[int, int]], list[tuple[int, int]]],
) -> SlotDiff | None:
    """One numbered label for another ("Channel 4" / "Channel 8", "Chapter 11" / "Chapter
    13"): the digits name a different thing. Reported as a number, with the word before it."""
    if len(pa) != 1 or len(pb) != 1:
        return None
    a, b = pa[0], pb[0]
    in_a = any(s <= a.start and a.end >= e > a.start for s, e in labels[0])
    in_b = any(s <= b.start and b.end >= e > b.start for s, e in labels[1])
    digits_a, digits_b = re.sub(r"\D", "", a.raw), re.sub(r"\D", "", b.raw)
    if not (in_a and in_b and digits_a and digits_b) or digits_a == digits_b:
        return None
    noun = al.ta[i1 - 1].raw + " " if i1 > 0 and al.ta[i1 - 1].raw.isalpha() else ""
    here, there_words = noun + a.raw, noun + b.raw
    m = al.msg("number", here, there_words)
    return SlotDiff("number", "differs", here, there_words, (a.start, a.end), (b.start, b.end), m)


def _name_diff(
    al: Alignment,
    pa: list[Token],
    pb: list[Token],
    names: Set[frozenset[str]] = frozenset(),
    at: tuple[int, int] | None = None,
) -> SlotDiff:
    """The name slot `pa` / `pb`, at token `at` of each side (initials are read against the
    words around the slot: "EC" / "European Commission", "EC" / "European Community")."""
    ha, hb = " ".join(t.raw for t in pa), " ".join(t.raw for t in pb)
    span_a, span_b = (pa[0].start, pa[-1].end), (pb[0].start, pb[-1].end)
    if same_name(pa, pb):
        message = f"spelling variant: {ha} / {hb} (same name)"
        return SlotDiff("name", "variant", ha, hb, span_a, span_b, message)
    if len(pa) == len(pb) == 1 and typing_slip(pa[0].raw, pb[0].raw):
        message = f"spelling variant: {ha} / {hb} (a typing slip)"
        return SlotDiff("name", "variant", ha, hb, span_a, span_b, message)
    if len(pa) == len(pb) == 1 and misspelt(pa[0].raw, pb[0].raw, {w for n in names for w in n}):
        message = f"spelling variant: {ha} / {hb} (a misspelling of a name written in full)"
        return SlotDiff("name", "variant", ha, hb, span_a, span_b, message)
    if len(pa) == len(pb) == 1 and nickname_of(pa[0].raw, pb[0].raw):
        message = f"one person named two ways: {ha} / {hb} (a nickname)"
        return SlotDiff("name", "variant", ha, hb, span_a, span_b, message)
    if same_country(ha, hb):
        message = f"one country named two ways: {ha} / {hb}"
        return SlotDiff("name", "variant", ha, hb, span_a, span_b, message)
    if at is not None and (
        _initials(pa, al.tb, at[1], len(pb)) or _initials(pb, al.ta, at[0], len(pa))
    ):
        message = f"one name written two ways: {ha} / {hb} (initials)"
        return SlotDiff("name", "variant", ha, hb, span_a, span_b, message)
    if short_forms_of_one_name(pa, pb, names):
        message = f"one name written two ways: {ha} / {hb} (short forms of one full name)"
        return SlotDiff("name", "variant", ha, hb, span_a, span_b, message)
    if parts_of_one_name(pa, pb, names):
        message = f"one person named two ways: {ha} / {hb} (parts of one full name)"
        return SlotDiff("name", "variant", ha, hb, span_a, span_b, message)
    return SlotDiff("name", "differs", ha, hb, span_a, span_b, al.msg("name", ha, hb))


def _initials(short: list[Token], tokens: Sequence[Token], at: int, width: int) -> bool:
    """`short` abbreviates (slot_names.abbreviates) a run of `tokens` that takes in the slot
    `at`..`at + width`; the run may open up to two words before it ("European | Community"
    against "EC") and hold lower-case words ("Bank of England")."""
    longest = len(short[0].raw.replace(".", "")) + 2
    return any(
        abbreviates(short, list(tokens[start:end]))
        for start in range(max(0, at - 2), at + 1)
        for end in range(max(start + 2, at + width), min(len(tokens), start + longest) + 1)
    )


def _negation(al: Alignment, swapped: Set[tuple[int, int]] = frozenset()) -> list[SlotDiff]:
    """A negation added or removed (slot_negation), as a slot difference."""
    found = changed_negation(al.ta, al.tb, al.ops, swapped)
    if found is None:
        return []
    word, on_a = found
    here, there_w = (word.raw, "") if on_a else ("", word.raw)
    side = "here" if on_a else f"in {al.there}"
    span = (word.start, word.end)
    message = f'negation differs: "{word.raw}" {side} only'
    moved = moved_negation(al.ta, al.tb, al.ops, swapped)
    if moved is not None:
        # each side negates what the other asserts: say which words each negation is on
        mine, theirs = _negated_words(al.ta, moved[0]), _negated_words(al.tb, moved[1])
        message = f'negation differs: "{mine}" here, "{theirs}" in {al.there}'
    return [
        SlotDiff(
            "negation",
            "differs",
            here,
            there_w,
            span if on_a else None,
            None if on_a else span,
            message,
            on_aligned_predicate(al.ta, al.tb, al.ops, word),
        )
    ]


def _negated_words(tokens: list[Token], marker: Token, most: int = 4) -> str:
    """The negation and the words after it up to its verb ("not been handed"), as written."""
    at = next(k for k, t in enumerate(tokens) if t is marker)
    words = [tokens[at].raw]
    for t in tokens[at + 1 : at + 1 + most]:
        words.append(t.raw)
        if t.norm not in STOP:
            break
    return " ".join(words)


def differs(diffs: list[SlotDiff]) -> list[SlotDiff]:
    return [d for d in diffs if d.relation == "differs"]


__all__ = ["DateMention", "SlotDiff", "compare_sentences", "differs"]
