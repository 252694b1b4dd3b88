"""Tables: a Report of plain-text rows -> a Rich table, CSV or Markdown.

What each command shows is built as a Report (answers.py, catalogues.py); this module turns any
Report into each tabular format. A renderer never prints and never exits: it returns text or a
Rich renderable, and cli.py decides where it goes. Every row carries its source so any answer can
be cited; Markdown adds the list of sources under the table, ready to paste into a report.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any, Literal

from autofacts.frozen import frozen
from autofacts.output.records import SourceNote
from autofacts.terminal import in_cell

SEP = ", "  # between source ids in a cited cell


@frozen
class Column:
    """One column of a report: the key of its cells in each row, its header, and how it is laid out."""

    key: str
    header: str
    justify: Literal["left", "right"] = "left"
    wrap: bool = True  # False for short labels that must never break across lines
    ident: bool = False  # ids or file names a reader copies into a command: never broken inside one
    cite: bool = False  # the cell lists source ids; on a terminal they become [n] references
    aside: bool = False  # long notes; on a terminal they go under the table, marked (a), (b) ...
    join_to: str | None = None  # on a terminal, shown on a second line of that column's cell
    join_narrow: str | None = None  # likewise (its header under that one's), only if ids would not fit otherwise
    join_label: bool = False  # a narrow join says its header in its cell ("aliases: ..."), as its text looks like an id
    below: bool = False  # an aside that always goes under the table (whole quotes)
    min_width: int | None = None
    short: str | None = None  # the key of the cell's compact form ("≈ 1.4 M"), shown on a terminal unless --wide
    in_heading: bool = False  # on a terminal whose report groups its rows, said in the group's heading


@frozen
class Report:
    """A table in a form every output format can render."""

    title: str
    columns: list[Column]
    rows: list[dict[str, str]]
    footer: list[str] = field(default_factory=list)
    sources: list[SourceNote] = field(default_factory=list)
    group_by: str | None = None  # a row key: on a terminal, rows sharing it go under one heading


# --- output formats --------------------------------------------------------------------------


def to_rich(report: Report, width: int = 120, wide: bool = False) -> Any:
    """A Rich renderable: the table (short forms unless `wide`), then its notes, footer and sources."""
    from autofacts.output.layout import render_report

    return render_report(report, width, wide)


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
