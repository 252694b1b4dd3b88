"""English news grammar beyond one phrase: kinds of comparison bases, forecast revisions, brand
groups, companies in asides, car models, capacities. Each sentence is written for the test in the
shape wire copy and carmakers' releases use; each expectation was worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from autofacts.reading.extract import extract_candidates
from autofacts.reading.lexicon import lexicon


def read(kb, text: str, published: date = date(2025, 12, 12)) -> list[tuple[D, str | None, str, str | None]]:
    """(value, metric, kind, period) of every candidate."""
    return [(c.mention.value, c.metric, c.kind, c.period) for c in extract_candidates(text, kb, published)]


def test_a_list_of_comparison_bases_is_actual_or_estimate_not_the_forecast(kb) -> None:
    # said in December 2020: this year's base is not final (an estimate), last year's is an outcome
    text = "The association expects to sell 1.8 million NEVs next year, up from 1.3 million this year and 1.2 million last year."
    assert read(kb, text, date(2020, 12, 12)) == [
        (D(1_800_000), "nev-sales", "forecast", "2021"),
        (D(1_300_000), "nev-sales", "estimate", "2020"),
        (D(1_200_000), "nev-sales", "actual", "2019"),
    ]


def test_a_brand_group_after_the_figure_and_carried_by_these_sales(kb) -> None:
    text = (
        "In October, about 1.2 million Chinese-brand passenger vehicles were sold in China. "
        "These sales accounted for 58.1 percent of all passenger vehicle sales."
    )
    assert read(kb, text) == [
        (D(1_200_000), "domestic-brand-passenger-vehicle-sales", "actual", "2025-10"),
        (D("58.1"), "domestic-brand-passenger-vehicle-share", "actual", "2025-10"),
    ]


def test_seat_counts_and_time_offsets_are_not_figures(kb) -> None:
    text = "In October, the share rose to 40.2 percent from one year earlier. The maker delivered 900 seven-seater SUVs."
    assert [c.mention.text for c in extract_candidates(text, kb, date(2025, 12, 12))] == ["40.2 percent", "900"]


def test_a_rival_named_in_an_aside_does_not_own_the_figure(kb) -> None:
    text = (
        "NIO delivered 10,000 vehicles in November. "
        "The carmaker, which competes with Tesla Inc (NASDAQ: TSLA) and Xpeng Inc, delivered 9,000 vehicles in October."
    )
    assert [c.entity for c in extract_candidates(text, kb, date(2025, 12, 12))] == ["NIO", "NIO"]


def test_guidance_is_a_forecast_and_looking_to_is_a_target(kb) -> None:
    text = "The company guided fourth-quarter deliveries of 30,000 vehicles. It is looking to deliver 150,000 vehicles next year."
    assert [(c.kind, c.period) for c in extract_candidates(text, kb, date(2025, 12, 1))] == [
        ("forecast", "2025-10/2025-12"),
        ("target", "2026"),
    ]


def test_production_a_year_is_capacity(kb) -> None:
    # a plant's yearly rate is a capacity; "from X to Y": X is where the change starts (an outcome)
    text = "Xpeng said in August it would expand production at its plant from 100,000 to 200,000 cars a year."
    assert read(kb, text) == [
        (D(100_000), "production-capacity", "actual", "2025-08"),
        (D(200_000), "production-capacity", "forecast", "2025-08"),
    ]
    # selling a number of cars a year is no capacity, nor is a yearly output target
    assert read(kb, "China sells 30 million cars a year.")[0][1] == "vehicle-sales"
    assert read(kb, "China aims to produce 30 million cars a year by 2030.")[0][1] == "vehicle-production"


def test_passenger_and_commercial_nev_sales_are_segments_of_a_body_type(kb) -> None:
    text = (
        "BYD sold 300,000 NEVs in May, with sales of 296,000 new energy passenger cars, up 12.5 percent from 263,111 "
        "units in April. BYD's new energy commercial vehicles sold 4,000 units in May."
    )
    assert read(kb, text)[1:4] == [
        (D(296_000), "passenger-nev-sales", "actual", "2025-05"),
        (D("12.5"), "passenger-nev-sales-mom-growth", "actual", "2025-05"),
        (D(263_111), "passenger-nev-sales", "actual", "2025-04"),
    ]
    assert read(kb, text)[4] == (D(4_000), "commercial-nev-sales", "actual", "2025-05")


def test_a_segment_word_inside_a_company_name_is_no_segment(kb) -> None:
    text = "Farizon New Energy Commercial Vehicle sold 52,000 units in 2024."
    assert read(kb, text) == [(D(52_000), "vehicle-sales", "actual", "2024")]


def test_a_company_list_goes_on_with_its_measure(kb) -> None:
    # "Its ... were N units" names no measure: the sales of the sentence before
    text = "BYD sold 100,000 BEVs in May. Its plug-in hybrids were 90,000 units, up 8 percent from 83,334 units in April."
    assert read(kb, text) == [
        (D(100_000), "bev-sales", "actual", "2025-05"),
        (D(90_000), "phev-sales", "actual", "2025-05"),
        (D(8), "phev-sales-mom-growth", "actual", "2025-05"),
        (D(83_334), "phev-sales", "actual", "2025-04"),
    ]


def test_a_month_on_month_base_may_be_in_gwh() -> None:
    # "from 8.952 GWh in March" names the month before: the comparison cue of a month-on-month change
    text = "Installations were 9.954 GWh, up 0.64 percent from 8.952 GWh in March."
    forms = [(c.key, text[c.start : c.end]) for c in lexicon("en").find(text) if c.kind == "form"]
    assert forms == [("mom", "from 8.952 GWh in March")]


def test_a_revision_of_a_forecast_is_proposed_never_filed_as_the_level(kb) -> None:
    text = (
        "The association expects passenger vehicle sales of 24 million units in 2026, "
        "up 200,000 units compared to the forecast it made in June."
    )
    got = [(c.mention.value, c.metric, c.new_metric) for c in extract_candidates(text, kb, date(2025, 12, 12))]
    assert got == [
        (D(24_000_000), "passenger-vehicle-sales", None),
        (D(200_000), None, "passenger-vehicle-sales-forecast-change"),
    ]


def test_the_lede_dates_the_month_and_a_look_back_dates_nothing_after_it(kb) -> None:
    text = (
        "XPeng said on Monday deliveries rose sharply in November. "
        "The company delivered 30,000 vehicles during the month. "
        "Deliveries previously hit a record in September, when it delivered 31,000 vehicles. "
        "XPeng delivered 12,000 G6 SUVs during the month."
    )
    got = [(c.mention.value, c.period, c.entity) for c in extract_candidates(text, kb, date(2025, 12, 1))]
    assert got == [
        (D(30_000), "2025-11", "XPeng"),
        (D(31_000), "2025-09", "XPeng"),
        (D(12_000), "2025-11", "XPeng G6"),
    ]


def test_a_car_model_named_with_the_figure_is_part_of_its_entity(kb) -> None:
    text = "NIO delivered 2,600 ES8 SUVs, 4,700 five-seater ES6s and 3,400 EC6 coupes in November."
    assert [c.entity for c in extract_candidates(text, kb, date(2025, 12, 1))] == ["NIO ES8", "NIO ES6", "NIO EC6"]
    # the model between the company and the figure, no other figure between them
    text = "Leapmotor began pre-sales of the B10 on March 10, with 15,010 pre-orders in one hour."
    assert [c.entity for c in extract_candidates(text, kb, date(2025, 4, 1))][0] == "Leapmotor B10"
    # a quarter is no model
    text = "NIO delivered 30,000 vehicles in Q3."
    assert [c.entity for c in extract_candidates(text, kb, date(2025, 12, 1))] == ["NIO"]


def test_an_ordinal_of_consecutive_years_at_the_top_is_a_run_not_a_rank(kb) -> None:
    text = "In 2024, China's NEV output and sales topped global rankings for the 10th consecutive year."
    assert read(kb, text) == [(D(10), "nev-global-lead-years", "actual", "2024")]
    text = "In 2024, China's vehicle production and sales ranked first globally for the 16th straight year."
    assert read(kb, text) == [
        (D(1), "vehicle-global-rank", "actual", "2024"),
        (D(16), "vehicle-global-lead-years", "actual", "2024"),
    ]


def test_within_the_group_refers_to_the_company_and_its_own_share_is_worldwide(kb) -> None:
    text = (
        "Geely Auto sold 3,000,000 vehicles in 2025. "
        "This pushed the NEV penetration rate within the group to 56% in 2025. "
        "Geely Auto has cumulatively delivered 12,000,000 vehicles as of December 31, 2025."
    )
    got = [(c.metric, c.region, c.entity) for c in extract_candidates(text, kb, date(2026, 1, 10))]
    assert got == [
        ("vehicle-sales", "World", "Geely Auto"),
        ("nev-share", "World", "Geely Auto"),
        ("cumulative-deliveries", "World", "Geely Auto"),
    ]


def test_the_same_period_last_month_is_month_on_month_and_lower_than_is_a_fall(kb) -> None:
    text = (
        "From March 1-16, China's retail sales of all passenger vehicles were 800,000 units, up 12 percent compared "
        "with the same period last year, but 25 percent lower than the same period last month."
    )
    assert read(kb, text) == [
        (D(800_000), "passenger-vehicle-retail-sales", "actual", "2025-03-01/2025-03-16"),
        (D(12), "passenger-vehicle-retail-sales-growth", "actual", "2025-03-01/2025-03-16"),
        (D(-25), "passenger-vehicle-retail-sales-mom-growth", "actual", "2025-03-01/2025-03-16"),
    ]


def test_the_current_year_up_to_a_day_and_the_given_month(kb) -> None:
    text = (
        "Passenger vehicle retail sales in China amounted to 2.1 million units in October, according to data released today. "
        "In the current year up to October 31, passenger vehicle retail sales amounted to 19.3 million units. "
        "In the given month, NEV retail sales totaled 1.2 million units."
    )
    assert read(kb, text, date(2025, 11, 10)) == [
        (D(2_100_000), "passenger-vehicle-retail-sales", "actual", "2025-10"),
        (D(19_300_000), "passenger-vehicle-retail-sales", "actual", "2025-01/2025-10"),
        (D(1_200_000), "nev-retail-sales", "actual", "2025-10"),
    ]
