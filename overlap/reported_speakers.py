"""Who a sentence says said a thing, for reported speech without quote marks.

"Voss said there was no evidence so far that the fire was set deliberately" against "Okafor
said investigators have not ruled out arson, but said there was no evidence so far that the
fire was set deliberately": the reported words align, the speakers do not. Quote matching
(quote_match.py) only sees words inside quote marks, and the name slot (slots.py) only a short
slot, so a claim given to another person is found here: each sentence's reporting verbs with
their speakers and the words they report, and the speakers compared where the alignment pairs
the reported words.

Shapes read: "NAME said [that] ..." (the name a run of capitalised words, titles included),
"..., NAME said" and "..., said NAME" after the reported words, and "... but said ..." /
"and added ..." where the speaker is the one before in the sentence. A pronoun ("he said") or
a description ("a spokeswoman said") names no one, so it is never compared.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import FUNCTION_WORDS, LEGAL_FORMS, PRONOUNS, TITLES, word_set
from .slot_names import common_word
from .textnorm import Token

REPORTING_VERBS = word_set(
    "said says told tells added adds stated states argued argues claimed claims warned warns "
    "insisted insists denied denies admitted admits announced announces confirmed confirms "
    "explained explains noted notes"
)
_JOINERS = word_set("and but")
# A reported clause shorter than this says too little to pair with another sentence's.
MIN_ALIGNED = 3


@dataclass(frozen=True)
class Report:
    """One reporting verb: its speaker's tokens (empty when the text names no one) and the
    token indexes [start, end) of the words it reports."""

    speaker: tuple[Token, ...]
    start: int
    end: int


def _capital(t: Token) -> bool:
    return t.raw[:1].isupper() and t.norm not in FUNCTION_WORDS


def _name_before(tokens: list[Token], k: int, text: str, offset: int) -> tuple[Token, ...]:
    """The capitalised run that ends right before token k ("Fire Chief Dana Okafor"), its
    words joined by spaces only (a full stop or a comma ends it)."""
    i = k
    while (
        i > 0
        and _capital(tokens[i - 1])
        and (i == k or _glued(text, offset, tokens[i - 1], tokens[i]))
    ):
        i -= 1
    return tuple(tokens[i:k])


def _name_after(tokens: list[Token], k: int, text: str, offset: int) -> tuple[Token, ...]:
    """The capitalised run right after token k ("said Mr Dobson. James Goudie QC" stops at
    the full stop)."""
    i = k + 1
    while (
        i < len(tokens)
        and _capital(tokens[i])
        and (i == k + 1 or _glued(text, offset, tokens[i - 1], tokens[i]))
    ):
        i += 1
    return tuple(tokens[k + 1 : i])


def _glued(text: str, offset: int, left: Token, right: Token) -> bool:
    """Only spaces between two tokens: 'for D-RAMS," said' is no "NAME said"."""
    return not text[left.end - offset : right.start - offset].strip()


def reports(tokens: list[Token], text: str, offset: int = 0) -> list[Report]:
    """The sentence's reporting verbs, in order, with speaker and reported words."""
    verbs = [k for k, t in enumerate(tokens) if t.norm in REPORTING_VERBS]
    out: list[Report] = []
    for n, k in enumerate(verbs):
        next_verb = verbs[n + 1] if n + 1 < len(verbs) else len(tokens)
        before = _name_before(tokens, k, text, offset)
        if before and (
            not _glued(text, offset, before[-1], tokens[k])
            or _in_description(tokens, k - len(before))
        ):
            before = ()
        start = k - len(before)
        gap = text[tokens[start - 1].end - offset : tokens[start].start - offset] if start else ""
        if before and (start == 0 or "," not in gap):
            # "NAME said ...": the words after the verb, up to the next reporting verb
            body = k + 1 + (k + 1 < len(tokens) and tokens[k + 1].norm == "that")
            out.append(Report(before, body, _clause_end(tokens, body, next_verb, text, offset)))
        elif before and "," in gap:
            # "..., NAME said": the words before the name
            out.append(Report(before, out[-1].end if out else 0, start))
        elif k > 0 and tokens[k - 1].norm in _JOINERS and out:
            # "... but said ...": the same speaker as the verb before it
            body = k + 1 + (k + 1 < len(tokens) and tokens[k + 1].norm == "that")
            end = _clause_end(tokens, body, next_verb, text, offset)
            out.append(Report(out[-1].speaker, body, end))
        elif (after := _name_after(tokens, k, text, offset)) and k > 0:
            # "..., said NAME"
            out.append(Report(after, out[-1].end if out else 0, k))
    return [r for r in out if r.end > r.start]


