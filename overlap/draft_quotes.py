"""What a draft sentence's quotations say once quote matching has read them (quote_match.py):
whether the sentence reports a credited quotation found as printed, lifts a source's quotation
without its credit, and the notes that do not fail it (an unverified quote, an unconfirmed
speaker, sources that print the quote differently)."""

from __future__ import annotations

from collections.abc import Sequence

from .quote_match import Outcome, QuoteVerdict
from .textnorm import tokenize

# The share of a copied sentence's words a verified, credited quotation must hold for the copy
# to count as reporting that quotation (reports_quote).
QUOTE_SHARE_MIN = 0.25


def reports_quote(
    verdicts: Sequence[QuoteVerdict], text: str, start: int, end: int, source: str | None = None
) -> bool:
    """Does text[start:end] report a quotation: a credited one that quote_match found as
    printed (in `source`, when given) holding at least a quarter of its words? The rest is
    then the quotation's reporting clause ("..., said Martin Larsson, general manager of
    Toshiba's European storage device division."): a quote cut short leaves the copy mostly
    outside quote marks, and it is still the speaker's words, quoted and credited."""
    good = [
        v
        for v in verdicts
        if v.outcome is Outcome.QUOTED
        and v.quote.credited
        and v.source is not None
        and (source is None or v.source.article == source)
    ]
    if not good:
        return False
    words = tokenize(text[start:end], start)
    inside = [t for t in words if any(a <= t.start < b for v in good for a, b in v.quote.parts)]
    return bool(words) and QUOTE_SHARE_MIN * len(words) <= len(inside)


def lifted_quote(
    verdicts: Sequence[QuoteVerdict], text: str, start: int, end: int
) -> QuoteVerdict | None:
    """A quotation that quote_match found as a source prints it, credited to no one in the
    draft, holding at least half of text[start:end]'s words ("“His hand is not on the
    deeds.”", where the source has ', said Mr Nicholls'): the source's words in quote marks,
    and the draft does not say whose. A copy credited to no one is "copied" (_relation); so is
    a quotation too short to be found as a copy."""
    words = tokenize(text[start:end], start)
    for v in verdicts:
        if v.outcome is not Outcome.QUOTED or v.quote.credited or v.source is None:
            continue
        inside = [t for t in words if any(a <= t.start < b for a, b in v.quote.parts)]
        if words and 2 * len(inside) >= len(words):
            return v
    return None


def quoted_note(v: QuoteVerdict) -> str:
    """The note on a quotation found as printed, credited: who said it, where it was found."""
    q = v.quote
    who = q.speaker or q.outlet or q.document or "its speaker"
    where = v.source.label if v.source else "a source"
    return f"credited quotation ({who}) matching {where}"


def quote_notes(verdicts: Sequence[QuoteVerdict]) -> list[str]:
    """Notes on a sentence's quotations that do not fail it: no source prints the words, the
    source gives them to no named speaker while the draft names one, or the sources print them
    differently."""
    out = []
    for v in verdicts:
        if v.outcome is Outcome.UNVERIFIED:
            out.append("unverified quote: no source prints these words")
        elif v.speaker_unconfirmed and v.source is not None and v.source.names_speaker:
            out.append(
                f"speaker not confirmed: {v.source.label} gives these words to "
                f"{v.source.speaker}, not to {v.quote.speaker}"
            )
        elif v.speaker_unconfirmed and v.source is not None:
            out.append(
                f"speaker not confirmed: {v.source.label} prints these words but never names "
                f"{v.quote.speaker}"
            )
        elif v.sources_differ and v.source is not None:
            labels = ", ".join(dict.fromkeys([v.source.label, *(o.label for o in v.others)]))
            out.append(
                f"sources differ on this quote: {labels} print it differently; judged "
                f"against {v.source.label}"
            )
    return out
