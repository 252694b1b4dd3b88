"""The answers to the questions show and compare, as tables and JSON documents.

Each answer is an `Answer` (see the package docstring): its table and its JSON document are built
only when that format is asked for. The text helpers (change_text, percent_text) are shared with
the HTML report; the targets' answer is in verdicts.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from autofacts.answers.query import FactGroup
from autofacts.knowledge.model import DERIVED_MARK, Fact, KnowledgeBase, Metric
from autofacts.knowledge.periods import in_words
from autofacts.knowledge.units import format_interval, format_stated
from autofacts.output import Answer
from autofacts.output.notes import row_note
from autofacts.output.records import (
    SELF_EVIDENT,
    cited_sources,
    excerpt,
    fact_record,
    interval_json,
    metric_record,
    region_label,
    short_value,
    source_label,
    stated_value,
    unit_words,
)
from autofacts.output.table import SEP, Column, Report

if TYPE_CHECKING:  # only for annotations: show need not import the arithmetic of compare and targets
    from autofacts.answers.compare import Comparison, ComparisonRow, Side
    from autofacts.knowledge.interval import Interval


# --- show ------------------------------------------------------------------------------------


def _release(group: FactGroup, fact: Fact) -> str:
    """'revision of X' or 'first release, revised by Y': a restated figure is shown with its first."""
    if fact.revises is not None:
        return f"revision of {fact.revises}"
    later = [f.id for f in group.facts if f.revises == fact.id]
    return f"first release, revised by {', '.join(later)}" if later else ""


def _agreement(group: FactGroup, fact: Fact) -> str:
    """'agrees: A', 'restates: B', 'restated by: C' or 'CONFLICTS: D' ('; ' between them): a source
    listed after a colon is cited by its footnote mark."""
    release = _release(group, fact)
    verdict = group.agreement
    if verdict in ("single", "revised"):
        return release
    if verdict == "conflict":
        texts = [f"CONFLICTS: {', '.join(s for s in group.sources if s != fact.source) or 'itself'}"]
    else:
        relations = (
            ("agrees", group.agreeing(fact)),
            ("restates", group.restates(fact)),
            ("restated by", group.restated_by(fact)),
        )
        texts = [f"{word}: {', '.join(sources)}" for word, sources in relations if sources]
    return "; ".join([release, *texts] if release else texts)


def _show_table(
    kb: KnowledgeBase, metric: Metric, groups: list[FactGroup], full_quotes: bool, with_ids: bool = False
) -> Report:
    rows = []
    facts = [f for g in groups for f in g.facts]
    for group in groups:
        for fact in group.facts:
            region = region_label(fact)
            if fact.compared_with:
                region += f" (vs {fact.compared_with})"
            rows.append(
                {
                    "period": fact.period.label + ("" if fact.period_stated else " (as of publication)"),
                    "period_short": in_words(fact.period) + ("" if fact.period_stated else " (as published)"),
                    "region": region,
                    "value": stated_value(fact, metric),
                    "value_short": short_value(fact, metric),
                    "kind": fact.kind,
                    "source": source_label(kb, fact.source),
                    "source_id": fact.source,
                    "agreement": _agreement(group, fact),
                    "quote": (fact.note or "")
                    if fact.derived_from is not None
                    else " ".join(fact.quote.split())
                    if full_quotes
                    else excerpt(fact),
                    "id": fact.id,
                }
            )
    cols = [
        Column("period", "period", min_width=4, short="period_short"),
        Column("region", "region", min_width=6),
        Column("value", "value", "right", wrap=False, short="value_short"),
        Column("kind", "kind", wrap=False),
        Column("source", "source", min_width=10, cite=True, short="source_id"),
        Column("quote", "quote", aside=True, below=full_quotes),
    ]
    if any(r["agreement"] for r in rows):
        cols.insert(5, Column("agreement", "agreement", cite=True))
    if with_ids:
        cols.insert(0, Column("id", "fact"))
    sources = len({f.source for f in facts})
    footer = [
        f"{len(facts)} fact{'s' if len(facts) != 1 else ''} from {sources} source{'s' if sources != 1 else ''}"
        f" · unit: {metric.unit} · {metric.measure}"
    ]
    if any(f.derived_from is not None for f in facts):
        footer.append(f"{DERIVED_MARK} derived from stated figures (its quote says how); no source states it.")
    unit = "" if metric.unit in SELF_EVIDENT else f", in {unit_words(metric.unit)}"
    return Report(f"{metric.name} ({metric.id}){unit}", cols, rows, footer, cited_sources(kb, facts))


def _show_document(kb: KnowledgeBase, metric: Metric, groups: list[FactGroup]) -> dict[str, Any]:
    return {
        "metric": metric_record(metric),
        "facts": [fact_record(kb, f) for g in groups for f in g.facts],
        "groups": [
            {"facts": [f.id for f in g.facts], "sources": list(g.sources), "agreement": g.agreement} for g in groups
        ],
    }


def _show_chart(metric: Metric, groups: list[FactGroup], width: int = 40) -> Any:
    """Bars over periods, one series per region; a bound is drawn open-ended, an estimate marked."""
    from rich.console import Group
    from rich.text import Text

    facts = [g.facts[0] for g in groups if g.facts[0].value is not None]
    if not facts:
        return Text("nothing to chart: no numeric facts")
    top = max(max(f.value for f in facts if f.value is not None), Decimal(0))
    lines: list[Any] = [Text(f"{metric.name} ({metric.unit})", style="bold")]
    for region in dict.fromkeys(f.region for f in facts):
        lines.append(Text(region, style="bold"))
        for fact in (f for f in facts if f.region == region):
            assert fact.value is not None
            length = int(width * fact.value / top) if top > 0 else 0
            bar = "█" * max(length, 1 if fact.value > 0 else 0)
            if fact.qualifier in ("over", "at-least"):
                bar += "▶…"  # open-ended: the true value lies further right
            elif fact.qualifier in ("under", "at-most", "nearly"):
                bar = bar[:-1] + "◀" if bar else "◀"
            elif fact.qualifier == "about":
                bar += "~"
            label = f"{fact.period.label:>16} {fact.kind[:6]:<6} "
            lines.append(Text(label + bar + " " + format_stated(fact.value, fact.qualifier, metric.unit, fact.upper)))
    lines.append(Text("▶… a lower bound (the value is larger) · ◀ an upper bound · ~ approximate"))
    return Group(*lines)


# --- compare ---------------------------------------------------------------------------------


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


def percent_text(iv: Interval | None, signed: bool = True, short: bool = False) -> str:
    return "—" if iv is None else format_interval(iv, "percent", signed=signed, short=short)


def metric_label(metric: Metric, say_unit: bool) -> str:
    """A metric's name, with its unit when the table does not say it once for all rows."""
    if say_unit and metric.unit not in SELF_EVIDENT:
        return f"{metric.name} ({unit_words(metric.unit)})"
    return metric.name


