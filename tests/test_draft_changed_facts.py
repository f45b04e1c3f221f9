"""overlap check on copies with one fact changed, and on quotations cut short (issue 13 items 2
and 3). Hand-written sentences modelled on Reuters, BBC and PA court copy of the perturbation
suite (benchmarks/perturb.py); the fake embedder and a neutral NLI model stand in for the real
ones."""

from __future__ import annotations

import json

import pytest

from overlap.config import Settings
from overlap.draft import check
from overlap.types import LinkRelation, SentenceClass

SOURCE = (
    "Harbour Airways management has said it may need to start selling assets if it does not "
    "receive concessions from all of its staff by the middle of this month.\n\n"
    "The constable told the court she had suffered years of abuse in the elite Territorial "
    "Support Group before she left the force.\n\n"
    "“Britain has become a nation of information hoarders with a ferocious appetite for data,” "
    "said Martin Larsen, general manager of the storage division of a Japanese electronics "
    "group.\n\n"
    "“I didn't want to sit back and get out-kicked,” said Cragg.\n"
)


@pytest.fixture
def src(tmp_path, write):
    write(tmp_path, "src/wire.txt", SOURCE)
    write(
        tmp_path,
        "src/metadata.json",
        json.dumps({"wire.txt": {"outlet": "Wire Service", "date": "2004-12-02"}}),
    )
    return tmp_path / "src"


@pytest.fixture(autouse=True)
def fakes(fake_models):
    """The fake embedder and a neutral NLI model (conftest)."""


def one(tmp_path, write, text, nli=None):
    draft = write(tmp_path, "draft.txt", text + "\n")
    sources = [str(tmp_path / "src")]
    [sentence] = check(str(draft), sources, Settings(cache_path=None), nli=nli).sentences
    return sentence


class ContradictingNLI:
    """Reads every pair as a contradiction: only the rules can keep a sentence from one."""

    model_id = "fake-contradicting"

    def predict(self, pairs):
        import numpy as np

        return np.tile([0.02, 0.03, 0.95], (len(pairs), 1))


def test_a_copy_with_another_company_put_in_is_contradicted_and_copied(src, tmp_path, write):
    # A name of four words for one of two cuts the copy before it: the copy finding alone
    # holds no changed word, and the sentence was "copied" (organisation swap, Reuters).
    s = one(
        tmp_path,
        write,
        "Computer Network Technology Corp management has said it may need to start selling "
        "assets if it does not receive concessions from all of its staff by the middle of this "
        "month.",
    )
    assert s.cls is SentenceClass.CONTRADICTED
    relations = {x.relation for x in s.links}
    assert {LinkRelation.CONTRADICTS, LinkRelation.COPIED} <= relations  # the report shows both
    [contra] = [x for x in s.links if x.relation is LinkRelation.CONTRADICTS]
    assert "Harbour Airways" in contra.reasons[0] and "Computer Network" in contra.reasons[0]
    assert contra.span.text.startswith("Harbour Airways management")  # the whole source sentence
    assert not s.sources_disagree  # one source, copied with a fact changed: not two sources


def test_a_copy_with_a_group_renamed_at_its_end_is_contradicted(src, tmp_path, write):
    s = one(
        tmp_path,
        write,
        "The constable told the court she had suffered years of abuse in the elite Transcanada "
        "Pipelines Ltd before she left the force.",
    )
    assert s.cls is SentenceClass.CONTRADICTED
    assert any("Territorial Support Group" in r for x in s.links for r in x.reasons)


def test_an_unchanged_copy_stays_copied(src, tmp_path, write):
    s = one(
        tmp_path,
        write,
        "Harbour Airways management has said it may need to start selling assets if it does not "
        "receive concessions from all of its staff by the middle of this month.",
    )
    assert s.cls is SentenceClass.COPIED
    assert LinkRelation.CONTRADICTS not in {x.relation for x in s.links}


def test_a_copy_that_adds_a_clause_of_its_own_is_not_contradicted_by_it(src, tmp_path, write):
    # Words on one side only are not a slot difference: "in London" has nothing to pair with.
    s = one(
        tmp_path,
        write,
        "Harbour Airways management in London has said it may need to start selling assets if "
        "it does not receive concessions from all of its staff by the middle of this month.",
    )
    assert s.cls is SentenceClass.COPIED


