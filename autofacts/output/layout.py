"""Column widths and cell wrapping for terminal tables, so that no word is ever broken inside a cell.

Rich wraps a cell only at spaces and folds any longer word wherever the column ends: "vehicle / s",
"nev-prod / uction". Here a cell may break at a space or after a hyphen between letters
("manufacturing- / added-value-growth"), never inside a word. Each column is given at least its
longest unbreakable piece; the room left goes first to the columns that then fit on one line
(short labels such as a status), then to the rest in proportion to what they still lack, so a
wide terminal shows every cell on one line and a narrow one wraps only long text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rich.box import Box
from rich.cells import cell_len

from autofacts.terminal import for_terminal, in_cell

# A break is allowed after a hyphen that joins letters or digits to a letter: "nev-" | "production",
# "fyp14-" | "review"; never inside "2025-09" or between a minus sign and its number. Likewise after
# the slash of a path ("seeds/" | "000_5d12.txt"), but not inside a period ("2021/2025"), and after
# an underscore joining two words ("000_" | "5d12.txt"), and between Chinese characters, as Chinese
# text is set. Tested character by character rather than with a regular expression: compiling one
# with Unicode classes in look-behinds costs `show` 2 ms at start-up, longer than every table it lays out.
_JOINERS = frozenset("-/_")


def _chinese(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _breaks_before(before: str, joiner: str, after: str) -> bool:
    """May a line end between `joiner` and `after`, `before` being the character before `joiner`?
    (`isalnum` is a letter or digit, `isdecimal` a digit, as the classes \\w and \\d of `re` are.)"""
    if not before.isalnum():
        return False
    if joiner == "-":
        return after.isalnum() and not after.isdecimal()
    if joiner == "/":
        return not before.isdecimal() and (after.isalnum() or after == "_")
    return after.isalnum()  # "_"


def pieces(word: str) -> list[str]:
    """A word split where a line may end inside it (after joining hyphens)."""
    if word.isascii() and not _JOINERS.intersection(word):
        return [word] if word else []
    out, start = [], 0
    for i in range(1, len(word)):
        before, char = word[i - 1], word[i]
        if (before in _JOINERS and i >= 2 and _breaks_before(word[i - 2], before, char)) or (
            _chinese(before) and _chinese(char)
        ):
            out.append(word[start:i])
            start = i
    out.append(word[start:])
    return [p for p in out if p]


def _words(text: str, spaces: bool) -> list[str]:
    """What a cell's lines may break between: words, or with `spaces` False whole lines ("≈ +828.6 %")."""
    if spaces:
        return text.split()
    return [" ".join(line.split()) for line in text.split("\n")]


def shortest(text: str, spaces: bool = True, whole: bool = False) -> int:
    """The narrowest a cell can be without breaking a word: its longest unbreakable piece, or with
    `whole` its longest word (an id a reader copies into the next command is never split)."""
    return max((cell_len(p) for word in _words(text, spaces) for p in _pieces(word, whole)), default=0)


def _pieces(word: str, whole: bool) -> list[str]:
    """The word's pieces a line may end between, or with `whole` the word itself."""
    return ([word] if word else []) if whole else pieces(word)


def longest(text: str) -> int:
    """The width of a cell on one line per explicit line break."""
    return max((cell_len(" ".join(line.split())) for line in text.split("\n")), default=0)


def wrap(text: str, width: int, spaces: bool = True, whole: bool = False) -> list[str]:
    """`text` in lines of at most `width` cells, broken at spaces (unless `spaces` is False), else
    after joining hyphens (never with `whole`: ids and file names stay in one piece); a piece longer
    than the width (only when the columns cannot fit) is cut as a last resort."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in _words(paragraph, spaces):
            joined = f"{line} {word}" if line else word
            if cell_len(joined) <= width:
                line = joined
                continue
            if line and cell_len(word) <= width:  # the whole word on the next line
                lines.append(line)
                line = word
                continue
            for n, piece in enumerate(_pieces(word, whole)):  # too long for any line: break it at its hyphens
                glued = line + (" " if line and n == 0 else "") + piece
                if cell_len(glued) <= width:
                    line = glued
                    continue
                if line:
                    lines.append(line)
                while cell_len(piece) > width:
                    cut = _cut(piece, width)
                    lines.append(piece[:cut])
                    piece = piece[cut:]
                line = piece
        lines.append(line)
    return lines


def _cut(text: str, width: int) -> int:
    """How many characters of `text` fill `width` cells (at least one)."""
    used = 0
    for i, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return max(i, 1)
    return len(text)


def fit(minimum: Sequence[int], natural: Sequence[int], room: int) -> list[int] | None:
    """Column widths summing to at most `room`, each between its minimum and natural width, or None
    when even the minimums do not fit (the caller then shows less: notes under the table, short forms).

    The room above the minimums goes first to the columns a few cells short of one line (short
    labels never wrap while a long one could), then to the others by the square root of what they
    lack, so a long note gets more than a metric's name but the name is not squeezed to a word a line."""
    widths = [max(m, 1) for m in minimum]
    if sum(widths) > room:
        return None
    natural = [max(n, w) for n, w in zip(natural, widths, strict=True)]
    spare = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: natural[i] - widths[i]):
        need = natural[i] - widths[i]
        if need <= min(12, spare):  # cheap to put on one line: do it
            widths[i] += need
            spare -= need
    weights = [math.sqrt(natural[i] - widths[i]) for i in range(len(widths))]
    total = sum(weights)
    if total and spare:
        shares = [min(natural[i] - widths[i], int(spare * weights[i] / total)) for i in range(len(widths))]
        for i, share in enumerate(shares):
            widths[i] += share
        spare -= sum(shares)
        for i in sorted(range(len(widths)), key=lambda i: -weights[i]):  # what rounding or caps left over
            give = min(spare, natural[i] - widths[i])
            widths[i] += give
            spare -= give
    return widths


