"""A terminal too narrow for a table (30-40 columns): one record a block, never a word or a figure
cut in two ("Chin|a", "202|0" before); at 80 columns the same answer stays a table."""

from __future__ import annotations

import pytest

# The NEV-sales facts of the bundled base (facts/*.yaml): 2024 China, 12.866 million (actual, the
# ministry's release, miit-work-plan-qa); 2025 China, over 16 million (actual, global-attention); the
# 2025 goal of about 15.5 million as the ministry states it and as the explainer (work-plan-2025)
# restates it. The ministry is cited first, so it is [1].
RECORDS = """\

period: 2024
region: China
value: 12.866 M
kind: actual
source: [1]
agreement: (a)

period: 2025
region: China
value: > 16 M
kind: actual
source: [2]
agreement: (b)

period: 2025
region: China
value: ≈ 15.5 M
kind: target
source: [1]
agreement: restated by [3] (c)

period: 2025
region: China
value: ≈ 15.5 M
kind: target
source: [3]
agreement: restates [1] (d)

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
    assert out.splitlines()[1].split() == ["period", "region", "value", "kind", "source", "agreement"]
