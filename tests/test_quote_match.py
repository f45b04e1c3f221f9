"""match_quote on real sentences: the seeds and METER PA wire copy with a newspaper's version."""

from __future__ import annotations

from pathlib import Path

import pytest

from overlap import misquotes
from overlap.draft_quotes import quote_notes
from overlap.quote_match import Outcome, article_quotes, match_quote
from overlap.quotes import quotations
from overlap.types import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(name: str, outlet: str) -> Article:
    return Article(name, name, (SEEDS / name).read_text(encoding="utf-8"), "txt", outlet=outlet)


@pytest.fixture(scope="module")
def seeds():
    return {
        "fox": article_quotes(seed("000_826b6eca911653ef.txt", "Fox News Latino")),
        "marfa": article_quotes(seed("003_eb605dca9a31b0f2.txt", "Marfa Public Radio")),
        "abc": article_quotes(seed("004_2a747d217fc361e7.txt", "ABC News")),
    }


def draft_quote(text: str, n: int = 0):
    return quotations(text, [(0, len(text))])[n]


SANCHEZ_DRAFT = (
    "“I think the U.S. government wants to make sure that Pena Nieto is on the same page as "
    "Obama,” Alex Sanchez, a security analyst at the Council on Hemispheric Affairs, told ABC "
    "News."
)


def test_quote_credited_to_its_source_is_quoted_though_another_outlet_prints_other_words(seeds):
    # issue 13: word for word in ABC News, speaker and outlet credited; a second outlet printing
    # other words must not make it a misquote.
    other = article_quotes(
        Article(
            "other",
            "o.txt",
            (
                '"I think the U.S. government wants to make sure that Pena Nieto is in step with '
                'Washington," Alex Sanchez said.'
            ),
            "txt",
            outlet="Border Weekly",
        )
    )
    v = match_quote(draft_quote(SANCHEZ_DRAFT), [other, seeds["fox"], seeds["abc"]])
    assert v.outcome is Outcome.QUOTED
    assert v.source.label == "ABC News" and v.source.credited and v.source.marked
    assert v.source.speaker == "Alex Sanchez"  # "Sanchez said" resolved through the article
    assert v.sources_differ
    assert "sources differ" in v.reason and "Border Weekly" in v.reason
    assert {o.label for o in v.others} == {"Fox News Latino", "Border Weekly"}


def test_changed_word_is_misquoted_with_the_words(seeds):
    # seeds/drafts/demo-draft.md against Marfa Public Radio: dignity -> honor
    v = match_quote(
        draft_quote(
            "“Mexico is willing to say no when national pride and honor are threatened,” "
            "Videgaray said."
        ),
        list(seeds.values()),
    )
    assert v.outcome is Outcome.MISQUOTED
    assert v.changes == ("'dignity' -> 'honor'",)
    assert v.source.label == "Marfa Public Radio"


def test_short_quote_in_the_wrong_mouth_is_misattributed(seeds):
    v = match_quote(draft_quote("“Mexico has limits,” said Peña Nieto."), list(seeds.values()))
    assert v.outcome is Outcome.MISATTRIBUTED
    assert v.source.speaker == "Luis Videgaray"
    assert "credited to Peña Nieto" in v.reason
    assert (
        match_quote(
            draft_quote("“Mexico has limits,” Videgaray said."), list(seeds.values())
        ).outcome
        is Outcome.QUOTED
    )
    # a word changed in a three-word quote is still that quote, misquoted
    v = match_quote(draft_quote("“Mexico has no limits,” Videgaray said."), [seeds["marfa"]])
    assert v.outcome is Outcome.MISQUOTED and v.changes == ("'no' added",)


def test_quote_credited_to_a_document(seeds):
    q = draft_quote(
        "“The U.S.-Mexican bilateral relationship continues to grow based on strong, "
        "multi-layered institutional ties,” the report stated."
    )
    assert q.credited and q.speaker_kind == "document"
    v = match_quote(q, list(seeds.values()))
    assert v.outcome is Outcome.QUOTED and v.source.label == "Fox News Latino"
    assert "credited to the report" in v.reason


