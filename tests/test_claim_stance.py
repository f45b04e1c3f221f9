"""The stance rule of claim_stance.py on what the model read, with scripted NLI readings: the
sentences are from FNC-1 train bodies and headlines (a headline checked against its body)."""

from __future__ import annotations

import pytest

from overlap.claim_stance import Passage, about_subject, debunks_subject, decide

CLAIM = "Catholic Priest Dead For 48 Minutes, Is Miraculously Revived"
RESTATES = (
    "So lately, tongues have been wagging due to a recent story of an elderly priest who died "
    "and had a conversation with God."
)
DEBUNK = "O'Malley says the story is a hoax."
HEDGED = "The priest reportedly died for 48 minutes before doctors revived him."

ENTAILS = (0.85, 0.1, 0.05)
CONTRADICTS = (0.05, 0.15, 0.8)
NEUTRAL = (0.1, 0.8, 0.1)


def test_a_debunk_of_the_subject_away_from_the_closest_sentence_contradicts():
    # The closest sentence restates the claim (the model reads it as saying it); a later
    # sentence calls "the story" a hoax and the model, reading it after the restatement,
    # agrees: contradicted, on the debunk sentence.
    got = decide(
        CLAIM,
        [Passage(RESTATES, False, ENTAILS), Passage(f"{RESTATES} {DEBUNK}", True, CONTRADICTS)],
    )
    assert got is not None and got.relation == "contradicts" and got.index == 1
    assert got.reason.startswith("a source sentence about this claim's subject calls it untrue")
    assert '"hoax"' in got.reason


def test_a_debunk_the_model_does_not_read_leaves_the_claim_unsupported_not_supported():
    # The word list alone never contradicts; but a body that calls the story a hoax has not
    # confirmed it either, even where the model reads its restatement as saying the claim.
    got = decide(
        CLAIM, [Passage(RESTATES, False, ENTAILS), Passage(f"{RESTATES} {DEBUNK}", True, NEUTRAL)]
    )
    assert got is None


def test_a_claim_that_itself_denies_agrees_with_the_debunk():
    claim = "Everybody Relax, Banksy Wasn't Arrested And Exposed As A 35-Year-Old Man"
    debunk = "The story of Banksy's arrest, which bears a resemblance to a hoax, is false."
    got = decide(claim, [Passage(debunk, True, CONTRADICTS)])
    # not contradicted: both call the arrest untrue, so the debunk supports the claim
    assert got is not None and got.relation == "supports"


def test_the_claims_own_negation_is_no_basis_for_a_contradiction():
    claim = "Tour, agent: Tiger Woods not banned"
    passage = "Olsen also accused Woods of using shady golf balls."
    assert decide(claim, [Passage(passage, False, CONTRADICTS)]) is None


def test_a_denial_in_the_closest_passage_contradicts_when_the_model_agrees():
    claim = "Lebanon detains wife and son of Al-Baghdadi"
    passage = (
        "Earlier reports claiming that Lebanese officials had captured the wife and child of "
        "ISIS leader Abu Bakr al-Baghdadi, have now been denied by Iraq."
    )
    got = decide(claim, [Passage(passage, False, CONTRADICTS)])
    assert got is not None and got.relation == "contradicts"
    assert got.reason.startswith(
        'the source passage closest to this claim calls it into question ("denied")'
    )
    assert decide(claim, [Passage(passage, False, NEUTRAL)]) is None


def test_a_rumour_is_reported_not_denied():
    # "Rumors" is how a body reports a claim: neither a basis to contradict nor support.
    claim = "KANYE WEST BARRED FROM ALL FUTURE AWARDS SHOWS"
    passage = "Rumors are circulating that are too delicious to overlook."
    assert decide(claim, [Passage(passage, False, CONTRADICTS)]) is None
    assert decide(claim, [Passage(passage, False, ENTAILS)]) is None


