"""The company a news figure belongs to: named in the sentence, or carried from the one before.

Companies are found by a catalogue (companies.yaml beside this module: English and Chinese names,
and each brand's parent) and, for names it lacks, as the capitalised subject of a sales verb
("Seres delivered ..."). A figure belongs to the company named nearest before it, except one named
in an aside: "Geely Auto (including ... Zeekr) reported" is Geely Auto's figure, and "HIMA, part of
the Huawei alliance, reported" is HIMA's. A figure about one factory or one model is left to the
curator (TODO).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from autofacts.knowledge.parse import PLACEHOLDER

_CATALOGUE = Path(__file__).with_name("companies.yaml")


@dataclass(frozen=True)
class Company:
    """A carmaker, brand or supplier: the name facts use, how texts write it, and its group."""

    id: str
    names: tuple[str, ...]
    parent: str | None = None
    words: tuple[str, ...] = ()  # names that are also ordinary words: "smart", 理想

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way a text may write it, names and words."""
        return self.names + self.words


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Company]:
    """The companies of companies.yaml by id (read once)."""
    data = yaml.safe_load(_CATALOGUE.read_text(encoding="utf-8")) or []
    return {
        str(c["id"]): Company(
            str(c["id"]), tuple(str(n) for n in c["names"]), c.get("parent"), tuple(str(w) for w in c.get("words", ()))
        )
        for c in data
    }


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    names = {name: c.id for c in catalogue().values() for name in c.spellings}
    names.update({n.upper(): i for n, i in list(names.items()) if n.isascii() and len(n) > 4 and n not in _words()})
    return names


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    return frozenset(w for c in catalogue().values() for w in c.words)


# A word that is also a company's name stands as the name when it is not an adjective before a noun
# ("premium smart electric SUVs", "smart cockpits"): followed by punctuation, a figure, a capitalised
# word, or a verb a company is the subject of ("smart sold", "smart brand").
_ENGLISH_WORD_NAME = (
    r"(?!\s+(?!(?:brand|sold|delivered|reported|posted|recorded|sells|delivers|said|says|has|had|is|was|will|and|or"
    r"|also)\b)[a-z])"
)
# ... and in Chinese, where it stands before what a company does or reports (理想交付, 理想L9, 理想，),
# not after a degree word (不理想, 较为理想) nor before 的 and a noun (理想的状态)
_CHINESE_WORD_NAME = (
    r"(?<![不很较最更太够挺为想得])(?:{})"
    r"(?=[，。；：、,;:（()）\sA-Za-z0-9]|汽车|品牌|旗下|交付|交车|销量|销售|售出|卖出|营收|收入|净利|净亏|亏损|毛利|第|今年|去年"
    r"|本月|上月|当月|前|在|也|则|表示|公布|发布|宣布|和|与|及|的(?:交付|销量|销售|营收|收入|净利|毛利))"
)


@lru_cache(maxsize=1)
def _english() -> re.Pattern[str]:
    names = sorted((n for n in _by_name() if n.isascii() and n not in _words()), key=len, reverse=True)
    words = sorted((w for w in _words() if w.isascii()), key=len, reverse=True)
    alternatives = [re.escape(n) for n in [*names, *_capitals(names)]]
    alternatives += [re.escape(w) + _ENGLISH_WORD_NAME for w in words]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def _capitals(names: list[str]) -> list[str]:
    """Names as a headline or a lead writes them in capitals ("LEAPMOTOR saw ..."), when that is no
    other word ("SMART", "LOTUS" would be, in a sentence in capitals; a name of two letters too)."""
    return [n.upper() for n in names if len(n) > 4 and n.upper() != n]


@lru_cache(maxsize=1)
def _chinese() -> re.Pattern[str]:
    names = sorted((n for n in _by_name() if not n.isascii() and n not in _words()), key=len, reverse=True)
    words = sorted((w for w in _words() if not w.isascii()), key=len, reverse=True)
    word_names = _CHINESE_WORD_NAME.format("|".join(re.escape(w) for w in words)) if words else None
    # 上汽 stands in 以上汽车 and 广汽 in 推广汽车: not after 以 or 推
    named = "(?<![以推])(?:" + "|".join(re.escape(n) for n in names) + ")"
    return re.compile(named + (f"|{word_names}" if word_names else ""))


