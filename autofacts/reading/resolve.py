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
from autofacts.reading.lexicon import Cue, Lexicon, lexicon

Dims = tuple[str | None, str, str, str | None]  # segment, measure, form, group

_ENERGY = ("nev", "ev", "bev", "phev", "ice-vehicle")
_BODY = ("passenger-vehicle", "commercial-vehicle")
# CPCA's retail and wholesale figures are of passenger vehicles only: "passenger" adds nothing to them.
_PASSENGER_MEASURES = ("retail-sales", "wholesale-sales")
_BROADER = {"ev": "nev"}  # "electric vehicles" in the press are NEVs when the catalogue has no EV metric
_SUFFIX = {
    "level": "",
    "yoy": "-growth",
    "mom": "-mom-growth",
    "qoq": "-qoq-growth",
    "cagr": "-cagr",
    "multiple": "-multiple",
    "share": "-share",
    "market-share": "-market-share",
    "rank": "-rank",
    "lead-years": "-lead-years",
    "high-years": "-high-years",
    "daily": "",
}
_FORM_WORDS = {
    "yoy": "year-on-year growth",
    "mom": "month-on-month change",
    "qoq": "quarter-on-quarter change",
    "cagr": "compound annual growth",
    "share": "share",
    "market-share": "market share",
    "multiple": "multiple",
    "daily": "daily average",
    "rank": "rank",
    "lead-years": "run of years ranked first",
    "high-years": "record span",
    "level": "level",
}
# A change word that names its comparison (年增 "up on the year", 月减 "down on the month"), as the
# Chinese lexicon lists them
_COMPARISON_IN_VERB = {"年": "yoy", "月": "mom", "季": "qoq"}
_COMPATIBLE = {
    "percent": ("percent",),
    "vehicles": ("vehicles",),
    "yuan": ("yuan",),
    "usd": ("usd",),
    "times": ("times",),
    "ordinal": ("rank", "years"),
    "years": ("years",),
}
_NOT_COUNTS = ("percent", "times", "rank", "years", "yuan", "usd", "vehicles")
_NOT_A_NOUN = re.compile(
    r"\s*(?:$|(?:that|which|were|was|in|on|last|this|a|an|the|for|from|during|to|each|and|or)\b"
    r"|[个個座台家条條项項](?:$|[^\u4e00-\u9fff]))",
    re.I,
)
_TIME_NOUN = re.compile(r"\s*(?:consecutive|straight|successive|months?|years?|weeks?|days?|times)\b", re.I)
_VEHICLE_NOUN = re.compile(
    r"\b(?:vehicles?|cars?|units|deliveries|sales|exports|EVs?|NEVs?|BEVs?|PHEVs?|trucks?|bus(?:es)?|SUVs?|hybrids?"
    r"|sedans?|coupes?|hatchbacks?|pickups?|MPVs?|minivans?|vans?|automobiles?)\b|辆|輛",
    re.I,
)
_JOIN = re.compile(
    r"^\s*(?:(?:units|vehicles|percent|per\s*cent|%|辆|輛)\s*)?(?:,\s*(?:and\s+)?|and\s+|&\s*|和|与|與|及|、|，|,)\s*$",
    re.I,
)
_COORD = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|as well as\s+|和|与|與|及|、)\s*$", re.I)
_CONJUNCTION = re.compile(r"\s(?:and|or|but|while|whereas|as)\s|和|与|與|及|而")
_PUNCT = re.compile(r"[,.;:()，。；：！？!?—–]|\s-\s")
_OF = re.compile(r"^\s*(?:of|for)\s+(?:(?:all|the|these|total)\s+)*$", re.I)
_ADJACENT = re.compile(r"^[\s'’s-]*(?:(?:total|all|overall|the|its|China's|China’s|中国|我国|全国)\s*)*$", re.I)


