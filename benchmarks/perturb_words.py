"""What every perturbation rule (perturb_slots.py, perturb_quotes.py) draws on: the word lists,
the lexicon of names found in the corpus itself, the Context a rule is called with, and the small
edit helpers. Tables are written as space-separated words: one word a line hid the rules."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass


def split_words(text: str) -> list[str]:
    """A table written as space-separated words, in order."""
    return text.split()


def word_pairs(text: str) -> dict[str, str]:
    """ "old:new|old:new" as a dict, in order (a value may hold spaces: "lot:great deal")."""
    return dict(re.findall(r"([^:|]+):([^|]+)", text))


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = split_words(
    "January February March April May June July August September October November December"
)
NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
FULL_NAME = rf"{NAME}(?: [A-Z]\.)? (?:Mc|Mac|O')?{NAME}"
# Capitalised words that do not start (or end) a person's name.
NOT_FIRST = {
    *split_words(
        "The A An In On At For But And Or If When While After Before Since Its It He She They We I "
        "This That These Those Mr Mrs Ms Dr Sir Lord Judge Justice Chief Prime Deputy President "
        "Minister Secretary Officer Detective Inspector Police Sergeant Chairman General Senator "
        "Governor Judge Recorder Court Crown Magistrates Reuters British French German American "
        "Japanese Chinese Soviet West East North South New Old Mrs Many Most Some Other Officials "
        "Analysts Sources Both Bank Treasury Federal Labour Tory Conservative Liberal Democrat "
        "Democrats Republican Republicans Congress Parliament Home Foreign Commons United Wall "
        "Street Stock Exchange Dow Jones Hong Kong Saudi Arabia Sri Lanka Costa Rica Puerto Rico "
        "El Los San Las Santa Le La De Du Van Von St Mount Lake River Northern Southern Western "
        "Eastern Central Great Royal National International Supreme High Appeal Old Bailey "
        "Scotland Yard"
    ),
    *WEEKDAYS,
    *MONTHS,
}
NOT_LAST = {
    *split_words(
        "Inc Corp Co Ltd Plc Group Bank Corporation Company Board Court Council Party Office "
        "Department Ministry Agency Association Union Street Road Square House Airlines Motors "
        "Holdings Industries International Securities Capital Partners Trust Fund Energy Oil "
        "Petroleum Said Told Added Says Reuters Times Mail Sun Mirror Guardian Telegraph Express "
        "Independent Star Kingdom States Africa America Europe Asia Institution Institute "
        "University College School Hospital Centre Center Crown Commission Committee Foundation "
        "Society Authority Service Services Police Museum Theatre Club News Post Journal Week Post "
        "Today Minister Secretary Court Bailey Airport Station Prison Rights Nations Affairs "
        "Relations Watch Cup League"
    ),
    *WEEKDAYS,
    *MONTHS,
}
SPEECH = r"(?:said|says|told|added|explained|insisted|claimed|stated|warned|admitted)"

ORG_SUFFIX = (
    r"(?:Inc|Corp|Co|Ltd|Plc|plc|PLC|Group|Bank|Corporation|Company|Airlines|Motors|"
    r"Holdings|Industries|Airways|Petroleum|Oil|Chemical|Electric|Steel|Foods|Trust)"
)
ORG = re.compile(rf"\b((?:[A-Z][A-Za-z&'.-]+ ){{1,3}}{ORG_SUFFIX})\b")

COUNTRIES = split_words(
    "Britain France Germany Japan China Brazil Mexico Canada Italy Spain Australia India "
    "Argentina Chile Peru Venezuela Colombia Ecuador Indonesia Malaysia Thailand Philippines "
    "Singapore Taiwan Egypt Nigeria Kenya Ghana Zambia Zimbabwe Iran Iraq Kuwait Israel Syria "
    "Lebanon Pakistan Bangladesh Sweden Norway Denmark Finland Belgium Netherlands Austria "
    "Switzerland Portugal Greece Poland Hungary Romania Bulgaria Yugoslavia Ireland Scotland "
    "Wales Russia Ukraine Algeria Morocco Tunisia Libya Ethiopia Sudan Uganda Tanzania Cuba "
    "Bolivia Uruguay Paraguay Vietnam Korea Ecuador Qatar Oman Bahrain Afghanistan"
)
CITIES = split_words(
    "London Paris Tokyo Washington Moscow Beijing Bonn Berlin Frankfurt Rome Madrid Brussels "
    "Geneva Zurich Amsterdam Vienna Stockholm Oslo Copenhagen Dublin Sydney Melbourne Toronto "
    "Montreal Chicago Houston Dallas Boston Detroit Atlanta Miami Seattle Denver Manchester "
    "Birmingham Leeds Liverpool Glasgow Edinburgh Cardiff Bristol Sheffield Newcastle "
    "Nottingham Leicester Belfast Brighton Oxford Cambridge Southampton Portsmouth Plymouth "
    "Bradford Coventry Norwich Exeter Singapore Bangkok Jakarta Manila Seoul Cairo Nairobi "
    "Lagos Johannesburg Bombay Delhi Karachi Tehran Baghdad Riyadh Athens Lisbon Warsaw "
    "Budapest Prague Caracas Lima Santiago"
)
PLACE_TYPE = {**{c: "country" for c in COUNTRIES}, **{c: "city" for c in CITIES}}
PLACE = re.compile(r"\b(" + "|".join(sorted(PLACE_TYPE, key=len, reverse=True)) + r")\b")


@dataclass
class Lexicon:
    persons: list[str]  # "First Last"
    surnames: list[str]
    orgs: list[str]

    def __post_init__(self) -> None:
        # one alternation for all names: a regex per name per sentence would take minutes
        self.person_re = re.compile(r"\b(" + "|".join(map(re.escape, self.persons[:3000])) + r")\b")
        self.org_set = set(self.orgs)
        self.person_set = set(self.persons)
        self.surname_set = set(self.surnames)


def lexicon(articles: list[tuple[str, str | None, list[str]]]) -> Lexicon:
    """Person names (seen as the subject or object of a speech verb) and organisation names
    (seen with a company suffix) from the corpus itself, the most frequent first."""
    persons: Counter[str] = Counter()
    orgs: Counter[str] = Counter()
    before = re.compile(rf"\b({FULL_NAME}),? (?:[^,\"]{{0,60}}, )?{SPEECH}\b")
    after = re.compile(rf"\b{SPEECH} ({FULL_NAME})\b")
    for _, _, sents in articles:
        for s in sents:
            for m in [*before.finditer(s), *after.finditer(s)]:
                name = m.group(1)
                words = name.split()
                if (
                    words[0] not in NOT_FIRST
                    and words[-1] not in NOT_LAST
                    and not any(w in PLACE_TYPE for w in words)
                ):
                    persons[name] += 1
            for m in ORG.finditer(s):
                org = m.group(1)
                first = org.split()[0]
                if first not in NOT_FIRST | {"Mr", "Mrs"} and not re.fullmatch(ORG_SUFFIX, first):
                    orgs[org] += 1
    org_words = {w for o in orgs for w in o.split()[:-1]}
    # "Lincoln Telecommunications said": a company without its suffix, not a person
    names = [n for n, _ in persons.most_common() if not set(n.split()) & org_words]
    surnames = sorted({n.split()[-1] for n in names})
    return Lexicon(names, surnames, [o for o, _ in orgs.most_common() if orgs[o] >= 2])


@dataclass
class Context:
    """What a rule sees besides the sentence it changes."""

    passage: str
    lex: Lexicon
    rng: random.Random
    other: Callable[[], str]  # a sentence from another article (for "unrelated")
    date: str | None = None  # the article's date, to resolve relative dates


def pick(matches: list[re.Match], rng: random.Random) -> re.Match | None:
    return rng.choice(matches) if matches else None


def replace_span(s: str, start: int, end: int, new: str) -> str:
    return s[:start] + new + s[end:]


def quote_spans(s: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[\"“][^\"“”]+[\"”]", s)]


def outside_quotes(s: str, start: int, end: int) -> bool:
    return not any(a <= start and end <= b for a, b in quote_spans(s))


def unquoted(pattern: re.Pattern[str] | str, s: str) -> list[re.Match[str]]:
    """The pattern's matches in `s` outside its closed quotations: a slot rule changes what the
    reporter wrote, not what a speaker said."""
    return [m for m in re.finditer(pattern, s) if outside_quotes(s, m.start(), m.end())]


def fresh_name(pool: list[str], passage: str, rng: random.Random, avoid: str) -> str | None:
    words = set(re.findall(r"\w+", passage))
    for _ in range(30):
        cand = rng.choice(pool[:400]) if pool else None
        if cand and cand != avoid and not any(w in words for w in cand.split() if len(w) > 2):
            return cand
    return None
