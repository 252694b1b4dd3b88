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
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from autofacts.derive import MARK, derived_facts, inputs_of, where_not_stated
from autofacts.interval import (
    Interval,
    compare_to_line,
    difference,
    from_qualifier,
    growth,
    product,
    ratio,
    scale,
)
from autofacts.model import Fact, KnowledgeBase, Metric
from autofacts.periods import Period, in_words, year_period
from autofacts.query import FactGroup, best_fact, corroboration, latest_releases, published_by, restatements
from autofacts.store import Need, Store
from autofacts.units import format_interval, format_stated

STATUSES = ("met", "missed", "on track", "off track", "can't tell", "no data", "pending", "not measurable")


@dataclass(frozen=True)
class Projection:
    """A partial-period outcome and where it points.

    `covered` is how much of the target period the data cover; `ended` whether that period was
    over at the as-of date: two different things ("the data cover 92 % of 2025" read in 2026).
    """

    ytd: Fact
    covered: Decimal  # share of the target period covered by the ytd figure, 0-1
    ended: bool
    method: str  # what the verdict rests on: "same months last year", "run rate", "year-to-date growth"
    projected: Interval  # the full-period outcome the verdict judges
    run_rate: Interval | None  # context: the ytd figure scaled to the whole period
    seasonal: Interval | None  # the ytd figure scaled by last year's full year over its same months
    seasonal_basis: str  # how last year's same months were known
    needed: Interval | None  # what is still needed to reach the target line
    remaining: Period | None  # the months not yet reported
    needed_growth: Interval | None  # per cent: what the remaining months must grow on last year's
    ytd_growth: Interval | None  # per cent: what the reported months grew on last year's


@dataclass(frozen=True)
class TargetVerdict:
    """One target, the outcome matched to it, and the verdict.

    `outcome` is always what was observed (for a projection: the year-to-date figure, over
    `outcome_period`); a projected full-period figure lives in `projection`, never here."""

    target: Fact
    metric: Metric
    status: str
    outcome: Interval | None = None
    outcome_facts: tuple[Fact, ...] = ()
    percent_of_target: Interval | None = None  # of the observed outcome; for a projection, of the part so far
    projection: Projection | None = None
    projected: bool = False
    note: str = ""
    derived: bool = False  # the outcome is computed from other facts (e.g. growth from levels)
    missing: tuple[str, ...] = field(default=())

    @property
    def outcome_period(self) -> Period | None:
        if self.projection is not None:
            return self.projection.ytd.period
        return self.target.period if self.outcome is not None else None

    @property
    def percent_basis(self) -> str | None:
        """What `percent_of_target` is computed from."""
        if self.percent_of_target is None:
            return None
        return "year to date" if self.projected or self.projection is not None else "full period"


@dataclass(frozen=True)
class TargetReport:
    """All verdicts for one question, with counts by status."""

    verdicts: tuple[TargetVerdict, ...]
    as_of: date
    year: int | None

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for v in self.verdicts if v.status == s) for s in STATUSES}


class Outcomes:
    """The outcomes verdicts may use: actual facts published by the as-of date (the latest release
    of each), and figures derived from them for cells no published fact states."""

    def __init__(self, kb: KnowledgeBase, as_of: date) -> None:
        self.kb = kb
        self.as_of = as_of
        self.by_cell: dict[tuple[str, str, str | None], list[Fact]] = defaultdict(list)
        published = latest_releases(
            [f for f in kb.facts if f.kind == "actual" and f.value is not None and published_by(kb, f, as_of)]
        )
        for f in published + where_not_stated(published, derived_facts(kb, published)):
            self.by_cell[(f.metric, f.region, f.entity)].append(f)

    def of(self, metric: str, target: Fact) -> list[Fact]:
        """Outcomes of `metric` for the target's region and entity."""
        return self.by_cell.get((metric, target.region, target.entity), [])

    def level_in(self, metric: str, target: Fact, period: Period) -> Fact | None:
        """The best outcome of `metric` over exactly `period`."""
        facts = [f for f in self.of(metric, target) if f.period.same_span(period)]
        return best_fact(self.kb, facts) if facts else None

    def growth_in(self, metric: Metric, target: Fact, period: Period) -> Fact | None:
        """The stated year-on-year growth of `metric` over exactly `period`."""
        for growth_metric in self.kb.metrics.values():
            if growth_metric.growth_of == metric.id:
                rate = self.level_in(growth_metric.id, target, period)
                if rate is not None:
                    return rate
        return None


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


def _remaining(target: Fact, ytd: Fact) -> Period:
    start = ytd.period.end + timedelta(days=1)
    return Period(start, target.period.end, f"{start:%Y-%m}/{target.period.end:%Y-%m}")


def _needed_growth(needed: Interval, last_rest: Interval | None) -> Interval | None:
    """Per cent the remaining months must grow on the same months last year to deliver `needed`."""
    if last_rest is None or needed.lo is None or needed.lo < 0:
        return None
    return growth(needed, last_rest)


def _project(outcomes: Outcomes, target: Fact, metric: Metric, ytd: Fact) -> Projection:
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
    basis = ""
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
            if last_ytd.derived_from is not None:
                basis = f"{in_words(last_ytd.period)} {MARK} = {last_ytd.derived_from.operation}"
            else:
                basis = f"{in_words(last_ytd.period)} as reported"
            basis += f", and {last_full.period}'s {_level_text(last_full, metric)}"
    method = "same months last year" if seasonal is not None else "run rate"
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


