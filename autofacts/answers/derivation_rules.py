"""The arithmetic an analyst does on stated figures, one rule per kind of step.

Each rule reads the answers for its input cells (through `Lookup`, which the chain engine in
chains.py provides) and proposes derived figures, each a Fact carrying `derived_from`: the
step (model.Step) and the figures it used, and its interval computed twice (from the inputs as
stated, and from them read to their rounding, see evidence.reading). The rules return data: the
operation is written out by output/derivations.py.

The rules: part = share x whole; whole = part / share; level = last year's level x (1 + growth);
last year's level = level / (1 + growth); growth = level / last year's level - 1 (also same month
year on year); a multiple's base = level / multiple; one stretch of a year = a longer year-to-date
figure - a shorter one (July alone = Jan-Jul - Jan-Jun); a longer year-to-date figure = a shorter
one + the month after it; a shorter one = a longer one - its last month.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from autofacts.answers.evidence import Cell, reading
from autofacts.knowledge.interval import Interval, add, difference, from_qualifier, growth, product, ratio, scale
from autofacts.knowledge.model import DERIVED_MARK, Derivation, Fact, KnowledgeBase, Metric, Step
from autofacts.knowledge.periods import Period, days_in_month, describe

MARK = DERIVED_MARK

_ONE = from_qualifier(Decimal(1), "exact")
_PERCENT = Decimal("0.01")


class Lookup(Protocol):
    """What a rule may ask the chain engine: the answer for a cell, as one figure."""

    def get(self, metric: str, like: Cell, start: date, end: date, out: Cell) -> Fact | None:
        """The answer for `metric` in `like`'s region, entity and kind over start-end, from
        evidence that does not itself rest on the cell `out` (no figure derives itself)."""
        ...

    def cells(self, metric: str) -> list[Cell]:
        """The cells of `metric` with an answer."""
        ...


def shape(iv: Interval) -> tuple[Decimal, str]:
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


def derived_fact(
    kb: KnowledgeBase,
    metric: str,
    period: Period,
    inputs: tuple[Fact, ...],
    step: Step,
    compute: Callable[..., Interval | None],
    rounding: bool = False,
) -> Fact | None:
    """A derived figure: `compute` applied to the inputs' intervals, and to their readings; `step`
    says what was done to the inputs, in their order (`rounding`: a BOTH whose pieces agree only
    within their rounding)."""
    ivs = [f.interval for f in inputs]
    reads = [reading(f) for f in inputs]
    if any(iv is None for iv in ivs):
        return None
    iv = compute(*ivs)
    if iv is None or (iv.lo is None and iv.hi is None):
        return None  # nothing known: not worth a figure
    read = compute(*reads) if all(r is not None for r in reads) else None
    value, qualifier = shape(iv)
    first = inputs[0]
    return Fact(
        id=f"{metric}-{period.label}-{'combined' if step is Step.BOTH else 'from'}-{first.id}",
        metric=metric,
        region=first.region,
        period=period,
        kind=first.kind,
        value=value,
        qualifier=qualifier,
        source=_later_source(kb, inputs),
        quote="",
        entity=first.entity,
        period_stated=all(f.period_stated for f in inputs),
        derived_from=Derivation(
            step, tuple(f.id for f in inputs), iv, read, _leaves(inputs), _with_units(kb, inputs), rounding
        ),
    )


def _with_units(kb: KnowledgeBase, inputs: tuple[Fact, ...]) -> tuple[tuple[Fact, str], ...]:
    """Each input with its metric's unit, so that the operation can be written without the catalogue."""
    return tuple((f, m.unit if (m := kb.metrics.get(f.metric)) is not None else "none") for f in inputs)


def _leaves(inputs: tuple[Fact, ...]) -> tuple[str, ...]:
    ids = (i for f in inputs for i in (f.derived_from.leaves if f.derived_from is not None else (f.id,)))
    return tuple(dict.fromkeys(ids))


def _period(start: date, end: date) -> Period:
    return Period(start, end, describe(start, end))


def _year_earlier(cell: Cell) -> tuple[date, date]:
    p = _period(cell[4], cell[5]).shifted_years(-1)
    return p.start, p.end


def _year_later(cell: Cell) -> tuple[date, date]:
    p = _period(cell[4], cell[5]).shifted_years(1)
    return p.start, p.end


