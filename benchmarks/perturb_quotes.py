"""The quotation and meaning-kept rules of the perturbation suite (benchmarks/perturb.py): a
quote's words changed or cut, its speaker swapped or its credit removed; a paraphrase, an
unrelated sentence and the unchanged controls. Also where a change falls relative to quote marks,
which decides when a slot change is a misquote."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .perturb_words import (
    NAME,
    NOT_FIRST,
    NOT_LAST,
    SPEECH,
    Context,
    Lexicon,
    fresh_name,
    replace_span,
    split_words,
    word_pairs,
)


def quoted_regions(s: str) -> list[tuple[int, int]]:
    """The stretches of `s` inside quote marks, counting a quote that opened in an earlier
    sentence (a closing mark with no opening one: from the start) or runs on into the next (an
    opening mark with no closing one: to the end). A straight mark with no partner opens when a
    word follows it, else it closes."""
    out, opened = [], None
    for m in re.finditer(r"[\"“”]", s):
        mark, at = m.group(), m.start()
        follows_word = s[at + 1 : at + 2].isalnum() or s[at + 1 : at + 2] in "'‘"
        if opened is not None and mark != "“":
            out.append((opened, at + 1))
            opened = None
        elif mark == "“" or (mark == '"' and follows_word):
            opened = at
        else:
            out.append((0, at + 1))
    if opened is not None:
        out.append((opened, len(s)))
    return out


def changed_inside_quote(s: str, claim: str) -> bool:
    """Does the rule's change to `s` lie inside quote marks (quoted_regions)? Then the claim
    quotes words its source does not print: a misquote, the most serious class (issue 13), even
    when the change is a slot's (a negation dropped inside a quotation)."""
    start = len(os.path.commonprefix([s, claim]))
    tail = len(os.path.commonprefix([s[start:][::-1], claim[start:][::-1]]))
    end = max(start, len(s) - tail)
    return any(a <= start and end <= b for a, b in quoted_regions(s))


_PRONOUNS = {"he", "she", "they", "it", "we", "i"}


@dataclass(frozen=True)
class _Quote:
    start: int  # the opening mark
    end: int  # after the closing mark
    inner: str
    speaker: str | None  # a named speaker in the same sentence
    speaker_span: tuple[int, int] | None
    credit_span: tuple[int, int] | None  # the reporting clause, to remove


def _quotes(s: str) -> list[_Quote]:
    out = []
    for m in re.finditer(r"[\"“]([^\"“”]{3,})[\"”]", s):
        inner = m.group(1)
        if len(inner.split()) < 5:
            continue
        speaker = span = credit = None
        after = re.match(
            rf"\s*,?\s*({SPEECH}\s+)?((?:Mr |Mrs |Ms |Dr )?{NAME}(?: {NAME})?)"
            rf"(?:,[^,.]{{0,80}},)?(\s+{SPEECH})?[^.]*?\.\s*$",
            s[m.end() :],
        )
        before = re.search(
            rf"((?:Mr |Mrs |Ms |Dr )?{NAME}(?: {NAME})?)(?:,[^,\"]{{0,80}},)?"
            rf"\s+{SPEECH}(?: that)?[:,]?\s*$",
            s[: m.start()],
        )
        if after and (after.group(1) or after.group(3)):
            speaker = after.group(2)
            span = (m.end() + after.start(2), m.end() + after.end(2))
            credit = (m.end(), len(s))
        elif before and not s[: before.start()].strip():
            speaker = before.group(1)
            span = (before.start(1), before.end(1))
            credit = (0, m.start())
        if speaker and (
            speaker.split()[-1] in NOT_LAST
            or speaker.split()[0] in (NOT_FIRST - {"Mr", "Mrs", "Ms", "Dr"})
            or speaker.lower() in _PRONOUNS
        ):
            speaker = span = None
        out.append(_Quote(m.start(), m.end(), inner, speaker, span, credit))
    return out