def _one_unit(metrics: list[Metric]) -> str | None:
    """The unit every row shares, to be said once in the title (none if they differ or show their own)."""
    units = {m.unit for m in metrics}
    if len(units) == 1:
        unit = units.pop()
        return None if unit in SELF_EVIDENT else unit
    return None


def _compare_table(kb: KnowledgeBase, comparison: Comparison) -> Report:
    a, b = comparison.period_a.label, comparison.period_b.label
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
    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(ids) if ids else "nothing"

    return (
        f"nothing to compare between {comparison.period_a} and {comparison.period_b}: "
        f"{comparison.period_a} has {names(comparison.only_a)}; {comparison.period_b} has {names(comparison.only_b)}"
    )


# --- the answers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ShowAnswer(Answer):
    """`show`: every fact for one metric, grouped by what they state."""

    kb: KnowledgeBase
    metric: Metric
    groups: list[FactGroup]
    full_quotes: bool = False
    with_ids: bool = False  # CSV and Markdown are for citing: whole quotes and fact ids

    def table(self) -> Report:
        return _show_table(self.kb, self.metric, self.groups, self.full_quotes, self.with_ids)

    def document(self) -> dict[str, Any]:
        return _show_document(self.kb, self.metric, self.groups)


@dataclass(frozen=True)
class ChartAnswer(Answer):
    """`show --chart`: bars over periods, one series per region."""

    metric: Metric
    groups: list[FactGroup]

    def rich(self, width: int, wide: bool = False) -> Any:
        # the bars take what the terminal leaves beside the label (24) and the longest figure
        figures = [
            format_stated(f.value, f.qualifier, self.metric.unit)
            for g in self.groups
            for f in g.facts[:1]
            if f.value is not None
        ]
        room = width - 24 - 3 - max((len(t) for t in figures), default=0)
        return _show_chart(self.metric, self.groups, max(10, min(40, room)))


@dataclass(frozen=True)
class CompareAnswer(Answer):
    """`compare`: each metric and region in two periods."""

    kb: KnowledgeBase
    comparison: Comparison

    def table(self) -> Report:
        return _compare_table(self.kb, self.comparison)

    def document(self) -> dict[str, Any]:
        return _compare_document(self.kb, self.comparison)