@dataclass(frozen=True)
class Slot:
    """One figure of a sentence, as the resolver needs it (offsets in the sentence)."""

    start: int
    end: int
    hedge_at: int  # where its hedge words ("over", "近") begin
    unit: str | None
    clause: tuple[int, int]
    entity: bool = False  # the figure is a company's


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
                key = (dims.get("segment"), dims["measure"], dims["form"], dims.get("group"))
                self.by_dims.setdefault(key, metric)
        self.segmentless = {k[1] for k in self.by_dims if k[0] is None}

    # -- the sentence ----------------------------------------------------------------------------

    def sentence(
        self, text: str, language: str, slots: list[Slot], carried: Topic = Topic()
    ) -> tuple[list[list[Choice]], Topic]:
        """One list of choices per figure (several when a figure holds for each of a list of
        measures), and what the sentence tells the next one."""
        lex = lexicon(language)
        cues = lex.find(text)
        groups = _groups(text, slots)
        refers = any(c.kind == "modifier" and c.key == "refer-back" for c in cues)
        out: list[list[Choice]] = []
        levels: list[tuple[int, _Read]] = []  # level figures read so far: a growth after one is its change
        for i, slot in enumerate(slots):
            group = next(g for g in groups if i in g)
            form, form_why = self._form(text, cues, slots, group, i)
            reads = self._measures(text, cues, slots, group, i, form, carried if refers else Topic(), levels)
            choices = [self._choose(text, cues, slot, form, form_why, read) for read in reads]
            if form == "level" and reads:  # a rate after it is its change, in money when it is money
                money = slot.unit in ("yuan", "usd") and reads[0].measure in ("exports", "sales")
                value = {"exports": "export-value", "sales": "revenue"}.get(reads[0].measure or "", "")
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
        elif form == "share" and measure not in ("retail-sales", "wholesale-sales", "exports", "production"):
            measure = "sales"
        if form in ("share", "market-share") and slot.entity and (form == "market-share" or segment is None):
            form = "market-share"  # a company's share of a market is not the share of a segment
        elif form == "market-share":
            form = "share"
        if slot.unit in ("yuan", "usd") and measure in ("exports", "sales"):  # "exports were 13.41 billion yuan"
            measure = "export-value" if measure == "exports" else "revenue"
        if body and segment is None:
            segment, body = body, None
        if body == "passenger-vehicle" and measure in _PASSENGER_MEASURES:
            body = None
        if segment is None:  # retail and wholesale figures with no segment named are of passenger vehicles
            segment = "passenger-vehicle" if measure in _PASSENGER_MEASURES else "vehicle"
        said = f"{read.said}; {_FORM_WORDS.get(form, form)}{form_why}"
        if body is not None:  # "passenger NEV exports": the catalogue files no segment of a segment
            proposal = self._proposal(f"{body.removesuffix('-vehicle')}-{segment}", measure, form, group)
            return Choice(None, proposal, f"metric: {said}; the catalogue has no {body} {segment} metric")
        found = self._lookup(segment, measure, form, group)
        if found is None:
            proposal = self._proposal(segment, measure, form, group)
            lacks = f"; the catalogue has no {proposal}" if proposal else "; the catalogue has none"
            return Choice(None, proposal, f"metric: {said}{lacks}")
        metric, how = found
        if not _fits(metric, slot.unit, _after(text, slot.end, 8)):
            return Choice(None, None, f"metric: {said}, but the figure's unit is not {metric.unit}")
        return Choice(metric.id, None, f"metric: {said}{how}")

    def _lookup(self, segment: str, measure: str, form: str, group: str | None) -> tuple[Metric, str] | None:
        found = self.by_dims.get((segment, measure, form, group))
        if found is not None:
            return found, ""
        broader = _BROADER.get(segment)
        if broader is not None and (broader, measure, form, group) in self.by_dims:
            return self.by_dims[(broader, measure, form, group)], f" (electric vehicles read as {broader.upper()}s)"
        if measure in self.segmentless and group is None:
            found = self.by_dims.get((None, measure, form, None))
            if found is not None:
                return found, ""
        return None

    def _proposal(self, segment: str | None, measure: str, form: str, group: str | None) -> str | None:
        """The id a curator would give the combination: {group}-{segment}-{measure}{-form}."""
        if form in ("share", "market-share") and measure == "sales":
            core = f"{segment}{_SUFFIX[form]}"
        elif form == "daily":
            core = f"{segment}-daily-{measure}"
        else:
            core = f"{segment}-{measure}{_SUFFIX.get(form, '-' + form)}"
        proposal = f"{group}-{core}" if group else core
        return None if proposal in self.metrics else proposal

    # -- form ------------------------------------------------------------------------------------

    def _form(self, text: str, cues: list[Cue], slots: list[Slot], group: list[int], i: int) -> tuple[str | None, str]:
        """The figure's form and the words it was read from (None: cannot tell)."""
        slot, first, last = slots[i], slots[group[0]], slots[group[-1]]
        clause = slot.clause
        after = _after(text, last.end)
        after_cues = [c for c in cues if last.end <= c.start < last.end + len(after)]
        if _has(after_cues, "modifier", "points") or re.search(r"百分点|百分點", text[slot.start : slot.end + 4]):
            return None, "metric: a change in percentage points, not a level or a growth rate"
        unit = slot.unit
        if unit in ("ordinal", "years"):
            near = [c for c in cues if clause[0] <= c.start < clause[1] and c.kind == "form"]
            keys = {c.key for c in near}
            if unit == "years" and "lead-years" in keys and "rank" in keys:
                return "lead-years", ""
            if "high-years" in keys:
                return "high-years", ""
            if unit == "ordinal" and "rank" in keys:
                return "rank", ""
            return None, ""
        if unit == "times":
            return "multiple", ""
        if unit != "percent":
            before = [c for c in cues if clause[0] <= c.start and c.end <= slot.hedge_at]
            return ("daily" if _has(before, "form", "daily") else "level"), ""
        boundary = max(clause[0], _previous_end(slots, group))
        region = [c for c in cues if boundary <= c.start and c.end <= first.hedge_at]
        if any(c.kind == "form" and c.key == "cagr" for c in cues if clause[0] <= c.start < first.hedge_at):
            return "cagr", ""
        governing = [
            c
            for c in region
            if c.kind in ("change", "reach") or (c.kind == "form" and c.key in ("share", "market-share"))
        ]
        nearest = governing[-1] if governing else None
        share_after = next((c for c in after_cues if c.kind == "form" and c.key in ("share", "market-share")), None)
        change_after = next((c for c in after_cues if c.kind == "change"), None)
        if nearest is not None and nearest.kind == "change" and share_after is None:
            return self._change(text, cues, slots, group, nearest)
        if nearest is not None and nearest.kind == "form":
            return nearest.key, ""
        if change_after is not None:
            return self._change(text, cues, slots, group, change_after)
        if share_after is not None:
            return share_after.key, ""
        attached = next((c for c in after_cues if c.kind == "form" and c.key in ("yoy", "mom", "qoq")), None)
        if attached is not None and not text[last.end : attached.start].strip(" %percnt"):
            return self._change(text, cues, slots, group, attached)
        if any(c.kind == "form" and c.key in ("share", "market-share") for c in cues if c.end <= first.hedge_at):
            return "share", ""
        return None, ""

    def _change(self, text: str, cues: list[Cue], slots: list[Slot], group: list[int], change: Cue) -> tuple[str, str]:
        """A change: month-on-month, quarter-on-quarter or year-on-year, by the comparison cue that
        governs the figure's group: one before it that leads into it (环比分别增长, "a year-over-year
        decline of"), or one right after it ("3.2 percent month on month")."""
        first, last = slots[group[0]], slots[group[-1]]
        same = [s for j, s in enumerate(slots) if j not in group and s.unit == first.unit]
        low = max([s.end for s in same if s.end <= first.start] + [0])
        high = min([s.start for s in same if s.start >= last.end] + [len(text)])
        found: list[tuple[int, Cue]] = []
        for cue in cues:
            if cue.kind != "form" or cue.key not in ("yoy", "mom", "qoq"):
                continue
            if low <= cue.start and cue.end <= first.hedge_at and _leads(text, cue, slots):
                found.append((first.hedge_at - cue.end, cue))
            elif last.end <= cue.start < high and not _leads(text, cue, slots):
                found.append((cue.start - last.end, cue))
        sign = "a fall" if change.key == "fall" else "a change"
        said = text[change.start : change.end]
        if not found and len(said) > 1 and said[0] in _COMPARISON_IN_VERB:  # 月增, 季减: Taiwan's press
            return _COMPARISON_IN_VERB[said[0]], f" ('{said}')"
        if not found:
            return "yoy", f" ('{said}', {sign}; no comparison named: year-on-year)"
        cue = min(found, key=lambda f: f[0])[1]
        return cue.key, f" ('{text[cue.start : cue.end]}')"

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
        chains = _chains(text, measures)
        before_group = [ch for ch in chains if ch[-1].end <= first.hedge_at]
        multi_form = form in ("rank", "lead-years")
        # "production and sales ... X and Y": the figure in the same place of the list
        if len(group) > 1 and before_group:
            chain = _expand(before_group[-1])
            if len(chain) == len(group):
                cue = chain[group.index(i)]
                return [self._read(text, cues, slot, form, cue, carried, "paired by its place in the list")]
        each = any(
            c.kind == "modifier" and c.key == "each" and slot.hedge_at - 40 <= c.start < slot.hedge_at for c in cues
        )
        if before_group and not multi_form:
            chain = _expand(before_group[-1])
            nearest = before_group[-1][-1]
            between = text[nearest.end : slot.hedge_at]
            if len(chain) > 1 and (
                each or (len(group) == 1 and len(before_group[-1]) == 1 and not _PUNCT.search(between))
            ):
                return [self._read(text, cues, slot, form, cue, carried, "for each of the list") for cue in chain]
        after = _after(text, slot.end)
        named_after = [c for c in measures if slot.end <= c.start < slot.end + len(after)]
        if named_after:
            return [self._read(text, cues, slot, form, named_after[0], carried, "")]
        clause = slot.clause
        in_clause = [c for c in measures if clause[0] <= c.start and c.end <= slot.hedge_at]
        changes = ("yoy", "mom", "qoq", "cagr")
        if form in changes and levels and in_clause and levels[-1][0] > in_clause[-1].end:
            read = levels[-1][1]  # "exports were 13.41 billion yuan, up 78.9%": the change of that level
            return [replace(read, said=read.said.split(",")[0] + ", as the level figure before it")]
        if in_clause:
            return [self._read(text, cues, slot, form, in_clause[-1], carried, "")]
        if form in ("yoy", "mom", "qoq", "cagr", "share", "market-share") and levels:
            read = levels[-1][1]  # "reached 6.3 million units, up 18.7 percent": the change of that level
            return [replace(read, said=read.said.split(",")[0] + ", as the level figure before it")]
        in_sentence = [c for c in measures if c.end <= slot.hedge_at]
        if in_sentence:
            return [self._read(text, cues, slot, form, in_sentence[-1], carried, "")]
        later = [c for c in measures if slot.end <= c.start < clause[1]]
        if later:
            return [self._read(text, cues, slot, form, later[0], carried, "")]
        if form in ("share", "market-share"):  # a penetration rate with no measure named is of sales
            return [replace(self._read(text, cues, slot, form, None, carried, ""), measure="sales")]
        if carried.measure is not None:
            read = self._read(text, cues, slot, form, None, carried, "")
            return [
                _Read(read.segment, read.body, carried.measure, read.group, f"{read.said}, as in the sentence before")
            ]
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
        segs = [c for c in cues if c.kind == "segment" or (c.kind == "modifier" and c.key == "refer-back")]
        after = _after(text, slot.end)
        chosen = [c for c in segs if slot.end <= c.start < slot.end + len(after)]
        clause = slot.clause
        if form in ("share", "market-share"):  # the part ("NEV"), not the whole it is a share of ("all vehicles")
            specific = [c for c in chosen if c.key != "vehicle"]
            specific = specific or [
                c for c in segs if clause[0] <= c.start and c.end <= slot.hedge_at and c.key != "vehicle"
            ]
            chosen = _run_from(text, specific)  # "新能源乘用车": passenger NEVs, never coarsened to NEVs
        if measure is not None and (not chosen or all(c.key == "vehicle" for c in chosen)):
            # "the NEV fleet reached 36 million vehicles": the noun after the figure is only generic
            around = _around(text, segs, measure)
            if not chosen or (measure.end <= slot.hedge_at and any(c.key != "vehicle" for c in around)):
                chosen = around or chosen
            elif not around and measure.end <= slot.hedge_at:
                # "NEV share rose, while production surged from 1.4 million vehicles": the sentence's segment
                earlier = [
                    c
                    for c in segs
                    if c.end <= measure.start and c.key != "vehicle" and c.kind == "segment" and _topical(text, c)
                ]
                chosen = earlier[-1:] or chosen
        if not chosen:
            chosen = _adjacent_run(text, [c for c in segs if clause[0] <= c.start and c.end <= slot.hedge_at])
        if not chosen:
            chosen = _adjacent_run(text, [c for c in segs if c.end <= slot.hedge_at])
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
        group_cue = next((c for c in cues if c.kind == "group" and clause[0] <= c.start < slot.hedge_at), None)
        if group_cue is not None:
            said.insert(0, f"'{text[group_cue.start : group_cue.end]}'")
        overseas = next(
            (c for c in cues if c.kind == "modifier" and c.key == "overseas" and clause[0] <= c.start < clause[1]), None
        )
        if overseas is not None and key in ("sales", "deliveries"):
            key = "exports"
            said.append(f"'{text[overseas.start : overseas.end]}'")
        home = next((c for c in cues if c.kind == "modifier" and c.key == "domestic" and c.end <= slot.hedge_at), None)
        if home is not None and key == "sales" and form not in ("share", "market-share"):
            key = "domestic-sales"  # "在国内市场方面，新能源汽车销量为…": sales at home, not all sales
            said.append(f"'{text[home.start : home.end]}'")
        words = " ".join(said) + (f", {how}" if how else "")
        return _Read(segment, body, key, group_cue.key if group_cue else None, words)

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


