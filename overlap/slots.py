"""Typed differences between two sentences on the words their alignment pairs up.

The two sentences are aligned word by word (difflib opcodes over folded words: shared words
anchor the alignment, the stretches between them are the slots that differ). Only mentions in
a slot that the alignment pairs with a slot on the other side are compared: a number in one
sentence with no counterpart in the other is not a contradiction. Kinds compared: number,
money, percent (values with units and qualifiers), date, weekday, time, name, negation,
quantifier (all/some/none/most, and how often: always/rarely/never) and modality (will/may).
Numbered labels ("Chapter 11") compare as numbers, month names swapped in a slot as dates; a
negation counts only in a short changed stretch, not inside a long one dropped or added.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import Protocol, TypeVar

from .dates import DateMention, find_dates, same_date
from .lexicon import FUNCTION_WORDS, NEGATIONS, PRONOUNS, TITLES, word_set
from .number_labels import find_labels
from .quantities import Quantity, find_quantities
from .textnorm import Token, tokenize

# Verbs that say a thing did not happen ("failed to reach" = "did not reach"): they count for
# polarity, so two sentences that both deny something are not told apart by wording alone.
_NEGATIVE_VERBS = frozenset(["fail", "fails", "failed", "failing", "refuse", "refused", "refuses"])
_QUANTIFIERS = {
    "all": "all",
    "every": "all",
    "each": "all",
    "entire": "all",
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
# Month names: one swapped for another in a slot is a date, whatever frame the words are in
# ("the February holiday", "January's 2.9 pct").
_MONTH_NAMES = word_set(
    "january february march april may june july august september october november december"
)
_MODALS = {
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
# Words that anchor no alignment: a slot next to only these is not about one thing. The object
# forms and my/your were never in it ("him", "them" are kept as content, as they always were).
_STOP = FUNCTION_WORDS | (PRONOUNS - {"him", "them", "us", "me", "hers", "my", "your"})


@dataclass(frozen=True)
class SlotDiff:
    """One comparison of aligned slots. `kind` is number | money | percent | date | weekday |
    time | name | negation | quantifier | modality; `relation` is differs, same or variant
    (a spelling variant of one name). `here`/`there` are the words on each side as written;
    spans are absolute offsets (None where a side has no word, as for an added "not")."""

    kind: str
    relation: str
    here: str
    there: str
    a: tuple[int, int] | None
    b: tuple[int, int] | None
    message: str


class _Mention(Protocol):
    """A quantity or date mention: absolute offsets into its sentence."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_M = TypeVar("_M", bound=_Mention)


