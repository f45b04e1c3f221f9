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