def _out(metric: str, like: Cell, start: date, end: date) -> Cell:
    return (metric, like[1], like[2], like[3], start, end)


Derived = Iterator[Fact]


def share_times_whole(kb: KnowledgeBase, m: Metric, look: Lookup) -> Derived:
    """part = share x whole (2024 NEV sales = 40.9 % x 2024 vehicle sales)."""
    assert m.part and m.whole
    for c in look.cells(m.id):
        out = _out(m.part, c, c[4], c[5])
        share, whole = look.get(m.id, c, c[4], c[5], out), look.get(m.whole, c, c[4], c[5], out)
        if share and whole:
            compute = lambda s, w: product(scale(s, _PERCENT), w)  # noqa: E731
            f = derived_fact(kb, m.part, share.period, (share, whole), Step.TIMES, compute)
            if f:
                yield f


def whole_from_part(kb: KnowledgeBase, m: Metric, look: Lookup) -> Derived:
    """whole = part / share (2024 vehicle sales = 2024 NEV sales / 40.9 %)."""
    assert m.part and m.whole
    for c in look.cells(m.id):
        out = _out(m.whole, c, c[4], c[5])
        share, part = look.get(m.id, c, c[4], c[5], out), look.get(m.part, c, c[4], c[5], out)
        if share and part:
            compute = lambda p, s: ratio(p, scale(s, _PERCENT))  # noqa: E731
            f = derived_fact(kb, m.whole, share.period, (part, share), Step.DIVIDED, compute)
            if f:
                yield f


def _growth_factor(rate: Interval) -> Interval:
    return add(_ONE, scale(rate, _PERCENT))


def level_a_year_earlier(kb: KnowledgeBase, m: Metric, look: Lookup) -> Derived:
    """last year = this year / (1 + growth) (Jan-Nov 2024 from Jan-Nov 2025 and +12.1 %)."""
    assert m.growth_of
    for c in look.cells(m.id):
        start, end = _year_earlier(c)
        out = _out(m.growth_of, c, start, end)
        rate, level = look.get(m.id, c, c[4], c[5], out), look.get(m.growth_of, c, c[4], c[5], out)
        if rate and level:
            compute = lambda lv, r: ratio(lv, _growth_factor(r))  # noqa: E731
            f = derived_fact(kb, m.growth_of, _period(start, end), (level, rate), Step.LESS_GROWTH, compute)
            if f:
                yield f


def level_from_a_year_earlier(kb: KnowledgeBase, m: Metric, look: Lookup) -> Derived:
    """this year = last year x (1 + growth) (2024 sales from 2023's and +4.5 %)."""
    assert m.growth_of
    for c in look.cells(m.id):
        out = _out(m.growth_of, c, c[4], c[5])
        start, end = _year_earlier(c)
        rate, last = look.get(m.id, c, c[4], c[5], out), look.get(m.growth_of, c, start, end, out)
        if rate and last:
            compute = lambda lv, r: _nonnegative_product(lv, _growth_factor(r))  # noqa: E731
            f = derived_fact(kb, m.growth_of, _period(c[4], c[5]), (last, rate), Step.PLUS_GROWTH, compute)
            if f:
                yield f


def _nonnegative_product(a: Interval, b: Interval) -> Interval | None:
    """a x b where both are known to be non-negative (a level, a growth factor above -100 %)."""
    if a.lo is None or b.lo is None or a.lo < 0 or b.lo < 0:
        return None
    return product(a, b)


def growth_from_levels(kb: KnowledgeBase, m: Metric, look: Lookup) -> Derived:
    """growth = this year / last year - 1, over any span (same month year on year too)."""
    assert m.growth_of
    for c in look.cells(m.growth_of):
        start, end = _year_later(c)
        out = _out(m.id, c, start, end)
        last, this = look.get(m.growth_of, c, c[4], c[5], out), look.get(m.growth_of, c, start, end, out)
        if last and this:
            f = derived_fact(kb, m.id, this.period, (this, last), Step.GROWTH, growth)
            if f:
                yield f


