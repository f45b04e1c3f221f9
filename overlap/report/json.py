"""Result -> the JSON document (schema below), and reading one back for `overlap render`.

Schema (version 1.0). Everything except `run` is deterministic for the same input and settings.

    schema_version  "1.5" (1.1 added the verdict fields and kind "claim", 1.2 run.stages,
                    1.3 derivations, 1.4 article_pairs, 1.5 derivations' words_kept;
                    readers accept 1.x)
    tool            {name, version}
    settings        every Settings field
    models          [{name, package, package_version, sha256, path, licence}]
    summary         {articles, skipped, findings, by_kind: {kind: n}, by_verdict: {verdict: n}}
    run             {seconds, passages, embedded, embedded_from_cache,
                     stages: {stage: seconds}}  (varies run to run)
    articles        [{id, source, format, encoding, title, outlet, date, author, url, chars,
                      paragraphs, sentences, notes: [str], text,
                      chrome: [{start, end, reason}],
                      quotes: [{start, end, inner_start, inner_end, speaker, credit}]}]
    skipped         [{source, reason}]
    findings        [{id, kind, score, lexical, semantic, direction, direction_reason,
                      a: SPAN, b: SPAN, attribution: {quoted, credited, credit, speaker} | null,
                      diff: [{op, a: {start, end}, b: {start, end}}],
                      verdict: agree | contradict | unclear | null (not judged), confidence,
                      reasons: [str], misquote: [str],
                      nli: {"a->b": [e, n, c], "b->a": [...]} | null,
                      evidence: [{check, relation, message, a: SPAN | null, b: SPAN | null}]}]
    notes           [str]  (e.g. judged without the NLI model, and why)
    derivations     [{article, sources: [id], share_verbatim, share_edited, share_paraphrase,
                      share_total, words_kept, label: wholly | partially | non}]  (1.3; one per
                     ordered article pair sharing reused text; words_kept, the share of the
                     article's content words its sources use too, decides the label: 1.5;
                     overlap/derivation.py)
    article_pairs   [{a, b, shorter, words, share_matched, share_stock, share_distinctive,
                      label: exact | near | partial}]  (1.4; one per article pair sharing
                     reused text or the same body, a < b: whether the two are one story, from
                     the shorter article's words matched outside stock wording:
                     overlap/near_duplicates.py)
    SPAN            {article, start, end, text}; text == article text[start:end]

`a` is the likely source and `b` the copy when `direction` is "a->b".

The machine-readable form of this, with every field's type and range, is `result.schema.json`
beside this module (checked by `schema.first_problem`, which `read_document` applies).

Numbers are always finite (JSON has no NaN): a NaN or infinity that reaches `to_document` (a
damaged cache, a model output) becomes null where the field allows it (`semantic`, `nli`, run
times), a confidence of 0, or drops its finding when it is the score itself; a note says so.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import ResultError
from ..types import Result

SCHEMA_VERSION = "1.5"


def to_document(result: Result) -> dict[str, Any]:
    """The JSON-ready document for a Result (only finite numbers in it)."""
    findings = [_finding(f) for f in result.findings]
    notes = list(result.extra.get("notes", []))
    kept = [f for f in findings if _finite(f["score"]) and _finite(f["lexical"])]
    if len(kept) < len(findings):
        notes.append(
            f"{len(findings) - len(kept)} findings dropped: their score is not a number (NaN or "
            "infinity), usually from a damaged cache; re-run with --no-cache"
        )
    replaced = _replace_non_finite(kept)
    if replaced:
        notes.append(
            f"{replaced} values that were not numbers (NaN or infinity) written as null "
            "(confidence 0), usually from a damaged cache; re-run with --no-cache"
        )
    by_kind = Counter(f["kind"] for f in kept)
    by_verdict = Counter(f["verdict"] for f in kept if f["verdict"] is not None)
    stats = result.stats
    run = dataclasses.asdict(stats) if stats else {}
    _replace_non_finite(run)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "overlap", "version": __version__},
        "settings": result.settings,
        "models": list(result.models),
        "summary": {
            "articles": len(result.articles),
            "skipped": len(result.skipped),
            "findings": len(kept),
            "by_kind": dict(sorted(by_kind.items())),
            "by_verdict": dict(sorted(by_verdict.items())),
        },
        "run": run,
        "articles": [_article(seg) for seg in result.segmented],
        "skipped": [dataclasses.asdict(s) for s in result.skipped],
        "notes": notes,
        "findings": kept,
        "derivations": [_derivation(d) for d in result.derivations],
        "article_pairs": [
            {**dataclasses.asdict(p), "label": str(p.label)} for p in result.pair_duplication
        ],
    }


def _derivation(d: Any) -> dict[str, Any]:
    return {**dataclasses.asdict(d), "sources": list(d.sources), "label": str(d.label)}


def _article(seg: Any) -> dict[str, Any]:
    a = seg.article
    return {
        "id": a.id,
        "source": a.source,
        "format": a.format,
        "encoding": a.encoding,
        "title": a.title,
        "outlet": a.outlet,
        "date": a.date,
        "author": a.author,
        "url": a.url,
        "chars": len(a.text),
        "paragraphs": len(seg.paragraphs),
        "sentences": len(seg.sentences),
        "notes": list(a.notes),
        "chrome": [dataclasses.asdict(c) for c in seg.chrome],
        "quotes": [dataclasses.asdict(q) for q in seg.quotes],
        "text": a.text,
    }


def _finding(f: Any) -> dict[str, Any]:
    return {
        "id": f.id,
        "kind": f.kind.value,
        "score": f.score,
        "lexical": f.lexical,
        "semantic": f.semantic,
        "direction": str(f.direction),  # a Direction; plain text in the document
        "direction_reason": f.direction_reason,
        "a": dataclasses.asdict(f.a),
        "b": dataclasses.asdict(f.b),
        "attribution": dataclasses.asdict(f.attribution) if f.attribution else None,
        "diff": [
            {
                "op": str(d.op),
                "a": {"start": d.a_start, "end": d.a_end},
                "b": {"start": d.b_start, "end": d.b_end},
            }
            for d in f.diff
        ],
        **_judgement(f.judgement),
    }


def _judgement(j: Any) -> dict[str, Any]:
    if j is None:
        return {
            "verdict": None,
            "confidence": None,
            "reasons": [],
            "evidence": [],
            "nli": None,
            "misquote": [],
        }
    return {
        "verdict": j.verdict.value,
        "confidence": j.confidence,
        "reasons": list(j.reasons),
        "evidence": [
            {
                "check": str(e.check),
                "relation": str(e.relation),
                "message": e.message,
                "a": dataclasses.asdict(e.a) if e.a else None,
                "b": dataclasses.asdict(e.b) if e.b else None,
            }
            for e in j.evidence
        ],
        "nli": {"a->b": list(j.nli.a_to_b), "b->a": list(j.nli.b_to_a)} if j.nli else None,
        "misquote": list(j.misquote),
    }


def _finite(x: Any) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x)


def _replace_non_finite(value: Any) -> int:
    """Replace, in place, every NaN/infinity in nested dicts and lists; return how many.

    A confidence becomes 0.0 (a verdict keeps a number, and NaN means no confidence); an NLI
    triple holding one makes the whole `nli` null; anything else becomes null.
    """
    n = 0
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, v in list(items):
        if isinstance(v, float) and not math.isfinite(v):
            value[key] = 0.0 if key == "confidence" else None
            n += 1
        elif (
            key == "nli"
            and isinstance(v, dict)
            and not all(_finite(p) for triple in v.values() for p in triple)
        ):
            value[key] = None
            n += 1
        elif isinstance(v, (dict, list)):
            n += _replace_non_finite(v)
    return n


def dumps(doc: dict[str, Any], **kwargs: Any) -> str:
    """JSON text for a document; non-finite numbers written as null, never as bare NaN.

    >>> dumps({"semantic": float("nan"), "score": 1.0})
    '{"semantic": null, "score": 1.0}'
    """
    try:
        return json.dumps(doc, ensure_ascii=False, allow_nan=False, **kwargs)
    except ValueError:  # only documents not built by to_document get here
        doc = json.loads(json.dumps(doc, ensure_ascii=False))
        _replace_non_finite(doc)
        return json.dumps(doc, ensure_ascii=False, allow_nan=False, **kwargs)


def write_document(doc: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(doc, indent=2) + "\n", encoding="utf-8")


def read_document(path: Path) -> dict[str, Any]:
    """A saved result, checked (schema and cross-references) so the renderers can trust it.

    A bare NaN or Infinity (not JSON, but written by older versions) is read as null, so the
    schema decides whether the field may be empty.
    """
    try:
        doc = json.loads(path.read_text(encoding="utf-8"), parse_constant=lambda _: None)
    except FileNotFoundError:
        raise ResultError(
            f"{path}: no such file; write one with: overlap compare ... --json {path}"
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResultError(
            f"{path}: not a JSON result ({exc}); render reads files written by "
            "overlap compare --json"
        ) from None
    if not isinstance(doc, dict) or "schema_version" not in doc:
        raise ResultError(f"{path}: not an overlap result (no schema_version)")
    major = str(doc["schema_version"]).split(".")[0]
    if major != SCHEMA_VERSION.split(".")[0]:
        raise ResultError(
            f"{path}: schema version {doc['schema_version']} is not supported by "
            f"this overlap ({SCHEMA_VERSION}); re-run overlap compare"
        )
    from .schema import first_problem

    problem = first_problem(doc)
    if problem:
        raise ResultError(
            f"{path}: not a valid overlap result: {problem}; re-run overlap compare "
            "(the format is overlap/report/result.schema.json)"
        )
    return doc