def test_words_no_source_has_are_an_unverified_quote(seeds):
    v = match_quote(
        draft_quote(
            "“We will sign a new border technology agreement next spring,” an official said."
        ),
        list(seeds.values()),
    )
    assert v.outcome is Outcome.UNVERIFIED and v.source is None
    assert v.reason == "no source has these words"


def test_accents_brackets_and_ellipsis_keep_a_quote(seeds):
    v = match_quote(
        draft_quote(
            "“I think the U.S. government wants to make sure that Peña Nieto is on the same page "
            "as Obama … [and] pursue the cartels as consistently and aggressively as Calderón "
            "did,” "
            "Sanchez said."
        ),
        [seeds["abc"]],
    )
    assert v.outcome is Outcome.QUOTED, v.reason


# METER courts/03.04.00/breeder: PA wire copy and the Guardian's version of the same quote.
PA = Article(
    "pa",
    "breeder1bg.txt",
    (
        "Mr Chapman said he would contact the two forces again following Cotterell's "
        "confession.\n\n"
        "``The view of the profiler that we used is that it is very, very strange for anyone "
        "to "
        "progress from burglary to murder in the way that Cotterell has,'' he said."
    ),
    "txt",
    outlet="PA News",
)
GUARDIAN = Article(
    "guardian",
    "breeder494_guardian.txt",
    (
        "Det Insp Chapman said: 'The view of the psychological profiler that we used is that it is "
        "very strange for anyone to progress from burglary to murder in the way that Cotterell "
        "has.'"
    ),
    "txt",
    outlet="Guardian",
)
PA_WORDS = (
    "The view of the profiler that we used is that it is very, very strange for anyone to "
    "progress from burglary to murder in the way that Cotterell has"
)


def test_sources_differ_judged_against_the_closest_when_none_is_credited():
    sources = [article_quotes(GUARDIAN), article_quotes(PA)]
    assert sources[1].quotations[0].speaker == "Mr Chapman"  # "he said" resolved
    v = match_quote(draft_quote(f"“{PA_WORDS},” Mr Chapman said."), sources)
    assert v.outcome is Outcome.QUOTED and v.source.label == "PA News"
    assert v.sources_differ and v.others[0].label == "Guardian"
    assert "'profiler' -> 'psychological profiler'" not in v.others[0].changes
    assert any("psychological" in c for c in v.others[0].changes)
    assert "sources differ" in v.reason


def test_sources_differ_judged_against_the_source_it_credits():
    sources = [article_quotes(PA), article_quotes(GUARDIAN)]
    v = match_quote(draft_quote(f"“{PA_WORDS},” Det Insp Chapman told the Guardian."), sources)
    assert v.outcome is Outcome.MISQUOTED and v.source.label == "Guardian"
    assert v.sources_differ
    assert "'psychological' dropped" in v.changes


def test_tex_source_quote_found_from_a_newspaper_version():
    # METER breeder: PA ``These were terrible…'' he said; The Sun prints it in double marks
    pa = Article(
        "pa",
        "breeder1nl.txt",
        (
            "Passing sentence Mr Justice Owen told Cotterell of his ``horror'' at the crimes.\n\n"
            "``These were terrible and terrifying offences,'' he said."
        ),
        "txt",
        outlet="PA News",
    )
    v = match_quote(
        draft_quote(
            'Sentencing Cotterell, Mr Justice John Owen said: "These were terrible and terrifying '
            'offences."'
        ),
        [article_quotes(pa)],
    )
    assert v.outcome is Outcome.QUOTED and v.source.speaker == "Mr Justice Owen"