def test_phrases_that_deny_nothing_are_no_debunk():
    claim = "Saudi Arabian cleric issues fatwa against snowmen"
    for text in (
        "No local government authority has officially confirmed or denied the fatwa.",
        "There is no denying that the fatwa against snowmen went viral.",
    ):
        assert not debunks_subject(claim, text)
        assert decide(claim, [Passage(text, False, CONTRADICTS)]) is None
    assert debunks_subject(claim, "The ministry denied that any fatwa was issued.")


def test_hedged_passages_do_not_support():
    assert decide(CLAIM, [Passage(HEDGED, False, ENTAILS)]) is None
    for hedge in (
        "If genuine, we are appalled by the brutal murder of an innocent American journalist.",
        "The footage has not been independently verified.",
        "Kayla Jean Mueller is understood to be the last U.S. hostage held by the group.",
    ):
        assert decide("ISIS beheads American journalist", [Passage(hedge, False, ENTAILS)]) is None


def test_a_claim_that_hedges_itself_is_not_supported_but_can_be_contradicted():
    # FNC-1 "discuss" / Emergent "observing" headlines: they report a claim, they do not make it
    passage = (
        "Al-Sabah, an Iraqi pro-government newspaper, reported this week that the fighters were "
        "being treated for Ebola."
    )
    for claim in (
        "HORROR: ISIS Fighters Have Reportedly Contracted Ebola",
        "Apple may launch 12-inch MacBook Air with Retina Display",
        "ISIS Claims to Have Intercepted Supplies From U.S. Airdrop",
    ):
        assert decide(claim, [Passage(passage, False, ENTAILS)]) is None
    # the same claim asserted is supported by a passage the model reads as saying it, when
    # the passage states it rather than passing on another paper's report
    stated = "Doctors in Mosul said the fighters were being treated for Ebola."
    got = decide("ISIS Fighters Have Contracted Ebola", [Passage(stated, False, ENTAILS)])
    assert got is not None and got.relation == "supports"
    assert decide("ISIS Fighters Have Contracted Ebola", [Passage(passage, False, ENTAILS)]) is None
    # and what a hedged claim reports can still be called untrue
    denial = "The Iraqi health ministry denied that any fighters had contracted Ebola."
    got = decide(
        "ISIS Fighters Have Reportedly Contracted Ebola", [Passage(denial, False, CONTRADICTS)]
    )
    assert got is not None and got.relation == "contradicts"


def test_no_evidence_agrees_with_a_claim_that_hedges_itself():
    # FNC-1 (discuss): the body says the claim is unproven, as the headline does itself
    claim = "Unconfirmed: ISIS Claims Kayla Mueller, American Female Hostage, Is Dead"
    unproven = (
        "The White House said it was looking into the claim but that so far there was no "
        "evidence that corroborated it"
    )
    assert decide(claim, [Passage(unproven, True, CONTRADICTS)]) is None
    assert decide(claim, [Passage(unproven, False, CONTRADICTS)]) is None
    # against a claim that asserts, "no evidence" is still a debunk
    asserted = "ISIS: Kayla Mueller, American Female Hostage, Is Dead"
    got = decide(asserted, [Passage(unproven, True, CONTRADICTS)])
    assert got is not None and got.relation == "contradicts"


def test_deny_that_refuses_is_no_debunk():
    claim = "ISIS Beheading of U.S. Journalist James Foley Posted to YouTube"
    for refusal in (
        "In a final insult, Foley is made to deny his birthright as a citizen of the U.S.",
        "Any attempt by you, Obama, to deny Muslims liberty will result in bloodshed, ISIS says.",
        "The journalist was denied access to a lawyer, the video says.",
    ):
        assert not debunks_subject(claim, refusal)
        assert decide(claim, [Passage(refusal, False, CONTRADICTS)]) is None
    for denial in (
        "YouTube denied having hosted the Foley video.",
        "That the video was posted to YouTube was denied by the company.",
        "YouTube went on to deny the report that it had hosted the Foley video.",
    ):
        assert debunks_subject(claim, denial)


