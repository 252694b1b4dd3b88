"""Proposing facts from a new document, for a person to review.

Every number the text states as a figure becomes a candidate in the knowledge base's own format,
with the value in base units, the hedge word as its qualifier, and guesses for the metric, region,
period and kind. What cannot be guessed is written as TODO, which `check` refuses until a curator
fills it in: extraction proposes, a person decides.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from autofacts.errors import PeriodError
from autofacts.knowledge.model import KnowledgeBase
from autofacts.knowledge.parse import PLACEHOLDER
from autofacts.knowledge.periods import parse_period
from autofacts.reading.candidate import AS_OF_PUBLICATION, Candidate
from autofacts.reading.chinese import is_chinese
from autofacts.reading.company_region import company_region, market_of, suggested_measure
from autofacts.reading.entities import ListLead, list_item, named_companies, one_company
from autofacts.reading.fact_kind import BASE_WHY, FORECAST, PAST, TARGET, WILL, figure_kind, kind_words
from autofacts.reading.figures import Figure, sentence_figures
from autofacts.reading.numbers import NO_BREAK_SPACES
from autofacts.reading.owners import COMPANY_ANAPHORA, Said, owner
from autofacts.reading.periods import Phrases, a_year_earlier, own_period, sentence_periods, shift_year
from autofacts.reading.places import (
    EXAMPLES,
    GOING,
    PLACE_SET,
    WORLD,
    compared_with,
    dateline_china,
    destination,
    place_pattern,
    places_in,
    sent_to,
    specific_place,
)
from autofacts.reading.resolve import Resolver, Topic
from autofacts.reading.slots import Slot
from autofacts.reading.text import (
    Sentence,
    is_furniture,
    sentences,
)

# --- reading one sentence -------------------------------------------------------------------------

_OUTCOME = re.compile(
    r"\b(?:deliveries|sales|exports|production|output)\s+(?:rose|fell|jumped|surged|climbed|dropped|declined|grew|slid"
    r"|increased|decreased|hit|reached|topped)\b"
    r"|\b(?:released|published|issued|announced)\s+(?:[\w-]+\s+){0,3}?(?:data|figures|statistics)\b"
    r"|\b(?:data|figures|statistics)\s+(?:showed|shows|show|revealed|reveals)\b",  # "..., industry data showed"
    re.I,
)
_THE_MONTH = re.compile(
    r"\b(?:in|during|for|over) (?:the|that) (?:given |same |current )?month\b(?! (?:a|last) year)", re.I
)
_LOOKING_BACK = re.compile(r"\bpreviously\b|\bhad\s+(?:been|hit|reached|risen|fallen|peaked|set)\b", re.I)
_SAME_PERIOD = re.compile(
    r"\b(?:the same (?:period|month|quarter)|a year earlier|a year ago|the previous year|the year before)\b", re.I
)
# Words that date a figure to the time of writing rather than to a stated period.
_PRESENT = re.compile(
    r"\b(?:now|currently|today|at present|so far|to date|in recent years|has|have|is|are|remains?|continues?"
    r"|features?|stands? at|boasts?|owns?|operates?)\b",
    re.I,
)


# a sentence giving the parts of the figures of the one before
_PARTS = re.compile(r"\s*(?:Within|Of|Among|Including)\s+(?:this|these|them|which|it|that)\b", re.I)
_SPAN = re.compile(r"\d{4}-\d{2}/\d{4}-\d{2}")


@lru_cache(maxsize=64)
def _found(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)` for a whole sentence, searched once per sentence rather than once per
    figure in it (a line of 1,000 numbers asked the same question 1,000 times)."""
    return pattern.search(text)


