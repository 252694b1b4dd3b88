"""Machine formats are UTF-8 data whatever the locale; terminal tables stay in line under ASCII."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

ASCII = {"LC_ALL": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}


def autofacts(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, **(env or {}), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "autofacts", *args], capture_output=True, env=environ, timeout=120)


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--format", "csv"),
        ("export", "--format", "yaml"),
        ("show", "nev-share", "--format", "markdown"),
        ("show", "nev-share", "--format", "csv"),
    ],
)
def test_machine_formats_are_utf8_under_an_ascii_locale(args: tuple[str, ...]) -> None:
    under_ascii = autofacts(*args, env=ASCII)
    assert under_ascii.returncode == 0, under_ascii.stderr
    # the same bytes as under a UTF-8 locale: no "\u2248" written as six characters of text
    assert under_ascii.stdout == autofacts(*args, env={"PYTHONIOENCODING": "utf-8"}).stdout
    assert b"\\u" not in under_ascii.stdout


def test_a_csv_cell_holds_the_chinese_quote_itself(zh_example) -> None:
    out = autofacts("show", "nev-share", "--format", "csv", "--facts", str(zh_example), env=ASCII)
    rows = list(csv.DictReader(io.StringIO(out.stdout.decode("utf-8"))))
    quotes = [r["quote"] for r in rows if r["source"].startswith("zh-2025-summary")]
    assert any(q.startswith("“十四五”期间，新能源汽车销量占比由2020年的5.4%") for q in quotes), quotes


def test_json_stays_json_under_an_ascii_locale() -> None:
    out = autofacts("show", "nev-share", "--format", "json", env=ASCII)
    assert out.returncode == 0
    assert json.loads(out.stdout) == json.loads(autofacts("show", "nev-share", "--format", "json").stdout)


def test_a_terminal_table_stays_in_line_under_ascii() -> None:
    out = autofacts("targets", env=ASCII)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode("ascii")
    assert "\\u2248 6 %" in text  # "≈ 6 %", shown as an escape
    ruled = [line for line in text.splitlines() if "|" in line]
    assert len(ruled) > 10
    # every row puts its column rules where the header does, escapes and all
    header = [i for i, c in enumerate(ruled[0]) if c == "|"]
    assert all([i for i, c in enumerate(line) if c == "|"] == header for line in ruled), text
