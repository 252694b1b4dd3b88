"""The Python API's arguments as the CLI writes them: a period ("2024", "2025-10", or a year as an
int), an as-of day, a year, one name or several."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from autofacts.errors import UsageError

if TYPE_CHECKING:
    from autofacts.knowledge.periods import Period


def as_period(value: str | int | Period) -> Period:
    """A period as the CLI writes it ("2024", "2025-10", "2025-01/2025-11"), or a year as an int."""
    from autofacts.knowledge.periods import Period, parse_period

    return value if isinstance(value, Period) else parse_period(str(value))


def as_of_date(value: str | date | None, today: date | None = None) -> date | None:
    """An as-of day (YYYY-MM-DD or a date); a day after today is refused: nothing is published yet."""
    from autofacts.knowledge.periods import parse_date

    if value is None:
        return None
    day = value if isinstance(value, date) else parse_date(value)
    today = today or date.today()
    if day > today:
        raise UsageError(f"--as-of {value} is in the future (today is {today})")
    return day


def as_year(year: int | None) -> int | None:
    """A year is a calendar year written with four digits: 25 is not 2025."""
    if year is not None and not 1000 <= year <= 9999:
        from autofacts.errors import PeriodError

        raise PeriodError(f"invalid year '{year}': a year has four digits, e.g. 2025")
    return year


def as_names(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)
