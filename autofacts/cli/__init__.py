"""The command line: a thin Typer layer over the library (one module per command group)."""

from autofacts.cli import base, curation, questions  # noqa: F401  (each registers its commands on app)
from autofacts.cli.app import app, run

__all__ = ["app", "run"]
