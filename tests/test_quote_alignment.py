"""A quotation's words laid on a source's: the matched stretch and the words it changed."""

from __future__ import annotations

from overlap.quote_alignment import align_quote, quote_words

SOURCE = "He said: We will not give up our honour, whatever the cost, and we will win the vote."


def words(text: str):
    return quote_words(text, [(0, len(text))])


def aligned(quote: str):
    return align_quote(words(quote), words(SOURCE))


def test_exact_part_of_the_source_matches_at_its_offsets_without_changes():
    m = aligned("we will not give up our honour")
    assert m is not None and m.changes == ()
    assert SOURCE[m.start : m.end] == "We will not give up our honour"


def test_a_spelling_variant_is_no_change():
    m = aligned("We will not give up our honor, whatever the cost")
    assert m is not None and m.changes == ()


def test_a_replaced_word_is_named_with_both_sides():
    m = aligned("We will not give up our dignity, whatever the cost")
    assert m is not None and m.changes == ("'honour' -> 'dignity'",)


def test_a_negation_left_out_is_a_change_even_at_an_ellipsis():
    m = aligned("We will ... give up our honour, whatever the cost")
    assert m is not None and m.changes == ("'not' dropped",)


def test_words_left_out_at_an_ellipsis_are_no_change():
    m = aligned("We will not give up our honour ... and we will win the vote")
    assert m is not None and m.changes == ()


def test_a_bracketed_insertion_is_the_editor_s_not_a_change():
    m = aligned("We will not give up [the party's] honour, whatever the cost")
    assert m is not None and m.changes == ()


def test_a_quote_the_source_does_not_have_is_no_match():
    assert aligned("Taxes will rise for every family in the county next spring") is None


def test_won_t_is_will_not_so_the_source_s_wording_is_no_change():
    assert [w.norm for w in words("We won't give up")] == ["we", "will", "not", "give", "up"]
    m = aligned("we won't give up our honour")
    assert m is not None and m.changes == ()


# METER: a newspaper cut the start of PA's quotation, and PA's quotation has the quote's first
# word ("The") earlier on as well; the alignment must not lay it there and call the words
# between "dropped".
PA_QUOTE = (
    "The Secretary of State must now act decisively to clarity patients' rights to long-term "
    "nursing care. The simplest, fairest and most cost-effective solution would be to entitle "
    "all those assessed as needing long-term nursing care to receive that care free."
)


def test_a_quote_cut_at_its_start_is_no_change_though_its_first_word_stands_earlier():
    quote = (
        "The simplest, fairest and most cost effective solution would be to entitle all those "
        "assessed as needing long-term nursing care to receive that care free."
    )
    m = align_quote(words(quote), words(PA_QUOTE))
    assert m is not None and m.changes == ()
    assert PA_QUOTE[m.start : m.end].startswith("The simplest")


def test_function_words_alone_do_not_find_a_short_quote():
    # "as if he was uptight" (The Times) against "as if he was going to carry on" (PA): the
    # shared words are in every passage, the quote's own word is not there
    source = "I saw the younger man go up as if he was going to carry on."
    assert align_quote(words("as if he was uptight"), words(source)) is None


def test_a_contraction_spelt_out_is_the_same_words():
    # Express: 'I've been stabbed.' PA: ``I heard him say to his girlfriend `I have been stabbed.'
    source = "I heard him say to his girlfriend I have been stabbed."
    m = align_quote(words("I've been stabbed."), words(source))
    assert m is not None and m.changes == ()
    assert align_quote(words("I'm not stabbed."), words(source)) is None


def test_each_change_is_placed_on_the_draft_words_it_is_about():
    quote = "We will not give up our dignity, whatever the cost, and we win the vote"
    m = aligned(quote)
    assert m is not None
    assert m.changes == ("'honour' -> 'dignity'", "'will' dropped")
    assert [quote[a:b] for a, b in m.where] == ["dignity", "win"]  # a drop: the word after it