def root(company: str) -> str:
    """The group at the top of a company's parents (an unknown name is its own root)."""
    seen = {company}
    known = catalogue()
    while company in known and known[company].parent and known[company].parent not in seen:
        company = str(known[company].parent)
        seen.add(company)
    return company


def chinese_companies(text: str, end: int | None = None) -> list[tuple[int, str]]:
    """(start, id) of every catalogue company a (folded, simplified) Chinese text names before `end`."""
    names = _by_name()
    return [(m.start(), names[m[0]]) for m in _chinese().finditer(text, 0, len(text) if end is None else end)]


_SUBJECT = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w&.'’-]*|[A-Z]{2,})(?:\s+(?:(?:Co|Ltd|Inc|Corp)\.|[A-Z][\w&'’-]*|\d+))*)"
    r"\s+(?:(?:also|just|only|reportedly|alone)\s+)?(?:sold|delivered|produced|shipped|exported|sells|delivers"
    r"|produces|reported|posted|recorded|to sell|to deliver|to produce|to ship)\b"
)
# Capitalised words that are not companies: places, organisations reporting the whole industry, and
# the words a sentence starts with.
_NOT_COMPANIES = frozenset(
    re.split(
        r"\s+",
        "Vehicle Vehicles Car Cars Auto Autos Automobile Automobiles New Electric Passenger Commercial Total "
        "Domestic Overseas Global Their Our Factories Plants Brands Companies Makers Carmakers Automakers "
        "Manufacturers Exporters Dealers Buyers Consumers Retail Wholesale Shipments The It Its This That "
        "These Those They He She We In On At As And But While Meanwhile Among Also Analysts Chinese China "
        "CAAM CPCA MIIT NBS Ministry Association Officials Data Statistics Sales Exports Production Output "
        "Deliveries January February March April May June July August September October November December Jan "
        "Feb Mar Apr Aug Sept Sep Oct Nov Dec NEV NEVs EV EVs BEV BEVs PHEV PHEVs EREV EREVs SUV SUVs MPV MPVs",
    )
)
# An aside inside a sentence: "(including ... Zeekr)", ", part of the Huawei alliance,"
_ASIDE = re.compile(
    r"\([^()]*\)"
    r"|,\s+(?:part of|a unit of|a subsidiary of|a brand of|a division of|owned by|backed by|one of|including"
    r"|such as|a rival of|a rival to|like|unlike|ahead of|behind"
    r"|(?:the|an?)\s+(?:[\w-]+\s+){0,3}?(?:arm|unit|subsidiary|division|affiliate)\s+of)\b[^,;:]*,",
    re.I,
)
# A company named as a rival or a yardstick, not as the subject: "the EV maker that competes with Tesla
# Inc (NASDAQ: TSLA) and Xpeng Inc", "sold more than BYD", "rivals such as Li Auto"
_COMPARED = re.compile(
    r"\b(?:compet\w*\s+(?:with|against)|rival(?:s|led|ling)?(?:\s+such\s+as)?|against|versus|vs\.?|than"
    r"|such as|ahead of|behind|outsold|outpac\w*|overt(?:ook|aking|akes|ake)|surpass\w*|beat(?:ing|s)?)\s+"
    r"(?:the\s+)?(?:(?:[A-Z][\w.&'’-]*|and|,)\s*)*$"
)
_PAREN = re.compile(r"\([^()]*\)")
# "the Tesla Inc. TSLA rival delivered": the company named as what the subject rivals
_RIVAL_AFTER = re.compile(
    r"(?:\s+(?:Inc\.?|Ltd\.?|Co\.?|Corp\.?|Group|[A-Z]{2,5}|\([^()]*\)))*(?:'s|’s)?\s+(?:rivals?|competitors?|challengers?|peers?)\b"
)


_POSSESSIVE = re.compile(r"(?:\s+(?:Inc\.?|Ltd\.?|Co\.?|Corp\.?|Group|AG))*(?:'s|’s)\s+(?:[\w-]+\s+){0,4}?(?:of\s+)?\d")