def _project_growth(outcomes: Outcomes, target: Fact, metric: Metric, ytd: Fact) -> Projection:
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
        method="year-to-date growth",
        projected=iv,
        run_rate=None,
        seasonal=None,
        seasonal_basis="",
        needed=None,
        remaining=remaining,
        needed_growth=needed_growth,
        ytd_growth=iv,
    )


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
        note=f"derived from {base.id} {year} ({_level_text(this, base)}) and {year - 1} ({_level_text(last, base)})",
    )


def _level_text(fact: Fact, metric: Metric) -> str:
    if fact.derived_from is not None:
        return f"{format_interval(fact.derived_from.interval, metric.unit)} {MARK} = {fact.derived_from.operation}"
    return _stated(fact, metric)


def _partial(actuals: list[Fact], target: Fact) -> Fact | None:
    """The latest stated figure for the first part of the target's period (year to date)."""
    partial = [
        f
        for f in actuals
        if target.period.contains(f.period)
        and f.period.start == target.period.start
        and not f.period.same_span(target.period)
        and f.derived_from is None
    ]
    if not partial:
        return None
    return max(partial, key=lambda f: (f.period.end, -((f.interval.width or 0) if f.interval else 0)))


_PROJECTED = {"met": "on track", "missed": "off track"}


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
        stated = [f for f in full if f is used or f.derived_from is None]
        note = corroboration(FactGroup(tuple(stated), restatements(kb)), used)
        if used.derived_from is not None:
            note = f"{MARK} {used.derived_from.operation}"
        return TargetVerdict(
            target,
            metric,
            _judge(target, used.interval),
            outcome=used.interval,
            outcome_facts=(used,),
            percent_of_target=_percent_of(used.interval, target),
            note=note,
            derived=used.derived_from is not None,
        )

    if metric.measure == "growth":
        derived = _judge_growth(outcomes, target, metric)
        if derived is not None and derived.status != "no data":
            return derived
        ytd = _partial(actuals, target)
        if ytd is not None and ytd.interval is not None:
            projection = _project_growth(outcomes, target, metric, ytd)
            return TargetVerdict(
                target,
                metric,
                _PROJECTED.get(_judge(target, ytd.interval), "can't tell"),
                outcome=ytd.interval,
                outcome_facts=(ytd,),
                projection=projection,
                projected=True,
            )
        if derived is not None and target.period.end <= as_of:
            return derived

    ytd = _partial(actuals, target) if metric.measure == "flow" else None
    if ytd is not None:
        assert ytd.interval is not None
        projection = _project(outcomes, target, metric, ytd)
        observed = TargetVerdict(
            target,
            metric,
            "met",
            outcome=ytd.interval,
            outcome_facts=(ytd,),
            percent_of_target=_percent_of(ytd.interval, target),
            projection=projection,
        )
        if _judge(target, ytd.interval) == "met" and not _is_ceiling(target):
            return replace(observed, note=f"already reached by {ytd.period}")
        status = _PROJECTED.get(_judge(target, projection.projected), "can't tell")
        return replace(observed, status=status, projected=True)

    if target.period.end > as_of:
        return TargetVerdict(target, metric, "pending", note=f"the period ends {target.period.end}")
    missing = (f"{target.metric} {target.period}",)
    return TargetVerdict(
        target, metric, "no data", missing=missing, note=f"no reported {target.metric} for {target.period}"
    )


def targets_need(region: str | None = None, metrics: tuple[str, ...] | None = None) -> Need:
    """The targets a question about targets starts from."""
    return Need(kinds=("target",), regions=(region,) if region else None, metrics=metrics)


def outcomes_need(kb: KnowledgeBase, year: int | None = None) -> Need | None:
    """The facts the verdicts on the targets in `kb` can draw on: outcomes of the same metric and
    region, the levels a growth target is derived from, the growth rates a projection uses; over
    the target's period and the year before it, no further back. None when there is no target."""
    targets = [f for f in kb.facts if f.kind == "target" and (year is None or f.period.end.year == year)]
    if not targets:
        return None
    needed = {f.metric for f in targets}
    for metric in kb.metrics.values():
        if metric.id in needed and metric.growth_of:
            needed.add(metric.growth_of)
    needed |= {m.id for m in kb.metrics.values() if m.growth_of in needed}
    needed = inputs_of(kb, needed)
    # verdicts look at the target's period and the year before it, no further back
    start = min(f.period.start for f in targets)
    within = (start.replace(year=start.year - 1, day=1), max(f.period.end for f in targets))
    return Need(metrics=tuple(sorted(needed)), regions=tuple(sorted({f.region for f in targets})), within=within)


def read_for_targets(
    store: Store, year: int | None = None, region: str | None = None, metrics: tuple[str, ...] | None = None
) -> KnowledgeBase:
    """The knowledge base `check_targets` needs: the targets asked about, then what judges them."""
    first = targets_need(region, metrics)
    kb = store.read(first)
    more = outcomes_need(kb, year)
    return kb if more is None else store.read(first, more)


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
