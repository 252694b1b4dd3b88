"""Proposing facts from a new document, for a person to review.

Every number the text states as a figure becomes a candidate in the knowledge base's own format,
with the value in base units, the hedge word as its qualifier, and guesses for the metric, region,
period and kind. What cannot be guessed is written as TODO, which `check` refuses until a curator
fills it in: extraction proposes, a person decides.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from autofacts.chinese import is_chinese
from autofacts.model import KnowledgeBase, Metric
from autofacts.numbers import Mention, hedge_start
from autofacts.parse import PLACEHOLDER
from autofacts.text import (
    FIGURE_SLOT,
    MONTHS,
    PeriodPhrase,
    Sentence,
    figure_mentions,
    period_phrases,
    phrase_problem,
    phrase_regex,
    sentences,
)
from autofacts.units import plain

# Which metric units a number read with a given unit may belong to.
_COMPATIBLE_UNITS = {
    "percent": {"percent"},
    "vehicles": {"vehicles"},
    "yuan": {"yuan"},
    "usd": {"usd"},
    "times": {"times"},
    "km": {"km"},
    "seconds": {"seconds"},
    "hours": {"hours"},
    "months": {"months"},
    "years": {"years"},
    "ordinal": {"rank", "years"},
}
_VEHICLE_NOUNS = frozenset({"vehicle", "unit", "car", "nev", "ev", "automobile", "truck", "bus"})


@dataclass(frozen=True)
class Candidate:
    """A number proposed as a fact, with what could be guessed about it (None: not guessed).

    `period` is AS_OF_PUBLICATION ("-") when the text dates the figure by its publication.
    """

    mention: Mention
    sentence: Sentence
    metric: str | None
    region: str | None
    period: str | None
    kind: str
    entity: str | None = None  # a company the figure belongs to ("BYD sold..."); None: the region's industry
    upper: Decimal | None = None  # the top of a stated range ("between 3.6 million and 4 million")
    why: tuple[str, ...] = ()  # one line per guess saying what in the text it was read from
    new_metric: str | None = None  # a metric id proposed for the catalogue, when none there fits


@dataclass(frozen=True)
class MetricPhrase:
    """One way a text names a metric: its id, an alias, its name, or a catalogue phrase."""

    text: str
    pattern: re.Pattern[str]
    metric: Metric

    @property
    def has_slot(self) -> bool:
        return FIGURE_SLOT in self.text.split()


def metric_phrases(kb: KnowledgeBase) -> list[MetricPhrase]:
    """Every phrase that names a metric of the catalogue, longest first."""
    out: list[MetricPhrase] = []
    for metric in kb.metrics.values():
        names = {n.replace("-", " ").lower() for n in (metric.id, *metric.aliases, metric.name)}
        names.update(p for p in metric.phrases if phrase_problem(p) is None)
        out.extend(MetricPhrase(n, phrase_regex(n), metric) for n in names)
    return sorted(out, key=lambda p: (-len(p.text), p.metric.id, p.text))


_NOUN_STOP = frozenset(
    [
        "in",
        "of",
        "to",
        "for",
        "from",
        "at",
        "on",
        "by",
        "with",
        "than",
        "as",
        "or",
        "the",
        "a",
        "an",
        "were",
        "was",
        "is",
        "are",
        "be",
        "been",
        "year",
        "years",
        "last",
        "this",
        "next",
    ]
)
_LEADING_WORDS = re.compile(r"(?:\s+[A-Za-z][A-Za-z-]*)*")
_GENERIC_UNITS = frozenset({"units", "none"})


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def nouns_after(text: str) -> tuple[str, ...]:
    """The words naming what a number counts ("60 countries", "8,400 battery-swap and charging
    stations"), up to the first word that is not part of that name; singular."""
    words: list[str] = []
    leading = _LEADING_WORDS.match(text)
    for word in (leading[0] if leading else "").lower().split():
        if word in _NOUN_STOP or len(words) == 4 or (word in ("and", "or") and not words):
            break
        words.append(_singular(word))
    return tuple(words)


def _fits(metric: Metric, mention: Mention, nouns: tuple[str, ...] = ()) -> bool:
    """A metric may hold the number: its unit matches what the number was read with, and when
    the words after the number name what it counts, they name the metric's unit."""
    if mention.unit is None:
        if metric.unit in ("percent", "times", "rank"):
            return False
        if nouns and metric.unit not in _GENERIC_UNITS and metric.unit != "vehicles":
            return _singular(metric.unit.split()[-1]) in nouns
        return not nouns or metric.unit != "vehicles" or bool(set(nouns) & _VEHICLE_NOUNS)
    return metric.unit in _COMPATIBLE_UNITS.get(mention.unit, {metric.unit})


# --- reading one sentence -------------------------------------------------------------------------

# Words that put a figure in the future: a forecast is someone's expectation, a target an aim.
_FORECAST = re.compile(
    r"\b(?:forecasts?|forecasted|forecasting|predicts?|predicted|predicting|projects?|projected|projection"
    r"|expects?|expected|expecting|expectations?|estimates? (?:that|for)|is likely to|are likely to|will likely"
    r"|outlook)\b",
    re.I,
)
_TARGET = re.compile(
    r"\b(?:targets?|targeted|targeting|goals?|strive|strives|striving|aims?|aimed|aiming|plans? to|planned"
    r"|calls? for|called for|seeks? to|pledged?|vows?|vowed|ambitions?|objectives?|by the end of the plan)\b",
    re.I,
)
# "targeting the youth market" is marketing, not a goal for a figure.
_TARGET_MARKET = re.compile(
    r"\btarget(?:s|ed|ing)?\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:market|segment|buyers|customers|consumers|users|audience)s?\b",
    re.I,
)
# A figure that changed: a per cent after these words is a growth rate ("up 3.4 percent").
_GROWTH_BEFORE = re.compile(
    r"\b(?:up|rose|risen|rising|rise of|jumped|jump of|surged|surge of|soared|climbed|grew|grown|growing|growth of"
    r"|increased|increase of|increasing|gained|gain of|expanded|expansion of|year-on-year|year on year)"
    r"(?:\s+by)?\s*$",
    re.I,
)
_DECLINE_BEFORE = re.compile(
    r"\b(?:down|fell|fallen|falling|dropped|drop of|declined|decline of|decreased|decrease of|shrank|shrunk"
    r"|slumped|slid|contracted|lower)(?:\s+by)?\s*$",
    re.I,
)
_GROWTH_AFTER = re.compile(
    r"^\s*(?:(?:year[- ]on[- ]year|yoy|y/y)\b|(?:from|over|compared (?:with|to)) (?:a year earlier|the previous year"
    r"|the same period|last year|a year ago)|(?:growth|increase|rise|jump)\b)",
    re.I,
)
# A comparison base: the period a change is measured from is not the figure's own.
_BASE_BEFORE = re.compile(
    r"(?:\bfrom|\bcompared (?:with|to)|\bversus|\bvs\.?|\bagainst|\bthan|\bover|\brelative to|\bthe same period"
    r"|\bthe same month|\bthe same quarter|\blevels?)\s*(?:the same (?:period|month|quarter)\s*)?$",
    re.I,
)
_SAME_PERIOD = re.compile(r"\b(?:the same period|a year earlier|a year ago|the previous year|the year before)\b", re.I)
# Words that date a figure to the time of writing rather than to a stated period.
_PRESENT = re.compile(
    r"\b(?:now|currently|today|at present|so far|to date|in recent years|has|have|is|are|remains?|continues?"
    r"|features?|stands? at|boasts?|owns?|operates?)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:was|were|had|sold|delivered|produced|built|exported|shipped|reached|rose|fell|grew|jumped|surged"
    r"|climbed|increased|decreased|declined|dropped|totaled|totalled|hit|exceeded|surpassed|posted|recorded"
    r"|reported|registered|achieved|amounted|stood|edged|gave|giving|of which)\b",
    re.I,
)
_WORLD = re.compile(
    r"\b(?:worldwide|globally|around the world|across the world|world's total"
    r"|global (?:sales|deliveries|market|output))\b",
    re.I,
)
_CHINA = re.compile(r"\b(?:China|China's|Chinese|nationwide|the country's|the nation's)\b")
_NEV = re.compile(r"\b(?:new[ -]energy vehicles?|NEVs?|electric vehicles?|EVs?)\b", re.I)
_COORDINATOR = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|as well as\s+)$", re.I)
_GROUP_JOIN = re.compile(r"^\s*(?:(?:units|vehicles|percent|%)\s*)?(?:,\s*(?:and\s+)?|and\s+|&\s*)$", re.I)
_EACH_BEFORE = re.compile(r"\b(?:each|both|all)\s+(?:\w+\s+){0,2}$", re.I)

