"""Figures the knowledge base implies but does not state, each with the chain it came from.

An analyst reads "NEVs were 40.9 % of sales" beside "sales were 31.436 million" as NEV sales of
about 12.86 million; "production grew 12.1 %" as last year's production; "more than six times the
2021 figure" as an upper bound on 2021. This module does that arithmetic on intervals, so a bound
stays a bound, and marks every result as derived: it carries `derived_from` (the operation and the
facts used), never a quote, and callers use it only where no stated figure exists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from autofacts.interval import Interval, add, from_qualifier, product, ratio, scale
from autofacts.model import Derivation, Fact, KnowledgeBase, Metric
from autofacts.periods import Period
from autofacts.query import Filters, best_fact, latest_releases, select_facts, sort_key
from autofacts.store import Need
from autofacts.units import format_stated

# The mark a derived figure carries wherever it is shown, and what it means.
MARK = "†"
MARK_NOTE = f"{MARK} derived from stated figures (see note), not stated by a source"

_Cell = tuple[str, str, str | None, str, date, date]


def _cell(fact: Fact, metric: str | None = None, period: Period | None = None) -> _Cell:
    p = period or fact.period
    return (metric or fact.metric, fact.region, fact.entity, fact.kind, p.start, p.end)


def _stated(kb: KnowledgeBase, fact: Fact) -> str:
    metric = kb.metrics.get(fact.metric)
    return format_stated(fact.value or Decimal(0), fact.qualifier, metric.unit if metric else "none")


def _shape(iv: Interval) -> tuple[Decimal, str]:
    """A value and qualifier that describe an interval's shape (the interval itself is what counts)."""
    if iv.is_exact:
        assert iv.lo is not None
        return iv.lo, "exact"
    if iv.lo is not None and iv.hi is not None:
        return (iv.nominal if iv.nominal is not None else iv.lo), "about"
    if iv.lo is not None:
        return iv.lo, "over" if iv.lo_open else "at-least"
    assert iv.hi is not None
    return iv.hi, "under" if iv.hi_open else "at-most"


def _later_source(kb: KnowledgeBase, facts: tuple[Fact, ...]) -> str:
    """The input published last: a derived figure is known only once all its inputs are."""

    def published(f: Fact) -> date:
        source = kb.sources.get(f.source)
        return source.published.end if source else date.min

    return max(facts, key=published).source


def _derived(
    kb: KnowledgeBase, metric: str, period: Period, inputs: tuple[Fact, ...], operation: str, iv: Interval
) -> Fact | None:
    if iv.lo is None and iv.hi is None:
        return None  # nothing known: not worth a figure
    value, qualifier = _shape(iv)
    first = inputs[0]
    derivation = Derivation(operation, tuple(f.id for f in inputs), iv)
    return Fact(
        id=f"{metric}-{period.label}-from-{first.id}",
        metric=metric,
        region=first.region,
        period=period,
        kind=first.kind,
        value=value,
        qualifier=qualifier,
        source=_later_source(kb, inputs),
        quote="",
        entity=first.entity,
        note=f"derived: {operation}",
        period_stated=all(f.period_stated for f in inputs),
        derived_from=derivation,
    )


def _best_by_cell(kb: KnowledgeBase, facts: Iterable[Fact]) -> dict[_Cell, Fact]:
    cells: dict[_Cell, list[Fact]] = defaultdict(list)
    for fact in facts:
        cells[_cell(fact)].append(fact)
    return {cell: best_fact(kb, group) for cell, group in cells.items()}


def _share_of_whole(kb: KnowledgeBase, metric: Metric, shares: list[Fact], wholes: dict[_Cell, Fact]) -> list[Fact]:
    """part = share × whole (2024 NEV sales = 40.9 % × 2024 vehicle sales)."""
    assert metric.part is not None and metric.whole is not None
    out = []
    for share in shares:
        whole = wholes.get(_cell(share, metric.whole))
        if whole is None or share.interval is None or whole.interval is None:
            continue
        iv = product(scale(share.interval, Decimal("0.01")), whole.interval)
        operation = f"{_stated(kb, share)} × {_stated(kb, whole)}"
        fact = _derived(kb, metric.part, share.period, (share, whole), operation, iv)
        if fact is not None:
            out.append(fact)
    return out


