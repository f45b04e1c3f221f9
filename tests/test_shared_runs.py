"""Short runs of words kept from a source already reused (overlap/shared_runs.py)."""

from overlap import Kind, Settings, compare
from overlap.align import align_copies
from overlap.models import Models
from overlap.segment import segment
from overlap.shared_runs import shared_runs, tiles
from overlap.textnorm import tokenize
from overlap.types import Article

WIRE = (
    "A former soldier who attacked two shop workers with a hammer during a raid on a "
    "village post office in Somerset was jailed for nine years at Taunton Crown Court "
    "yesterday. Gary Pike, 41, of Bridgwater, admitted robbery and grievous bodily harm. "
    "The judge said the staff had been left with injuries that would scar them for life."
)
COPIED = (
    "A former soldier who attacked two shop workers with a hammer during a raid on a "
    "village post office in Somerset was jailed for nine years"
)


def seg(name: str, text: str):
    return segment(Article(name, name, text, "txt"))


def copies_of(wire, paper):
    return {(0, 1): align_copies(wire, paper, (0, 0, 0, 0), 8, 0.7)}


def test_a_wire_phrase_inside_a_new_sentence_is_found_beside_a_copy():
    wire = seg("pa", WIRE)
    paper = seg(
        "mirror",
        f"{COPIED} yesterday. Neighbours said Pike, who admitted robbery and grievous bodily "
        "harm, had boasted in a pub about the raid.",
    )
    found = copies_of(wire, paper)
    assert [f.b.text for f in found[(0, 1)]] == [COPIED]
    (run,) = shared_runs([wire, paper], [(0, 1)], found, set())
    assert run.kind is Kind.VERBATIM
    assert run.b.text == "admitted robbery and grievous bodily harm"
    assert run.a.text == run.b.text and run.a.article == "pa"


def test_a_run_may_cross_a_sentence_end_and_keeps_out_of_found_words():
    wire = seg("pa", WIRE)
    paper = seg(
        "sun",
        f"{COPIED} for the raid. The hearing was at Taunton Crown Court yesterday. "
        "Gary Pike, 41, wept as he was led away.",
    )
    found = copies_of(wire, paper)
    runs = shared_runs([wire, paper], [(0, 1)], found, set())
    texts = [f.b.text for f in runs]
    # the copy stage took the first sentence up to "years"; the rest of the kept words follow
    assert texts == ["at Taunton Crown Court yesterday. Gary Pike, 41"]
    assert all(f.b.start >= found[(0, 1)][0].b.end for f in runs)


def test_an_article_written_apart_shares_stock_phrases_but_no_run_is_reported():
    # The same event in the paper's own words: "was jailed for nine years" is shared, but
    # nothing else of the pair is reuse, so the share gate leaves it out.
    wire = seg("pa", WIRE)
    paper = seg(
        "times",
        "Shop staff in a Somerset village feared for their lives when a masked man burst in. "
        "Pike was jailed for nine years after a short hearing.",
    )
    assert shared_runs([wire, paper], [(0, 1)], {}, set()) == []
    # without the gate the phrase is found: the gate is what leaves it out
    loose = shared_runs([wire, paper], [(0, 1)], {}, set(), min_share=0.0)
    assert [f.b.text for f in loose] == ["was jailed for nine years"]


def test_runs_of_stop_words_only_are_not_reuse():
    wire = seg("pa", "He said that he had been at the house when the police arrived there.")
    paper = seg("star", "Pike told friends that he had been at the pub all night long.")
    assert shared_runs([wire, paper], [(0, 1)], {}, set(), min_share=0.0) == []


def test_tiles_take_the_longest_run_and_may_use_a_source_phrase_twice():
    a = tokenize("jailed for life at Leeds, and jailed for life at Leeds Crown Court on Monday")
    b = tokenize("was jailed for life at Leeds Crown Court and later jailed for life at Leeds")
    # the longer of the two places first; the repeat later in b is matched as well
    assert tiles(a, b, 4) == [((6, 13), (1, 8)), ((0, 5), (10, 15))]


def test_compare_reports_the_kept_phrase(tmp_path, write, fake_embedder):
    class NoNLI:
        model_id = "fake-nli"

        def predict(self, pairs):
            import numpy as np

            return np.array([[0.2, 0.6, 0.2]] * len(pairs))

    write(tmp_path, "story/pa.txt", WIRE + "\n")
    write(
        tmp_path,
        "story/mirror.txt",
        f"{COPIED} yesterday.\n\nOutside court his mother said the family would stand by him "
        "whatever the staff had been left with after that night.\n",
    )
    result = compare(
        [str(tmp_path / "story")],
        Settings(cache_path=tmp_path / "cache.sqlite", judge=False),
        models=Models(fake_embedder, NoNLI()),
    )
    texts = sorted(
        f.b.text if f.b.article.endswith("mirror") else f.a.text for f in result.findings
    )
    # a rewrite needs most of a sentence, a copy eight words: only the run finds these six
    assert "the staff had been left with" in texts


def test_two_kept_names_count_only_where_the_article_is_mostly_reused():
    # The two-word tier is off by default (shared_runs.SHORT_WORDS): asked for, it finds a kept
    # name where the article is mostly reused, and nowhere else.
    wire = seg("pa", WIRE)
    mostly = seg("express", f"{COPIED}. In the dock Gary Pike wept.")
    found = copies_of(wire, mostly)
    assert [f.b.text for f in shared_runs([wire, mostly], [(0, 1)], found, set())] == []
    runs = shared_runs([wire, mostly], [(0, 1)], found, set(), short_words=2)
    assert [f.b.text for f in runs] == ["Gary Pike"]
    # the same copy inside a longer article of the paper's own: a name alone is not reuse
    own = (
        " Villagers said the shop had been robbed twice before and had only just reopened after "
        "a long closure. Its owners plan to install a screen at the counter and a camera outside, "
        "and a collection for the injured staff has raised several thousand pounds."
    )
    partly = seg("times", f"{COPIED}. In the dock Gary Pike wept.{own}")
    found = copies_of(wire, partly)
    assert [
        f.b.text for f in shared_runs([wire, partly], [(0, 1)], found, set(), short_words=2)
    ] == []


def test_runs_inside_page_chrome_are_not_reuse():
    # METER's PA takes (courts, 08.12.99, body) share their transmission slug: chrome, not reuse
    from overlap.chrome import find_chrome

    slug = "             15:26 08/12/99: Page 1 (HHH) COURTS Body\n"
    texts = [slug.replace("15:26", t) + WIRE for t in ("15:26", "11:16")]
    arts = [Article(n, n, t, "txt") for n, t in zip(("pa1", "pa2"), texts, strict=True)]
    chrome = find_chrome(arts)
    segs = [segment(a, chrome[a.id]) for a in arts]
    found = {(0, 1): align_copies(segs[0], segs[1], (0, 0, 0, 0), 8, 0.7)}
    runs = shared_runs(segs, [(0, 1)], found, set(), min_share=0.0)
    assert not any("Page" in f.a.text or "08/12/99" in f.a.text for f in runs)
