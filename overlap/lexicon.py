"""Closed word lists that more than one reader uses, each written once.

Every list says why it exists and who uses it. Where two callers need different members (a
quotation's speaker may be "we", a unit never is "my"), the caller builds its set from these
parts, so a word added here reaches every caller that shares the rule.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A closed list written as one string of words: easier to read and diff than a column."""
    return frozenset(text.split())


def word_pairs(text: str) -> frozenset[frozenset[str]]:
    """Pairs of words written "a/b c/d": each pair as the set of its two words."""
    return frozenset(frozenset(pair.split("/")) for pair in text.split())


# A speaker written as a pronoun is not a name: it is resolved to the nearest named speaker
# (quotes.py), never credited as itself (attribution.py). Ordered: quotes.py builds a regex.
THIRD_PERSON_SUBJECTS: tuple[str, ...] = ("he", "she", "they", "it")
# A quotation's speaker may also be the writer's own side ("we said", "I said"); two such
# speakers cannot be told apart or compared by name (quote_match.py).
SPEAKER_PRONOUNS = frozenset(THIRD_PERSON_SUBJECTS) | {"we", "i"}
# Pronouns that stand for one person, resolved to the nearest person named before the quote.
PERSON_PRONOUNS = frozenset({"he", "she"})
# Every personal and possessive form: none names what a number counts ("5 of them").
PRONOUNS = SPEAKER_PRONOUNS | word_set("you him her them us me his hers its their our my your")

# Words that negate a clause. Contractions are written without the apostrophe, as
# textnorm.fold leaves them ("didn't" -> "didnt").
NEGATION_WORDS = word_set("not no never nobody nothing neither nor cannot")
NEGATED_CONTRACTIONS = word_set(
    "cant wont dont doesnt didnt isnt arent wasnt werent hasnt havent hadnt "
    "couldnt wouldnt shouldnt"
)
# The sentence comparison's negation markers (slots.py, evidence.py).
NEGATIONS = NEGATION_WORDS | NEGATED_CONTRACTIONS

# Honorifics and office titles before a name: "President Obama" and "Obama" are one person, and a
# title alone is not a name (slots.py; attribution.py adds ranks and sentence openers). Recorder
# and coroner are British court offices like judge: "The Recorder of London, Judge Michael Hyam"
# (METER courts) names the judge by office, no person called Recorder.
TITLES = word_set(
    "mr mrs ms miss dr sir lord lady dame prof professor president minister judge justice "
    "recorder coroner"
)
# Police ranks before a name: "PC Davidson", "WPC Davidson" and "Constable Deborah Davidson" are one
# officer (METER courts), so a rank swapped for another is no name differing (slot_names.py).
POLICE_RANKS = word_set("pc wpc dc wdc constable sergeant sgt det detective insp inspector supt")
# Service ranks before a name, written out and abbreviated: "Pte Lee Smith" and "Private Lee
# Smith" are one soldier (METER courts), so the rank is no name. "Major" and "General" are left
# out: they are surnames and names of their own ("John Major", "General Motors").
MILITARY_RANKS = word_set(
    "pte private lcpl cpl corporal bdr bombardier lt lieutenant capt captain col colonel "
    "brig brigadier gnr gunner tpr trooper spr sapper rfn rifleman gdsm guardsman fus fusilier "
    "ac aircraftman po lieut"
)
# The row labels of wire results and dividend tables, as Reuters and other agencies abbreviate
# them ("Shr loss 28 cts", "Revs 2.3 mln", "Qtly div 7-1/2 cts", "Avg shrs"): capitalised at a
# line's start, they name no one, so "Revs" / "Sales" or "Qtly" / "Semi" is no name differing
# (the figures beside them are compared as figures).
WIRE_TABLE_LABELS = word_set(
    "shr shrs avg revs rev sales net oper qtr qtrly qtly mthly monthly semi annual div "
    "dividend pay record prior payout"
)
# Head nouns of place and institution names: "Liverpool City Magistrates Court" and "Dale
# Street magistrates, Liverpool" (PA and The Sun, METER courts) align "Liverpool" with "Court",
# and a head noun alone names no place to differ from another (slot_names.py).
NAME_HEADS = word_set(
    "court courts street road lane avenue square city town hospital school college "
    "university church council house prison station airport bridge park centre center hall"
)

