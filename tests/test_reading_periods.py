"""The period each figure of an English news sentence gets: sentences written for these tests in the
manner of wire copy; every expected label was worked out by hand from the publication date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from autofacts.reading.extract import extract_candidates
from autofacts.reading.periods import sentence_periods

PUBLISHED = date(2025, 12, 12)


def periods(kb, text: str, published: date = PUBLISHED) -> list[tuple[D, str | None]]:
    return [(c.mention.value, c.period) for c in extract_candidates(text, kb, published)]


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("In the January-October period this year, output came to 2.1 million units.", "2025-01/2025-10"),
        ("In October this year, output came to 2.1 million units.", "2025-10"),
        ("In October last year, output came to 2.1 million units.", "2024-10"),
        ("In the first 10 months, output came to 2.1 million units.", "2025-01/2025-10"),
        ("Over the first ten months of the year, output came to 2.1 million units.", "2025-01/2025-10"),
        ("From January through October, output came to 2.1 million units.", "2025-01/2025-10"),
        ("From September 1 to 14, retail sales came to 2.1 million units.", "2025-09-01/2025-09-14"),
        ("In September 1-14, retail sales came to 2.1 million units.", "2025-09-01/2025-09-14"),
        ("The fleet reached 2.1 million units by the end of June.", "2025-06-30"),
        ("The fleet reached 2.1 million units as of October 31, 2025.", "2025-10-31"),
        ("In the third quarter, output came to 2.1 million units.", "2025-07/2025-09"),
        ("Q1 deliveries came to 2.1 million units.", "2025-01/2025-03"),
        ("The company guided fourth-quarter output of 2.1 million units.", "2025-10/2025-12"),
        ("Output came to 2.1 million units in the first six months.", "2025-01/2025-06"),
        ("Output came to 2.1 million units in Q2 2024.", "2024-04/2024-06"),
        ("October exports slipped to 2.1 million units.", "2025-10"),
        ("Output came to 2.1 million units in the first half.", "2025-01/2025-06"),
    ],
)
def test_period_forms(kb, sentence: str, label: str) -> None:
    assert periods(kb, sentence) == [(D(2_100_000), label)]


def test_a_comparison_period_is_never_the_figures_own(kb) -> None:
    text = "In October, exports reached 2.1 million units, up 4.8% from October 2024."
    assert periods(kb, text) == [(D(2_100_000), "2025-10"), (D("4.8"), "2025-10")]


def test_the_base_figure_takes_the_base_period(kb) -> None:
    text = "In May, deliveries fell to 21,400 units, down 12.5% from 24,457 units in May 2024."
    assert periods(kb, text) == [(D(21_400), "2025-05"), (D("-12.5"), "2025-05"), (D(24_457), "2024-05")]
    text = "In May, deliveries fell to 21,400 units, from 24,457 units a year earlier."
    assert periods(kb, text) == [(D(21_400), "2025-05"), (D(24_457), "2024-05")]
    text = "Deliveries rose 10 percent last year from 2023's 1,200,000 units."
    assert periods(kb, text) == [(D(10), "2024"), (D(1_200_000), "2023")]


def test_a_month_of_an_earlier_sentence_does_not_cross_a_sentence_naming_its_own(kb) -> None:
    text = "In May, deliveries fell to 21,400 units. June deliveries dropped to 19,800 units."
    assert periods(kb, text) == [(D(21_400), "2025-05"), (D(19_800), "2025-06")]


def test_year_to_date_runs_to_the_latest_period_spoken_of(kb) -> None:
    text = (
        "From September 1 to 14, retail sales came to 610,000 units. "
        "So far this year, retail sales reached 15.2 million units. "
        "During the same period, wholesale sales were 17.1 million units."
    )
    assert periods(kb, text) == [
        (D(610_000), "2025-09-01/2025-09-14"),
        (D(15_200_000), "2025-01-01/2025-09-14"),
        (D(17_100_000), "2025-01-01/2025-09-14"),
    ]
    # a whole month before it: January to that month
    text = "In October, output was 3 million units. Year-to-date output was 27 million units."
    assert periods(kb, text) == [(D(3_000_000), "2025-10"), (D(27_000_000), "2025-01/2025-10")]


def test_sentence_periods_separates_bases() -> None:
    found = sentence_periods("Sales in November this year rose 5% compared with November 2024.", PUBLISHED)
    assert [p.label for p in found.own] == ["2025-11"]
    assert [p.label for p in found.bases] == ["2024-11"]


def test_the_same_month_last_year_after_an_earlier_sentence(kb) -> None:
    text = (
        "BYD sold 180,000 vehicles in May, the company said.\n"
        "The company stopped making petrol cars in March last year.\n"
        "Its plug-in hybrids were 90,000 units, up 40 percent from 64,300 units in the same month last year.\n"
        "Battery capacity was 8.1 GWh, up 20 percent from 6.75 GWh in the same month last year."
    )
    found = [(c.mention.value, c.period) for c in extract_candidates(text, kb, date(2025, 6, 2))]
    # a sentence stating no figure ("stopped ... in March last year") dates nothing after it
    assert found == [
        (D(180_000), "2025-05"),
        (D(90_000), "2025-05"),
        (D(40), "2025-05"),
        (D(64_300), "2024-05"),
        (D("8.1"), "2025-05"),
        (D(20), "2025-05"),
        (D("6.75"), "2024-05"),
    ]


def test_a_period_after_an_aside(kb) -> None:
    text = "BYD sold 210,000 new energy vehicles (NEVs) in April, it said."
    assert periods(kb, text, date(2025, 5, 2)) == [(D(210_000), "2025-04")]


def test_since_a_year_runs_to_the_year_spoken_of(kb) -> None:
    text = "In 2024, exports reached 5.9 million units. Since 2015, exports grew 21% a year on average."
    assert periods(kb, text, date(2025, 1, 20)) == [(D(5_900_000), "2024"), (D(21), "2015/2024")]


def test_a_month_named_alone_takes_its_year_not_the_whole_period_before(run, tmp_path) -> None:
    import yaml

    doc = tmp_path / "dec.txt"
    doc.write_text(
        "In the first 11 months of 2025, China sold 31.1 million vehicles.\n"
        "In December, sales were 3.3 million vehicles.\n",
        encoding="utf-8",
    )
    # no publication date: December of the year the sentence before spoke of (it was dated Jan–Nov)
    facts = yaml.safe_load(run("extract", str(doc)).stdout)["facts"]
    assert [(f["value"], f["period"]) for f in facts] == [(31100000, "2025-01/2025-11"), (3300000, "2025-12")]
    facts = yaml.safe_load(run("extract", str(doc), "--published", "2026-01-14").stdout)["facts"]
    assert [(f["value"], f["period"]) for f in facts] == [(31100000, "2025-01/2025-11"), (3300000, "2025-12")]
