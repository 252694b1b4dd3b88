"""Plan targets against reported outcomes, in the manner of hledger's --budget.

Each target gets the best outcome the knowledge base holds and a verdict:
- met / missed / can't tell: a full-period outcome compared, as an interval, with the target line;
- on track / off track (projected): only part of the period is reported, so the year-to-date
  figure is projected by run rate and, where last year's same months are known, seasonally;
- growth targets are judged from the levels of the year and the year before when no growth
  figure is reported;
- pending (the period is not over and nothing is reported), no data, not measurable.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from autofacts.interval import (
    Interval,
    add,
    compare_to_line,
    difference,
    from_qualifier,
    growth,
    product,
    ratio,
    scale,
)
from autofacts.model import Fact, KnowledgeBase, Metric
from autofacts.periods import Period, year_period
from autofacts.query import best_fact, published_by
from autofacts.units import format_stated

STATUSES = ("met", "missed", "on track", "off track", "can't tell", "no data", "pending", "not measurable")


@dataclass(frozen=True)
class Projection:
    """A partial-period outcome and where it points."""

    ytd: Fact
    elapsed: Decimal  # share of the target period covered by the ytd figure, 0-1
    run_rate: Interval
    seasonal: Interval | None
    seasonal_basis: str  # how last year's same months were known
    needed: Interval  # what is still needed to reach the target line


@dataclass(frozen=True)
class TargetVerdict:
    """One target, the outcome matched to it, and the verdict."""

    target: Fact
    metric: Metric
    status: str
    outcome: Interval | None = None
    outcome_facts: tuple[Fact, ...] = ()
    percent_of_target: Interval | None = None  # for a projection: of the part reported so far
    projection: Projection | None = None
    projected: bool = False
    note: str = ""
    derived: bool = False  # the outcome is computed from other facts (e.g. growth from levels)
    missing: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class TargetReport:
    """All verdicts for one question, with counts by status."""

    verdicts: tuple[TargetVerdict, ...]
    as_of: date
    year: int | None

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for v in self.verdicts if v.status == s) for s in STATUSES}


class Outcomes:
    """The reported outcomes verdicts may use: actual facts published by the as-of date, by cell."""

    def __init__(self, kb: KnowledgeBase, as_of: date) -> None:
        self.kb = kb
        self.as_of = as_of
        self.by_cell: dict[tuple[str, str, str | None], list[Fact]] = defaultdict(list)
        for f in kb.facts:
            if f.kind == "actual" and f.value is not None and published_by(kb, f, as_of):
                self.by_cell[(f.metric, f.region, f.entity)].append(f)

    def of(self, metric: str, target: Fact) -> list[Fact]:
        """Outcomes of `metric` for the target's region and entity."""
        return self.by_cell.get((metric, target.region, target.entity), [])

    def level_in(self, metric: str, target: Fact, period: Period) -> Fact | None:
        """The best outcome of `metric` over exactly `period`."""
        facts = [f for f in self.of(metric, target) if f.period.same_span(period)]
        return best_fact(self.kb, facts) if facts else None


def _is_ceiling(target: Fact) -> bool:
    return target.ceiling or target.qualifier in ("under", "at-most")


def _line(target: Fact) -> tuple[Decimal, bool]:
    """The target line and whether reaching it exactly is not enough ("more than 700,000")."""
    assert target.value is not None
    return target.value, target.qualifier == "over"


def _judge(target: Fact, outcome: Interval) -> str:
    line, strict = _line(target)
    return compare_to_line(outcome, line, strict, _is_ceiling(target))


def _percent_of(outcome: Interval, target: Fact) -> Interval | None:
    assert target.value is not None
    if target.value <= 0:
        return None
    r = ratio(outcome, from_qualifier(target.value, "exact"))
    return None if r is None else scale(r, Decimal(100))


def _stated(fact: Fact, metric: Metric) -> str:
    return format_stated(fact.value or Decimal(0), fact.qualifier, metric.unit, fact.upper)


