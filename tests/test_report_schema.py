"""The result schema (overlap/report/result.schema.json) and `read_document`, which applies it:
broken results are refused with the first problem, real ones pass."""

from __future__ import annotations

import copy
import dataclasses
import fnmatch
import json
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from overlap import Settings, compare
from overlap.cli import app
from overlap.errors import ResultError
from overlap.report import schema
from overlap.report.json import read_document, to_document, write_document
from overlap.types import Judgement, NLIProbs, NLIScores, Verdict

FIXTURE = Path(__file__).parent / "fixtures" / "seeds_result.json"
TEXT = (
    "The ministry said all requests for intelligence information must now be routed "
    "through the Interior Ministry in the capital before reaching local police."
)


@pytest.fixture
def doc() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _del(d: dict, *path):
    *head, last = path
    for p in head:
        d = d[p]
    del d[last]


def _set(d: dict, *path_value):
    *path, last, value = path_value
    for p in path:
        d = d[p]
    d[last] = value


# (what is broken, how, the path the message must name, words it must say)
BROKEN = [
    (
        "finding without score",
        lambda d: _del(d, "findings", 0, "score"),
        "findings[0]",
        "missing 'score'",
    ),
    (
        "summary without by_kind",
        lambda d: _del(d, "summary", "by_kind"),
        "summary",
        "missing 'by_kind'",
    ),
    (
        "finding naming a missing article",
        lambda d: _set(d, "findings", 2, "b", "article", "nope"),
        "findings[2].b.article",
        "no article has the id 'nope'",
    ),
    (
        "score as text",
        lambda d: _set(d, "findings", 1, "score", "0.9"),
        "findings[1].score",
        "must be number, not a string",
    ),
    (
        "score above 1",
        lambda d: _set(d, "findings", 1, "score", 1.5),
        "findings[1].score",
        "maximum",
    ),
    (
        "score null (was NaN)",
        lambda d: _set(d, "findings", 1, "score", None),
        "findings[1].score",
        "must be number, not null",
    ),
    (
        "unknown kind",
        lambda d: _set(d, "findings", 0, "kind", "stolen"),
        "findings[0].kind",
        "'stolen' is not one of verbatim",
    ),
    (
        "negative offset",
        lambda d: _set(d, "findings", 0, "a", "start", -3),
        "findings[0].a.start",
        "minimum",
    ),
    (
        "span past the article's end",
        lambda d: _set(d, "findings", 0, "a", "end", 10**7),
        "findings[0].a",
        "not inside the article's text",
    ),
    (
        "span text not the article's",
        lambda d: _set(d, "findings", 0, "a", "text", "other"),
        "findings[0].a.text",
        "differs from the article's text",
    ),
    (
        "diff op outside the article",
        lambda d: _set(d, "findings", 1, "diff", 0, "b", "end", 10**7),
        "findings[1].diff[0].b",
        "is not inside article",
    ),
    (
        "articles not a list",
        lambda d: _set(d, "articles", {}),
        "articles",
        "must be array, not an object",
    ),
    ("article without id", lambda d: _del(d, "articles", 3, "id"), "articles[3]", "missing 'id'"),
    (
        "two articles with one id",
        lambda d: _set(d, "articles", 1, "id", d["articles"][0]["id"]),
        "articles[1].id",
        "is used by two articles",
    ),
    (
        "chars not the text length",
        lambda d: _set(d, "articles", 0, "chars", 3),
        "articles[0].chars",
        "the text has",
    ),
    (
        "skipped entry without reason",
        lambda d: _set(d, "skipped", [{"source": "x.docx"}]),
        "skipped[0]",
        "missing 'reason'",
    ),
    (
        "verdict without confidence",
        lambda d: _set(d, "findings", 2, "confidence", None),
        "findings[2].confidence",
        "must be number, not null",
    ),
    (
        "unknown verdict",
        lambda d: _set(d, "findings", 2, "verdict", "maybe"),
        "findings[2].verdict",
        "'maybe' is not one of agree",
    ),
    (
        "nli triple of two",
        lambda d: _set(d, "findings", 0, "nli", {"a->b": [0.5, 0.5]}),
        "findings[0].nli.a->b",
        "must have at least 3 items, has 2",
    ),
    (
        "evidence span naming a missing article",
        lambda d: _set(
            d,
            "findings",
            2,
            "evidence",
            [
                {
                    "check": "name",
                    "relation": "variant",
                    "message": "m",
                    "a": {"article": "gone", "start": 0, "end": 0, "text": ""},
                    "b": None,
                }
            ],
        ),
        "findings[2].evidence[0].a.article",
        "no article has the id 'gone'",
    ),
    (
        "attribution not an object",
        lambda d: _set(d, "findings", 0, "attribution", "yes"),
        "findings[0].attribution",
        "must be",
    ),
    (
        "schema version not 1.x text",
        lambda d: _set(d, "schema_version", "1.x"),
        "schema_version",
        "does not match",
    ),
    (
        "quote outside the text",
        lambda d: _set(d, "articles", 0, "quotes", 0, "end", 10**7),
        "articles[0].quotes[0]",
        "is not inside the text",
    ),
    (
        "1.1 finding without verdict",
        lambda d: _del(d, "findings", 0, "verdict"),
        "findings[0]",
        "missing 'verdict'",
    ),
]