_SYNONYM = word_pairs(
    "good:great|great:good|very:really|big:large|large:big|important:vital|happy:pleased|"
    "pleased:happy|difficult:hard|hard:difficult|think:believe|believe:think|want:wish|"
    "people:persons|terrible:awful|serious:grave|totally:completely|completely:totally|"
    "sure:certain|certain:sure|never:not ever|know:realise|help:assist|clear:plain|"
    "problem:issue|decision:choice|children:kids|money:cash|market:sector|prices:rates|"
    "shocked:stunned|always:constantly|just:only|lot:great deal|absolutely:entirely|"
    "wrong:mistaken|feel:sense"
)
_STOP = set(
    split_words(
        "the a an and or but of to in on at for with by from as is are was were be been it this "
        "that these those he she they we i you his her their our my your not no"
    )
)


def r_quote_words(s: str, c: Context) -> tuple[str, str] | None:
    qs = [q for q in _quotes(s)]
    if not qs:
        return None
    q = c.rng.choice(qs)
    words = list(re.finditer(r"[A-Za-z']+", q.inner))
    syn = [w for w in words if w.group(0).lower() in _SYNONYM]
    base = q.start + 1
    if syn:
        w = c.rng.choice(syn)
        new = _SYNONYM[w.group(0).lower()]
        new = new.capitalize() if w.group(0)[0].isupper() else new
        return (
            replace_span(s, base + w.start(), base + w.end(), new),
            f"'{w.group(0)}' -> '{new}' inside the quote",
        )
    inner_words = [
        w for w in words[1:-1] if w.group(0).lower() not in _STOP and len(w.group(0)) > 3
    ]
    if len(words) < 6 or not inner_words:
        return None
    w = c.rng.choice(inner_words)  # dropped from inside the quote
    start, end = base + w.start(), base + w.end()
    end = end + 1 if s[end : end + 1] == " " else end
    return replace_span(s, start, end, ""), f"'{w.group(0)}' dropped inside the quote"


def r_quote_truncated(s: str, c: Context) -> tuple[str, str] | None:
    qs = [q for q in _quotes(s) if q.speaker and len(q.inner.split()) >= 9]
    if not qs:
        return None
    q = qs[0]
    words = q.inner.rstrip(" ,.").split()
    keep = max(5, int(len(words) * 0.6))
    while keep > 4 and words[keep - 1].lower().strip(",;:") in _STOP:
        keep -= 1  # end on a content word, not "as a"
    if keep >= len(words) - 1:
        return None
    closing = q.inner.rstrip()[-1] if q.inner.rstrip()[-1] in ",." else ""
    new_inner = " ".join(words[:keep]).rstrip(",;:") + (closing or "")
    kept = s[: q.start + 1] + new_inner + s[q.end - 1 :]
    return kept, f"quote cut to its first {keep} of {len(words)} words"


def r_speaker(s: str, c: Context) -> tuple[str, str] | None:
    qs = [q for q in _quotes(s) if q.speaker and _is_person(q.speaker, c.lex)]
    if not qs:
        return None
    q = qs[0]
    old = q.speaker
    if re.match(r"(Mr|Mrs|Ms|Dr) ", old):
        title, _, last = old.partition(" ")
        words = set(re.findall(r"\w+", c.passage))
        pool = [n for n in c.lex.surnames if n not in words and n != last]
        new = f"{title} {c.rng.choice(pool)}" if pool else None
    else:
        new = fresh_name(c.lex.persons, c.passage, c.rng, old)
    if not new:
        return None
    a, b = q.speaker_span
    return replace_span(s, a, b, new), f"speaker '{old}' -> '{new}'"


def _is_person(name: str, lex: Lexicon) -> bool:
    """A named person (not a company that 'said'): a title, or a name the lexicon knows."""
    return (
        bool(re.match(r"(Mr|Mrs|Ms|Dr) ", name))
        or name in lex.person_set
        or (len(name.split()) == 1 and name in lex.surname_set)
    )