def _tok_range(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    idx = [k for k, t in enumerate(tokens) if t.start < end and t.end > start]
    return (idx[0], idx[-1] + 1) if idx else (-1, -1)


def _in(r: tuple[int, int], lo: int, hi: int) -> bool:
    return r[0] >= 0 and r[0] < hi and r[1] > lo


def _quote(s: str) -> str:
    return f'"{s}"'


@dataclass
class _Alignment:
    """Two tokenised sentences and their word alignment: what every slot comparison reads."""

    ta: list[Token]
    tb: list[Token]
    ops: Sequence[tuple[str, int, int, int, int]]
    there: str  # how the other side is named in messages ("the source")

    def __post_init__(self) -> None:
        self.na, self.nb = [t.norm for t in self.ta], [t.norm for t in self.tb]
        # A token's aligned partner: A index -> B index, over the equal stretches.
        self.amap = {
            i + k: j + k for tag, i, i2, j, _ in self.ops if tag == "equal" for k in range(i2 - i)
        }

    def shared_content(self) -> int:
        return sum(
            1
            for tag, i1, i2, _, _ in self.ops
            if tag == "equal"
            for n in self.na[i1:i2]
            if n not in _STOP
        )

    def anchored(self, i1: int, i2: int, j1: int, j2: int) -> bool:
        """A slot counts when an equal content word sits next to it on one side or the other."""
        na, nb = self.na, self.nb
        before = i1 > 0 and j1 > 0 and na[i1 - 1] == nb[j1 - 1]
        after = i2 < len(na) and j2 < len(nb) and na[i2] == nb[j2]
        return before or after

    def msg(self, kind: str, here: str, there_words: str) -> str:
        return f"{kind} differs: {_quote(here)} here, {_quote(there_words)} in {self.there}"

    def window(self, r: tuple[int, int]) -> tuple[int, int] | None:
        """The B tokens between the aligned words around A tokens r (the slot's counterpart);
        None when no aligned word is near enough to place it."""
        amap = self.amap
        before = max((i for i in amap if i < r[0]), default=None)
        after = min((i for i in amap if i >= r[1]), default=None)
        if (before is None or r[0] - before > 3) and (after is None or after - r[1] > 3):
            return None
        lo = amap[before] + 1 if before is not None else 0
        hi = amap[after] if after is not None else len(self.tb)
        return (lo, hi) if hi - lo <= (r[1] - r[0]) + 6 else None

    def counterparts(self, m: _Mention, others: Sequence[_M]) -> list[_M]:
        """The mentions of `others` (side B) inside the window aligned with mention m (side A)."""
        r = _tok_range(self.ta, m.start, m.end)
        w = self.window(r) if r[0] >= 0 else None
        if w is None:
            return []
        return [
            y
            for y in others
            if (rb := _tok_range(self.tb, y.start, y.end))[0] >= 0
            and rb[0] >= w[0]
            and rb[1] <= w[1] + (rb[1] - rb[0])
            and rb[0] < max(w[1], w[0] + 1)
        ]


def compare_sentences(
    a_text: str,
    b_text: str,
    a_offset: int = 0,
    b_offset: int = 0,
    a_date: str | None = None,
    b_date: str | None = None,
    there: str = "the source",
) -> list[SlotDiff]:
    """Typed comparisons between `a_text` (here) and `b_text` (there) on aligned slots.

    >>> [d.message for d in compare_sentences("the 2,000-mile border", "the 1,954-mile border")]
    ['number differs: "2,000-mile" here, "1,954-mile" in the source']
    """
    ta, tb = tokenize(a_text, a_offset), tokenize(b_text, b_offset)
    ops = difflib.SequenceMatcher(
        None, [t.norm for t in ta], [t.norm for t in tb], autojunk=False
    ).get_opcodes()
    qa, qb = find_quantities(a_text, a_offset), find_quantities(b_text, b_offset)
    da, db = find_dates(a_text, a_offset, a_date), find_dates(b_text, b_offset, b_date)
    al = _Alignment(ta, tb, ops, there)
    if al.shared_content() < 2:
        return []  # nothing anchors the alignment: the two sentences are not about one thing
    used_b: set[int] = set()  # ids of B mentions already paired
    out = _quantity_diffs(al, qa, qb, used_b)
    out += _date_diffs(al, da, db, used_b)
    # Per side: the two sentences' offsets are each their own text's, so one side's mention
    # must not hide the other side's words at the same offsets.
    mention_spans = (
        [(q.start, q.end) for q in qa] + [(d.start, d.end) for d in da],
        [(q.start, q.end) for q in qb] + [(d.start, d.end) for d in db],
    )
    labels = (find_labels(a_text, a_offset), find_labels(b_text, b_offset))
    words = _word_slot_diffs(al, mention_spans, labels)
    out += words
    # "no" or "never" swapped for "some" or "often" is a quantifier: not a negation as well
    swapped = {span for d in words if d.kind == "quantifier" for span in (d.a, d.b) if span}
    out.extend(_negation(ta, tb, ops, there, swapped))
    return out


def _quantity_diffs(
    al: _Alignment, qa: list[Quantity], qb: list[Quantity], used_b: set[int]
) -> list[SlotDiff]:
    out: list[SlotDiff] = []
    for x in qa:
        cands = [y for y in al.counterparts(x, qb) if id(y) not in used_b and _comparable(x, y)]
        if not cands:
            continue
        y = cands[0]
        used_b.add(id(y))
        kind = x.kind if x.kind in ("money", "percent") else "number"
        if x.text == y.text and x.unit == y.unit:
            continue  # the same words: nothing to report
        if x.consistent_with(y) and (x.unit == y.unit or None in (x.unit, y.unit)):
            rel, m = "same", f"{kind} agrees: {_quote(x.describe())} ~ {_quote(y.describe())}"
        else:
            rel, m = "differs", al.msg(kind, x.describe(), y.describe())
        out.append(
            SlotDiff(kind, rel, x.describe(), y.describe(), (x.start, x.end), (y.start, y.end), m)
        )
    return out


def _date_diffs(
    al: _Alignment, da: list[DateMention], db: list[DateMention], used_b: set[int]
) -> list[SlotDiff]:
    out: list[SlotDiff] = []
    for x in da:
        for y in al.counterparts(x, db):
            same = same_date(x, y)
            if same is None or id(y) in used_b:
                continue
            used_b.add(id(y))
            if x.text == y.text and same:
                break
            kind = (
                "time"
                if x.kind == "time"
                else "weekday"
                if (x.kind == "weekday" and y.kind == "weekday")
                else "date"
            )
            m = (
                f"{kind} agrees: {x.describe()} ~ {y.describe()}"
                if same
                else f"{kind} differs: {x.describe()} here, {y.describe()} in {al.there}"
            )
            rel = "same" if same else "differs"
            out.append(SlotDiff(kind, rel, x.text, y.text, (x.start, x.end), (y.start, y.end), m))
            break
    return out


def _word_slot_diffs(
    al: _Alignment,
    mention_spans: tuple[list[tuple[int, int]], list[tuple[int, int]]],
    labels: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], []),
) -> list[SlotDiff]:
    """Names, numbered labels, quantifiers and modal verbs in replaced slots, outside numbers
    and dates."""
    out: list[SlotDiff] = []
    for tag, i1, i2, j1, j2 in al.ops:
        if tag != "replace" or not al.anchored(i1, i2, j1, j2):
            continue  # an added or dropped word has no counterpart to differ from
        in_a, in_b = mention_spans
        pa = [t for t in al.ta[i1:i2] if not any(s <= t.start < e for s, e in in_a)]
        pb = [t for t in al.tb[j1:j2] if not any(s <= t.start < e for s, e in in_b)]
        if _month_swap(pa, pb):
            a, b = pa[0], pb[0]
            m = al.msg("date", a.raw, b.raw)
            out.append(
                SlotDiff("date", "differs", a.raw, b.raw, (a.start, a.end), (b.start, b.end), m)
            )
            continue
        label = _label_swap(al, pa, pb, i1, labels)
        if label is not None:
            out.append(label)
            continue
        # names: capitalised words on both sides of a short slot
        if pa and pb and len(pa) <= 4 and len(pb) <= 4 and _name(pa, i1) and _name(pb, j1):
            out.append(_name_diff(al, pa, pb))
            continue
        out += _class_swaps(al, pa, pb)
    return out