def base_of_multiple(kb: KnowledgeBase, m: Metric, look: Lookup) -> Derived:
    """base = level / multiple ("doubling the figure from a year ago" gives the year before)."""
    assert m.multiple_of
    for c in look.cells(m.id):
        multiple = look.get(m.id, c, c[4], c[5], ("", "", None, "", c[4], c[5]))  # rests on nothing derived
        if multiple is None or multiple.compared_with is None:
            continue
        base = multiple.compared_with
        level = look.get(m.multiple_of, c, c[4], c[5], _out(m.multiple_of, c, base.start, base.end))
        if level:
            f = derived_fact(kb, m.multiple_of, base, (level, multiple), Step.DIVIDED, ratio)
            if f:
                yield f


def _year_to_date(c: Cell) -> bool:
    """A span from 1 January to the end of a month of the same year (a year-to-date figure)."""
    start, end = c[4], c[5]
    return start.month == 1 and start.day == 1 and end.year == start.year and (end + timedelta(days=1)).day == 1


def rest_of_year_to_date(kb: KnowledgeBase, m: Metric, look: Lookup) -> Derived:
    """A stretch = a longer year-to-date figure - a shorter one (July alone = Jan-Jul - Jan-Jun)."""
    by_start: dict[tuple[object, ...], list[Cell]] = {}
    for c in look.cells(m.id):
        if _year_to_date(c):
            by_start.setdefault(c[:5], []).append(c)  # one list per place, kind and 1 January
    for spans in by_start.values():
        for longer, shorter in ((a, b) for a in spans for b in spans if b[5] < a[5]):
            start = shorter[5] + timedelta(days=1)
            out = _out(m.id, longer, start, longer[5])
            whole = look.get(m.id, longer, longer[4], longer[5], out)
            part = look.get(m.id, shorter, shorter[4], shorter[5], out)
            if whole and part:
                f = derived_fact(kb, m.id, _period(start, longer[5]), (whole, part), Step.MINUS, difference)
                if f:
                    yield f


def year_to_date_sum(kb: KnowledgeBase, m: Metric, look: Lookup) -> Derived:
    """A longer year-to-date figure = a shorter one + the month after it (Jan-Jul = Jan-Jun + Jul)."""
    for c in look.cells(m.id):
        if not _year_to_date(c) or c[5].month == 12:
            continue
        start = c[5] + timedelta(days=1)
        month_end = date(start.year, start.month, days_in_month(start.year, start.month))
        out = _out(m.id, c, c[4], month_end)
        so_far, month = look.get(m.id, c, c[4], c[5], out), look.get(m.id, c, start, month_end, out)
        if so_far and month:
            f = derived_fact(kb, m.id, _period(c[4], month_end), (so_far, month), Step.PLUS, add)
            if f:
                yield f


def year_to_date_less_its_last_month(kb: KnowledgeBase, m: Metric, look: Lookup) -> Derived:
    """A shorter year-to-date figure = a longer one - its last month (Jan-Oct = Jan-Nov - Nov)."""
    for c in look.cells(m.id):
        if not _year_to_date(c) or c[4].month == c[5].month:
            continue
        first = c[5].replace(day=1)
        shorter_end = first - timedelta(days=1)
        out = _out(m.id, c, c[4], shorter_end)
        so_far, month = look.get(m.id, c, c[4], c[5], out), look.get(m.id, c, first, c[5], out)
        if so_far and month:
            f = derived_fact(kb, m.id, _period(c[4], shorter_end), (so_far, month), Step.MINUS, difference)
            if f:
                yield f


def rules_for(kb: KnowledgeBase, m: Metric, look: Lookup) -> Derived:
    """Every rule that applies to metric `m` (by its kind of measure and its catalogue links)."""
    if m.part and m.whole and m.measure == "share":
        yield from share_times_whole(kb, m, look)
        yield from whole_from_part(kb, m, look)
    if m.growth_of and m.measure == "growth":
        yield from level_a_year_earlier(kb, m, look)
        yield from level_from_a_year_earlier(kb, m, look)
        yield from growth_from_levels(kb, m, look)
    if m.multiple_of and m.measure == "multiple":
        yield from base_of_multiple(kb, m, look)
    if m.measure == "flow":
        yield from rest_of_year_to_date(kb, m, look)
        yield from year_to_date_sum(kb, m, look)
        yield from year_to_date_less_its_last_month(kb, m, look)
