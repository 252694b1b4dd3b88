"""`show --explain` and `show --monthly`: the evidence behind each answer, and a month grid.

`--explain` lists, under each cell (place and period), the answer the evidence allows and every
piece of it: which set the lower bound (↑), which the upper (↓), a stated figure with its source, a
derived one with the operation and the fact ids it used. `--monthly` lays single months out as a
grid, months down and years across, marking derived months †, with a bar chart of the latest year.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from autofacts.answers.derive import MARK_NOTE
from autofacts.answers.evidence import CellAnswer
from autofacts.answers.monthly import Month, MonthGrid
from autofacts.knowledge.interval import Interval
from autofacts.knowledge.model import Fact, KnowledgeBase, Metric
from autofacts.knowledge.periods import describe
from autofacts.knowledge.units import format_interval
from autofacts.output import Answer
from autofacts.output.derivations import fact_note, operation_text
from autofacts.output.records import (
    cited_sources,
    fact_record,
    interval_json,
    short_value,
    stated_value,
    unit_words,
)
from autofacts.output.table import Column, Report

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LOWER, UPPER = "↑", "↓"
CONFLICT_MARK = "✗"


def _where(answer: CellAnswer) -> str:
    _, region, entity, kind, start, end = answer.cell
    place = f"{region}, {entity}" if entity else region
    return f"{place}, {describe(start, end)}" + ("" if kind == "actual" else f" ({kind})")


def answer_text(answer: CellAnswer, metric: Metric) -> str:
    if answer.interval is None:
        return "conflict"
    return format_interval(answer.interval, metric.unit)


def _made(answer: CellAnswer, piece: Fact) -> str:
    marks = (LOWER if piece in answer.lower_from else "") + (UPPER if piece in answer.upper_from else "")
    if answer.conflict is not None and piece in answer.conflict:
        marks = CONFLICT_MARK
    return marks


def _how(piece: Fact) -> str:
    return "stated" if piece.derived_from is None else operation_text(piece.derived_from)


@dataclass(frozen=True)
class ExplainAnswer(Answer):
    """Every cell's answer and the pieces of evidence it combines."""

    kb: KnowledgeBase
    metric: Metric
    answers: tuple[CellAnswer, ...]

    def table(self) -> Report:
        m = self.metric
        rows = []
        for a in self.answers:
            head = f"{a.agreement}" if a.conflict is None else "no value satisfies both ✗ pieces"
            rows.append(
                {"where": _where(a), "made": "=", "figure": answer_text(a, m), "how": head, "facts": "", "source": ""}
            )
            for p in a.pieces:
                ids = " ".join(p.derived_from.facts) if p.derived_from is not None else p.id
                rows.append(
                    {
                        "where": _where(a),
                        "made": _made(a, p),
                        "figure": stated_value(p, m),
                        "how": _how(p),
                        "facts": ids,
                        "source": p.source if p.derived_from is None else "",
                    }
                )
        cols = [
            Column("where", "where", in_heading=True),
            Column("made", "", wrap=False),
            Column("figure", "figure", justify="right", wrap=False),
            Column("how", "how", join_narrow="facts", join_label=True),
            Column("facts", "facts", ident=True),
            Column("source", "source", cite=True),
        ]
        unit = "" if m.unit in ("percent", "times", "rank", "none") else f" ({unit_words(m.unit)})"
        footer = [
            f"= the answer: every piece's interval intersected; {LOWER} set its lower bound, {UPPER} its upper;"
            f" {CONFLICT_MARK} the two pieces that cannot both hold",
            MARK_NOTE,
        ]
        stated = [p for a in self.answers for p in a.pieces if p.derived_from is None]
        return Report(f"Evidence for {m.name}{unit}", cols, rows, footer, cited_sources(self.kb, stated), "where")

    def document(self) -> dict[str, Any]:
        def ids(facts: tuple[Fact, ...]) -> list[str]:
            return [f.id for f in facts]

        cells = []
        for a in self.answers:
            _, region, entity, kind, start, end = a.cell
            cells.append(
                {
                    "metric": self.metric.id,
                    "region": region,
                    "entity": entity,
                    "kind": kind,
                    "period": describe(start, end),
                    "answer": interval_json(a.interval),
                    "agreement": a.agreement.value,
                    "lower_from": ids(a.lower_from),
                    "upper_from": ids(a.upper_from),
                    "conflict": None if a.conflict is None else ids(a.conflict),
                    "evidence": [fact_record(self.kb, p) for p in a.pieces],
                }
            )
        return {"metric": self.metric.id, "cells": cells}