def test_the_best_supporting_passage_supports():
    weak, strong = (0.4, 0.3, 0.3), (0.9, 0.05, 0.05)
    told = RESTATES + " He was dead for 48 minutes."
    passages = [Passage(told, False, weak), Passage(told + " He lived.", False, strong)]
    got = decide(CLAIM, passages)
    assert got is not None and got.relation == "supports" and got.index == 1
    # entailment must beat the model's contradiction
    assert decide(CLAIM, [Passage(told, False, (0.4, 0.1, 0.5))]) is None


def test_a_passage_without_the_claims_figure_does_not_support_it():
    # BBC sport and a draft headline: "Chelsea beat Liverpool 3-1" was supported by "Nunez beat
    # Cech to a high ball with six minutes remaining" (the score was 3-2)
    strong = (0.9, 0.05, 0.05)
    assert decide(CLAIM, [Passage(RESTATES, False, strong)]) is None
    # the best passage that gives the figure supports, though the model reads another higher
    told = RESTATES + " He was dead for forty-eight minutes."
    got = decide(CLAIM, [Passage(RESTATES, False, strong), Passage(told, False, (0.6, 0.2, 0.2))])
    assert got is not None and (got.relation, got.index) == ("supports", 1)
    # a rank gives its figure, and "N years ago" is a date, not a figure to find (Emergent dev)
    got = decide(
        "Jasmine Tridevil: The woman with three breasts",
        [Passage("A Florida woman got a third breast", False, strong)],
    )
    assert got is not None and got.relation == "supports"
    got = decide(
        "Forty years ago, Lego wrote a powerful letter to parents about how gender works",
        [Passage("Lego sent a letter to parents in the 1970s about gender", False, strong)],
    )
    assert got is not None and got.relation == "supports"
    # a passage with another figure still contradicts (a changed fact, not an unconfirmed one)
    got = decide(CLAIM, [Passage(told.replace("forty-eight", "18"), False, strong)])
    assert got is not None and got.relation == "contradicts"


def test_what_is_about_the_claims_subject():
    assert about_subject(CLAIM, DEBUNK)  # "the story" points back
    assert about_subject(CLAIM, "The priest's family called it a hoax.")  # shared word
    assert not about_subject(CLAIM, "Any attempt to deny Muslims liberty will fail.")
    assert debunks_subject(CLAIM, DEBUNK)
    assert not debunks_subject(CLAIM, RESTATES)  # about it, but no debunk
    assert not debunks_subject(CLAIM, "Any attempt to deny Muslims liberty will fail.")


class ReadsTheDebunk:
    """A scripted NLI model: contradiction for a premise that says "hoax", entailment else."""

    model_id = "scripted"

    def __init__(self):
        self.pairs = []

    def predict(self, pairs):
        self.pairs += list(pairs)
        return [CONTRADICTS if "hoax" in p else ENTAILS for p, _ in pairs]


def test_the_check_reads_a_debunk_far_from_the_closest_sentence(fake_embedder):
    from overlap.segment import segment
    from overlap.short_claims import judge_short_claim
    from overlap.types import Article

    claim = "Catholic priest dead for 48 minutes is miraculously revived"
    body = (
        "A Catholic priest was dead for 48 minutes and was miraculously revived, a blog wrote. "
        "The blog post was shared thousands of times.\n\n"
        "The archdiocese summoned a press conference on Friday.\n\n"
        "Cardinal O'Malley says the story is a hoax."
    )
    nli = ReadsTheDebunk()
    got = judge_short_claim(
        claim, [segment(Article("s", "s.txt", body, "txt"))], fake_embedder, nli
    )
    assert got is not None and got.relation == "contradicts"
    assert got.passage.text == "Cardinal O'Malley says the story is a hoax."
    # read beside the closest sentence, which restates what it calls a hoax
    assert any(p.startswith("A Catholic priest") and p.endswith("a hoax.") for p, _ in nli.pairs)