def _has(cues: list[Cue], kind: str, key: str) -> bool:
    return any(c.kind == kind and c.key == key for c in cues)


def _after(text: str, at: int, words: int = 4) -> str:
    """The words right after a figure that may say what it counts: up to punctuation, at most four
    words (or six characters of Chinese)."""
    rest = text[at : at + 60]
    cuts = [m.start() for m in (_PUNCT.search(rest), _CONJUNCTION.search(rest)) if m is not None]
    rest = rest[: min(cuts)] if cuts else rest
    if rest[:1] and not rest[:1].isascii() and not rest[:1].isspace():
        return rest[:6]
    found = re.match(r"(?:\s*\S+){0," + str(words) + "}", rest)
    return found[0] if found else ""


def _groups(text: str, slots: list[Slot]) -> list[list[int]]:
    """Figures listed together ("X and Y", "X和Y", "X、Y") with the same unit."""
    groups: list[list[int]] = []
    for i, slot in enumerate(slots):
        if groups:
            prev = slots[groups[-1][-1]]
            same = prev.unit == slot.unit or prev.unit is None
            if same and _JOIN.match(text[prev.end : slot.hedge_at]):
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups


def _previous_end(slots: list[Slot], group: list[int]) -> int:
    """Where the figure before the group ends (0 when none)."""
    return slots[group[0] - 1].end if group[0] > 0 else 0


