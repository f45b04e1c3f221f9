"""Typed checks on real sentences from the seeds and their near variants."""

from __future__ import annotations

from overlap.align import word_diff
from overlap.evidence import (
    check_dates,
    check_direction,
    check_hedging,
    check_names,
    check_negation,
    check_numbers,
    check_opposites,
    from_other_side,
    run_checks,
)
from overlap.types import Span


def span(text, article="a", start=0):
    return Span(article, start, start + len(text), text)


def pair(x, y):
    a, b = span(x, "a"), span(y, "b", 100)
    return a, b, word_diff(a, b)


def test_number_with_comma_differs_and_shows_both():
    a, b, _ = pair(
        "the two leaders discussed drones along the 1,954-mile shared border",
        "the two leaders discussed drones along the 2,000-mile shared border",
    )
    [ev] = [e for e in check_numbers(a, b) if e.relation == "differs"]
    assert ev.message == 'number differs: "1,954-mile" here, "2,000-mile" in the source'
    assert "number differs: number" not in ev.message  # one prefix, no made-up plural
    assert (
        ev.a.text == "1,954" and ev.b.text == "2,000" and ev.b.start == 100 + b.text.index("2,000")
    )


def test_money_suffixes_agree():
    a, b, _ = pair(
        "The city got a $1M grant from the state.",
        "The city got a $1 million grant from the state.",
    )
    assert [e.relation for e in check_numbers(a, b)] == ["same"]
    assert [e for e in run_checks(a, b, ()) if e.relation == "differs"] == []


def test_number_without_counterpart_is_not_compared():
    a, b, _ = pair(
        "Police said 12 people were hurt in the blast on the bridge.",
        "Police said people were hurt in the blast on the bridge.",
    )
    assert check_numbers(a, b) == []


def test_hedged_number_agrees():
    a, b, _ = pair("the border is nearly 2,000 miles long", "the border is 1,954 miles long")
    assert check_numbers(a, b)[0].relation == "same"


def test_dates_in_different_formats_agree_and_differ():
    a, b, _ = pair(
        "Obama arrived in Mexico on May 2, 2013.", "Obama arrived in Mexico on 2 May 2013."
    )
    assert check_dates(a, b, None, None)[0].relation == "same"
    a, b, _ = pair(
        "Obama arrived in Mexico on May 2, 2013.", "Obama arrived in Mexico on May 9, 2013."
    )
    assert check_dates(a, b, None, None)[0].relation == "differs"
    # "back in May" resolved with each article's own date
    a, b, _ = pair(
        "Obama met his counterpart back in May.", "Obama met his counterpart in May 2013."
    )
    assert check_dates(a, b, "2013-07-05", None)[0].relation == "same"
    a, b, _ = pair(
        "The minister resigned on Tuesday, officials said.",
        "The minister resigned on Friday, officials said.",
    )
    [ev] = check_dates(a, b, "2013-06-01", "2013-06-01")
    assert ev.relation == "differs" and '"Tuesday"' in ev.message and '"Friday"' in ev.message


def test_spelling_variant_is_one_person_but_another_name_differs():
    a, b, diff = pair(
        "make sure that Peña Nieto is on the same page as Obama",
        "make sure that Pena Nieto is on the same page as Obama",
    )
    assert [e for e in check_names(a, b, diff) if e.relation == "differs"] == []
    a, b, diff = pair(
        "make sure that Peña Nieto is on the same page as Obama",
        "make sure that Peña Nieto is on the same page as Calderón",
    )
    [ev] = check_names(a, b, diff)
    assert ev.relation == "differs"
    assert ev.message == 'name differs: "Obama" here, "Calderón" in the source'


def test_negation_inserted():
    a, b, diff = pair(
        "The new arrangement would damage its security partnership.",
        "The new arrangement would not damage its security partnership.",
    )
    [ev] = check_negation(a, b, diff)
    assert ev.relation == "differs" and ev.b.text == "not" and ev.a is None


def test_both_sides_negative_is_no_difference():
    a, b, diff = pair(
        "The index did not reach the 2,000 level on Monday.",
        "The index failed to reach the 2,000 level on Monday.",
    )
    assert check_negation(a, b, diff) == []


def test_quantifier_and_modality_swaps():
    a, b, diff = pair(
        "All workers will get the bonus this year, the firm said.",
        "Some workers may get the bonus this year, the firm said.",
    )
    kinds = {e.check for e in run_checks(a, b, diff) if e.relation == "differs"}
    assert kinds == {"quantifier", "modality"}


