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
from functools import lru_cache

from autofacts.errors import PeriodError
from autofacts.knowledge.model import KnowledgeBase, Metric
from autofacts.knowledge.parse import PLACEHOLDER
from autofacts.knowledge.periods import parse_period
from autofacts.knowledge.units import plain
from autofacts.reading.candidate import Candidate
from autofacts.reading.chinese import is_chinese
from autofacts.reading.entities import ListLead, company_measure, entity_of, list_item, named_companies, one_company
from autofacts.reading.mentions import Mention
from autofacts.reading.numbers import FALL_BEFORE, hedge_start
from autofacts.reading.periods import Phrases, a_year_earlier, own_period, sentence_periods, shift_year
from autofacts.reading.resolve import Resolver, Slot, Topic
from autofacts.reading.text import (
    Sentence,
    figure_mentions,
    is_furniture,
    sentences,
)

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
_VEHICLE_NOUNS = frozenset(  # what a count of vehicles may be called
    [
        "vehicle",
        "unit",
        "car",
        "nev",
        "ev",
        "bev",
        "phev",
        "automobile",
        "truck",
        "bus",
        "sedan",
        "suv",
        "coupe",
        "hatchback",
        "pickup",
        "mpv",
        "minivan",
        "van",
    ]
)




_WORD = re.compile(r"[a-z0-9]+")
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
_LEADING_WORDS = re.compile(r"(?:\s+[A-Za-z][A-Za-z0-9-]*)*")
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
    said = (leading[0] if leading else "").lower().split()
    if said[:1] == ["of"]:  # "thousands of supporting enterprises"
        said = said[1:]
    for word in said:
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
    r"|expects?|expected|expecting|expectations?|is likely to|are likely to|will likely"
    r"|outlook)\b",
    re.I,
)
_TARGET = re.compile(
    r"\b(?:targets?|targeted|targeting|goals?|strive|strives|striving|aims?|aimed|aiming"
    r"|plans to|planned to|planning to"
    r"|calls? for|called for|propose[sd]?|proposing|seeks? to|pledged?|vows?|vowed|ambitions?|objectives?"
    r"|by the end of the plan)\b",
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
    r"\b(?:up|rose|risen|rising|rise|rise of|jumped|jump|jump of|surged|surge of|soared|climbed|climb|grew|grow"
    r"|grown|growing|growth of|increase"
    r"|increased|increase of|increasing|gained|gain of|expanded|expansion of|year-on-year|year on year)"
    r"(?:\s+by)?\s*$",
    re.I,
)
_DECLINE_BEFORE = FALL_BEFORE  # the number reader makes a per cent after these words negative
_GROWTH_AFTER = re.compile(
    r"^\s*(?:(?:year[- ]on[- ]year|yoy|y/y)\b|(?:from|over|compared (?:with|to)) (?:a year earlier|the previous year"
    r"|the same period|last year|a year ago)|(?:growth|increase|rise|jump)\b)",
    re.I,
)
_SAME_PERIOD = re.compile(
    r"\b(?:the same (?:period|month|quarter)|a year earlier|a year ago|the previous year|the year before)\b", re.I
)
# Words that date a figure to the time of writing rather than to a stated period.
_PRESENT = re.compile(
    r"\b(?:now|currently|today|at present|so far|to date|in recent years|has|have|is|are|remains?|continues?"
    r"|features?|stands? at|boasts?|owns?|operates?)\b",
    re.I,
)


