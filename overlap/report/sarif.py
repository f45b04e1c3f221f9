"""`overlap check --format sarif`: the check documents as one SARIF 2.1.0 log, for code scanning
(GitHub's upload-sarif, editors with a SARIF viewer). Rendered from the JSON documents, like the
other check views (check_report).

One result per sentence that needs a look (misquoted, contradicted, copied, unsupported), under a
rule id that never changes per class (`overlap/<class>`); the level follows --fail-on (error for
a failing class, warning for the others, note for unsupported); the sentence's finding id is the
partial fingerprint, so code scanning follows a finding across commits; an allow-listed one
carries an external suppression. Columns count Unicode code points, as Python's offsets do.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from .digest import reason_words
from .labels import article_name, find_source

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT = "overlapFindingId/v1"
# Declaration order is ruleIndex: a rule keeps its index as long as this list only grows.
RULES = {
    "misquoted": "A quotation whose words differ from what its source says the speaker said.",
    "contradicted": "A sentence that a source contradicts (a number, date, name or negation "
    "differs, or the source says the opposite).",
    "copied": "A sentence copied from a source without quotation marks or credit.",
    "unsupported": "A sentence that no source given with --against says.",
}
_HELP = (
    "Read the source passage in relatedLocations. Fix the draft, or accept the finding by "
    "adding its id (the fingerprint) to the allow-list: overlap check ... --write-allow "
    "FILE."
)


def rule_id(cls: str) -> str:
    return f"overlap/{cls}"


def render(docs: list[dict[str, Any]], cwd: Path | None = None) -> dict[str, Any]:
    """The SARIF log (a dict, for json.dumps) for the check documents `docs`; paths under `cwd`
    (default: the current folder) are written relative to it."""
    base = Path.cwd() if cwd is None else cwd
    rules = [
        {
            "id": rule_id(cls),
            "name": cls.capitalize(),
            "shortDescription": {"text": f"overlap check: {cls} sentence"},
            "fullDescription": {"text": text},
            "help": {"text": _HELP},
            "defaultConfiguration": {"level": "note" if cls == "unsupported" else "warning"},
        }
        for cls, text in RULES.items()
    ]
    results = [
        _result(doc, s, base) for doc in docs for s in doc["sentences"] if s["class"] in RULES
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "overlap",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"SRCROOT": {"uri": base.resolve().as_uri() + "/"}},
                "results": results,
            }
        ],
    }


def _result(doc: dict[str, Any], s: dict[str, Any], base: Path) -> dict[str, Any]:
    cls = s["class"]
    failing = cls in doc["fail_on"]
    level = "error" if failing else "note" if cls == "unsupported" else "warning"
    text = s["span"]["text"]
    end_line = s["line"] + text.count("\n")
    end_column = (len(text) - text.rfind("\n")) if "\n" in text else s["column"] + len(text)
    region = {
        "startLine": s["line"],
        "startColumn": s["column"],
        "endLine": end_line,
        "endColumn": end_column,
        "snippet": {"text": text},
    }
    related = [_related(doc, i, link, base) for i, link in enumerate(s["links"])]
    first = s["links"][0] if s["links"] else None
    if first:
        src = find_source(doc["sources"], first["source"])
        name = article_name(src, first["source"])
        reason = reason_words(first["reasons"][0], {"source": name}) if first["reasons"] else ""
        where = src.get("url") or src.get("source") or first["source"]
        why = f"{first['relation']} {name} ({where})" + (f": {reason}" if reason else "")
    else:
        why = "no source says this"
    out: dict[str, Any] = {
        "ruleId": rule_id(cls),
        "ruleIndex": list(RULES).index(cls),
        "level": level,
        "message": {"text": f"{cls}: {why} (id {s['id']})"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(doc["draft"]["source"], base),
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: s["id"]},
    }
    if related:
        out["relatedLocations"] = related
    if s["allowed"]:
        out["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": "the finding id is in the allow-list",
            }
        ]
    return out


def _related(doc: dict[str, Any], index: int, link: dict[str, Any], base: Path) -> dict[str, Any]:
    src = find_source(doc["sources"], link["source"])
    words = " ".join(link["span"]["text"].split())
    name = article_name(src, link["source"])
    reason = f" ({reason_words(link['reasons'][0], {'source': name})})" if link["reasons"] else ""
    artifact = (
        {"uri": src["url"]}
        if src.get("url")
        else _artifact(src.get("source") or link["source"], base)
    )
    return {
        "id": index,
        "physicalLocation": {"artifactLocation": artifact},
        "message": {"text": f"{link['relation']} {name}{reason}: {words}"},
    }


_ROW = re.compile(r":\d+$")  # a JSONL/CSV row's source is "file.jsonl:12"


def _artifact(source: str, base: Path) -> dict[str, Any]:
    """A file as a URI reference: relative to `base` (with uriBaseId) when under it, else a
    file: URI; anything that is not a file (<stdin>) as its percent-encoded name."""
    path = Path(source)
    if not path.exists() and _ROW.search(source) and Path(_ROW.sub("", source)).exists():
        path = Path(_ROW.sub("", source))
    if not path.exists():
        return {"uri": quote(source, safe="")}
    full = path.resolve()
    root = base.resolve()
    if full.is_relative_to(root):
        rel = os.path.relpath(full, root)
        return {"uri": quote(Path(rel).as_posix()), "uriBaseId": "SRCROOT"}
    return {"uri": full.as_uri()}
