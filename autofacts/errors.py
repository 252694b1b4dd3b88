"""Operational failures: one base exception, a few named kinds.

Problems *in the data* are not exceptions: they are `Problem` values collected by the loader and
the checker (see model.py). These exceptions are for what stops a command: bad arguments, a
missing knowledge base. Only cli.py turns them into a message and an exit status.
"""

from __future__ import annotations


class AutofactsError(Exception):
    """Base class; `exit_code` is what the CLI exits with."""

    exit_code = 1
    code = "E000"

    def __init__(self, message: str, location: str | None = None) -> None:
        super().__init__(message)
        self.location = location  # "file:line:col" of a problem in the knowledge base, said first


class UsageError(AutofactsError):
    """The user asked for something that does not exist or cannot be parsed."""

    exit_code = 2
    code = "U001"


class PeriodError(UsageError):
    """A period or date that does not parse."""

    code = "U002"


class UnknownMetricError(UsageError):
    """A metric name that matches no id, alias or unique prefix."""

    code = "U003"


class KnowledgeBaseError(AutofactsError):
    """The knowledge base cannot be read at all (missing folder, unreadable files)."""

    exit_code = 1
    code = "E001"


class QuoteNotFoundError(AutofactsError):
    """A fact's quote is not in its seed: the problem `check` reports as E120."""

    exit_code = 1
    code = "E120"


class SourceError(AutofactsError):
    """A document `add` cannot read: unreachable, not HTML, PDF or text, no text in it, too large."""

    exit_code = 1
    code = "E010"


class DataError(AutofactsError):
    """The knowledge base has problems (`autofacts check` lists them): no question is answered from it."""

    exit_code = 1
    code = "E006"

    def __init__(self, message: str, problems: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems
