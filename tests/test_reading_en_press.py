"""English press grammar that held-out articles tripped on: comparisons written "on-month", periods
of a quarter under way or dated by their comparison base, figures of other industries, segments
narrower than NEVs. Each sentence is composed for the test in the shape wire copy and industry
releases use; each expectation was worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from autofacts.reading.extract import extract_candidates


def read(kb, text: str, published: date = date(2025, 12, 12)) -> list[tuple[D, str | None, str | None]]:
    """(value, metric, period) of every candidate."""
    return [(c.mention.value, c.metric, c.period) for c in extract_candidates(text, kb, published)]


# --- comparisons ---------------------------------------------------------------------------------


def test_on_month_and_on_year_name_their_comparison_and_a_fall_carries_along_the_list(kb) -> None:
    text = "China produced 84,000 new energy vehicles in July, down 37.2% on-month and 6.9% on-year."
    assert read(kb, text) == [
        (D(84_000), "nev-production", "2025-07"),
        (D("-37.2"), "nev-production-mom-growth", "2025-07"),
        (D("-6.9"), "nev-production-growth", "2025-07"),
    ]


def test_from_a_month_ago_is_month_on_month(kb) -> None:
    text = "Retail sales of passenger NEVs were 300,000 units in June, up 10 percent from a year ago but down 5 percent from a month ago."
    assert read(kb, text) == [
        (D(300_000), "nev-retail-sales", "2025-06"),
        (D(10), "nev-retail-sales-growth", "2025-06"),
        (D(-5), "nev-retail-sales-mom-growth", "2025-06"),
    ]


def test_per_cent_more_than_last_year_is_growth(kb) -> None:
    text = "In the first ten months, NEV sales were 12 million units, 30 percent more than last year."
    assert read(kb, text) == [(D(12_000_000), "nev-sales", "2025-01/2025-10"), (D(30), "nev-sales-growth", "2025-01/2025-10")]


# --- periods -------------------------------------------------------------------------------------


def test_between_two_months_of_this_year_is_the_span(kb) -> None:
    text = "Between January and October of this year, China's NEV exports totaled 2.1 million units."
    assert read(kb, text) == [(D(2_100_000), "nev-exports", "2025-01/2025-10")]


def test_a_quarter_under_way_at_publication_is_this_years(kb) -> None:
    text = "Nio expects to deliver between 40,000 and 43,000 vehicles in the fourth quarter."
    [c] = extract_candidates(text, kb, date(2025, 11, 3))
    assert (c.mention.value, c.mention.upper, c.period, c.kind) == (D(40_000), D(43_000), "2025-10/2025-12", "forecast")
    # said in January, the fourth quarter is over: last year's
    [c] = extract_candidates("Nio delivered 40,000 vehicles in the fourth quarter.", kb, date(2026, 1, 2))
    assert c.period == "2025-10/2025-12"


def test_a_period_without_its_year_is_the_year_after_the_same_period_it_is_compared_with(kb) -> None:
    text = "Vehicle sales in the first three quarters rose 15% compared with the same period of 2023."
    assert read(kb, text, date(2025, 11, 3)) == [(D(15), "vehicle-sales-growth", "2024-01/2024-09")]
    # a year written in the phrase stays
    text = "In October 2025, vehicle sales rose 15% from the same month of 2024."
    assert read(kb, text, date(2025, 11, 3)) == [(D(15), "vehicle-sales-growth", "2025-10")]


# --- what is counted -----------------------------------------------------------------------------


def test_figures_of_other_industries_have_no_vehicle_metric(kb) -> None:
    assert read(kb, "China's industrial output grew 4.8% in November.") == [(D("4.8"), None, "2025-11")]
    assert read(kb, "Retail sales of consumer goods rose 1.3% in November.") == [(D("1.3"), None, "2025-11")]
    assert read(kb, "Power battery installations rose 40% in November.") == [(D(40), None, "2025-11")]
    # battery-electric and fuel-cell vehicles are vehicles
    assert read(kb, "Sales of battery electric vehicles reached 400,000 units in November.") == [
        (D(400_000), "bev-sales", "2025-11")
    ]
    assert read(kb, "Battery electric vehicle sales rose 20% in November.") == [(D(20), "bev-sales-growth", "2025-11")]


def test_fuel_cell_and_extended_range_vehicles_are_no_coarser_segment(kb) -> None:
    [c] = extract_candidates("Fuel cell vehicle sales were 600 units in October.", kb, date(2025, 12, 12))
    assert (c.metric, c.new_metric) == (None, "fcev-sales")
    [c] = extract_candidates("Sales of extended-range electric vehicles reached 90,000 units.", kb, date(2025, 12, 12))
    assert (c.metric, c.new_metric) == (None, "erev-sales")


def test_battery_powered_cars_are_battery_electric_not_nevs(kb) -> None:
    assert read(kb, "Sales of battery-powered cars rose 5 percent in November.") == [(D(5), "bev-sales-growth", "2025-11")]
    # the catalogue has no BEV share: proposed, never filed as the NEV share
    [c] = extract_candidates("Pure EVs made up 30 percent of new car sales in November.", kb, date(2025, 12, 12))
    assert (c.metric, c.new_metric) == (None, "bev-share")