# "data released today" dates the release, not the figure
_NOW = re.compile(
    r"\b(?:now|currently|(?<!released )(?<!published )(?<!announced )today|at present|so far(?! this year)|to date"
    r"|in recent years)\b",
    re.I,
)
# "its annual target of 4.6 million": the figure is for a whole year, whatever the sentence's period
_ANNUAL = re.compile(
    r"\b(?:annual|full-year|full year|yearly|whole-year)\s+(?:[\w-]+\s+){0,2}?(?:target|goal|forecast|plan|guidance)"
    r"\s+(?:of\s+|is\s+|was\s+)?(?:[\d.,]+\s*(?:million\s+|billion\s+)?(?:[a-z]+\s+)?(?:to|from)\s+)?$",
    re.I,
)

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
    month: str | None = None  # the last single month spoken of: "In the given month" is that one
    month_why: str = ""
    # a line ending in ':' scopes the list items under it ("The group's 2030 objectives include:")
    lead: ListLead | None = None
    in_item: int = 0  # 0: not in a list item; 1: the sentence opens an item; 2: it goes on with one
    same_paragraph: bool = False  # the sentence goes on in the paragraph of the one before
    ahead: tuple[str, str] | None = None  # the period of the forecast or target just stated, and why
    ahead_kind: str | None = None  # and its kind: "target" when only a target's words said it
    market: tuple[str, str] | None = None  # the market the text last spoke of ("in China"), and why
    entity_region: tuple[str, str] | None = None  # where the sentence before placed its company's figures


