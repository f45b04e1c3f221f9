"""Which article pairs are read for rewritten sentences (overlap/linked_articles.py)."""

from __future__ import annotations

from overlap import Kind, Settings, compare
from overlap.linked_articles import is_prose, linked_pairs, names_in, shares_a_name
from overlap.models import Models
from overlap.segment import segment
from overlap.types import PairScore

# Two unrelated stories that happen to share stock wording in one short sentence each.
COUNCIL = (
    "Harrogate council will close two of its four public libraries next spring to save "
    "money.\n\n"
    "Councillors voted by 31 to 12 on Tuesday night after a three-hour debate in the "
    "chamber.\n\n"
    "There are several reasons for this.\n\n"
    "The Knaresborough branch needs a new roof that would cost more than its yearly budget, "
    "and visits to the Starbeck branch have halved since 2015.\n"
)
FOOTBALL = (
    "Grimsby Town have postponed the opening of their new stand until the autumn.\n\n"
    "There are several reasons for the delay.\n\n"
    "The steel frame arrived from the Rotterdam supplier six weeks late, and the club's "
    "planning consent for the floodlights is still with the Environment Agency.\n\n"
    "Season ticket holders will sit in the temporary east terrace until then.\n"
)

# A wire story and a paper's version of it: a copied paragraph (real shared text) and a short
# sentence rewritten from the wire's.
WIRE = (
    "Fred Bloggs, 43, of Leeds, was jailed for six years at Leeds Crown Court on Monday for "
    "robbing the Halifax bank in Otley with a replica pistol while wearing a motorcycle "
    "helmet.\n\n"
    "Judge Mary Smith told him the cashiers had been left terrified by the raid.\n\n"
    "The gang took 12,000 pounds.\n"
)
PAPER = (
    "Fred Bloggs, 43, of Leeds, was jailed for six years at Leeds Crown Court on Monday for "
    "robbing the Halifax bank in Otley with a replica pistol while wearing a motorcycle "
    "helmet.\n\n"
    "Neighbours in his street said they were shocked.\n\n"
    "The raiders took 12,000 pounds.\n"
)


# A wire court story and a two-sentence brief a paper wrote from it, reworded throughout: no
# copy aligns, and the brief has too few sentences of its own to reach candidates on three.
COURT_WIRE = (
    "A former soldier struck a taxi driver on the head with a claw hammer after an argument over "
    "a fare outside a Bradford nightclub, a court heard today.\n\n"
    "Darren Pike, 29, of Thornbury, admitted wounding Imran Malik with intent in the early hours "
    "of March 14.\n\n"
    "Mr Malik, a father of three, needed 22 stitches to a wound above his left ear and has not "
    "worked since.\n\n"
    "Bradford Crown Court heard that Pike had drunk ten pints of lager before he hailed the "
    "cab.\n\n"
    "Judge Alan Hughes jailed him for five years and told him the attack had been cowardly and "
    "unprovoked.\n\n"
    "Pike's barrister said his client had served in Bosnia and was deeply ashamed.\n"
)
COURT_BRIEF = (
    "An ex-soldier who hit a cabbie over the head with a claw hammer in a row about a fare was "
    "jailed for five years yesterday.\n\n"
    "Darren Pike, 29, wounded Imran Malik outside a nightclub in Bradford.\n"
)

# Two unrelated three-sentence briefs meeting in one stock sentence.
FLOOD = (
    "Firefighters pumped water out of 40 homes in Tewkesbury after the River Avon burst its "
    "banks overnight.\n\n"
    "Police said it was too early to say when residents could return.\n\n"
    "Sandbags are being handed out at the town hall.\n"
)
FRAUD = (
    "A Leicester solicitor has been struck off after taking 80,000 pounds from the estates of "
    "two elderly clients.\n\n"
    "The tribunal said it was too early to say whether the money could be recovered.\n\n"
    "She had practised in the city for 19 years.\n"
)

# Two earnings briefs of different companies, laid out as wire services file them: every line
# but the headline is a figure against last year's, so each line meets the other brief's.
EARNINGS_A = (
    "HARLAN TOOL CORP <HTC> 4TH QTR NET\n\n"
    "Shr 25 cts vs 20 cts\n\n"
    "Net 1,234,000 vs 987,000\n\n"
    "Revs 10.1 mln vs 9.8 mln\n\n"
    "Avg shrs 4,900,000 vs 4,850,000\n\n"
    "Note: 1986 net includes a gain of 300,000 dlrs from the sale of a unit.\n"
)
EARNINGS_B = (
    "MERCER FOODS INC <MFI> 1ST QTR NET\n\n"
    "Shr 27 cts vs 29 cts\n\n"
    "Net 2,110,000 vs 2,300,000\n\n"
    "Revs 31.4 mln vs 30.2 mln\n\n"
    "Avg shrs 7,800,000 vs 7,900,000\n\n"
    "Note: 1986 net includes a charge of 1.2 mln dlrs for the closing of a plant.\n"
)

