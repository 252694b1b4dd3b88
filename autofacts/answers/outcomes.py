"""The outcomes a verdict may use: the answer for each cell from what was published by an as-of date.

Each cell's answer combines every piece of evidence about it (chains.answer_cells): the stated
outcomes (the latest release of each) and the figures derived from them; a verdict reads one
figure per cell, the one that stands for that answer, and a conflict instead where the evidence
cannot all hold.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from autofacts.answers.chains import answer_cells
from autofacts.answers.evidence import Cell, CellAnswer, cell_of
from autofacts.answers.query import published_by
from autofacts.knowledge.model import Fact, KnowledgeBase, Metric
from autofacts.knowledge.periods import Period


class Outcomes:
    """The answers for every outcome cell published by the as-of date, by metric, region and entity."""

    def __init__(self, kb: KnowledgeBase, as_of: date) -> None:
        self.kb = kb
        self.as_of = as_of
        published = [f for f in kb.facts if f.kind == "actual" and f.value is not None and published_by(kb, f, as_of)]
        self.answers = answer_cells(kb, published)
        self.by_cell: dict[tuple[str, str, str | None], list[Fact]] = defaultdict(list)
        for figure in self.answers.figures.values():
            self.by_cell[(figure.metric, figure.region, figure.entity)].append(figure)
        # cells some source states (a year-to-date projection starts from a stated figure)
        self.stated: set[Cell] = {
            c for c, a in self.answers.cells.items() if any(p.derived_from is None for p in a.pieces)
        }

    def of(self, metric: str, target: Fact) -> list[Fact]:
        """The figures answering `metric` for the target's region and entity, one per period."""
        return self.by_cell.get((metric, target.region, target.entity), [])

    def answer(self, metric: str, target: Fact, period: Period) -> CellAnswer | None:
        """What the evidence says about `metric` over exactly `period` (a conflict included)."""
        return self.answers.cells.get((metric, target.region, target.entity, "actual", period.start, period.end))

    def level_in(self, metric: str, target: Fact, period: Period) -> Fact | None:
        """The figure answering `metric` over exactly `period`."""
        return self.answers.figure((metric, target.region, target.entity, "actual", period.start, period.end))

    def is_stated(self, fact: Fact) -> bool:
        return cell_of(fact) in self.stated

    def growth_in(self, metric: Metric, target: Fact, period: Period) -> Fact | None:
        """The year-on-year growth of `metric` over exactly `period`, as some source states it."""
        for growth_metric in self.kb.metrics.values():
            if growth_metric.growth_of == metric.id:
                rate = self.level_in(growth_metric.id, target, period)
                if rate is not None and self.is_stated(rate):
                    return rate
        return None