def _compared(text: str, start: int) -> bool:
    return _COMPARED.search(_PAREN.sub("", text[max(0, start - 100) : start])) is not None


_SINGLE_THING = re.compile(
    r"\b(?:a|an|one|its|the company's)\s+(?:[\w-]+\s+){0,5}?(?:factory|plant|facility|production line"
    r"|assembly line|model|coupe|sedan|SUV|hatchback|pickup|hub|centre|center)\b",
    re.I,
)


def named_companies(
    text: str, places: list[tuple[int, int]], place_names: frozenset[str]
) -> list[tuple[int, int, str]]:
    """The companies a sentence names, as (start, end, id): catalogue names anywhere, others as the
    capitalised subject of a sales verb; not those in an aside after another company, nor those
    named as a rival or a yardstick ("competes with Tesla", "ahead of BYD")."""
    names = _by_name()
    out = {(m.start(), m.end(), names[m[0]]) for m in _english().finditer(text)}
    for m in _SUBJECT.finditer(text):
        words = m[1].split()
        while words and (words[0] in _NOT_COMPANIES or words[0].isdigit()):
            words.pop(0)
        if not words or all(w in _NOT_COMPANIES for w in words):
            continue
        name = " ".join(words)
        start = m.start(1) + m[1].index(words[0])
        if start == 0 and len(words) == 1 and name[1:].islower() and name.endswith("s"):
            continue  # "Shipments delivered...": a plural noun opening the sentence, not a name
        if any(s <= start < e for s, e in places) or name in place_names:
            continue
        if any(s <= start < e for s, e, _ in out):
            continue
        out.add((start, start + len(name), name))
    # "than Volkswagen's retail sales of 143,602": a yardstick with its own figure owns that figure
    found = sorted(
        e
        for e in out
        if (not _compared(text, e[0]) or _POSSESSIVE.match(text, e[1])) and not _RIVAL_AFTER.match(text, e[1])
    )
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text)]
    return [e for e in found if not any(s <= e[0] < end and any(o[1] <= s for o in found) for s, end in asides)]


# A car model: "ES8", "ES6s", "B10", "SU7", "Model Y", "the C-series"; not a quarter, a half or CO2
_MODEL = re.compile(r"(?<![\w-])(?:(Model\s+[3SXY])|([A-Z]{1,3}\d{1,3}[A-Z]?)s?|([A-Z])[-\s]series)(?![\w-])")
_NOT_MODELS = re.compile(r"Q[1-4]|H[12]|CO2|[A-Z]\d{4}")
_NOUN = re.compile(r"(?:[^\d,;:()]|(?<=[A-Za-z])\d+)*")  # up to punctuation or the next figure
_BIG_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d{3,}")  # a figure, not a day ("March 10")


def models(text: str, start: int, end: int) -> list[tuple[int, str]]:
    found = []
    for m in _MODEL.finditer(text, start, end):
        name = m[1] or m[2] or f"{m[3]}-series"
        if not _NOT_MODELS.fullmatch(name):
            found.append((m.start(), re.sub(r"\s+", " ", name)))
    return found


def model_of(text: str, company_end: int, hedge_at: int, end: int) -> str | None:
    """The car model a company's figure counts: named in the noun right after it ("2,683 ES8 SUVs",
    "4,713 five-seater ES6s"), else between the company and the figure with no other figure between
    ("began pre-sales of the B10 ... with prices starting at RMB 109,800")."""
    noun = _NOUN.match(text[end : end + 60])
    after = models(text, end, end + (len(noun[0]) if noun else 0))
    if after:
        return after[0][1]
    between = models(text, company_end, hedge_at)
    if len({name for _, name in between}) == 1 and not _BIG_NUMBER.search(
        text, between[-1][0] + len(between[-1][1]), hedge_at
    ):
        return between[-1][1]
    return None