def test_a_quote_cut_short_with_its_long_credit_is_quoted(src, tmp_path, write):
    # The quote keeps its first words; the copy is then mostly the credit, outside quote marks
    # (quote truncated, BBC): the speaker's words are still quoted and credited.
    s = one(
        tmp_path,
        write,
        "“Britain has become a nation of information hoarders,” said Martin Larsen, general "
        "manager of the storage division of a Japanese electronics group.",
    )
    assert s.cls is SentenceClass.QUOTED
    assert any("Martin Larsen" in r for x in s.links for r in x.reasons)


def test_a_short_quote_cut_shorter_is_quoted(src, tmp_path, write):
    # Too short to be found as a copy; quote_match finds the words as printed and credited.
    s = one(tmp_path, write, "“I didn't want to sit,” said Cragg.")
    assert s.cls is SentenceClass.QUOTED
    said = [*s.notes, *(r for x in s.links if x.relation is LinkRelation.QUOTED for r in x.reasons)]
    assert any("credited quotation (Cragg)" in r for r in said)


def test_a_short_quote_with_a_word_changed_is_still_misquoted(src, tmp_path, write):
    s = one(tmp_path, write, "“I didn't want to stand back,” said Cragg.")
    assert s.cls is SentenceClass.MISQUOTED


def test_a_quote_changed_past_its_copied_words_is_misquoted_not_quoted(src, tmp_path, write):
    # The copy holds the quote's words up to "... a ferocious appetite", which match; its last
    # word is changed. The copy's link is part of the misquote, not "matching the source".
    s = one(
        tmp_path,
        write,
        "Martin Larsen, of a Japanese electronics group, said: “Britain has become a nation of "
        "information hoarders with a ferocious appetite for gossip.”",
    )
    assert s.cls is SentenceClass.MISQUOTED
    assert LinkRelation.QUOTED not in {x.relation for x in s.links}
    said = [*s.notes, *(r for x in s.links for r in x.reasons)]
    assert any("'data' -> 'gossip'" in r for r in said)
    assert not any("matching the source" in r for r in said)
    # a copy that holds the long credit as well is no copy "without quote marks or credit"
    s = one(
        tmp_path,
        write,
        "“Britain has become a nation of information hoarders with a ferocious appetite for "
        "gossip,” said Martin Larsen, general manager of the storage division of a Japanese "
        "electronics group.",
    )
    assert s.cls is SentenceClass.MISQUOTED
    said = [r for x in s.links for r in x.reasons]
    assert "these copied words are part of the misquoted quotation" in said
    assert not any("without quote marks or credit" in r for r in said)


PARALLEL = (
    "The group said its March retail sales increased 8.2 pct to 70.6 mln dlrs from 65.3 mln "
    "dlrs a year ago. It said cumulative sales gained 13.2 pct to 125.0 mln dlrs from 110.4 mln "
    "dlrs in the same 1986 period.\n"
)


def test_a_copied_sentence_is_not_contradicted_by_a_parallel_sentence_of_its_source(
    tmp_path, write
):
    # Reuters: two sentences of one report built the same way with other figures; the draft
    # copies the second word for word, and the first is not the sentence it is aligned with.
    write(tmp_path, "src/wire.txt", PARALLEL)
    s = one(
        tmp_path,
        write,
        "It said cumulative sales gained 13.2 pct to 125.0 mln dlrs from 110.4 mln dlrs in the "
        "same 1986 period.",
        nli=ContradictingNLI(),
    )
    assert s.cls is SentenceClass.COPIED
    assert LinkRelation.CONTRADICTS not in {x.relation for x in s.links}


def test_a_copy_over_two_sentences_gives_each_sentence_its_own_link(tmp_path, write):
    # One edited copy runs over two sentences (the wire's first two paragraphs, copied whole
    # with one number changed in the second): the first sentence is an unchanged copy, only the
    # second is contradicted, and each link shows the source words aligned with its sentence.
    write(
        tmp_path,
        "src/wire.txt",
        "A fire destroyed a storage warehouse at the Brennan Polymers recycling plant in "
        "Ashford early Tuesday, sending smoke over the east side of town.\n\n"
        "The company, which employs 140 people, said the plant may reopen within two weeks.\n",
    )
    draft = write(
        tmp_path,
        "draft.txt",
        "A fire destroyed a storage warehouse at the Brennan Polymers recycling plant in "
        "Ashford early Tuesday, sending smoke over the east side of town.\n\n"
        "The company, which employs 240 people, said the plant may reopen within two weeks.\n",
    )
    first, second = check(str(draft), [str(tmp_path / "src")], Settings(cache_path=None)).sentences
    assert first.cls is SentenceClass.COPIED
    assert [x.relation for x in first.links] == [LinkRelation.COPIED]
    assert first.links[0].span.text.endswith("east side of town.")
    assert not any("240" in r for x in first.links for r in x.reasons)
    assert second.cls is SentenceClass.CONTRADICTED
    [link] = [x for x in second.links if x.relation is LinkRelation.CONTRADICTS]
    assert link.span.text.startswith("The company, which employs 140 people")
    assert any('"240 people" here, "140 people"' in r for r in link.reasons)
    assert first.id != second.id


