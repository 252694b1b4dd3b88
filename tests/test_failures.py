"""Failure around the tool: nothing the user wrote is changed, concurrent writers, interruptions."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import autofacts.answers.query


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


COMMANDS = [
    ["check"],
    ["check", "--format", "json"],
    ["export"],
    ["export", "--format", "csv"],
    ["export", "--format", "yaml"],
    ["metrics"],
    ["sources"],
    ["show", "nev-share", "--chart"],
    ["compare", "2020", "2024", "--all"],
    ["targets"],
    ["coverage", "--details"],
    ["search", "chongqing"],
    ["cite", "cn-nev-share-2020"],
    ["extract", "seeds/004_866e1cad304b1c63.txt"],
]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_every_command_with_every_format_changes_nothing(run, kb_copy: Path, fmt: str) -> None:
    root = kb_copy.parent
    before = snapshot(root)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        for command in COMMANDS:
            args = [*command, "--facts", str(kb_copy)]
            if command[0] in ("show", "compare", "targets", "metrics", "sources", "coverage", "search"):
                args += ["--format", fmt]
            result = run(*args)
            assert result.exit_code == 0, (command, result.stderr)
            assert "Traceback" not in result.stdout + result.stderr
    finally:
        os.chdir(cwd)
    assert snapshot(root) == before


def test_read_only_knowledge_base(run, kb_copy: Path) -> None:
    for path in [kb_copy, *kb_copy.iterdir()]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        assert run("check", "--facts", str(kb_copy)).exit_code == 0
        assert run("targets", "--facts", str(kb_copy)).exit_code == 0
    finally:
        for path in [kb_copy, *kb_copy.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_two_extracts_racing_for_one_output(tmp_path: Path, kb) -> None:
    """Exactly one writer wins; the other refuses; the file is whole."""
    out = tmp_path / "candidates.yaml"
    seed = kb.seeds_dir / "004_866e1cad304b1c63.txt"
    argv = [sys.executable, "-m", "autofacts", "extract", str(seed), "--output", str(out)]
    procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert sorted(code for code, _ in results) == [0, 1, 1, 1]
    assert all("refusing to overwrite" in err for code, err in results if code == 1)
    single = subprocess.run(argv[:-2], capture_output=True, text=True, timeout=120).stdout
    assert out.read_text(encoding="utf-8") == single
    assert [p.name for p in tmp_path.iterdir()] == ["candidates.yaml"]


def test_interrupted_run_is_one_line(run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(autofacts.answers.query, "select_facts", interrupted)
    result = run("show", "nev-share")
    assert result.exit_code == 130 and result.stderr == "autofacts: interrupted\n"


def test_ctrl_c_while_the_arguments_are_parsed_is_one_line(run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C before the command's own error handling runs (Typer parsing the arguments): Typer
    turns it into a silent exit 130; it once left stderr empty (the start-up test's rare flake)."""
    from autofacts.cli.common import _click

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_click().core.Command, "parse_args", interrupted)
    result = run("show", "nev-share")
    assert result.exit_code == 130 and result.stderr == "autofacts: interrupted\n"


def test_debug_shows_the_traceback(run) -> None:
    result = run("--debug", "show", "nev-shar")
    assert result.exit_code != 0 and result.exception is not None  # raised, for the developer to see


def test_ctrl_c_while_starting_exits_130_in_one_line() -> None:
    """Ctrl-C in the first milliseconds (modules still importing) once printed a traceback and died by
    signal. The child says "ready" once the console script's module is imported, then is interrupted
    at moments spread over its start-up."""
    import signal
    import time

    code = "import sys; from autofacts.entry import main; sys.argv = ['autofacts', 'check']; print('ready', flush=True); main()"
    outcomes = set()
    for delay in (0.0, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1):
        child = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=120)
        if child.returncode == 0:  # finished before the signal came
            continue
        assert child.returncode == 130, (delay, child.returncode, err)
        assert err == "autofacts: interrupted\n", (delay, err)
        outcomes.add(delay)
    assert 0.0 in outcomes  # at least the earliest interruption landed during start-up


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show"], "Missing argument 'metric'"),
        (["show", "nev-share", "--bogus"], "No such option: --bogus"),
        (
            ["show", "nev-share", "-f", "xml"],
            "Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'csv', 'markdown'",
        ),
    ],
)
def test_click_usage_errors_take_one_line(run, argv: list[str], message: str) -> None:
    result = run(*argv)
    assert result.exit_code == 2
    assert result.stderr == f"autofacts: error[U000]: {message} (see `root show --help`)\n"


def test_a_value_holding_a_newline_keeps_the_error_on_one_line(run) -> None:
    result = run("show", "nev-share", "--region", "Chong\nqing\x1b]0;pwned\x07")
    assert result.exit_code == 2
    assert result.stderr == (
        "autofacts: error[U001]: unknown region 'Chong\\nqing\\x1b]0;pwned\\x07' — did you mean Chongqing?\n"
    )


@pytest.mark.parametrize(
    "env", [{"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "iso-8859-1"}, {"LC_ALL": "C", "PYTHONIOENCODING": ""}]
)
def test_an_output_encoding_without_unicode(env: dict[str, str]) -> None:
    """ "≈" and "—" cannot be written in ASCII or Latin-1: they come out as \\uXXXX escapes, so a
    table stays whole and JSON stays valid JSON with the same strings."""
    import json

    environ = {**os.environ, **env, "PYTHONUTF8": "0"}
    export = subprocess.run(
        [sys.executable, "-m", "autofacts", "export"], capture_output=True, env=environ, timeout=120
    )
    assert export.returncode == 0, export.stderr
    document = json.loads(export.stdout)
    utf8 = json.loads(
        subprocess.run([sys.executable, "-m", "autofacts", "export"], capture_output=True, timeout=120).stdout
    )
    assert document == utf8
    table = subprocess.run(
        [sys.executable, "-m", "autofacts", "show", "nev-share"], capture_output=True, env=environ, timeout=120
    )
    assert table.returncode == 0 and b"\\u2026energy vehicles increased from 5.4% in 2020" in table.stdout
