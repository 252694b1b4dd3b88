"""Periods: the spans of time a fact describes.

A period is written the way people write them in reports (`2024`, `2025-10`, `2025-Q3`,
`2025-H1`, `2025-08-31`, ranges `2025-01/2025-11`) and is kept as a closed range of days,
so that containment, overlap and length are plain date arithmetic.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from autofacts.errors import PeriodError
from autofacts.frozen import frozen

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_HALF = re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE)


@frozen(order=True)
class Period:
    """A closed range of days [start, end], with the label it was written as."""

    start: date
    end: date
    label: str

    @property
    def is_instant(self) -> bool:
        """A single day: the period of a stock ("by the end of August 2025")."""
        return self.start == self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def months(self) -> int:
        """Calendar months touched, first to last (11 for January to November)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def is_year(self) -> bool:
        return self.start.month == 1 and self.start.day == 1 and self.end == date(self.start.year, 12, 31)

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def same_span(self, other: Period) -> bool:
        return self.start == other.start and self.end == other.end

    def shifted_years(self, years: int) -> Period:
        """The same months a number of years earlier or later (for year-on-year figures)."""
        start = _replace_year(self.start, self.start.year + years)
        end = _replace_year(self.end, self.end.year + years)
        return Period(start, end, describe(start, end))

    def __str__(self) -> str:
        return self.label


def days_in_month(year: int, month: int) -> int:
    """(Not calendar.monthrange: importing calendar costs every command a few milliseconds.)"""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _replace_year(d: date, year: int) -> date:
    last = days_in_month(year, d.month)
    return date(year, d.month, min(d.day, last))


def _month_end(year: int, month: int) -> date:
    return date(year, month, days_in_month(year, month))


# Years a period may name. Arithmetic on periods reaches a year either side (the year before a
# target, a CAGR's span), which Python's dates cannot do at year 1 or 9999.
FIRST_YEAR, LAST_YEAR = 1000, 9998


def _parse_single(text: str) -> tuple[date, date]:
    """One period without a slash, as (first day, last day)."""
    start, end = _parse_days(text)
    if not FIRST_YEAR <= start.year <= end.year <= LAST_YEAR:
        raise PeriodError(f"invalid period '{text}': years run from {FIRST_YEAR} to {LAST_YEAR}")
    return start, end


def _parse_days(text: str) -> tuple[date, date]:
    try:
        if m := _YEAR.match(text):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
        if m := _MONTH.match(text):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo)
        if m := _DAY.match(text):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _QUARTER.match(text):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m := _HALF.match(text):
            y, h = int(m[1]), int(m[2])
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
    except ValueError as exc:  # month 13, day 31 of a 30-day month ...
        raise PeriodError(f"invalid period '{text}': {exc}") from None
    raise PeriodError(f"invalid period '{text}': expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or A/B")


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Parse a period label; raises PeriodError with the offending text. A Period is an immutable
    value, so the facts of one period share one (a large base has a few hundred periods)."""
    text = str(text).strip()
    if "/" in text:
        left, _, right = text.partition("/")
        if "/" in right:
            raise PeriodError(f"invalid period '{text}': a range has one '/'")
        if not left.strip() or not right.strip():
            raise PeriodError(f"invalid period '{text}': a range needs a period on each side of '/'")
        start, _ = _parse_single(left.strip())
        _, end = _parse_single(right.strip())
        if end < start:
            raise PeriodError(f"invalid period '{text}': the range runs backwards")
        return Period(start, end, text)
    start, end = _parse_single(text)
    return Period(start, end, text)


def parse_date(text: str) -> date:
    """A single day, for options such as --as-of."""
    text = str(text).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise PeriodError(f"invalid date '{text}': expected YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:  # the shape is right, the calendar is not: say which part
        year, month, day = (int(part) for part in text.split("-"))
        if not 1 <= month <= 12:
            raise PeriodError(f"invalid date '{text}': there is no month {month}") from None
        raise PeriodError(f"invalid date '{text}': {_MONTH_NAMES[month - 1]} {year} has no day {day}") from None


def describe(start: date, end: date) -> str:
    """The shortest label for a span of days (the inverse of parse_period)."""
    if start == end:
        return start.isoformat()
    whole_months = start.day == 1 and end == _month_end(end.year, end.month)
    if not whole_months:
        return f"{start.isoformat()}/{end.isoformat()}"
    if start.year == end.year and start.month == 1 and end.month == 12:
        return str(start.year)
    if start.year == end.year and start.month == end.month:
        return f"{start.year}-{start.month:02d}"
    if start.month == 1 and end.month == 12:
        return f"{start.year}/{end.year}"
    return f"{start.year}-{start.month:02d}/{end.year}-{end.month:02d}"


_MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def in_words(period: Period) -> str:
    """A period as a reader says it: "Jan–Nov 2025", "Oct 2025", "31 Aug 2025" (labels stay for input)."""
    start, end = period.start, period.end
    if period.is_instant:
        return f"{start.day} {_MONTH_NAMES[start.month - 1]} {start.year}"
    whole_months = start.day == 1 and end == _month_end(end.year, end.month)
    if not whole_months or period.is_year or start.year != end.year:
        return period.label
    first, last = _MONTH_NAMES[start.month - 1], _MONTH_NAMES[end.month - 1]
    return f"{first} {start.year}" if start.month == end.month else f"{first}–{last} {start.year}"


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))
