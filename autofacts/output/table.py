"""Tables: a Report of plain-text rows -> a Rich table, CSV or Markdown.

What each command shows is built as a Report (answers.py, catalogues.py); this module turns any
Report into each tabular format. A renderer never prints and never exits: it returns text or a
Rich renderable, and cli.py decides where it goes. Every row carries its source so any answer can
be cited; Markdown adds the list of sources under the table, ready to paste into a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from autofacts.output.records import SourceNote
from autofacts.terminal import in_cell

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
    sources: list[SourceNote] = field(default_factory=list)


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
    for raw in report.rows:
        row = {key: in_cell(value) for key, value in raw.items()}  # the data's control characters, shown
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
        table = Table(title=in_cell(report.title), title_justify="left", show_lines=False, expand=False, pad_edge=False)
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
    parts.extend(Text(in_cell(line)) for line in report.footer)
    by_id = {s.id: s for s in report.sources}
    for source_id, n in refs.items():
        source = by_id.get(source_id)
        title = f"{source.title}, {source.published}, {source.file}" if source else ""
        parts.append(Text(in_cell(f"[{n}] {source_id}: {title}"), style="dim"))
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

    from autofacts.output.safe import csv_cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in report.columns])
    for row in report.rows:
        writer.writerow(["" if row.get(c.key) in (None, "—") else csv_cell(row[c.key]) for c in report.columns])
    return out.getvalue()


def to_markdown(report: Report) -> str:
    from autofacts.output.safe import markdown_text as md

    lines = [f"### {md(report.title)}", ""]
    lines.append("| " + " | ".join(md(c.header) for c in report.columns) + " |")
    lines.append("|" + "|".join("---:" if c.justify == "right" else "---" for c in report.columns) + "|")
    for row in report.rows:
        lines.append("| " + " | ".join(md(row.get(c.key, "")) for c in report.columns) + " |")
    if report.footer:
        lines.append("")
        lines.extend(md(line) for line in report.footer)
    if report.sources:
        lines += ["", "Sources:", ""]
        for s in report.sources:
            by = f", {md(s.publisher)}" if s.publisher else ""
            inferred = " (date inferred)" if s.inferred else ""
            file = s.file.replace("`", "'")
            lines.append(f"- **{md(s.id)}**: {md(s.title)}{by}, {md(str(s.published))}{inferred}. `{in_cell(file)}`")
    return "\n".join(lines) + "\n"