# From METER courts (a newspaper against the PA copy): the same quotation as newspapers print
# it, every difference one of spelling or layout, not of words.
def test_british_past_tenses_and_calendar_abbreviations_are_spelling():
    src = words("she had learned to live with her anorexia; it was over the weekend of August 28")
    m = align_quote(
        words("she had learnt to live with her anorexia; it was over the weekend of Aug 28"), src
    )
    assert m is not None and m.changes == ()
    # another inflection still is a change, and "May" (a word of its own) is no abbreviation
    m = align_quote(words("she had learning to live with her anorexia"), src)
    assert m is not None and m.changes == ("'learned' -> 'learning'",)


def test_a_word_split_or_joined_by_the_typesetter_is_the_same_word():
    src = words("One dragged a snare and hanged itself and the snare acts like cheese wire")
    m = align_quote(
        words("One dragged a snare and hanged it self and the snare actslike cheese wire"), src
    )
    assert m is not None and m.changes == ()
    m = align_quote(words("One dragged a snare and hanged herself and the snare acts like"), src)
    assert m is not None and m.changes == ("'itself' -> 'herself'",)


def test_two_possessive_styles_are_the_same_words():
    src = words("the court heard that they thank Thomas's family for their support")
    m = align_quote(words("the court heard that they thank Thomas' family for their support"), src)
    assert m is not None and m.changes == ()
    # another name in its place still is a change
    m = align_quote(words("the court heard that they thank Peter's family for their support"), src)
    assert m is not None and m.changes == ("'Thomas's' -> 'Peter's'",)


def test_words_dropped_from_a_sentence_end_are_the_sentence_before_the_gap():
    # METER courts shape: a court speech quoted over two sentences, the first cut short
    src = words(
        "They searched the house and saw two dead bodies partly covered by clothing. The full "
        "horror of the crimes became apparent in the passage."
    )
    quote = (
        "They searched the house and saw two bodies. The full horror of the crimes became "
        "apparent in the passage."
    )
    m = align_quote(words(quote), src)
    assert m is not None
    assert m.changes == ("'dead' dropped", "'partly covered by clothing' dropped")
    assert [quote[a:b] for a, b in m.where] == ["bodies", "bodies"]


def test_a_slip_of_the_keys_is_spelling_but_a_slip_into_another_word_is_a_change():
    src = words("I have recieved the letter and we have been told to wait")
    m = align_quote(words("I have received the letter and we have been told to wait"), src)
    assert m is not None and m.changes == ()
    # "beer" for "been" (a PA typo of METER courts) is another word: still a change
    m = align_quote(words("I have recieved the letter and we have beer told to wait"), src)
    assert m is not None and m.changes == ("'been' -> 'beer'",)
    # an inflection is never a slip: "walked" / "walker" are both words
    src = words("she said the man walked to the station every day")
    m = align_quote(words("she said the man walker to the station every day"), src)
    assert m is not None and m.changes == ("'walked' -> 'walker'",)


def test_a_negation_before_the_quote_counts_only_in_the_quotes_own_sentence():
    # METER courts shape: the paper quotes the witness from after his one-word answer
    m = align_quote(
        words("Why should I? I never got an apology"),
        words("No. Why should I? I never got an apology."),
    )
    assert m is not None and m.changes == ()
    m = align_quote(words("should resign now"), words("he should not resign now"))
    assert m is not None and m.changes == ("'not' dropped",)


def test_an_s_contraction_spelt_out_is_the_same_words():
    src = words("We want to put this behind us now and it's been an horrendous time for us all")
    m = align_quote(
        words("We want to put this behind us now and it has been an horrendous time for us all"),
        src,
    )
    assert m is not None and m.changes == ()
    m = align_quote(
        words("We want to put this behind us now and it had been an horrendous time for us all"),
        src,
    )
    assert m is not None and m.changes == ("'it's' -> 'it had'",)


