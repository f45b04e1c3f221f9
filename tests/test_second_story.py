"""The second demo story (issue 13 item 6) end to end with the real models.

seeds/second-story/ is an invented local story (a fire at an Ashford recycling plant) told by a
wire, a rewrite of the wire and an outlet that disagrees with both; its draft has a sentence of
every check class. The class each sentence should get was written in drafts/expected.json and
committed before `overlap check` was ever run on the story, so the story measures the judge
rather than being fitted by it. Sentences the tool gets wrong are strict xfails that name what is
wrong: when a fix lands, the xfail turns into a failure and is removed here. Never edit
expected.json to match the tool.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from overlap.config import Settings
from overlap.ingest import read_articles
from overlap.types import SentenceClass

STORY = Path(__file__).parent.parent / "seeds" / "second-story"
DRAFT = STORY / "drafts" / "draft.md"
EXPECTED = json.loads((STORY / "drafts" / "expected.json").read_text(encoding="utf-8"))
SENTENCES = {s["line"]: s for s in EXPECTED["sentences"]}

# What check gets wrong today, by draft line (measured when this file was added: 12 of 21
# sentences right, the run in drafts/draft-check.txt; 13 since the paraphrase scorer's refit
# matched line 17's four-word paraphrase; 15 since a link holds only its own sentence's part of
# a finding, lines 21 and 37; 20 since the slot rules read a number placed by its own aligned
# qualifier (11), a sentence-initial common noun (19), a continued quote's speaker (29), a
# reported claim's speaker (39) and a document credit (41); 21 since a negation of the predicate
# both sides share is a slot difference the model may not overrule (23: "Investigators have
# ruled out arson." against the wire's "have not ruled out arson")). Each reason says what the
# tool does instead of the expected class.
KNOWN_MISSES: dict[int, str] = {}


def _case(line: int) -> object:
    if line in KNOWN_MISSES:
        return pytest.param(line, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[line]))
    return line


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory, real_models):
    from overlap.draft import check

    cache = tmp_path_factory.mktemp("second-story") / "cache.sqlite"
    return check(str(DRAFT), [str(STORY)], Settings(cache_path=cache), models=real_models)


def _sentence(result, line: int):
    [sentence] = [c for c in result.sentences if c.line == line]
    return sentence


# --- the story itself: no model -------------------------------------------------------------


def test_expected_answers_name_the_drafts_lines_and_real_classes():
    lines = DRAFT.read_text(encoding="utf-8").split("\n")
    for line, want in SENTENCES.items():
        assert lines[line - 1].startswith(want["starts"]), (line, want["starts"])
        SentenceClass(want["class"])  # raises on a class name check does not have
    assert {SentenceClass(s["class"]) for s in SENTENCES.values()} == set(SentenceClass)
    assert set(KNOWN_MISSES) <= set(SENTENCES)


def test_the_story_stays_out_of_the_seeds_commands():
    # `overlap compare seeds/` and the demo draft's `--against seeds/` read the folder without
    # its subfolders: the five seed articles only.
    seeds, skipped = read_articles([str(STORY.parent)])
    listed = json.loads((STORY.parent / "metadata.json").read_text(encoding="utf-8"))
    assert sorted(a.id for a in seeds) == sorted(Path(name).stem for name in listed)
    assert len(seeds) == 5 and not skipped
    story, _ = read_articles([str(STORY)])
    assert sorted(a.outlet or "" for a in story) == [
        "Ashford Gazette",
        "River County Courier",
        "Valley Press Association",
    ]


# --- check on the story: the real models -----------------------------------------------------


@pytest.mark.slow
def test_check_reads_one_sentence_per_expected_line(result):
    assert sorted(c.line for c in result.sentences) == sorted(SENTENCES)


@pytest.mark.slow
@pytest.mark.parametrize("line", [_case(line) for line in sorted(SENTENCES)])
def test_sentence_gets_its_expected_class(result, line):
    want = SENTENCES[line]
    got = _sentence(result, line)
    assert got.cls is SentenceClass(want["class"]), (
        f"line {line} ({want['kind']}): {got.cls} instead of {want['class']}: {want['why']}"
    )


@pytest.mark.slow
@pytest.mark.parametrize("line", sorted(line for line, s in SENTENCES.items() if s.get("notes")))
def test_quote_notes(result, line):
    notes = _sentence(result, line).notes
    for start in SENTENCES[line]["notes"]:
        assert any(n.startswith(start) for n in notes), (line, start, notes)