def test_opposite_direction_on_the_aligned_subject_contradicts_only_with_the_model():
    claim = "Oil prices rose sharply in March"
    passage = "Oil prices fell sharply in March, traders in London said."
    got = decide(claim, [Passage(passage, False, CONTRADICTS)])
    assert got is not None and got.relation == "contradicts"
    assert got.reason.startswith('opposite direction: "rose" here, "fell" in the source')
    # the word list alone is no contradiction
    assert decide(claim, [Passage(passage, False, NEUTRAL)]) is None
    # nor opposite words about different things
    other = "Shares of the airline fell after oil prices jumped in March."
    assert decide(claim, [Passage(other, False, CONTRADICTS)]) is None


def test_a_negated_shared_predicate_contradicts_whatever_the_model_reads():
    # Emergent: an article headline against the claim it reports. A slot difference on aligned
    # words is not vetoed by the model (issue 13 item 3).
    claim = "Banksy was not arrested in London"
    source = "Banksy was arrested in London and exposed as a 35-year-old man."
    for probs in (CONTRADICTS, NEUTRAL, ENTAILS):
        got = decide(claim, [Passage(source, False, probs)])
        assert got is not None and got.relation == "contradicts"
        assert got.reason.startswith('negation differs: "not" here only, on the words both say')


def test_the_second_storys_wire_contradicts_its_ruled_out_arson_without_the_model():
    claim = "Investigators have ruled out arson."
    wire = (
        "Okafor said investigators have not ruled out arson, but said there was no evidence "
        "so far that the fire was set deliberately."
    )
    got = decide(claim, [Passage(wire, False, NEUTRAL)])
    assert got is not None and got.relation == "contradicts"
    assert got.reason.startswith('negation differs: "not" in the source only')


def test_a_negation_of_words_the_other_side_lacks_needs_the_model_and_a_basis():
    # FNC-1 (agree): the body reports an earlier plan ("was playing", past) against the claim's
    # future ("will not play"): one role at two times, no contradiction on the negation alone.
    claim = "Christian Bale will not play Steve Jobs"
    earlier = "On Oct. 23, Sorkin told Bloomberg TV that Bale was playing Jobs."
    assert decide(claim, [Passage(earlier, False, CONTRADICTS)]) is None
    pulled_out = "Christian Bale has pulled out of the Steve Jobs biopic, sources said."
    assert decide(claim, [Passage(pulled_out, False, CONTRADICTS)]) is None


def test_a_negation_against_a_hedged_or_debunked_report_is_no_slot_difference():
    # The other side must assert the predicate: a report called a hoax agrees with the denial,
    # and a reported denial ("Shekau claims no ceasefire") is reported, not asserted.
    claim = "Banksy wasn't arrested in London"
    hoax = "Reports that Banksy was arrested in London are a hoax."
    got = decide(claim, [Passage(hoax, False, NEUTRAL)])
    assert got is not None and got.relation == "supports"  # both say it did not happen
    hedged = "Banksy was reportedly arrested in London on Monday."
    assert decide(claim, [Passage(hedged, False, NEUTRAL)]) is None


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # FNC-1: "Christian Bale will no longer play Steve Jobs" against the headline
        (
            "Christian Bale will play Steve Jobs in the biopic",
            "Christian Bale will no longer play Steve Jobs in the upcoming biopic, sources said.",
        ),
        # FNC-1 dev: the headline against its debunking body; "playing" is "play" on its stem
        (
            "Christian Bale to play Steve Jobs",
            "Christian Bale will no longer be playing Steve Jobs, sources said.",
        ),
    ],
)
def test_will_no_longer_is_a_negation_on_the_aligned_predicate(claim, passage):
    got = decide(claim, [Passage(passage, False, CONTRADICTS)])
    assert got is not None and got.relation == "contradicts"
    assert got.reason.startswith("negation differs")


SPIDER = "Spider burrowed into appendix scar, crawled through WA man's body"
DOUBT = (
    "Perth scientists have cast doubt over claims that a spider burrowed into a man's body "
    "during his first trip to Bali."
)