# Two companies' initial-dividend briefs: the payment sentence is the wire's stock prose, the
# companies differ.
DIVIDEND_A = (
    "POREX TECHNOLOGIES SETS INITIAL DIVIDEND\n\n"
    "Porex Technologies Corp said its board declared an initial quarterly dividend of five "
    "cts a share.\n\n"
    "The dividend is payable April 1 to holders of record March 20.\n"
)
DIVIDEND_B = (
    "MEDCO CONTAINMENT SETS INITIAL PAYOUT\n\n"
    "Medco Containment Services Inc said it declared its first payout, a dividend of 10 cts "
    "a share.\n\n"
    "The dividend is payable April 1 to holders of record March 20.\n"
)
# Two bond briefs whose shared name is inside the stock sentence that matched.
BOND_A = (
    "Caisse Centrale is issuing a 12 billion yen eurobond due 1994 paying five pct.\n\n"
    "Lead manager is Union Bank of Switzerland.\n"
)
BOND_B = (
    "Fiat Finance is issuing a 100 mln dlr bond with warrants due 1992.\n\n"
    "Lead manager is Union Bank of Switzerland.\n"
)


def _models(embedder) -> Models:
    return Models(embedder, None)


def _reuse(result):
    return [f for f in result.findings if f.kind is not Kind.CLAIM]


def test_a_shared_stock_sentence_does_not_link_two_unrelated_stories(
    tmp_path, write, fake_embedder
):
    write(tmp_path, "c/council.txt", COUNCIL)
    write(tmp_path, "c/football.txt", FOOTBALL)
    s = Settings(cache_path=tmp_path / "cache.sqlite", judge=False)
    result = compare([str(tmp_path / "c")], s, models=_models(fake_embedder))
    found = [(f.a.text, f.b.text) for f in _reuse(result)]
    assert found == [], f"stock wording reported as reuse: {found}"


def test_a_short_rewritten_sentence_is_found_between_articles_sharing_a_copy(
    tmp_path, write, fake_embedder
):
    write(tmp_path, "c/pa.txt", WIRE)
    write(tmp_path, "c/sun.txt", PAPER)
    s = Settings(cache_path=tmp_path / "cache.sqlite", judge=False)
    result = compare([str(tmp_path / "c")], s, models=_models(fake_embedder))
    kinds = {(str(f.kind), f.b.text if f.b.article == "sun" else f.a.text) for f in _reuse(result)}
    assert any(k == "verbatim" and t.startswith("Fred Bloggs, 43") for k, t in kinds), kinds
    assert ("paraphrase", "The raiders took 12,000 pounds.") in kinds, kinds


def test_a_finding_links_a_pair_and_a_lone_candidate_does_not():
    shingles_once = {(0, 4): [(2, 3)]}
    near_once = {(0, 2): {(4, 7): 0.71}}
    accepted_once = {(0, 3): {(1, 1): PairScore(0.5, 0.8)}}
    linked = linked_pairs({(0, 1): ["a copy"], (1, 2): []}, shingles_once, accepted_once, near_once)
    assert linked == {(0, 1)}


def test_candidates_link_when_they_reach_three_sentences_on_each_side():
    # One sentence near three others: three pairs, but one sentence on the left.
    one_to_many = {(1, 5): 0.7, (1, 6): 0.7, (1, 7): 0.7}
    throughout = {(1, 5): 0.7, (2, 6): 0.65, (4, 9): 0.62}
    assert linked_pairs({}, {}, {}, {(0, 1): one_to_many}) == set()
    assert linked_pairs({}, {}, {}, {(0, 1): throughout}) == {(0, 1)}
    # Shingle candidates (a story's names kept in its rewritten sentences), accepted and related
    # pairs count together.
    shingles = {(0, 1): [(1, 5), (1, 6)]}
    accepted = {(0, 1): {(2, 6): PairScore(0.9, 0.9)}}
    assert linked_pairs({}, shingles, accepted, {(0, 1): {(4, 9): 0.6}}) == {(0, 1)}
    assert linked_pairs({}, shingles, accepted, {}) == set()


def test_a_brief_rewritten_from_a_long_wire_story_is_linked(tmp_path, write, fake_embedder):
    write(tmp_path, "c/pa.txt", COURT_WIRE)
    write(tmp_path, "c/mirror.txt", COURT_BRIEF)
    s = Settings(cache_path=tmp_path / "cache.sqlite", judge=False)
    result = compare([str(tmp_path / "c")], s, models=_models(fake_embedder))
    in_brief = [f.b if f.b.article == "mirror" else f.a for f in _reuse(result)]
    assert any("claw hammer" in side.text for side in in_brief), in_brief


def test_two_unrelated_short_stories_sharing_one_stock_sentence_are_not_linked(
    tmp_path, write, fake_embedder
):
    write(tmp_path, "c/flood.txt", FLOOD)
    write(tmp_path, "c/fraud.txt", FRAUD)
    s = Settings(cache_path=tmp_path / "cache.sqlite", judge=False)
    result = compare([str(tmp_path / "c")], s, models=_models(fake_embedder))
    found = [(f.a.text, f.b.text) for f in _reuse(result)]
    assert found == [], f"stock wording reported as reuse: {found}"


