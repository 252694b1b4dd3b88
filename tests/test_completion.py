"""Shell completion offers the base's own metric ids, regions and years; `check` has table formats too."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autofacts.cli import completion
from tests.conftest import edit


def _complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash would be offered for the last word of `words` (Typer's bash protocol)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    done = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv[0] = 'autofacts'; from autofacts.entry import main; main()"],
        env={
            **os.environ,
            **(env or {}),
            "_AUTOFACTS_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(cword),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return [line for line in done.stdout.splitlines() if line]


def test_metric_ids_and_aliases_complete() -> None:
    offered = _complete("autofacts show nev-s")
    assert {"nev-sales", "nev-share", "nev-sales-growth", "nev-sales-share"} <= set(offered)
    assert all(o.startswith("nev-s") for o in offered)
    assert "vehicle-sales" in _complete("autofacts compare 2020 2024 --metric vehicle-s")


def test_regions_complete_as_the_base_spells_them() -> None:
    assert _complete("autofacts show nev-share --region Ch") == ["China", "Chongqing"]
    assert _complete("autofacts targets --region Gu") == ["Guangzhou"]


def test_years_complete_from_the_facts() -> None:
    # the bundled targets end in 2025 (the work plan, Chongqing's plans), 2026 and 2027
    assert _complete("autofacts targets --year ") == ["2025", "2026", "2027"]
    offered = _complete("autofacts compare 202")
    assert {"2020", "2024", "2025"} <= set(offered) and all(o.startswith("202") for o in offered)


def test_completion_reads_the_base_named_on_the_command_line(kb_copy: Path, tmp_path: Path) -> None:
    edit(kb_copy / "chongqing-number-one.yaml", "region: Chongqing", "region: Chongqing Municipality", count=-1)
    offered = _complete(
        f"autofacts --facts {kb_copy} show nev-share --region Cho", {"AUTOFACTS_CACHE_DIR": str(tmp_path)}
    )
    assert "Chongqing Municipality" in offered  # read from the copy, not the bundled base


def test_a_base_that_cannot_be_read_offers_nothing(tmp_path: Path) -> None:
    assert _complete(f"autofacts --facts {tmp_path / 'nowhere'} show nev") == []
    assert completion.metrics(None, "zzz") == []


def test_the_completion_script(run) -> None:
    result = run("completion", "bash")
    assert result.exit_code == 0
    assert "_AUTOFACTS_COMPLETE=complete_bash" in result.stdout and "complete " in result.stdout
    assert run("completion", "tcsh").exit_code == 2


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_check_takes_the_table_formats(run, kb_copy: Path, fmt: str) -> None:
    edit(kb_copy / "fyp14-review.yaml", "    value: 40.9", "    value: 40.9x")
    result = run("check", "--facts", str(kb_copy), "--format", fmt)
    assert result.exit_code == 1
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [(r["file"].endswith("fyp14-review.yaml"), r["code"]) for r in rows] == [(True, rows[0]["code"])]
        assert rows[0]["line"].isdigit() and "40.9x" in rows[0]["message"]
    else:
        assert result.stdout.startswith("### 1 error in 1 file")
        assert "| file | line | column | code | message |" in result.stdout
