"""Period labels as reports write them, parsed into day ranges."""

import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autofacts.errors import PeriodError
from autofacts.knowledge.periods import describe, parse_date, parse_period


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2025-10", date(2025, 10, 1), date(2025, 10, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-08-31", date(2025, 8, 31), date(2025, 8, 31)),
        ("2025-Q3", date(2025, 7, 1), date(2025, 9, 30)),
        ("2025-H1", date(2025, 1, 1), date(2025, 6, 30)),
        ("2025-01/2025-11", date(2025, 1, 1), date(2025, 11, 30)),
        ("2021/2025", date(2021, 1, 1), date(2025, 12, 31)),
    ],
)
def test_parse_period(label: str, start: date, end: date) -> None:
    period = parse_period(label)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize(
    "label", ["2025-13", "2025/2024", "2025-02-30", "25", "2025-Q5", "last year", "", "2024//2025"]
)
def test_malformed_periods_are_refused_with_the_text(label: str) -> None:
    with pytest.raises(PeriodError) as err:
        parse_period(label)
    assert repr(label)[1:-1] in str(err.value) or label == ""


def test_describe_inverts_parse() -> None:
    for label in ("2024", "2025-10", "2025-08-31", "2025-01/2025-11", "2021/2025"):
        p = parse_period(label)
        assert describe(p.start, p.end) == label


def test_shifted_years_keeps_the_months() -> None:
    p = parse_period("2025-01/2025-11").shifted_years(-1)
    assert p.label == "2024-01/2024-11"
    assert parse_period("2024-02-29").shifted_years(1).start == date(2025, 2, 28)


@given(st.text(max_size=30))
def test_parsing_never_raises_anything_but_period_error(text: str) -> None:
    with contextlib.suppress(PeriodError):
        parse_period(text)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
)
def test_ranges_run_forward_or_are_refused(a: date, b: date) -> None:
    label = f"{a.isoformat()}/{b.isoformat()}"
    if b < a:
        with pytest.raises(PeriodError):
            parse_period(label)
    else:
        p = parse_period(label)
        assert p.start <= p.end and p.days == (b - a).days + 1


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("2025-01/2025-11", "Jan–Nov 2025"),
        ("2025-10", "Oct 2025"),
        ("2025-08-31", "31 Aug 2025"),
        ("2024", "2024"),
        ("2021/2025", "2021/2025"),
        ("2025-Q3", "Jul–Sep 2025"),
    ],
)
def test_periods_in_words(label: str, words: str) -> None:
    from autofacts.knowledge.periods import in_words

    assert in_words(parse_period(label)) == words


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "invalid date '2025-02-30': Feb 2025 has no day 30"),
        ("2023-02-29", "invalid date '2023-02-29': Feb 2023 has no day 29"),
        ("2025-13-01", "invalid date '2025-13-01': there is no month 13"),
        ("2025-2-3", "invalid date '2025-2-3': expected YYYY-MM-DD"),
        ("20250203", "invalid date '20250203': expected YYYY-MM-DD"),
    ],
)
def test_a_bad_day_says_what_is_wrong_with_it(text: str, message: str) -> None:
    with pytest.raises(PeriodError) as raised:
        parse_date(text)
    assert str(raised.value) == message


def test_a_leap_day_is_a_day() -> None:
    assert parse_date(" 2024-02-29 ") == date(2024, 2, 29)
