"""The Chinese reader's grammar on sentences it was not tuned on: quarters and halves as month spans,
a comparison base's own metric, a brand group as the subject of the clause before, a company's share
of a market, shares of home sales, strong verbs of change. Every sentence is written for these tests
in the shape the press uses; every expectation was worked out by reading the sentence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from autofacts.reading.extract import extract_candidates
from autofacts.reading.text import period_phrases

PUBLISHED = date(2025, 12, 10)


def facts(text: str, kb, published: date = PUBLISHED) -> list[tuple]:
    """(value, metric, suggested id, region, period, entity) of every candidate."""
    return [
        (c.mention.value, c.metric, c.new_metric, c.region, c.period, c.entity)
        for c in extract_candidates(text, kb, published)
    ]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("2025年第二季度销量", ["2025-04/2025-06"]),
        ("四季度", ["2024-10/2024-12"]),  # not over on 10 Dec 2025: last year's
        ("下半年", ["2024-07/2024-12"]),  # not over on 10 Dec 2025: last year's second half
        ("去年下半年", ["2024-07/2024-12"]),
        ("今年首季", ["2025-01/2025-03"]),
    ],
)
def test_quarters_and_halves_are_the_months_they_span(text: str, labels: list[str]) -> None:
    assert [p.label for p in period_phrases(text, PUBLISHED)] == labels


def test_a_comparison_base_is_the_same_measure_as_the_figure_compared(kb) -> None:
    text = "10月，国内新能源乘用车零售渗透率达到55.2%，较去年同期的40.1%提升15.1个百分点。"
    assert facts(text, kb) == [
        (D("55.2"), "nev-retail-share", None, "China", "2025-10", None),
        (D("40.1"), "nev-retail-share", None, "China", "2024-10", None),  # the share a year before, no growth
        (D("15.1"), None, None, "China", "2025-10", None),  # percentage points: no catalogue form
    ]


def test_a_brand_group_in_the_clause_before_is_the_subject(kb) -> None:
    text = "10月，自主品牌继续领跑，新能源车渗透率为70.3%。"
    assert facts(text, kb) == [(D("70.3"), None, "domestic-brand-nev-share", None, "2025-10", None)]


def test_a_brand_group_with_a_figure_of_its_own_is_no_subject_of_the_next(kb) -> None:
    text = "10月，自主品牌份额为65%，新能源乘用车零售渗透率为52%。"
    assert [f[1] for f in facts(text, kb)][1:] == ["nev-retail-share"]


def test_a_companys_share_of_a_market_is_placed_in_that_market(kb) -> None:
    text = "10月国内新能源乘用车零售市场中，比亚迪份额为30.5%。"
    assert [(f[3], f[5]) for f in facts(text, kb)] == [("China", "BYD")]


def test_a_share_of_home_sales_is_not_the_nev_share(kb) -> None:
    text = "2024年，新能源汽车国内销量占比为40.9%。"
    assert facts(text, kb) == [(D("40.9"), None, "nev-domestic-sales-share", "China", "2024", None)]


@pytest.mark.parametrize("verb", ["激增", "大增", "飆升", "猛增"])
def test_strong_verbs_of_rise_are_growth(kb, verb: str) -> None:
    text = f"9月份新能源乘用车零售销量为100万辆，同比{verb}50%。"
    assert [f[:2] for f in facts(text, kb)] == [
        (D(1_000_000), "nev-retail-sales"),
        (D(50), "nev-retail-sales-growth"),
    ]


def test_strong_verbs_of_fall_are_negative_growth(kb) -> None:
    text = "9月份燃油车零售销量为80万辆，同比锐减20%。"
    assert [f[0] for f in facts(text, kb)] == [D(800_000), D(-20)]