# Places a figure may belong to, besides the regions the knowledge base already uses.
PLACES = (
    "China",
    "World",
    "Beijing",
    "Shanghai",
    "Tianjin",
    "Chongqing",
    "Guangdong",
    "Guangzhou",
    "Shenzhen",
    "Zhejiang",
    "Hangzhou",
    "Jiangsu",
    "Suzhou",
    "Nanjing",
    "Anhui",
    "Hefei",
    "Hubei",
    "Wuhan",
    "Hunan",
    "Changsha",
    "Sichuan",
    "Chengdu",
    "Shaanxi",
    "Xi'an",
    "Shandong",
    "Jilin",
    "Changchun",
    "Liaoning",
    "Shenyang",
    "Henan",
    "Zhengzhou",
    "Fujian",
    "Hainan",
    "Guangxi",
    "Liuzhou",
    "Yunnan",
    "Hebei",
    "Shanxi",
    "Jiangxi",
    "Guizhou",
    "Inner Mongolia",
    "Xinjiang",
    "Tibet",
    "Hong Kong",
    "Macao",
    "Taiwan",
    "Europe",
    "Asia",
    "Africa",
    "Latin America",
    "the Middle East",
    "Southeast Asia",
    "the United States",
    "the U.S.",
    "the US",
    "Japan",
    "Germany",
    "France",
    "Britain",
    "the UK",
    "Russia",
    "Brazil",
    "Mexico",
    "India",
    "Thailand",
    "Indonesia",
    "Malaysia",
    "Australia",
    "South Korea",
    "Turkey",
    "Hungary",
    "Spain",
    "Italy",
    "Belgium",
    "Norway",
    "the Netherlands",
    "Saudi Arabia",
    "the UAE",
    "Canada",
)
_PLACE_NAMES = {"the U.S.": "United States", "the US": "United States", "the UK": "United Kingdom"}

