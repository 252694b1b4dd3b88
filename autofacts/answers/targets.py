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

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import Enum

from autofacts.answers.derive import inputs_of
from autofacts.answers.evidence import Agreement, CellAnswer
from autofacts.answers.outcomes import Outcomes
from autofacts.answers.projection import Projection, project, project_growth
from autofacts.answers.query import FactGroup, best_fact, originals, published_by, restatements
from autofacts.knowledge.interval import Interval, compare_to_line, from_qualifier, growth, ratio, scale
from autofacts.knowledge.model import Fact, KnowledgeBase, Metric
from autofacts.knowledge.periods import Period, year_period
from autofacts.reasons import Reason, ReasonKind
from autofacts.store import Need, Store


class Status(str, Enum):
    """A verdict on a target (a str, so that it prints, compares and serialises as its words)."""

    MET = "met"
    MISSED = "missed"
    ON_TRACK = "on track"
    OFF_TRACK = "off track"
    CANT_TELL = "can't tell"
    CONFLICT = "conflict"  # the evidence for the outcome cannot all hold: no verdict until it is resolved
    NO_DATA = "no data"
    PENDING = "pending"
    NOT_MEASURABLE = "not measurable"

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    def __repr__(self) -> str:
        return repr(str(self.value))

    __hash__ = str.__hash__


STATUSES = tuple(s.value for s in Status)

__all__ = ["STATUSES", "Outcomes", "Projection", "Status", "TargetReport", "TargetVerdict", "check_targets"]


@dataclass(frozen=True)
class TargetVerdict:
    """One target, the outcome matched to it, and the verdict.

    `outcome` is always what was observed (for a projection: the year-to-date figure, over
    `outcome_period`); a projected full-period figure lives in `projection`, never here."""

    target: Fact
    metric: Metric
    status: Status
    outcome: Interval | None = None
    outcome_facts: tuple[Fact, ...] = ()
    percent_of_target: Interval | None = None  # of the observed outcome; for a projection, of the part so far
    projection: Projection | None = None
    projected: bool = False
    reason: Reason | None = None  # why: data the output layer words (autofacts/output/verdicts.py)
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


def _is_ceiling(target: Fact) -> bool:
    return target.ceiling or target.qualifier in ("under", "at-most")


def _line(target: Fact) -> tuple[Decimal, bool]:
    """The target line and whether reaching it exactly is not enough ("more than 700,000"), or,
    for a ceiling, already too much ("under 100": 100 itself misses it)."""
    assert target.value is not None
    return target.value, target.qualifier in ("over", "under")


def _judge(target: Fact, outcome: Interval) -> Status:
    line, strict = _line(target)
    return Status(compare_to_line(outcome, line, strict, _is_ceiling(target)))


def _percent_of(outcome: Interval, target: Fact) -> Interval | None:
    assert target.value is not None
    if target.value <= 0:
        return None
    r = ratio(outcome, from_qualifier(target.value, "exact"))
    return None if r is None else scale(r, Decimal(100))


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
    years = tuple(y for y, f in ((year - 1, last), (year, this)) if f is None)
    if years:
        missing = tuple(f"{base.id} {y}" for y in years)
        reason = Reason(ReasonKind.NEEDS_LEVELS, metric=base, years=years)
        return TargetVerdict(target, metric, Status.NO_DATA, missing=missing, reason=reason)
    assert this is not None and last is not None and this.interval and last.interval
    outcome = growth(this.interval, last.interval)
    if outcome is None:
        return TargetVerdict(
            target, metric, Status.NO_DATA, reason=Reason(ReasonKind.CANNOT_DIVIDE, metric=base, years=(year - 1,))
        )
    return TargetVerdict(
        target,
        metric,
        _judge(target, outcome),
        outcome=outcome,
        outcome_facts=(this, last),
        derived=True,
        reason=Reason(ReasonKind.FROM_LEVELS, facts=(this, last), metric=base, years=(year, year - 1)),
    )


def _evidence(kb: KnowledgeBase, answer: CellAnswer, used: Fact) -> Reason:
    """What else bears on the outcome used: sources that agree with a stated one, the chain a
    derived one comes from, and the stated figures a chain narrowed."""
    stated = [p for p in answer.pieces if p.derived_from is None]
    if used.derived_from is None:
        group = FactGroup(tuple(stated), restatements(kb))
        chains = [p for p in answer.pieces if p.derived_from is not None]
        rounding = (chains[0],) if chains and answer.agreement is Agreement.ROUNDING else ()
        return Reason(
            ReasonKind.STATED,
            facts=rounding,
            agreeing=tuple(group.agreeing(used)),
            restates=tuple(group.restates(used)),
            restated_by=tuple(group.restated_by(used)),
        )
    return Reason(ReasonKind.DERIVED, facts=(used, best_fact(kb, stated)) if stated else (used,))


