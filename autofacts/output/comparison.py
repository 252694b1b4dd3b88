"""The answer to `compare A B`: a table of changes, and its JSON document. `change_text` is shared
with the HTML report. Apart from answers.py (show) so that `show` does not load what words a comparison."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from autofacts.knowledge.model import DERIVED_MARK, Fact, KnowledgeBase, Metric
from autofacts.knowledge.periods import in_words
from autofacts.knowledge.units import format_interval
from autofacts.output import Answer
from autofacts.output.answers import metric_label, percent_text
from autofacts.output.notes import row_note
from autofacts.output.records import (
    SELF_EVIDENT,
    cited_sources,
    fact_record,
    interval_json,
    short_value,
    stated_value,
    unit_words,
)
from autofacts.output.table import SEP, Column, Report

if TYPE_CHECKING:  # only for annotations: the comparison's arithmetic is imported by whoever compared
    from autofacts.answers.compare import Comparison, ComparisonRow, Side


def _side_text(side: Side | None, metric: Metric) -> str:
    return "—" if side is None else stated_value(side.used, metric)


def change_text(row: ComparisonRow, short: bool = False) -> str:
    if row.change is None:
        return "—"
    if row.change_unit == "pp":
        return format_interval(row.change, "none", signed=True, short=short) + " pp"
    if row.change_unit == "places":
        return format_interval(row.change, "none", signed=True, short=short) + " places"
    if row.change_unit == "×":
        return format_interval(row.change, "none", signed=True, short=short) + "×"
    return format_interval(row.change, row.metric.unit, signed=True, short=short)


def _one_unit(metrics: list[Metric]) -> str | None:
    """The unit every row shares, to be said once in the title (none if they differ or show their own)."""
    units = {m.unit for m in metrics}
    if len(units) == 1:
        unit = units.pop()
        return None if unit in SELF_EVIDENT else unit
    return None


def _compare_table(kb: KnowledgeBase, comparison: Comparison) -> Report:
    # periods as a reader says them ("Jan–Nov 2025"): a label such as 2025-01/2025-11 is 15 columns
    a, b = in_words(comparison.period_a), in_words(comparison.period_b)
    rows = []
    facts: list[Fact] = []
    unit = _one_unit([row.metric for row in comparison.rows])
    for row in comparison.rows:
        facts += [f for s in (row.a, row.b) if s is not None for f in s.cited]
        region = row.region + (f" · {row.entity}" if row.entity else "")  # a row has no single fact
        rows.append(
            {
                "metric": row.metric.id,
                "name": metric_label(row.metric, unit is None),
                "region": region,
                "kind": row.kind,
                "a": _side_text(row.a, row.metric),
                "a_short": "—" if row.a is None else short_value(row.a.used, row.metric),
                "b": _side_text(row.b, row.metric),
                "b_short": "—" if row.b is None else short_value(row.b.used, row.metric),
                "change": change_text(row),
                "change_short": change_text(row, short=True),
                "relative": percent_text(row.relative),
                "relative_short": percent_text(row.relative, short=True),
                "cagr": percent_text(row.cagr),
                "cagr_short": percent_text(row.cagr, short=True),
                "sources": SEP.join(dict.fromkeys(f.source for s in (row.a, row.b) if s is not None for f in s.cited)),
                "note": row_note(row),
            }
        )
    cols = [
        Column("metric", "metric", short="name"),
        Column("region", "region", in_heading=True),
        Column("a", a, "right", wrap=False, short="a_short"),
        Column("b", b, "right", wrap=False, short="b_short"),
        Column("change", "change", "right", wrap=False, short="change_short"),
        Column("relative", "change %", "right", wrap=False, short="relative_short"),
        Column("cagr", "CAGR", "right", wrap=False, short="cagr_short"),
        Column("sources", "sources", cite=True, min_width=3),
        Column("note", "note", aside=True),
    ]
    if any(r["kind"] != "actual" for r in rows):
        cols.insert(2, Column("kind", "kind", wrap=False))
    footer = [
        f"{len(comparison.comparable)} metric(s) compared between {a} and {b}."
        " Shares and growth rates change in percentage points (pp); ≈ marks a figure derived from an"
        " approximate one; > and < mark bounds; M, B and T are millions, billions and trillions."
        " Change % is computed from the two figures unless a note says a source states it."
    ]
    if any(s is not None and s.used.derived_from is not None for row in comparison.rows for s in (row.a, row.b)):
        footer.append(f"{DERIVED_MARK} a figure derived from stated ones (the note says how); no source states it.")
    title = f"Compare {a} with {b}" + (f", in {unit_words(unit)}" if unit else "")
    return Report(title, cols, rows, footer, cited_sources(kb, facts), group_by="region")


def _side_json(kb: KnowledgeBase, side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {
        "fact": fact_record(kb, side.used),
        "also_stated_by": [f.id for f in side.others],
        "agreement": side.group.agreement,
    }


def _compare_document(kb: KnowledgeBase, comparison: Comparison) -> dict[str, Any]:
    return {
        "period_a": comparison.period_a.label,
        "period_b": comparison.period_b.label,
        "rows": [
            {
                "metric": r.metric.id,
                "metric_name": r.metric.name,
                "unit": r.metric.unit,
                "measure": r.metric.measure,
                "region": r.region,
                "entity": r.entity,
                "kind": r.kind,
                "a": _side_json(kb, r.a),
                "b": _side_json(kb, r.b),
                "change": interval_json(r.change),
                "change_unit": r.change_unit or None,
                "relative_change_percent": interval_json(r.relative),
                "relative_change_basis": r.relative_basis,
                "relative_change_fact": r.stated_change.id if r.stated_change is not None else None,
                "cagr_percent": interval_json(r.cagr),
                "note": row_note(r) or None,
            }
            for r in comparison.rows
        ],
        "only_in_a": list(comparison.only_a),
        "only_in_b": list(comparison.only_b),
    }


def nothing_to_compare(comparison: Comparison) -> str:
    """Why no row was compared: what each period has; and when a metric has figures in both, that
    they differ in kind, region or company (an actual 2025 is not compared with a forecast 2026)."""
    a, b = comparison.period_a, comparison.period_b

    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(ids) if ids else "nothing"

    in_both = set(comparison.only_a) & set(comparison.only_b)
    if not in_both:
        has_a, has_b = names(comparison.only_a), names(comparison.only_b)
        return f"nothing to compare between {a} and {b}: {a} has {has_a}; {b} has {has_b}"

    def cells(side: str) -> str:
        kinds: dict[tuple[str, str], list[str]] = {}
        for s, metric, region, entity, kind in comparison.unpaired:
            if s == side and metric in in_both:
                kinds.setdefault((metric, kind), []).append(region + (f" · {entity}" if entity else ""))
        return "; ".join(f"{metric} ({kind}: {', '.join(where)})" for (metric, kind), where in kinds.items())

    return (
        f"nothing to compare between {a} and {b}: a figure is compared only with one of the same kind, "
        f"region and company, and none match: {a} has {cells('a')}; {b} has {cells('b')} "
        "(--all lists both periods' figures side by side)"
    )


@dataclass(frozen=True)
class CompareAnswer(Answer):
    """`compare`: each metric and region in two periods."""

    kb: KnowledgeBase
    comparison: Comparison

    def table(self) -> Report:
        return _compare_table(self.kb, self.comparison)

    def document(self) -> dict[str, Any]:
        return _compare_document(self.kb, self.comparison)
