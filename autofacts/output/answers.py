"""The answer to `show` (its table, chart and JSON document), and text helpers shared by the others.

Each answer is an `Answer` (see the package docstring): its table and its JSON document are built
only when that format is asked for. percent_text and metric_label are shared with the comparison
(comparison.py), the targets (verdicts.py) and the HTML report.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from autofacts.answers.query import FactGroup
from autofacts.frozen import frozen
from autofacts.knowledge.model import DERIVED_MARK, Fact, KnowledgeBase, Metric
from autofacts.knowledge.periods import in_words
from autofacts.knowledge.units import format_interval, format_stated
from autofacts.output import Answer
from autofacts.output.derivations import fact_note
from autofacts.output.records import (
    SELF_EVIDENT,
    cited_sources,
    excerpt,
    fact_record,
    metric_record,
    named_with_unit,
    region_label,
    short_value,
    source_label,
    stated_value,
    unit_words,
)
from autofacts.output.table import Column, Report

if TYPE_CHECKING:  # only for annotations: show need not import the arithmetic of compare and targets
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
                    "quote": (fact_note(fact) or "")
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
        Column("source", "source", min_width=10, cite=True, short="source_id", ident=True),
        Column("quote", "quote", aside=True, below=full_quotes),
    ]
    if any(r["agreement"] for r in rows):
        cols.insert(5, Column("agreement", "agreement", cite=True))
    if with_ids:
        cols.insert(0, Column("id", "fact", ident=True))
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
    lines: list[Any] = [Text(named_with_unit(metric.name, metric.unit), style="bold")]
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


def percent_text(iv: Interval | None, signed: bool = True, short: bool = False) -> str:
    return "—" if iv is None else format_interval(iv, "percent", signed=signed, short=short)


def metric_label(metric: Metric, say_unit: bool) -> str:
    """A metric's name, with its unit when the table does not say it once for all rows."""
    if say_unit and metric.unit not in SELF_EVIDENT:
        return named_with_unit(metric.name, metric.unit)
    return metric.name


# --- the answers -----------------------------------------------------------------------------


@frozen
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


@frozen
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