def test_a_quote_starting_on_a_repeated_word_drops_nothing_between_its_copies():
    src = words("He is clearly very, very evil and very wicked. Wicked and evil beyond belief")
    m = align_quote(words("wicked and evil beyond belief"), src)
    assert m is not None and m.changes == ()
    # a word really left out inside the quote still is a change
    m = align_quote(words("very evil and wicked"), words("very evil and very wicked"))
    assert m is not None and m.changes == ("'very' dropped",)


def test_a_one_letter_change_in_a_short_word_is_a_change():
    # "justice had been done" against the PA copy's "justice has been done" (METER courts)
    m = align_quote(words("he said justice had been done"), words("he said justice has been done"))
    assert m is not None and m.changes == ("'has' -> 'had'",)


def test_a_censored_word_is_the_word_the_source_prints():
    # METER courts: a paper's "b******" for the PA copy's word, the same length
    src = words("He shouted: You are a bastard and a liar, get out")
    m = align_quote(words("You are a b****** and a liar"), src)
    assert m is not None and m.changes == ()
    # shorter than the word: another word, a change
    m = align_quote(words("You are a b**** and a liar"), src)
    assert m is not None and m.changes == ("'bastard' -> 'b****'",)
    # asterisks with letters after them ("f**k") are one word
    assert [w.norm for w in words("f**k off")] == ["f***", "off"]


# PA court copy (METER courts 04.10.99 patient), a counsel's words over two sentences, with the
# agency's own clarifications in round brackets.
PA = (
    "Each of the four defendants was, in the submission of the Crown, grossly negligent. "
    "Each defendants' gross negligence was a substantial cause of the death, so in law each "
    "defendant is guilty of manslaughter."
)


def on_pa(quote: str, source: str = PA):
    return align_quote(words(quote), words(source))


def test_a_quote_of_one_sentence_is_laid_on_that_sentence():
    # the second sentence shares "each", "defendants", "was" with the first: read on the first,
    # the change was told as "'of the four' dropped"
    m = on_pa(
        "Each defendants' gross negligence was a substantial cause of the death, so in law each "
        "defendant is guilty of murder"
    )
    assert m is not None and m.changes == ("'manslaughter' -> 'murder'",)


def test_a_phrase_left_out_is_dropped_not_the_words_after_it_added():
    m = on_pa("Each of the four defendants was grossly negligent.")
    assert m is not None and m.changes == ("'in the submission of the Crown' dropped",)


def test_brackets_that_name_whom_a_pronoun_means_keep_the_meaning():
    source = (
        "The first defendant was the nurse who administered the drug to him (Mr Brettwood) by "
        "mistake."
    )
    m = on_pa("the nurse who administered the drug to [Mr Brettwood] by mistake", source)
    assert m is not None and m.changes == ()
    # the agency's own round brackets, left out, are no change either
    m = on_pa(
        "The first defendant was the nurse who administered the drug to him by mistake", source
    )
    assert m is not None and m.changes == ()
    # but a bracket beside words left out excuses only pronouns
    m = on_pa("the nurse who administered the drug [Mr Brettwood] by mistake", source)
    assert m is not None and m.changes == ("'to him' dropped",)


def test_a_quote_retold_with_half_its_words_in_a_few_changed_stretches_is_that_quote():
    # METER courts dev: a witness's account retold in a paper's own words keeps half the
    # words of the PA quote, changed in three places: that quotation, misquoted
    source = (
        "The initial exchanges were even, but the younger man was kicking and punching him on "
        "the ground."
    )
    quote = (
        "The initial exchanges were even, but then the younger man pulled out a knife and a "
        "heavy wooden club."
    )
    m = align_quote(words(quote), words(source))
    assert m is not None
    assert m.changes == (
        "'then' added",
        "'was kicking' -> 'pulled out a knife'",
        "'punching him on the' -> 'a heavy wooden club'",
    )


def test_a_contraction_dropped_is_named_once():
    # BBC entertainment/201 against a draft: "I don't think" quoted as "I think"
    m = align_quote(
        words("It was a real shock but I think we deserved to beat The Office."),
        words("It was a real shock but I don't think we deserved to beat The Office."),
    )
    assert m is not None and m.changes == ("'don't' dropped",)
