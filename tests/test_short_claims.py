"""Short claims (headlines) judged against the closest source passages (short_claims.py), with
the fake bag-of-words embedder and scripted NLI models. Sentences from FNC-1 train bodies."""

from __future__ import annotations

import numpy as np
import pytest

from overlap.segment import segment
from overlap.short_claims import RELATED, is_short_claim, judge_short_claim
from overlap.types import Article

BODY = (
    "Christian Bale will no longer play Steve Jobs in the upcoming biopic, sources said. "
    "The studio had hoped to begin filming later this winter.\n\n"
    "Another Steve Jobs movie is in the works at Sony."
)
DEBUNK = (
    "A story that Christian Bale will play Steve Jobs in the biopic is a hoax, the studio said. "
    "The studio had hoped to begin filming later this winter."
)
CLAIM = "Christian Bale will play Steve Jobs in the biopic"


class Scripted:
    """Every pair gets the same (entailment, neutral, contradiction); the pairs are recorded."""

    model_id = "scripted"

    def __init__(self, row):
        self.row, self.pairs = row, []

    def predict(self, pairs):
        self.pairs += list(pairs)
        return np.tile(self.row, (len(pairs), 1))


def source(text, id="s"):
    return segment(Article(id, f"{id}.txt", text, "txt"))


@pytest.fixture
def embedder(fake_embedder):
    return fake_embedder


def test_a_passage_the_model_reads_as_saying_the_claim_supports_it(embedder):
    nli = Scripted([0.8, 0.15, 0.05])
    asserts = BODY.replace("will no longer play", "will play")
    got = judge_short_claim(CLAIM, [source(asserts)], embedder, nli)
    assert got is not None and got.relation == "supports"
    assert "Christian Bale" in got.passage.text and got.cosine >= RELATED
    # premise = the body passage, hypothesis = the claim; windows of adjacent sentences too;
    # then the other reading of the chosen passage, for the report
    *forward, backward = nli.pairs
    assert all(h == CLAIM for _, h in forward)
    assert any(p.count(".") >= 2 for p, _ in forward)
    # the model's readings tied, the window of two sentences read last decides; it is shown at
    # the sentence it was built around, the closest to the claim, with the window's readings
    assert backward[0] == CLAIM and backward[1].startswith(got.passage.text)
    assert (
        got.passage.text
        == "Christian Bale will play Steve Jobs in the upcoming biopic, sources said."
    )
    assert got.reason.endswith("(this sentence read with the one next to it)")
    assert got.nli.a_to_b.entailment == 0.8 and got.nli.b_to_a.entailment == 0.8


def test_a_negated_shared_predicate_contradicts_even_where_the_model_reads_support(embedder):
    # BODY: "Christian Bale will no longer play Steve Jobs": the claim's own words, negated
    got = judge_short_claim(CLAIM, [source(BODY)], embedder, Scripted([0.8, 0.15, 0.05]))
    assert got is not None and got.relation == "contradicts"
    assert got.reason.startswith('negation differs: "no" in the source only')
    assert "no longer play" in got.passage.text
    assert got.on_words  # a basis a long sentence's check may use too (draft_links)


def test_a_negation_read_in_a_window_is_shown_in_its_own_sentence(embedder):
    class WindowsContradict(Scripted):
        """Reads a contradiction in windows of several sentences only: the window wins."""

        def predict(self, pairs):
            self.pairs += list(pairs)
            return np.array(
                [[0.1, 0.1, 0.8] if p.count(". ") else [0.8, 0.1, 0.1] for p, _ in pairs]
            )

    got = judge_short_claim(CLAIM, [source(BODY)], embedder, WindowsContradict(None))
    assert got is not None and got.relation == "contradicts"
    assert got.passage.text == (
        "Christian Bale will no longer play Steve Jobs in the upcoming biopic, sources said."
    )
    # and the model's readings reported are those of that sentence
    assert got.nli.a_to_b.entailment == 0.8


def test_a_passage_that_only_reports_the_claim_does_not_support_it(embedder):
    body = "Christian Bale will reportedly play Steve Jobs in the biopic, a website claims."
    assert judge_short_claim(CLAIM, [source(body)], embedder, Scripted([0.9, 0.05, 0.05])) is None


def test_a_debunk_the_model_agrees_with_contradicts(embedder):
    got = judge_short_claim(CLAIM, [source(DEBUNK)], embedder, Scripted([0.05, 0.15, 0.8]))
    assert got is not None and got.relation == "contradicts"
    assert '"hoax"' in got.reason and "hoax" in got.passage.text
    assert not got.on_words  # a debunk, not a difference on the words both say