def test_a_close_passage_that_casts_doubt_contradicts_when_the_model_agrees():
    got = decide(SPIDER, [Passage(DOUBT, False, CONTRADICTS)])
    assert got is not None and got.relation == "contradicts"
    assert '"cast doubt"' in got.reason
    # the doubt is a basis, not a verdict: without the model's contradiction nothing is found
    assert decide(SPIDER, [Passage(DOUBT, False, NEUTRAL)]) is None


def test_no_doubt_affirms_and_is_no_basis():
    claim = "Christian Bale in Talks to Play Steve Jobs"
    passage = (
        "While no doubt a towering, relevant figure in both technology and culture, Jobs "
        "remains a hard sell at the box office."
    )
    assert decide(claim, [Passage(passage, False, CONTRADICTS)]) is None


def test_a_claim_that_denies_agrees_with_a_passage_that_denies_the_same_subject():
    claim = "No, that broken pencil illustration isn't by Banksy"
    passage = (
        "A spokesperson for Banksy said the broken pencil illustration shared as his work was fake."
    )
    # the model reads the two negations as a contradiction more than an entailment
    got = decide(claim, [Passage(passage, False, (0.27, 0.26, 0.47))])
    assert got is not None and got.relation == "supports"
    assert "both call it untrue" in got.reason
    # a claim that asserts the illustration is Banksy's gets no support from that passage
    assert (
        decide("Banksy drew the broken pencil illustration", [Passage(passage, False, NEUTRAL)])
        is None
    )
    # nor does a denial about another subject support a denying claim
    other = "The council said reports of a new car park were fake."
    assert decide(claim, [Passage(other, False, NEUTRAL)]) is None


def test_a_passage_that_passes_the_claim_on_from_a_report_does_not_support_it():
    claim = "Anna Wintour refuses to work at new Vogue office due to rat infestation"
    reported = (
        "Gawker, the media outlet that initially broke the story, reports that Anna Wintour "
        "refuses to even enter her office until it is freed of its rat infestation."
    )
    stated = (
        "Anna Wintour refuses to even enter her office until it is freed of its rat infestation."
    )
    assert decide(claim, [Passage(reported, False, ENTAILS)]) is None
    got = decide(claim, [Passage(stated, False, ENTAILS)])
    assert got is not None and got.relation == "supports"


def test_a_supporting_passage_with_a_changed_fact_contradicts_whatever_the_model_reads():
    # Reuters: the model reads "last year" and "this year" as saying the same (entailment 0.92)
    claim = "Money supply growth was 11.4 pct this year."
    passage = "Money supply growth was 11.4 pct last year."
    got = decide(claim, [Passage(passage, False, ENTAILS)])
    assert got is not None and got.relation == "contradicts"
    assert "this year" in got.reason and "last year" in got.reason
    # the same words with the same fact are supported
    got = decide(claim, [Passage(claim, False, ENTAILS)])
    assert got is not None and got.relation == "supports"


def test_two_denials_with_a_changed_quantifier_do_not_agree():
    # METER: "deny all the charges" made "deny some of the charges"; both deny, but not the same
    claim = "He and Mr Sumer deny some of the charges."
    passage = "He and Mr Sumer deny all the charges."
    got = decide(claim, [Passage(passage, False, ENTAILS)])
    assert got is not None and got.relation == "contradicts"


def test_only_a_passage_around_an_aligned_sentence_supports_the_claim():
    # FNC-1 "discuss": the window around the body's second-closest sentence reads as saying the
    # headline (entailment 0.45), but the sentence it stands on is about the Archbishop, not
    # the birth; the same reading of a passage built around the closest sentence supports.
    claim = "Nun gives birth to surprise baby after complaining of stomach pains"
    window = (
        "Asked about the surprise news, the local Archbishop of Camerino-San Severino said it "
        "up to the unidentified sister if she wanted to stay within the Church."
    )
    assert decide(claim, [Passage(window, False, ENTAILS, aligned=False)]) is None
    got = decide(claim, [Passage(window, False, ENTAILS, aligned=True)])
    assert got is not None and got.relation == "supports"