@lru_cache(maxsize=64)
def _found(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)` for a whole sentence, searched once per sentence rather than once per
    figure in it (a line of 1,000 numbers asked the same question 1,000 times)."""
    return pattern.search(text)


_NOW = re.compile(r"\b(?:now|currently|today|at present|so far|to date|in recent years)\b", re.I)
_PAST = re.compile(
    r"\b(?:was|were|had|sold|delivered|produced|built|exported|shipped|reached|rose|fell|grew|jumped|surged"
    r"|climbed|increased|decreased|declined|dropped|totaled|totalled|hit|exceeded|surpassed|posted|recorded"
    r"|reported|registered|achieved|amounted|stood|edged|gave|giving)\b",
    re.I,
)
_WORLD = re.compile(
    r"\b(?:worldwide|globally|around the world|across the world|world's total"
    r"|global (?:sales|deliveries|market|output))\b",
    re.I,
)
# "national vehicle sales" (lower case: not "National Bureau of ...") is the country's, never a province's
_CHINA = re.compile(
    r"\b(?:China|China's|Chinese|nationwide|the country's|the nation's"
    r"|national(?=\s+(?:(?:vehicle|car|auto|automobile|passenger car|NEV|new[ -]energy vehicle)s?\s+)?"
    r"(?:sales|production|output|exports|deliveries)\b))\b"
)
_NEV = re.compile(r"\b(?:new[ -]energy vehicles?|NEVs?|electric vehicles?|EVs?)\b", re.I)
_COMPARED_PLACE = re.compile(
    r"\b(?:surpass\w*|overt\w*|outpac\w*|beat\w*|than|ahead of|behind|compared (?:with|to)|versus)\s+(?:the\s+)?$",
    re.I,
)
_EXAMPLES = re.compile(r"\b(?:such as|including|for example|e\.g\.|like)\s", re.I)
_PLANT = re.compile(r"\s+(?:plant|factory|gigafactory|base|facility)\b", re.I)
_ESTIMATE = re.compile(r"\b(?:estimated|estimates?|estimating)\b(?! to\b)", re.I)
_KIND_BREAK = re.compile(r"\s--\s|\s—\s|,\s+(?:while|whereas|but)\b|\.\s", re.I)
_PASSIVE = re.compile(r"(?:expected|projected|forecast|predicted|likely|estimated|set|planned|targeted)\b", re.I)
_COMPARISON_BEFORE = re.compile(r"\b(?:compared (?:with|to)|versus|than|against|up from|down from)\s+$", re.I)
_SEGMENT = re.compile(r"\b(?:passenger (?:cars?|vehicles?)|commercial vehicles?|trucks|buses)\b", re.I)
# "its annual target of 4.6 million": the figure is for a whole year, whatever the sentence's period
_ANNUAL = re.compile(
    r"\b(?:annual|full-year|full year|yearly|whole-year)\s+(?:[\w-]+\s+){0,2}?(?:target|goal|forecast|plan|guidance)"
    r"\s+(?:of\s+|is\s+|was\s+)?$",
    re.I,
)
_RETAIL = re.compile(r"\bretail\b", re.I)
_WILL = re.compile(r"\b(?:will|shall|is to|are to|is set to|are set to)\b", re.I)
_POINTS = re.compile(r"\s*percentage points?\b", re.I)
_ANAPHORA = re.compile(r"^(?:This|These|Such)\b")
# A sentence opening with these is about the company the sentence before named.
_COMPANY_ANAPHORA = re.compile(
    r"^(?:Its|The (?:[\w()-]+\s+){0,5}?(?:company|carmaker|automaker|firm|group|manufacturer|maker|startup)"
    r"(?:'s|’s)?|Among (?:these|them|those|which)|Of (?:these|them|those|which)|公司)(?![\w-])"
)
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
_PLACE_SET = frozenset(PLACES)


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
    topic: Topic = Topic()  # the segment and measure the sentence before was about ("these vehicles")
    entity: str | None = None  # the one company the sentence before was about ("BYD sold ... Its ...")
    entity_why: str = ""
    # the period of the last sentence about a company: it dates the next company's figures, not the industry's
    entity_period: str | None = None
    entity_period_why: str = ""
    # a line ending in ':' scopes the list items under it ("The group's 2030 objectives include:")
    lead: ListLead | None = None
    in_item: int = 0  # 0: not in a list item; 1: the sentence opens an item; 2: it goes on with one


AS_OF_PUBLICATION = "-"  # Candidate.period when the text dates a figure by its publication


def _clause(text: str, at: int) -> tuple[int, int]:
    """The clause holding position `at`: between ; : -- ( ) and ", while" / ", and" / "which"."""
    cuts = [0, len(text)]
    for m in re.finditer(r"[;:()]|\s--\s|\s—\s|,\s+(?=while\b|whereas\b|and\b|but\b|of which\b|which\b)", text):
        cuts.append(m.start() if m.start() > at else m.end())
    before = max(c for c in cuts if c <= at)
    after = min(c for c in cuts if c > at) if any(c > at for c in cuts) else len(text)
    return before, after


def _kind_words(text: str) -> list[tuple[int, str, str]]:
    """Where a sentence says forecast, estimate or target words: (position, kind, word)."""
    found = [(m.start(), "forecast", m[0]) for m in _FORECAST.finditer(text)]
    found += [(m.start(), "estimate", m[0]) for m in _ESTIMATE.finditer(text)]
    found += [(m.start(), "target", m[0]) for m in _TARGET.finditer(text) if not _TARGET_MARKET.match(text, m.start())]
    return sorted(found)


def _kind(text: str, words: list[tuple[int, str, str]], fig: Figure) -> tuple[str, str]:
    """'target', 'forecast', 'estimate' or 'actual', from the words before the figure in its part of
    the sentence (up to a ';', a ' -- ' or a ', while'), or right after it ("30 million are expected
    to be sold"); the word nearest before the figure decides."""
    start = max((m.end() for m in _KIND_BREAK.finditer(text, 0, fig.at)), default=0)
    before = [f for f in words if start <= f[0] < fig.at]
    if before:
        _, kind, word = before[-1]
    else:
        # after the figure, in its clause: "30 million are expected to be sold", "in 25 pilot cities,
        # promote ... with a target of"; but not "delivered 135,000 in 2024 and aims to deliver"
        after = [f for f in words if fig.end <= f[0] < fig.clause[1]]
        if not after or _KIND_BREAK.search(text, fig.end, after[0][0]):
            return "actual", ""
        if not _PASSIVE.match(after[0][2]) and _PAST.search(text, start, after[0][0]):
            return "actual", ""
        _, kind, word = after[0]
    if kind != "actual" and _COMPARISON_BEFORE.search(text[max(0, fig.hedge_at - 30) : fig.hedge_at]):
        return "actual", f"kind actual: the figure '{kind}' words compare with"
    return kind, f"kind {kind}: '{word}'"


def place_pattern(regions: list[str]) -> re.Pattern[str]:
    """One pattern for every place name, longest first."""
    names = sorted(dict.fromkeys([*regions, *PLACES]), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _places(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    out = [(m.start(), m.end(), _PLACE_NAMES.get(m[0], m[0])) for m in pattern.finditer(text)]
    for m in _CHINA.finditer(text):
        out.append((m.start(), m.end(), "China"))
    return sorted(out)


class Reader:
    """Reads candidates from a document with one knowledge base's catalogue and regions."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.resolver = Resolver(kb)
        self.places = place_pattern(sorted(set(kb.region_names()) - {"World"}))

    # -- one sentence --------------------------------------------------------------------------

    def figures(self, sentence: Sentence) -> list[Figure]:
        text = sentence.text
        out: list[Figure] = []
        for m in figure_mentions(text):
            hedge_at = hedge_start(text, m.start)
            before = text[max(0, hedge_at - 40) : hedge_at]  # the words right before: never the whole prefix
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

    def sentence(self, sentence: Sentence, ctx: Context, published: date | None) -> tuple[list[Candidate], Context]:
        """The candidates of one sentence, and what it tells the sentences after it."""
        text = sentence.text
        phrases = sentence_periods(text, published, ctx.period)
        # a number inside a period phrase ("the third quarter", "August 1 to 10") dates, it is no figure
        figs = [
            f
            for f in self.figures(sentence)
            if not phrases.holds(f.at, f.end) and not is_furniture(text, replace(f.mention, start=f.at, end=f.end))
        ]
        places = _places(text, self.places)
        entities = named_companies(text, [(p[0], p[1]) for p in places], _PLACE_SET)
        out: list[Candidate] = []
        new_ctx = self._context_after(text, phrases, places, entities, ctx, bool(figs))
        kind_words = _kind_words(text) if figs else []
        owners = [self._owner(text, fig, entities, places, ctx) for fig in figs]
        slots = [
            Slot(f.at, f.end, f.hedge_at, f.mention.unit, f.clause, owner[0] not in (None, PLACEHOLDER))
            for f, owner in zip(figs, owners, strict=True)
        ]
        choices, topic = self.resolver.sentence(text, "en", slots, ctx.topic)
        new_ctx = replace(new_ctx, topic=topic)
        for i, fig in enumerate(figs):
            kind, kind_why = _kind(text, kind_words, fig)
            entity, entity_why = owners[i]
            lead = ctx.lead if ctx.in_item else None
            dated = ctx
            if entity not in (None, PLACEHOLDER) and ctx.entity_period is not None:
                dated = replace(ctx, period=ctx.entity_period, period_why=ctx.entity_period_why)
            period, period_why = self._period(text, fig, phrases, dated, kind)
            if lead is not None and kind == "actual" and lead.kind is not None and not kind_words:
                kind, kind_why = lead.kind, f"kind {lead.kind}: the line the list item is under"
            if lead is not None and lead.period is not None and not period_why.startswith(("period: '", "period: a ")):
                period, period_why = lead.period, f"period: {lead.period}, of the line the list item is under"
            annual = _ANNUAL.search(text[max(0, fig.hedge_at - 60) : fig.hedge_at])
            if annual is not None and not (period and re.fullmatch(r"\d{4}", period)):
                year = period[:4] if period and period[:4].isdigit() else (str(published.year) if published else None)
                period = year
                period_why = f"period: '{annual[0].strip()}', the year {year}" if year else ""
            if kind == "actual" and _after_publication(period, published):
                # an outcome cannot be reported before it happens: "will" makes it a forecast
                will = _WILL.search(text)
                kind = "forecast" if will else PLACEHOLDER
                kind_why = (
                    f"kind forecast: '{will[0]}', for a period after publication"
                    if will
                    else ("kind: a period after publication, and no word says forecast or target")
                )
            if kind == "actual" and entity is None and period_why.startswith(("period: '", "period: a year after")):
                said = period_why.split(": ", 1)[1]
                new_ctx = replace(new_ctx, period=period, period_why=f'{said}, in an earlier sentence "{_clip(text)}"')
            for choice in choices[i]:
                metric, proposed, metric_why = choice.metric, choice.suggest, choice.why
                measure = self.kb.metrics[metric].measure if metric else None
                region, region_why = self._region(text, fig, places, entity, measure, ctx)
                why = tuple(w for w in (metric_why, period_why, region_why, kind_why, entity_why) if w)
                out.append(
                    Candidate(
                        mention=fig.mention,
                        sentence=sentence,
                        metric=metric,
                        region=region,
                        period=period,
                        kind=kind,
                        entity=entity,
                        upper=fig.mention.upper,
                        why=why,
                        new_metric=proposed,
                    )
                )
        return out, new_ctx

    def _owner(
        self,
        text: str,
        fig: Figure,
        entities: list[tuple[int, int, str]],
        places: list[tuple[int, int, str]],
        ctx: Context,
    ) -> tuple[str | None, str]:
        """The company a figure belongs to: named before it, the one of the line a list item is
        under, or by "Its"/"The company" (or a company's measure) the one the sentence before named."""
        entity, entity_why = entity_of(text, fig.hedge_at, entities)
        anaphora = _COMPANY_ANAPHORA.match(text)
        lead = ctx.lead if ctx.in_item else None
        if entity is None and lead is not None and lead.entity is not None and ctx.in_item == 1:
            entity, entity_why = lead.entity, f"entity: '{lead.entity}', of the line the list item is under"
        elif entity is None and ctx.entity is not None and anaphora is not None:
            entity, entity_why = ctx.entity, f"entity: '{anaphora[0]}' is {ctx.entity_why}"
        elif entity is None and ctx.entity is not None and (ctx.in_item == 2 or company_measure(text, places)):
            entity, entity_why = ctx.entity, f"entity: {ctx.entity_why}, a company's measure"
        return entity, entity_why

    def _context_after(
        self,
        text: str,
        phrases: Phrases,
        places: list[tuple[int, int, str]],
        entities: list[tuple[int, int, str]],
        ctx: Context,
        figures: bool = True,
    ) -> Context:
        """What a sentence tells the ones after it: the place it names (when it is not about a
        company), the period it states (when it states an outcome), and whether it speaks of NEVs."""
        new = ctx
        name = one_company([e[2] for e in entities])
        if name is not None:
            new = replace(new, entity=name, entity_why=f"'{name}', in an earlier sentence \"{_clip(text)}\"")
        elif entities or (places and not _COMPANY_ANAPHORA.match(text)):
            new = replace(new, entity=None, entity_why="")  # several companies, or the industry of a place
        lead = None
        if text.rstrip().endswith(":"):
            kinds = [w for w in _kind_words(text) if w[1] != "estimate"]
            lead_entity = name or (ctx.entity if _COMPANY_ANAPHORA.match(text) else None)
            lead = ListLead(phrases.own[-1].label if phrases.own else None, kinds[0][1] if kinds else None, lead_entity)
        elif ctx.in_item:
            lead = ctx.lead
        new = replace(new, lead=lead)
        industry = [p for p in places if not _compared_with(text, p[0])]
        if len({p[2] for p in industry} - {"China"}) > 1 or _EXAMPLES.search(text):
            industry = []  # "restricted cities (such as Beijing and Shanghai)": examples, not the subject
        if industry and not entities:
            s, e, name = _specific(text, industry)
            new = replace(new, region=name, region_why=f"'{text[s:e]}', in an earlier sentence \"{_clip(text)}\"")
        if phrases.own and figures and not (_FORECAST.search(text) or _TARGET.search(text)):
            last = phrases.own[-1]
            said = f"'{text[last.start : last.end]}', in an earlier sentence \"{_clip(text)}\""
            new = replace(new, entity_period=last.label, entity_period_why=said)
            if not entities:
                new = replace(new, period=last.label, period_why=said)
        return new

    def _period(self, text: str, fig: Figure, phrases: Phrases, ctx: Context, kind: str) -> tuple[str | None, str]:
        """The figure's period: its own phrase, a year after a comparison base, the present (as of
        publication), the period the sentences before were about, or None (TODO)."""
        own = own_period(text, phrases, fig.at, fig.end, fig.hedge_at, fig.clause)
        clause = text[fig.clause[0] : fig.clause[1]]
        now = _found(_NOW, clause)
        if now is not None and (own is None or not fig.clause[0] <= own.start < fig.clause[1]):
            return AS_OF_PUBLICATION, f"period: none stated, and '{now[0]}' speaks of the present"
        if own is not None and a_year_earlier(text, fig.end):
            return shift_year(own.label, -1), f"period: a year before '{text[own.start : own.end]}'"
        if own is not None:
            return own.label, f"period: '{text[own.start : own.end]}'"
        spoken, spoken_why = (ctx.period, ctx.period_why) if ctx.period else (ctx.entity_period, ctx.entity_period_why)
        if spoken is not None and kind == "actual" and _SAME_PERIOD.search(text):
            # "up 98 percent from 106,042 units in the same month last year": the months spoken of before
            if a_year_earlier(text, fig.end):
                return shift_year(spoken, -1), f"period: a year before {spoken_why}"
            return spoken, f"period: {spoken_why}"
        years = [b for b in phrases.bases if re.fullmatch(r"\d{4}", b.label)]
        if years:  # "up 5% over 2024": the year after; a month's base may be the month before
            base = years[-1]
            said = text[base.start : base.end]
            return shift_year(base.label, 1), f"period: a year after the comparison base '{said}'"
        if kind != "actual":
            return None, ""
        present = "period: none stated, and the sentence speaks of the present"
        if _found(_PRESENT, clause) and not _found(_PAST, clause) or _found(_NOW, text):
            return AS_OF_PUBLICATION, present
        if ctx.period is not None and (_found(_PAST, text) or _found(_SAME_PERIOD, text)):
            return ctx.period, f"period: {ctx.period_why}"
        if _found(_PRESENT, text) and not _found(_PAST, text):
            return AS_OF_PUBLICATION, present
        return None, ""

    def _region(
        self,
        text: str,
        fig: Figure,
        places: list[tuple[int, int, str]],
        entity: str | None,
        measure: str | None,
        ctx: Context,
    ) -> tuple[str | None, str]:
        """The place a figure belongs to: named before it (the most specific one), or worldwide, or
        the place the sentences before were about. A company's sales are worldwide unless its
        clause places them ("sold 2 million in China"); its other figures are left to the curator."""
        world = _found(_WORLD, text)
        if entity is not None:
            for s, e, name in places:
                if fig.clause[0] <= s < fig.at and _PLANT.match(text, e):  # "Tesla's Shanghai plant delivered"
                    return name, f"region: '{text[s:e]}' plant"
            for s, e, name in places:
                placed = re.search(r"\b(?:in|across|within)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$", text[max(0, s - 30) : s])
                if fig.clause[0] <= s < fig.clause[1] and placed:
                    return name, f"region: 'in {text[s:e]}'"
            if world:
                return "World", f"region: '{world[0]}'"
            counted = measure is None and fig.mention.unit == "vehicles"  # a company's vehicles: its sales
            if (measure in ("flow", "growth") or counted) and entity != PLACEHOLDER:
                return "World", "region: a company's figure, placed nowhere in the sentence"
            return None, ""
        usable = [p for p in places if not _compared_with(text, p[0])]
        before = [p for p in usable if p[0] < fig.at]
        if before:
            s, e, name = _specific(text, before)
            return name, f"region: '{text[s:e]}'"
        if world:
            return "World", f"region: '{world[0]}'"
        if usable:
            s, e, name = usable[0]
            return name, f"region: '{text[s:e]}'"
        if ctx.region is not None:
            return ctx.region, f"region: {ctx.region_why}"
        return None, ""


def _after_publication(period: str | None, published: date | None) -> bool:
    """True when a period label starts after the publication date."""
    if period is None or period == AS_OF_PUBLICATION or published is None:
        return False
    try:
        return parse_period(period).start > published
    except PeriodError:
        return False


def _clip(text: str) -> str:
    return text if len(text) <= 50 else text[:49] + "…"


def _compared_with(text: str, at: int) -> bool:
    """A place named as what the figure is compared with ("surpassing Japan", "ahead of Germany"),
    or where someone spoke ("told a conference in Beijing that", "BEIJING (Reuters) -")."""
    return bool(
        _COMPARED_PLACE.search(text[max(0, at - 30) : at])
        or _SPOKEN_AT.search(text[max(0, at - 60) : at])
        or _DATELINE.match(text, at)
    )


# Where something was said, not what the figure is about
_SPOKEN_AT = re.compile(
    r"\b(?:conference|forum|briefing|meeting|summit|expo|auto show|reporters|said|told|speaking|spoke|event)\b"
    r"[^,.;]{0,40}\b(?:in|at)\s+(?:the\s+)?$",
    re.I,
)
_DATELINE = re.compile(  # "Beijing, Dec. 12 (Xinhua) --": where the story was filed
    r"[A-Z][A-Za-z]+(?:/[A-Z][A-Za-z]+)*,?\s+(?:[A-Z][a-z]{2}\.?\s+\d{1,2}(?:,\s+\d{4})?\s*)?\(\w+\)\s*[-–—:]"
)


def _specific(text: str, places: list[tuple[int, int, str]]) -> tuple[int, int, str]:
    """Of the places before a figure, the last; but a city or province over the "China's" that
    describes it ("Chongqing will become China's Number One City")."""
    last = places[-1]
    possessive = text[last[0] : last[1]] != "China" or text[last[1] :].startswith(("'s", "’s"))
    if last[2] == "China" and possessive:
        others = [p for p in places if p[2] not in ("China", "World")]
        if others:
            return others[-1]
    return last


def extract_candidates(text: str, kb: KnowledgeBase, published: date | None = None) -> list[Candidate]:
    """A candidate for every figure the text states, in order."""
    if is_chinese(text):  # Chinese grammar: autofacts.reading.chinese_extract (which builds on this module)
        from autofacts.reading.chinese_extract import chinese_candidates

        return chinese_candidates(text, kb, published)
    reader = Reader(kb)
    ctx = Context()
    out: list[Candidate] = []
    for n, sentence in enumerate(sentences(text)):
        ctx = replace(ctx, in_item=list_item(text, sentence.start))
        found, ctx = reader.sentence(sentence, ctx, published)
        if n == 0 and _is_headline(text, sentence):
            continue  # a headline restates the article's figures without their context
        out.extend(found)
    return out


def _is_headline(text: str, sentence: Sentence) -> bool:
    """The first line of a document, standing alone without a full stop."""
    line_end = text.find("\n", sentence.start)
    line_end = len(text) if line_end < 0 else line_end  # (the first piece of a long line is no headline)
    return sentence.end >= line_end - 1 and not sentence.text.rstrip("\"'”’").endswith((".", "!", "?"))


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
        lines.append(f"  - id: {prefix}-{n:03d}")
        lines.append(f"    metric: {c.metric or PLACEHOLDER}")
        if c.new_metric and not c.metric:  # the catalogue lacks it: define it, or choose another
            lines.append(f"    suggest: {c.new_metric}")
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
