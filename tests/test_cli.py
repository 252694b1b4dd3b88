"""The command line as a whole: help, version, exit codes, formats, the installed entry points."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from autofacts.cli import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]


def test_every_command_has_help_and_is_in_the_readme(run) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        result = run(name, "--help")
        assert result.exit_code == 0 and "Usage" in result.stdout, name
        assert f"autofacts {name}" in readme, f"README does not show `autofacts {name}`"


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0 and re.fullmatch(r"autofacts \d+\.\d+\.\d+\n", result.stdout)


@pytest.mark.parametrize(
    "command",
    [["show", "nev-share"], ["compare", "2020", "2024"], ["targets", "--year", "2025"], ["metrics"], ["sources"]],
)
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_every_command_with_every_format(run, command: list[str], fmt: str) -> None:
    result = run(*command, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    if fmt == "json":
        json.loads(result.stdout)
    if fmt == "markdown":
        assert result.stdout.startswith("### ")


def test_unknown_command_and_option_exit_2(run) -> None:
    assert run("shwo").exit_code == 2
    assert run("targets", "--yaer", "2025").exit_code == 2
    assert run("targets", "--year", "twenty").exit_code == 2


def test_env_var_selects_the_knowledge_base(run, kb_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import edit

    edit(kb_copy / "metrics.yaml", "name: NEV share of new vehicle sales", "name: Share of NEVs (copy)")
    monkeypatch.setenv("AUTOFACTS_FACTS", str(kb_copy))
    assert "Share of NEVs (copy)" in run("show", "nev-share").stdout
    # --facts wins over the variable
    monkeypatch.setenv("AUTOFACTS_FACTS", str(kb_copy.parent / "nowhere"))
    assert run("show", "nev-share", "--facts", str(kb_copy)).exit_code == 0
    assert run("show", "nev-share").exit_code == 1


def test_a_broken_knowledge_base_stops_queries_with_a_located_line(run, kb_copy: Path) -> None:
    from conftest import edit

    edit(kb_copy / "fyp14-review.yaml", "kind: actual", "kind: [actual")
    result = run("show", "nev-share", "--facts", str(kb_copy))
    assert result.exit_code == 1
    assert re.match(rf"autofacts: {re.escape(str(kb_copy))}/fyp14-review\.yaml:\d+:\d+: error\[E100\]", result.stderr)
    assert len(result.stderr.splitlines()) == 1


def _cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("AUTOFACTS_FACTS", None)
    return subprocess.run(
        [sys.executable, "-m", "autofacts", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_python_dash_m_from_another_directory(tmp_path: Path) -> None:
    result = _cli("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    piped = _cli("targets", "--year", "2025", cwd=tmp_path)
    assert piped.returncode == 0 and "\x1b[" not in piped.stdout and "met" in piped.stdout


def test_no_traceback_for_bad_input(tmp_path: Path) -> None:
    for args in (
        ["show", "nev-shar"],
        ["compare", "2025-13", "2024"],
        ["targets", "--as-of", "2025-02-30"],
        ["show", "nev-share", "--facts", str(tmp_path)],
    ):
        result = _cli(*args, cwd=tmp_path)
        assert result.returncode in (1, 2), args
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("targets", "--year", "25"), "autofacts: error[U002]: invalid year '25': a year has four digits, e.g. 2025"),
        (
            ("targets", "--year", "20250"),
            "autofacts: error[U002]: invalid year '20250': a year has four digits, e.g. 2025",
        ),
        (
            ("show", "nev-share", "--since", "2025", "--until", "2020"),
            "autofacts: error[U001]: --since 2025 is after --until 2020: no period lies in both",
        ),
        (
            ("show", "nev-share", "--since", "2025-06", "--until", "2025-03"),
            "autofacts: error[U001]: --since 2025-06 is after --until 2025-03: no period lies in both",
        ),
    ],
)
def test_impossible_filters_are_usage_errors(run, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == message + "\n"