def test_a_claim_that_negates_is_supported_only_by_a_passage_that_negates_too():
    # FNC-1: the model reads an agreed ceasefire as entailing "Truce Never Happened" (0.57)
    claim = "Boko Haram: Kidnapped Girls Have Been Married Off, Truce Never Happened"
    agreed = (
        "Nigeria's government and Boko Haram have agreed a ceasefire that brings closer the "
        "release of more than 200 schoolgirls kidnapped in the north of the country."
    )
    assert decide(claim, [Passage(agreed, False, ENTAILS)]) is None
    # a passage that says the same "not" supports
    got = decide(
        "Christian Bale will not play Steve Jobs",
        [Passage("Christian Bale will not be Steve Jobs after all.", False, ENTAILS)],
    )
    assert got is not None and got.relation == "supports"


def test_a_denial_denied_is_no_debunk():
    # FNC-1: the Bosnian reporter "asserts: 'The thing is not made up'": no debunk of the story
    claim = "Bosnia: Seven underage girls return from five day school trip, pregnant"
    assert not debunks_subject(claim, 'He asserts: "The thing is not made up."')
    assert debunks_subject(claim, "The story of the pregnant girls is made up.")


def test_a_dismissal_from_a_job_is_no_denial():
    # FNC-1: the press release "announced the dismissal of a senior electrical engineer"
    claim = "Indian civil servant sacked 'after 24-year sickie'"
    passage = (
        "India's Central Public Works Department announced the dismissal of a senior "
        "electrical engineer employed by the department for 35 years."
    )
    assert decide(claim, [Passage(passage, False, CONTRADICTS)]) is None
    denied = "The department dismissed the claims that the engineer had been sacked."
    got = decide(claim, [Passage(denied, False, CONTRADICTS)])
    assert got is not None and got.relation == "contradicts"


def test_a_claim_that_calls_a_story_a_hoax_agrees_with_a_denial_of_it():
    # FNC-1 agree: "Claims" in the headline is the hoax it reports, not a hedge of its own
    claim = (
        "Judd Nelson Death Hoax: FOX News Impersonator Claims Actor Found Dead In Los Angeles Condo"
    )
    passage = (
        "Nelson's agent Gregg Klein denied the report to the LA Times today and even provided "
        "a photo of the alive-and-well actor."
    )
    got = decide(claim, [Passage(passage, False, NEUTRAL)])
    assert got is not None and got.relation == "supports"


def test_a_report_called_a_lie_is_denied():
    # FNC-1: Shekau "has also claimed that a report of a ceasefire with the Nigerian government
    # was a 'lie'"; "lie" alone is no denial ("the answers lie in the past")
    claim = "Boko Haram agrees to ceasefire with Nigerian government"
    passage = "The group's leader said that a report of a ceasefire with the government was a lie."
    got = decide(claim, [Passage(passage, False, CONTRADICTS)])
    assert got is not None and got.relation == "contradicts"
    assert '("was a lie")' in got.reason
    assert decide(claim, [Passage("The answers lie in the talks.", False, CONTRADICTS)]) is None


# From METER courts (a newspaper sentence checked against the PA copy): a plea in a court report
# answers a charge and calls no claim untrue; the model read each pair as a contradiction.
def test_a_plea_or_a_dropped_case_is_no_debunk():
    claim = "At Nottingham Crown Court yesterday he was jailed for seven years."
    dropped = (
        "One named Joseph Edwards, of The Meadows, Nottingham, was today released with no "
        "evidence being offered in his case."
    )
    assert decide(claim, [Passage(dropped, True, CONTRADICTS)]) is None
    pleaded = "All have denied charges of criminal damage and theft."
    assert decide("The trial continues today.", [Passage(pleaded, False, CONTRADICTS)]) is None
    assert not debunks_subject("Smith is a murderer.", "Smith, 43, denies murdering his wife.")
    # a denial of what was reported still is one
    assert debunks_subject("Smith was arrested.", "Police denied the report that Smith was held.")