def test_opposite_direction_needs_the_aligned_subject():
    a, b, _ = pair(
        "Sales rose 5 pct in March, the company said.",
        "Sales fell 5 pct in March, the company said.",
    )
    [ev] = check_direction(a, b)
    assert ev.relation == "differs" and "rose" in ev.message and "fell" in ev.message
    # the seeds' false alarm: direction words in unaligned text are no evidence
    a, b, _ = pair(
        "The report highlights a strategic shift toward forgoing a closer working relationship.",
        "The strategy calls for deepening cooperation.",
    )
    assert check_direction(a, b) == []
    a, b, _ = pair("Intelligence sharing will increase.", "Intelligence sharing will grow.")
    assert check_direction(a, b) == []


def test_hedge_versus_assertion():
    a, b, _ = pair(
        "This new policy could hamper cooperation.", "This new policy hampers cooperation."
    )
    [ev] = check_hedging(a, b)
    assert ev.relation == "hedged" and ev.a.text == "could"


def test_identical_sentences_give_no_differences():
    text = "Despite scarce details, the two leaders discussed the 1,954-mile border in May 2013."
    a, b, diff = pair(text, text)
    assert [e for e in run_checks(a, b, diff) if e.relation == "differs"] == []


def test_a_message_told_from_the_other_side_swaps_here_and_the_source():
    assert (
        from_other_side('name differs: "Woolf" here, "Justice Mummery" in the source')
        == 'name differs: "Justice Mummery" here, "Woolf" in the source'
    )
    assert from_other_side('negation differs: "not" here only') == (
        'negation differs: "not" in the source only'
    )
    # a side with the date its words were resolved to swaps whole (a draft's "late June"
    # against the source's "yesterday" was told the wrong way round)
    assert from_other_side('date differs: "yesterday" (1999-09-27) here, "June" in the source') == (
        'date differs: "June" here, "yesterday" (1999-09-27) in the source'
    )
    # a message without sides stays as it is
    assert from_other_side('number agrees: "29" ~ "29 years"') == 'number agrees: "29" ~ "29 years"'


def test_a_word_replaced_by_its_opposite_in_the_same_words():
    # BBC business (the tobacco ruling), "higher" changed to "lower" between shared words
    a, b, _ = pair(
        "Shares of tobacco companies closed lower after the ruling.",
        "Shares of tobacco companies closed higher after the ruling.",
    )
    [ev] = check_opposites(a, b)
    assert ev.check == "opposite" and ev.relation == "differs"
    assert (ev.a.text, ev.b.text) == ("lower", "higher")
    # a compass point (Reuters-21578 15073, the JAL crash "into a mountain north of Tokyo")
    a, b, _ = pair(
        "There were only four survivors when the jet hit a mountain south of Tokyo.",
        "There were only four survivors when the aircraft crashed into a mountain north of Tokyo.",
    )
    [ev] = check_opposites(a, b)
    assert (ev.a.text, ev.b.text) == ("south", "north")


def test_two_sides_of_a_stance_in_one_slot_are_opposite_words():
    # Reuters-21578 9315 and BBC politics/045, one stance word changed for the other side's
    cases = [
        (
            "The administration has welcomed the transfer of authority from Reagan to Yeutter.",
            "The administration has strongly objected to this transfer of authority from Reagan "
            "to Yeutter.",
            ("welcomed", "objected"),
        ),
        (
            "He signed a parliamentary motion backing expansion plans for Edinburgh Airport.",
            "As an MSP, he signed a parliamentary motion questioning expansion plans for "
            "Edinburgh Airport.",
            ("backing", "questioning"),
        ),
        (
            "The report said the crew were blamed for the disaster.",
            "The report said the crew were cleared of any responsibility for the disaster.",
            ("blamed", "cleared"),
        ),
    ]
    for here, there, words in cases:
        a, b, _ = pair(here, there)
        [ev] = check_opposites(a, b)
        assert ev.check == "opposite" and (ev.a.text, ev.b.text) == words


