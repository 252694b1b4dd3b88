"""The output layer: every command's result rendered through one interface.

A command builds an `Answer` (answers.py for show, compare and targets; catalogues.py for check,
metrics, sources, coverage, search and cite; export.py for export) and cli.py asks it for one
format: `rich(width)` for a terminal, `chunks(fmt)` for text. Each format is built only when it is
asked for: table output never builds the JSON document, and JSON never lays out a table. The
records answers are made of (a fact, a source, a metric, an interval, a seed path) are built in
records.py, the tabular formats in table.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the formats are imported when used: `--help` and `--version` need none of them
    from autofacts.output.table import Report


class OutputFormat(str, Enum):
    """Every format some command writes; each command's --format offers its own subset."""

    table = "table"
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    yaml = "yaml"


class Answer:
    """A command's result, ready for any of its formats (pip-audit's `VulnerabilityFormat.format`).

    Most answers are a table and a JSON document: they define `table()` and `document()`, and get
    Rich, CSV, Markdown and JSON from them. An answer with other formats overrides `rich` or `chunks`.
    """

    def table(self) -> Report:
        raise NotImplementedError(f"{type(self).__name__} has no table")

    def document(self) -> dict[str, Any]:
        raise NotImplementedError(f"{type(self).__name__} has no JSON document")

    def rich(self, width: int, wide: bool = False) -> Any:
        """A Rich renderable for a terminal `width` columns wide (`wide`: full forms, not short ones)."""
        from autofacts.output.table import to_rich

        return to_rich(self.table(), width, wide)

    def chunks(self, fmt: OutputFormat) -> Iterator[str]:
        """The answer as text in `fmt`, in pieces (a large export is never whole in memory)."""
        from autofacts.output.records import dumps
        from autofacts.output.table import to_csv, to_markdown

        if fmt is OutputFormat.json:
            yield dumps(self.document())
        elif fmt is OutputFormat.csv:
            yield to_csv(self.table())
        elif fmt is OutputFormat.markdown:
            yield to_markdown(self.table())
        else:
            raise ValueError(f"{type(self).__name__} cannot be written as {fmt.value}")

    def text(self, fmt: OutputFormat) -> str:
        """The whole answer in `fmt` as one string (for tests and the report)."""
        return "".join(self.chunks(fmt))