def test_words_printed_without_marks_in_the_source_are_found_in_its_body():
    src = Article(
        "b",
        "b.txt",
        (
            "Mexico now requires American agencies to send their requests for intelligence through "
            "its Interior Ministry."
        ),
        "txt",
        outlet="Desk",
    )
    v = match_quote(
        draft_quote(
            "“American agencies to send their requests for intelligence through its Interior "
            "Ministry,” the ministry said."
        ),
        [article_quotes(src)],
    )
    assert v.outcome is Outcome.QUOTED and not v.source.marked


def test_an_inflection_changed_in_a_quote_is_a_misquote_a_spelling_variant_is_not():
    # Fox News Latino printed InSight Crime's "murmurings" as "murmuring": another form of the
    # word, not one word spelt two ways (issue 13: spelling variants are fine, changed words not).
    source = article_quotes(
        Article(
            "s",
            "s.txt",
            "“There have been murmurings of discontent about the honour of the organisation,” "
            "said Ana Ruiz.",
            "txt",
            outlet="Wire Service",
        )
    )
    changed = draft_quote(
        "“There have been murmuring of discontent about the honour of the organisation,” "
        "said Ana Ruiz."
    )
    v = match_quote(changed, [source])
    assert v.outcome is Outcome.MISQUOTED and v.changes == ("'murmurings' -> 'murmuring'",)
    spelt = draft_quote(
        "“There have been murmurings of discontent about the honor of the organization,” "
        "said Ana Ruiz."
    )
    assert match_quote(spelt, [source]).outcome is Outcome.QUOTED


def test_the_speaker_is_read_without_their_affiliation():
    # Reuters: '..., said Bourdain of BankAmerica'; another name "of BankAmerica" is another
    # speaker, though the last words of the two credits are the same.
    source = article_quotes(
        Article(
            "s",
            "s.txt",
            "“It won't be enough to help the trade situation much,” said Bourdain of BankAmerica.",
            "txt",
            outlet="Reuters",
        )
    )
    swapped = draft_quote(
        "“It won't be enough to help the trade situation much,” said Cordero of BankAmerica."
    )
    assert match_quote(swapped, [source]).outcome is Outcome.MISATTRIBUTED
    same = draft_quote(
        "“It won't be enough to help the trade situation much,” said Bourdain of BankAmerica."
    )
    assert match_quote(same, [source]).outcome is Outcome.QUOTED
    # an office before "of" is a title, not an affiliation; a hyphenated name is one surname
    shultz = article_quotes(
        Article(
            "r",
            "r.txt",
            "“The process will not be accomplished overnight,” said U.S. Secretary of State "
            "George Shultz, with Leigh-Pemberton beside him.",
            "txt",
            outlet="Reuters",
        )
    )
    for who in ("Shultz", "George Shultz"):
        q = draft_quote(f"“The process will not be accomplished overnight,” {who} said.")
        assert match_quote(q, [shultz]).outcome is Outcome.QUOTED, who
    q = draft_quote("“The process will not be accomplished overnight,” Leigh-Pemberton said.")
    assert match_quote(q, [shultz]).outcome is Outcome.MISATTRIBUTED  # Shultz said it


def test_words_put_in_the_mouth_of_someone_the_source_never_names_are_misattributed():
    # The source prints the words without a speaker its quote marks can tie them to (or
    # without marks), and never names the person the draft credits: not verified as theirs.
    source = article_quotes(
        Article(
            "s",
            "s.txt",
            "Exhibitors will show how you can take that content anywhere, said Mr Joseph of the "
            "trade body.",
            "txt",
            outlet="BBC News",
        )
    )
    wrong = draft_quote(
        "“Exhibitors will show how you can take that content anywhere,” said Mr Measor."
    )
    v = match_quote(wrong, [source])
    assert v.outcome is Outcome.MISATTRIBUTED and "Mr Measor" in v.reason
    right = draft_quote(
        "“Exhibitors will show how you can take that content anywhere,” said Mr Joseph."
    )
    assert match_quote(right, [source]).outcome is Outcome.QUOTED
    # a description is not a name to look for
    described = draft_quote(
        "“Exhibitors will show how you can take that content anywhere,” the organiser said."
    )
    assert match_quote(described, [source]).outcome is Outcome.QUOTED