def test_a_relative_or_an_offence_swapped_for_another_is_a_changed_fact():
    # PA, METER courts 04.10.99 patient, one word changed
    a, b, _ = pair(
        "A nurse gave him the dose by mistake as his wife and son visited him at the home.",
        "A nurse gave him the dose by mistake as his wife and daughter visited him at the home.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'another person: "son" here, "daughter" in the source'
    a, b, _ = pair(
        "The defendants, who are all charged with murder, all deny the charge.",
        "The defendants, who are all charged with manslaughter, all deny the charge.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'another offence: "murder" here, "manslaughter" in the source'
    # an offence against a word that is none is no swap
    a, b, _ = pair(
        "The defendants, who are all charged with murder, all deny the charge.",
        "The defendants, who are all charged with it, all deny the charge.",
    )
    assert check_opposites(a, b) == []


def test_a_stance_kept_or_negated_is_no_opposite():
    for here, there in [
        # one side's words twice: the same stance
        (
            "The union backed the deal, its leader said.",
            "The union supported the deal, its leader said.",
        ),
        # "did not criticise" is no praise, and no opposite of it either
        (
            "The minister praised the plan on Monday.",
            "The minister did not criticise the plan on Monday.",
        ),
    ]:
        a, b, _ = pair(here, there)
        assert check_opposites(a, b) == []


def test_opposites_need_the_same_slot_and_a_pair():
    a, b, _ = pair(  # two words of no pair; and a pair's words in different slots
        "Shares of tobacco companies closed firmer after the ruling.",
        "Shares of tobacco companies closed higher after the ruling.",
    )
    assert check_opposites(a, b) == []
    a, b, _ = pair(
        "Profits were higher than forecast, but sales were flat.",
        "Sales were lower in March, the company said in a statement.",
    )
    assert check_opposites(a, b) == []


def test_a_word_and_its_negative_prefix_form_are_opposites():
    # Reuters-21578 (Shearson Lehman's analyst) against a draft written from it
    a, b, _ = pair(
        "Sanford Margoshes told clients that a sweetened offer was impossible.",
        "Sanford Margoshes told clients this morning that a sweetened offer was possible.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'opposite words: "impossible" here, "possible" in the source'
    # a prefix that is no negation ("inform" / "form") is no opposite
    a, b, _ = pair("The board will inform the staff today.", "The board will form the staff today.")
    assert check_opposites(a, b) == []


def test_parallel_phrases_with_opposite_words_in_one_place():
    # "a small discount" / "a significant premium": two words each, built alike
    a, b, _ = pair(
        "It ended up paying 5.67 billion dlrs for the stake, a small discount to its original bid.",
        "It ended up paying 5.67 billion dlrs for the stake, a significant premium to its "
        "original bid of about 5.2 billion dlrs.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'opposite words: "discount" here, "premium" in the source'
    a, b, _ = pair(
        "BP managing director David Simon confirmed today that BP would raise the offer.",
        "And despite BP managing director David Simon's denial today that BP would raise the "
        "offer, the analysts said that remained a distinct possibility.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'opposite words: "confirmed" here, "denial" in the source'
    # a negation in the slot says no opposite
    a, b, _ = pair(
        "It ended up paying 5.67 billion dlrs for the stake, not a discount to its original bid.",
        "It ended up paying 5.67 billion dlrs for the stake, a significant premium to its bid.",
    )
    assert check_opposites(a, b) == []


def test_another_medal_is_a_changed_fact():
    # BBC sport/077 against a draft: "secured bronze" told as "won silver"
    a, b, _ = pair(
        "Riley had won silver for the GB men's team at last month's European Championships.",
        "Peter Riley, who secured bronze for the GB men's team at last month's European "
        "Championships, won the men's 9km race.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'another medal: "silver" here, "bronze" in the source'


def test_top_and_bottom_of_a_range_are_opposites():
    # BBC business/233 against a draft
    a, b, _ = pair(
        "If the final price is at the bottom of the range, the company could be valued at as "
        "much as 200m euros.",
        "If the final price is at the top of the range, the company could be valued at as much "
        "as 200m euros.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'opposite words: "bottom" here, "top" in the source'


def test_stance_words_next_to_the_same_words_oppose_across_a_long_slot():
    # BBC politics/050 against a draft: the slot between "announcement" and "opposition
    # parties" is twelve words on the source's side; the words next to "opposition" oppose
    a, b, _ = pair(
        "The announcement was opposed by the opposition parties.",
        "The afternoon announcement, following a cabinet meeting on Wednesday morning, won "
        "broad support from opposition parties.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'opposite words: "opposed" here, "support" in the source'
    # stance words far from the shared words say nothing of each other
    a, b, _ = pair(
        "Critics opposed the plan, which the announcement of Monday set out for the parties.",
        "The announcement, which critics had widely expected to win support, went to the parties.",
    )
    assert check_opposites(a, b) == []


def test_how_the_speaker_took_it_and_how_many_times_over_are_changed_facts():
    a, b, _ = pair(
        "Eleanor Scott said she was disappointed Scotland would follow New York.",
        "Eleanor Scott said she was pleased Scotland would follow New York.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'opposite words: "disappointed" here, "pleased" in the source'
    a, b, _ = pair("Nigeria plans to double cocoa output.", "Nigeria plans to triple cocoa output.")
    [ev] = check_opposites(a, b)
    assert ev.message == 'another multiple: "double" here, "triple" in the source'
    a, b, _ = pair("Sales doubled last year.", "Sales doubled last year.")
    assert check_opposites(a, b) == []


def test_another_honour_at_a_headline_s_end_is_a_changed_fact():
    # BBC tech/100 against a draft headline: the headline ends at the honour, so its slot is
    # one word against the rest of the source sentence
    a, b, _ = pair(
        "Games maker Molyneux made an MBE",
        "Leading British games maker Peter Molyneux has been made an OBE in the New Year "
        "Honours list.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'another honour: "MBE" here, "OBE" in the source'
    a, b, _ = pair("Molyneux made an OBE", "Molyneux has been made an OBE in the list.")
    assert check_opposites(a, b) == []


def test_the_living_and_the_dead_swapped_and_shock_against_a_welcome_are_opposites():
    # METER courts PA (12.07.99, gamekeeper) against a draft
    a, b, _ = pair(
        "RSPCA inspectors found three badgers, two alive and one dead, on the site.",
        "RSPCA inspectors found three badgers, two dead and one alive on the site.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'opposite words: "alive" here, "dead" in the source'
    a, b, _ = pair(
        "Dickon Knight, an agent for the estate, welcomed the sentence.",
        "Dickon Knight, an agent for Holker Hall Estate, expressed his shock and surprise at "
        "the sentence.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'opposite words: "welcomed" here, "shock" in the source'


def test_continuing_and_discontinuing_are_opposites():
    # Reuters-21578 16577 against a draft
    a, b, _ = pair(
        "Dome said it was continuing talks with TransCanada.",
        "Dome said it was discontinuing talks with TransCanada.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'opposite words: "continuing" here, "discontinuing" in the source'


def test_a_rank_dropped_before_a_superlative_differs():
    # BBC business/120 against a draft: "the world's second largest cocoa exporter" told as
    # "the world's largest"
    a, b, _ = pair(
        "Ghana, the world's largest cocoa exporter, said its revenues had hit new records.",
        "Ghana - the world's second largest cocoa exporter - announced record revenues.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'rank differs: "largest" here, "second largest" in the source'
    # "-est" words that are no superlatives, and a rank before another word, are left alone
    a, b, _ = pair("Police broke up the second protest.", "Police broke up the protest.")
    assert check_opposites(a, b) == []


def test_who_won_and_a_derision_against_praise_are_opposites():
    # BBC entertainment/201 and politics/260 against drafts
    a, b, _ = pair(
        "Little Britain loses to The Office at Comedy Awards",
        "Top TV cult hit Little Britain has triumphed over The Office at the 15th annual "
        "British Comedy Awards.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'opposite words: "loses" here, "triumphed" in the source'
    a, b, _ = pair(
        "Conservative co-chairman Liam Fox praised the photo call.",
        "Conservative co-chairman Liam Fox derided the photo call, saying it was bad acting.",
    )
    [ev] = check_opposites(a, b)
    assert ev.message == 'opposite words: "praised" here, "derided" in the source'


def test_easing_efforts_is_the_other_direction_from_redoubling_them():
    # Reuters-21578 8602 against a draft
    a, b, _ = pair(
        "Nakasone told Trade Minister Hajime Tamura to ease his efforts to calm U.S. anger.",
        "Nakasone told Trade and Industry Minister Hajime Tamura to redouble his efforts to calm "
        "U.S. anger.",
    )
    [ev] = check_direction(a, b)
    assert ev.message == 'opposite direction: "ease" here, "redouble" in the source'


def test_as_soon_as_possible_is_no_hedge():
    a, b, _ = pair(
        "The fund will start the offer by a mailing to its shareholders.",
        "The fund intends to commence the offer by a mailing as soon as possible.",
    )
    assert check_hedging(a, b) == []
