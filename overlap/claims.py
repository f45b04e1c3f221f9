"""Related claims: sentence pairs about the same thing that are not reused text, for the judge
to weigh (a paraphrase candidate below the bar may still contradict its neighbour), the filter
that keeps only the ones worth reporting, and what tells two passages are about one subject
(same_subject, restated, other_subjects)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .align import article_index, sentences_under
from .ids import finding_id
from .lexicon import CALENDAR_WORDS, FUNCTION_WORDS, PRONOUNS, THIRD_PERSON_SUBJECTS, TITLES
from .slot_alignment import stem
from .slot_names import common_word, known_word
from .slots import compare_sentences
from .textnorm import fold, tokenize
from .types import (
    Article,
    ArticlePair,
    Direction,
    Finding,
    Kind,
    PairScore,
    Segmented,
    SentencePair,
    SentenceRef,
    Span,
    Verdict,
)

Related = dict[ArticlePair, dict[SentencePair, float]]  # cosine of each related sentence pair


def related_pairs(
    related: Related, paraphrases: dict[ArticlePair, dict[SentencePair, PairScore]]
) -> Related:
    """Candidate pairs below the paraphrase bar are still about the same thing: the related
    pairs and the paraphrase candidates together, each with its cosine."""
    out: Related = {key: dict(pairs) for key, pairs in related.items()}
    for key, pairs in paraphrases.items():
        out.setdefault(key, {}).update({m: cos for m, (_, cos) in pairs.items()})
    return out


def claim_findings(
    segs: Sequence[Segmented],
    related: Related,
    findings: Sequence[Finding],
    hidden: set[SentenceRef],
    limit: int,
) -> list[Finding]:
    """Sentence pairs about the same thing that are not reuse, for the judge to weigh: the
    `limit` closest in meaning. A pair whose two sentences are the two sides of one finding is
    left out (the finding is judged instead); a sentence in a finding may still disagree with
    another sentence elsewhere."""
    paired: set[tuple[SentenceRef, SentenceRef]] = set()
    index = article_index(segs)
    for f in findings:
        left = sentences_under(segs, [f.a], index)
        right = sentences_under(segs, [f.b], index)
        paired |= {(x, y) for x in left for y in right} | {(y, x) for x in left for y in right}
    ranked = sorted(
        (
            (cosine, ai, i, bj, j)
            for (ai, bj), pairs in related.items()
            for (i, j), cosine in pairs.items()
            if ((ai, i), (bj, j)) not in paired and (ai, i) not in hidden and (bj, j) not in hidden
        ),
        reverse=True,
    )
    out = []
    for cosine, ai, i, bj, j in sorted(ranked[:limit], key=lambda r: r[1:]):
        a, b = _sentence(segs[ai], i), _sentence(segs[bj], j)
        out.append(
            Finding(
                finding_id(a, b),
                Kind.CLAIM,
                round(cosine, 4),
                0.0,
                round(cosine, 4),
                a,
                b,
                (),
                Direction.UNKNOWN,
                "not reused text: two passages about the same claim",
            )
        )
    return out


def _sentence(seg: Segmented, i: int) -> Span:
    x = seg.sentences[i]
    return Span(seg.article.id, x.start, x.end, seg.article.text[x.start : x.end])


def reported_claims(findings: Sequence[Finding], keep_agreeing: bool = False) -> list[Finding]:
    """Related claims are reported where they disagree (and, for a check, where they agree);
    undecided ones are not news. Other findings pass unchanged."""
    wanted = {Verdict.CONTRADICT, Verdict.AGREE} if keep_agreeing else {Verdict.CONTRADICT}
    return [
        f
        for f in findings
        if f.kind is not Kind.CLAIM or f.judgement is not None and f.judgement.verdict in wanted
    ]


def names_in(text: str) -> tuple[set[str], set[str]]:
    """The names a sentence mentions, folded and without a possessive 's: (capitalised words
    after its first word and acronyms anywhere ("BBC", "U.S."), its first word if capitalised:
    a name only maybe), less calendar words, titles, pronouns and function words."""
    names: set[str] = set()
    first: set[str] = set()
    for k, token in enumerate(tokenize(text)):
        raw = re.sub(r"['’]s$", "", token.raw)
        letters = raw.replace(".", "")
        acronym = len(letters) > 1 and letters.isupper() and letters.isalpha()
        if not raw[:1].isupper():
            continue
        norm = fold(raw)
        if norm in CALENDAR_WORDS or norm in TITLES or norm in FUNCTION_WORDS or norm in PRONOUNS:
            continue
        (names if acronym or k > 0 else first).add(norm)
    return names, first


def content_words(text: str) -> set[str]:
    """Folded words that carry content: no function words, no numbers, three letters or more."""
    return {t.norm for t in tokenize(text) if _carries_content(t.norm)}


def _carries_content(norm: str) -> bool:
    return len(norm) > 2 and norm not in FUNCTION_WORDS and not any(c.isdigit() for c in norm)


def same_subject(a: str, b: str) -> bool:
    """Are two related sentences about one thing: do they name something in common (a person,
    place, organisation), or share most of their words? Related claims are found by meaning
    alone, and two sentences about different firms' profits or different countries' output are
    close in meaning: without a shared subject, a number that differs between them is not a
    contradiction (issue 13: no contradiction without a basis).

    >>> same_subject("Nestle's sales rose 4% in 2004.", "Sales at Nestle fell 2% last year.")
    True
    >>> same_subject("Its pre-tax profit was 77m euros.", "The firm made a profit of £170m.")
    False
    """
    names_a, first_a = names_in(a)
    names_b, first_b = names_in(b)
    # A word both sentences only start with ("Analysts ...") is no evidence of a name.
    if (names_a & (names_b | first_b)) or (first_a & names_b):
        return True
    return restated(a, b)


def denies(a: str, b: str) -> str | None:
    """The message of a negation one sentence puts on the predicate (or subject) both share,
    when the other does not: "no complaint had been made against Mr McLetchie" against "A
    complaint had been made against Mr McLetchie". Between two claims this is evidence as
    strong as a changed figure (the words around it are the same clause); a negation next to
    words the other sentence lacks is not (slot_negation.on_aligned_predicate)."""
    for d in compare_sentences(a, b):
        if d.kind != "negation" or d.relation != "differs" or not d.predicate:
            continue
        side, other, at = (a, b, d.a) if d.a else (b, a, d.b)
        if at is not None and _clause_goes_on(side[at[1] :], other):
            return d.message
    return None


# The fewest words after a claim's negation that the other sentence must also have, in order,
# for the negation to deny a clause both say: "no complaint had been made against Mr McLetchie"
# holds a clause; "no conflicts of interest arise" against "cleared of a conflict of interest"
# shares a noun phrase only, and the two say one thing.
DENIED_CLAUSE = 4


def _clause_goes_on(after: str, other: str) -> bool:
    mine = [stem(t.norm) for t in tokenize(after)][:DENIED_CLAUSE]
    theirs = [stem(t.norm) for t in tokenize(other)]
    return len(mine) == DENIED_CLAUSE and any(
        theirs[k : k + DENIED_CLAUSE] == mine for k in range(len(theirs))
    )


def restated(a: str, b: str) -> bool:
    """Do two sentences share most of their content words (60 % of the longer one's, and at
    least three: a short headline shares most of its few words with many a sentence)? Then a
    figure that differs between them is one figure told two ways; otherwise it may count
    another thing, at another time, by another source.

    >>> restated("A Reuter survey found OPEC production in early March was 14.7 mln bpd.",
    ...          "IEA SAYS OPEC FEBRUARY CRUDE OUTPUT 16.1 MLN BPD")
    False
    """
    wa, wb = _words_beside_figures(a), _words_beside_figures(b)
    return len(wa & wb) >= max(3, 0.6 * max(len(wa), len(wb)))


def _words_beside_figures(text: str) -> set[str]:
    """Content words, less the four after each figure: its unit ("mln bpd", "barrels per day
    (bpd)") belongs to the figure that differs, not to what the sentences share around it."""
    tokens = tokenize(text)
    figures = [k for k, t in enumerate(tokens) if any(c.isdigit() for c in t.norm)]
    unit = {u for k in figures for u in range(k + 1, k + 5)}
    return {
        t.norm[:-1] if t.raw.endswith(("'s", "’s")) else t.norm  # Nestle's is Nestle
        for k, t in enumerate(tokens)
        if k not in unit and _carries_content(t.norm)
    }


# Who a pronoun opening a copied passage stands for, on each side: a copy cut from two
# sentences about different subjects is no statement about one thing. A wire's formula sentence
# is copied across stories about different firms: "Diamond Shamrock said it raised its posted
# prices for all grades of crude oil one dlr a barrel" and "Permian Corp said that effective
# march 5 it raised its posted prices for crude oil 50 cts a barrel" (Reuters 1987, crude). The
# densest run of shared words is "it raised its posted prices ... a barrel", and read alone its
# two figures differ; but "it" is Diamond Shamrock on one side and Permian on the other, two
# firms each raising its own price. When the sentences name their subjects before the copy and
# share none of those names, the judge reads no contradiction in the figures (judge.py).
# The pronoun must open the copy, after at most this many words ("said that it raised").
_LEAD_WORDS = 3


def _before(seg: Segmented, span: Span) -> str | None:
    """The words of the span's sentence before the span, when the span opens with a subject
    pronoun (within its first _LEAD_WORDS words); else None."""
    lead = [t.norm for t in tokenize(span.text)[: _LEAD_WORDS + 1]]
    if not any(w in THIRD_PERSON_SUBJECTS for w in lead):
        return None
    sentence = next((s for s in seg.sentences if s.start <= span.start < s.end), None)
    if sentence is None:
        return None
    return seg.article.text[sentence.start : span.start]


def _subjects(text: str) -> set[str]:
    """The names the words before the copy give: capitalised words and acronyms, the first
    word only when English does not write it in lower case ("Diamond" is a common word; its
    "Shamrock" is still a name)."""
    names, first = names_in(text)
    words = text.split()
    return names if words and common_word(words[0]) else names | first


def other_subjects(seg_a: Segmented, a: Span, seg_b: Segmented, b: Span) -> tuple[str, str] | None:
    """The subjects that the pronoun opening both copies stands for, as written before the copy
    on each side, when both sides name one and they share no name; else None.

    >>> from overlap.segment import segment
    >>> from overlap.types import Article
    >>> ta = "Diamond Shamrock said it raised its posted prices one dlr a barrel."
    >>> tb = "Permian Corp said that it raised its posted prices 50 cts a barrel."
    >>> sa = segment(Article("a", "a.txt", ta, "txt"))
    >>> sb = segment(Article("b", "b.txt", tb, "txt"))
    >>> i, j = ta.index("it raised"), tb.index("it raised")
    >>> other_subjects(sa, Span("a", i, len(ta), ta[i:]), sb, Span("b", j, len(tb), tb[j:]))
    ('Diamond Shamrock said', 'Permian Corp said that')
    """
    before_a, before_b = _before(seg_a, a), _before(seg_b, b)
    if before_a is None or before_b is None:
        return None
    names_a, names_b = _subjects(before_a), _subjects(before_b)
    if not names_a or not names_b or names_a & names_b:
        return None
    return before_a.strip(), before_b.strip()


def headline_subjects(seg_a: Segmented, seg_b: Segmented) -> tuple[str, str] | None:
    """The subjects of two articles about different things, as their headlines name them: a
    headline word that its own article writes as a name (capitalised in the text) and that the
    other article never uses, on both sides. Wire services file one form for many companies
    and markets ("Irving Trust Co said it is raising its prime rate to 7-3/4 pct" under IRVING
    TRUST RAISES PRIME RATE, the same words for Northern Trust under its own headline; SAMSUNG
    and DAEWOO results tables; ST PAUL and OMAHA cattle reports; Reuters-21578): their names and
    figures differ because the stories do. Two reports of one story share their subject (a
    writer who got a name or a figure wrong still writes about the other's subject). None
    when either article has no headline or no such word.

    >>> from overlap.segment import segment
    >>> from overlap.types import Article
    >>> def seg(i, title, text):
    ...     return segment(Article(i, i, text, "txt", title=title))
    >>> sa = seg("a", "IRVING TRUST RAISES PRIME RATE", "Irving Trust Co said it is raising...")
    >>> sb = seg("b", "NORTHERN TRUST RAISES PRIME", "Northern Trust Co said it is raising...")
    >>> headline_subjects(sa, sb)
    ('IRVING', 'NORTHERN')
    >>> sc = seg("c", "CORRECTED - IRVING TRUST RAISES PRIME", "Irving Trust Co said it is...")
    >>> headline_subjects(sa, sc) is None
    True
    >>> table = "Div 50 won vs 50 won Net profit 6.91 billion won vs 6.10 billion"
    >>> sd, se = seg("d", "SAMSUNG 1986 RESULTS", table), seg("e", "DAEWOO 1986 RESULTS", table)
    >>> headline_subjects(sd, se)
    ('SAMSUNG', 'DAEWOO')
    """
    if not seg_a.article.title or not seg_b.article.title:
        return None
    own_a = _own_headline_name(seg_a.article, seg_b.article)
    own_b = _own_headline_name(seg_b.article, seg_a.article)
    return (own_a, own_b) if own_a and own_b else None


def _own_headline_name(mine: Article, other: Article) -> str | None:
    """The first headline word of `mine` that its text capitalises as a name and that `other`
    never uses (in its headline or its text)."""
    capitalised, used = _capitalised_words(mine.text), _words_used(other.title or "", other.text)
    first = True
    for t in tokenize(mine.title or ""):
        if t.norm in FUNCTION_WORDS or not t.raw.isalpha() or len(t.norm) < 3:
            continue
        # A headline's first word that is no English word is a name even where the text never
        # writes it (a results table under SAMSUNG, another under DAEWOO: Reuters-21578).
        named = t.norm in capitalised or first and not known_word(t.norm)
        if named and t.norm not in used:
            return t.raw
        first = False
    return None


# The judge asks for each sentence pair with a typed difference; an article is read once.
@lru_cache(maxsize=256)
def _capitalised_words(text: str) -> frozenset[str]:
    return frozenset(t.norm for t in tokenize(text) if t.raw[:1].isupper() and not t.raw.isupper())


@lru_cache(maxsize=256)
def _words_used(title: str, text: str) -> frozenset[str]:
    return frozenset(t.norm for t in tokenize(f"{title} {text}"))
