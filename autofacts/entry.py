"""The console script: `--version` answered before the CLI (and Typer) is even imported."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from autofacts import __version__

        sys.stdout.write(f"autofacts {__version__}\n")
        return
    from autofacts.cli import app

    app()