def _month_text(month: Month | None, metric: Metric) -> str:
    if month is None:
        return ""
    if month.figure is None:
        return CONFLICT_MARK
    return short_value(month.figure, metric)  # a derived figure carries † itself


@dataclass(frozen=True)
class MonthlyAnswer(Answer):
    """Month grids (months down, years across) for one metric, stated and derived months marked."""

    kb: KnowledgeBase
    metric: Metric
    grids: tuple[MonthGrid, ...]

    def table(self) -> Report:
        years = sorted({y for g in self.grids for y in g.years})
        rows = []
        for g in self.grids:
            place = f"{g.region}, {g.entity}" if g.entity else g.region
            for i, name in enumerate(MONTHS, start=1):
                cells = {str(y): _month_text(g.at(y, i), self.metric) for y in years}
                if any(cells.values()):
                    rows.append({"place": place, "month": name, **cells})
        cols = [Column("place", "place", in_heading=True), Column("month", "month", wrap=False)]
        cols += [Column(str(y), str(y), justify="right", wrap=False) for y in years]
        unit = "" if self.metric.unit in ("percent", "times", "rank", "none") else f" ({unit_words(self.metric.unit)})"
        months = [m for g in self.grids for m in g.months]
        footer = [MARK_NOTE] if any(m.figure is not None and m.figure.derived_from for m in months) else []
        for g in self.grids:  # the note MARK_NOTE points to: how each derived month was made
            place = f"{g.region}, {g.entity}" if g.entity else g.region
            for m in g.months:
                if m.figure is not None and m.figure.derived_from is not None:
                    footer.append(f"{place}, {MONTHS[m.month - 1]} {m.year}: {fact_note(m.figure)}")
        if any(m.conflict for m in months):
            footer.append(f"{CONFLICT_MARK} the evidence for that month conflicts (see show --explain)")
        stated = [p for g in self.grids for m in g.months for p in m.answer.pieces if p.derived_from is None]
        return Report(f"{self.metric.name}{unit} by month", cols, rows, footer, cited_sources(self.kb, stated), "place")

    def rich(self, width: int, wide: bool = False) -> Any:
        from rich.console import Group
        from rich.text import Text

        from autofacts.output.table import to_rich

        parts = [to_rich(self.table(), width, wide)]
        for g in self.grids:
            if g.years:
                parts.append(Text(month_bars(g, self.metric, g.years[-1], width)))
        return Group(*parts)

    def document(self) -> dict[str, Any]:
        grids = []
        for g in self.grids:
            months = []
            for m in g.months:
                record = fact_record(self.kb, m.figure) if m.figure is not None else None
                months.append(
                    {
                        "period": f"{m.year}-{m.month:02d}",
                        "answer": interval_json(m.answer.interval),
                        "stated": m.stated,
                        "derived": m.figure is not None and m.figure.derived_from is not None,
                        "conflict": None if m.answer.conflict is None else [f.id for f in m.answer.conflict],
                        "figure": record,
                    }
                )
            grids.append({"region": g.region, "entity": g.entity, "months": months})
        return {"metric": self.metric.id, "grids": grids}


def _central(iv: Interval) -> Decimal | None:
    """Where a bar ends: the single value, the nominal figure, else the one bound known."""
    if iv.nominal is not None:
        return iv.nominal
    return iv.lo if iv.lo is not None else iv.hi


_EIGHTHS = " ▏▎▍▌▋▊▉█"


def month_bars(grid: MonthGrid, metric: Metric, year: int, width: int) -> str:
    """A text bar chart of one year's months: a bar per month, its figure beside it, † where derived."""
    months = [(i, grid.at(year, i)) for i in range(1, 13)]
    values = [(i, m, _central(m.answer.interval)) for i, m in months if m is not None and m.answer.interval is not None]
    top = max((v for _, _, v in values if v is not None and v > 0), default=None)
    place = f"{grid.region}, {grid.entity}" if grid.entity else grid.region
    lines = [f"{place}, {year}"]
    room = max(10, min(50, width - 24))
    for i, m in months:
        if m is None:
            continue
        v = _central(m.answer.interval) if m.answer.interval is not None else None
        if v is None or top is None or v < 0:
            bar = ""
        else:
            eighths = int(v / top * room * 8)
            bar = "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")
        label = _month_text(m, metric)
        lines.append(f"{MONTHS[i - 1]} {bar.ljust(room)} {label}")
    return "\n".join(lines) + "\n"