# Companies news writes about; a capitalised name before a sales verb is read as one too.
COMPANIES = (
    "BYD",
    "Tesla",
    "NIO",
    "Nio",
    "XPeng",
    "Xpeng",
    "Li Auto",
    "Leapmotor",
    "Zeekr",
    "Geely",
    "SAIC",
    "SAIC Motor",
    "SAIC-GM-Wuling",
    "Wuling",
    "GAC",
    "GAC Aion",
    "Aion",
    "Chery",
    "Great Wall Motor",
    "Great Wall Motors",
    "Changan",
    "Changan Automobile",
    "Dongfeng",
    "FAW",
    "BAIC",
    "Seres",
    "Aito",
    "Xiaomi",
    "Huawei",
    "Neta",
    "JAC",
    "Volvo",
    "Volkswagen",
    "Toyota",
    "Honda",
    "Nissan",
    "Hyundai",
    "Kia",
    "BMW",
    "Mercedes-Benz",
    "General Motors",
    "GM",
    "Ford",
    "Stellantis",
    "Renault",
    "CATL",
)
_COMPANY = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in sorted(COMPANIES, key=len, reverse=True)) + r")(?![\w-])"
)
_SUBJECT = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w&.'’-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w&'’-]*|\d+))*)"
    r"\s+(?:(?:also|just|only|reportedly|alone)\s+)?(?:sold|delivered|produced|shipped|exported|sells|delivers"
    r"|produces|reported|posted|recorded|to sell|to deliver|to produce|to ship)\b"
)
# Capitalised words that are not companies: places, organisations reporting the whole industry, and
# the words a sentence starts with.
_NOT_COMPANIES = frozenset(
    [
        "The",
        "It",
        "Its",
        "This",
        "That",
        "These",
        "Those",
        "They",
        "He",
        "She",
        "We",
        "In",
        "On",
        "At",
        "As",
        "And",
        "But",
        "While",
        "Meanwhile",
        "Among",
        "Also",
        "Analysts",
        "Carmakers",
        "Automakers",
        "Chinese",
        "China",
        "CAAM",
        "CPCA",
        "MIIT",
        "NBS",
        "Ministry",
        "Association",
        "Officials",
        "Data",
        "Statistics",
        "Sales",
        "Exports",
        "Production",
        "Output",
        "Deliveries",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Aug",
        "Sept",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ]
)