def test_no_contradiction_from_the_model_alone_or_the_word_list_alone(embedder):
    # The model alone: no denial, debunk or negation of the claim in the passage (BODY's "will
    # no longer play" negates the claim's own predicate: a contradiction, claim_stance.py).
    same = BODY.replace("will no longer play", "will play")
    assert judge_short_claim(CLAIM, [source(same)], embedder, Scripted([0.05, 0.1, 0.85])) is None
    # The word list alone: "hoax" is there, but the model reads no contradiction.
    assert judge_short_claim(CLAIM, [source(DEBUNK)], embedder, Scripted([0.1, 0.8, 0.1])) is None


def test_a_denial_on_both_sides_is_agreement_not_a_contradiction(embedder):
    # the model reads two denials as contradicting each other; both call the story untrue
    claim = "The story that Christian Bale will play Steve Jobs is a hoax"
    got = judge_short_claim(claim, [source(DEBUNK)], embedder, Scripted([0.05, 0.15, 0.8]))
    assert got is not None and got.relation == "supports"
    assert "both call it untrue" in got.reason


def test_a_claim_that_debunks_what_the_source_reports_contradicts_it(embedder):
    # Emergent: an article headline against the claim it reports.
    claim = "Christian Bale will not play Steve Jobs: the casting story is false"
    got = judge_short_claim(claim, [source(BODY)], embedder, Scripted([0.05, 0.15, 0.8]))
    assert got is not None and got.relation == "contradicts"
    assert got.reason.startswith('this claim calls into question ("false")')


def test_an_unrelated_source_is_never_read(embedder):
    nli = Scripted([0.9, 0.05, 0.05])
    body = "The museum reopened its ancient coins gallery with a display of rare silver pieces."
    assert judge_short_claim(CLAIM, [source(body)], embedder, nli) is None
    assert nli.pairs == []


def test_no_model_no_verdict(embedder):
    assert judge_short_claim(CLAIM, [source(BODY)], embedder, None) is None


def test_which_sentences_are_short_claims():
    assert is_short_claim("ISIS Beheads American Journalist", True, 12)
    assert is_short_claim("The governor signed the decree.", False, 12)
    assert not is_short_claim("Bale exits", True, 12)  # under 4 words
    long = "Officials said the border program would expand next year across three states."
    assert not is_short_claim(long, False, 12)
    assert is_short_claim(long, True, 12)  # a headline of any length


def test_check_judges_a_headline_against_the_body(fake_models, tmp_path, write):
    from overlap.config import Settings
    from overlap.draft import check
    from overlap.types import SentenceClass

    draft = write(tmp_path, "draft.md", CLAIM + "\n")
    write(tmp_path, "src/body.txt", DEBUNK)
    result = check(
        str(draft),
        [str(tmp_path / "src")],
        Settings(cache_path=None),
        nli=Scripted([0.05, 0.15, 0.8]),
    )
    [sentence] = result.sentences
    # The body repeats the claim word for word to call it a hoax: contradicted, and the copy
    # is reported beside it.
    assert sentence.cls is SentenceClass.CONTRADICTED
    link = sentence.links[0]
    assert [x.relation for x in sentence.links] == ["contradicts", "copied"]
    assert "hoax" in link.span.text
    assert link.reasons[0].startswith("the source passage closest to this claim calls it")


def test_a_passage_said_with_one_word_for_its_opposite_contradicts(embedder):
    # BBC entertainment/041: the model reads "praised" as saying "criticised"
    body = (
        "Academy president Frank Pierson praised Gibson's move for working to restore the "
        "Oscars. The studio had hoped to begin filming later this winter."
    )
    claim = "Academy president Frank Pierson criticised Gibson's move"
    got = judge_short_claim(claim, [source(body)], embedder, Scripted([0.8, 0.15, 0.05]))
    assert got is not None and got.relation == "contradicts"
    assert got.reason.startswith('opposite words: "criticised" here, "praised" in the source')
    # the same claim as the passage says it is supported
    same = judge_short_claim(
        claim.replace("criticised", "praised"),
        [source(body)],
        embedder,
        Scripted([0.8, 0.15, 0.05]),
    )
    assert same is not None and same.relation == "supports"


def test_a_contradiction_on_the_words_of_one_sentence_shows_that_sentence(embedder):
    # BBC politics/050 against a draft: the passage read was the window of two sentences; the
    # opposite words ("opposed" / "support") are in the second, which is the evidence shown
    body = (
        "Mr McConnell said the tax revenues of the bars had risen by nine per cent. The "
        "announcement, after a cabinet meeting on Wednesday morning, won broad support from "
        "the opposition parties."
    )
    claim = "The announcement was opposed by the opposition parties."
    got = judge_short_claim(claim, [source(body)], embedder, Scripted([0.52, 0.25, 0.23]))
    assert got is not None and got.relation == "contradicts"
    assert got.reason.startswith('opposite words: "opposed" here, "support" in the source')
    assert got.passage.text.startswith("The announcement, after")
