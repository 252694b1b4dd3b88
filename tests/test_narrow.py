"""A terminal too narrow for a table (30-40 columns): one record a block, never a word or a figure
cut in two ("Chin|a", "202|0" before); at 80 columns the same answer stays a table."""

from __future__ import annotations

import pytest

# The two NEV-sales facts of the bundled base (facts/*.yaml): 2025 China, over 16 million (actual,
# global-attention) and about 15.5 million (target, work-plan-2025).
RECORDS = """\

period: 2025
region: China
value: > 16 M
kind: actual
source: [1] (a)

period: 2025
region: China
value: ≈ 15.5 M
kind: target
source: [2] (b)

"""


@pytest.mark.parametrize("columns", ["30", "40"])
def test_a_narrow_terminal_shows_records(run, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = run("show", "nev-sales")
    assert result.exit_code == 0
    assert RECORDS in result.stdout
    assert all(len(line) <= int(columns) for line in result.stdout.splitlines())


def test_eighty_columns_keep_the_table(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = run("show", "nev-sales").stdout
    assert "period: 2025" not in out
    assert out.splitlines()[1].split() == ["period", "region", "value", "kind", "source"]
