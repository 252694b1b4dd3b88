"""The manual keeps its promises: every command output shown in README.md and docs/*.md is what the
commands print today (docs/refresh_readme.py --check re-runs them), and README stays a short page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_shown_outputs_are_what_the_commands_print() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "refresh_readme.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_is_short_and_links_the_manual() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    for page in ("commands", "knowledge-base", "growing-a-base", "errors-and-output", "benchmarks", "development"):
        assert f"(docs/{page}.md)" in readme
        assert (ROOT / "docs" / f"{page}.md").is_file()