def _leads(text: str, cue: Cue, slots: list[Slot]) -> bool:
    """A comparison cue leads into the figure after it ("环比分别增长7%", "a year-over-year decline
    of 31.92%") unless it follows a figure closely ("7% month on month", "48,122 units a year
    earlier") or no figure follows it in its clause."""
    previous = [s for s in slots if s.end <= cue.start]
    if previous:
        gap = text[previous[-1].end : cue.start]
        if not _PUNCT.search(gap) and (len(gap.split()) <= 3 if gap.isascii() else len(gap.strip()) <= 4):
            return False
    following = [s for s in slots if s.start >= cue.end]
    return bool(following) and not _PUNCT.search(text[cue.end : following[0].hedge_at])


def _chains(text: str, measures: list[Cue]) -> list[list[Cue]]:
    """Measures listed together ("production and sales", "产量和销量")."""
    chains: list[list[Cue]] = []
    for cue in measures:
        if chains and _COORD.match(text[chains[-1][-1].end : cue.start]):
            chains[-1].append(cue)
        else:
            chains.append([cue])
    return chains


def _expand(chain: list[Cue]) -> list[Cue]:
    """A list of measures, with production-and-sales (产销) as its two parts."""
    out: list[Cue] = []
    for cue in chain:
        if cue.key == "production-and-sales":
            out += [Cue(cue.start, cue.end, "measure", "production"), Cue(cue.start, cue.end, "measure", "sales")]
        else:
            out.append(cue)
    return out


