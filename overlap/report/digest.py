"""What every view puts first, from the JSON document alone: the editor's table (per source ->
copy outlet pair: passages reused, share of the copy, credited, contradicted) and the order of
the findings by what needs action.

One home for these rules so the terminal, Markdown and HTML views agree: the terminal and
Markdown views call it directly; the HTML view gets its result inlined in the page's data blob
(`digest`), so the browser never re-derives it.

Action classes, most urgent first:

- `act`: an uncredited copy, a misquote, a contradiction (or a change over time);
- `check`: reuse that is credited but not quoted, or whose verdict is unclear;
- `fine`: repeats within one article and credited quotations that match their source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .labels import dated_name

ACT, CHECK, FINE = "act", "check", "fine"
CLASS_RANK = {ACT: 0, CHECK: 1, FINE: 2}
CLASS_TITLE = {
    ACT: "Needs action",
    CHECK: "Worth a look",
    FINE: "Credited quotations and repeats",
}
_CONTRADICTS = ("contradict", "changed over time")


@dataclass(frozen=True)
class PairRow:
    """One source -> copy pair of the editor's table (article ids; `share` of the copy's text
    reused from this source, None when the document has no single-source derivation for it)."""

    source: str
    copy: str
    direction_known: bool
    passages: int
    share: float | None
    credited: int
    uncredited: int
    contradicts: int
    misquoted: int


def action_class(f: Mapping[str, Any]) -> str:
    """`act`, `check` or `fine` (see the module's docstring).

    >>> action_class({"kind": "repeat", "a": {"article": "x"}, "b": {"article": "x"}})
    'fine'
    >>> action_class({"kind": "edited", "attribution": {"quoted": False, "credited": False}})
    'act'
    """
    if f.get("misquote") or f.get("verdict") in _CONTRADICTS:
        return ACT
    if f.get("kind") == "repeat":
        return FINE
    att = f.get("attribution")
    if att is not None and not att.get("credited"):
        return ACT
    if f.get("verdict") == "unclear":
        return CHECK
    if att is not None and att.get("quoted"):
        return FINE
    return CHECK


def ordered(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings by what needs action (a repeat after the rest of its class), then strongest
    first, then by id (deterministic)."""
    return sorted(
        findings,
        key=lambda f: (
            CLASS_RANK[action_class(f)],
            f.get("kind") == "repeat",
            -float(f.get("score") or 0),
            str(f["id"]),
        ),
    )


def pair_rows(doc: Mapping[str, Any]) -> list[PairRow]:
    """One row per source -> copy pair of different articles, most urgent then most reused first."""
    shares: dict[tuple[str, str], float] = {}
    for d in doc.get("derivations", []):
        if len(d.get("sources", [])) == 1:
            shares[(d["sources"][0], d["article"])] = d["share_total"]
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    known: dict[tuple[str, str], bool] = {}
    for f in doc.get("findings", []):
        a, b = f["a"]["article"], f["b"]["article"]
        if a == b:
            continue
        key = (a, b) if f.get("direction") != "b->a" else (b, a)
        groups.setdefault(key, []).append(f)
        known[key] = known.get(key, False) or f.get("direction") in ("a->b", "b->a")
    rows = []
    for (src, copy), items in groups.items():
        atts = [f.get("attribution") for f in items]
        rows.append(
            PairRow(
                source=src,
                copy=copy,
                direction_known=known[(src, copy)],
                passages=len(items),
                share=shares.get((src, copy)),
                credited=sum(1 for x in atts if x and x.get("credited")),
                uncredited=sum(1 for x in atts if x is not None and not x.get("credited")),
                contradicts=sum(1 for f in items if f.get("verdict") in _CONTRADICTS),
                misquoted=sum(1 for f in items if f.get("misquote")),
            )
        )
    return sorted(
        rows,
        key=lambda r: (
            -(r.uncredited + r.contradicts + r.misquoted > 0),
            -(r.share or 0.0),
            -r.passages,
            r.source,
            r.copy,
        ),
    )


def pair_words(row: PairRow) -> dict[str, str]:
    """The row's cells in words, for any view: share, credited, contradicts."""
    share = "–" if row.share is None else f"{round(100 * row.share)} %"
    credited = f"{row.credited} of {row.passages}"
    trouble = []
    if row.misquoted:
        trouble.append(f"{row.misquoted} misquoted")
    if row.contradicts:
        trouble.append(f"{row.contradicts} contradict{'s' if row.contradicts == 1 else ''}")
    return {"share": share, "credited": credited, "contradicts": ", ".join(trouble) or "none"}


def score_words(f: Mapping[str, Any]) -> str:
    """The finding's one score, named for what it means.

    >>> score_words({"kind": "edited", "score": 0.9})
    '90 % same words'
    >>> score_words({"kind": "paraphrase", "score": 0.569})
    '57 % alike in meaning'
    """
    score = f.get("score")
    if not isinstance(score, (int, float)):
        return ""
    pct = f"{round(100 * score)} %"
    return (
        f"{pct} alike in meaning"
        if f.get("kind") in ("paraphrase", "claim")
        else f"{pct} same words"
    )


def credit_words(f: Mapping[str, Any]) -> str:
    """How the copy credits the passage, in words ("" when the document does not say)."""
    att = f.get("attribution")
    if f.get("kind") == "repeat" or not att:
        return ""
    who = att.get("credit") or att.get("speaker")
    if att.get("quoted") and att.get("credited"):
        return f"quoted, credited to {who}"
    if att.get("credited"):
        return f"credited to {att.get('credit')}"
    if att.get("quoted"):
        return "quoted without credit"
    return "uncredited"


def headline(f: Mapping[str, Any]) -> str:
    """What the finding is, in a few words: "Uncredited copy", "Misquote", "Repeat", ...

    >>> headline({"kind": "paraphrase", "attribution": {"quoted": False, "credited": False}})
    'Uncredited paraphrase'
    """
    kind = f.get("kind")
    if f.get("misquote"):
        return "Misquote"
    if f.get("verdict") == "contradict":
        return "Contradiction"
    if f.get("verdict") == "changed over time":
        return "Changed over time"
    if kind == "repeat":
        return "Repeat within the article"
    if kind == "claim":
        return "Related claim"
    what = {"verbatim": "copy", "edited": "edited copy", "paraphrase": "paraphrase"}.get(
        str(kind), str(kind)
    )
    att = f.get("attribution")
    if att is not None and not att.get("credited"):
        return f"Uncredited {what}"
    if att is not None and att.get("quoted"):
        return "Credited quotation"
    if att is not None:
        return f"Credited {what}"
    return what[:1].upper() + what[1:]


# Wording repairs for reasons written by older versions (or still by a stage): a prefix said
# twice, a verb said twice, a pluralised "people".
_REPAIRS = (
    (re.compile(r"\b([a-z]+ differs): \1:\s*"), r"\1: "),
    (re.compile(r"\bhedge hedged:\s*"), "hedged: "),
    (re.compile(r"\bpeoples\b"), "people"),
)
_SIDE = re.compile(r"^(A|B)\b(?= )")
_THE_SOURCE = re.compile(r"\bin the source\b")
# The judge's "here" (a finding's side a) after a quoted value: '"2,000" here, "1,954" in the
# source', 'hedged: "could" here only'.
_HERE = re.compile(r"""(?<=["']) here\b""")


def reason_words(reason: str, names: Mapping[str, str]) -> str:
    """A reason as a sentence about the text: "A"/"B" at its start, "here" and "the source"
    named (a draft check's source; a compare finding's sides a and b), wording repaired.

    >>> reason_words("B hedges ('could') where the other asserts", {"b": "Fox News Latino"})
    "Fox News Latino hedges ('could') where the other asserts"
    >>> reason_words("number differs: number differs: 2 vs 3", {})
    'number differs: 2 vs 3'
    >>> reason_words('number differs: "2,000" here, "1,954" in the source', {"source": "ABC"})
    'number differs: "2,000" here, "1,954" in ABC'
    >>> reason_words('number differs: "2,000" here, "1,954" in the source', {"a": "A", "b": "F"})
    'number differs: "2,000" in A, "1,954" in F'
    >>> reason_words('hedged: "could" in the source only', {"a": "ABC", "b": "Fox"})
    'hedged: "could" in Fox only'
    """
    for pattern, repl in _REPAIRS:
        reason = pattern.sub(repl, reason)
    if names.get("source"):
        reason = _THE_SOURCE.sub(lambda m: f"in {names['source']}", reason)
    elif names.get("a") and names.get("b"):
        # A compare finding: "here" is its side a, "the source" its side b.
        reason = _HERE.sub(lambda m: f" in {names['a']}", reason)
        reason = _THE_SOURCE.sub(lambda m: f"in {names['b']}", reason)
    return _SIDE.sub(lambda m: names.get(m.group(1).lower(), m.group(1)), reason)


def line_range(article: Mapping[str, Any], start: int, end: int) -> str:
    """Where a passage is in its article, by line: "line 4" or "lines 4-6" ("" without text).

    >>> line_range({"text": "a\\nb\\nc"}, 2, 5)
    'lines 2-3'
    """
    text = article.get("text")
    if not isinstance(text, str) or not isinstance(start, int) or not isinstance(end, int):
        return ""
    first = text.count("\n", 0, start) + 1
    last = text.count("\n", 0, max(start, end - 1)) + 1
    return f"line {first}" if first == last else f"lines {first}-{last}"


def passage_words(article: Mapping[str, Any], span: Mapping[str, Any]) -> str:
    """A passage named for a reader: "ABC News (2013-05-02), lines 12-14"."""
    where = line_range(article, span.get("start"), span.get("end"))  # type: ignore[arg-type]
    name = dated_name(article)
    return f"{name}, {where}" if where else name


def for_browser(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The digest as the HTML page reads it: table rows (ids, words) and each finding's class,
    order, headline, score words and credit words."""
    arts = {a["id"]: a for a in doc.get("articles", [])}
    rows = []
    for r in pair_rows(doc):
        row: dict[str, Any] = asdict(r)
        row.update(pair_words(r))
        rows.append(row)
    order = [f["id"] for f in ordered(list(doc.get("findings", [])))]
    findings = {}
    for f in doc.get("findings", []):
        a, b = arts.get(f["a"]["article"], {}), arts.get(f["b"]["article"], {})
        names = {"a": dated_name(a) if a else "A", "b": dated_name(b) if b else "B"}
        findings[f["id"]] = {
            "class": action_class(f),
            "headline": headline(f),
            "score": score_words(f),
            "credit": credit_words(f),
            "reasons": [reason_words(r, names) for r in f.get("reasons", [])],
            "a_lines": line_range(a, f["a"]["start"], f["a"]["end"]) if a else "",
            "b_lines": line_range(b, f["b"]["start"], f["b"]["end"]) if b else "",
        }
    return {"pairs": rows, "order": order, "findings": findings, "titles": CLASS_TITLE}