# METER courts, shaped on a newspaper sentence checked against the PA copy.
def test_a_plea_naming_the_act_charged_is_no_debunk():
    assert not debunks_subject("Brown killed his neighbours.", "Brown denied killing the pair.")
    said = "Jones and Patel deny corruption and conspiracy to pervert justice."
    passage = (
        "Jones and Patel are jointly charged with conspiracy to pervert the course of justice."
    )
    assert decide(said, [Passage(passage, False, CONTRADICTS)]) is None


def test_a_denial_against_a_passage_that_negates_the_same_is_no_contradiction():
    claim = "Until yesterday he had denied being in the flat since then."
    passage = "He told police that he had sold them a sofa but had never been in the flat again."
    assert decide(claim, [Passage(passage, False, CONTRADICTS)]) is None
    # a denial against a passage that asserts the thing still contradicts
    asserts = "He told police that he had been in the flat every week since then."
    assert decide(claim, [Passage(asserts, False, CONTRADICTS)]) is not None


def test_a_hoax_headline_is_contradicted_by_a_body_telling_the_story_with_a_negation():
    # FNC-1 dev: the body reports the priest's account, negations and all; the headline calls it
    # a hoax. Only a reported denial ("denied being in the flat") agrees with such a passage.
    claim = "Op-Ed: Hoax - Priest who never existed claims he died, saw female God"
    passage = (
        "Father John Micheal O'Neal said he did not expect to see God as a woman when his "
        "heart stopped for 48 minutes."
    )
    got = decide(claim, [Passage(passage, False, CONTRADICTS)])
    assert got is not None and got.relation == "contradicts"


def test_a_reported_denial_debunks_only_what_it_denies():
    # METER courts (PA): Chambers denied being in the underpass, not that the rapes were filmed
    denial = (
        "During police interviews Chambers denied having been in the St Matthew's Street "
        "underpass where the rapes took place."
    )
    assert not debunks_subject("The rapes were seen by CCTV camera monitors.", denial)
    # a shared "where" is no shared subject
    assert not debunks_subject(
        "He travelled to Ipswich where he found bed and breakfast accommodation.", denial
    )
    assert debunks_subject("Chambers was in the underpass that night.", denial)
    # a denial of a report names what it denies after the verb, or before it in the passive
    assert debunks_subject("Apple to launch a smart watch", "Apple denied it would launch a watch.")
    assert debunks_subject("Apple to launch a smart watch", "The watch report was denied by Apple.")


def test_a_debunk_word_in_a_question_calls_nothing_untrue():
    # FNC-1 dev (discuss): the body asks whether the letter is a fake, and answers no
    claim = "Lego letter to parents in 1974 on gender equality still resonates 40 years on"
    asks = (
        "He wrote: 'So - is it a fake? Probably not! For one thing, the logo in the note is the "
        "one you would expect to find in a Lego pamphlet from the seventies.'"
    )
    assert decide(claim, [Passage(asks, False, CONTRADICTS)]) is None
    says = "He wrote: 'So - it is a fake. For one thing, the logo in the note is wrong.'"
    assert decide(claim, [Passage(says, False, CONTRADICTS)]) is not None


def test_a_changed_multiple_the_model_reads_as_contradiction_contradicts():
    # BBC business/120 against a draft's headline: the model reads 0.43 contradiction and the
    # words both say differ in "double" / "triple"; with no such word it is no basis
    claim = "Nigeria plans to double cocoa output"
    body = "The government of Nigeria is hoping to triple cocoa production over the next years."
    got = decide(claim, [Passage(body, False, (0.37, 0.21, 0.43), False)])
    assert got is not None and got.relation == "contradicts"
    assert got.reason.startswith('another multiple: "double" here, "triple" in the source')
    plain = body.replace("triple", "raise")
    assert decide(claim, [Passage(plain, False, (0.37, 0.21, 0.43), False)]) is None
    # nor is a changed number (Emergent dev: one report in dollars and in pounds)
    paid = "A man paid 300 for surgery for his constipated goldfish"
    fish = "British man pays 460 to save constipated goldfish's life"
    assert decide(fish, [Passage(paid, False, (0.2, 0.3, 0.5), True)]) is None