def test_words_the_source_gives_to_no_named_speaker_are_quoted_with_the_speaker_unconfirmed():
    # METER courts/16.07.99/care: PA gives the ruling to "the judges"; The Times names one of
    # the three. The words are not someone else's, so not misattributed; the credit is noted.
    source = pa(
        "The Department of Health had intervened in the Appeal Court hearing and today won "
        "concessions from the judges that: ``Nursing care for a chronically sick patient may in "
        "appropriate cases be provided by a local authority as a social service.''"
    )
    q = draft_quote(
        'Lord Justice Sedley said: "Nursing care for a chronically sick patient may in '
        'appropriate cases be provided by a local authority as a social service."'
    )
    v = match_quote(q, [source])
    assert v.outcome is Outcome.QUOTED and v.speaker_unconfirmed
    assert "never names Lord Justice Sedley" in v.reason
    assert quote_notes([v]) == [
        "speaker not confirmed: Press Association prints these words but never names "
        "Lord Justice Sedley"
    ]
    # a source that gives the words to a named person still makes another name misattributed
    named = pa(
        "Lord Justice Mummery said: ``Nursing care for a chronically sick patient may in "
        "appropriate cases be provided by a local authority as a social service.''"
    )
    assert match_quote(q, [named]).outcome is Outcome.MISATTRIBUTED


def pa(text: str):
    return article_quotes(Article("pa", "pa.txt", text, "txt", outlet="Press Association"))


def test_letters_after_a_name_and_a_description_are_no_other_speaker():
    source = pa(
        "Mr Justice Blofeld said: ``Inevitably your conduct was extremely wicked and your "
        "behaviour extremely callous.''\n\n"
        "Adrian Redgrave QC said: ``The principal weapon was an axe found in the bedroom.''"
    )
    judge = draft_quote(
        "Sentencing Hobbs, the judge said: 'Your conduct was extremely wicked and your "
        "behaviour extremely callous.'"
    )
    counsel = draft_quote(
        "'The principal weapon was an axe found in the bedroom,' Mr Redgrave said."
    )
    assert match_quote(judge, [source]).outcome is Outcome.QUOTED
    assert match_quote(counsel, [source]).outcome is Outcome.QUOTED


def test_a_quote_joining_two_of_the_source_s_quotations_is_found_in_both():
    source = pa(
        "Mr Al Fayed replied: ``I have the right to say what I feel and what I believe,'' "
        "and went on. ``I have a lot of support, I receive millions of letters.''"
    )
    quote = draft_quote(
        "Mr Fayed responded: 'I have the right to say what I feel and what I believe. I have a "
        "lot of support from the public, I receive millions of letters.'"
    )
    v = match_quote(quote, [source])
    assert v.outcome is Outcome.MISQUOTED and v.changes == ("'from the public' added",)


def test_a_quote_mark_moved_by_a_word_changes_no_words():
    # METER courts: The Telegraph opens the quote before "the", PA after it
    pa = article_quotes(
        Article(
            "pa",
            "pa.txt",
            "Marco Pierre White was the youngest chef to obtain three Michelin stars and the "
            "``only Englishman to be so honoured'', the court heard.",
            "txt",
            outlet="PA",
        )
    )
    paper = (
        "He was the youngest chef to obtain three Michelin stars and 'the only Englishman to "
        "be so honoured'."
    )
    v = match_quote(draft_quote(paper), [pa])
    assert v.outcome is Outcome.QUOTED, v.reason
    # a word the source has nowhere near its marks is still an added word
    moved = paper.replace("'the only", "'truly the only")
    assert match_quote(draft_quote(moved), [pa]).outcome is Outcome.MISQUOTED


