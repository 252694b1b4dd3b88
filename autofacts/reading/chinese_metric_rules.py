"""Metric rules the Chinese reader applies after the resolver has chosen: a sum in brackets that
converts the one before (no figure of its own), exports to one destination (proposed as
{segment}-exports-to-destination, never all exports), and a change against a base that is
neither the year nor the month before (no catalogue growth)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from autofacts.reading.chinese_entities import clause_bounds
from autofacts.reading.mentions import Mention
from autofacts.reading.numbers import hedge_start
from autofacts.reading.text import PeriodPhrase

BASE_BEFORE = re.compile(r"(?:比|较|相比|与|同)\s*$")  # "比2020年增长": 2020 is the comparison base


_OPEN_ASIDE = re.compile(r"[(（]\s*(?:约|約|折合|相当于|合)?\s*$")
_ASIDES_BEFORE = re.compile(r"(?:\s*[(（][^()（）]{0,20}[)）])*\s*$")


def converted(text: str, mention: Mention, mentions: Sequence[Mention]) -> bool:
    """ "15.95亿元(人民币,下同)(约19.4亿元)": a sum in brackets right after another sum is that sum
    in another currency, no figure of its own."""
    if mention.unit not in ("yuan", "usd"):
        return False
    opened = _OPEN_ASIDE.search(text, max(0, hedge_start(text, mention.start) - 6), hedge_start(text, mention.start))
    if opened is None:
        return False
    asides = _ASIDES_BEFORE.search(text, max(0, opened.start() - 60), opened.start())
    before = asides.start() if asides is not None else opened.start()
    return any(m.end == before and m.unit in ("yuan", "usd") for m in mentions)


def to_destination(metric: str | None) -> str | None:
    """The id proposed for exports to one market: nev-exports-growth -> nev-exports-to-destination-growth."""
    if metric is None or "-exports" not in f"-{metric}":
        return None
    return re.sub(r"(^|-)exports(?=-|$)", r"\1exports-to-destination", metric, count=1)


def other_base(text: str, mention: Mention, periods: list[PeriodPhrase], period: str | None, chosen: str) -> str | None:
    """The base a change is stated against ("相较2019年5月增长3%") when it is not the one its
    metric compares with (the same period a year before, or the month before): that change is
    no catalogue growth. None when no base is named in the figure's clause, or it fits."""
    if not chosen.endswith("-growth") or period is None:
        return None
    start, _ = clause_bounds(text, mention.start)
    bases = [
        p for p in periods if start <= p.start and p.end <= mention.start and BASE_BEFORE.search(text, 0, p.start)
    ]
    if not bases:
        return None
    base = bases[-1].label
    if chosen.endswith("-mom-growth"):
        month = re.fullmatch(r"(\d{4})-(\d{2})", period)
        if month is None:
            return None
        y, mo = int(month[1]), int(month[2])
        expected = f"{y - 1}-12" if mo == 1 else f"{y}-{mo - 1:02d}"
    elif chosen.endswith("-qoq-growth"):
        return None
    else:
        expected = re.sub(r"\d{4}", lambda y: str(int(y[0]) - 1), period)
    return None if base == expected else text[bases[-1].start : bases[-1].end]