def _partial(outcomes: Outcomes, actuals: list[Fact], target: Fact) -> Fact | None:
    """The latest stated figure for the first part of the target's period (year to date)."""
    partial = [
        f
        for f in actuals
        if target.period.contains(f.period)
        and f.period.start == target.period.start
        and not f.period.same_span(target.period)
        and outcomes.is_stated(f)
    ]
    if not partial:
        return None
    return max(partial, key=lambda f: (f.period.end, -((f.interval.width or 0) if f.interval else 0)))


_PROJECTED = {Status.MET: Status.ON_TRACK, Status.MISSED: Status.OFF_TRACK}


def judge_target(outcomes: Outcomes, target: Fact) -> TargetVerdict:
    """The verdict on one target with what had been published by the as-of date."""
    kb, as_of = outcomes.kb, outcomes.as_of
    metric = kb.metrics[target.metric]
    if target.value is None:
        return TargetVerdict(target, metric, Status.NOT_MEASURABLE, reason=Reason(ReasonKind.QUALITATIVE))

    actuals = outcomes.of(target.metric, target)
    answer = outcomes.answer(target.metric, target, target.period)
    if answer is not None and answer.conflict is not None:
        return TargetVerdict(
            target,
            metric,
            Status.CONFLICT,
            outcome_facts=answer.conflict,
            reason=Reason(ReasonKind.CONFLICT, facts=answer.conflict),
        )
    used = outcomes.level_in(target.metric, target, target.period)
    stated = [p for p in answer.pieces if p.derived_from is None] if answer is not None else []
    if used is not None and metric.measure == "growth" and not stated:
        from_levels = _judge_growth(outcomes, target, metric)  # the levels name their own evidence
        if from_levels is not None and from_levels.status != Status.NO_DATA:
            return from_levels
    if used is not None and answer is not None:
        assert used.interval is not None
        return TargetVerdict(
            target,
            metric,
            _judge(target, used.interval),
            outcome=used.interval,
            outcome_facts=(used,),
            percent_of_target=_percent_of(used.interval, target),
            reason=_evidence(kb, answer, used),
            derived=used.derived_from is not None,
        )

    if metric.measure == "growth":
        derived = _judge_growth(outcomes, target, metric)
        if derived is not None and derived.status != Status.NO_DATA:
            return derived
        ytd = _partial(outcomes, actuals, target)
        if ytd is not None and ytd.interval is not None:
            projection = project_growth(outcomes, target, metric, ytd)
            return TargetVerdict(
                target,
                metric,
                _PROJECTED.get(_judge(target, ytd.interval), Status.CANT_TELL),
                outcome=ytd.interval,
                outcome_facts=(ytd,),
                projection=projection,
                projected=True,
            )
        if derived is not None and target.period.end <= as_of:
            return derived

    ytd = _partial(outcomes, actuals, target) if metric.measure == "flow" else None
    if ytd is not None:
        assert ytd.interval is not None
        projection = project(outcomes, target, metric, ytd)
        observed = TargetVerdict(
            target,
            metric,
            Status.MET,
            outcome=ytd.interval,
            outcome_facts=(ytd,),
            percent_of_target=_percent_of(ytd.interval, target),
            projection=projection,
        )
        if _judge(target, ytd.interval) == Status.MET and not _is_ceiling(target):
            return replace(observed, reason=Reason(ReasonKind.ALREADY_REACHED, period=ytd.period))
        status = _PROJECTED.get(_judge(target, projection.projected), Status.CANT_TELL)
        return replace(observed, status=status, projected=True)

    if target.period.end > as_of:
        return TargetVerdict(
            target, metric, Status.PENDING, reason=Reason(ReasonKind.PERIOD_ENDS, day=target.period.end)
        )
    missing = (f"{target.metric} {target.period}",)
    reason = Reason(ReasonKind.NOT_REPORTED, period=target.period)
    return TargetVerdict(target, metric, Status.NO_DATA, missing=missing, reason=reason)


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


def _originals(kb: KnowledgeBase, targets: list[Fact]) -> list[Fact]:
    """The targets to judge: a target that a restatement repeats (the same metric, region, entity and
    period, from a source that `restates` the other's) is one target, judged as its original states it."""
    same: dict[tuple[str, str, str | None, str], list[Fact]] = {}
    for target in targets:
        same.setdefault((target.metric, target.region, target.entity, target.period.label), []).append(target)
    kept = {id(f) for group in same.values() for f in originals(kb, group)}
    return [f for f in targets if id(f) in kept]


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
    for target in _originals(kb, [f for f in kb.facts if f.kind == "target" and published_by(kb, f, as_of)]):
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
