"""Is the reused text credited, and which article is the likely source?

Evidence, strongest first: a quotation in one article credited to the other's outlet or author
("…,” Sanchez told ABC News); publication dates; one article naming the other's outlet elsewhere
in its text. The finding is turned so that `a` is the source when the direction is known.
"""

from __future__ import annotations

import dataclasses
import re

from .lexicon import THIRD_PERSON_SUBJECTS, TITLES
from .publication_dates import earlier
from .textnorm import fold, normalise_line
from .types import (
    Article,
    Attribution,
    DiffOp,
    DiffTag,
    Direction,
    Finding,
    Kind,
    Quote,
    Segmented,
    Span,
)


def _names(article: Article) -> dict[str, str]:
    """Names an article can be credited by (its outlet and author): folded form -> as written."""
    names = {}
    for value in (article.outlet, article.author):
        if value and len(normalise_line(value)) >= 3:
            names[normalise_line(value)] = value
    return names


def _mentions(text: str, names: dict[str, str]) -> str | None:
    """The name (as written in the metadata) that `text` mentions, ignoring case and accents."""
    folded = f" {normalise_line(text)} "
    return next((name for key, name in names.items() if f" {key} " in folded), None)


def _quotes_over(seg: Segmented, span: Span) -> list[Quote]:
    """Quotations covering at least half of the span."""
    out = []
    for q in seg.quotes:
        overlap = min(q.end, span.end) - max(q.start, span.start)
        if overlap > 0 and overlap >= 0.5 * (span.end - span.start):
            out.append(q)
    return out


def _paragraph_text(seg: Segmented, span: Span) -> str:
    for p in seg.paragraphs:
        if p.start <= span.start < p.end:
            return seg.article.text[p.start : max(p.end, span.end)]
    return span.text


# A credit to an outlet or a person in running text: "according to the BBC", "..., Reuters
# reported", "the Financial Times reported that ..."; the credited name capitalised.
_CREDIT_NAME = r"((?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})"
_OTHER_CREDIT = re.compile(
    rf"\b[Aa]ccording\s+to\s+{_CREDIT_NAME}"
    rf"|,\s*{_CREDIT_NAME}\s+(?:reported|reports|said|says|wrote|writes)\s*[.!]?\s*$"
    rf"|^\s*{_CREDIT_NAME}\s+(?:reported|reports|wrote|writes)\s+that\b"
)


def other_credit(copier: Segmented, span: Span, source: Article) -> str | None:
    """The name the copier's sentence around `span` credits, where it is neither `source`'s
    outlet or author nor a name the source prints itself: the words copied from Reuters,
    "according to the BBC", are credited, but to someone else; "..., police chief John Smith
    said" copied with the source's own attribution is no credit to another."""
    sentence = next((x.text for x in copier.sentences if x.start <= span.start < x.end), span.text)
    m = _OTHER_CREDIT.search(sentence)
    if m is None:
        return None
    name = next(g for g in m.groups() if g)
    bare = re.sub(r"(?i)^the\s+", "", name)
    printed = f" {normalise_line(bare)} " in f" {normalise_line(source.text)} "
    return None if printed or _mentions(name, _names(source)) else name


def credit_of(copier: Segmented, span: Span, source: Article) -> Attribution:
    """How `copier` presents `span`: inside quote marks or not, crediting `source` or not."""
    quotes = _quotes_over(copier, span)
    names = _names(source)
    credit = speaker = None
    credited = False
    for q in quotes:
        speaker = speaker or q.speaker
        for said in (q.credit, q.speaker):
            if said and _mentions(said, names):
                credit, credited = said, True
    if not credited:
        # Credit in the surrounding paragraph ("according to InSight Crime") also counts.
        named = _mentions(_paragraph_text(copier, span), names)
        if named:
            credit, credited = named, True
    if (
        not credited
        and quotes
        and speaker
        and speaker[:1].isupper()
        and speaker.lower() not in THIRD_PERSON_SUBJECTS
    ):
        # Quoting the same speaker the source quotes is credit to the speaker, not the outlet.
        credited = fold(speaker.split()[-1]) in normalise_line(source.text).split()
    return Attribution(quoted=bool(quotes), credited=credited, credit=credit, speaker=speaker)