def r_credit_removed(s: str, c: Context) -> tuple[str, str] | None:
    qs = [q for q in _quotes(s) if q.speaker and q.credit_span and len(q.inner.split()) >= 6]
    if not qs:
        return None
    q = qs[0]
    inner = q.inner.strip().rstrip(",")
    inner = inner if inner.endswith((".", "!", "?")) else inner + "."
    outside = s[q.end :] if q.credit_span[0] == 0 else s[: q.start]
    if outside.strip(" .,"):
        return None  # other words beside the quote and its credit: not a clean removal
    return f"\u201c{inner}\u201d", f"credit '{s[slice(*q.credit_span)].strip()}' removed"


def r_quote_kept(s: str, c: Context) -> tuple[str, str] | None:
    if not any(q.speaker for q in _quotes(s)):
        return None
    return s, "unchanged (a credited quotation)"


# ---------------------------------------------------------------- meaning kept / unrelated

_PARA = [
    (r"\bsaid\b", "stated"),
    (r"\bpct\b", "percent"),
    (r"\bper cent\b", "percent"),
    (r"\bmln\b", "million"),
    (r"\bbln\b", "billion"),
    (r"\bdlrs\b", "dollars"),
    (r"\brose\b", "increased"),
    (r"\bfell\b", "dropped"),
    (r"\bbought\b", "purchased"),
    (r"\bbuy\b", "purchase"),
    (r"\bcompany\b", "firm"),
    (r"\bbegan\b", "started"),
    (r"\bbegin\b", "start"),
    (r"\bexpected\b", "anticipated"),
    (r"\bhelp\b", "assist"),
    (r"\bbig\b", "large"),
    (r"\bshow\b", "indicate"),
    (r"\bshowed\b", "indicated"),
    (r"\bincrease\b", "rise"),
    (r"\bagreed\b", "consented"),
    (r"\bquickly\b", "rapidly"),
    (r"\babout\b", "around"),
    (r"\bnearly\b", "almost"),
    (r"\bbecause\b", "since"),
    (r"\bHowever, ", "But "),
    (r"\balso\b ", ""),
    (r"\btold\b", "informed"),
    (r"\bcourt\b", "tribunal"),
    (r"\bjailed\b", "imprisoned"),
    (r"\bfirm\b", "company"),
    (r"\bplans\b", "intends"),
    (r"\bannounced\b", "declared"),
    (r"\bhad\b", "had"),
]


def r_paraphrase(s: str, c: Context) -> tuple[str, str] | None:
    if '"' in s or "“" in s:
        return None
    out, changes = s, []
    for pattern, new in _PARA:
        if re.search(pattern, out) and new != pattern.strip("\\b"):
            before = out
            out = re.sub(pattern, new, out, count=1)
            if out != before:
                changes.append(f"{re.search(pattern, before).group(0).strip()} -> {new.strip()}")
    # "..., X said." -> "X said ..." (the reporting clause moved to the front)
    m = re.match(
        r"^(.{20,}), ((?:the company|he|she|they|it|[A-Z][\w.]*(?: [A-Z][\w.]*){0,3})"
        r") (said|stated)\.$",
        out,
    )
    if m:
        subj = m.group(2)
        subj = subj[0].upper() + subj[1:]
        out = f"{subj} {m.group(3)} that {m.group(1)[0].lower() + m.group(1)[1:]}."
        changes.append("reporting clause moved to the front")
    if len(changes) < 2:
        return None
    return out, "; ".join(changes)


def r_unrelated(s: str, c: Context) -> tuple[str, str] | None:
    return c.other(), "a sentence of another article"


def r_verbatim(s: str, c: Context) -> tuple[str, str] | None:
    if '"' in s or "“" in s or len(s.split()) < 12:
        return None
    return s, "unchanged"
