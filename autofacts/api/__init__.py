"""The Python API: open a knowledge base and ask it what the CLI asks, as typed, frozen records.

The CLI is a layer over this module: `autofacts show`, `compare` and `targets` call `Base.show`,
`Base.compare` and `Base.targets` and render what they return, so a notebook gets the same answers
as the command line. Every question reads through the same store (the SQLite cache of parsed files
when it can be used, else the YAML) and the same query, compare and targets functions.

>>> import autofacts
>>> kb = autofacts.open()          # the bundled base; autofacts.open("my/facts") for your own
>>> shown = kb.show("nev-share", region="China", period=2024)
>>> fact = shown.facts[0]
>>> fact.value, fact.unit, fact.period.label, fact.source.id
(Decimal('40.9'), 'percent', '2024', 'fyp14-review')
>>> fact.source.quote[:47]
'Among these, the sales proportion of new energy'

The package: `base.py` (open, Base), `answers.py` (what the questions return), `arguments.py`
(periods, days, years and names as the CLI writes them). Each name is imported on first use, so
`autofacts show` loads only what it renders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autofacts.api.answers import Compared, Shown, Targets
    from autofacts.api.arguments import as_of_date, as_period, as_year
    from autofacts.api.base import Base, open  # noqa: A004

__all__ = ["Base", "Compared", "Shown", "Targets", "as_of_date", "as_period", "as_year", "open"]

_HOMES = {
    **dict.fromkeys(("Base", "open"), "base"),
    **dict.fromkeys(("Shown", "Compared", "Targets"), "answers"),
    **dict.fromkeys(("as_period", "as_of_date", "as_year"), "arguments"),
}


def __getattr__(name: str) -> object:
    """The API's names, each imported from its module on first use."""
    home = _HOMES.get(name)
    if home == "base":
        from autofacts.api import base

        return getattr(base, name)
    if home == "answers":
        from autofacts.api import answers

        return getattr(answers, name)
    if home == "arguments":
        from autofacts.api import arguments

        return getattr(arguments, name)
    raise AttributeError(f"module 'autofacts.api' has no attribute {name!r}")