# A negated word and the words that say the same without a negation: "found not guilty" is
# "cleared" (PA and The Guardian, METER courts), so the "not" is no polarity changed
# (slot_negation.py).
# A plea is a denial too: "pleads not guilty to murdering" is "denies murdering" (PA and The
# Guardian, METER courts).
NEGATED_EQUIVALENTS: dict[str, frozenset[str]] = {
    "guilty": word_set("cleared acquitted innocent deny denies denied denying"),
    "true": word_set("false untrue"),
}
# Verbs that say a thing is turned away, so "no X" is said with them too: "Gibson shuns Oscar
# ads" is "No ads for Passion Oscar campaign" (BBC entertainment/041), one polarity.
REFUSING_VERBS = word_set(
    "shun shuns shunned shunning spurn spurns spurned snub snubs snubbed reject rejects "
    "rejected rejecting refuse refuses refused refusing avoid avoids avoided avoiding forgo "
    "forgoes forgoing forwent forgone boycott boycotts boycotted scrap scraps scrapped "
    "abandon abandons abandoned ditch ditches ditched"
)

# Articles, prepositions, auxiliaries and reporting verbs: words that carry no content, so they
# neither anchor an alignment (slots.py) nor name what a number counts (units.py).
FUNCTION_WORDS = word_set(
    "the a an of and or but in on at to for by with from as that this these those "
    "is are was were be been has have had said says"
)


# Capitalised words that are not names: calendar words are dates (slots.py compares them), and a
# claim's subject is never "Monday" or "January" (claims.same_subject).
CALENDAR_WORDS = word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday"
)

# English counties' customary short forms, as addresses and wire copy write them ("North Leigh,
# Oxon" / "in Oxfordshire"): one place, not two (slot_names.py). Forms from the Royal Mail's
# former postal county abbreviations.
COUNTY_SHORT_FORMS: dict[str, str] = {
    "beds": "bedfordshire", "berks": "berkshire", "bucks": "buckinghamshire",
    "cambs": "cambridgeshire", "glos": "gloucestershire", "hants": "hampshire",
    "herts": "hertfordshire", "lancs": "lancashire", "leics": "leicestershire",
    "lincs": "lincolnshire", "middx": "middlesex", "northants": "northamptonshire",
    "notts": "nottinghamshire", "oxon": "oxfordshire", "salop": "shropshire",
    "staffs": "staffordshire", "wilts": "wiltshire", "worcs": "worcestershire",
    "yorks": "yorkshire",
}  # fmt: skip

# Words that say the opposite of each other in one slot of otherwise the same words ("closed
# higher" / "closed lower", "deny that they conspired" / "admit that they conspired"). Exact
# forms, in pairs: a changed word in a copy is a changed fact only when it is the other word of
# its pair (evidence.check_opposites); "up" / "down" and "open" / "close" are left out, as their
# phrasal uses ("set up", "close to") do not say the opposite.
OPPOSITE_WORDS: frozenset[frozenset[str]] = word_pairs(
    "higher/lower highest/lowest rose/fell rise/fall rises/falls rising/falling "
    "risen/fallen increased/decreased increase/decrease increases/decreases "
    "increasing/decreasing gained/lost gain/loss gains/losses more/less more/fewer "
    "most/least above/below stronger/weaker strengthened/weakened better/worse best/worst "
    "biggest/smallest largest/smallest profit/loss profits/losses surplus/deficit "
    "won/lost win/lose wins/loses winning/losing winner/loser accepted/rejected "
    "accept/reject accepts/rejects approved/rejected approve/reject approves/rejects "
    "admitted/denied admit/deny admits/denies admitting/denying confirmed/denied "
    "confirms/denies guilty/innocent convicted/acquitted allowed/banned allow/ban "
    "legal/illegal lawful/unlawful positive/negative succeeded/failed success/failure "
    "before/after earlier/later minimum/maximum majority/minority supported/opposed "
    "support/oppose supports/opposes for/against north/south east/west "
    "northern/southern eastern/western northbound/southbound eastbound/westbound "
    "tighten/loosen tightened/loosened tightening/loosening tighten/ease tightened/eased "
    "tightening/easing include/exclude included/excluded includes/excludes "
    "top/bottom upper/lower premium/discount premiums/discounts denial/confirmation "
    "denied/confirmation confirmed/denial confirms/denial alive/dead living/dead "
    "larger/smaller bigger/smaller large/small big/small wider/narrower"
)