# Words that make a name part of a description of the speaker: "The head of the PGA said"
# (PA, METER courts) is the PGA's head speaking, whom the description does not name.
_DESCRIBING = word_set("of for at from with")


def _in_description(tokens: list[Token], start: int) -> bool:
    """The capitalised run at `start` follows "of" / "for the" ...: it names what the speaker
    belongs to, not the speaker."""
    k = start - 1
    if k >= 0 and tokens[k].norm == "the":
        k -= 1
    return k >= 0 and tokens[k].norm in _DESCRIBING


def _clause_end(tokens: list[Token], body: int, next_verb: int, text: str, offset: int) -> int:
    """Up to the next reporting verb, leaving out the speaker named before it ("X said A, but
    Y said B")."""
    if next_verb >= len(tokens):
        return len(tokens)
    return next_verb - len(_name_before(tokens, next_verb, text, offset))


def surname(speaker: tuple[Token, ...]) -> str | None:
    """The last word of a named speaker, titles left out; None for no name."""
    words = [t.norm for t in speaker if t.norm not in TITLES]
    return words[-1] if words else None


def _firm_name(speaker: tuple[Token, ...]) -> str | None:
    """The last word of a speaker's name before the firm's legal form, or None where it has
    none ("Mexico Fund Inc" -> "fund")."""
    words = [t.norm for t in speaker if t.norm not in TITLES]
    if len(words) < 2 or words[-1] not in LEGAL_FORMS:
        return None
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return words[-1]


def _named(speaker: tuple[Token, ...], tokens: list[Token]) -> str | None:
    """The speaker's surname, or None when the speaker is a description: a common word
    capitalised only because it starts the sentence ("Investigators said"), or a pronoun. "I"
    is written with a capital anywhere, and "I said at the time that Smith would kill again"
    inside Pat Rhodes' quotation (the Daily Mail, METER courts) is her speaking, not a
    person called "I": a pronoun names no one to compare. A possessive opening the quotation
    after the verb ("the judge said: 'Your conduct was extremely wicked'", The Star, METER
    courts) is no name either."""
    if all(t.norm in PRONOUNS for t in speaker):
        return None
    if len(speaker) == 1 and speaker[0] is tokens[0] and common_word(speaker[0].raw):
        return None
    return surname(speaker)


def _one_firm(a: tuple[Token, ...], b: tuple[Token, ...]) -> bool:
    """One firm named with and without its legal form ("The Mexico Fund Inc said" / "The
    Mexico Fund said")."""
    fa, fb = _firm_name(a), _firm_name(b)
    return (fa or surname(a)) == (fb or surname(b)) and bool(fa or fb)


def swapped_speakers(
    ta: list[Token],
    tb: list[Token],
    a_text: str,
    b_text: str,
    amap: dict[int, int],
    offsets: tuple[int, int] = (0, 0),
) -> list[tuple[Report, Report]]:
    """Pairs (A report, B report) whose reported words align and whose named speakers differ.
    `amap` pairs A token indexes with the B tokens they align with."""
    ra, rb = reports(ta, a_text, offsets[0]), reports(tb, b_text, offsets[1])
    out = []
    for x in ra:
        aligned = [amap[i] for i in range(x.start, x.end) if i in amap]
        content = [j for j in aligned if tb[j].norm not in FUNCTION_WORDS]
        if len(content) < MIN_ALIGNED or len(content) < 0.5 * (x.end - x.start):
            continue
        inside = [y for y in rb if sum(y.start <= j < y.end for j in content) > len(content) / 2]
        if not inside:
            continue
        y = inside[0]
        sa, sb = _named(x.speaker, ta), _named(y.speaker, tb)
        if sa and sb and sa != sb and not _one_firm(x.speaker, y.speaker):
            out.append((x, y))
    return out
