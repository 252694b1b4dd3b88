"""Every query command's table at 80, 120 and 200 columns: no line wider than the terminal and no
word broken inside a cell ("vehicle / s", "nev-prod / uction"). Rich's width is pinned through
COLUMNS, as fastapi-cli does in its conftest.

A cell's line is a broken word when it ends in a letter or digit, the same column's next line starts
with one, and the two pieces glued together are text of the unwrapped output (the same command at
1,000 columns) while the two pieces with a space between are not, and are not both words of it:
"million / vehicles" is a wrap, "vehicle / s" a break, "1 / 1" two rows. A break after a hyphen
("nev- / production") is a wrap at a word boundary.
"""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

COMMANDS = [
    ["show", "nev-production"],
    ["show", "vehicle-production"],
    ["show", "nev-production", "--chart"],
    ["show", "nev-production", "--wide"],
    ["compare", "2020", "2024"],
    ["targets", "--year", "2025"],
    ["targets"],
    ["metrics"],
    ["sources"],
    ["coverage"],
    ["coverage", "--details"],
    ["search", "production"],
]
WIDTHS = [80, 120, 200]


def render(run, monkeypatch: pytest.MonkeyPatch, args: list[str], width: int) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def cell_columns(text: str) -> list[list[str]]:
    """Each column of each table, as the list of its lines in order. A table's header is underlined
    and its body closed by a rule of one dash run per column ("─────── ────── ────")."""
    lines = text.split("\n")
    rules = [i for i, line in enumerate(lines) if line.strip() and set(line.rstrip()) <= {"─", " "}]
    columns = []
    for top, bottom in zip(rules[::2], rules[1::2], strict=False):
        for run in re.finditer("─+", lines[top]):
            columns.append([by_cells(lines[i], run.start(), run.end()).strip() for i in range(top + 1, bottom)])
    return columns


def by_cells(line: str, start: int, end: int) -> str:
    """The characters of `line` between two terminal columns (a Chinese character takes two)."""
    out, at = [], 0
    for char in line:
        if start <= at < end:
            out.append(char)
        at += cell_len(char)
    return "".join(out)


def _chinese(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def broken_words(text: str, whole: str) -> list[str]:
    """Pieces of words split across two lines of one cell (see the module docstring)."""
    flat = " ".join(whole.split())
    words = set(flat.split())
    found = []
    for column in cell_columns(text):
        for upper, lower in zip(column, column[1:], strict=False):
            if not upper or not lower or not upper[-1].isalnum() or not lower[0].isalnum():
                continue
            if _chinese(upper[-1]) and _chinese(lower[0]):  # Chinese breaks between any two characters
                continue
            left, right = upper.split()[-1], lower.split()[0]
            if left + right in flat and f"{left} {right}" not in flat and not {left, right} <= words:
                found.append(f"{left} / {right}")
    return found


def table(*rows: tuple[str, str]) -> str:
    rule = "─" * 11 + " " + "─" * 12
    return "\n".join([rule, *(f"{a:<11} {b:>12}" for a, b in rows), rule])


def test_the_detector_sees_the_breaks_the_issue_reports() -> None:
    whole = "nev-production  ≈ +828.6 %  1.4 million vehicles"
    broken = table(("nev-prod", "1.4 million"), ("uction", "vehicle"), ("", "s"))
    assert broken_words(broken, whole) == ["nev-prod / uction", "vehicle / s"]
    wrapped = table(("nev-", "1.4"), ("production", "million"), ("", "vehicles"))
    assert broken_words(wrapped, whole) == []


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("width", WIDTHS)
def test_tables_fit_and_never_break_a_word(run, monkeypatch: pytest.MonkeyPatch, args: list[str], width: int) -> None:
    text = render(run, monkeypatch, args, width)
    whole = render(run, monkeypatch, args, 1000)
    too_wide = [line for line in text.split("\n") if cell_len(line) > width]
    assert too_wide == [], f"{len(too_wide)} lines wider than {width}: {too_wide[0]!r}"
    assert broken_words(text, whole) == []


def test_short_figures_on_a_terminal_full_ones_with_wide_and_markdown(run, monkeypatch: pytest.MonkeyPatch) -> None:
    short = render(run, monkeypatch, ["compare", "2020", "2024"], 80)
    # NEV production 2020 ≈ 1.4 M (1.33 M to 1.47 M) to 2024 "about 13 M" ∩ "over 13 M" = (13 M, 13.65 M]:
    # +11.53 M to +12.32 M, shown to three figures rounded outwards; too wide for 80 columns as a
    # table, so each row is written as a record; 13 M is excluded (over 13 M), and the change's lower
    # end with it (13 M minus at most 1.47 M), so both open ends say ">"
    assert "\n2024: > 13 M to 13.7 M †\nchange: > +11.5 M to +12.4 M\n" in short
    assert "\nChina\n" in short  # the region said once, as the heading of its rows
    wide = render(run, monkeypatch, ["compare", "2020", "2024", "--wide"], 200)
    # 13 / 1.47 - 1 = 784.35 %, 13.65 / 1.33 - 1 = 926.32 %; CAGR (13 / 1.47) ** (1/4) - 1 = 72.447 %,
    # (13.65 / 1.33) ** (1/4) - 1 = 78.986 %: the full forms, rounded outwards
    assert "≈ 1.4 million vehicles" in wide and "> +784.3 % to +926.4 %" in wide and "> +72.44 % to +78.99 %" in wide
    markdown = run("compare", "2020", "2024", "--format", "markdown").stdout
    assert (
        "| nev-production | China | ≈ 1.4 million vehicles | &gt; 13 million vehicles to 13.65 million vehicles † |"
        in markdown
    )
