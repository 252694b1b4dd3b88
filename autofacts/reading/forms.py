"""How a figure stands to what it counts: its form (a level, a change, a share, a rank, ...).

A per cent is a change when a change word governs it ("up", 增长, "a 40.7% decline"), a share when
a share cue does ("made up", 渗透率, "of all vehicle sales"); the change is month-on-month,
quarter-on-quarter or year-on-year by the comparison cue that governs the figure's group
(环比, "from September", "from the previous month"), year-on-year when none is stated.
"""

from __future__ import annotations

import re

from autofacts.reading.lexicon import Cue
from autofacts.reading.slots import Slot, has_cue, leads_into, previous_end, words_after

# A change word that names its comparison (年增 "up on the year", 月减 "down on the month"), as the
# Chinese lexicon lists them
_COMPARISON_IN_VERB = {"年": "yoy", "月": "mom", "季": "qoq"}
_RUN_OF_YEARS = re.compile(r"\s*(?:consecutive|straight|successive)?\s*years?\b(?!\s+(?:earlier|ago|before))", re.I)
_DATE_BEFORE = re.compile(r"[\d一二三四五六七八九十今去上本明前同当]\s*$")


def figure_form(text: str, cues: list[Cue], slots: list[Slot], group: list[int], i: int) -> tuple[str | None, str]:
    """The figure's form and the words it was read from (None: cannot tell)."""
    slot, first, last = slots[i], slots[group[0]], slots[group[-1]]
    clause = slot.clause
    after = words_after(text, last.end)
    after_cues = [c for c in cues if last.end <= c.start < last.end + len(after)]
    following = [s.start for s in slots if s.start >= last.end]
    until = min([*following, clause[1]])
    revision = next(
        (c for c in cues if c.kind == "form" and c.key == "forecast-change" and last.end <= c.start < until), None
    )
    points = bool(
        has_cue(after_cues, "modifier", "points") or re.search(r"百分点|百分點", text[slot.start : slot.end + 4])
    )
    points = points or (slot.unit == "percent" and _rate_to_level(text, slot))
    if revision is not None and not points and slot.unit != "percent":
        # "up 300,000 units compared to the forecast it made in June": a revision of the forecast
        return "forecast-change", f" ('{text[revision.start : revision.end]}')"
    if points:
        return _points_form(text, cues, slot)
    unit = slot.unit
    if unit in ("ordinal", "years"):
        near = [c for c in cues if clause[0] <= c.start < clause[1] and c.kind == "form"]
        keys = {c.key for c in near}
        if unit == "years" and "lead-years" in keys and "rank" in keys:
            return "lead-years", ""
        if "high-years" in keys:
            return "high-years", ""
        if unit == "ordinal" and _RUN_OF_YEARS.match(text, slot.end):
            # "ranked first globally for the 16th consecutive year": 16 years at the top, not a rank
            return ("lead-years", "") if "rank" in keys else (None, "")
        if unit == "ordinal" and "rank" in keys:
            return "rank", ""
        return None, ""
    if unit == "times":
        return "multiple", ""
    if unit != "percent":
        before = [c for c in cues if clause[0] <= c.start and c.end <= slot.hedge_at]
        if _IN_A_RANKING.match(text, slot.end) or _TOP_BEFORE.search(text, max(0, slot.hedge_at - 12), slot.hedge_at):
            return None, "metric: a count of places in a ranking ('six of the top 10'), not of vehicles"
        if _THRESHOLD.match(text, slot.end):
            return None, "metric: a threshold passed ('the 20,000 mark'), not the figure itself"
        if _absolute_change(text, cues, slots, group, i):
            return None, "metric: a change in units, not a level"
        if has_cue(before, "form", "daily"):
            return "daily", ""
        if has_cue(before, "form", "monthly") or has_cue(after_cues, "form", "monthly"):
            return "monthly", ""  # "1.2 million NEVs sold per month", 月均销量
        return "level", ""
    boundary = max(clause[0], previous_end(slots, group))
    region = [c for c in cues if boundary <= c.start and c.end <= first.hedge_at]
    if any(c.kind == "form" and c.key == "cagr" for c in cues if clause[0] <= c.start < first.hedge_at):
        return "cagr", ""
    governing = [
        c for c in region if c.kind in ("change", "reach") or (c.kind == "form" and c.key in ("share", "market-share"))
    ]
    nearest = governing[-1] if governing else None
    # "环比增长达66%": the growth reached 66 %, a change (but 提升至53% is a level)
    if nearest is not None and nearest.kind == "reach" and len(governing) > 1 and governing[-2].kind == "change":
        reached = text[nearest.start : nearest.end] in ("达", "達", "达到", "達到")
        nearest = governing[-2] if reached and governing[-2].end == nearest.start else nearest
    rate = _rate_measure(cues, slot)
    if rate is not None:  # "毛利率为15.5%", "gross margin of 16.3%": the rate's level
        if nearest is None or nearest.kind == "reach":
            return "level", ""
        return None, f"metric: a change of '{text[rate.start : rate.end]}' not stated in percentage points"
    share_after = next((c for c in after_cues if c.kind == "form" and c.key in ("share", "market-share")), None)
    change_after = next((c for c in after_cues if c.kind == "change"), None)
    if nearest is not None and nearest.kind == "change" and share_after is None:
        return change_form(text, cues, slots, group, nearest)
    if nearest is not None and nearest.kind == "form":
        return nearest.key, ""
    if change_after is not None:
        return change_form(text, cues, slots, group, change_after)
    if share_after is not None:
        return share_after.key, ""
    attached = next((c for c in after_cues if c.kind == "form" and c.key in ("yoy", "mom", "qoq")), None)
    if attached is not None and not text[last.end : attached.start].strip(" %percnt"):
        return change_form(text, cues, slots, group, attached)
    lead = next((c for c in reversed(region) if c.kind == "form" and c.key in ("yoy", "mom", "qoq")), None)
    if lead is not None and not text[lead.end : first.hedge_at].strip():
        return lead.key, f" ('{text[lead.start : lead.end]}')"  # "环比9.3%，同比4.8%": no verb, a change
    if any(c.kind == "form" and c.key in ("share", "market-share") for c in cues if c.end <= first.hedge_at):
        return "share", ""
    return None, ""