class Reader:
    """Reads candidates from a document with one knowledge base's catalogue and regions."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.resolver = Resolver(kb)
        self.places = place_pattern(sorted(set(kb.region_names()) - {"World"}))

    # -- one sentence --------------------------------------------------------------------------

    def sentence(self, sentence: Sentence, ctx: Context, published: date | None) -> tuple[list[Candidate], Context]:
        """The candidates of one sentence, and what it tells the sentences after it."""
        text = sentence.text
        phrases = sentence_periods(text, published, ctx.period or ctx.entity_period)
        # a number inside a period phrase ("the third quarter", "August 1 to 10") dates, it is no figure
        figs = [
            f
            for f in sentence_figures(sentence)
            if not phrases.holds(f.at, f.end) and not is_furniture(text, replace(f.mention, start=f.at, end=f.end))
        ]
        places = places_in(text, self.places)
        entities = named_companies(text, [(p[0], p[1]) for p in places], PLACE_SET)
        out: list[Candidate] = []
        new_ctx = self._context_after(text, phrases, places, entities, ctx, bool(figs))
        said_kinds = kind_words(text) if figs else []
        listed = [(f.at, f.end, f.mention.unit) for f in figs]
        owners = [self._owner(text, fig, entities, places, ctx, listed) for fig in figs]
        slots = [
            Slot(f.at, f.end, f.hedge_at, f.mention.unit, f.clause, owner[0] not in (None, PLACEHOLDER))
            for f, owner in zip(figs, owners, strict=True)
        ]
        choices, topic = self.resolver.sentence(text, "en", slots, ctx.topic, goes_on=ctx.same_paragraph)
        new_ctx = replace(new_ctx, topic=topic)
        for i, fig in enumerate(figs):
            kind, kind_why = figure_kind(text, said_kinds, fig)
            entity, entity_why = owners[i]
            lead = ctx.lead if ctx.in_item else None
            dated = ctx
            if entity not in (None, PLACEHOLDER) and ctx.entity_period is not None:
                dated = replace(ctx, period=ctx.entity_period, period_why=ctx.entity_period_why)
            period, period_why = self._period(text, fig, phrases, dated, kind)
            parts = _PARTS.match(text)
            if parts is not None and ctx.ahead is not None and kind in ("forecast", "target"):
                # "setting the target of 32.3 million for 2025. Within this, NEV sales are expected to
                # reach 15.5 million": the parts of the target, its period and its kind
                if period is None:
                    period, period_why = ctx.ahead[0], f"period: {ctx.ahead[1]}, whose parts it gives"
                if ctx.ahead_kind == "target" and kind == "forecast":
                    kind, kind_why = "target", f"kind target: the parts ('{parts[0].strip()}') of a target"
            if lead is not None and kind == "actual" and lead.kind is not None and not said_kinds:
                kind, kind_why = lead.kind, f"kind {lead.kind}: the line the list item is under"
            if lead is not None and lead.period is not None and not period_why.startswith(("period: '", "period: a ")):
                period, period_why = lead.period, f"period: {lead.period}, of the line the list item is under"
            annual = _ANNUAL.search(text[max(0, fig.hedge_at - 60) : fig.hedge_at])
            if annual is not None and not (period and re.fullmatch(r"\d{4}", period)):
                year = period[:4] if period and period[:4].isdigit() else (str(published.year) if published else None)
                period = year
                period_why = f"period: '{annual[0].strip()}', the year {year}" if year else ""
            if kind_why.startswith(BASE_WHY) and _unfinished(period, published):
                # "up from 1.3 million this year", said in December: the year's figure is not known yet
                kind, kind_why = "estimate", "kind estimate: a comparison base for a period not over at publication"
            if kind == "actual" and _after_publication(period, published):
                # an outcome cannot be reported before it happens: "will" makes it a forecast
                will = WILL.search(text)
                kind = "forecast" if will else PLACEHOLDER
                kind_why = (
                    f"kind forecast: '{will[0]}', for a period after publication"
                    if will
                    else ("kind: a period after publication, and no word says forecast or target")
                )
            if (
                kind == "actual"
                and entity is None
                and period_why.startswith(("period: '", "period: a year after"))
                and "earlier sentence" not in period_why
            ):
                said = period_why.split(": ", 1)[1]
                new_ctx = replace(new_ctx, period=period, period_why=f'{said}, in an earlier sentence "{_clip(text)}"')
            for choice in choices[i]:
                metric, proposed, metric_why = choice.metric, choice.suggest, choice.why
                dims = dict(self.kb.metrics[metric].dimensions) if metric else {}
                stock_period, stock_why = period, period_why
                if dims.get("measure", "").startswith("cumulative-") and period and _SPAN.fullmatch(period):
                    if period_why.startswith("period: '") and "earlier sentence" not in period_why:
                        # "including over 95,000 in the recent 12 months": a span's own count is its flow
                        flow = self.resolver.flow_of(dims)
                        metric, metric_why = flow, (f"{metric_why}; over its own span, the flow" if flow else "")
                        dims = dict(self.kb.metrics[metric].dimensions) if metric else {}
                    else:  # a running total as of the end of the span the sentence before spoke of
                        stock_period = period.split("/")[1]
                        stock_why = f"{period_why}, its end (a running total)"
                monthly = (metric or proposed or "").endswith("-monthly-average")
                if monthly and fig.mention.upper is not None and stock_period and "/" in stock_period:
                    # "190,000–205,000 units per month between April and September": each month in the
                    # range, neither one period nor an average over the span
                    stock_period, stock_why = None, "period: each month of a span, no one period"
                to_day = _month_end(stock_period) if stock_why.startswith("period: '") else None
                if metric and to_day is not None and dims.get("measure") not in _STOCKS:
                    if self.kb.metrics[metric].measure == "flow":
                        # "exceeded 30 million by the end of June": since January, or since ever? not said
                        stock = self.resolver.cumulative_of(dims)
                        metric, proposed = None, stock
                        metric_why = f"{metric_why}; counted up to a day, from when is not said"
                    elif dims.get("form") in ("share", "yoy"):  # "a market share of 35.2% by the end of June"
                        stock_period = to_day
                        stock_why = f"{stock_why}: a share or growth of flows, from January"
                measure = self.kb.metrics[metric].measure if metric else suggested_measure(proposed)
                if dims.get("form") == "share" or dims.get("measure", "").startswith("cumulative-"):
                    measure = "own"  # its NEVs' share of its own sales, its cumulative deliveries: worldwide
                region, region_why = self._region(text, fig, places, entity, measure, ctx)
                if GOING in region_why:  # exports to one market are not all exports
                    metric, proposed, metric_why = None, None, "metric: a figure of one market the vehicles go to"
                why = tuple(w for w in (metric_why, stock_why, region_why, kind_why, entity_why) if w)
                out.append(
                    Candidate(
                        mention=fig.mention,
                        sentence=sentence,
                        metric=metric,
                        region=region,
                        period=stock_period,
                        kind=kind,
                        entity=entity,
                        upper=fig.mention.upper,
                        why=why,
                        new_metric=proposed,
                    )
                )
        placed = [c for c in out if c.entity not in (None, PLACEHOLDER) and c.region is not None]
        if placed:
            said = f"as in the sentence before \"{_clip(text)}\""
            new_ctx = replace(new_ctx, entity_region=(str(placed[-1].region), said))
        elif figs:
            new_ctx = replace(new_ctx, entity_region=None)
        market = market_of(text, places)
        if market is not None:
            said = f"'{text[market[0] : market[1]]}', in an earlier sentence \"{_clip(text)}\""
            new_ctx = replace(new_ctx, market=(market[2], said))
        return out, new_ctx

    def _owner(
        self,
        text: str,
        fig: Figure,
        entities: list[tuple[int, int, str]],
        places: list[tuple[int, int, str]],
        ctx: Context,
        figures: list[tuple[int, int, str | None]],
    ) -> tuple[str | None, str]:
        """The company a figure belongs to (entities.owner), with what the sentences before said."""
        lead = ctx.lead.entity if ctx.lead is not None and ctx.in_item == 1 else None
        said = Said(ctx.entity, ctx.entity_why, lead, ctx.in_item)
        return owner(text, (fig.at, fig.end, fig.hedge_at), entities, places, figures, said)

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
        elif entities or (places and not COMPANY_ANAPHORA.match(text)):
            new = replace(new, entity=None, entity_why="")  # several companies, or the industry of a place
        lead = None
        if text.rstrip().endswith(":"):
            kinds = [w for w in kind_words(text) if w[1] != "estimate"]
            lead_entity = name or (ctx.entity if COMPANY_ANAPHORA.match(text) else None)
            lead = ListLead(phrases.own[-1].label if phrases.own else None, kinds[0][1] if kinds else None, lead_entity)
        elif ctx.in_item:
            lead = ctx.lead
        new = replace(new, lead=lead)
        industry = [p for p in places if not compared_with(text, p[0])]
        if len({p[2] for p in industry} - {"China"}) > 1 or EXAMPLES.search(text):
            industry = []  # "restricted cities (such as Beijing and Shanghai)": examples, not the subject
        if industry and not entities and not COMPANY_ANAPHORA.match(text):  # not "The company ... in the US"
            s, e, name = specific_place(text, industry)
            new = replace(new, region=name, region_why=f"'{text[s:e]}', in an earlier sentence \"{_clip(text)}\"")
        # the lede dates what follows even without a figure ("said deliveries rose sharply in November");
        # a sentence looking back ("previously hit a high in September") dates nothing after it
        lede = ctx.period is None and ctx.entity_period is None and _OUTCOME.search(text) is not None
        if (
            phrases.own
            and (figures or lede)
            and not (FORECAST.search(text) or TARGET.search(text) or _LOOKING_BACK.search(text))
        ):
            last = phrases.own[-1]
            said = f"'{text[last.start : last.end]}', in an earlier sentence \"{_clip(text)}\""
            new = replace(new, entity_period=last.label, entity_period_why=said)
            if re.fullmatch(r"\d{4}-\d{2}", last.label):
                new = replace(new, month=last.label, month_why=said)
            if not entities:
                new = replace(new, period=last.label, period_why=said)
        if phrases.own and figures:
            # "CPCA expects retail sales of 1.86 million in November. Among them, NEVs are expected to
            # be 600,000": a forecast's period dates the next forecast of its paragraph
            ahead = FORECAST.search(text) or TARGET.search(text)
            last = phrases.own[-1]
            said = f"'{text[last.start : last.end]}', in a forecast before \"{_clip(text)}\""
            aim = "target" if TARGET.search(text) and not FORECAST.search(text) else "forecast"
            new = replace(new, ahead=(last.label, said) if ahead else None, ahead_kind=aim if ahead else None)
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
        if ctx.month is not None and _THE_MONTH.search(text):
            return ctx.month, f"period: 'the month' is {ctx.month_why}"
        spoken, spoken_why = (ctx.period, ctx.period_why) if ctx.period else (ctx.entity_period, ctx.entity_period_why)
        if spoken is not None and kind == "actual" and _SAME_PERIOD.search(text):
            # "up 98 percent from 106,042 units in the same month last year": the months spoken of before
            if a_year_earlier(text, fig.end):
                return shift_year(spoken, -1), f"period: a year before {spoken_why}"
            return spoken, f"period: {spoken_why}"
        # (a base figure's own year, "from 5.4% in 2020 to 40.9%", is where a change starts, no comparison)
        years = [b for b in phrases.bases if re.fullmatch(r"\d{4}", b.label) and b not in phrases.of_base_figure]
        if years:  # "up 5% over 2024": the year after; a month's base may be the month before
            base = years[-1]
            said = text[base.start : base.end]
            return shift_year(base.label, 1), f"period: a year after the comparison base '{said}'"
        if kind != "actual":
            if ctx.ahead is not None and ctx.same_paragraph and kind in ("forecast", "target"):
                return ctx.ahead[0], f"period: {ctx.ahead[1]}"
            return None, ""
        present = "period: none stated, and the sentence speaks of the present"
        if _found(_PRESENT, clause) and not _found(PAST, clause) or _found(_NOW, text):
            return AS_OF_PUBLICATION, present
        if ctx.period is not None and (_found(PAST, text) or _found(_SAME_PERIOD, text)):
            return ctx.period, f"period: {ctx.period_why}"
        if _found(_PRESENT, text) and not _found(PAST, text):
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
        world = _found(WORLD, text)
        if entity is not None:
            return company_region(text, fig, places, world, entity, measure, ctx.market, ctx.entity_region)
        usable = [p for p in places if not compared_with(text, p[0])]
        going = destination(text, fig.at, fig.clause, usable)
        if going is not None:  # the exporter's figure: the place named before the destination, or carried
            usable = [p for p in usable if p[0] < going[0] and not sent_to(text, p[0])]
            gone = f"'{text[going[0] : going[1]]}' {GOING}"
            if usable:
                s, e, name = specific_place(text, usable)
                return name, f"region: '{text[s:e]}', the exporter; {gone}"
            if ctx.region is not None:
                return ctx.region, f"region: {ctx.region_why}, the exporter; {gone}"
            return None, f"region: {gone}"
        before = [p for p in usable if p[0] < fig.at]
        if before:
            s, e, name = specific_place(text, before)
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


def _unfinished(period: str | None, published: date | None) -> bool:
    """True when a period label ends after the publication date."""
    if period is None or period == AS_OF_PUBLICATION or published is None:
        return False
    try:
        return parse_period(period).end > published
    except PeriodError:
        return False


_STOCKS = ("ownership", "charging-points", "battery-swap-stations", "production-capacity", "factories")


def _month_end(period: str | None) -> str | None:
    """January up to the month a day label ends ("2024-06-30": 2024-01/2024-06), or None when the
    label is no month's last day."""
    day = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", period or "")
    if day is None or int(day[3]) != calendar.monthrange(int(day[1]), int(day[2]))[1]:
        return None
    return day[1] if day[2] == "12" else f"{day[1]}-01" if day[2] == "01" else f"{day[1]}-01/{day[1]}-{day[2]}"


