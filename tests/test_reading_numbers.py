"""Numbers as the press writes them: signs, declines as nouns, ranges, fractions, multiples, and what
is no figure at all. Sentences written for these tests; each value worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from autofacts.reading.extract import extract_candidates
from autofacts.reading.numbers import read_numbers
from autofacts.reading.text import figure_mentions


def values(text: str) -> list[tuple[D, str | None]]:
    return [(m.value, m.unit) for m in read_numbers(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Sales fell to 21,400 units, a 12.5% decline from a year earlier.",
            [(D(21_400), "vehicles"), (D("-12.5"), "percent")],
        ),
        ("a 9.1% year-over-year decrease", [(D("-9.1"), "percent")]),
        ("down 20% year over year and 4.4% month over month", [(D(-20), "percent"), (D("-4.4"), "percent")]),
        ("down 3% from the previous month and 1.2% compared with May", [(D(-3), "percent"), (D("-1.2"), "percent")]),
        # a rise after a fall keeps its own sign
        ("down 3% year on year but up 2% month on month", [(D(-3), "percent"), (D(2), "percent")]),
        ("Prices were cut by -2.5% overnight", [(D("-2.5"), "percent")]),
    ],
)
def test_signs(text: str, want: list[tuple[D, str | None]]) -> None:
    assert values(text) == want


def test_fractions() -> None:
    [m] = read_numbers("Exports made up one-third of the total.")
    assert (m.value.quantize(D("0.0001")), m.unit, m.text) == (D("33.3333"), "percent", "one-third")
    [m] = read_numbers("Two-thirds of buyers chose an EV.")
    assert m.value.quantize(D("0.0001")) == D("66.6667")
    [m] = read_numbers("A quarter of those polled said no.")
    assert m.value == D(25)
    # "a third" as an ordinal is no fraction
    assert [(m.value, m.unit) for m in read_numbers("for a third consecutive month")] == [(D(3), "ordinal")]


def test_multiples() -> None:
    # translated from 增长1.3倍: growth of 130 %
    assert values("NEV exports rose 1.3-fold.") == [(D("130.0"), "percent")]
    assert values("output was up 1.0-fold") == [(D("100.0"), "percent")]
    # a multiple not stated as growth stays a multiple
    assert values("a 3-fold gap") == [(D(3), "times")]


def test_ranges() -> None:
    [m] = read_numbers("Sales of 3.6-4 million vehicles are expected.")
    assert (m.value, m.upper, m.qualifier) == (D(3_600_000), D(4_000_000), "between")
    [m] = read_numbers("between 5 million and 5.5 million units")
    assert (m.value, m.upper) == (D(5_000_000), D(5_500_000))


@pytest.mark.parametrize(
    "text",
    [
        "Monday, 3 November 2025 09:12:40 (GMT+8)",
        "Chery, one of China's largest exporters, said so.",
    ],
)
def test_no_figure(kb, text: str) -> None:
    assert extract_candidates(text, kb, date(2025, 11, 3)) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Updated Nov 4 2025: the plant hired 300 people.", ["300"]),  # a date without the abbreviation's dot
        ("The iPhone 16 sold 2 million units.", ["2 million"]),  # a product's number is its name
        ("a production-four-door record of 90 seconds", ["90"]),  # a number word inside a compound word
        ("CO2 of 117g/km", ["117g"]),  # grams written onto the number
    ],
)
def test_names_and_dates_are_no_figures(text: str, want: list[str]) -> None:
    assert [m.text for m in figure_mentions(text)] == want


def test_per_cent_written_onto_the_number() -> None:
    # wire copy sometimes loses the space: "down 17per cent"
    assert values("sales fell, down 17per cent from a year earlier") == [(D(-17), "percent")]


def test_four_digits_after_of_are_a_figure_unless_a_year() -> None:
    # "of 2019" dates; "an average of 1500" and "sales of 5835 units" are figures
    assert [m.text for m in figure_mentions("prices rose by an average of 1500 in the quarter")] == ["1500"]
    assert [m.text for m in figure_mentions("a record with sales of 5835 units")] == ["5835"]
    assert figure_mentions("the plan of 2019") == []


def test_hyphenated_words_are_not_fractions_or_multiples() -> None:
    assert figure_mentions("flags flew at half-staff after double-digit losses") == []
    assert [m.text for m in figure_mentions("Posted 2019-09-01T10:38:07Z: 5 cars")] == ["5"]


def test_a_price_in_brackets_is_no_list_number() -> None:
    assert [m.text for m in figure_mentions("Total: $72,370 (base price: $59,995).")] == ["$72,370", "$59,995"]
    assert [m.text for m in figure_mentions("Steps: (2) expand sales")] == []