# A market's figure as the subject after a company ("BYD's figures come after global EV sales hit ..."),
# unless it is the company's own noun ("BYD's global sales")
_MARKET_SUBJECT = re.compile(
    r"\b(?:global|worldwide|industry-wide|nationwide|industry|market)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:sales|deliveries|exports|output|production|registrations)\b",
    re.I,
)
_OWN_NOUN = re.compile(r"(?:'s|’s)?\s*(?:[\w-]+\s+){0,1}")
_ITS_PRODUCTS = re.compile(r"\s+(?:vehicles|cars|models|EVs|SUVs|brand|brands)\b")


def entity_of(
    text: str, hedge_at: int, entities: list[tuple[int, int, str]], end: int | None = None
) -> tuple[str | None, str]:
    """The company a figure belongs to: the nearest named before it, with the car model the figure
    counts when one is named ("NIO ES8"). A company named inside a longer name ("the Development
    Center of carmaker Renault Group"), or a figure about one factory, is left to the curator (TODO)."""
    found = next((e for e in reversed(entities) if e[1] <= hedge_at), None)
    model = model_of(text, found[1], hedge_at, end) if found is not None and end is not None else None
    if found is not None and model is not None:
        return f"{found[2]} {model}", f"entity: '{text[found[0] : found[1]]}' before the figure, its model '{model}'"
    if found is not None:
        market = _MARKET_SUBJECT.search(text, found[1], hedge_at)
        if market is not None and not _OWN_NOUN.fullmatch(text, found[1], market.start()):
            # "BYD's figures come after global EV sales hit a record 1.8 million": the market's
            return None, f"entity: '{market[0]}' after '{found[2]}' is no company's"
        longer = re.search(r"\bof\s+(?:[\w-]+\s+){0,2}$", text[max(0, found[0] - 40) : found[0]])
        if longer and not _ITS_PRODUCTS.match(text, found[1]):  # not "Cumulative deliveries of NIO vehicles"
            return PLACEHOLDER, f"entity: '{found[2]}' is part of a longer name before the figure"
        thing = _SINGLE_THING.search(text[found[1] : hedge_at])
        if thing is not None:  # "Leapmotor ... its Lafa5, a compact electric coupe priced at ..."
            return PLACEHOLDER, f"entity: '{found[2]}', but the figure is about '{thing[0]}'"
        return found[2], f"entity: '{text[found[0] : found[1]]}' before the figure"
    single = _SINGLE_THING.search(text[:hedge_at])
    if single is not None:
        return PLACEHOLDER, f"entity: the figure is about '{single[0]}'"
    return None, ""


def one_company(named: list[str]) -> str | None:
    """The company a sentence is about when it names one, or several of one group ("Geely Holding
    Group ... Geely's anniversary": the first named); None when it names none or rivals."""
    if not named:
        return None
    return named[0] if len({root(n) for n in named}) == 1 else None


# Measures only a company reports: a sentence of deliveries naming no place is the company's before it
COMPANY_MEASURE = re.compile(r"\bdeliver(?:ies|ed|y)\b", re.I)


# "The September sales included ...": the sales just spoken of
_THE_FIGURES = re.compile(r"^The\s+(?:[A-Z]\w+\s+)?(?:sales|deliveries|figures|shipments|total)\b")


def company_measure(text: str, places: list[tuple[int, int, str]]) -> bool:
    """The sentence speaks of a company's measure (deliveries), or goes on about the figures just
    given ("The September sales included ..."), and of no place or industry."""
    return not places and (COMPANY_MEASURE.search(text) is not None or _THE_FIGURES.match(text) is not None)


@dataclass(frozen=True)
class ListLead:
    """What a line ending in ':' says of the list items under it: their period, kind and company."""

    period: str | None
    kind: str | None
    entity: str | None


_ITEM = re.compile(r"[ \t]*(?:[-•*·–—]|\d{1,2}[.)])\s+")


def list_item(text: str, at: int) -> int:
    """0 when the sentence at `at` is not in a list item; 1 when it opens one ("- Proton saw ...");
    2 when it goes on with the item its line opened."""
    line = text.rfind("\n", 0, at) + 1
    item = _ITEM.match(text, line)
    if item is None:
        return 0
    return 1 if item.end() >= at else 2