def attribute(finding: Finding, seg_a: Segmented, seg_b: Segmented) -> Finding:
    """Set direction, its reason and the copier's attribution; `a` becomes the source if known."""
    if finding.kind is Kind.REPEAT:
        return dataclasses.replace(
            finding,
            direction=Direction.A_TO_B,
            direction_reason="the article repeats its own earlier passage",
        )
    art_a, art_b = seg_a.article, seg_b.article
    credit_in_b = credit_of(seg_b, finding.b, art_a)
    credit_in_a = credit_of(seg_a, finding.a, art_b)
    swap, reason = False, ""
    if credit_in_b.credited and credit_in_b.credit and not credit_in_a.credit:
        reason = f"{art_b.label} credits {credit_in_b.credit}"
    elif credit_in_a.credited and credit_in_a.credit and not credit_in_b.credit:
        swap, reason = True, f"{art_a.label} credits {credit_in_a.credit}"
    elif (order := earlier(art_a.date, art_b.date)) != 0:
        swap = order > 0
        first, second = (art_b, art_a) if swap else (art_a, art_b)
        reason = f"{first.label} ({first.date}) was published before {second.label} ({second.date})"
    else:
        b_names_a = _mentions(art_b.text, _names(art_a))
        a_names_b = _mentions(art_a.text, _names(art_b))
        if b_names_a and not a_names_b:
            reason = f"{art_b.label} names {art_a.label} elsewhere in its text"
        elif a_names_b and not b_names_a:
            swap, reason = True, f"{art_a.label} names {art_b.label} elsewhere in its text"
    if not reason:
        copier_credit = credit_in_b if credit_in_b.quoted or not credit_in_a.quoted else credit_in_a
        return dataclasses.replace(
            finding,
            direction=Direction.UNKNOWN,
            attribution=copier_credit,
            direction_reason="no dates or credits tell which came first",
        )
    if swap:
        return dataclasses.replace(
            _swapped(finding),
            direction=Direction.A_TO_B,
            direction_reason=reason,
            attribution=credit_in_a,
        )
    return dataclasses.replace(
        finding, direction=Direction.A_TO_B, direction_reason=reason, attribution=credit_in_b
    )


def _swapped(f: Finding) -> Finding:
    flip = {DiffTag.INSERT: DiffTag.DELETE, DiffTag.DELETE: DiffTag.INSERT}
    diff = tuple(
        DiffOp(flip.get(DiffTag(d.op), DiffTag(d.op)), d.b_start, d.b_end, d.a_start, d.a_end)
        for d in f.diff
    )
    return dataclasses.replace(f, a=f.b, b=f.a, diff=diff)


# Who a quotation is credited to, and whether a credit names a given article.


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words before a surname that are not part of the name: the shared titles, police and court ranks
# (PA court copy: "Det Insp", "PC") and offices, and the sentence openers below.
_TITLES = TITLES | _wordset(
    "the miss dame det insp detective inspector chief superintendent "
    "supt sergeant sgt constable pc dc secretary foreign home "
    "prime senator sen governor gov general gen professor prof former new qc councillor mayor "
    # sentence openers that a capitalised-words match takes along ("But Valdés said")
    "but and so yet now still then also meanwhile however while when as if even instead "
    "passing sentencing speaking outside afterwards later earlier despite yesterday today"
)
_PERSON_NAME = re.compile(r"[A-Z][\w.’'\-]*(?:\s+(?:(?:de|del|la|van|von|of)\s+)?[A-Z][\w.’'\-]*)*")
_OUTLET_WORDS = _wordset(
    "news times post journal press radio tv television herald tribune gazette guardian "
    "telegraph mirror mail express independent reuters bbc cnn bloomberg ap afp upi abc nbc "
    "cbs fox npr pbs itn sky economist magazine crime observer chronicle standard"
)
_OUTLET_CONTEXT = re.compile(
    r"\b(?:website|newspaper|paper|magazine|broadcaster|network|news agency|outlet|channel|"
    r"blog|tabloid|daily|weekly)\s+(?:[a-z]+\s+)?$"
)
_DOCUMENT_WORDS = _wordset(
    "report statement strategy document paper study letter memo memorandum filing release "
    "email e-mail post tweet speech book article op-ed column ruling judgment judgement "
    "affidavit testimony submission notice order complaint indictment lawsuit warning bulletin "
    "survey audit review inquiry"
)
_BODY_WORDS = _wordset(
    "agency ministry department government officials official court police council committee "
    "commission office house spokesman spokeswoman spokesperson prosecutor prosecutors"
)


def _words(name: str) -> list[str]:
    return [fold(w) for w in re.findall(r"[\w.’'\-]+", name)]