def _around(text: str, segs: list[Cue], measure: Cue) -> list[Cue]:
    """The segment words that make one noun with a measure: right before it ("passenger NEV retail
    sales", 新能源汽车销量) or after it with "of" ("retail sales of passenger NEVs")."""
    before = [c for c in segs if c.end <= measure.start and _ADJACENT.match(text[c.end : measure.start])]
    if before:
        run = [before[-1]]
        for c in reversed([c for c in segs if c.end <= run[0].start]):
            if not _ADJACENT.match(text[c.end : run[0].start]):
                break
            run.insert(0, c)
        return run
    after = [c for c in segs if c.start >= measure.end and _OF.match(text[measure.end : c.start])]
    if after:
        run = [after[0]]
        for c in [c for c in segs if c.start >= run[-1].end]:
            if not _ADJACENT.match(text[run[-1].end : c.start]):
                break
            run.append(c)
        return run
    return []


def _run_from(text: str, cues: list[Cue]) -> list[Cue]:
    """The first cue of a list with the ones written right after it ("新能源乘用车", "NEV passenger")."""
    run = cues[:1]
    for c in cues[1:]:
        if not _ADJACENT.match(text[run[-1].end : c.start]):
            break
        run.append(c)
    return run


def _adjacent_run(text: str, cues: list[Cue]) -> list[Cue]:
    """The last cue of a list with the ones written right before it ("passenger NEV")."""
    if not cues:
        return []
    run = [cues[-1]]
    for c in reversed(cues[:-1]):
        if not _ADJACENT.match(text[c.end : run[0].start]):
            break
        run.insert(0, c)
    return run


