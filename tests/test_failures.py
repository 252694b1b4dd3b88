"""Failure around the tool: nothing the user wrote is changed, concurrent writers, interruptions."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import autofacts.query


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

    monkeypatch.setattr(autofacts.query, "select_facts", interrupted)
    result = run("show", "nev-share")
    assert result.exit_code == 130 and result.stderr == "autofacts: interrupted\n"


def test_debug_shows_the_traceback(run) -> None:
    result = run("--debug", "show", "nev-shar")
    assert result.exit_code != 0 and result.exception is not None  # raised, for the developer to see
