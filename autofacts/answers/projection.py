"""Where a year-to-date outcome points: projections of a flow or a growth rate to the whole period.

The way an analyst reads a partial year: with last year's full year and same months known, the
rest of this year is judged against the rest of last year; the run rate (the figure scaled to the
whole period) is context only, since it ignores seasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from enum import Enum

from autofacts.answers.outcomes import Outcomes
from autofacts.knowledge.interval import Interval, difference, from_qualifier, growth, product, ratio, scale
from autofacts.knowledge.model import Fact, Metric
from autofacts.knowledge.periods import Period


class Method(str, Enum):
    """What a projected verdict rests on."""

    SAME_MONTHS = "same months last year"  # this year's months scaled by last year's full year over the same months
    RUN_RATE = "run rate"  # the reported months scaled to the whole period (no seasons known)
    YTD_GROWTH = "year-to-date growth"  # a growth target: the year grows as the reported months did


@dataclass(frozen=True)
class Projection:
    """A partial-period outcome and where it points.

    `covered` is how much of the target period the data cover; `ended` whether that period was
    over at the as-of date: two different things ("the data cover 92 % of 2025" read in 2026).
    """

    ytd: Fact
    covered: Decimal  # share of the target period covered by the ytd figure, 0-1
    ended: bool
    method: Method
    projected: Interval  # the full-period outcome the verdict judges
    run_rate: Interval | None  # context: the ytd figure scaled to the whole period
    seasonal: Interval | None  # the ytd figure scaled by last year's full year over its same months
    # how `seasonal` was known: last year's same months (stated, or derived) and last year's full year
    seasonal_basis: tuple[Fact, Fact] | None
    needed: Interval | None  # what is still needed to reach the target line
    remaining: Period | None  # the months not yet reported
    needed_growth: Interval | None  # per cent: what the remaining months must grow on last year's
    ytd_growth: Interval | None  # per cent: what the reported months grew on last year's


def _remaining(target: Fact, ytd: Fact) -> Period:
    start = ytd.period.end + timedelta(days=1)
    return Period(start, target.period.end, f"{start:%Y-%m}/{target.period.end:%Y-%m}")


def _needed_growth(needed: Interval, last_rest: Interval | None) -> Interval | None:
    """Per cent the remaining months must grow on the same months last year to deliver `needed`."""
    if last_rest is None or needed.lo is None or needed.lo < 0:
        return None
    return growth(needed, last_rest)


def project(outcomes: Outcomes, target: Fact, metric: Metric, ytd: Fact) -> Projection:
    """Where a year-to-date flow points, the way an analyst reads it.

    With last year's full year and same months known, the rest of this year is judged against
    the rest of last year: the target is on track when the growth the remaining months need is
    below what the reported months achieved (the same test as scaling this year's figure by last
    year's full year over its same months). The run rate is context only: it ignores seasons.
    """
    iv = ytd.interval
    assert iv is not None and target.value is not None
    total, covered = target.period.months, ytd.period.months
    run_rate = scale(iv, Decimal(total) / Decimal(covered))
    needed = difference(from_qualifier(target.value, "exact"), iv)
    remaining = _remaining(target, ytd)

    seasonal: Interval | None = None
    needed_growth: Interval | None = None
    basis: tuple[Fact, Fact] | None = None
    last_full = outcomes.level_in(metric.id, target, target.period.shifted_years(-1))
    last_ytd = outcomes.level_in(metric.id, target, ytd.period.shifted_years(-1))
    rate = outcomes.growth_in(metric, target, ytd.period)
    ytd_growth = rate.interval if rate is not None else None
    if ytd_growth is None and last_ytd is not None and last_ytd.interval is not None:
        ytd_growth = growth(iv, last_ytd.interval)
    if last_full is not None and last_ytd is not None and last_full.interval and last_ytd.interval:
        share = ratio(last_full.interval, last_ytd.interval)  # last year's full year over its same months
        if share is not None:
            seasonal = product(iv, share)
            needed_growth = _needed_growth(needed, difference(last_full.interval, last_ytd.interval))
            basis = (last_ytd, last_full)
    method = Method.SAME_MONTHS if seasonal is not None else Method.RUN_RATE
    return Projection(
        ytd=ytd,
        covered=Decimal(covered) / Decimal(total),
        ended=target.period.end <= outcomes.as_of,
        method=method,
        projected=seasonal if seasonal is not None else run_rate,
        run_rate=run_rate,
        seasonal=seasonal,
        seasonal_basis=basis,
        needed=needed,
        remaining=remaining,
        needed_growth=needed_growth,
        ytd_growth=ytd_growth,
    )


def project_growth(outcomes: Outcomes, target: Fact, metric: Metric, ytd: Fact) -> Projection:
    """A growth target from stated year-to-date growth: if the rest of the year grows as the
    reported months did, the year grows by the same rate. With last year's levels known, the
    growth the remaining months need is shown as well."""
    iv = ytd.interval
    assert iv is not None and target.value is not None
    remaining = _remaining(target, ytd)
    needed_growth = None
    base = outcomes.kb.metrics.get(metric.growth_of or "")
    if base is not None:
        last_full = outcomes.level_in(base.id, target, target.period.shifted_years(-1))
        this_ytd = outcomes.level_in(base.id, target, ytd.period)
        last_ytd = outcomes.level_in(base.id, target, ytd.period.shifted_years(-1))
        if last_full and this_ytd and last_ytd and last_full.interval and this_ytd.interval and last_ytd.interval:
            factor = from_qualifier(1 + target.value / 100, "exact")
            needed = difference(product(last_full.interval, factor), this_ytd.interval)
            needed_growth = _needed_growth(needed, difference(last_full.interval, last_ytd.interval))
    return Projection(
        ytd=ytd,
        covered=Decimal(ytd.period.months) / Decimal(target.period.months),
        ended=target.period.end <= outcomes.as_of,
        method=Method.YTD_GROWTH,
        projected=iv,
        run_rate=None,
        seasonal=None,
        seasonal_basis=None,
        needed=None,
        remaining=remaining,
        needed_growth=needed_growth,
        ytd_growth=iv,
    )
