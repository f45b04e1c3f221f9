"""Validation of a result document against `result.schema.json`, plus what a schema cannot say.

The schema (JSON Schema draft 2020-12, shipped in this package) fixes every field's type and
range; `problems` adds the cross-references between fields: ids unique, every span naming an
article that exists, offsets inside that article's text and span texts equal to their slice.
`overlap render` trusts a document only after both, so a hand-edited or truncated result is
refused with the first problem instead of a traceback halfway through a report.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

SCHEMA_FILE = "result.schema.json"


@functools.cache
def schema() -> dict[str, Any]:
    """The result schema as a dict (for consumers: the same file ships beside this module)."""
    text = resources.files("overlap.report").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


@functools.cache
def _validator() -> Any:
    # jsonschema is imported here: only `render` and tests validate, and it costs ~0.1 s.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


def first_problem(doc: Any) -> str | None:
    """The first thing wrong with `doc` as "where: what", or None when it is a valid result.

    >>> first_problem({"schema_version": "1.2"})
    "(document): missing 'tool'"
    """
    from jsonschema.exceptions import best_match

    errors = sorted(_validator().iter_errors(doc), key=lambda e: _order(e.absolute_path))
    if errors:
        # best_match descends into oneOf/anyOf to the branch that came closest.
        err = best_match([errors[0]])
        return f"{where(err.absolute_path)}: {_what(err)}"
    return next(problems(doc), None)


def problems(doc: dict[str, Any]) -> Iterator[str]:
    """Cross-reference problems in a document that already matches the schema, in order."""
    texts: dict[str, str] = {}
    for i, a in enumerate(doc["articles"]):
        if a["id"] in texts:
            yield f"articles[{i}].id: {_short(a['id'])} is used by two articles"
        texts[a["id"]] = a["text"]
        n = len(a["text"])
        if a["chars"] != n:
            yield f"articles[{i}].chars: {a['chars']} but the text has {n} characters"
        for key in ("chrome", "quotes"):
            for j, r in enumerate(a[key]):
                if not r["start"] <= r["end"] <= n:
                    yield f"articles[{i}].{key}[{j}]: {_range(r)} is not inside the text ({n})"
    for i, f in enumerate(doc["findings"]):
        at = f"findings[{i}]"
        for side in ("a", "b"):
            yield from _span(f[side], texts, f"{at}.{side}")
        for k, d in enumerate(f["diff"]):
            for side in ("a", "b"):
                n = len(texts.get(f[side]["article"], ""))
                if not d[side]["start"] <= d[side]["end"] <= n:
                    yield (
                        f"{at}.diff[{k}].{side}: {_range(d[side])} is not inside article "
                        f"{_short(f[side]['article'])} ({n} characters)"
                    )
        for k, e in enumerate(f.get("evidence", [])):
            for side in ("a", "b"):
                if e.get(side) is not None:
                    yield from _span(e[side], texts, f"{at}.evidence[{k}].{side}")


def _span(span: dict[str, Any], texts: dict[str, str], at: str) -> Iterator[str]:
    text = texts.get(span["article"])
    if text is None:
        yield f"{at}.article: no article has the id {_short(span['article'])}"
    elif not span["start"] <= span["end"] <= len(text):
        yield f"{at}: {_range(span)} is not inside the article's text ({len(text)} characters)"
    elif text[span["start"] : span["end"]] != span["text"]:
        yield f"{at}.text: differs from the article's text at {_range(span)}"


def where(path: Any) -> str:
    """A path into the document as a reader writes it: findings[3].a.start.

    >>> where(["findings", 3, "a", "start"])
    'findings[3].a.start'
    """
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else f".{p}" if out else str(p)
    return out or "(document)"


def _order(path: Any) -> tuple[tuple[int, int, str], ...]:
    # Document order for list indexes, names for keys: a stable "first" problem.
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in path)


_JSON_TYPE = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    type(None): "null",
}


def _what(err: Any) -> str:
    """The error in words, without jsonschema's repr of a whole (possibly huge) value."""
    got = _JSON_TYPE.get(type(err.instance), type(err.instance).__name__)
    if err.validator == "required":
        return f"missing {err.message.split(' is a required')[0]}"
    if err.validator == "type":
        want = err.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        return f"must be {want}, not {got}"
    if err.validator in ("enum", "const"):
        allowed = err.validator_value if err.validator == "enum" else [err.validator_value]
        return f"{_short(err.instance)} is not one of {', '.join(map(str, allowed))}"
    if err.validator in ("minItems", "maxItems"):
        bound = "at least" if err.validator == "minItems" else "at most"
        return f"must have {bound} {err.validator_value} items, has {len(err.instance)}"
    if err.validator == "oneOf" and err.context:
        return _what(err.context[-1])
    if isinstance(err.instance, (dict, list)):
        return f"{got} that does not match the schema ({err.validator})"
    return _short(err.message, 200)


def _short(value: Any, n: int = 60) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= n else text[: n - 1] + "…"


def _range(r: dict[str, Any]) -> str:
    return f"{r['start']}:{r['end']}"