@dataclass(frozen=True)
class Figure:
    """One number of a sentence, with what its neighbourhood says about it."""

    mention: Mention
    at: int  # start in the sentence
    end: int  # end in the sentence
    hedge_at: int  # where its hedge words begin
    clause: tuple[int, int]
    growth: bool
    decline: bool


@dataclass(frozen=True)
class Context:
    """What earlier sentences of the document established: a period and a place they were about."""

    period: str | None = None
    region: str | None = None
    period_why: str = ""
    region_why: str = ""


AS_OF_PUBLICATION = "-"  # Candidate.period when the text dates a figure by its publication


def _clause(text: str, at: int) -> tuple[int, int]:
    """The clause holding position `at`: between ; : -- ( ) and ", while" / ", and" / "which"."""
    cuts = [0, len(text)]
    for m in re.finditer(r"[;:()]|\s--\s|\s—\s|,\s+(?=while\b|whereas\b|and\b|but\b|of which\b|which\b)", text):
        cuts.append(m.start() if m.start() > at else m.end())
    before = max(c for c in cuts if c <= at)
    after = min(c for c in cuts if c > at) if any(c > at for c in cuts) else len(text)
    return before, after


def _shift_year(label: str, years: int) -> str:
    return re.sub(r"\d{4}", lambda m: str(int(m[0]) + years), label)


@dataclass(frozen=True)
class _Phrases:
    """The sentence's period phrases, split into the figure's own and comparison bases."""

    own: list[PeriodPhrase]
    bases: list[PeriodPhrase]


def _periods(text: str, published: date | None) -> _Phrases:
    found = list(period_phrases(text, published))
    taken = [(p.start, p.end) for p in found]
    # "the association forecast 2023 sales": a year written before what it dates
    for m in re.finditer(r"(?<![\w.,/-])((?:19|20)\d{2})(?=\s+[a-z])", text):
        if not any(s <= m.start() < e for s, e in taken):
            found.append(PeriodPhrase(m.start(), m.end(), m[1]))
    # "in July": the last July up to the publication
    for m in re.finditer(rf"\b(?:in|during|for|of) ({_MONTH_NAMES})\b(?!,? \d{{4}})(?! \d)", text):
        if published is not None and not any(s <= m.start() < e for s, e in taken):
            month = MONTHS[m[1].lower()]
            year = published.year if month <= published.month else published.year - 1
            found.append(PeriodPhrase(m.start(), m.end(), f"{year}-{month:02d}"))
    own, bases = [], []
    for p in sorted(found, key=lambda p: p.start):
        lead = text[max(0, p.start - 40) : p.start]
        words = text[p.start : p.end].lower()
        if (
            _BASE_BEFORE.search(lead)
            and not words.startswith(("in ", "by ", "during ", "for "))
            or re.search(r"(?:from|compared (?:with|to)|over|than|versus|the same period)\s*$", lead, re.I)
            or re.search(r"\bthe same period (?:of|in)\s*$", lead + words[:3], re.I)
            or lead.lower().endswith("the same period ")
        ):
            bases.append(p)
        else:
            own.append(p)
    return _Phrases(own, bases)


_MONTH_NAMES = "|".join(name.title() for name in MONTHS if not name.endswith("."))


def _own_period(phrases: _Phrases, fig: Figure) -> PeriodPhrase | None:
    """The period phrase right after the number ("1.4 million vehicles in 2020"), else the nearest before it."""
    after = [p for p in phrases.own if 0 <= p.start - fig.end <= 25]
    if after:
        return after[0]
    before = [p for p in phrases.own if p.end <= fig.at]
    if before:
        return before[-1]
    return phrases.own[0] if phrases.own else None