def _clip(text: str) -> str:
    return text if len(text) <= 50 else text[:49] + "…"


def extract_candidates(text: str, kb: KnowledgeBase, published: date | None = None) -> list[Candidate]:
    """A candidate for every figure the text states, in order."""
    text = text.translate(NO_BREAK_SPACES)  # "7\u00a0million" is 7 million (quotes compare spaces alike)
    if is_chinese(text):  # Chinese grammar: autofacts.reading.chinese_extract (which builds on this module)
        from autofacts.reading.chinese_extract import chinese_candidates

        return chinese_candidates(text, kb, published)
    reader = Reader(kb)
    # a text about the country's industry (no company named) places what it places nowhere in China
    # when filed in a mainland city or naming no other place; a company's figures are its own
    ctx = Context()
    places = places_in(text, reader.places)
    if not named_companies(text, [(p[0], p[1]) for p in places], PLACE_SET):
        city = dateline_china(text)
        if city is not None:
            ctx = Context(region="China", region_why=f"the dateline '{city}'")
        elif {p[2] for p in places if not compared_with(text, p[0])} == {"China"}:
            ctx = Context(region="China", region_why="China, the only place the text names")
    elif (city := dateline_china(text)) is not None:  # a company's retail sales, in a story filed in China
        ctx = Context(market=("China", f"the dateline '{city}'"))
    out: list[Candidate] = []
    previous_end = -1
    for n, sentence in enumerate(sentences(text)):
        same = previous_end >= 0 and "\n" not in text[previous_end : sentence.start]
        ctx = replace(ctx, in_item=list_item(text, sentence.start), same_paragraph=same)
        previous_end = sentence.end
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