@pytest.mark.parametrize("what, breaks, where, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_result_is_refused_with_the_first_problem(tmp_path, doc, what, breaks, where, words):
    assert doc["findings"][2]["verdict"] == "agree"  # the cases above rely on the fixture
    breaks(doc)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ResultError) as info:
        read_document(path)
    message = str(info.value)
    assert f": {where}:" in message and words in message, message
    assert str(path) in message and "\n" not in message and len(message) < 400


def test_render_exits_2_with_the_problem_not_a_traceback(tmp_path, doc):
    del doc["findings"][0]["score"]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(path)])
    assert result.exit_code == 2, result.output
    assert "findings[0]: missing 'score'" in result.stderr


def test_seeds_result_and_a_fresh_result_validate(tmp_path, doc, write, fake_embedder):
    assert schema.first_problem(doc) is None
    path = tmp_path / "seeds.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert read_document(path) == doc
    write(tmp_path, "in/a.txt", TEXT + "\n")
    write(tmp_path, "in/b.txt", "Breaking: " + TEXT.replace("capital", "city") + "\n")
    write(tmp_path, "in/c.docx", "x")
    fresh = to_document(
        compare([str(tmp_path / "in")], Settings(cache_path=None), embedder=fake_embedder)
    )
    assert fresh["findings"] and fresh["skipped"]
    assert schema.first_problem(fresh) is None
    out = tmp_path / "fresh.json"
    write_document(fresh, out)
    assert read_document(out)["findings"] == json.loads(json.dumps(fresh["findings"]))


def test_schema_file_is_valid_draft_2020_12_and_shipped_in_the_package():
    data = schema.schema()
    Draft202012Validator.check_schema(data)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # Package data, so a wheel carries it.
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["overlap.report"]
    assert any(fnmatch.fnmatch(schema.SCHEMA_FILE, p) for p in patterns)


def test_older_minor_versions_are_read(doc):
    # 1.0 had no verdict fields and no notes; a 1.x reader accepts it.
    old = copy.deepcopy(doc)
    old["schema_version"] = "1.0"
    del old["notes"], old["summary"]["by_verdict"]
    for f in old["findings"]:
        for key in ("verdict", "confidence", "reasons", "misquote", "nli", "evidence"):
            del f[key]
    assert schema.first_problem(old) is None
    old["schema_version"] = "1.1"
    assert "missing 'notes'" in schema.first_problem(old)


def test_nan_is_never_written_and_bare_nan_is_read_as_null(tmp_path, doc):
    doc["findings"][0]["semantic"] = float("nan")
    doc["run"]["seconds"] = float("inf")
    path = tmp_path / "r.json"
    write_document(doc, path)
    text = path.read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text
    assert json.loads(text)["findings"][0]["semantic"] is None
    # An older file with bare NaN where null is allowed is still readable...
    bare = text.replace('"semantic": null', '"semantic": NaN', 1)
    assert "NaN" in bare
    path.write_text(bare, encoding="utf-8")
    assert read_document(path)["findings"][0]["semantic"] is None
    # ...and where a number is required it is refused, saying where.
    path.write_text(bare.replace('"score": 1.0', '"score": NaN', 1), encoding="utf-8")
    with pytest.raises(ResultError, match=r"findings\[0\]\.score: must be number, not null"):
        read_document(path)


def test_compare_cli_result_validates(tmp_path, write, fake_models):
    # The fake pipeline of conftest (fake embedder and NLI), judged, through the CLI's writer.
    write(tmp_path, "in/a.txt", TEXT + "\n")
    write(tmp_path, "in/b.txt", "Breaking: " + TEXT.replace("capital", "city") + "\n")
    out = tmp_path / "r.json"
    result = CliRunner().invoke(app, ["compare", str(tmp_path / "in"), "--json", str(out), "-q"])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["findings"] and any(f["verdict"] for f in doc["findings"])
    assert schema.first_problem(doc) is None


def test_to_document_writes_no_non_finite_number(tmp_path, write, fake_embedder):
    write(tmp_path, "in/a.txt", TEXT + "\n")
    write(tmp_path, "in/b.txt", "Breaking: " + TEXT.replace("capital", "city") + "\n")
    result = compare(
        [str(tmp_path / "in")], Settings(cache_path=None, judge=False), embedder=fake_embedder
    )
    good = result.findings[0]
    nan = float("nan")
    judged = Judgement(
        Verdict.AGREE,
        nan,
        ("same words",),
        nli=NLIScores(NLIProbs(nan, 0.1, 0.1), NLIProbs(0.8, 0.1, 0.1)),
    )
    poisoned = dataclasses.replace(good, semantic=nan, judgement=judged)
    lost = dataclasses.replace(good, id="lost", score=nan)
    result = dataclasses.replace(result, findings=(poisoned, lost))
    doc = to_document(result)
    assert [f["id"] for f in doc["findings"]] == [good.id] and doc["summary"]["findings"] == 1
    f = doc["findings"][0]
    assert f["semantic"] is None and f["nli"] is None
    assert f["verdict"] == "agree" and f["confidence"] == 0.0
    assert any("1 findings dropped" in n for n in doc["notes"])
    assert any("3 values that were not numbers" in n for n in doc["notes"])
    json.dumps(doc, allow_nan=False)  # raises on any NaN left
    assert schema.first_problem(doc) is None