def test_lines_of_figures_are_not_prose():
    assert not is_prose("Shr 25 cts vs 20 cts")
    assert not is_prose("Qtly div 12 cts vs 12 cts prior Pay April 15 Record April 1")
    assert not is_prose("Revs 10.1 mln vs 9.8 mln Avg shrs 4,900,000 vs 4,850,000")
    assert is_prose("Darren Pike, 29, wounded Imran Malik outside a nightclub in Bradford.")
    assert is_prose("The company said its board declared a quarterly dividend of 12 cts.")


def test_earnings_briefs_meeting_line_for_line_are_not_linked(make_article):
    briefs = [segment(make_article(EARNINGS_A, "a")), segment(make_article(EARNINGS_B, "b"))]
    counts = [len(sg.sentences) for sg in briefs]
    assert counts == [6, 6], counts
    assert [is_prose(t.text) for t in briefs[0].sentences] == [False] * 5 + [True]
    # the notes near in meaning and so is a line of figures: a third of six sentences had the
    # table lines counted, and the one prose sentence of each all of their prose
    line_for_line = {(0, 1): {(1, 1): 0.8, (5, 5): 0.7}}
    sentences = [sg.sentences for sg in briefs]
    assert linked_pairs({}, {}, {}, line_for_line, sentences=sentences) == set()


def test_the_bar_scales_down_with_the_shorter_articles_prose(make_article):
    wire = segment(make_article(COURT_WIRE, "pa"))
    brief = segment(make_article(COURT_BRIEF, "mirror"))
    sentences = [wire.sentences, brief.sentences]
    assert len(brief.sentences) == 2, brief.sentences
    one_pair = {(0, 1): {(2, 0): 0.7}}
    # one sentence of a two-sentence brief is a third of it
    assert linked_pairs({}, {}, {}, one_pair, sentences=sentences) == {(0, 1)}
    # six sentences each need the full three
    six = [wire.sentences, wire.sentences]
    assert linked_pairs({}, {}, {}, one_pair, sentences=six) == set()
    two_pairs = {(0, 1): {(0, 0): 0.7, (3, 1): 0.6}}
    assert linked_pairs({}, {}, {}, two_pairs, sentences=six) == set()
    # without the sentences only the full bar applies
    assert linked_pairs({}, {}, {}, one_pair) == set()


def test_names_are_capitalised_runs_after_the_first_word_less_dates_and_titles():
    assert names_in("Darren Pike, 29, of Thornbury, admitted wounding Imran Malik.") == {
        "pike",
        "thornbury",
        "imran malik",
    }
    assert names_in("Judge Alan Hughes jailed him on Monday in March.") == {"alan hughes"}
    assert names_in("POREX TECHNOLOGIES SETS INITIAL DIVIDEND") == set()
    assert names_in("Police said the man had fled.") == set()


def test_briefs_of_different_companies_sharing_stock_prose_are_not_linked(make_article):
    a, b = segment(make_article(DIVIDEND_A, "a")), segment(make_article(DIVIDEND_B, "b"))
    sentences = [a.sentences, b.sentences]
    assert len(a.sentences) == len(b.sentences) == 3, a.sentences
    assert all(is_prose(x.text) for x in a.sentences[1:] + b.sentences[1:])
    # the payment sentences match, and so, near in meaning, do the declaration sentences:
    # two of three prose sentences, the scaled bar, but no company of one is named in the other
    near = {(0, 1): {(1, 1): 0.7, (2, 2): 0.95}}
    assert linked_pairs({}, {}, {}, near, sentences=sentences) == set()
    wire = segment(make_article(COURT_WIRE, "pa"))
    brief = segment(make_article(COURT_BRIEF, "mirror"))
    # the same bar between a court story and its brief: both name Darren Pike and Imran Malik
    near = {(0, 1): {(0, 0): 0.7, (1, 1): 0.8}}
    assert linked_pairs({}, {}, {}, near, sentences=[wire.sentences, brief.sentences]) == {(0, 1)}


def test_a_name_only_inside_the_matched_stock_sentence_does_not_link(make_article):
    a, b = segment(make_article(BOND_A, "a")), segment(make_article(BOND_B, "b"))
    assert len(a.sentences) == len(b.sentences) == 2, a.sentences
    near = {(0, 1): {(1, 1): 0.95}}
    assert linked_pairs({}, {}, {}, near, sentences=[a.sentences, b.sentences]) == set()
    assert not shares_a_name(a.sentences, b.sentences, {1}, {1})
    # named again outside the matched sentence, the bank is a shared subject
    again = segment(make_article(BOND_B + "\nUnion Bank of Switzerland priced it at 101.\n", "c"))
    assert shares_a_name(a.sentences, again.sentences, {1}, {1})
