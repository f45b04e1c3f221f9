"""quote_variants.variant: one word spelt two ways, and what is never a spelling."""

import pytest

from overlap.quote_variants import variant


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("honour", "honor"),
        ("organise", "organize"),
        ("travelled", "traveled"),
        ("learnt", "learned"),
        ("aug", "august"),
        ("recieve", "receive"),  # one slip of the keys, one side an English word
        ("b******", "bastard"),  # censored as papers print it: first letter, same length
        ("pasty", "pastie"),  # "-y" / "-ie" (a paper against PA, METER courts)
    ],
)
def test_spelling_variants(a, b):
    assert variant(a, b) and variant(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("increased", "increases"),  # another inflection
        ("murmurings", "murmuring"),
        ("unable", "able"),  # a negating prefix
        ("beer", "been"),  # a slip that makes another word is a changed word
        ("has", "had"),  # in a short word one letter is the meaning
        ("1997", "1998"),
        ("b******", "bloody"),  # the censored word had more letters
        ("may", "mar"),  # words of their own, not calendar abbreviations
        ("pastry", "pastie"),  # "-ie" for "-y" only
    ],
)
def test_never_a_spelling(a, b):
    assert not variant(a, b)