# "six of the top 10 best-selling models", "the top 10 companies": places in a ranking
_IN_A_RANKING = re.compile(r"\s+of\s+(?:the\s+)?(?:top|best|largest|biggest|leading)\b", re.I)
_TOP_BEFORE = re.compile(r"\b(?:top|first|last)\s+$", re.I)
# "exceeded the 20,000 mark", "the 10,000-unit threshold"
_THRESHOLD = re.compile(
    r"[\s-]*(?:(?:units?|vehicles?|cars?)[\s-]+)?(?:mark|milestone|threshold|barrier|level)\b", re.I
)

# "毛利率再降5.4%到15.5%", "its share fell 3% to 5%": a rate's change that reaches a level is in
# points, whatever sign the press writes it with; never a growth rate of the rate
_TO_RATE_LEVEL = re.compile(r"\s*(?:到|至|to)\s*\d[\d.,]*\s*(?:%|percent\b|per cent\b)", re.I)
_RATE_BEFORE = re.compile(r"率|占比|份额|份額|比重|比例|毛利|\b(?:margin|share|rate|penetration)\b", re.I)


def _rate_to_level(text: str, slot: Slot) -> bool:
    """A per cent right before "to/到 <per cent>", in a clause about a rate."""
    return bool(_TO_RATE_LEVEL.match(text, slot.end) and _RATE_BEFORE.search(text, slot.clause[0], slot.start))


# "35,000 units more than a year earlier", "20,000 fewer vehicles than in October"
_MORE_THAN = re.compile(
    r"\s*(?:units|vehicles|cars)?\s*(?:more|fewer|less|higher|lower)\b(?:\s+[a-z]+){0,2}?\s+than\b", re.I
)
# "increased by about 120,000", "up 30,000": but "fell below 3 million" is a level
_BY = re.compile(
    r"\s*(?:(?:by|of)\s+(?:(?:about|around|roughly|nearly|almost|some|over|more than|less than|approximately)\s+)?)?",
    re.I,
)