def test_the_closest_sentence_read_with_its_neighbour_may_say_the_opposite():
    # METER courts PA (16.07.99, ambulance) against a draft: the model reads the sentence
    # about the suit as saying the claim; the next sentence says the claims were dismissed
    claim = "Her claims against two local GPs were upheld."
    suing = "Mrs Kent was also suing two local GPs, alleging they failed to treat her asthma."
    window = f"{suing} These claims were dismissed this afternoon."
    got = decide(
        claim,
        [
            Passage(suing, False, (0.71, 0.15, 0.14), True),
            Passage(window, False, (0.31, 0.45, 0.23), True),
        ],
    )
    assert got is not None and got.relation == "contradicts" and got.index == 1
    assert got.reason.startswith('opposite words: "upheld" here, "dismissed" in the source')


def test_a_changed_rank_the_model_reads_as_contradiction_contradicts():
    # BBC sport/150 against a draft: a position, unlike an amount in two currencies
    claim = "Robbie Keane, captain for the night, scored the crucial first goal."
    passage = (
        "Robbie Keane, skipper for the night and scorer of the crucial second goal, echoed his "
        "manager's sentiments."
    )
    got = decide(claim, [Passage(passage, False, (0.2, 0.3, 0.5), True)])
    assert got is not None and got.relation == "contradicts"
    assert got.reason.startswith('number differs: "first" here, "second" in the source')


def test_a_figure_changed_between_the_same_words_the_model_reads_as_contradiction():
    # METER PA (12.07.99, gamekeeper) against a draft headline
    claim = "Gamekeeper jailed for six months over badger snares"
    passage = "A gamekeeper was jailed for three months today for using illegal snares."
    got = decide(claim, [Passage(passage, False, (0.2, 0.3, 0.5), True)])
    assert got is not None and got.relation == "contradicts"
    assert got.reason.startswith('number differs: "six months" here, "three months"')
    # other words beside the date: two events (Emergent dev)
    claim = "Apple Watch mass production kicks off in January: Report"
    assert (
        decide(
            claim,
            [Passage("The Apple Watch will launch in February", False, (0.2, 0.3, 0.5), True)],
        )
        is None
    )


def test_a_player_denied_by_a_tackle_is_no_denial():
    # BBC sport (League Cup final) and a draft: "Paulo Ferreira denied Gerrard with a
    # last-ditch tackle" called the claim that Gerrard scored untrue
    claim = "Steven Gerrard scored an own goal in the 79th minute to bring Chelsea level."
    tackle = "Paulo Ferreira denied Gerrard with a last-ditch tackle on 75 minutes."
    assert not debunks_subject(claim, tackle)
    assert decide(claim, [Passage(tackle, False, CONTRADICTS)]) is None
    assert not debunks_subject(claim, "Dudek denied him a second goal.")
    denied = "Chelsea denied that Gerrard had scored an own goal."
    assert debunks_subject(claim, denied)


def test_a_reported_denial_is_said_by_a_source_that_reports_it_too():
    # BBC politics (ID cards) and a draft headline: the passage telling what was denied, read
    # as contradicting, contradicted "Tory leader denies rift over ID cards"
    claim = "Tory leader denies rift over ID cards"
    told = "Sources within the party told the BBC Mr Howard had always been in favour of ID cards."
    denied = "Michael Howard has denied his shadow cabinet was split over ID cards."
    # with no source passage reporting the denial, the claim's denial is still a basis
    got = decide(claim, [Passage(told, False, CONTRADICTS)])
    assert got is not None and got.relation == "contradicts"
    got = decide(claim, [Passage(told, False, CONTRADICTS), Passage(denied, False, ENTAILS)])
    assert got is not None and got.relation == "supports"
    assert got.reason.endswith("both report the denial")