# Two sides of a stance, and of a verdict on blame: a word of one side in a slot of a copy
# where the other has a word of the other side says the opposite ("has welcomed the transfer"
# / "has strongly objected to this transfer", "a motion backing expansion plans" / "a motion
# questioning expansion plans", "the crew were blamed" / "the crew were cleared", "pleased" /
# "disappointed"), though the
# two are no pair of OPPOSITE_WORDS. Exact forms: "back", "object" and "question" as nouns say
# nothing of a stance; "refused" is a negation already (slot_negation).
STANCE_SIDES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (
        word_set(
            "support supports supported supporting backed backing endorse endorses endorsed "
            "endorsing welcome welcomes welcomed welcoming praise praises praised praising "
            "approve approves approved approving favour favours favoured favouring favor "
            "favors favored favoring applaud applauds applauded applauding hail hails hailed "
            "hailing accept accepts accepted accepting agreed agrees supportive enthusiastic"
        ),
        word_set(
            "oppose opposes opposed opposing criticise criticises criticised criticising "
            "criticize criticizes criticized criticizing condemn condemns condemned condemning "
            "reject rejects rejected rejecting objected objecting questioned questioning "
            "denounce denounces denounced denouncing slammed blasted disapprove disapproves "
            "disapproved resisted protested disagreed disagrees sceptical skeptical wary "
            "hostile shock shocked dismay dismayed outrage outraged derided derides deride "
            "deriding mocked ridiculed scorned lambasted"
        ),
    ),
    # who won ("Little Britain has triumphed over The Office" / "Little Britain loses to The
    # Office", BBC entertainment against a draft headline)
    (
        word_set("won win wins winning triumphed triumphs triumph victorious"),
        word_set("lost lose loses losing"),
    ),
    # how the speaker took the news ("said she was pleased Scotland would be following" /
    # "said she was disappointed Scotland would follow", BBC politics against a draft)
    (
        word_set(
            "pleased delighted glad happy satisfied thrilled relieved encouraged optimistic "
            "heartened"
        ),
        word_set(
            "disappointed dismayed unhappy upset saddened angry angered furious frustrated "
            "dissatisfied discouraged pessimistic disheartened"
        ),
    ),
    # a court's or a tribunal's answer to a claim ("These claims were dismissed" / "Her
    # claims against two local GPs were upheld", PA court copy against a draft)
    (
        word_set("upheld uphold upholds upholding granted"),
        word_set("dismissed dismiss dismisses dismissing overturned quashed thrown"),
    ),
    (
        word_set("blamed convicted guilty culpable liable"),
        word_set("cleared acquitted innocent exonerated"),
    ),
)

# People named by their place in a family, or as a man or a woman: one swapped for its
# counterpart in a copy is another person ("as his wife and daughter visited him" / "as his wife
# and son visited him"), a changed fact the model reads as the same sentence.
COUNTERPART_WORDS: frozenset[frozenset[str]] = word_pairs(
    "son/daughter sons/daughters husband/wife husbands/wives brother/sister "
    "brothers/sisters father/mother fathers/mothers boy/girl boys/girls man/woman "
    "men/women grandson/granddaughter grandfather/grandmother uncle/aunt nephew/niece"
)

# Medals: one for another in a slot is another place ("won silver for the GB men's team" /
# "secured bronze for the GB men's team", BBC sport against a draft). "Gold" and "silver" are
# also metals, whose prices wire copy reports alike; a copy with one metal for the other
# changes what the figures are of, a changed fact too.
MEDALS = word_set("gold silver bronze")

# British honours: one for another is another honour ("has been made an MBE" / "has been made
# an OBE", BBC tech against a draft), which the model reads as the same news.
HONOURS = word_set("kbe dbe cbe obe mbe bem kcmg gcmg cvo lvo mvo")

# How many times over, as one word: "plans to double cocoa output" / "is hoping to triple cocoa
# production" (BBC business against a draft) is another number, which the model reads as the
# same plan. Each form with its factor.
MULTIPLES: dict[str, float] = {
    **dict.fromkeys(("halve", "halved", "halves", "halving"), 0.5),
    **dict.fromkeys(("double", "doubled", "doubles", "doubling"), 2.0),
    **dict.fromkeys(("triple", "tripled", "triples", "tripling", "treble", "trebled"), 3.0),
    **dict.fromkeys(("quadruple", "quadrupled", "quadruples", "quadrupling"), 4.0),
}

# Crimes a court hears of: one swapped for another in a slot is another charge or verdict
# ("charged with murder" / "charged with manslaughter", PA court copy), not a rewording.
OFFENCES = word_set(
    "murder manslaughter assault robbery burglary theft fraud rape kidnap kidnapping arson "
    "blackmail wounding perjury harassment affray deception embezzlement bribery smuggling "
    "trafficking stalking libel slander treason terrorism espionage forgery extortion "
    "murders assaults robberies burglaries thefts frauds rapes"
)


# A firm's legal form after its name: "The Mexico Fund Inc said" and "The Mexico Fund said"
# (Reuters-21578 against a draft) name one speaker (reported_speakers.py), and "Exxon" for
# "Exxon Corp" inside a quotation changes no word the speaker meant (quote_words.py).
LEGAL_FORMS = word_set("inc incorporated ltd limited corp corporation co plc llc ag sa nv")