def _project(outcomes: Outcomes, target: Fact, metric: Metric, ytd: Fact) -> Projection:
    """Run-rate and (where possible) seasonal projections of a year-to-date flow."""
    iv = ytd.interval
    assert iv is not None and target.value is not None
    total, covered = target.period.months, ytd.period.months
    run_rate = scale(iv, Decimal(total) / Decimal(covered))
    needed = difference(from_qualifier(target.value, "exact"), iv)

    seasonal: Interval | None = None
    basis = ""
    last_full = outcomes.level_in(metric.id, target, target.period.shifted_years(-1))
    if last_full is not None:
        last_ytd_period = ytd.period.shifted_years(-1)
        last_ytd = outcomes.level_in(metric.id, target, last_ytd_period)
        prior: Interval | None = last_ytd.interval if last_ytd else None
        if last_ytd is not None:
            basis = f"{last_ytd_period} as reported"
        else:
            prior, basis = _prior_from_growth(outcomes, metric, target, ytd)
        if prior is not None:
            share = ratio(last_full.interval or iv, prior)  # last year's full year over its same months
            if share is not None:
                seasonal = product(iv, share)
                stated = format_stated(last_full.value or Decimal(0), last_full.qualifier, metric.unit)
                basis += f" and {last_full.period}'s {stated}"
    return Projection(ytd, Decimal(covered) / Decimal(total), run_rate, seasonal, basis, needed)


def _prior_from_growth(outcomes: Outcomes, metric: Metric, target: Fact, ytd: Fact) -> tuple[Interval | None, str]:
    """Last year's same months, from this year's figure and its stated year-on-year growth."""
    for growth_metric in outcomes.kb.metrics.values():
        if growth_metric.growth_of != metric.id:
            continue
        rate = outcomes.level_in(growth_metric.id, target, ytd.period)
        if rate is None or rate.interval is None or ytd.interval is None:
            continue
        factor = Interval(Decimal(1), Decimal(1), nominal=Decimal(1))
        growth_factor = add(factor, scale(rate.interval, Decimal("0.01")))
        prior = ratio(ytd.interval, growth_factor)
        if prior is not None:
            growth_text = format_stated(rate.value or Decimal(0), rate.qualifier, "percent")
            return prior, f"last year's same months from the {growth_text} year-on-year growth"
    return None, ""


def _judge_growth(outcomes: Outcomes, target: Fact, metric: Metric) -> TargetVerdict | None:
    """A growth target judged from the levels of its year and the year before."""
    if metric.growth_of is None or not target.period.is_year:
        return None
    year = target.period.start.year
    base = outcomes.kb.metrics.get(metric.growth_of)
    if base is None:
        return None
    this = outcomes.level_in(base.id, target, year_period(year))
    last = outcomes.level_in(base.id, target, year_period(year - 1))
    missing = tuple(f"{base.id} {y}" for y, f in ((year - 1, last), (year, this)) if f is None)
    if missing:
        return TargetVerdict(
            target, metric, "no data", missing=missing, note=f"needs {' and '.join(missing)} to derive the growth"
        )
    assert this is not None and last is not None and this.interval and last.interval
    outcome = growth(this.interval, last.interval)
    if outcome is None:
        return TargetVerdict(target, metric, "no data", note=f"cannot divide by {base.id} {year - 1}")
    return TargetVerdict(
        target,
        metric,
        _judge(target, outcome),
        outcome=outcome,
        outcome_facts=(this, last),
        derived=True,
        note=f"derived from {base.id} {year} ({_stated(this, base)}) and {year - 1} ({_stated(last, base)})",
    )


