"""Monthly series: one figure per calendar month, from what is stated and what the chains derive.

CAAM and its peers publish year-to-date figures (Jan-Jun, Jan-Jul) more often than single months;
July alone is Jan-Jul less Jan-Jun (derivation_rules.rest_of_year_to_date). A month grid collects,
for one metric and place, the answer for every single-month cell: stated, derived, or a conflict.
Also the query behind `show --explain`: the answers for the cells a question selects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from autofacts.answers.chains import answer_cells, answer_figure
from autofacts.answers.evidence import Agreement, CellAnswer
from autofacts.answers.query import Filters, select_facts
from autofacts.knowledge.model import Fact, KnowledgeBase


@dataclass(frozen=True)
class Month:
    """One month of a grid: the answer for it and the figure standing for that answer."""

    year: int
    month: int
    answer: CellAnswer
    figure: Fact | None  # None on a conflict

    @property
    def stated(self) -> bool:
        """True when some source states this month's figure itself (not only a chain)."""
        return any(p.derived_from is None for p in self.answer.pieces)

    @property
    def conflict(self) -> bool:
        return self.answer.agreement is Agreement.CONFLICT


@dataclass(frozen=True)
class MonthGrid:
    """Every month with an answer for one metric in one place, by year."""

    metric: str
    region: str
    entity: str | None
    months: tuple[Month, ...]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({m.year for m in self.months}))

    def at(self, year: int, month: int) -> Month | None:
        return next((m for m in self.months if (m.year, m.month) == (year, month)), None)


def _single_month(start: date, end: date) -> bool:
    return start.day == 1 and start.year == end.year and start.month == end.month and (end + timedelta(days=1)).day == 1


def selected_answers(kb: KnowledgeBase, filters: Filters) -> list[CellAnswer]:
    """The answers for the cells that pass the filters, from the facts published by their as-of
    date and the chains derived from those, in metric, place and period order."""
    answers = answer_cells(kb, select_facts(kb, Filters(as_of=filters.as_of)))
    return [a for a in answers.cells.values() if _passes(a, filters)]


def _passes(answer: CellAnswer, filters: Filters) -> bool:
    metric, region, _, kind, start, end = answer.cell
    return (
        (filters.metrics is None or metric in filters.metrics)
        and (filters.region is None or region == filters.region)
        and (filters.kind is None or kind == filters.kind)
        and (filters.period is None or (start, end) == (filters.period.start, filters.period.end))
        and (filters.since is None or start >= filters.since.start)
        and (filters.until is None or end <= filters.until.end)
    )


def month_grids(kb: KnowledgeBase, filters: Filters) -> list[MonthGrid]:
    """One grid per place (region and entity) for the metric asked, from every single-month answer."""
    grids: dict[tuple[str, str, str | None], list[Month]] = {}
    for answer in selected_answers(kb, filters):
        metric, region, entity, kind, start, end = answer.cell
        if kind != "actual" or not _single_month(start, end):
            continue
        figure = None if answer.agreement is Agreement.CONFLICT else answer_figure(kb, answer)
        grids.setdefault((metric, region, entity), []).append(Month(start.year, start.month, answer, figure))
    ordered = sorted(grids.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or ""))
    return [
        MonthGrid(metric, region, entity, tuple(sorted(months, key=lambda m: (m.year, m.month))))
        for (metric, region, entity), months in ordered
    ]
