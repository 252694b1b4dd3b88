"""Rendering: a tabular Report -> Rich table, CSV or Markdown; facts and sources -> JSON.

What each command shows is built in views.py (show, compare, targets) and listings.py (the other
commands) as a Report of plain-text rows; this module turns any Report into each output format.
A renderer never prints and never exits: it returns text or a Rich renderable, and cli.py decides
where it goes. Every row carries its source so any answer can be cited; Markdown adds the list of
sources under the table, ready to paste into a report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from autofacts.model import Fact, KnowledgeBase, Metric, Source
from autofacts.units import format_stated, interval_json, json_number, plain

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


def _digits_at(text: str, value: Decimal) -> int | None:
    """Where the value's digits stand in the text ("2.54" of "2.54 million", "950,000"), if they do.

    A quick look that spares most table rows the full number reader (and its start-up cost)."""
    shapes = [f"{value:,}", plain(value)]
    for power in (12, 9, 6, 3):
        if abs(value) >= Decimal(10) ** power:
            shapes.append(plain(value / Decimal(10) ** power))
    for shape in shapes:
        at = text.find(shape)
        while at >= 0:
            before = text[at - 1 : at]
            after = text[at + len(shape) : at + len(shape) + 2]
            if not (before.isdigit() or before in ".,") and not (
                after[:1].isdigit() or after[:1] in ".," and after[1:].isdigit()
            ):
                return at + len(shape) // 2
            at = text.find(shape, at + 1)
    return None


def excerpt(fact: Fact, width: int = QUOTE_WIDTH) -> str:
    """The part of a fact's quote around its figure, so a shortened quote still shows the number."""
    text = " ".join(fact.quote.split())
    if len(text) <= width:
        return text
    middle = _digits_at(text, fact.value) if fact.value is not None else None
    if middle is None:
        from autofacts.numbers import read_numbers  # figures in words: "half", "doubling", "16th"

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
    return format_stated(fact.value, fact.qualifier, metric.unit, fact.upper)


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
    refs: dict[str, int] = {}
    asides: list[str] = []

    def cell(col: Column, text: str) -> str:
        if not col.cite:
            return text
        ids = [i for i in text.split(SEP) if i]
        return " ".join(f"[{refs.setdefault(i, len(refs) + 1)}]" for i in ids)

    rows = []
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
        rows.append(cells)

    # Figures and ids prefer one line and some width; on a terminal too narrow for that, Rich would
    # crop the table's right side, so first let them wrap, then let them fold anywhere.
    for level in ("roomy", "wrap", "fold"):
        table = Table(title=report.title, title_justify="left", show_lines=False, expand=False, pad_edge=False)
        for col in shown:
            table.add_column(
                col.header,
                justify=col.justify,
                no_wrap=not col.wrap and level == "roomy",
                overflow="fold",
                min_width=None if level == "fold" else col.min_width,
            )
        for cells in rows:
            table.add_row(*(Text(text, style=_status_style(col, text)) for col, text in zip(shown, cells, strict=True)))
        natural = sum(_natural_width(report, c) + 3 for c in shown) + 1
        if (level == "roomy" and natural <= width) or _minimum_width(table, width) <= width:
            break
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


def _minimum_width(table: Any, width: int) -> int:
    """The narrowest a Rich table can be drawn, as Rich measures it."""
    import io

    from rich.console import Console
    from rich.measure import Measurement

    console = Console(width=width, file=io.StringIO())
    # measured without the terminal's limit, which Rich would otherwise clamp the result to
    return Measurement.get(console, console.options.update_width(100_000), table).minimum


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
