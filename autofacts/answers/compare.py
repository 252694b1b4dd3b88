"""Comparing two periods, with arithmetic that fits each kind of measure.

A share changes in percentage points (5.4 % to 40.9 % is +35.5 pp, not +657 %); a rank changes in
places; a growth rate or a rank is never compounded into a CAGR; flows over periods of different
length are not compared at all; a count of years ("the 11th consecutive year") changes in years,
with no percentage. Every result is an interval, because its inputs are.

A change a source states ("3.7 percent more than a year earlier") is preferred to one computed
from two rounded or bounded levels, and the row says which it used. Where no figure is stated for
a period, one derived from stated figures (a share times its total, ...) may stand in, marked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from autofacts.answers.chains import Answers, answer_cells
from autofacts.answers.compare_notes import NoteKind, RowNote
from autofacts.answers.derive import inputs_of
from autofacts.answers.evidence import cell_of
from autofacts.answers.query import (
    FactGroup,
    Filters,
    best_fact,
    latest_releases,
    restatements,
    select_facts,
)
from autofacts.errors import UsageError
from autofacts.knowledge.interval import Interval, cagr, difference, growth
from autofacts.knowledge.model import Fact, KnowledgeBase, Metric
from autofacts.knowledge.periods import Period
from autofacts.store import Need

# Measures whose change is a difference in their own unit, with no relative change.
_POINTS = {"share": "pp", "growth": "pp", "rank": "places", "multiple": "×"}
_COMPOUNDING = {"flow", "stock", "level"}


@dataclass(frozen=True)
class Side:
    """One period's figure for a comparison row: the fact used, and the others that state it."""

    used: Fact
    group: FactGroup

    @property
    def others(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.group.facts if f is not self.used)

    @property
    def cited(self) -> tuple[Fact, ...]:
        """The stated facts to cite: an intersection rests on every stated figure it combines."""
        d = self.used.derived_from
        if d is not None and d.combined:
            # a restatement repeats the figure it restates: the original is cited, not the repeat
            cited = tuple(f for f in self.group.facts if f.id in d.facts and not self.group.restates(f))
            return cited or (self.used,)
        return (self.used,)


@dataclass(frozen=True)
class ComparisonRow:
    """One metric and region in both periods (or, with --all, in only one)."""

    metric: Metric
    region: str
    entity: str | None
    kind: str
    a: Side | None
    b: Side | None
    change: Interval | None = None
    change_unit: str = ""
    relative: Interval | None = None  # per cent
    cagr: Interval | None = None  # per cent a year
    notes: tuple[RowNote, ...] = ()
    stated_change: Fact | None = None  # the growth a source states, used as `relative` when set

    @property
    def relative_basis(self) -> str | None:
        """Where `relative` comes from: a growth a source 'stated', or 'computed' from the two figures."""
        if self.relative is None:
            return None
        return "stated" if self.stated_change is not None else "computed"


@dataclass(frozen=True)
class Comparison:
    """The result of `autofacts compare A B`."""

    period_a: Period
    period_b: Period
    rows: tuple[ComparisonRow, ...]
    only_a: tuple[str, ...]  # metric ids with a value in A only
    only_b: tuple[str, ...]
    # the cells (metric, region, entity, kind) with a figure in one period only, as "a" or "b":
    # what to tell a reader who finds a metric in both periods but nothing compared
    unpaired: tuple[tuple[str, str, str, str | None, str], ...] = ()

    @property
    def comparable(self) -> tuple[ComparisonRow, ...]:
        return tuple(r for r in self.rows if r.a is not None and r.b is not None)


def _same_length(a: Period, b: Period) -> bool:
    if a.is_instant or b.is_instant:
        return a.is_instant and b.is_instant
    whole_months = a.start.day == 1 and b.start.day == 1
    return a.months == b.months if whole_months else a.days == b.days


def _side(kb: KnowledgeBase, answers: Answers, facts: list[Fact]) -> Side | None:
    """One period's figure: the combined answer of every piece of evidence for the cell (stated
    figures and derivation chains, intersected), or for a target or forecast the best stated one.
    On a conflict the best stated figure is shown, and the row says it conflicts."""
    measured = [f for f in facts if f.value is not None]
    if not measured:
        return None
    figure = answers.figure(cell_of(measured[0]))
    used = figure if figure is not None else best_fact(kb, [f for f in measured if f.derived_from is None] or measured)
    return Side(used, FactGroup(tuple(f for f in measured if f.derived_from is None) or (used,), restatements(kb)))


def _agreement_note(side: Side, label: str) -> RowNote | None:
    if not side.others:
        return None
    if side.group.agreement == "conflict":
        return RowNote(NoteKind.CONFLICT, label, side.used, tuple(f.source for f in side.others))
    if side.used.derived_from is not None:  # the derived note names every piece the answer combines
        return None
    group, used = side.group, side.used
    return RowNote(
        NoteKind.USED,
        label,
        used,
        agreeing=group.agreeing(used),
        restates=group.restates(used),
        restated_by=group.restated_by(used),
    )


def _is_count_of_years(metric: Metric) -> bool:
    """'The 11th consecutive year': one more year is not a +10 % change."""
    return metric.measure == "count" and metric.unit == "years"


def _derived_note(side: Side, label: str) -> RowNote | None:
    return None if side.used.derived_from is None else RowNote(NoteKind.DERIVED, label, side.used)