def test_changed_words_in_another_persons_mouth_tell_both():
    # Reuters-21578: Bruce Lazier said "a little higher"; the draft gives "a lot higher" to
    # the other analyst the story quotes
    source = article_quotes(
        Article(
            "r",
            "r.txt",
            "\"There's a lot of speculation here that someway or other they would be forced "
            'to come up with another bid," said Rosario Ilaqua of L.F. Rothschild.\n\n'
            '"I think they\'re going to have to go a little higher eventually," Bruce Lazier '
            "of Prescott Ball and Turben said.",
            "txt",
        )
    )
    v = match_quote(
        draft_quote(
            '"I think they\'re going to have to go a lot higher eventually," Rosario Ilaqua '
            "of L.F. Rothschild said."
        ),
        [source],
    )
    assert v.outcome is Outcome.MISQUOTED and v.changes == ("'little' -> 'lot'",)
    assert v.speaker_differs
    assert misquotes.reason(v) == (
        "words changed: 'little' -> 'lot'; and Bruce Lazier of Prescott Ball and Turben said "
        "these words, not Rosario Ilaqua of L.F. Rothschild (against r)"
    )
    # the right speaker with the changed words is a misquote only
    v = match_quote(
        draft_quote(
            '"I think they\'re going to have to go a lot higher eventually," Bruce Lazier said.'
        ),
        [source],
    )
    assert v.outcome is Outcome.MISQUOTED and not v.speaker_differs


def test_a_quote_stitched_from_two_statements_of_the_source_adds_nothing():
    # METER courts (02.11.99, chips): the Star's quote puts the later PA quotation first
    pa = (
        "Richard told the trial at Cardiff Crown Court: ``Occasionally I ate pasty and chips or "
        "jumbo sausage with chips _ but mainly it was just chips.\n``I got used to it. I would "
        "wait for my parents to come back in the evening for our meal.''\n"
        "He added: ``My father would punch me almost every day and Meryl would join in by "
        "kicking me. But I was such a fat kid I could hardly feel the kicks at all.''\n"
    )
    src = article_quotes(Article("pa", "pa.txt", pa, "txt", outlet="PA"))
    text = (
        'Sad Richard said: "I was such a fat kid I could hardly feel the kicks at all. '
        "Occasionally I ate pastie and chips or jumbo sausage with chips, but mainly it was just "
        'chips. I got used to it."'
    )
    v = match_quote(draft_quote(text), [src], text)
    assert v.outcome is Outcome.QUOTED, v


def test_a_wire_s_stock_symbols_and_a_firm_s_legal_form_are_no_words_of_the_quote():
    # Reuters 1987 (Texaco and Pennzoil): the draft leaves out "<RD>", "Corp" and "<XON>"; the
    # speaker named once in full ("Richard Pzena of Sanford\nC. Bernstein") then by surname
    # is still told from the analyst the draft credits
    source = article_quotes(
        Article(
            "r",
            "r.txt",
            '"The message was clear," said Richard Pzena of Sanford\nC. Bernstein and Co.\n'
            '    "It would make a lot of sense for Royal Dutch/Shell <RD> or\nExxon Corp <XON> '
            'to go out and do it," Pzena said.',
            "txt",
            outlet="Reuters",
        )
    )
    words = '"It would make a lot of sense for Royal Dutch/Shell or Exxon to go out and do it,"'
    verdict = match_quote(draft_quote(f"{words} said Richard Pzena."), [source])
    assert (verdict.outcome, verdict.changes) == (Outcome.QUOTED, ())
    verdict = match_quote(draft_quote(f"{words} said Alan Edgar of Prudential Bache."), [source])
    assert verdict.outcome is Outcome.MISATTRIBUTED
    assert "Richard Pzena" in verdict.reason
    # a firm's name itself dropped is still a change
    words = words.replace("or Exxon ", "or ")
    verdict = match_quote(draft_quote(f"{words} said Richard Pzena."), [source])
    assert verdict.outcome is Outcome.MISQUOTED