def _level_a_year_earlier(
    kb: KnowledgeBase, metric: Metric, rates: list[Fact], levels: dict[_Cell, Fact]
) -> list[Fact]:
    """last year = this year ÷ (1 + growth) (Jan–Nov 2024 from Jan–Nov 2025 and +12.1 %)."""
    assert metric.growth_of is not None
    out = []
    one = from_qualifier(Decimal(1), "exact")
    for rate in rates:
        level = levels.get(_cell(rate, metric.growth_of))
        if level is None or rate.interval is None or level.interval is None:
            continue
        iv = ratio(level.interval, add(one, scale(rate.interval, Decimal("0.01"))))
        if iv is None:
            continue
        operation = f"{_stated(kb, level)} ÷ (1 + {_stated(kb, rate)})"
        fact = _derived(kb, metric.growth_of, rate.period.shifted_years(-1), (level, rate), operation, iv)
        if fact is not None:
            out.append(fact)
    return out


def _base_of_multiple(
    kb: KnowledgeBase, metric: Metric, multiples: list[Fact], levels: dict[_Cell, Fact]
) -> list[Fact]:
    """base = level ÷ multiple ("doubling the figure from a year ago" gives the year before)."""
    assert metric.multiple_of is not None
    out = []
    for multiple in multiples:
        level = levels.get(_cell(multiple, metric.multiple_of))
        if level is None or multiple.compared_with is None or multiple.interval is None or level.interval is None:
            continue
        iv = ratio(level.interval, multiple.interval)
        if iv is None:
            continue
        operation = f"{_stated(kb, level)} ÷ {_stated(kb, multiple)}"
        fact = _derived(kb, metric.multiple_of, multiple.compared_with, (level, multiple), operation, iv)
        if fact is not None:
            out.append(fact)
    return out


def inputs_of(kb: KnowledgeBase, metrics: Iterable[str]) -> set[str]:
    """The metrics whose facts derivations of `metrics` read (for fetching them from a store)."""
    wanted = set(metrics)
    needed = set(wanted)
    for m in kb.metrics.values():
        if m.part in wanted and m.whole:
            needed |= {m.id, m.whole}
        if m.growth_of in wanted:
            needed.add(m.id)
        if m.multiple_of in wanted:
            needed.add(m.id)
    return needed


def derived_facts(kb: KnowledgeBase, facts: Iterable[Fact] | None = None) -> list[Fact]:
    """Every figure derivable in one step from the stated facts (the knowledge base's by default)."""
    # Only outcomes: a target's level over a target's growth is no figure anyone stated or meant.
    stated = [
        f
        for f in (kb.facts if facts is None else facts)
        if f.kind == "actual" and f.value is not None and f.derived_from is None
    ]
    by_metric: dict[str, list[Fact]] = defaultdict(list)
    for fact in stated:
        by_metric[fact.metric].append(fact)
    best = {m: _best_by_cell(kb, fs) for m, fs in by_metric.items()}
    out: list[Fact] = []
    for metric in kb.metrics.values():
        # one derivation per cell, from the figure the rest of autofacts would use for it
        own = list(best.get(metric.id, {}).values())
        if not own:
            continue
        if metric.part and metric.whole and metric.measure == "share":
            out += _share_of_whole(kb, metric, own, best.get(metric.whole, {}))
        if metric.growth_of and metric.measure == "growth":
            out += _level_a_year_earlier(kb, metric, own, best.get(metric.growth_of, {}))
        if metric.multiple_of and metric.measure == "multiple":
            out += _base_of_multiple(kb, metric, own, best.get(metric.multiple_of, {}))
    return out


def where_not_stated(stated: Iterable[Fact], derived: Iterable[Fact]) -> list[Fact]:
    """The derived figures for cells no stated fact fills: a stated figure always wins."""
    filled = {_cell(f) for f in stated if f.value is not None}
    return [f for f in derived if _cell(f) not in filled]


def derived_need(catalogue: KnowledgeBase, filters: Filters) -> Need:
    """The facts `select_with_derived` reads: the metrics asked and those they are derived from."""
    metrics = tuple(sorted(inputs_of(catalogue, filters.metrics))) if filters.metrics else None
    return Need(metrics=metrics, regions=(filters.region,) if filters.region else None)


def select_with_derived(kb: KnowledgeBase, filters: Filters) -> list[Fact]:
    """The stated facts that pass the filters, and the derived figures that do for cells no stated
    fact fills (derived from what was published by the filters' as-of date)."""
    stated = select_facts(kb, filters)
    published = latest_releases(select_facts(kb, Filters(as_of=filters.as_of)))
    derived = select_facts(kb, filters, where_not_stated(published, derived_facts(kb, published)))
    return sorted(stated + derived, key=lambda f: sort_key(kb, f))