def _label_swap(
    al: _Alignment,
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


def _month_of(t: Token) -> str | None:
    norm = t.norm[:-1] if t.raw.lower().endswith(("'s", "’s")) else t.norm
    return norm if norm in _MONTH_NAMES and t.raw[:1].isupper() else None


def _month_swap(pa: list[Token], pb: list[Token]) -> bool:
    """One capitalised month name for another, alone in the slot."""
    if len(pa) != 1 or len(pb) != 1:
        return False
    ma, mb = _month_of(pa[0]), _month_of(pb[0])
    return ma is not None and mb is not None and ma != mb and "may" not in (ma, mb)


def _name_diff(al: _Alignment, pa: list[Token], pb: list[Token]) -> SlotDiff:
    ha, hb = " ".join(t.raw for t in pa), " ".join(t.raw for t in pb)
    span_a, span_b = (pa[0].start, pa[-1].end), (pb[0].start, pb[-1].end)
    if [t.norm for t in pa] == [t.norm for t in pb] or _abbreviates(pa, pb):
        message = f"spelling variant: {ha} / {hb} (same name)"
        return SlotDiff("name", "variant", ha, hb, span_a, span_b, message)
    return SlotDiff("name", "differs", ha, hb, span_a, span_b, al.msg("name", ha, hb))


def _abbreviates(pa: list[Token], pb: list[Token]) -> bool:
    """One name written as the initials of the other ("U.S." / "United States", "EU" /
    "European Union"): one name, not two."""

    def initials(tokens: list[Token]) -> str:
        return "".join(t.raw[0] for t in tokens if t.raw[:1].isupper()).lower()

    def letters(tokens: list[Token]) -> str | None:
        raw = "".join(t.raw for t in tokens).replace(".", "")
        return raw.lower() if len(tokens) == 1 and raw.isupper() and len(raw) >= 2 else None

    return any(
        short is not None and len(full) >= 2 and short == initials(full)
        for short, full in ((letters(pa), pb), (letters(pb), pa))
    )


def _class_swaps(al: _Alignment, pa: list[Token], pb: list[Token]) -> list[SlotDiff]:
    """Quantifiers and modality: one word swapped for another of a different class ("some"
    for "no" and "often" for "never" are quantifiers; the negation check leaves them)."""
    out: list[SlotDiff] = []
    for table, kind in ((_QUANTIFIERS, "quantifier"), (_MODALS, "modality")):
        ca = [t for t in pa if t.norm in table]
        cb = [t for t in pb if t.norm in table]
        if ca and cb and table[ca[0].norm] != table[cb[0].norm]:
            a, b = ca[0], cb[0]
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


def _comparable(x: Quantity, y: Quantity) -> bool:
    if x.kind != y.kind:
        # A bare count beside money or a percentage ("280m" / "£300m") may be one figure written
        # two ways, so it is compared when the values agree or are of one order of magnitude;
        # far apart, the two count different things ("invested £280m" vs "sales rose to 80,600",
        # real BBC sentences), which is no difference.
        if "count" not in (x.kind, y.kind):
            return False
        count = x if x.kind == "count" else y
        if count.unit is not None:
            return False
        small, large = sorted((abs(x.value), abs(y.value)))
        return x.consistent_with(y) or (small > 0 and large / small <= 10)
    if x.kind == "money" and y.kind == "money":
        return True  # "$1M" vs "£1M": the currency is part of what differs
    return x.unit == y.unit or x.unit is None or y.unit is None


def _name(tokens: list[Token], first_index: int) -> bool:
    """Capitalised words, not only function words; the sentence's first word alone is not a
    name ("The", "He")."""
    if not all(t.raw[:1].isupper() for t in tokens):
        return False
    content = [
        t
        for t in tokens
        if t.norm not in _STOP
        and t.norm not in TITLES
        and t.norm not in _QUANTIFIERS
        and t.norm not in _MODALS
        and t.norm not in NEGATIONS
    ]
    if not content:
        return False
    return not (first_index == 0 and len(tokens) == 1 and tokens[0].norm in _STOP)


def _markers(tokens: list[Token]) -> list[Token]:
    out = []
    for k, t in enumerate(tokens):
        raw = t.raw.lower()
        if (
            t.norm in NEGATIONS
            or raw.endswith(("n't", "n’t"))
            or t.norm in _NEGATIVE_VERBS
            and k + 1 < len(tokens)
            and tokens[k + 1].norm == "to"
        ):
            out.append(t)
    return out


def _negative(tokens: list[Token]) -> bool:
    return len(_markers(tokens)) % 2 == 1


_SHORT = 4  # the most words a changed stretch may have for its negation to count


def _negation(
    ta: list[Token],
    tb: list[Token],
    ops: Sequence[tuple[str, int, int, int, int]],
    there: str,
    swapped: Set[tuple[int, int]] = frozenset(),
) -> list[SlotDiff]:
    """A negation added or removed in a slot, when the two sentences' polarities differ: "did
    not reach" and "failed to reach" are both negative, so they do not differ. Markers in
    `swapped` (spans already reported as a quantifier swap) are not counted again."""
    ma, mb = _markers(ta), _markers(tb)
    if len(ma) % 2 == len(mb) % 2:
        return []
    # Only short stretches: a "not" added or a word swapped. A long stretch dropped or added
    # (a quotation cut short, a clause left out) takes its negation with it, and says nothing
    # against what is left.
    short = [op for op in ops if op[0] != "equal" and max(op[2] - op[1], op[4] - op[3]) <= _SHORT]
    changed_a = {k for _, i1, i2, _, _ in short for k in range(i1, i2)}
    changed_b = {k for _, _, _, j1, j2 in short for k in range(j1, j2)}
    ia = [t for t in ma if ta.index(t) in changed_a and (t.start, t.end) not in swapped]
    ib = [t for t in mb if tb.index(t) in changed_b and (t.start, t.end) not in swapped]
    if not ia and not ib:
        return []
    word = (ia or ib)[0]
    here, there_w = (word.raw, "") if ia else ("", word.raw)
    side = "here" if ia else f"in {there}"
    return [
        SlotDiff(
            "negation",
            "differs",
            here,
            there_w,
            (word.start, word.end) if ia else None,
            None if ia else (word.start, word.end),
            f'negation differs: "{word.raw}" {side} only',
        )
    ]


def differs(diffs: list[SlotDiff]) -> list[SlotDiff]:
    return [d for d in diffs if d.relation == "differs"]


__all__ = ["DateMention", "SlotDiff", "compare_sentences", "differs"]