def test_a_copy_naming_a_person_by_title_and_surname_where_one_source_gives_the_first_name(
    tmp_path, write
):
    # METER courts shape: the paper writes "Miss Sheridan", the take it copies "Janice", and
    # another take it copies names "Janice Sheridan": one woman, no name changed.
    write(
        tmp_path,
        "src/take1.txt",
        "Janice had been stabbed once in the back, twice in the neck and six times in the chest.\n",
    )
    write(
        tmp_path,
        "src/take2.txt",
        "The bodies of Janice Sheridan, 45, and her mother were found at their cottage.\n\n"
        "In the house forensic scientists found his fingerprints and a shoe print matching a "
        "boot he owned.\n",
    )
    draft = write(
        tmp_path,
        "draft.txt",
        "Miss Sheridan had been stabbed once in the back, twice in the neck and six times in "
        "the chest.\n\nIn the house forensic scientists found his fingerprints and a shoe print "
        "matching a boot he owned.\n",
    )
    first = check(str(draft), [str(tmp_path / "src")], Settings(cache_path=None)).sentences[0]
    assert first.cls is not SentenceClass.CONTRADICTED
    assert not any("name differs" in r for x in first.links for r in x.reasons)


def test_a_medal_changed_before_the_copied_words_is_contradicted(tmp_path, write):
    # BBC sport/077 and a draft: the copy is "for the GB men's team at last month's European
    # Championships" only; the whole sentences show "secured bronze" told as "won silver"
    write(
        tmp_path,
        "medal/bbc.txt",
        "Peter Riley, who secured bronze for the GB men's team at last month's European "
        "Championships, won the men's 9km race.\n",
    )
    draft = write(
        tmp_path,
        "draft.txt",
        "Riley had won silver for the GB men's team at last month's European Championships.\n",
    )
    [sentence] = check(str(draft), [str(tmp_path / "medal")], Settings(cache_path=None)).sentences
    assert sentence.cls is SentenceClass.CONTRADICTED
    [link] = [x for x in sentence.links if x.relation is LinkRelation.CONTRADICTS]
    assert link.reasons[0] == 'another medal: "silver" here, "bronze" in the source'


def test_a_copy_running_on_from_the_sentence_before_is_compared_with_its_own_sentence(
    tmp_path, write
):
    # BBC entertainment/150 and a draft: the copy runs from "including best male." into "Alicia
    # Keys has 12 nominations ..."; compared with both source sentences, the draft's "Usher"
    # aligned with the first one's, and the swapped name was not seen
    write(
        tmp_path,
        "billboard/bbc.txt",
        "R&B singer Usher is leading the race for the Billboard awards with nominations in 13 "
        "categories, including best male. Alicia Keys has 12 nominations for the awards, which "
        "will be held on 8 December at the MGM Grand in Las Vegas.\n",
    )
    draft = write(
        tmp_path,
        "draft.txt",
        "R&B singer Alicia Keys is leading the race for the Billboard awards with nominations "
        "in 13 categories.\n\nUsher has 12 nominations for the awards, which will be held on "
        "8 December at the MGM Grand in Las Vegas.\n",
    )
    result = check(str(draft), [str(tmp_path / "billboard")], Settings(cache_path=None))
    second = result.sentences[-1]
    assert second.cls is SentenceClass.CONTRADICTED
    [link] = [x for x in second.links if x.relation is LinkRelation.CONTRADICTS]
    assert link.reasons[0] == 'name differs: "Usher" here, "Alicia Keys" in the source'


def test_a_copy_of_a_reported_clause_keeps_its_would_and_shows_the_changed_year(tmp_path, write):
    # BBC politics/050 and a draft: the copy starts after "told the Scottish Parliament ...
    # that", so its "would" is the minister's "will" told in reported speech; what changed is
    # the year after the copied words
    write(
        tmp_path,
        "ban/bbc.txt",
        "He told the Scottish Parliament on Wednesday that a comprehensive ban on smoking in "
        "public places would be introduced by the spring of 2006.\n",
    )
    draft = write(
        tmp_path,
        "draft.txt",
        "A comprehensive ban on smoking in public places will be introduced by the spring of "
        "2007, the First Minister told the Scottish Parliament.\n",
    )
    [sentence] = check(str(draft), [str(tmp_path / "ban")], Settings(cache_path=None)).sentences
    assert sentence.cls is SentenceClass.CONTRADICTED
    reasons = [r for x in sentence.links for r in x.reasons]
    assert 'date differs: "2007" here, "2006" in the source' in reasons
    assert not [r for r in reasons if r.startswith("modality")]


