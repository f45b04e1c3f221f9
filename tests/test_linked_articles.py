"""Which article pairs are read for rewritten sentences (overlap/linked_articles.py)."""

from __future__ import annotations

from overlap import Kind, Settings, compare
from overlap.linked_articles import linked_pairs
from overlap.models import Models
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


def test_the_bar_scales_down_with_the_shorter_article():
    one_pair = {(0, 1): {(2, 0): 0.7}}
    # A 2-sentence brief against a 20-sentence wire story: one sentence of the brief is a third.
    assert linked_pairs({}, {}, {}, one_pair, sentence_counts=[20, 2]) == {(0, 1)}
    # Three sentences need two; twelve need the full three.
    assert linked_pairs({}, {}, {}, one_pair, sentence_counts=[3, 3]) == set()
    two_pairs = {(0, 1): {(2, 0): 0.7, (3, 1): 0.6}}
    assert linked_pairs({}, {}, {}, two_pairs, sentence_counts=[3, 3]) == {(0, 1)}
    assert linked_pairs({}, {}, {}, two_pairs, sentence_counts=[12, 12]) == set()
    # Without sentence counts the full bar applies.
    assert linked_pairs({}, {}, {}, one_pair) == set()
