"""Choosing a figure's metric from the parts its sentence states, in either language.

A sentence's cues (autofacts.reading.lexicon) say which vehicles (segment), what is counted
(measure) and how the figure stands to it (form: a level, a year-on-year or month-on-month change,
a share, ...). For each figure the resolver reads the parts that govern it, nearest first:

- a list of figures ("X and Y", "X和Y") pairs with a list of measures before it ("production and
  sales", 产销); "each"/均 gives one figure every measure of the list;
- the words right after a figure name what it counts ("33,181 vehicle deliveries", "3,853 that
  were exported"); else the nearest cue before it in its clause, then in its sentence; a growth
  rate without a measure of its own is the change of the level figure before it;
- a per cent is a change when a change word governs it ("up", 增长, "a 40.7% decline"), a share when
  a share cue does ("made up", 渗透率, "of all vehicle sales"): the longer cue wins where two
  overlap, so "made up" is never a rise; the change is month-on-month, quarter-on-quarter or
  year-on-year by the comparison cue that governs it (环比, "from September", "from the previous
  month"), and year-on-year when none is stated;
- a sentence that refers back ("these vehicles", "This figure", 其中) takes the segment and measure
  of the sentence before when it states none.
The combination is looked up in the catalogue by each metric's `dimensions`. A combination the
catalogue lacks gives no metric (TODO) and a proposed id, never a coarser metric: battery-electric
is not NEV, combustion-engine exports are not all exports, a company's market share is not the NEV
share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from autofacts.knowledge.model import KnowledgeBase, Metric
from autofacts.reading.forms import figure_form
from autofacts.reading.lexicon import Cue, Lexicon, lexicon
from autofacts.reading.measure_nouns import (
    adjacent_run,
    expand_chain,
    in_name,
    measure_chains,
    run_from,
    segment_around,
    topical,
    unit_fits,
)
from autofacts.reading.resolve_words import (
    ANNUAL_RATE,
    BRACKETS,
    COMPANY_FINANCE,
    COMPARED_SEGMENT,
    FORM_WORDS,
    NOT_VEHICLES_AFTER,
    NOT_VEHICLES_BEFORE,
    PLANT,
    SEGMENT_ASIDE,
    SUFFIX,
)
from autofacts.reading.slots import PUNCT, Slot, figure_groups, words_after
from autofacts.reading.subjects import segment_list, subject_group

Dims = tuple[str | None, str, str, str | None]  # segment, measure, form, group

# A sentence that goes on with the one before: "Its ...", "Of these ...", "Among them ..."
_GOES_ON = re.compile(r"(?:Its|Their|(?:Of|Among) (?:these|them|which|those))\b")
_ENERGY = ("nev", "ev", "bev", "phev", "erev", "fcev", "hybrid", "ice-vehicle")
_BODY = ("passenger-vehicle", "commercial-vehicle", "suv")
# CPCA's retail and wholesale figures are of passenger vehicles only: "passenger" adds nothing to them.
_PASSENGER_MEASURES = ("retail-sales", "wholesale-sales")
# what a share may be of besides all sales: "零售渗透率", "出口占比", "国内销量占比", "占汽车保有量"
_SHARE_MEASURES = (
    "retail-sales",
    "wholesale-sales",
    "exports",
    "production",
    "domestic-sales",
    "ownership",
    "registrations",
)
_BROADER = {"ev": "nev"}  # "electric vehicles" in the press are NEVs when the catalogue has no EV metric


@dataclass(frozen=True)
class Choice:
    """The metric chosen for a figure (None: TODO), the id proposed when the catalogue lacks the
    combination, and one line saying what in the text it was read from."""

    metric: str | None
    suggest: str | None
    why: str


@dataclass(frozen=True)
class Topic:
    """What a sentence was about, for the next one that refers back to it."""

    segment: str | None = None
    measure: str | None = None
    group: str | None = None  # "Chinese-brand ... These sales accounted for": the brands it was about


@dataclass(frozen=True)
class _Read:
    segment: str | None
    body: str | None
    measure: str | None
    group: str | None
    said: str  # the words it was read from


class Resolver:
    """The catalogue indexed by dimensions, and the rules that read a sentence's figures."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.metrics = kb.metrics
        self.by_dims: dict[Dims, Metric] = {}
        for metric in kb.metrics.values():
            dims = dict(metric.dimensions)
            if "measure" in dims and "form" in dims:
                segment = dims.get("segment")
                if "body" in dims:  # "passenger NEV sales": a segment of a body type
                    segment = f"{dims['body']}+{segment}"
                key = (segment, dims["measure"], dims["form"], dims.get("group"))
                self.by_dims.setdefault(key, metric)
        self.segmentless = {k[1] for k in self.by_dims if k[0] is None} | COMPANY_FINANCE

    # -- the sentence ----------------------------------------------------------------------------

    def sentence(
        self,
        text: str,
        language: str,
        slots: list[Slot],
        carried: Topic = Topic(),
        continues: bool = False,
        goes_on: bool = False,
    ) -> tuple[list[list[Choice]], Topic]:
        """One list of choices per figure (several when a figure holds for each of a list of
        measures), and what the sentence tells the next one. `continues`: the sentence goes on with
        the one before in its paragraph, so naming no vehicles it speaks of the same ones (CAAM's
        "在新能源市场方面，……。今年以来累计零售量为438万辆" is of NEVs). `goes_on`: the sentence is in
        the paragraph of the one before, so naming no measure it counts what that one counted."""
        lex = lexicon(language)
        cues = lex.find(text)
        groups = figure_groups(text, slots)
        refers = any(c.kind == "modifier" and c.key == "refer-back" for c in cues)
        # the vehicles it names first: a figure before them is still of the vehicles of the sentence before
        named_from = min((c.start for c in cues if c.kind in ("segment", "group")), default=len(text))
        same = carried.segment if continues and carried.segment not in (None, "vehicle") else None
        if goes_on and not refers and not any(c.kind == "measure" for c in cues) and carried.measure is not None:
            # "As seen by type, the passenger cars reached 61,000 units" after "the export was 83,000
            # units": a sentence naming no measure goes on counting what the one before counted (and, naming
            # no vehicles either, the same vehicles: "They may reach 4.8 million units")
            named = any(c.kind in ("segment", "group") for c in cues)
            carried, refers = (Topic(measure=carried.measure) if named else carried), True
        if not refers and _GOES_ON.match(text) and not any(c.kind == "measure" for c in cues):
            # "Its passenger PHEVs were 105,103 units": a list of a company's figures goes on with their measure
            carried, refers = Topic(measure=carried.measure), True
        out: list[list[Choice]] = []
        levels: list[tuple[int, _Read]] = []  # level figures read so far: a growth after one is its change
        for i, slot in enumerate(slots):
            group = next(g for g in groups if i in g)
            form, form_why = figure_form(text, cues, slots, group, i)
            reads = self._measures(text, cues, slots, group, i, form, carried if refers else Topic(), levels)
            listed = segment_list(text, cues, slots[group[0]].hedge_at)
            if len(group) > 1 and len(listed) == len(group):  # "乘用车、新能源车……分别为2170万辆、180万辆"
                key = listed[group.index(i)].key
                part = {"body": key, "segment": None} if key in _BODY else {"segment": key, "body": None}
                said = f"'{text[listed[group.index(i)].start : listed[group.index(i)].end]}' by its place in the list, "
                reads = [replace(r, **part, said=said + r.said) for r in reads]
            if same is not None and not slot.entity and slot.hedge_at < named_from:  # a company's: all its vehicles
                said = ", of the vehicles of the sentence before"
                reads = [
                    replace(r, segment=same, group=r.group or carried.group, said=r.said + said)
                    if r.segment is None and r.body is None
                    else r
                    for r in reads
                ]  # "中国品牌乘用车销售160.4万辆……。今年前7月销量为1087.3万辆": the same brands' too
            choices = [self._choose(text, cues, slot, form, form_why, read) for read in reads]
            if form == "level" and reads:  # a rate after it is its change, in money when it is money
                money = slot.unit in ("yuan", "usd") and reads[0].measure in ("exports", "sales")
                value = _in_money(reads[0].measure or "", reads[0].segment or reads[0].body)
                levels.append((slot.end, replace(reads[0], measure=value) if money else reads[0]))
            out.append(choices or [Choice(None, None, "")])
        return out, _topic(cues, levels, carried if refers else Topic())

    def _choose(self, text: str, cues: list[Cue], slot: Slot, form: str | None, form_why: str, read: _Read) -> Choice:
        if form is None:
            return Choice(None, None, form_why)
        if read.measure is None:
            return Choice(None, None, "")
        segment, body, measure, group = read.segment, read.body, read.measure, read.group
        if form == "share" and measure in ("production-and-sales", "production", "deliveries"):
            measure = "sales" if measure != "production" else measure
        elif form == "share" and measure not in _SHARE_MEASURES:
            measure = "sales"
        if form in ("share", "market-share") and slot.entity and (form == "market-share" or segment is None):
            form = "market-share"  # a company's share of a market is not the share of a segment
        elif form == "market-share":
            form = "share"
        if slot.unit in ("yuan", "usd") and measure in ("exports", "sales"):  # "exports were 13.41 billion yuan"
            measure = _in_money(measure, segment or body)
        if body and segment is None:
            segment, body = body, None
        if segment == "ev" and any(c.kind == "segment" and c.key in ("phev", "erev", "hybrid") for c in cues):
            segment = "bev"  # "EV sales rose 12%, while PHEV sales jumped 64%": EVs set against hybrids are BEVs
        if body == "passenger-vehicle" and measure in _PASSENGER_MEASURES:
            body = None
        if segment is None:  # retail and wholesale figures with no segment named are of passenger vehicles
            segment = "passenger-vehicle" if measure in _PASSENGER_MEASURES else "vehicle"
        said = f"{read.said}; {FORM_WORDS.get(form, form)}{form_why}"
        if body is not None:  # "passenger NEV sales": a segment of a body type, never the coarser segment
            found = self._lookup(f"{body}+{segment}", measure, form, group)
            if found is None:
                proposal = self._proposal(f"{body.removesuffix('-vehicle')}-{segment}", measure, form, group)
                return Choice(None, proposal, f"metric: {said}; the catalogue has no {body} {segment} metric")
        else:
            found = self._lookup(segment, measure, form, group)
        if found is None:
            proposal = self._proposal(segment, measure, form, group)
            lacks = f"; the catalogue has no {proposal}" if proposal else "; the catalogue has none"
            return Choice(None, proposal, f"metric: {said}{lacks}")
        metric, how = found
        if not unit_fits(metric, slot.unit, words_after(text, slot.end, 8)):
            return Choice(None, None, f"metric: {said}, but the figure's unit is not {metric.unit}")
        return Choice(metric.id, None, f"metric: {said}{how}")

    def flow_of(self, dims: dict[str, str]) -> str | None:
        """The flow metric of a cumulative one (cumulative-sales -> sales), or None."""
        segment = dims.get("segment")
        if "body" in dims:
            segment = f"{dims['body']}+{segment}"
        measure = dims.get("measure", "").removeprefix("cumulative-")
        found = self.by_dims.get((segment or "vehicle", measure, dims.get("form", "level"), dims.get("group")))
        return found.id if found is not None else None

    def cumulative_of(self, dims: dict[str, str]) -> str:
        """The id of the running total of a flow metric (nev-production -> nev-cumulative-production),
        in the catalogue or proposed."""
        segment = dims.get("segment") or "vehicle"
        found = self.by_dims.get((segment, f"cumulative-{dims.get('measure', '')}", "level", dims.get("group")))
        if found is not None:
            return found.id
        total = f"cumulative-{dims.get('measure', '')}"
        core = f"{segment}-{total}" if segment != "vehicle" else total
        return f"{dims['group']}-{core}" if dims.get("group") else core

    def _lookup(self, segment: str, measure: str, form: str, group: str | None) -> tuple[Metric, str] | None:
        found = self.by_dims.get((segment, measure, form, group))
        if found is not None:
            return found, ""
        body, _, own = segment.rpartition("+")
        broader = _BROADER.get(own)
        broader = f"{body}+{broader}" if broader and body else broader
        if broader is not None and (broader, measure, form, group) in self.by_dims:
            said = broader.rpartition("+")[2].upper()
            return self.by_dims[(broader, measure, form, group)], f" (electric vehicles read as {said}s)"
        if measure in self.segmentless and group is None:
            found = self.by_dims.get((None, measure, form, None))
            if found is not None:
                return found, ""
        return None

    def _proposal(self, segment: str | None, measure: str, form: str, group: str | None) -> str | None:
        """The id a curator would give the combination: {group}-{segment}-{measure}{-form}."""
        if measure in self.segmentless and group is None:  # "production-capacity-multiple": no segment
            core = f"{measure}{SUFFIX.get(form, '-' + form)}"
        elif form in ("share", "market-share") and measure == "sales":
            core = f"{segment}{SUFFIX[form]}"
        elif form == "daily":
            core = f"{segment}-daily-{measure}"
        else:
            core = f"{segment}-{measure}{SUFFIX.get(form, '-' + form)}"
        proposal = f"{group}-{core}" if group else core
        return None if proposal in self.metrics else proposal

    # -- segment and measure ---------------------------------------------------------------------

    def _measures(
        self,
        text: str,
        cues: list[Cue],
        slots: list[Slot],
        group: list[int],
        i: int,
        form: str | None,
        carried: Topic,
        levels: list[tuple[int, _Read]],
    ) -> list[_Read]:
        slot, first = slots[i], slots[group[0]]
        measures = [c for c in cues if c.kind == "measure"]
        chains = measure_chains(text, measures)
        before_group = [ch for ch in chains if ch[-1].end <= first.hedge_at]
        multi_form = form in ("rank", "lead-years")
        # "production and sales ... X and Y": the figure in the same place of the list
        if len(group) > 1 and before_group:
            chain = expand_chain(before_group[-1])
            if len(chain) == len(group):
                cue = chain[group.index(i)]
                return [self._read(text, cues, slot, form, cue, carried, "paired by its place in the list")]
        each = any(
            c.kind == "modifier" and c.key == "each" and slot.hedge_at - 40 <= c.start < slot.hedge_at for c in cues
        )
        if before_group and not multi_form:
            chain = expand_chain(before_group[-1])
            nearest = before_group[-1][-1]
            between = text[nearest.end : slot.hedge_at]
            if len(chain) > 1 and (
                each or (len(group) == 1 and len(before_group[-1]) == 1 and not PUNCT.search(between))
            ):
                return [self._read(text, cues, slot, form, cue, carried, "for each of the list") for cue in chain]
        after = words_after(text, slot.end)
        named_after = [c for c in measures if slot.end <= c.start < slot.end + len(after)]
        if named_after:
            return [self._read(text, cues, slot, form, named_after[0], carried, "")]
        clause = slot.clause
        in_clause = [c for c in measures if clause[0] <= c.start and c.end <= slot.hedge_at]
        changes = ("yoy", "mom", "qoq", "cagr", "growth-change")
        level = _level_of(levels, group, i)
        if form in changes and levels and in_clause and levels[-1][0] > in_clause[-1].end:
            read = level  # "exports were 13.41 billion yuan, up 78.9%": the change of that level
            return [replace(read, said=read.said.split(",")[0] + ", as the level figure before it")]
        if in_clause:
            return [self._read(text, cues, slot, form, in_clause[-1], carried, "")]
        own_part = any(c.kind in ("segment", "group") and clause[0] <= c.start < slot.hedge_at for c in cues)
        shares = ("share", "market-share")
        if form in (*changes, *shares) and levels and not (form in shares and own_part):
            # "reached 6.3 million units, up 18.7 percent": the change of that level; but a share whose
            # clause names its own part ("自主品牌中的新能源车渗透率57.1%") is of that part
            read = level
            return [replace(read, said=read.said.split(",")[0] + ", as the level figure before it")]
        # an aside in brackets speaks of something else ("(200,000th car has been produced on April 26)")
        asides = [(m.start(), m.end()) for m in BRACKETS.finditer(text) if not m.start() < slot.start < m.end()]
        in_sentence = [c for c in measures if c.end <= slot.hedge_at and not any(s <= c.start < e for s, e in asides)]
        if in_sentence:
            return [self._read(text, cues, slot, form, in_sentence[-1], carried, "")]
        later = [c for c in measures if slot.end <= c.start < clause[1]]
        if later:
            return [self._read(text, cues, slot, form, later[0], carried, "")]
        if form in ("share", "market-share"):  # a penetration rate with no measure named is of sales
            return [replace(self._read(text, cues, slot, form, None, carried, ""), measure="sales")]
        if carried.measure is not None:
            read = self._read(text, cues, slot, form, None, carried, "")
            segment = read.segment
            if segment is None and read.body is None and not any(c.kind == "segment" for c in cues):
                segment = carried.segment  # "They may reach 4.8 million units": the vehicles of the one before
            return [_Read(segment, read.body, carried.measure, read.group, f"{read.said}, as in the sentence before")]
        return []

    def _read(
        self, text: str, cues: list[Cue], slot: Slot, form: str | None, measure: Cue | None, carried: Topic, how: str
    ) -> _Read:
        """The segment (and brand group) that go with a measure cue, and the measure itself."""
        said: list[str] = []
        key = measure.key if measure is not None else None
        if measure is not None:
            said.append(f"'{text[measure.start : measure.end]}'")
            key = self._cumulative(text, cues, measure)
            other = NOT_VEHICLES_BEFORE.search(text, max(0, measure.start - 40), measure.start)
            if other is not None and any(
                c.kind == "segment" and other.start() <= c.start and c.end <= measure.start for c in cues
            ):
                other = None  # "battery electric vehicle sales", "fuel cell vehicle sales" are of vehicles
            if other is not None or NOT_VEHICLES_AFTER.match(text, measure.end):
                key = None  # "industrial output grew 4.8%": a figure of another industry, no vehicle metric
        # an aside ("Tesla, which makes Model Y sport-utility vehicles in Shanghai, sold ...", "(PHEVs)")
        # names vehicles the figure outside it does not count
        asides = [
            (m.start(), m.end()) for m in SEGMENT_ASIDE.finditer(text) if not m.start() < slot.start < m.end()
        ]
        segs = [
            c
            for c in cues
            if (
                c.kind == "segment"
                and not in_name(text, c)
                and not any(s < c.start < e for s, e in asides)
                and not COMPARED_SEGMENT.search(text, max(0, c.start - 30), c.start)
            )
            or (c.kind == "modifier" and c.key == "refer-back")
        ]
        after = words_after(text, slot.end)
        chosen = [c for c in segs if slot.end <= c.start < slot.end + len(after)]
        clause = slot.clause
        if form in ("share", "market-share"):  # the part ("NEV"), not the whole it is a share of ("all vehicles")
            specific = [c for c in chosen if c.key != "vehicle"]
            specific = specific or [
                c for c in segs if clause[0] <= c.start and c.end <= slot.hedge_at and c.key != "vehicle"
            ]
            chosen = run_from(text, specific)  # "新能源乘用车": passenger NEVs, never coarsened to NEVs
        own = [c for c in segs if c.kind == "segment" and clause[0] <= c.start and c.end <= slot.hedge_at]
        if measure is not None and measure.end <= clause[0] and own and not chosen:
            chosen = adjacent_run(text, own)  # "销量为100万辆，其中纯电动汽车60万辆": the clause's own vehicles
        comma = text.rfind(",", clause[0], slot.hedge_at)
        if not chosen and comma >= 0 and measure is not None and measure.end <= comma:
            # "While sales of fully electric models rose 33%, hybrids fell 5.5%": a new subject after the comma
            chosen = adjacent_run(text, [c for c in segs if comma < c.start and c.end <= slot.hedge_at])
        if measure is not None and (not chosen or all(c.key == "vehicle" for c in chosen)):
            # "the NEV fleet reached 36 million vehicles": the noun after the figure is only generic
            around = segment_around(text, segs, measure)
            if not chosen or (measure.end <= slot.hedge_at and any(c.key != "vehicle" for c in around)):
                chosen = around or chosen
            elif not around and measure.end <= slot.hedge_at:
                # "NEV share rose, while production surged from 1.4 million vehicles": the sentence's segment
                earlier = [
                    c
                    for c in segs
                    if c.end <= measure.start and c.key != "vehicle" and c.kind == "segment" and topical(text, c)
                ]
                chosen = earlier[-1:] or chosen
        if not chosen:
            chosen = adjacent_run(text, [c for c in segs if clause[0] <= c.start and c.end <= slot.hedge_at])
        if not chosen:
            chosen = adjacent_run(text, [c for c in segs if c.end <= slot.hedge_at])
        segment = body = None
        for cue in chosen:
            value = carried.segment if cue.kind == "modifier" else cue.key
            if value in _ENERGY:
                segment = value
            elif value in _BODY:
                body = value
            elif value == "vehicle" and segment is None:
                segment = value
            if value is not None:
                said.insert(0, f"'{text[cue.start : cue.end]}'")
        if segment == "vehicle" and body is not None:
            segment = None
        named = slot.end + len(after)  # "1.49 million domestic-brand passenger vehicles": the noun after it
        group_cue = next(
            (
                c
                for c in cues
                if c.kind == "group" and (clause[0] <= c.start < slot.hedge_at or slot.end <= c.start < named)
            ),
            None,
        )
        if group_cue is None:  # "自主品牌在这一领域占据主导地位，新能源车渗透率高达74.9%": the subject clause
            group_cue = subject_group(text, cues, clause[0])
        if group_cue is not None:
            said.insert(0, f"'{text[group_cue.start : group_cue.end]}'")
        overseas = next(
            (c for c in cues if c.kind == "modifier" and c.key == "overseas" and clause[0] <= c.start < clause[1]), None
        )
        if key == "production" and ANNUAL_RATE.search(text, clause[0], clause[1]) and PLANT.search(text):
            key = "production-capacity"  # "double production at the plant to 240,000 vehicles a year"
            said.append("'a year'")
        if overseas is not None and key in ("sales", "deliveries"):
            key = "exports"
            said.append(f"'{text[overseas.start : overseas.end]}'")
        home = next((c for c in cues if c.kind == "modifier" and c.key == "domestic" and c.end <= slot.hedge_at), None)
        if home is not None and key == "sales" and form not in ("share", "market-share"):
            key = "domestic-sales"  # "在国内市场方面，新能源汽车销量为…": sales at home, not all sales
            said.append(f"'{text[home.start : home.end]}'")
        elif home is not None and key == "sales" and clause[0] <= home.start:
            key = "domestic-sales"  # "国内新车销量占比超50%": a share of the sales at home, not of all sales
            said.append(f"'{text[home.start : home.end]}'")
        words = " ".join(said) + (f", {how}" if how else "")
        return _Read(segment, body, key, group_cue.key if group_cue else carried.group, words)

    def _cumulative(self, text: str, cues: list[Cue], measure: Cue) -> str:
        """A cumulative total is a stock ("cumulative deliveries reached 1.5 million as of ..."),
        unless the sentence counts it from the start of the year ("so far this year", 1-9月)."""
        to_date = any(c.kind == "modifier" and c.key == "to-date" for c in cues)
        key = measure.key
        if key.startswith("cumulative-"):
            return key.removeprefix("cumulative-") if to_date else key
        modifier = [c for c in cues if c.kind == "modifier" and c.key == "cumulative" and c.end <= measure.start]
        if modifier and not to_date and measure.start - modifier[-1].end <= 24:
            stock = f"cumulative-{key}"
            return stock if stock in lexicon("en").keys["measures"] else key
        return key