def _fits(metric: Metric, unit: str | None, after: str) -> bool:
    """The figure's unit is the metric's: a bare count ("5,000 charging piles") fits a metric whose
    unit names what it counts."""
    if unit is None:
        if metric.unit == "vehicles":  # "256,000 electric vehicles", "3,853 that were exported", "1.6 million,"
            if _TIME_NOUN.match(after):  # "six consecutive months of declining deliveries"
                return False
            return bool(_VEHICLE_NOUN.search(after) or _NOT_A_NOUN.match(after))
        if metric.unit in _NOT_COUNTS:
            return False
        if metric.unit in ("units", "none"):  # "38,000 charging facilities" are not charging points
            return bool(_NOT_A_NOUN.match(after)) or _names(after, dict(metric.dimensions).get("measure"))
        stem = metric.unit.split()[-1].lower()[:5]  # "factories" after the figure, or nothing that names another thing
        return bool(_NOT_A_NOUN.match(after)) or stem in after.lower()
    return metric.unit in _COMPATIBLE.get(unit, (unit,))


_MAKER = re.compile(
    r"[\s-]*(?:\([^)]*\)\s*)?\)?\s*"
    r"(?:makers?|manufacturers?|compan(?:y|ies)|firms?|giants?|startups?|brands?|groups?)\b",
    re.I,
)


def _topical(text: str, cue: Cue) -> bool:
    """A segment the sentence is about, not a word of a name ("Farizon New Energy Commercial Vehicle")
    or of a company's description ("Chinese EV makers")."""
    said = text[cue.start : cue.end]
    name = said.isascii() and not said.isupper() and said[:1].isupper() and cue.start > 0
    return not name and not _MAKER.match(text, cue.end)


def _names(text: str, measure: str | None) -> bool:
    """The text holds a cue of the measure, in either language."""
    return any(
        kind == "measure" and key == measure and pattern.search(text)
        for language in ("en", "zh")
        for kind, key, pattern in lexicon(language).cues
    )


def _topic(cues: list[Cue], levels: list[tuple[int, _Read]], carried: Topic) -> Topic:
    """The segment and measure a sentence was last about (its last level figure, else its cues)."""
    if levels:
        read = levels[-1][1]
        return Topic(read.segment or read.body, read.measure)
    segment = next((c.key for c in reversed(cues) if c.kind == "segment"), None)
    measure = next((c.key for c in reversed(cues) if c.kind == "measure"), None)
    return Topic(segment or carried.segment, measure or carried.measure)


__all__ = ["Choice", "Lexicon", "Resolver", "Slot", "Topic"]