def judge_target(outcomes: Outcomes, target: Fact) -> TargetVerdict:
    """The verdict on one target with what had been published by the as-of date."""
    kb, as_of = outcomes.kb, outcomes.as_of
    metric = kb.metrics[target.metric]
    if target.value is None:
        return TargetVerdict(target, metric, "not measurable", note="qualitative goal")

    actuals = outcomes.of(target.metric, target)
    full = [f for f in actuals if f.period.same_span(target.period)]
    if full:
        used = best_fact(kb, full)
        assert used.interval is not None
        others = [f for f in full if f is not used]
        note = f"{', '.join(f.source for f in others)} agree" if others else ""
        return TargetVerdict(
            target,
            metric,
            _judge(target, used.interval),
            outcome=used.interval,
            outcome_facts=(used,),
            percent_of_target=_percent_of(used.interval, target),
            note=note,
        )

    if metric.measure == "growth":
        derived = _judge_growth(outcomes, target, metric)
        if derived is not None and derived.status != "no data":
            return derived
        if derived is not None and target.period.end <= as_of:
            return derived

    partial = [
        f
        for f in actuals
        if target.period.contains(f.period)
        and f.period.start == target.period.start
        and not f.period.same_span(target.period)
    ]
    if partial and metric.measure == "flow":
        ytd = max(partial, key=lambda f: (f.period.end, -((f.interval.width or 0) if f.interval else 0)))
        assert ytd.interval is not None
        projection = _project(outcomes, target, metric, ytd)
        if _judge(target, ytd.interval) == "met" and not _is_ceiling(target):
            return TargetVerdict(
                target,
                metric,
                "met",
                outcome=ytd.interval,
                outcome_facts=(ytd,),
                percent_of_target=_percent_of(ytd.interval, target),
                projection=projection,
                note=f"already reached by {ytd.period}",
            )
        basis = projection.seasonal if projection.seasonal is not None else projection.run_rate
        verdicts = {_judge(target, projection.run_rate)}
        if projection.seasonal is not None:
            verdicts.add(_judge(target, projection.seasonal))
        status = (
            {"met": "on track", "missed": "off track"}.get(verdicts.pop(), "can't tell")
            if len(verdicts) == 1
            else "can't tell"
        )
        return TargetVerdict(
            target,
            metric,
            status,
            outcome=basis,
            outcome_facts=(ytd,),
            percent_of_target=_percent_of(ytd.interval, target),
            projection=projection,
            projected=True,
        )

    if target.period.end > as_of:
        return TargetVerdict(target, metric, "pending", note=f"the period ends {target.period.end}")
    missing = (f"{target.metric} {target.period}",)
    return TargetVerdict(
        target, metric, "no data", missing=missing, note=f"no reported {target.metric} for {target.period}"
    )


def load_for_targets(
    kb: KnowledgeBase, year: int | None = None, region: str | None = None, metrics: tuple[str, ...] | None = None
) -> None:
    """Fetch the targets asked about, then the facts their verdicts can draw on: outcomes of the same
    metric and region, the levels a growth target is derived from, the growth rates a projection uses."""
    regions = [region] if region else None
    kb.load(kinds=["target"], regions=regions, metrics=metrics)
    targets = [f for f in kb.facts if f.kind == "target" and (year is None or f.period.end.year == year)]
    needed = {f.metric for f in targets}
    for metric in kb.metrics.values():
        if metric.id in needed and metric.growth_of:
            needed.add(metric.growth_of)
    needed |= {m.id for m in kb.metrics.values() if m.growth_of in needed}
    if not targets:
        return
    # verdicts look at the target's period and the year before it, no further back
    start = min(f.period.start for f in targets)
    within = (start.replace(year=start.year - 1, day=1), max(f.period.end for f in targets))
    kb.load(metrics=sorted(needed), regions=sorted({f.region for f in targets}), within=within)


def check_targets(
    kb: KnowledgeBase,
    as_of: date,
    year: int | None = None,
    region: str | None = None,
    metrics: tuple[str, ...] | None = None,
    statuses: tuple[str, ...] | None = None,
) -> TargetReport:
    """Verdicts for every target whose period ends in `year` (all years when None)."""
    verdicts = []
    outcomes = Outcomes(kb, as_of)
    for target in kb.facts:
        if target.kind != "target" or not published_by(kb, target, as_of):
            continue
        if year is not None and target.period.end.year != year:
            continue
        if region is not None and target.region != region:
            continue
        if metrics is not None and target.metric not in metrics:
            continue
        verdict = judge_target(outcomes, target)
        if statuses is None or verdict.status in statuses:
            verdicts.append(verdict)
    verdicts.sort(key=lambda v: (v.target.period.end, v.target.region, v.target.metric, v.target.id))
    return TargetReport(tuple(verdicts), as_of, year)
