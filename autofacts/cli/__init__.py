"""The command line: a thin Typer layer over the library, one module per command group.

Each group's module registers its commands on the Typer app (cli/common.py) when it is imported.
The console script runs one command, so `run` imports the module that defines it and no other
(`show` loads neither the exports of base.py nor the readers of curation.py); the main help, a
mistyped command and shell completion see every command. `autofacts.cli.app` is the app with every
command registered, for tests and tools.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from autofacts.cli.common import invoked

if TYPE_CHECKING:
    from autofacts.cli.common import app

__all__ = ["COMMANDS", "app", "run"]

# The module that defines each command (tests/test_startup.py checks it against the registrations).
COMMANDS = {
    **dict.fromkeys(("show", "compare", "targets", "cite", "search"), "questions"),
    **dict.fromkeys(("check", "export", "metrics", "sources", "report", "coverage"), "base"),
    **dict.fromkeys(("extract", "init", "add", "review"), "curation"),
    "completion": "common",
}


def _register(group: str) -> None:
    """Import the module of one command group, which registers its commands."""
    if group == "questions":
        from autofacts.cli import questions  # noqa: F401
    elif group == "base":
        from autofacts.cli import base  # noqa: F401
    elif group == "curation":
        from autofacts.cli import curation  # noqa: F401


def every_command() -> Any:
    """The Typer app with every command registered."""
    from autofacts.cli.common import app

    for group in ("base", "curation", "questions"):
        _register(group)
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return every_command()
    raise AttributeError(f"module 'autofacts.cli' has no attribute {name!r}")


def run(argv: Sequence[str]) -> None:
    """Run the CLI on `argv`. Typer turns every registered command's signature into Click
    parameters before it parses anything (5 ms for all of them); a known command is registered
    alone, from its own module, and run from an app holding that command alone, as Click's own
    lazily loaded groups do. Its help, errors and exit status are the same."""
    from autofacts.cli.common import app

    name = invoked(argv)
    group = COMMANDS.get(name) if name is not None else None
    if group is None:
        every_command()  # the main help, or a mistyped name and the names it may have meant
    else:
        _register(group)
    commands = [c for c in app.registered_commands if command_name(c) == name]
    chosen = app
    if commands:
        chosen = copy.copy(app)  # the app's other settings, its callback (the main options) included
        chosen.registered_commands = commands
    chosen(args=list(argv))


def command_name(command: Any) -> str:
    """A registered command's name as Typer derives it (`completion_script` is registered as `completion`)."""
    return str(command.name or command.callback.__name__.lower().replace("_", "-"))
