"""The words of a quotation or of a source passage as quote matching reads them: folded, a
contraction's "not" a word of its own, each marked where an editor's brackets, an ellipsis or
a sentence end stand (quote_alignment.py lays them on each other).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import FUNCTION_WORDS, LEGAL_FORMS
from .textnorm import STOCK_SYMBOL, fold, tokenize

# An editor's words inside a quotation: square brackets, and the short round brackets news
# copy puts in ("The fourth defendant (Michelle Wilson) was someone who took over", PA).
_BRACKET = re.compile(r"\[[^\]]*\]|\([^()]{1,40}\)")
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
# A word a paper prints censored ("b******", "f***"): its first letters, then asterisks.
_CENSORED = re.compile(r"\b([A-Za-z]{1,2})\*{2,}[A-Za-z]*")
# Keyed by what is left once "n't" is cut off: "won't" leaves "wo", "can't" "ca".
_IRREGULAR_NOT = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}


@dataclass(frozen=True)
class QuoteWord:
    """One word of a quotation or of a source passage, folded (`norm`) and as written."""

    norm: str
    raw: str
    start: int
    end: int
    soft: bool  # inside brackets: an editor's insertion, not the speaker's words
    gap: bool  # an ellipsis before it: source words may be missing here
    stop: bool = False  # a full stop, "?" or "!" right after it: it ends a sentence


def quote_words(text: str, spans: Sequence[tuple[int, int]]) -> list[QuoteWord]:
    """The words of `text` within `spans`, marked where brackets or an ellipsis stand.

    >>> [(w.norm, w.soft, w.gap) for w in quote_words("don't [ever] ... stop", [(0, 21)])]
    [('do', False, False), ('not', False, False), ('ever', True, False), ('stop', False, True)]
    """
    out: list[QuoteWord] = []
    for s, e in spans:
        part = text[s:e]
        soft = [(m.start() + s, m.end() + s) for m in _BRACKET.finditer(part)]
        gaps = [m.end() + s for m in _ELLIPSIS.finditer(part)]
        censored = {m.start() + s: m for m in _CENSORED.finditer(part)}
        inside = [(m.start() + s, m.end() + s) for m in censored.values()]
        # a wire's stock symbol after a firm's name ("Royal Dutch/Shell <RD> or Exxon Corp
        # <XON>", Reuters) is no word of the speaker's; the firm's legal form after its name
        # is the editor's choice (LEGAL_FORMS)
        symbols = [(m.start() + s, m.end() + s) for m in STOCK_SYMBOL.finditer(part)]
        for t in tokenize(part, s):
            if any(a <= t.start < b for a, b in symbols):
                continue
            # after a name, not after "The" ("The Corporation said" names no firm dropped)
            firm_form = (
                t.norm in LEGAL_FORMS
                and bool(out)
                and out[-1].raw[:1].isupper()
                and out[-1].norm not in FUNCTION_WORDS
            )
            if t.start in censored:
                m = censored[t.start]
                word = m.group(1).lower() + "*" * (len(m.group(0)) - len(m.group(1)))
                out.append(QuoteWord(word, m.group(0), t.start, m.end() + s, False, False))
                continue
            if any(a < t.start < b for a, b in inside):
                continue  # the letters after a censored word's asterisks ("f**k")
            is_soft = firm_form or any(a <= t.start < b for a, b in soft)
            gap = any(
                prev_end <= g <= t.start for g in gaps for prev_end in [out[-1].end if out else s]
            )
            after = text[t.end : t.end + 2].lstrip("'\"’”`")[:1]
            for norm in _expand(t.raw, t.norm):
                out.append(QuoteWord(norm, t.raw, t.start, t.end, is_soft, gap, after in ".?!"))
                gap = False
    return out


# Contractions one writer spells out and another does not ("I've been stabbed" in a paper,
# "I have been stabbed" in the PA copy): the same words. "'s" and "'d" are left alone: each
# stands for two words ("is"/"has", "had"/"would") or a possessive.
_CONTRACTED = {"'ve": "have", "'re": "are", "'ll": "will", "'m": "am"}


def _expand(raw: str, norm: str) -> list[str]:
    # "won't" -> will not, "don't" -> do not: a negation is a word of its own.
    low = raw.lower().replace("’", "'")
    if low.endswith("n't") and len(low) > 3:
        stem = fold(low[:-3])
        return [_IRREGULAR_NOT.get(stem, stem), "not"]
    for short, full in _CONTRACTED.items():
        if low.endswith(short) and len(low) > len(short):
            return [fold(low[: -len(short)]), full]
    return [norm]