def test_a_year_changed_where_the_copy_also_moved_it_is_contradicted(tmp_path, write):
    # BBC tech/100 and a draft: "which in 1987 produced Populous" told as "which produced
    # Populous in 1989"; the alignment pairs no slot for the moved year
    write(
        tmp_path,
        "games/bbc.txt",
        "His career started at Bullfrog Studios which in 1987 produced Populous, one of the "
        "first God-games.\n",
    )
    draft = write(
        tmp_path,
        "draft.txt",
        "His career started at Bullfrog Studios, which produced Populous in 1989, one of the "
        "first God-games.\n",
    )
    [sentence] = check(str(draft), [str(tmp_path / "games")], Settings(cache_path=None)).sentences
    assert sentence.cls is SentenceClass.CONTRADICTED
    [link] = [x for x in sentence.links if x.relation is LinkRelation.CONTRADICTS]
    assert link.reasons[0] == 'date differs: "1989" here, "1987" in the source'
    same = write(
        tmp_path,
        "same.txt",
        "His career started at Bullfrog Studios, which produced "
        "Populous in 1987, one of the first God-games.\n",
    )
    [sentence] = check(str(same), [str(tmp_path / "games")], Settings(cache_path=None)).sentences
    assert sentence.cls is SentenceClass.COPIED


def test_a_size_changed_before_the_copied_words_and_a_copy_over_two_sentences(tmp_path, write):
    # Reuters-21578 1652 and a draft: the copy starts after "A small"; and a copy running on
    # from the end of one source sentence into the next is shown at the one holding the change
    write(
        tmp_path,
        "barley/reuters.txt",
        "Export forecasts were lowered to 4.5 mln tonnes from 5.76 mln in 1985/86. Vieux called "
        "on the EC Commission to help by awarding a larger volume of export certificates and "
        "said if no outlets are opened for French barley a large amount could be put into "
        "intervention.\n\n"
        "A small amount of French barley has already been put into intervention, Vieux said "
        "without detailing the amount.\n",
    )
    draft = write(
        tmp_path,
        "draft.txt",
        "Export forecasts were lowered to 4.5 mln tonnes from 5.76 mln in 1985/86. Vieux called "
        "on the EC Commission to help by awarding a smaller volume of export certificates.\n\n"
        "A large amount of French barley has already been put into intervention, he said.\n",
    )
    result = check(str(draft), [str(tmp_path / "barley")], Settings(cache_path=None))
    _, second, third = result.sentences
    for sentence, reason, shown in (
        (second, 'opposite words: "smaller" here, "larger" in the source', "Vieux called"),
        (third, 'opposite words: "large" here, "small" in the source', "A small amount"),
    ):
        assert sentence.cls is SentenceClass.CONTRADICTED
        [link] = [x for x in sentence.links if x.relation is LinkRelation.CONTRADICTS]
        assert link.reasons[0] == reason
        assert link.span.text.startswith(shown)


def test_a_changed_weekday_in_a_copy_is_shown_at_the_source_sentence_holding_it(tmp_path, write):
    # BBC politics/260 and a draft: the copy is aligned from the end of the sentence before
    write(
        tmp_path,
        "labour/bbc.txt",
        "Mr Brown was joined at the launch by John Prescott and Alan Milburn, the man "
        "controversially put in charge of election planning by Mr Blair. A private meeting on "
        "Monday saw normally loyal MPs warn that feuding could jeopardise their election hopes.\n",
    )
    draft = write(
        tmp_path,
        "draft.txt",
        "Mr Brown was joined at the launch by John Prescott and Alan Milburn. At a private "
        "meeting on Tuesday, normally loyal MPs warned that feuding could jeopardise the party's "
        "election hopes.\n",
    )
    result = check(str(draft), [str(tmp_path / "labour")], Settings(cache_path=None))
    second = result.sentences[-1]
    assert second.cls is SentenceClass.CONTRADICTED
    [link] = [x for x in second.links if x.relation is LinkRelation.CONTRADICTS]
    assert link.reasons[0] == 'weekday differs: "Tuesday" here, "Monday" in the source'
    assert link.span.text.startswith("A private meeting on Monday")