def _absolute_change(text: str, cues: list[Cue], slots: list[Slot], group: list[int], i: int) -> bool:
    """A count that changed rather than a level: right after a change word ("increased by 120,000
    units", "up 30,000 units", "an increase of 300,000"), or followed by "more/fewer ... than"."""
    slot = slots[i]
    if _MORE_THAN.match(text, slot.end):
        return True
    start = max(slot.clause[0], previous_end(slots, group))
    governing = [c for c in cues if c.kind in ("change", "reach") and start <= c.start and c.end <= slot.hedge_at]
    if not governing or governing[-1].kind != "change":
        return False
    first = slots[group[0]]
    return _BY.fullmatch(text, governing[-1].end, first.start) is not None


def change_form(text: str, cues: list[Cue], slots: list[Slot], group: list[int], change: Cue) -> tuple[str, str]:
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
        if low <= cue.start and cue.end <= first.hedge_at and leads_into(text, cue, slots):
            found.append((first.hedge_at - cue.end, cue))
        elif last.end <= cue.start < high and not leads_into(text, cue, slots):
            found.append((cue.start - last.end, cue))
    sign = "a fall" if change.key == "fall" else "a change"
    said = text[change.start : change.end]
    named = len(said) > 1 and said[0] in _COMPARISON_IN_VERB and not _DATE_BEFORE.search(text, 0, change.start)
    if not found and named:  # 月增, 季减: Taiwan's press; but "5月增长" is May's rise
        return _COMPARISON_IN_VERB[said[0]], f" ('{said}')"
    if not found:
        return "yoy", f" ('{said}', {sign}; no comparison named: year-on-year)"
    cue = min(found, key=lambda f: f[0])[1]
    return cue.key, f" ('{text[cue.start : cue.end]}')"


# the rate a change in percentage points is of: a growth rate ("增速高于上年同期1.8个百分点", "growth
# slowed by 2 points"), or a measure whose level is itself a per cent (gross margin)
_GROWTH_RATE = re.compile(r"增速|增幅|增长率|增長率|\bgrowth(?:\s+rate)?\b", re.I)
RATE_MEASURES = ("gross-margin", "vehicle-margin")
_OTHER_COMPARISON = ("mom", "qoq")


def _rate_measure(cues: list[Cue], slot: Slot) -> Cue | None:
    """The rate measure (gross margin) that is the nearest measure before a per cent in its clause."""
    if slot.unit != "percent":
        return None
    before = [c for c in cues if c.kind == "measure" and slot.clause[0] <= c.start and c.end <= slot.hedge_at]
    return before[-1] if before and before[-1].key in RATE_MEASURES else None


def _points_form(text: str, cues: list[Cue], slot: Slot) -> tuple[str | None, str]:
    """A change in percentage points: of the growth rate (`growth-change`) or of a rate measure from a
    year earlier (`yoy-change`: no comparison named is year-on-year, as for growth), whichever is
    named nearest before it in its clause; of a share or anything else, no catalogue form (TODO)."""
    none = (None, "metric: a change in percentage points, not a level or a growth rate")
    start = slot.clause[0]
    rate = _rate_measure(cues, slot)
    growth = list(_GROWTH_RATE.finditer(text, start, slot.hedge_at))
    shares = [c for c in cues if c.kind == "form" and start <= c.start and c.end <= slot.hedge_at]
    other = any(c.key in _OTHER_COMPARISON for c in shares)
    last_share = max((c.end for c in shares if c.key in ("share", "market-share")), default=-1)
    if rate is not None and rate.end > last_share and not (growth and growth[-1].start() > rate.end):
        return ("yoy-change", "") if not other else none
    if growth and growth[-1].end() > last_share and not other:
        return "growth-change", f" ('{growth[-1][0]}')"
    return none