def compare_row(
    metric: Metric, a: Side, b: Side, years: int | None, stated_change: Fact | None = None
) -> ComparisonRow:
    """The change from a to b, in the arithmetic the metric's measure allows."""
    ia, ib = a.used.interval, b.used.interval
    assert ia is not None and ib is not None
    la, lb = a.used.period.label, b.used.period.label
    notes = tuple(
        n for n in (_derived_note(a, la), _derived_note(b, lb), _agreement_note(a, la), _agreement_note(b, lb)) if n
    )

    base = ComparisonRow(metric, a.used.region, a.used.entity, a.used.kind, a, b)
    if metric.measure == "flow" and not _same_length(a.used.period, b.used.period):
        return replace(base, notes=(RowNote(NoteKind.UNEQUAL_FLOWS), *notes))
    change = difference(ib, ia)
    if metric.measure in _POINTS:
        return replace(base, change=change, change_unit=_POINTS[metric.measure], notes=notes)
    if _is_count_of_years(metric):
        return replace(base, change=change, change_unit=metric.unit, notes=notes)
    rate = cagr(ia, ib, years) if years and years >= 2 and metric.measure in _COMPOUNDING else None
    relative = growth(ib, ia)
    if stated_change is not None and stated_change.interval is not None:
        relative = stated_change.interval
        notes = (RowNote(NoteKind.STATED_CHANGE, fact=stated_change), *notes)
    return replace(
        base,
        change=change,
        change_unit=metric.unit,
        relative=relative,
        cagr=rate,
        notes=notes,
        stated_change=stated_change if relative is not None and stated_change is not None else None,
    )


def _stated_growth(
    kb: KnowledgeBase, metric: Metric, b: Fact, period_a: Period, growth_facts: list[Fact]
) -> Fact | None:
    """A stated year-on-year growth of `metric` from period a to b, for b's region, entity and kind."""
    if not (b.period.shifted_years(-1).same_span(period_a)):
        return None
    ids = {m.id for m in kb.metrics.values() if m.growth_of == metric.id}
    found = [
        f
        for f in growth_facts
        if f.metric in ids
        and f.region == b.region
        and f.entity == b.entity
        and f.kind == b.kind
        and f.period.same_span(b.period)
        and f.value is not None
    ]
    return best_fact(kb, found) if found else None


def check_two_periods(period_a: Period, period_b: Period) -> None:
    """A comparison needs two different periods: one period against itself has no change to show."""
    if period_a.same_span(period_b):
        raise UsageError(
            f"compare needs two different periods, got {period_a.label} twice"
            f" (to list one period's figures: autofacts show METRIC --period {period_a.label})"
        )


def compare_need(period_a: Period, period_b: Period, filters: Filters, catalogue: KnowledgeBase) -> Need:
    """The facts `compare_periods` compares: those over either period, of the metrics and region asked;
    and what stated growth rates and derived figures for them are read from, over the year after each
    (a growth rate gives the year before it; so does "doubling the figure from a year ago")."""
    check_two_periods(period_a, period_b)
    return Need(
        periods=(period_a, period_b, period_a.shifted_years(1), period_b.shifted_years(1)),
        metrics=tuple(sorted(inputs_of(catalogue, filters.metrics))) if filters.metrics else None,
        regions=(filters.region,) if filters.region else None,
    )


def compare_periods(
    kb: KnowledgeBase, period_a: Period, period_b: Period, filters: Filters, include_all: bool = False
) -> Comparison:
    """Every metric and region with a value in both periods (and with include_all, in either)."""
    check_two_periods(period_a, period_b)
    cells: dict[tuple[str, str, str | None, str], dict[str, list[Fact]]] = defaultdict(lambda: {"a": [], "b": []})
    for label, period in (("a", period_a), ("b", period_b)):
        for fact in select_facts(kb, Filters(**{**filters.__dict__, "period": period})):
            cells[(fact.metric, fact.region, fact.entity, fact.kind)][label].append(fact)
    # every published fact, whatever the metric filter: growth rates and derivation inputs
    published = latest_releases(select_facts(kb, Filters(region=filters.region, as_of=filters.as_of)))
    answers = answer_cells(kb, published)
    for cell, answer in answers.cells.items():
        metric_id, region, entity, kind, start, end = cell
        if filters.metrics is not None and metric_id not in filters.metrics:
            continue
        if filters.kind is not None and kind != filters.kind:
            continue
        for label, period in (("a", period_a), ("b", period_b)):
            if (start, end) != (period.start, period.end):
                continue
            side = cells[(metric_id, region, entity, kind)][label]
            if not any(f.derived_from is None for f in side) and any(p.derived_from for p in answer.pieces):
                side.extend(p for p in answer.pieces if p.derived_from is not None)

    years = None
    if period_a.is_year and period_b.is_year:
        years = abs(period_b.start.year - period_a.start.year)

    rows = []
    for (metric_id, region, entity, kind), sides in sorted(
        cells.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "", kv[0][3])
    ):
        metric = kb.metrics.get(metric_id)
        if metric is None:
            continue
        a, b = _side(kb, answers, sides["a"]), _side(kb, answers, sides["b"])
        if a is not None and b is not None:
            stated = _stated_growth(kb, metric, b.used, a.used.period, published)
            rows.append(compare_row(metric, a, b, years, stated))
        elif include_all and (a is not None or b is not None):
            # a figure on one side only still says how it was derived, if it was
            notes = tuple(n for s in (a, b) if s is not None and (n := _derived_note(s, s.used.period.label)))
            rows.append(ComparisonRow(metric, region, entity, kind, a, b, notes=notes))

    only_a = tuple(sorted({k[0] for k, s in cells.items() if s["a"] and not s["b"]}))
    only_b = tuple(sorted({k[0] for k, s in cells.items() if s["b"] and not s["a"]}))
    unpaired = tuple(
        (side, *key)
        for key, s in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][3], kv[0][1], kv[0][2] or ""))
        for side in ("a", "b")
        if s[side] and not s["b" if side == "a" else "a"]
    )
    return Comparison(period_a, period_b, tuple(rows), only_a, only_b, unpaired)
