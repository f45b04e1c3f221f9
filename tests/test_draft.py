"""overlap check on small fixtures: each class, exit codes, the allow-list and every format.
The fake embedder and a fake NLI model stand in for the real ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overlap.cli import app
from overlap.config import Settings
from overlap.draft import check, parse_fail_on, read_allow_list
from overlap.errors import ConfigError
from overlap.types import SentenceClass

runner = CliRunner()

SOURCE_A = (
    "Officials said the border program would expand next year across three states and two "
    "agencies. The agency said the new rules would reduce smuggling along the river crossings "
    "by half within two years.\n\n"
    "“We will not allow the cartels to move freely across the river again,” Maria Lopez, the "
    "regional director, told the Daily Courier.\n\n"
    "The governor signed the decree on Monday after months of negotiations with the unions.\n"
)
SOURCE_B = (
    "The museum reopened its ancient coins gallery with a display of rare silver pieces.\n\n"
    "“We will never stop investing in our schools and our teachers this year,” Mayor Ruiz said "
    "at the ceremony.\n"
)
DRAFT = (
    "Officials said the border program would expand next year across three states and two "
    "agencies.\n\n"
    "“We will not allow the cartels to move freely across the river again,” Maria Lopez told "
    "the Daily Courier.\n\n"
    "“We will never stop investing in our schools and our students this year,” Mayor Ruiz said.\n\n"
    "The agency said the new rules would reduce smuggling along the river crossings by half "
    "within five years.\n\n"
    "Farmers in the north reported an early harvest of corn and beans this season.\n"
)


@pytest.fixture
def files(tmp_path, write):
    write(tmp_path, "src/a.txt", SOURCE_A)
    write(tmp_path, "src/b.txt", SOURCE_B)
    write(
        tmp_path,
        "src/metadata.json",
        json.dumps(
            {
                "a.txt": {"outlet": "Daily Courier", "date": "2024-01-02"},
                "b.txt": {"outlet": "City Weekly", "date": "2024-01-03"},
            }
        ),
    )
    draft = write(tmp_path, "draft.txt", DRAFT)
    return draft, tmp_path / "src"


@pytest.fixture(autouse=True)
def fakes(fake_models):
    """The fake embedder and a neutral NLI model stand in for the real ones (conftest)."""


def classes(result):
    return [c.cls for c in result.sentences]


def test_each_class_on_a_small_fixture(files):
    draft, src = files
    result = check(str(draft), [str(src)], Settings(cache_path=None))
    assert classes(result) == [
        SentenceClass.COPIED,
        SentenceClass.QUOTED,
        SentenceClass.MISQUOTED,
        SentenceClass.CONTRADICTED,
        SentenceClass.UNSUPPORTED,
    ]
    misquote = result.sentences[2].links[0]
    assert misquote.source == "b" and misquote.reasons[0] == (
        "words changed: 'teachers' -> 'students' (against City Weekly)"
    )
    assert result.sentences[1].links[0].reasons[0] == (
        "credited quotation (Maria Lopez) matching the source"
    )
    contradicted = result.sentences[3].links[0]
    reason = contradicted.reasons[0]  # the draft's value first, then the source's
    # "here" is the draft, whichever side of the finding it is
    assert reason == 'number differs: "five years" here, "two years" in the source'
    assert [c.line for c in result.sentences] == [1, 3, 5, 7, 9]


# METER courts (12.07.99/gamekeeper): a newspaper prints the PA copy's quotation over several
# paragraphs (continued with an open quote mark); here one word of the middle one is changed.
WIRE_QUOTE = (
    "Mr Ward said: ``It is obvious the badgers must have suffered a great deal. One dragged a "
    "snare and hanged itself and the other died when the snare cut through the skin of its "
    "neck. I can see no reason for committing these offences.''\n"
)


def test_a_quotation_over_sentences_misquotes_only_the_sentence_with_the_change(write, tmp_path):
    write(tmp_path, "src/pa.txt", WIRE_QUOTE)
    draft = write(
        tmp_path,
        "draft.txt",
        'Mr Ward said: "It is obvious the badgers must have suffered a great deal.\n\n'
        '"One dragged a snare and hanged itself and the other died when the wire cut through '
        'the skin of its neck.\n\n"I can see no reason for committing these offences."\n',
    )
    result = check(str(draft), [str(tmp_path / "src")], Settings(cache_path=None))
    got = [(c.span.text.split()[0:3], c.cls) for c in result.sentences]
    assert [cls for _, cls in got] == [
        SentenceClass.QUOTED,
        SentenceClass.MISQUOTED,
        SentenceClass.QUOTED,
    ], got
    reasons = [r for link in result.sentences[1].links for r in link.reasons] + list(
        result.sentences[1].notes
    )
    assert any("'snare' -> 'wire'" in r for r in reasons)
    for c in (result.sentences[0], result.sentences[2]):
        assert not any("->" in r for link in c.links for r in link.reasons), c


def test_supported_paraphrase_and_quote_credited_to_the_wrong_person(files, write, tmp_path):
    draft, src = files
    write(
        tmp_path,
        "d2.txt",
        "“We will not allow the cartels to move freely across the river again,” Mayor Ruiz said.\n",
    )
    result = check(str(tmp_path / "d2.txt"), [str(src)], Settings(cache_path=None))
    [only] = result.sentences
    assert (
        only.cls is SentenceClass.MISQUOTED
        and only.links[0].reasons[0]
        == "these words are Maria Lopez's, not Mayor Ruiz's (in Daily Courier)"
    )


def test_fail_on_parsing_and_allow_list(tmp_path, write):
    assert parse_fail_on("copied, misquoted") == (SentenceClass.COPIED, SentenceClass.MISQUOTED)
    assert parse_fail_on("") == ()
    with pytest.raises(ConfigError, match="unknown class 'copy'"):
        parse_fail_on("copy")
    path = write(tmp_path, "allow.txt", "# accepted\nabc123def456  quote from the wire\n\n")
    assert read_allow_list(path) == {"abc123def456"}


def test_exit_codes(files):
    draft, src = files
    assert runner.invoke(app, ["check", str(draft), "--against", str(src)]).exit_code == 1
    clean = runner.invoke(
        app, ["check", str(draft), "--against", str(src), "--fail-on", "unsupported-not"]
    )
    assert clean.exit_code == 2 and "unknown class" in clean.stderr
    ok = runner.invoke(app, ["check", str(draft), "--against", str(src), "--fail-on", ""])
    assert ok.exit_code == 0 and "PASS" in ok.stdout
    missing = runner.invoke(app, ["check", str(draft) + ".nope", "--against", str(src)])
    assert missing.exit_code == 2 and "cannot check this draft" in missing.stderr


def test_allowed_finding_no_longer_fails_and_its_id_survives_an_edit(files, tmp_path, write):
    draft, src = files
    out = runner.invoke(
        app, ["check", str(draft), "--against", str(src), "--format", "json", "--fail-on", "copied"]
    )
    doc = json.loads(out.stdout)
    copied = [s for s in doc["sentences"] if s["class"] == "copied"]
    assert out.exit_code == 1 and len(copied) == 1
    allow = write(tmp_path, "allow.txt", copied[0]["id"] + "  accepted: wire copy\n")
    # an unrelated edit of another sentence moves every offset after it
    write(tmp_path, "draft.txt", DRAFT.replace("Farmers in the north", "Farmers far in the north"))
    again = runner.invoke(
        app,
        [
            "check",
            str(draft),
            "--against",
            str(src),
            "--format",
            "json",
            "--fail-on",
            "copied",
            "--allow",
            str(allow),
        ],
    )
    doc2 = json.loads(again.stdout)
    [same] = [s for s in doc2["sentences"] if s["class"] == "copied"]
    assert same["id"] == copied[0]["id"] and same["allowed"] and again.exit_code == 0


def test_formats(files, tmp_path):
    draft, src = files
    md = runner.invoke(app, ["check", str(draft), "--against", str(src), "--format", "markdown"])
    assert md.stdout.startswith("### overlap check: ❌ fail") and "| line | class |" in md.stdout
    assert "claims × sources" in md.stdout
    gh = runner.invoke(app, ["check", str(draft), "--against", str(src), "--format", "github"])
    lines = gh.stdout.strip().splitlines()
    assert any(
        line.startswith(f"::error file={draft},line=1,col=1,title=overlap copied::")
        for line in lines
    )
    assert any(line.startswith("::notice ") and "unsupported" in line for line in lines)
    out = tmp_path / "report.txt"
    term = runner.invoke(app, ["check", str(draft), "--against", str(src), "-o", str(out)])
    assert (
        term.exit_code == 1 and "FAIL" in out.read_text() and "claims × sources" in out.read_text()
    )
    bad = runner.invoke(app, ["check", str(draft), "--against", str(src), "--format", "xml"])
    assert bad.exit_code == 2 and "unknown --format" in bad.stderr


# --- sentences follow the text, not the line breaks (issue 10, D14) -------------------------

WRAPPED = (
    "The agency said the new rules would reduce smuggling along the river crossings by half "
    "within five years. Farmers in the north reported an early harvest of corn and beans this "
    "season.\n\n"
    "Officials said the border program would expand next year across three states and two "
    "agencies.\n\n"
    "Farmers in the north reported an early harvest of corn and beans this season.\n"
)


def wrap(text, width):
    import textwrap

    return "\n\n".join(textwrap.fill(p, width) for p in text.strip().split("\n\n")) + "\n"


def test_ids_and_sentences_survive_rewrapping(files, write, tmp_path):
    _, src = files
    runs = []
    for width in (40, 100):
        draft = write(tmp_path, f"wrapped-{width}.md", wrap(WRAPPED, width))
        assert width == 100 or "\n" in draft.read_text().split("\n\n")[0]
        runs.append(check(str(draft), [str(src)], Settings(cache_path=None)))
    narrow, wide = runs
    assert [" ".join(c.span.text.split()) for c in narrow.sentences] == [
        " ".join(c.span.text.split()) for c in wide.sentences
    ]
    assert len(narrow.sentences) == 4  # the wrapped first paragraph holds two sentences
    assert [c.id for c in narrow.sentences] == [c.id for c in wide.sentences]
    assert [c.cls for c in narrow.sentences] == [c.cls for c in wide.sentences]
    # Two identical sentences in one draft get two ids; every id is unique.
    assert narrow.sentences[1].span.text.split() == narrow.sentences[3].span.text.split()
    ids = [c.id for c in narrow.sentences]
    assert len(set(ids)) == len(ids)
    assert narrow.sentences[2].line == 7 and narrow.sentences[2].column == 1  # lines as written


def test_unwrap_keeps_offsets_and_markdown_blocks():
    from overlap.draft_input import unwrap

    text = "# A heading\nA sentence\nthat runs on.\n\n- one\n- two\n> quoted\nline\n"
    out = unwrap(text)
    assert len(out) == len(text)
    assert out == "# A heading\nA sentence that runs on.\n\n- one\n- two\n> quoted\nline\n"


# --- evidence belongs to the sentence it is about (issue 13, item 1) ------------------------


def test_a_number_in_one_sentence_does_not_contradict_its_neighbour(files, write, tmp_path):
    _, src = files
    draft = write(
        tmp_path,
        "two.txt",
        (
            "The agency said the new rules would reduce smuggling along the river crossings by "
            "half within five years. The governor signed the decree on Monday after months of "
            "negotiations with the unions.\n"
        ),
    )
    result = check(str(draft), [str(src)], Settings(cache_path=None))
    number, governor = result.sentences
    assert number.cls is SentenceClass.CONTRADICTED
    assert any("five years" in r for x in number.links for r in x.reasons)
    assert governor.cls is not SentenceClass.CONTRADICTED
    assert not any("years" in r for x in governor.links for r in x.reasons)
    for c in result.sentences:  # every reason printed once
        for x in c.links:
            assert len(x.reasons) == len(set(x.reasons))
    assert number.id != governor.id


# --- headlines and short sentences are claims (issue 13, item 1), on real FNC-1 pairs -------

FNC1 = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "fnc1"


def fnc1_agree_pairs(n):
    """The first `n` FNC-1 train pairs labelled agree: (headline, body)."""
    import csv

    if not (FNC1 / "train_stances.csv").is_file():
        pytest.skip(f"FNC-1 not found under {FNC1}")
    csv.field_size_limit(1 << 24)
    with (FNC1 / "train_bodies.csv").open(encoding="utf-8", newline="") as fh:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh)}
    out = []
    with (FNC1 / "train_stances.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["Stance"] == "agree" and len(out) < n:
                out.append((r["Headline"], bodies[r["Body ID"]]))
    return out


class EntailingNLI:
    """Says entailment for every pair, and records every text it was given."""

    model_id = "fake-entailing"

    def __init__(self):
        self.texts = set()

    def predict(self, pairs):
        import numpy as np

        self.texts |= {x for p in pairs for x in p}
        return np.tile([0.95, 0.04, 0.01], (len(pairs), 1))


def test_headlines_are_checked_against_article_bodies(tmp_path, write):
    from overlap.types import Kind

    pairs = fnc1_agree_pairs(6)
    claims = 0
    for k, (headline, body) in enumerate(pairs):
        draft = write(tmp_path, f"h{k}/draft.md", headline.strip() + "\n")
        write(tmp_path, f"h{k}/src/body.txt", body)
        result = check(
            str(draft), [str(tmp_path / f"h{k}/src")], Settings(cache_path=None), nli=EntailingNLI()
        )
        [sentence] = result.sentences  # a one-line paragraph without a full stop
        # The headline is a claim: it is compared by meaning with the body's sentences (it was
        # skipped as a heading), and a body sentence that says the same supports it.
        if any(f.kind is Kind.CLAIM for f in result.compare.findings):
            claims += 1
            assert sentence.cls in (SentenceClass.SUPPORTED, SentenceClass.COPIED), headline
    assert claims >= 2  # the fake embedder's bag of words finds a close body sentence for some


def test_a_short_sentence_is_a_claim(files, write, tmp_path):
    _, src = files
    draft = write(tmp_path, "short.txt", "The governor signed the decree.\n")
    nli = EntailingNLI()
    result = check(str(draft), [str(src)], Settings(cache_path=None), nli=nli)
    assert "The governor signed the decree." in nli.texts
    assert result.sentences[0].cls is SentenceClass.SUPPORTED


# --- quotations are matched by quote_match, whatever the copy finder saw (issue 13 item 2) ----


def test_short_quote_in_the_wrong_mouth_is_misquoted_without_a_copy_finding(files, write, tmp_path):
    # Six words: too short to be found as a copy, still matched against the sources' quotes.
    write(
        tmp_path,
        "d3.txt",
        "The mayor spoke briefly. “We will never stop investing,” "
        "Maria Lopez said at the harbour.\n",
    )
    result = check(str(tmp_path / "d3.txt"), [str(files[1])], Settings(cache_path=None))
    quote = result.sentences[-1]
    assert quote.cls is SentenceClass.MISQUOTED
    assert quote.notes[0] == "these words are Mayor Ruiz's, not Maria Lopez's (in City Weekly)"


def test_unverified_quote_is_a_note_not_a_failing_class(files, write, tmp_path):
    write(tmp_path, "d4.txt", "“Nobody here has ever seen such a wet spring,” a farmer said.\n")
    result = check(str(tmp_path / "d4.txt"), [str(files[1])], Settings(cache_path=None))
    [only] = result.sentences
    assert only.cls is SentenceClass.UNSUPPORTED and not result.failing
    assert only.notes == ("unverified quote: no source prints these words",)


def test_sources_printing_a_quote_differently_are_named(files, write, tmp_path):
    write(
        tmp_path,
        "src/c.txt",
        "“We will not allow the cartels to move freely across the "
        "border again,” Maria Lopez said on Tuesday.\n",
    )
    write(
        tmp_path,
        "d5.txt",
        "“We will not allow the cartels to move freely across the river "
        "again,” Maria Lopez told the Daily Courier.\n",
    )
    result = check(str(tmp_path / "d5.txt"), [str(files[1])], Settings(cache_path=None))
    [only] = result.sentences
    assert only.cls is SentenceClass.QUOTED  # judged against the credited Daily Courier
    assert any(n.startswith("sources differ on this quote: Daily Courier") for n in only.notes)


def test_check_has_one_home_of_quote_matching():
    import overlap.draft as check_module

    for gone in ("_misquoted", "_slice", "_speaker_matches"):
        assert not hasattr(check_module, gone)


def test_a_typed_difference_judged_whole_contradicts_only_the_sentence_holding_it():
    # METER courts shape: a paraphrase over two lines of a charge list, judged whole with one
    # name difference inside the first line; the second line (another victim) is no contradiction.
    from types import SimpleNamespace as NS

    from overlap.draft_links import _about
    from overlap.types import Evidence, EvidenceCheck, Judgement, Kind, Span, Verdict

    name = Evidence(
        EvidenceCheck.NAME,
        "differs",
        'name differs: "Espionoza" here, "Espinoza" in the source',
        Span("draft", 13, 22, "Espionoza"),
        Span("pa", 40, 48, "Espinoza"),
    )
    judgement = Judgement(Verdict.CONTRADICT, 0.9, (name.message,), (name,))
    f = NS(judgement=judgement, kind=Kind.PARAPHRASE)  # no model read it: nothing agrees
    assert _about(f, True, 0, 100)[0] is Verdict.CONTRADICT
    verdict, reasons = _about(f, True, 102, 200)
    assert verdict is Verdict.UNCLEAR and name.message not in reasons


def test_a_markdown_heading_is_judged_as_its_words_without_the_marker(tmp_path, write, fake_models):
    # BBC business/120 and a draft: the models read "# Nigeria plans to double cocoa output"
    # otherwise than the headline, and the heading's "#" changed the verdict
    import numpy as np

    from overlap.config import Settings
    from overlap.draft import check

    class Recording:
        model_id = "recording"

        def __init__(self):
            self.pairs = []

        def predict(self, pairs):
            self.pairs += list(pairs)
            return np.tile([0.1, 0.8, 0.1], (len(pairs), 1))

    write(tmp_path, "src/bbc.txt", "Nigeria is hoping to double cocoa production by 2008.\n")
    draft = write(tmp_path, "draft.md", "# Nigeria plans to double cocoa output\n")
    nli = Recording()
    check(str(draft), [str(tmp_path / "src")], Settings(cache_path=None), nli=nli)
    claims = {h for _, h in nli.pairs} | {p for p, _ in nli.pairs}
    assert "Nigeria plans to double cocoa output" in claims
    assert not [x for x in claims if x.startswith("#")]
