"""Rendering: result objects -> a tabular Report -> Rich table, CSV or Markdown; and JSON documents.

A renderer never prints and never exits: it returns text or a Rich renderable, and cli.py decides
where it goes. Every row carries its source so any answer can be cited; Markdown adds the list of
sources under the table, ready to paste into a report.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from autofacts.model import Fact, KnowledgeBase, Metric, Problem, Source
from autofacts.query import FactGroup
from autofacts.units import format_interval, format_stated, interval_json, json_number, plain

if TYPE_CHECKING:  # only for annotations: show need not import the arithmetic of compare and targets
    from autofacts.compare import Comparison, ComparisonRow, Side
    from autofacts.interval import Interval
    from autofacts.targets import TargetReport, TargetVerdict

QUOTE_WIDTH = 70
SEP = ", "  # between source ids in a cited cell


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    justify: Literal["left", "right"] = "left"
    wrap: bool = True  # False for short labels that must never break across lines
    cite: bool = False  # the cell lists source ids; on a terminal they become [n] references
    aside: bool = False  # long notes; on a terminal they go under the table, marked (a), (b) ...
    join_to: str | None = None  # on a terminal, shown on a second line of that column's cell
    below: bool = False  # an aside that always goes under the table (whole quotes)
    min_width: int | None = None


@dataclass
class Report:
    """A table in a form every output format can render."""

    title: str
    columns: list[Column]
    rows: list[dict[str, str]]
    footer: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


# --- shared pieces ---------------------------------------------------------------------------


def source_label(kb: KnowledgeBase, source_id: str) -> str:
    source = kb.sources.get(source_id)
    return f"{source_id} ({source.published})" if source else source_id


def shorten(text: str, width: int = QUOTE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def excerpt(fact: Fact, width: int = QUOTE_WIDTH) -> str:
    """The part of a fact's quote around its figure, so a shortened quote still shows the number."""
    from autofacts.numbers import read_numbers

    text = " ".join(fact.quote.split())
    if len(text) <= width:
        return text
    mentions = [m for m in read_numbers(text) if m.value == fact.value]
    mentions.sort(key=lambda m: m.qualifier != fact.qualifier)
    if not mentions:
        return shorten(text, width)
    middle = (mentions[0].start + mentions[0].end) // 2
    start = max(0, min(middle - width // 2, len(text) - width))
    if start > 0:
        start = text.find(" ", start) + 1 or start  # begin at a word
    piece = text[start : start + width]
    if start + width < len(text):
        piece = piece[: piece.rfind(" ")] if " " in piece else piece
    return ("…" if start > 0 else "") + piece.strip() + ("…" if start + len(piece) < len(text) else "")


def stated_value(fact: Fact, metric: Metric) -> str:
    if fact.value is None:
        return "(qualitative)"
    return format_stated(fact.value, fact.qualifier, metric.unit)


def cited_sources(kb: KnowledgeBase, facts: list[Fact]) -> list[Source]:
    ids = dict.fromkeys(f.source for f in facts)
    return [kb.sources[i] for i in ids if i in kb.sources]


def fact_json(kb: KnowledgeBase, fact: Fact) -> dict[str, Any]:
    """One fact, normalised: the record `export` writes and `show` embeds (fields documented in README)."""
    metric = kb.metrics.get(fact.metric)
    source = kb.sources.get(fact.source)
    bounds = interval_json(fact.interval) or {}
    return {
        "id": fact.id,
        "metric": fact.metric,
        "metric_name": metric.name if metric else None,
        "unit": metric.unit if metric else None,
        "region": fact.region,
        "entity": fact.entity,
        "period": fact.period.label,
        "period_start": fact.period.start.isoformat(),
        "period_end": fact.period.end.isoformat(),
        "period_stated": fact.period_stated,
        "kind": fact.kind,
        "value": json_number(fact.value),
        "qualifier": fact.qualifier,
        "lower": bounds.get("lower"),
        "upper": bounds.get("upper"),
        "lower_open": bounds.get("lower_open"),
        "upper_open": bounds.get("upper_open"),
        "compared_with": fact.compared_with.label if fact.compared_with else None,
        "ceiling": fact.ceiling,
        "note": fact.note,
        "source": {
            "id": fact.source,
            "file": f"seeds/{source.file}" if source else None,
            "title": source.title if source else None,
            "publisher": source.publisher if source else None,
            "published": source.published.label if source else None,
            "published_inferred": bool(source.published_inferred) if source else None,
            "quote": " ".join(fact.quote.split()),
        },
    }


def source_json(source: Source, facts: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": source.id,
        "file": f"seeds/{source.file}",
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published.label,
        "published_inferred": source.published_inferred,
        "language": source.language,
    }
    if facts is not None:
        out["facts"] = facts
    return out


def dumps(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, default=_json_default) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return json_number(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# --- output formats --------------------------------------------------------------------------


def _natural_width(report: Report, col: Column) -> int:
    cells = [len(row.get(col.key, "")) for row in report.rows]
    widest = max([len(col.header), *cells])
    if col.cite:
        return 4 * max([1, *(row.get(col.key, "").count(SEP) + 1 for row in report.rows)])
    return widest if not col.wrap else min(widest, 24)


def to_rich(report: Report, width: int = 120) -> Any:
    """A Rich renderable: the table, then its notes, footer lines and cited sources.

    Long text columns (quotes, notes) stay in the table when the terminal is wide enough for
    them and move under it, marked (a), (b) ..., when it is not.
    """
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    fixed = sum(_natural_width(report, c) + 3 for c in report.columns if not c.aside)
    inline = fixed + 40 * sum(1 for c in report.columns if c.aside) <= width
    # On a narrow terminal the long text columns leave the table: their cells become notes under
    # it, and each row's last column carries the note's mark.
    shown = [c for c in report.columns if ((inline and not c.below) or not c.aside) and c.join_to is None]
    joined = [c for c in report.columns if c.join_to is not None]
    moved = [c for c in report.columns if c.aside and (c.below or not inline)]
    # Figures and ids prefer one line, but on a terminal too narrow for that Rich would crop the
    # table's right side; folding a long id is the lesser evil.
    tight = sum(_natural_width(report, c) + 3 for c in shown) > width
    table = Table(title=report.title, title_justify="left", show_lines=False, expand=False, pad_edge=False)
    for col in shown:
        table.add_column(
            col.header,
            justify=col.justify,
            no_wrap=not col.wrap and not tight,
            overflow="fold",
            min_width=None if tight else col.min_width,
            style=None,
        )
    refs: dict[str, int] = {}
    asides: list[str] = []

    def cell(col: Column, text: str) -> str:
        if not col.cite:
            return text
        ids = [i for i in text.split(SEP) if i]
        return " ".join(f"[{refs.setdefault(i, len(refs) + 1)}]" for i in ids)

    for row in report.rows:
        cells = [cell(c, row.get(c.key, "")) for c in shown]
        for col in joined:
            if row.get(col.key):
                at = next(i for i, c in enumerate(shown) if c.key == col.join_to)
                cells[at] = f"{cells[at]}\n{row[col.key]}"
        for col in moved:
            if row.get(col.key):
                asides.append(row[col.key])
                cells[-1] = f"{cells[-1]} ({_letter(len(asides))})".strip()
        table.add_row(*(Text(text, style=_status_style(col, text)) for col, text in zip(shown, cells, strict=True)))
    parts: list[Any] = [table]
    parts.extend(Text(f"({_letter(n + 1)}) {text}") for n, text in enumerate(asides))
    parts.extend(Text(line) for line in report.footer)
    by_id = {s.id: s for s in report.sources}
    for source_id, n in refs.items():
        source = by_id.get(source_id)
        title = f"{source.title}, {source.published}, seeds/{source.file}" if source else ""
        parts.append(Text(f"[{n}] {source_id}: {title}", style="dim"))
    return Group(*parts)


_STATUS_STYLES = {
    "met": "green",
    "missed": "red",
    "on track": "green",
    "off track": "red",
    "can't tell": "yellow",
    "missing": "red",
}


def _status_style(col: Column, text: str) -> str:
    """Verdicts in colour (dropped by Rich under NO_COLOR or when piped)."""
    if col.key != "status":
        return ""
    return next((style for status, style in _STATUS_STYLES.items() if text.startswith(status)), "")


def _letter(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: marks for notes under a table."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def to_csv(report: Report) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in report.columns])
    for row in report.rows:
        writer.writerow(["" if row.get(c.key) in (None, "—") else row[c.key] for c in report.columns])
    return out.getvalue()


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def to_markdown(report: Report) -> str:
    lines = [f"### {report.title}", ""]
    lines.append("| " + " | ".join(c.header for c in report.columns) + " |")
    lines.append("|" + "|".join("---:" if c.justify == "right" else "---" for c in report.columns) + "|")
    for row in report.rows:
        lines.append("| " + " | ".join(_md_cell(row.get(c.key, "")) for c in report.columns) + " |")
    if report.footer:
        lines.append("")
        lines.extend(report.footer)
    if report.sources:
        lines += ["", "Sources:", ""]
        for s in report.sources:
            by = f", {s.publisher}" if s.publisher else ""
            inferred = " (date inferred)" if s.published_inferred else ""
            lines.append(f"- **{s.id}**: {s.title}{by}, {s.published}{inferred}. `seeds/{s.file}`")
    return "\n".join(lines) + "\n"


# --- check, catalogues, export ---------------------------------------------------------------


def check_json(problems: list[Problem], kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "ok": not problems,
        "problems": [
            {
                "file": p.location.file,
                "line": p.location.line,
                "column": p.location.column,
                "code": p.code,
                "message": p.message,
            }
            for p in problems
        ],
        "summary": {
            "errors": len(problems),
            "facts": len(kb.facts),
            "metrics": len(kb.metrics),
            "sources": len(kb.sources),
        },
    }


def check_summary(problems: list[Problem], kb: KnowledgeBase) -> str:
    counts = f"{len(kb.facts)} facts, {len(kb.metrics)} metrics, {len(kb.sources)} sources"
    if not problems:
        return f"ok: {counts}, no errors"
    files = len({p.location.file for p in problems})
    errors = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
    return f"{errors} in {files} file{'s' if files != 1 else ''} ({counts})"


def metrics_report(kb: KnowledgeBase) -> Report:
    counts = {m: len(kb.facts_for(m)) for m in kb.metrics}
    rows = [
        {
            "id": m.id,
            "name": m.name,
            "unit": m.unit,
            "measure": m.measure,
            "aliases": ", ".join(m.aliases),
            "facts": str(counts[m.id]),
        }
        for m in sorted(kb.metrics.values(), key=lambda m: m.id)
    ]
    cols = [
        Column("id", "metric", wrap=False),
        Column("name", "name", min_width=24),
        Column("unit", "unit", min_width=5),
        Column("measure", "measure", wrap=False),
        Column("aliases", "aliases", min_width=10),
        Column("facts", "facts", "right"),
    ]
    return Report(f"{len(rows)} metrics", cols, rows)


def sources_report(kb: KnowledgeBase) -> Report:
    rows = []
    for s in sorted(kb.sources.values(), key=lambda s: (s.published.start, s.id)):
        rows.append(
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher or "",
                "language": s.language,
                "published": f"{s.published}{' (inferred)' if s.published_inferred else ''}",
                "file": f"seeds/{s.file}",
                "facts": str(sum(1 for f in kb.facts if f.source == s.id)),
            }
        )
    cols = [
        Column("id", "source", wrap=False),
        Column("published", "published", wrap=False),
        Column("title", "title", min_width=30),
        Column("publisher", "publisher"),
        Column("file", "file", min_width=12),
        Column("facts", "facts", "right"),
    ]
    return Report(f"{len(rows)} sources", cols, rows)


def export_csv(kb: KnowledgeBase, facts: list[Fact]) -> str:
    import csv
    import io

    out = io.StringIO()
    fields = [
        "id",
        "metric",
        "metric_name",
        "unit",
        "region",
        "entity",
        "period",
        "period_start",
        "period_end",
        "period_stated",
        "kind",
        "value",
        "qualifier",
        "lower",
        "upper",
        "lower_open",
        "upper_open",
        "compared_with",
        "ceiling",
        "note",
        "source_id",
        "source_file",
        "source_title",
        "source_published",
        "quote",
    ]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for fact in facts:
        doc = fact_json(kb, fact)
        src = doc.pop("source")
        doc.update(
            source_id=src["id"],
            source_file=src["file"],
            source_title=src["title"],
            source_published=src["published"],
            quote=src["quote"],
        )
        writer.writerow({k: "" if v is None else v for k, v in doc.items() if k in fields})
    return out.getvalue()


def export_json(kb: KnowledgeBase, facts: list[Fact]) -> Iterator[str]:
    """`{"facts": [...]}` exactly as dumps() would write it, one fact at a time (a large base
    never has its whole export in memory)."""
    if not facts:
        yield dumps({"facts": []})
        return
    yield '{\n  "facts": [\n'
    for n, fact in enumerate(facts):
        record = json.dumps(fact_json(kb, fact), indent=2, ensure_ascii=False)
        yield ("" if n == 0 else ",\n") + "\n".join("    " + line for line in record.split("\n"))
    yield "\n  ]\n}\n"


def export_yaml(kb: KnowledgeBase, facts: list[Fact]) -> str:
    import yaml

    return str(
        yaml.safe_dump({"facts": [fact_json(kb, f) for f in facts]}, sort_keys=False, allow_unicode=True, width=100)
    )


# --- show ------------------------------------------------------------------------------------


def _agreement(group: FactGroup, fact: Fact) -> str:
    verdict = group.agreement
    if verdict == "single":
        return ""
    others = ", ".join(s for s in group.sources if s != fact.source) or "itself"
    return f"agrees: {others}" if verdict == "agree" else f"CONFLICTS: {others}"


def show_report(
    kb: KnowledgeBase, metric: Metric, groups: list[FactGroup], full_quotes: bool, with_ids: bool = False
) -> Report:
    rows = []
    facts = [f for g in groups for f in g.facts]
    for group in groups:
        for fact in group.facts:
            region = fact.region + (f" · {fact.entity}" if fact.entity else "")
            if fact.compared_with:
                region += f" (vs {fact.compared_with})"
            rows.append(
                {
                    "period": fact.period.label + ("" if fact.period_stated else " (as of publication)"),
                    "region": region,
                    "value": stated_value(fact, metric),
                    "kind": fact.kind,
                    "source": source_label(kb, fact.source),
                    "agreement": _agreement(group, fact),
                    "quote": " ".join(fact.quote.split()) if full_quotes else excerpt(fact),
                    "id": fact.id,
                }
            )
    cols = [
        Column("period", "period", min_width=4),
        Column("region", "region", min_width=6),
        Column("value", "value", "right", min_width=8),
        Column("kind", "kind", wrap=False),
        Column("source", "source", min_width=10),
        Column("quote", "quote", aside=True, below=full_quotes),
    ]
    if any(r["agreement"] for r in rows):
        cols.insert(5, Column("agreement", "corroboration", min_width=10))
    if with_ids:
        cols.insert(0, Column("id", "fact"))
    sources = len({f.source for f in facts})
    footer = [
        f"{len(facts)} fact{'s' if len(facts) != 1 else ''} from {sources} source{'s' if sources != 1 else ''}"
        f" · unit: {metric.unit} · {metric.measure}"
    ]
    return Report(f"{metric.name} ({metric.id})", cols, rows, footer, cited_sources(kb, facts))


def show_json(kb: KnowledgeBase, metric: Metric, groups: list[FactGroup]) -> dict[str, Any]:
    return {
        "metric": {
            "id": metric.id,
            "name": metric.name,
            "unit": metric.unit,
            "measure": metric.measure,
            "description": metric.description,
            "aliases": list(metric.aliases),
        },
        "facts": [fact_json(kb, f) for g in groups for f in g.facts],
        "groups": [
            {"facts": [f.id for f in g.facts], "sources": list(g.sources), "agreement": g.agreement} for g in groups
        ],
    }


def show_chart(metric: Metric, groups: list[FactGroup], width: int = 40) -> Any:
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
            lines.append(Text(label + bar + " " + format_stated(fact.value, fact.qualifier, metric.unit)))
    lines.append(Text("▶… a lower bound (the value is larger) · ◀ an upper bound · ~ approximate"))
    return Group(*lines)


# --- compare ---------------------------------------------------------------------------------


def _side_text(side: Side | None, metric: Metric) -> str:
    return "—" if side is None else stated_value(side.used, metric)


def change_text(row: ComparisonRow) -> str:
    if row.change is None:
        return "—"
    if row.change_unit == "pp":
        return format_interval(row.change, "none", signed=True) + " pp"
    if row.change_unit == "places":
        return format_interval(row.change, "none", signed=True) + " places"
    if row.change_unit == "×":
        return format_interval(row.change, "none", signed=True) + "×"
    return format_interval(row.change, row.metric.unit, signed=True)


def percent_text(iv: Interval | None, signed: bool = True) -> str:
    return "—" if iv is None else format_interval(iv, "percent", signed=signed)


def compare_report(kb: KnowledgeBase, comparison: Comparison) -> Report:
    a, b = comparison.period_a.label, comparison.period_b.label
    rows = []
    facts: list[Fact] = []
    for row in comparison.rows:
        facts += [s.used for s in (row.a, row.b) if s is not None]
        region = row.region + (f" · {row.entity}" if row.entity else "")
        rows.append(
            {
                "metric": row.metric.id,
                "region": region,
                "kind": row.kind,
                "a": _side_text(row.a, row.metric),
                "b": _side_text(row.b, row.metric),
                "change": change_text(row),
                "relative": percent_text(row.relative),
                "cagr": percent_text(row.cagr),
                "sources": SEP.join(dict.fromkeys(s.used.source for s in (row.a, row.b) if s is not None)),
                "note": row.note,
            }
        )
    cols = [
        Column("metric", "metric", wrap=False),
        Column("region", "region"),
        Column("a", a, "right", min_width=8),
        Column("b", b, "right", min_width=8),
        Column("change", "change", "right", min_width=8),
        Column("relative", "change %", "right", wrap=False),
        Column("cagr", "CAGR", "right", wrap=False),
        Column("sources", "sources", cite=True, min_width=3),
        Column("note", "note", aside=True),
    ]
    if any(r["kind"] != "actual" for r in rows):
        cols.insert(2, Column("kind", "kind", wrap=False))
    footer = [
        f"{len(comparison.comparable)} metric(s) compared between {a} and {b}."
        " Shares and growth rates change in percentage points (pp); ≈ marks a figure derived from an"
        " approximate one; > and < mark bounds."
    ]
    return Report(f"Compare {a} with {b}", cols, rows, footer, cited_sources(kb, facts))


def _side_json(kb: KnowledgeBase, side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {
        "fact": fact_json(kb, side.used),
        "also_stated_by": [f.id for f in side.others],
        "agreement": FactGroup((side.used, *side.others)).agreement,
    }


def compare_json(kb: KnowledgeBase, comparison: Comparison) -> dict[str, Any]:
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
                "cagr_percent": interval_json(r.cagr),
                "note": r.note or None,
            }
            for r in comparison.rows
        ],
        "only_in_a": list(comparison.only_a),
        "only_in_b": list(comparison.only_b),
    }


# --- targets ---------------------------------------------------------------------------------


def outcome_text(v: TargetVerdict) -> str:
    if v.outcome is None:
        return "—"
    if v.projection is not None:
        return stated_value(v.projection.ytd, v.metric) + f" in {v.projection.ytd.period}"
    if v.derived:
        return format_interval(v.outcome, v.metric.unit)
    fact = v.outcome_facts[0]
    return stated_value(fact, v.metric)


def verdict_detail(v: TargetVerdict) -> str:
    parts = []
    p = v.projection
    if p is not None:
        unit = v.metric.unit
        parts.append(f"{plain((p.elapsed * 100).quantize(Decimal(1)))} % of period elapsed")
        parts.append(f"run rate → {format_interval(p.run_rate, unit)}")
        if p.seasonal is not None:
            parts.append(f"seasonal → {format_interval(p.seasonal, unit)} ({p.seasonal_basis})")
        if v.status != "met":
            parts.append(f"still needed {format_interval(p.needed, unit)}")
    if v.note:
        parts.append(v.note)
    return "; ".join(parts)


def status_text(v: TargetVerdict) -> str:
    return f"{v.status} (projected)" if v.projected else v.status


def targets_report(kb: KnowledgeBase, report: TargetReport) -> Report:
    rows = []
    facts: list[Fact] = []
    for v in report.verdicts:
        facts.append(v.target)
        facts.extend(v.outcome_facts)
        region = v.target.region + (f" · {v.target.entity}" if v.target.entity else "")
        rows.append(
            {
                "period": v.target.period.label,
                "region": region,
                "metric": v.metric.id,
                "target": stated_value(v.target, v.metric),
                "outcome": outcome_text(v),
                "of_target": ""
                if v.percent_of_target is None
                else percent_text(v.percent_of_target, signed=False)
                + (" of target so far" if v.projected else " of target"),
                "status": status_text(v),
                "sources": SEP.join(dict.fromkeys(f.source for f in (v.target, *v.outcome_facts))),
                "note": verdict_detail(v),
            }
        )
    cols = [
        Column("period", "period", min_width=4),
        Column("region", "region", join_to="period"),
        Column("metric", "metric", min_width=10),
        Column("target", "target", "right", min_width=8),
        Column("outcome", "outcome", "right", min_width=8),
        Column("of_target", "of target", "right", join_to="outcome"),
        Column("status", "status", min_width=8),
        Column("sources", "sources", cite=True, min_width=3),
        Column("note", "note", aside=True),
    ]
    counts = report.counts()
    summary = ", ".join(
        f"{n} {s}"
        for s, n in counts.items()
        if n or s in ("met", "missed", "on track", "off track", "no data", "pending")
    )
    year = f" for {report.year}" if report.year is not None else ""
    footer = [f"{len(report.verdicts)} target(s){year}, as of {report.as_of}: {summary}"]
    return Report(f"Targets{year} (as of {report.as_of})", cols, rows, footer, cited_sources(kb, facts))


def targets_json(kb: KnowledgeBase, report: TargetReport) -> dict[str, Any]:
    def projection(v: TargetVerdict) -> dict[str, Any] | None:
        p = v.projection
        if p is None:
            return None
        return {
            "ytd_fact": p.ytd.id,
            "ytd_period": p.ytd.period.label,
            "elapsed": float(p.elapsed),
            "run_rate": interval_json(p.run_rate),
            "seasonal": interval_json(p.seasonal),
            "seasonal_basis": p.seasonal_basis or None,
            "still_needed": interval_json(p.needed),
        }

    return {
        "as_of": report.as_of.isoformat(),
        "year": report.year,
        "targets": [
            {
                "target": fact_json(kb, v.target),
                "status": v.status,
                "projected": v.projected,
                "outcome": interval_json(v.outcome),
                "outcome_derived": v.derived,
                "outcome_facts": [f.id for f in v.outcome_facts],
                "percent_of_target": interval_json(v.percent_of_target),
                "projection": projection(v),
                "missing": list(v.missing),
                "note": v.note or None,
            }
            for v in report.verdicts
        ],
        "summary": report.counts(),
    }


def nothing_to_compare(comparison: Comparison) -> str:
    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(ids) if ids else "nothing"

    return (
        f"nothing to compare between {comparison.period_a} and {comparison.period_b}: "
        f"{comparison.period_a} has {names(comparison.only_a)}; {comparison.period_b} has {names(comparison.only_b)}"
    )


# --- coverage --------------------------------------------------------------------------------


def coverage_report(coverages: list[Any], details: bool) -> Report:
    """One row per source, or with details one row per number in the text."""
    if details:
        rows = [
            {
                "source": c.source.id,
                "line": str(m.line),
                "number": m.mention.text,
                "status": m.status,
                "by": ", ".join(m.by),
            }
            for c in coverages
            for m in c.mentions
        ]
        cols = [
            Column("source", "source", wrap=False),
            Column("line", "line", "right"),
            Column("number", "number", "right"),
            Column("status", "status", wrap=False),
            Column("by", "cited by / excluded because"),
        ]
        return Report("Numbers in the sources", cols, rows)
    rows = [
        {
            "source": c.source.id,
            "file": f"seeds/{c.source.file}",
            "mentions": str(len(c.mentions)),
            "cited": str(c.count("cited")),
            "excluded": str(c.count("excluded")),
            "missing": str(c.count("missing")),
            "covered": f"{plain(c.percent)} %",
        }
        for c in coverages
    ]
    cols = [
        Column("source", "source", wrap=False),
        Column("file", "file"),
        Column("mentions", "numbers", "right"),
        Column("cited", "cited", "right"),
        Column("excluded", "excluded", "right"),
        Column("missing", "missing", "right"),
        Column("covered", "covered", "right", wrap=False),
    ]
    footer = [
        f"missing: seeds/{c.source.file}:{m.line}: {m.mention.text!r}"
        for c in coverages
        for m in c.mentions
        if m.status == "missing"
    ]
    total = sum(len(c.mentions) for c in coverages)
    missing = sum(c.count("missing") for c in coverages)
    footer.append(
        f"{total - missing} of {total} numbers cited or excluded with a reason"
        " (years, dates and plan names are not counted as figures)"
    )
    return Report("Coverage of the sources by facts", cols, rows, footer)


def coverage_json(coverages: list[Any]) -> dict[str, Any]:
    return {
        "sources": [
            {
                "source": c.source.id,
                "file": f"seeds/{c.source.file}",
                "covered_percent": float(c.percent),
                "mentions": [
                    {
                        "line": m.line,
                        "text": m.mention.text,
                        "value": json_number(m.mention.value),
                        "status": m.status,
                        "by": list(m.by),
                    }
                    for m in c.mentions
                ],
            }
            for c in coverages
        ]
    }


# --- cite and search -------------------------------------------------------------------------


def cite_rich(citation: Any, marks: bool = False) -> Any:
    """The citation, then the quote in its paragraph: quote underlined, figure highlighted.

    With `marks` (plain output, where styles are lost) the figure is set between ⟦ and ⟧.
    """
    from rich.console import Group
    from rich.text import Text

    fact, s = citation.fact, citation.source
    metric_line = f"{fact.id} · {fact.metric} · {fact.region} · {fact.period} · {fact.kind}"
    lines = [Text(metric_line, style="bold")]
    by = f", {s.publisher}" if s.publisher else ""
    lines.append(Text(f"{s.title}{by}"))
    published = f"published {s.published}" + (
        f" (inferred: {' '.join(s.published_inferred.split())})" if s.published_inferred else ""
    )
    lines.append(Text(published))
    lines.append(Text(f"seeds/{s.file}, line {citation.line}"))
    flat = " ".join(citation.paragraph.split("\n"))
    span = citation.figure_span
    if marks and span is not None:
        paragraph = Text(flat[: span[0]] + "⟦" + flat[span[0] : span[1]] + "⟧" + flat[span[1] :])
    else:
        paragraph = Text(flat)
        paragraph.stylize("underline", *citation.quote_span)
        if span is not None:
            paragraph.stylize("bold reverse", *span)
    lines += [Text(""), paragraph]
    return Group(*lines)


def cite_json(kb: KnowledgeBase, citation: Any, footnote: str) -> dict[str, Any]:
    return {
        "fact": fact_json(kb, citation.fact),
        "file": f"seeds/{citation.source.file}",
        "line": citation.line,
        "paragraph": citation.paragraph,
        "quote_start": citation.quote_span[0],
        "quote_end": citation.quote_span[1],
        "figure": citation.figure,
        "figure_start": None if citation.figure_span is None else citation.figure_span[0],
        "figure_end": None if citation.figure_span is None else citation.figure_span[1],
        "footnote": footnote,
    }


def search_report(kb: KnowledgeBase, query: str, hits: list[tuple[int, Fact]]) -> Report:
    rows = []
    for score, fact in hits:
        metric = kb.metrics[fact.metric]
        rows.append(
            {
                "score": str(score),
                "id": fact.id,
                "period": fact.period.label,
                "region": fact.region + (f" · {fact.entity}" if fact.entity else ""),
                "value": stated_value(fact, metric),
                "source": fact.source,
                "quote": excerpt(fact),
            }
        )
    cols = [
        Column("score", "score", "right"),
        Column("id", "fact", min_width=12),
        Column("period", "period", min_width=4),
        Column("region", "region", min_width=6),
        Column("value", "value", "right", min_width=8),
        Column("source", "source", cite=True),
        Column("quote", "quote", aside=True),
    ]
    footer = [f"{len(hits)} fact(s) match '{query}'"]
    return Report(f"Search: {query}", cols, rows, footer, cited_sources(kb, [f for _, f in hits]))


def search_json(kb: KnowledgeBase, query: str, hits: list[tuple[int, Fact]]) -> dict[str, Any]:
    return {"query": query, "facts": [{"score": score, **fact_json(kb, fact)} for score, fact in hits]}
