"""The compositional resolver: which catalogue metric a sentence's figure is, in either language.

Every sentence is written for this test in the manner of wire reports; every expected id was worked
out by reading the sentence against facts/metrics.yaml, not by running the program.
"""

from __future__ import annotations

from datetime import date

import pytest

from autofacts.knowledge.model import KnowledgeBase
from autofacts.reading.extract import extract_candidates
from autofacts.reading.lexicon import LANGUAGES, lexicon
from autofacts.reading.resolve import Resolver
from autofacts.reading.slots import Slot


def metrics(kb: KnowledgeBase, text: str) -> list[tuple[str, str | None, str | None]]:
    """(figure, metric, suggested id) for each candidate of the text."""
    return [(c.mention.text, c.metric, c.new_metric) for c in extract_candidates(text, kb, date(2025, 12, 1))]


def test_a_share_cue_beats_a_stray_up(kb) -> None:
    # "made up" is one cue (a share): its "up" is no rise
    text = "Plug-in and battery cars together, NEVs made up 41.2 percent of new car sales in China in October."
    assert metrics(kb, text) == [("41.2 percent", "nev-share", None)]


def test_battery_electric_is_never_coarsened_to_nev(kb) -> None:
    text = "Sales of battery electric vehicles climbed to 820,000 units in China in October."
    assert metrics(kb, text) == [("820,000", "bev-sales", None)]
    # the catalogue has no BEV share: TODO with the id proposed, never nev-share
    text = "Battery electric cars accounted for 26.5 percent of all new vehicle sales in China in October."
    assert metrics(kb, text) == [("26.5 percent", None, "bev-share")]


def test_month_on_month_and_year_on_year_are_told_apart(kb) -> None:
    text = (
        "China's vehicle exports reached 612,000 units in October, up 3.8 percent month-on-month "
        "and 27.1 percent from a year earlier."
    )
    assert metrics(kb, text) == [
        ("612,000", "vehicle-exports", None),
        ("3.8 percent", "vehicle-exports-mom-growth", None),
        ("27.1 percent", "vehicle-exports-growth", None),
    ]
    # "from September" in an October report is the month before; "from October 2024" a year before
    text = "Passenger car output hit 2.9 million units in October, a 4.2% gain from September and a 9.6% gain from October 2024."
    assert metrics(kb, text) == [
        ("2.9 million", "passenger-vehicle-production", None),
        ("4.2%", "passenger-vehicle-production-mom-growth", None),
        ("9.6%", "passenger-vehicle-production-growth", None),
    ]


def test_combustion_engine_exports_are_not_all_exports(kb) -> None:
    text = (
        "Shipments abroad of conventional fuel vehicles slowed. Exports of these vehicles came to 388,000 units "
        "in October, down 2.6 percent year on year."
    )
    assert metrics(kb, text) == [
        ("388,000", "ice-vehicle-exports", None),
        ("2.6 percent", "ice-vehicle-exports-growth", None),
    ]


def test_a_brands_market_share_is_not_the_nev_share(kb) -> None:
    text = "BYD held a market share of 31.5 percent in China's NEV market in October."
    got = metrics(kb, text)
    assert got == [("31.5 percent", None, "nev-market-share")]


def test_a_fleet_and_a_cumulative_total_are_stocks(kb) -> None:
    text = "The NEV fleet on China's roads reached 36 million vehicles by the end of September."
    assert metrics(kb, text) == [("36 million", "nev-ownership", None)]
    text = "The carmaker's cumulative deliveries reached 820,000 units as of October 31."
    assert metrics(kb, text) == [("820,000", "cumulative-deliveries", None)]
    # counted from the start of the year, a cumulative total is the flow of the year so far
    text = "So far this year, cumulative NEV exports reached 1.9 million units."
    assert metrics(kb, text) == [("1.9 million", "nev-exports", None)]


def test_an_unknown_combination_is_todo_with_a_suggestion(kb) -> None:
    text = "Plug-in hybrid ownership in China rose to 9.1 million vehicles by the end of June."
    assert metrics(kb, text) == [("9.1 million", None, "phev-ownership")]
    text = "Joint-venture brands sold 410,000 passenger cars at retail in October."
    assert metrics(kb, text) == [("410,000", None, "joint-venture-brand-passenger-vehicle-retail-sales")]


def test_chinese_simplified_and_traditional_read_alike(kb) -> None:
    simplified = "10月，纯电动汽车销量达到72.4万辆，同比增长18.2%，环比增长6.1%。"
    traditional = "10月，純電動汽車銷量達到72.4萬輛，同比增長18.2%，環比增長6.1%。"
    expected = [
        ("bev-sales", None),
        ("bev-sales-growth", None),
        ("bev-sales-mom-growth", None),
    ]
    for text in (simplified, traditional):
        got = [(c.metric, c.new_metric) for c in extract_candidates(text, kb, date(2025, 11, 12))]
        assert got == expected, text
    text = "前10个月，燃油车出口312.5万辆，同比下降4.1%。"
    got = [(c.metric, c.new_metric) for c in extract_candidates(text, kb, date(2025, 11, 12))]
    assert got == [("ice-vehicle-exports", None), ("ice-vehicle-exports-growth", None)]
    text = "11月，新能源汽车国内零售渗透率达到53.4%。"
    got = [(c.metric, c.new_metric) for c in extract_candidates(text, kb, date(2025, 12, 10))]
    assert got == [("nev-retail-share", None)]


def test_the_resolver_reads_slots_directly(kb) -> None:
    text = "Commercial vehicle exports rose 11.0 percent to 95,000 units."
    resolver = Resolver(kb)
    slots = [
        Slot(31, 43, 31, "percent", (0, len(text))),
        Slot(47, 53, 47, "vehicles", (0, len(text))),
    ]
    (growth, level), topic = resolver.sentence(text, "en", slots)
    assert [c.metric for c in growth] == ["commercial-vehicle-exports-growth"]
    assert [c.metric for c in level] == ["commercial-vehicle-exports"]
    assert (topic.segment, topic.measure) == ("commercial-vehicle", "exports")


def test_no_metric_outside_the_catalogue_is_ever_written(kb) -> None:
    text = (
        "China ranked first in the world for the tenth consecutive year. Exports were 2.5 times those of 2021. "
        "比亚迪销量是2021年的6倍。"
    )
    for c in extract_candidates(text, kb, date(2025, 12, 1)):
        assert c.metric is None or c.metric in kb.metrics, c.metric


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_lexicons_have_the_same_keys(language: str) -> None:
    keys = lexicon(language).keys
    assert set(keys["segments"]) >= {
        "vehicle",
        "passenger-vehicle",
        "commercial-vehicle",
        "nev",
        "bev",
        "phev",
        "ice-vehicle",
    }
    assert keys == lexicon("en").keys


def test_sales_at_home_are_not_all_sales(kb) -> None:
    # CAAM's sales include exports: domestic sales are another figure (nev-domestic-sales, not nev-sales)
    text = "在国内市场，10月新能源汽车销量为120.5万辆，同比增长30.1%。"
    got = [(c.metric, c.new_metric) for c in extract_candidates(text, kb, date(2025, 11, 12))]
    assert got == [("nev-domestic-sales", None), ("nev-domestic-sales-growth", None)]