# A run of capitalised words can cross a sentence end ("told the Ashford Gazette.\n\nCouncillor
# Tom Reyes"): a word of two letters or more ending in a full stop, before a space, ends the
# sentence unless it is a title ("Mr.", "Dr.") or an initial ("J."), and a line break always does.
_SENTENCE_BREAK = re.compile(
    r"(?:\b(?!(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Prof|Lt|Col)\.)"
    r"[\w’'\-]{2,}\.\s+|\s*\n\s*)"
)


def last_sentence(run: str) -> str:
    parts = _SENTENCE_BREAK.split(run)
    return parts[-1] if parts[-1].strip() else run


def full_name(text: str, before: int, name: str) -> str:
    """The fullest form of `name` the text gave before offset `before`: "Sanchez" -> "Alex
    Sanchez" when "Alex Sanchez, a security analyst…" came earlier; titles are left off a name
    found that way ("Foreign Secretary Luis Videgaray" -> "Luis Videgaray").

    >>> full_name("Alex Sanchez, an analyst, spoke. Then Sanchez said so.", 38, "Sanchez")
    'Alex Sanchez'
    >>> full_name("said Richard Pzena of Sanford\\nC. Bernstein. Pzena said", 50, "Pzena")
    'Richard Pzena'
    """
    words = _words(name)
    if not words or len([w for w in words if w not in _TITLES]) >= 2:
        return name
    surname = words[-1]
    best = None
    # each sentence's piece of a run of capitalised words; the surname may end a piece that
    # goes on with "of" and a firm: "Richard Pzena of Sanford\nC. Bernstein" (Reuters) gives
    # "Richard Pzena"
    pieces = (
        part.split()
        for m in _PERSON_NAME.finditer(text, 0, before)
        for part in _SENTENCE_BREAK.split(m.group())
    )
    for raw in pieces:
        at = [
            k
            for k, w in enumerate(raw)
            if fold(w) == surname and (k == len(raw) - 1 or raw[k + 1] == "of")
        ]
        if not at:
            continue
        raw = raw[: at[-1] + 1]
        while len(raw) > 2 and fold(raw[0]) in _TITLES:
            raw = raw[1:]
        if len(raw) >= 2 and fold(raw[0]) not in _TITLES:
            best = " ".join(raw)
    return best or name


def credit_kind(name: str | None, context: str = "") -> str | None:
    """person / organisation / outlet / document, from the name and the words before it in the
    attribution ("the Latin American intelligence website Insight Crime" is an outlet).

    >>> [credit_kind(n) for n in ("Alex Sanchez", "the report", "ABC News", "the agency")]
    ['person', 'document', 'outlet', 'organisation']
    """
    if not name:
        return None
    words = set(_words(name))
    if words & _DOCUMENT_WORDS and name[:1].islower() or name.lower().startswith("the report"):
        return "document"
    at = context.find(name)
    if words & _OUTLET_WORDS or (at > 0 and _OUTLET_CONTEXT.search(context[:at])):
        return "outlet"
    if words & _BODY_WORDS or words & _DOCUMENT_WORDS:
        return "organisation" if words & _BODY_WORDS else "document"
    return "person"


def _variants(name: str) -> set[str]:
    """A name's folded form, without "the", and with runs of words as initials ("Los Angeles
    Times" also as "la times"), so "the L.A. Times" names the Los Angeles Times."""
    # a word of punctuation only ("-" in a wire slug title) folds to nothing
    words = [w for w in _words(name) if w and w != "the"]
    out = {" ".join(words)}
    for size in (2, 3):
        for i in range(len(words) - size + 1):
            initials = "".join(w[0] for w in words[i : i + size])
            out.add(" ".join([*words[:i], initials, *words[i + size :]]))
    return {v for v in out if v}


def names_article(credit: str | None, article: Article) -> bool:
    """Does a credit ("ABC News", "the L.A. Times") name this article's outlet or title?

    >>> la = Article("x", "x.txt", "", "txt", outlet="Los Angeles Times")
    >>> names_article("the L.A. Times", la)
    True
    """
    if not credit:
        return False
    said = _variants(credit)
    for value in (article.outlet, article.title):
        if value and len(normalise_line(value)) >= 3:
            known = _variants(value)
            if said & known or any(
                f" {s} " in f" {k} " for s in said for k in known if len(s) >= 4
            ):
                return True
    return False
