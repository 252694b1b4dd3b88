"""English press grammar that held-out articles tripped on: comparisons written "on-month", periods
of a quarter under way or dated by their comparison base, figures of other industries, segments
narrower than NEVs. Each sentence is composed for the test in the shape wire copy and industry
releases use; each expectation was worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from autofacts.reading.extract import extract_candidates
from autofacts.reading.periods import sentence_periods


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
    assert read(kb, text) == [
        (D(12_000_000), "nev-sales", "2025-01/2025-10"),
        (D(30), "nev-sales-growth", "2025-01/2025-10"),
    ]


# --- periods -------------------------------------------------------------------------------------


def test_between_two_months_of_this_year_is_the_span(kb) -> None:
    text = "Between January and October of this year, China's NEV exports totaled 2.1 million units."
    assert read(kb, text) == [(D(2_100_000), "nev-exports", "2025-01/2025-10")]


def test_abbreviated_months_with_their_dot_bound_a_span_of_days() -> None:
    # wire copy writes "Nov. 1"; the span was read as no period at all, and the figure took the month
    published = date(2022, 11, 30)
    assert [p.label for p in sentence_periods("Sales from Nov. 1 to Nov. 27 rose 7%.", published).own] == [
        "2022-11-01/2022-11-27"
    ]
    assert [p.label for p in sentence_periods("From Sept. 1 to 20, sales fell 2%.", published).own] == [
        "2022-09-01/2022-09-20"
    ]


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
    assert read(kb, "Sales of battery-powered cars rose 5 percent in November.") == [
        (D(5), "bev-sales-growth", "2025-11")
    ]
    # the catalogue has no BEV share: proposed, never filed as the NEV share
    [c] = extract_candidates("Pure EVs made up 30 percent of new car sales in November.", kb, date(2025, 12, 12))
    assert (c.metric, c.new_metric) == (None, "bev-share")


# --- changes in units ----------------------------------------------------------------------------


def test_a_count_that_changed_is_no_level(kb) -> None:
    # "increased by 120,000 units": how much sales changed, not what they were
    assert read(kb, "In October, vehicle sales increased by 120,000 units from September.") == [
        (D(120_000), None, "2025-10")
    ]
    assert read(kb, "In October, NEV exports were 35,000 units more than a year earlier.")[0][1] is None
    # a level reached after a change, and a level under a bound, stay levels
    assert read(kb, "In October, NEV exports rose 40% to 600,000 units.") == [
        (D(40), "nev-exports-growth", "2025-10"),
        (D(600_000), "nev-exports", "2025-10"),
    ]
    assert read(kb, "In 2024, vehicle production fell below 3 million units.")[0][1] == "vehicle-production"


# --- places --------------------------------------------------------------------------------------


def test_the_national_bodies_and_the_largest_car_market_are_china(kb) -> None:
    text = "Sales of new energy vehicles rose 5% in November, the CPCA said."
    assert [c.region for c in extract_candidates(text, kb, date(2025, 12, 12))] == ["China"]
    text = "Auto sales in the world's largest car market rose 3% in November."
    assert [c.region for c in extract_candidates(text, kb, date(2025, 12, 12))] == ["China"]


def test_a_mainland_dateline_places_the_figures_placed_nowhere_else_in_china(kb) -> None:
    text = "SHANGHAI, Dec 8 (Reuters) - Passenger car retail sales fell 3% in November.\nExports jumped 30% to 700,000 units."
    assert [c.region for c in extract_candidates(text, kb, date(2025, 12, 12))] == ["China", "China", "China"]
    # the city itself is no region, and a place named wins
    text = "BEIJING, Dec 8 (Xinhua) -- NEV sales in Europe rose 30% in November."
    assert [c.region for c in extract_candidates(text, kb, date(2025, 12, 12))] == ["Europe"]
    # no dateline: nothing to go on
    assert [c.region for c in extract_candidates("Exports jumped 30% in November.", kb, date(2025, 12, 12))] == [None]


def test_a_companys_figure_placed_by_the_market_or_the_making(kb) -> None:
    text = "Volkswagen's China sales fell 8% in the third quarter to 700,000 vehicles."
    assert [(c.entity, c.region) for c in extract_candidates(text, kb, date(2025, 12, 12))] == [
        ("Volkswagen", "China"),
        ("Volkswagen", "China"),
    ]
    # China-made cars, and those of them exported, are counted in China
    text = "Tesla sold 61,000 China-made vehicles in October, of which 28,000 were exported."
    assert [(c.metric, c.region) for c in extract_candidates(text, kb, date(2025, 12, 12))] == [
        ("vehicle-sales", "China"),
        ("vehicle-exports", "China"),
    ]
    # a company's figure placed nowhere is worldwide
    assert [c.region for c in extract_candidates("Tesla sold 61,000 vehicles in October.", kb, date(2025, 12, 12))] == [
        "World"
    ]


# --- whose figure --------------------------------------------------------------------------------


def test_the_company_after_an_opening_phrase_is_the_one_named_before(kb) -> None:
    text = "Nio delivered 40,000 vehicles in October. Last year, the company sold 220,000 cars."
    assert [(c.entity, c.period) for c in extract_candidates(text, kb, date(2025, 11, 3))] == [
        ("NIO", "2025-10"),
        ("NIO", "2024"),
    ]


# --- what is a figure ----------------------------------------------------------------------------


def test_one_in_five_is_a_fifth_and_the_first_time_is_no_rank(kb) -> None:
    [c] = extract_candidates("In October, one in five cars sold in China was exported.", kb, date(2025, 12, 12))
    assert (c.mention.value, c.mention.unit) == (D(20), "percent")
    text = "In October, NEV sales exceeded 1.5 million units for the first time."
    assert [c.mention.value for c in extract_candidates(text, kb, date(2025, 12, 12))] == [D(1_500_000)]
    # "ranked first" is still a rank
    [c] = extract_candidates("In 2024, China ranked first in vehicle exports.", kb, date(2025, 12, 12))
    assert (c.mention.value, c.mention.unit) == (D(1), "ordinal")


def test_released_data_for_a_month_dates_the_figures_after_it(kb) -> None:
    text = "CAAM released data on production and sales for July. China produced 84,000 new energy vehicles."
    assert read(kb, text, date(2020, 8, 12)) == [(D(84_000), "nev-production", "2020-07")]


# --- a paragraph going on ------------------------------------------------------------------------


def test_a_sentence_naming_no_measure_counts_what_its_paragraph_counted(kb) -> None:
    text = (
        "In September, vehicle exports were 80,000 units, up 10% than that of last month. "
        "By type, passenger cars reached 60,000 units, up 40% year on year."
    )
    assert read(kb, text, date(2025, 10, 20)) == [
        (D(80_000), "vehicle-exports", "2025-09"),
        (D(10), "vehicle-exports-mom-growth", "2025-09"),
        (D(60_000), "passenger-vehicle-exports", "2025-09"),
        (D(40), "passenger-vehicle-exports-growth", "2025-09"),
    ]
    # a new paragraph does not go on counting: the curator says what it counts
    text = "In September, vehicle exports were 80,000 units.\nIn 2026, passenger cars will reach 60,000 units."
    assert read(kb, text, date(2025, 10, 20))[1][1] is None


def test_comparing_with_a_period_makes_it_a_base_that_dates_nothing_after_it(kb) -> None:
    text = (
        "For the first nine months, vehicle exports reached 600,000 units. "
        "Growth was 1.7 percentage points higher comparing with the first eight months. "
        "Passenger cars reached 430,000 units."
    )
    assert [c.period for c in extract_candidates(text, kb, date(2025, 10, 20))] == [
        "2025-01/2025-09",
        "2025-01/2025-09",
        "2025-01/2025-09",
    ]


def test_a_text_naming_china_and_no_other_place_or_company_is_about_china(kb) -> None:
    text = "In September, vehicle exports were 80,000 units.\nThe data were compiled by CAAM."
    assert [c.region for c in extract_candidates(text, kb, date(2025, 10, 20))] == ["China"]
    # a company's text: its figures placed nowhere are not China's ("Sales rose 20%" goes on about Geely's)
    text = "Geely, one of China's carmakers, said NEV sales rose to 2.3 million units in 2025.\nSales rose 20%."
    found = [(c.region, c.entity) for c in extract_candidates(text, kb, date(2026, 1, 20))]
    assert found == [("World", "Geely"), ("World", "Geely")]


# --- kinds and owners ----------------------------------------------------------------------------


def test_estimated_to_have_totaled_and_preliminary_data_are_estimates(kb) -> None:
    text = "Passenger car retail sales are estimated to have totaled 2.1 million units in September."
    assert [c.kind for c in extract_candidates(text, kb, date(2025, 9, 23))] == ["estimate"]
    text = "Passenger car retail sales were 2.1 million units in August, according to preliminary data."
    assert [c.kind for c in extract_candidates(text, kb, date(2025, 9, 23))] == ["estimate"]
    # "estimated to reach" looks ahead
    text = "Passenger car retail sales are estimated to reach 23 million units in 2026."
    assert [c.kind for c in extract_candidates(text, kb, date(2025, 9, 23))] == ["forecast"]


def test_the_company_a_subject_rivals_does_not_own_its_figures(kb) -> None:
    text = "Xpeng rose 20% as the Tesla Inc. TSLA rival delivered 34,000 units in June."
    assert [c.entity for c in extract_candidates(text, kb, date(2025, 7, 1))] == ["XPeng", "XPeng"]


def test_a_place_describing_a_company_or_naming_an_exchange_is_no_region(kb) -> None:
    text = (
        "BYD sold 80,000 cars in September.\n"
        "In a filing with the Shenzhen Stock Exchange on Wednesday night, the Shenzhen-based company said "
        "its NEV sales rose 249 percent to 81,040 units in October."
    )
    got = [(c.entity, c.region) for c in extract_candidates(text, kb, date(2025, 11, 8))]
    assert got == [("BYD", "World"), ("BYD", "World"), ("BYD", "World")]


def test_a_place_opening_the_text_before_a_dash_is_a_dateline(kb) -> None:
    text = "Chongqing - On September 12, ministries set a target of 32.3 million vehicle sales for 2025."
    [c] = extract_candidates(text, kb, date(2025, 9, 12))
    assert (c.metric, c.region, c.period, c.kind) == ("vehicle-sales", "China", "2025", "target")


def test_the_remaining_months_run_to_december_and_an_average_per_month_is_no_total(kb) -> None:
    text = "NEV sales averaged 1.2 million units per month. They may reach 4.8 million units in the remaining four months of 2025."
    got = [(c.mention.value, c.metric, c.new_metric, c.period) for c in extract_candidates(text, kb, date(2025, 9, 12))]
    assert got == [
        (D(1_200_000), None, "nev-sales-monthly-average", None),
        (D(4_800_000), "nev-sales", None, "2025-09/2025-12"),
    ]


def test_an_unspaced_dash_ends_a_clause_and_nevs_are_no_company(kb) -> None:
    text = "At current rates—1.2 million NEVs sold per month—CAAM projects NEV sales of 4.8 million units in 2026."
    got = [(c.mention.value, c.metric, c.new_metric, c.entity) for c in extract_candidates(text, kb, date(2025, 9, 12))]
    assert got == [
        (D(1_200_000), None, "nev-sales-monthly-average", None),
        (D(4_800_000), "nev-sales", None, None),
    ]


def test_cumulative_sales_from_january_to_a_month_are_that_spans_sales(kb) -> None:
    text = "Cumulative vehicle sales from January to August totaled 21.13 million units, up 12.6% year on year."
    assert read(kb, text, date(2025, 9, 12)) == [
        (D(21_130_000), "vehicle-sales", "2025-01/2025-08"),
        (D("12.6"), "vehicle-sales-growth", "2025-01/2025-08"),
    ]


# --- a company's running totals ------------------------------------------------------------------


def test_a_companys_year_so_far_and_running_total_follow_the_month_it_spoke_of(kb) -> None:
    text = (
        "Last month, NIO delivered 7,000 cars, which is 5% more than a year ago. "
        "So far this year, NIO sold over 37,000 cars. "
        "Cumulatively, NIO has delivered 204,936 cars (its 200,000th car was produced on April 26), "
        "including over 95,000 in the past 12 months."
    )
    got = [(c.mention.value, c.metric, c.period, c.entity) for c in extract_candidates(text, kb, date(2022, 6, 1))]
    assert got == [
        (D(7_000), "vehicle-deliveries", "2022-05", "NIO"),
        (D(5), "vehicle-deliveries-growth", "2022-05", "NIO"),
        (D(37_000), "vehicle-sales", "2022-01/2022-05", "NIO"),
        # a running total: as of the end of the span spoken of
        (D(204_936), "cumulative-deliveries", "2022-05", "NIO"),
        # a milestone's place: no figure the catalogue files, dated by its own words
        (D(200_000), None, "2022-04-26", "NIO"),
        # its own span (the aside in brackets dates nothing outside it): the flow of those months
        (D(95_000), "vehicle-deliveries", "2021-06/2022-05", "NIO"),
    ]


def test_registrations_are_no_sales_and_a_hyphenated_per_cent_is_a_per_cent(kb) -> None:
    text = (
        "More than 5.19 million NEVs had been registered in China during the first three quarters, "
        "accounting for 28.6 percent of all new automobile registrations."
    )
    got = [(c.mention.value, c.metric, c.new_metric) for c in extract_candidates(text, kb, date(2025, 10, 11))]
    assert got == [(D(5_190_000), None, "nev-registrations"), (D("28.6"), None, "nev-registrations-share")]
    # "registered NEVs" are the stock on the road
    text = "As of the end of September, China had 18.21 million registered new energy vehicles on the road."
    assert read(kb, text, date(2025, 10, 11)) == [(D(18_210_000), "nev-ownership", "2025-09-30")]
    text = "In the first seven months, China's vehicle export volume registered a 74.1-percent increase."
    assert read(kb, text, date(2025, 8, 14)) == [(D("74.1"), "vehicle-exports-growth", "2025-01/2025-07")]


# --- segments set against each other -------------------------------------------------------------


def test_evs_set_against_plug_in_hybrids_are_battery_electric(kb) -> None:
    text = "In April, EV sales rose 12.1% from March, while PHEV sales jumped 64.2%."
    assert read(kb, text, date(2025, 5, 10)) == [
        (D("12.1"), "bev-sales-mom-growth", "2025-04"),
        (D("64.2"), "phev-sales-growth", "2025-04"),
    ]
    # alone, "electric vehicles" in the press are NEVs (the catalogue has no EV sales)
    assert read(kb, "In April, EV sales rose 12.1% on the month.", date(2025, 5, 10)) == [
        (D("12.1"), "nev-sales-mom-growth", "2025-04")
    ]


def test_a_new_subject_after_a_comma_and_vehicles_outperformed_are_not_the_figures(kb) -> None:
    text = "In November, sales of fully electric models rose 33%, hybrids fell 5.5%."
    got = [(c.mention.value, c.metric, c.new_metric) for c in extract_candidates(text, kb, date(2025, 12, 1))]
    assert got == [(D(33), "bev-sales-growth", None), (D("-5.5"), None, "hybrid-sales-growth")]
    text = "In July, NEVs continued to outperform gasoline cars, though their sales growth slowed to 12%."
    assert read(kb, text, date(2025, 8, 8)) == [(D(12), "nev-sales-growth", "2025-07")]


def test_suvs_are_no_coarser_segment_and_an_aside_names_no_segment(kb) -> None:
    [c] = extract_candidates("In October, sales of SUVs were down 8.3 per cent.", kb, date(2025, 11, 11))
    assert (c.metric, c.new_metric, c.mention.value) == (None, "suv-sales-growth", D("-8.3"))
    text = "Tesla, which makes Model Y sport-utility vehicles in Shanghai, sold 44,264 China-made vehicles in August."
    assert [(c.metric, c.region) for c in extract_candidates(text, kb, date(2025, 9, 12))] == [
        ("vehicle-sales", "China")
    ]


def test_declines_of_are_falls_and_on_the_month_is_month_on_month(kb) -> None:
    text = "Vehicle sales had risen 5.7% in March on the year, and jumped 53% on the month."
    assert read(kb, text, date(2025, 5, 10)) == [
        (D("5.7"), "vehicle-sales-growth", "2025-03"),
        (D(53), "vehicle-sales-mom-growth", "2025-03"),
    ]
    text = "Vehicle sales fell 4% in October, after declines of 5.2% in September and 6.9% in August."
    assert [c.mention.value for c in extract_candidates(text, kb, date(2025, 11, 11))] == [D(-4), D("-5.2"), D("-6.9")]


def test_the_first_half_of_a_month_is_no_half_year_and_a_base_figures_month_is_its_own(kb) -> None:
    text = "In April, NEVs accounted for 43.5% of total car sales, after passing 50% in the first half of April."
    assert [c.period for c in extract_candidates(text, kb, date(2025, 5, 10))][0] == "2025-04"
    text = "In April, EV sales rose to 12.1% from 10.5% in March, while PHEV sales jumped 64.2%."
    assert [(c.mention.value, c.period) for c in extract_candidates(text, kb, date(2025, 5, 10))] == [
        (D("12.1"), "2025-04"),
        (D("10.5"), "2025-03"),
        (D("64.2"), "2025-04"),
    ]


def test_an_annual_target_cut_to_a_new_figure_is_still_the_years(kb) -> None:
    text = "In September, BYD cut its annual target of 5.5 million vehicles to 4.6 million units."
    assert [(c.mention.value, c.period, c.kind) for c in extract_candidates(text, kb, date(2025, 12, 1))] == [
        (D(5_500_000), "2025", "target"),
        (D(4_600_000), "2025", "target"),
    ]


def test_international_sales_are_exports(kb) -> None:
    text = "BYD's international sales reached 131,935 units in November."
    assert [(c.metric, c.entity) for c in extract_candidates(text, kb, date(2025, 12, 1))] == [
        ("vehicle-exports", "BYD")
    ]


def test_a_count_followed_by_its_date_fits_vehicles_and_places_in_a_ranking_do_not(kb) -> None:
    text = "Cumulative sales of NEVs soared from 20,000 at the end of 2012 to 11.08 million at the end of May 2025."
    assert read(kb, text, date(2025, 6, 18)) == [
        (D(20_000), "nev-cumulative-sales", "2012"),
        (D(11_080_000), "nev-cumulative-sales", "2025-05-31"),
    ]
    text = "In 2024, six of the top 10 best-selling electric vehicles in the world were produced by Chinese carmakers."
    # "the top 10" is the ranking's length, no figure (as 排名前十的车企; nonfigures.py)
    assert read(kb, text, date(2025, 6, 18)) == [(D(6), None, "2024")]


def test_their_may_figures_date_the_companies_after_them_and_a_mark_passed_is_no_figure(kb) -> None:
    text = (
        "Li Auto, XPeng and Nio released their May delivery figures on Thursday. "
        "Li Auto witnessed a surge, reporting a year-on-year increase of 146% to 28,277 vehicles, "
        "the third time it has exceeded the 20,000 mark."
    )
    got = [(c.mention.value, c.metric, c.period, c.entity) for c in extract_candidates(text, kb, date(2023, 6, 1))]
    assert got == [
        (D(146), "vehicle-deliveries-growth", "2023-05", "Li Auto"),
        (D(28_277), "vehicle-deliveries", "2023-05", "Li Auto"),
        (D(20_000), None, "2023-05", "Li Auto"),
    ]
    # "sales may rise" is no month
    assert read(kb, "Analysts said NEV sales may rise 20% in 2026.", date(2025, 12, 1)) == [
        (D(20), "nev-sales-growth", "2026")
    ]


def test_a_forecasts_period_dates_the_next_forecast_of_its_paragraph(kb) -> None:
    text = (
        "The CPCA said retail sales of passenger cars are expected to be 1.86 million units in November. "
        "Among them, NEV retail sales are expected to be 600,000 units."
    )
    got = [(c.mention.value, c.metric, c.period, c.kind) for c in extract_candidates(text, kb, date(2022, 11, 25))]
    assert got == [
        (D(1_860_000), "passenger-vehicle-retail-sales", "2022-11", "forecast"),
        (D(600_000), "nev-retail-sales", "2022-11", "forecast"),
    ]
    # a new paragraph opening "Among them" still gives the parts of the forecast before: its period
    text = text.replace(". Among", ".\nAmong")
    assert [c.period for c in extract_candidates(text, kb, date(2022, 11, 25))] == ["2022-11", "2022-11"]
    # a new paragraph that does not refer back: no period to go on
    text = text.replace("Among them, NEV", "NEV")
    assert [c.period for c in extract_candidates(text, kb, date(2022, 11, 25))] == ["2022-11", None]


def test_its_deliveries_after_a_company_the_reader_does_not_know_are_left_to_the_curator(kb) -> None:
    text = "The startup Zorbo Motors had a strong month. Its delivery volume in November was 15,100 vehicles."
    [c] = extract_candidates(text, kb, date(2022, 12, 1))
    assert (c.entity, c.region, c.metric) == ("TODO", None, "vehicle-deliveries")