# --- helpers --------------------------------------------------------------------------------------

def _in_money(measure: str, segment: str | None) -> str:
    """What a sales or exports figure in money counts: the export value, the revenue from selling the
    vehicles named ("vehicle sales of RMB 14.8 billion", 汽车销售额), else a company's revenue."""
    if measure == "exports":
        return "export-value"
    if measure == "sales":
        return "sales-revenue" if segment is not None else "revenue"
    return ""


def _level_of(levels: list[tuple[int, _Read]], group: list[int], i: int) -> _Read:
    """The level figure a change is of: the last one, or for a list of changes after as many levels
    ("销量分别为2170万辆、180万辆，年增7.5%和40%") the level in the same place."""
    if len(group) > 1 and len(levels) >= len(group):
        return levels[len(levels) - len(group) + group.index(i)][1]
    return levels[-1][1] if levels else _Read(None, None, None, None, "")


def _topic(cues: list[Cue], levels: list[tuple[int, _Read]], carried: Topic) -> Topic:
    """The segment and measure a sentence was last about (its last level figure, else its cues)."""
    if levels:
        read = levels[-1][1]
        return Topic(read.segment or read.body, read.measure, read.group)
    segment = next((c.key for c in reversed(cues) if c.kind == "segment"), None)
    measure = next((c.key for c in reversed(cues) if c.kind == "measure"), None)
    group = next((c.key for c in reversed(cues) if c.kind == "group"), None)
    return Topic(segment or carried.segment, measure or carried.measure, group or carried.group)


__all__ = ["Choice", "Lexicon", "Resolver", "Slot", "Topic"]