def _kind(text: str, fig: Figure) -> tuple[str, str]:
    """'target', 'forecast' or 'actual', from the words before the figure or in its clause."""
    scope = text[: fig.clause[1]]
    found: list[tuple[int, str, str]] = []
    for m in _FORECAST.finditer(scope):
        found.append((m.start(), "forecast", m[0]))
    for m in _TARGET.finditer(scope):
        if not _TARGET_MARKET.match(scope, m.start()):
            found.append((m.start(), "target", m[0]))
    # a word after the figure counts only inside its clause ("30 million are expected to be sold")
    found = [f for f in found if f[0] < fig.at or f[0] >= fig.clause[0]]
    # "forecast ... will reach": the word nearest before the figure decides
    if not found:
        return "actual", ""
    before = [f for f in found if f[0] < fig.at]
    pos, kind, word = max(before) if before else min(found)
    return kind, f"kind {kind}: '{word}'"


def _places(text: str, regions: list[str]) -> list[tuple[int, int, str]]:
    out = []
    for name in dict.fromkeys([*regions, *PLACES]):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            out.append((m.start(), m.end(), _PLACE_NAMES.get(name, name)))
    for m in _CHINA.finditer(text):
        out.append((m.start(), m.end(), "China"))
    return sorted(out)


def _entities(text: str, places: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out = {(m.start(), m.end(), m[0]) for m in _COMPANY.finditer(text)}
    place_spans = [(s, e) for s, e, _ in places]
    for m in _SUBJECT.finditer(text):
        words = m[1].split()
        while words and (words[0] in _NOT_COMPANIES or words[0].isdigit()):
            words.pop(0)
        if not words or all(w in _NOT_COMPANIES for w in words):
            continue
        name = " ".join(words)
        start = m.start(1) + m[1].index(words[0])
        if any(s <= start < e for s, e in place_spans) or name in PLACES:
            continue
        if any(s <= start < e for s, e, _ in out):
            continue
        out.add((start, start + len(name), name))
    return sorted(out)


class Reader:
    """Reads candidates from a document with one knowledge base's catalogue and regions."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.phrases = metric_phrases(kb)
        self.plain = [p for p in self.phrases if not p.has_slot]
        self.slots = [p for p in self.phrases if p.has_slot]
        self.regions = sorted(set(kb.region_names()) - {"World"}, key=len, reverse=True)
        self.metric_ids = set(kb.metrics)
        self.growth_of = {m.growth_of: m.id for m in kb.metrics.values() if m.growth_of}
        self._any_phrase = (
            re.compile("|".join(f"(?:{p.pattern.pattern})" for p in self.plain), re.I) if self.plain else None
        )

    # -- metrics --------------------------------------------------------------------------------

    def phrase_spans(self, text: str) -> list[tuple[int, int, MetricPhrase]]:
        """Every catalogue phrase in the text, longest first where two overlap."""
        if self._any_phrase is None or not self._any_phrase.search(text):
            return []
        found: list[tuple[int, int, MetricPhrase]] = []
        for phrase in self.plain:
            for m in phrase.pattern.finditer(text):
                if not any(s < m.end() and m.start() < e for s, e, _ in found):
                    found.append((m.start(), m.end(), phrase))
        return sorted(found, key=lambda f: f[0])

    def _variant(self, metric_id: str, text: str, fig: Figure) -> str:
        """The NEV variant of a vehicle metric when the figure is about NEVs."""
        if not metric_id.startswith("vehicle-"):
            return metric_id
        nev = "nev-" + metric_id[len("vehicle-") :]
        clause = text[fig.clause[0] : fig.clause[1]]
        if nev in self.metric_ids and (_NEV.search(clause) or _NEV.search(text[: fig.at])):
            return nev
        return metric_id

    def level_for(
        self, text: str, fig: Figure, spans: list[tuple[int, int, MetricPhrase]], nouns: tuple[str, ...]
    ) -> MetricPhrase | None:
        """The metric phrase a figure's level is named by: nearest before it in its clause, else in
        the sentence before it, else after it in its clause."""
        usable = [s for s in spans if s[2].metric.measure not in ("growth",)]
        fits = [s for s in usable if fig.mention.unit == "percent" or _fits(s[2].metric, fig.mention, nouns)]
        if fig.growth or fig.decline:
            fits = [s for s in usable if s[2].metric.unit not in ("percent",)]
        before = [s for s in fits if s[1] <= fig.hedge_at]
        in_clause = [s for s in before if s[0] >= fig.clause[0]]
        if in_clause:
            return in_clause[-1][2]
        if before:
            return before[-1][2]
        after = [s for s in fits if s[0] >= fig.end and s[1] <= fig.clause[1]]
        return after[0][2] if after else None

    def metric_for(
        self, text: str, fig: Figure, spans: list[tuple[int, int, MetricPhrase]], level: MetricPhrase | None
    ) -> tuple[str | None, str | None, str]:
        """(metric, proposed new metric, why) for a figure whose level metric is known (or not)."""
        m = fig.mention
        nouns = nouns_after(text[fig.end :])
        for phrase in self.slots:
            if _fits(phrase.metric, m, nouns):
                for hit in phrase.pattern.finditer(text):
                    if hit.start("figure") <= fig.at < hit.end("figure"):
                        return phrase.metric.id, None, f"metric: '{hit[0]}'"
        if level is None:
            return None, None, ""
        base = self._variant(level.metric.id, text, fig)
        said = f"'{level.text}'" + (" about NEVs" if base != level.metric.id else "")
        if m.unit == "percent" and (fig.growth or fig.decline):
            if fig.decline:
                return None, None, f"metric: a fall in {said}: file the change as negative, or as a decline metric"
            growth = self.growth_of.get(base)
            if growth is None:
                proposed = f"{base}-growth"
                return None, proposed, f"metric: growth of {said}; the catalogue has no {proposed}"
            return growth, None, f"metric: growth of {said}"
        if not _fits(level.metric, m, nouns):
            return None, None, ""
        return base, None, f"metric: {said}"

    # -- one sentence --------------------------------------------------------------------------

    def figures(self, sentence: Sentence) -> list[Figure]:
        text = sentence.text
        out: list[Figure] = []
        for m in figure_mentions(text):
            hedge_at = hedge_start(text, m.start)
            before = text[:hedge_at]
            after = text[m.end :]
            growth = bool(_GROWTH_BEFORE.search(before) or (m.unit == "percent" and _GROWTH_AFTER.match(after)))
            decline = bool(_DECLINE_BEFORE.search(before))
            mention = replace(m, start=sentence.start + m.start, end=sentence.start + m.end)
            out.append(Figure(mention, m.start, m.end, hedge_at, _clause(text, m.start), growth, decline))
        # "up 3.4 percent and 2.1 percent": the second changes as the first does
        for i in range(1, len(out)):
            a, b = out[i - 1], out[i]
            if not _GROUP_JOIN.match(text[a.end : b.hedge_at]):
                continue
            if a.mention.unit is None and b.mention.unit is not None:  # "27 million and 26 million units"
                out[i - 1] = a = replace(a, mention=replace(a.mention, unit=b.mention.unit))
            if a.mention.unit == b.mention.unit and (a.growth or a.decline):
                out[i] = replace(b, growth=a.growth, decline=a.decline)
        return out

    def pairs(
        self, text: str, figs: list[Figure], spans: list[tuple[int, int, MetricPhrase]]
    ) -> dict[int, MetricPhrase]:
        """ "production and sales reached X and Y (respectively)": each figure of a group paired with
        the metric named in the same place of a list before it."""
        chains: list[list[tuple[int, int, MetricPhrase]]] = []
        for span in spans:
            if chains and _COORDINATOR.match(text[chains[-1][-1][1] : span[0]]):
                chains[-1].append(span)
            else:
                chains.append([span])
        groups: list[list[int]] = []
        for i, fig in enumerate(figs):
            if groups and _GROUP_JOIN.match(text[figs[groups[-1][-1]].end : fig.hedge_at]):
                groups[-1].append(i)
            else:
                groups.append([i])
        paired: dict[int, MetricPhrase] = {}
        for group in groups:
            if len(group) < 2:
                continue
            chain = [c for c in chains if len(c) == len(group) and c[-1][1] <= figs[group[0]].hedge_at]
            if not chain:
                continue
            for i, span in zip(group, chain[-1], strict=True):
                paired[i] = span[2]
        return paired

    def each(self, text: str, fig: Figure, spans: list[tuple[int, int, MetricPhrase]]) -> list[MetricPhrase]:
        """ "production and sales each exceeded 12 million": one figure for every metric of the list."""
        if not _EACH_BEFORE.search(text[: fig.hedge_at]):
            return []
        chain: list[tuple[int, int, MetricPhrase]] = []
        for span in spans:
            if span[1] > fig.hedge_at:
                break
            if chain and _COORDINATOR.match(text[chain[-1][1] : span[0]]):
                chain.append(span)
            else:
                chain = [span]
        return [s[2] for s in chain] if len(chain) > 1 else []

    def sentence(self, sentence: Sentence, ctx: Context, published: date | None) -> tuple[list[Candidate], Context]:
        text = sentence.text
        figs = self.figures(sentence)
        phrases = _periods(text, published)
        places = _places(text, self.regions)
        entities = _entities(text, places)
        spans = self.phrase_spans(text) if figs else []
        paired = self.pairs(text, figs, spans)
        out: list[Candidate] = []
        new_ctx = ctx
        for i, fig in enumerate(figs):
            kind, kind_why = _kind(text, fig)
            nouns = nouns_after(text[fig.end :])
            levels: list[MetricPhrase | None] = [*self.each(text, fig, spans)]
            levels = levels or [paired[i] if i in paired else self.level_for(text, fig, spans, nouns)]
            period, period_why = self._period(text, fig, phrases, ctx, kind)
            entity = next((e for e in reversed(entities) if e[1] <= fig.hedge_at), None)
            region, region_why = self._region(text, fig, places, entity, ctx)
            if kind == "actual" and entity is None and period_why.startswith(("period: '", "period: a year after")):
                new_ctx = Context(period, new_ctx.region, f'carried from "{text[:60]}"', new_ctx.region_why)
            if entity is None and region is not None and not region_why.startswith("region: carried"):
                new_ctx = Context(new_ctx.period, region, new_ctx.period_why, f'carried from "{text[:60]}"')
            for level in levels:
                metric, proposed, metric_why = self.metric_for(text, fig, spans, level)
                if metric_why and i in paired:
                    metric_why += ", paired by its place in the list"
                elif metric_why and len(levels) > 1:
                    metric_why += ", one of the metrics the figure holds for each"
                why = tuple(w for w in (metric_why, period_why, region_why, kind_why) if w)
                if entity is not None:
                    why += (f"entity: '{entity[2]}' before the figure",)
                out.append(
                    Candidate(
                        mention=fig.mention,
                        sentence=sentence,
                        metric=metric,
                        region=region,
                        period=period,
                        kind=kind,
                        entity=entity[2] if entity else None,
                        upper=fig.mention.upper,
                        why=why,
                        new_metric=proposed,
                    )
                )
        return out, new_ctx

    def _period(self, text: str, fig: Figure, phrases: _Phrases, ctx: Context, kind: str) -> tuple[str | None, str]:
        own = _own_period(phrases, fig)
        if own is not None:
            return own.label, f"period: '{text[own.start : own.end]}'"
        if phrases.bases:
            base = phrases.bases[-1]
            said = text[base.start : base.end]
            return _shift_year(base.label, 1), f"period: a year after the comparison base '{said}'"
        if kind != "actual":
            return None, ""
        clause = text[fig.clause[0] : fig.clause[1]]
        whole = text
        if (
            _PRESENT.search(clause)
            and not _PAST.search(clause)
            or (re.search(r"\b(?:now|currently|today|at present|so far|to date|in recent years)\b", whole, re.I))
        ):
            return AS_OF_PUBLICATION, "period: none stated, and the sentence speaks of the present"
        if ctx.period is not None and (_PAST.search(whole) or _SAME_PERIOD.search(whole)):
            return ctx.period, f"period: {ctx.period_why}"
        if _PRESENT.search(whole) and not _PAST.search(whole):
            return AS_OF_PUBLICATION, "period: none stated, and the sentence speaks of the present"
        return None, ""

    def _region(
        self,
        text: str,
        fig: Figure,
        places: list[tuple[int, int, str]],
        entity: tuple[int, int, str] | None,
        ctx: Context,
    ) -> tuple[str | None, str]:
        if entity is not None:
            # a company's figure is worldwide unless the sentence places it ("sold 2 million in China")
            for s, e, name in places:
                placed = re.search(r"\b(?:in|across|within)\s+(?:the\s+)?$", text[max(0, s - 12) : s])
                if s > entity[0] and fig.clause[0] <= s < fig.clause[1] and placed:
                    return name, f"region: 'in {text[s:e]}'"
            return "World", "region: a company's figure, placed nowhere in the sentence"
        before = [p for p in places if p[0] < fig.at]
        if before:
            s, e, name = before[-1]
            return name, f"region: '{text[s:e]}'"
        world = _WORLD.search(text)
        if world:
            return "World", f"region: '{world[0]}'"
        if places:
            s, e, name = places[0]
            return name, f"region: '{text[s:e]}'"
        if ctx.region is not None:
            return ctx.region, f"region: {ctx.region_why}"
        return None, ""


def extract_candidates(text: str, kb: KnowledgeBase, published: date | None = None) -> list[Candidate]:
    """A candidate for every figure the text states, in order."""
    if is_chinese(text):  # Chinese grammar: autofacts.chinese_extract (which builds on this module)
        from autofacts.chinese_extract import chinese_candidates

        return chinese_candidates(text, kb, published)
    reader = Reader(kb)
    ctx = Context()
    out: list[Candidate] = []
    for sentence in sentences(text):
        found, ctx = reader.sentence(sentence, ctx, published)
        out.extend(found)
    return out


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def candidates_yaml(candidates: list[Candidate], file_name: str, source_id: str | None) -> str:
    """The candidates as a facts file, with comments above each saying what was read and why."""
    prefix = re.sub(r"[^a-z0-9]+", "-", (source_id or "new").lower()).strip("-") or "new"
    lines = [
        f"# Candidate facts from {_q(file_name)}, proposed by `autofacts extract` for review.",
        "# For each one: check the value, qualifier, period and kind against the quote, fill in every",
        f"# {PLACEHOLDER}, and delete what is not an industry figure. `autofacts check` refuses a {PLACEHOLDER}.",
        f"source: {_q(source_id) if source_id else PLACEHOLDER}",
        "facts:",
    ]
    for n, c in enumerate(candidates, 1):
        m = c.mention
        unit = m.unit or "unit not recognised"
        read = plain(m.value) if c.upper is None else f"{plain(m.value)} to {plain(c.upper)}"
        lines.append(f"  # {_q(m.text)} read as {read} ({unit}, {m.qualifier})")
        lines.extend(f"  #   {why}" for why in c.why)
        if c.new_metric:
            lines.append(f"  #   new metric proposed (not in the catalogue): {c.new_metric}")
        lines.append(f"  - id: {prefix}-{n:03d}")
        lines.append(f"    metric: {c.metric or PLACEHOLDER}")
        lines.append(f"    region: {_q(c.region) if c.region else PLACEHOLDER}")
        if c.entity:
            lines.append(f"    entity: {_q(c.entity)}")
        if c.period == AS_OF_PUBLICATION:
            lines.append("    # no period in the text: the figure holds as of the source's publication")
        else:
            lines.append(f"    period: {_q(c.period) if c.period else PLACEHOLDER}")
        lines.append(f"    kind: {c.kind}")
        lines.append(f"    value: {plain(m.value)}")
        if c.upper is not None:
            lines.append(f"    upper: {plain(c.upper)}")
        lines.append(f"    qualifier: {m.qualifier}")
        lines.append(f"    quote: {_q(c.sentence.text)}")
    return "\n".join(lines) + "\n"