# --- a Report as a terminal table -----------------------------------------------------------

# Only the header's underline and a closing rule, as hledger draws its reports: no vertical lines,
# so that each column costs two characters of spacing rather than three of box.
RULES = Box("    \n    \n ─  \n    \n    \n    \n    \n    \n")


def _letter(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: marks for notes under a table."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def _layout(report: Any, width: int, wide: bool, asides_below: bool, narrow: bool = False) -> tuple[Any, ...] | None:
    """The shown columns, their cells and widths, the notes and the source marks; None if the
    table cannot fit `width` without breaking a word or an id. With `narrow`, the columns that have
    a `join_narrow` go on further lines of that column's cells (their header under its header),
    to leave room for ids, which are never broken."""
    group = getattr(report, "group_by", None)

    def join(c: Any) -> str | None:
        return c.join_to or (c.join_narrow if narrow else None)

    columns = [
        c
        for c in report.columns
        if join(c) is None and not (group and c.in_heading) and not ((asides_below or c.below) and c.aside)
    ]
    shown = {c.key for c in columns}
    joined = [c for c in report.columns if join(c) in shown]
    if narrow:  # a cell holding a joined id keeps it whole; an unlabelled join is named in the header
        columns = [_host(c, [j for j in joined if j.join_to is None and j.join_narrow == c.key]) for c in columns]
    moved = [c for c in report.columns if c.aside and (c.below or asides_below)]
    refs: dict[str, int] = {}
    notes: list[str] = []

    known = {s.id for s in report.sources}

    def mark(source_id: str) -> str:
        return f"[{refs.setdefault(source_id, len(refs) + 1)}]" if source_id in known else source_id

    def text(col: Any, row: dict[str, str]) -> str:
        short = col.short if col.short and (col.cite or not wide) and row.get(col.short) else None
        # the data's control characters shown, never obeyed; a short form's own line breaks kept
        value = "\n".join(for_terminal(in_cell(line)) for line in row.get(short or col.key, "").split("\n"))
        if col.cite and value:  # "fyp14-review, xinhua-icv-plan" or "agrees: xinhua-icv-plan": [1] [2]
            return "; ".join(cite(part) for part in value.split("; "))  # "agrees: A; restated by: B"
        return value

    def cite(value: str) -> str:
        prefix, _, listed = value.rpartition(": ")
        marks = " ".join(mark(i) for i in listed.split(", ") if i)
        return f"{prefix} {marks}" if prefix else marks

    # a note's mark goes after the last column's cell, or in the cell a narrow layout joined it to
    last = [c for c in report.columns if c.key in shown or c in joined][-1] if columns else None
    host = next((i for i, c in enumerate(columns) if narrow and last and c.key == join(last)), len(columns) - 1)
    rows = []
    for row in report.rows:
        cells = [text(c, row) for c in columns]
        for col in joined:
            extra = text(col, row)
            if extra:
                at = next(i for i, c in enumerate(columns) if c.key == join(col))
                label = f"{col.header}: " if col.join_label and col.join_to is None else ""  # "aliases: ..."
                cells[at] = f"{cells[at]}\n{label}{extra}" if cells[at] or not label else label + extra
        for col in moved:
            if row.get(col.key):
                notes.append(row[col.key])
                cells[host] = f"{cells[host]} ({_letter(len(notes))})".strip()
        rows.append(cells)
    minimum, natural = [], []
    for i, col in enumerate(columns):
        cells = [r[i] for r in rows]
        minimum.append(max([shortest(col.header), *(shortest(c, col.wrap, col.ident) for c in cells)]))
        natural.append(max([longest(col.header), *(longest(c) for c in cells)]))
    room = width - 2 * len(columns) + 1  # a space of padding after each column, and one between columns
    widths = fit(minimum, natural, room)
    if widths is None:
        return None
    # a text column moved in from under the table must get room to be read, or it goes back under
    if any(c.aside and w < min(natural[i], 40) for i, (c, w) in enumerate(zip(columns, widths, strict=True))):
        return None
    return columns, rows, widths, notes, refs, [row.get(group, "") if group else "" for row in report.rows]


def _host(column: Any, guests: list[Any]) -> Any:
    """A column with the columns a narrow layout joins into it: "fact" over "source"."""
    if not guests:
        return column
    header = "\n".join([column.header, *(g.header for g in guests if not g.join_label)])
    return replace(column, header=header, ident=column.ident or any(g.ident for g in guests))


def render_report(report: Any, width: int, wide: bool = False) -> Any:
    """A Report as Rich renderables: title, table, a closing rule, notes (a), (b) ..., footer lines and
    the sources [1], [2] ... the table's marks stand for. Long text columns (quotes, notes) stay in
    the table when the terminal has room for them and go under it when it has not."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    group = getattr(report, "group_by", None)
    if group:  # rows of one group together, in the order groups first appear, so a heading is said once
        order = {g: i for i, g in enumerate(dict.fromkeys(row.get(group, "") for row in report.rows))}
        report = replace(report, rows=sorted(report.rows, key=lambda row: order[row.get(group, "")]))
    layout = (
        _layout(report, width, wide, asides_below=False)
        or _layout(report, width, wide, asides_below=True)
        or _layout(report, width, wide, asides_below=True, narrow=True)
    )
    if layout is None:  # no table fits without breaking a word or an id (60 columns for long ids): one record a block
        layout = _layout(report, 10_000, wide, asides_below=True)
        assert layout is not None
        return _records(report, layout, width)
    columns, rows, widths, notes, refs, groups = layout

    def table(cells: list[list[str]], header: bool) -> Any:
        drawn = Table(
            box=RULES,
            show_edge=False,
            show_header=header,
            pad_edge=True,
            padding=(0, 1, 0, 0),
            expand=False,
            header_style="bold",
        )
        for col, w in zip(columns, widths, strict=True):
            drawn.add_column(
                "\n".join(wrap(col.header, w)), justify=col.justify, width=w, no_wrap=True, overflow="fold"
            )
        for row in cells:
            drawn.add_row(
                *(
                    Text("\n".join(wrap(cell, w, col.wrap, col.ident)), style=status_style(col.key, cell))
                    for col, cell, w in zip(columns, row, widths, strict=True)
                )
            )
        return drawn

    parts: list[Any] = []
    if report.title:
        parts.append(Text(in_cell(report.title), style="bold"))
    # rows of one group (a region, a period) under its heading, said once rather than on every row
    start = 0
    for end in range(1, len(rows) + 1):
        if end == len(rows) or groups[end] != groups[start]:
            if groups[start]:
                if start == 0:
                    parts.append(table([], True))
                parts.append(Text(in_cell(groups[start]), style="bold italic"))
            parts.append(table(rows[start:end], start == 0 and not groups[start]))
            start = end
    if not rows:
        parts.append(table([], True))
    parts.append(Text(" ".join("─" * (w + 1) for w in widths).rstrip()))
    parts += [Text(_fold_wide(f"({_letter(n + 1)}) {in_cell(note)}", width)) for n, note in enumerate(notes)]
    parts += [Text(in_cell(line)) for line in report.footer]
    by_id = {s.id: s for s in report.sources}
    for source_id, n in refs.items():
        source = by_id.get(source_id)
        title = f"{source.title}, {source.published}, {source.file}" if source else ""
        parts.append(Text(in_cell(f"[{n}] {source_id}: {title}"), style="dim"))
    return Group(*parts)


def _records(report: Any, layout: tuple[Any, ...], width: int) -> Any:
    """The report as blocks of "header: value" lines, one block a row, for a terminal too narrow for
    its table: Rich wraps each line at spaces, so a figure or a word is never cut in two."""
    from rich.console import Group
    from rich.text import Text

    columns, rows, _, notes, refs, groups = layout
    parts: list[Any] = [Text(in_cell(report.title), style="bold")] if report.title else []
    heading = ""
    for row, group in zip(rows, groups, strict=True):
        if group and group != heading:
            parts.append(Text(in_cell(group), style="bold italic"))
            heading = group
        parts.append(Text(""))
        for col, cell in zip(columns, row, strict=True):
            if cell:
                line = Text(f"{in_cell(col.header) or col.key}: ", style="bold")
                line.append(" ".join(cell.split()), style=status_style(col.key, cell))
                parts.append(line)
    parts.append(Text(""))
    parts += [Text(_fold_wide(f"({_letter(n + 1)}) {in_cell(note)}", width)) for n, note in enumerate(notes)]
    parts += [Text(in_cell(line)) for line in report.footer]
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


def status_style(key: str, text: str) -> str:
    """Verdicts in colour (dropped by Rich under NO_COLOR or when piped)."""
    if key != "status":
        return ""
    return next((style for status, style in _STATUS_STYLES.items() if text.startswith(status)), "")


def _fold_wide(text: str, width: int) -> str:
    """Text with Chinese characters broken into lines of `width` columns.

    Rich breaks lines only at spaces, so a Chinese quote (which has none) would leave its mark
    "(b)" alone on a line; text without wide characters is left to Rich's wrapping."""
    if cell_len(text) == len(text) or width < 2:
        return text
    lines, line, used = [], "", 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    return "\n".join([*lines, line])
