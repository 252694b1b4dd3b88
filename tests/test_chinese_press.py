"""How the Chinese-language press writes figures, in Beijing, Hong Kong, Taipei and Macau: periods
(今年10月, 首11個月, 较2024年同期的), signs (按年跌, 年減, 负增长), groups of companies (排名前十的车企),
places abroad (日本) and runs of months (连续3个月). Every sentence is written for these tests in the
shape real articles use; every expectation was worked out by reading the sentence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from autofacts.reading.extract import extract_candidates
from autofacts.reading.numbers import read_numbers
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
        ("今年10月汽车产销", ["2025-10"]),  # a month after 今年 is this year's month, not the year
        ("去年10月份销量", ["2024-10"]),
        ("今年首11個月累計銷量", ["2025-01/2025-11"]),  # Hong Kong's "first eleven months"
        ("中國首10個月汽車銷量", ["2025-01/2025-10"]),
        ("首季銷量", ["2025-01/2025-03"]),
        ("比前年增长", ["2023"]),  # 前年: the year before last
        ("每年10月", []),  # every October: no one month
    ],
)
def test_press_periods(text: str, labels: list[str]) -> None:
    assert [p.label for p in period_phrases(text, PUBLISHED)] == labels


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("銷量按年跌2.9%", [D("-2.9")]),  # Hong Kong: 按年跌
        ("累計產銷量分別年減4.6%、4.7%", [D("-4.6"), D("-4.7")]),  # Taiwan: 年減
        ("出口負增長3%", [D(-3)]),
        ("降幅为5%", [D(-5)]),
        ("渗透率降至45%", [D(45)]),  # fell TO 45 %: a level, not a fall of 45 %
        ("占比跌破10%", [D(10)]),
        ("出口成長90.4%", [D("90.4")]),
        ("跌幅較首10個月分別收窄1.6和1.8個百分點", [D("1.6"), D("1.8")]),
    ],
)
def test_press_signs(text: str, values: list[D]) -> None:
    assert [m.value for m in read_numbers(text)] == values


def test_a_number_listed_before_one_with_its_unit_shares_the_unit() -> None:
    read = [(m.unit, m.value, m.upper) for m in read_numbers("跌幅分别收窄1.6和1.8個百分點，同比增长3至5倍")]
    # 3至5倍: one range, +300 % to +500 % (ranges.py)
    assert read == [("percent", D("1.6"), None), ("percent", D("1.8"), None), ("percent", D(300), D(500))]


@pytest.mark.parametrize(
    "text",
    ["销量排名前十的车企", "前10位的汽车企业依次是", "这10家企业共", "据《第一财经》报道"],
)
def test_who_is_counted_is_no_figure(text: str) -> None:
    assert read_numbers(text) == []


def test_a_figure_of_the_top_ten_is_not_the_market_nor_its_last_member(kb) -> None:
    text = (
        "1-10月，销量排名前十位的企业依次是上汽、比亚迪和吉利等，这十家企业共销售汽车2000万辆，"
        "占汽车销售总量的84.7%。"
    )
    assert facts(text, kb) == [
        (D(20_000_000), None, "top-ten-automaker-sales", None, "2025-01/2025-10", None),  # no place named
        (D("84.7"), None, "top-ten-automaker-sales-share", None, "2025-01/2025-10", None),
    ]


def test_a_member_named_after_the_group_owns_its_figure(kb) -> None:
    text = "1-10月，排名前十的车企占新车总销量的84.1%，其中比亚迪、上汽分别以370.2万辆、355.1万辆分列第1-2位。"
    found = facts(text, kb)
    assert found[0][:3] == (D("84.1"), None, "top-ten-automaker-sales-share")
    assert [(f[0], f[5]) for f in found[1:]] == [(D(3_702_000), "BYD"), (D(3_551_000), "SAIC Motor")]


def test_several_companies_together_are_no_ones_figure(kb) -> None:
    [found] = facts("2025年，上汽、一汽和吉利合计销售汽车800万辆。", kb)
    assert found[5] is None


def test_places_abroad_and_what_a_figure_is_compared_with(kb) -> None:
    text = "今年1-9月中国汽车出口量达495万辆。同期日本汽车出口量约306万辆。中国汽车出口量是日本的1.6倍。"
    assert [(f[0], f[3]) for f in facts(text, kb)] == [
        (D(4_950_000), "China"),
        (D(3_060_000), "Japan"),
        (D("1.6"), "China"),  # 是日本的: Japan is the base of the multiple
    ]


def test_a_destination_is_not_whose_figure_it_is(kb) -> None:
    [found] = facts("10月，我国对欧洲出口新能源汽车5万辆。", kb)
    assert (found[1], found[3]) == (None, "China")  # the exporter's; exports to one market are no metric yet


def test_taiwan_and_macau_name_the_mainland(kb) -> None:
    [found, _] = facts("10月大陸汽車銷量257.3萬輛，年增12.5%。", kb)
    assert found[3] == "China"


def test_a_figure_after_a_comparison_base_is_the_base_periods(kb) -> None:
    text = "去年1至12月電動車佔比為73.4%，較2024年同期的71.1%上升。比亞迪去年銷量9,751輛，較2024年的5,819輛上升67.6%。"
    periods = [(f[0], f[4]) for f in facts(text, kb, date(2026, 3, 6))]
    assert periods == [
        (D("73.4"), "2025"),
        (D("71.1"), "2024"),  # 较2024年同期的: 2024's share
        (D(9751), "2025"),
        (D(5819), "2024"),
        (D("67.6"), "2025"),  # the growth is the figure of 2025
    ]


def test_a_figure_in_brackets_after_tongbi_is_a_year_before(kb) -> None:
    periods = [f[4] for f in facts("2025年本地新车登记总数51,035辆，同比（46,709辆）增长9.3%。", kb, date(2026, 3, 6))]
    assert periods == ["2025", "2024", "2025"]


def test_month_on_month_against_a_named_month(kb) -> None:
    found = facts("今年10月汽车销量57.6万辆，比9月下降9.6%，同比增长27.6%。", kb, date(2006, 11, 13))
    assert [(f[0], f[1], f[4]) for f in found] == [
        (D(576_000), "vehicle-sales", "2006-10"),
        (D("-9.6"), "vehicle-sales-mom-growth", "2006-10"),
        (D("27.6"), "vehicle-sales-growth", "2006-10"),
    ]


def test_taiwan_writes_the_comparison_into_the_verb(kb) -> None:
    found = facts("10月汽車銷量300萬輛，年增11%，月減2%。", kb)
    assert [(f[0], f[1]) for f in found] == [
        (D(3_000_000), "vehicle-sales"),
        (D(11), "vehicle-sales-growth"),
        (D(-2), "vehicle-sales-mom-growth"),
    ]


def test_hong_kong_sales_of_the_period_are_sales(kb) -> None:
    found = facts("中國11月汽車產量284.7萬輛，按年上升9.6%。期內銷量277萬輛，按年升12.6%，按月升7.6%。", kb)
    assert [(f[0], f[1], f[4]) for f in found[2:]] == [
        (D(2_770_000), "vehicle-sales", "2025-11"),  # 期內銷量 is not 內銷 (domestic sales)
        (D("12.6"), "vehicle-sales-growth", "2025-11"),
        (D("7.6"), "vehicle-sales-mom-growth", "2025-11"),
    ]


def test_the_first_months_of_a_cumulative_total_are_a_flow(kb) -> None:
    found = facts("今年首11個月，累計產量和銷量分別2237.2萬輛和2247萬輛。", kb, date(2020, 12, 11))
    assert [(f[1], f[4]) for f in found] == [
        ("vehicle-production", "2020-01/2020-11"),
        ("vehicle-sales", "2020-01/2020-11"),  # not the cumulative (all-time) sales
    ]


def test_a_run_of_months_dates_each_month_of_it(kb) -> None:
    text = "今年前10个月中国汽车出口561.6万辆。其中新能源汽车今年来累计出口超过200万辆。汽车出口已经连续3个月超过60万辆。"
    assert [(f[0], f[4]) for f in facts(text, kb)] == [
        (D(5_616_000), "2025-01/2025-10"),
        (D(2_000_000), "2025-01/2025-10"),
        (D(3), "2025-10"),  # the count of the run: its last month
        (D(600_000), "2025-08/2025-10"),  # over 600,000 in each of August, September and October
    ]


def test_a_span_since_a_year_is_not_that_year(kb) -> None:
    found = facts("中国汽车出口量自2023年首度超过日本后，已经连续2年超过日本。", kb)
    assert [(f[0], f[4]) for f in found] == [(D(2), None)]


def test_passenger_nev_share_is_not_the_nev_share(kb) -> None:
    [found] = facts("9月，新能源乘用车销售占比达到53.3%。", kb)
    assert found[1] is None  # never coarsened to nev-share
    assert found[2] == "passenger-nev-share"


def test_cpca_release_cumulative_and_so_far_figures(kb) -> None:
    text = (
        "5月份，全国乘用车市场零售量达到193万辆，同比增长13%。今年以来累计零售量为880.2万辆，同比增长9%。"
        "厂商批发方面，5月批发量为232.9万辆，环比增长6%，累计批发量为1079.7万辆，同比增长12%。"
    )
    assert [(f[0], f[1], f[4]) for f in facts(text, kb)] == [
        (D(1_930_000), "passenger-vehicle-retail-sales", "2025-05"),
        (D(13), "passenger-vehicle-retail-sales-growth", "2025-05"),
        (D(8_802_000), "passenger-vehicle-retail-sales", "2025-01/2025-05"),  # 今年以来: January to May
        (D(9), "passenger-vehicle-retail-sales-growth", "2025-01/2025-05"),
        (D(2_329_000), "passenger-vehicle-wholesale-sales", "2025-05"),  # 今年以来 did not re-date this one
        (D(6), "passenger-vehicle-wholesale-sales-mom-growth", "2025-05"),
        (D(10_797_000), "passenger-vehicle-wholesale-sales", "2025-01/2025-05"),  # 累计, as 今年以来 counted
        (D(12), "passenger-vehicle-wholesale-sales-growth", "2025-01/2025-05"),  # the change of that figure
    ]


def test_a_cumulative_figure_with_no_start_is_left_undated(kb) -> None:
    found = facts("10月，该公司交付新车1万辆。公司累计交付量突破10万辆。", kb)
    assert [f[4] for f in found] == ["2025-10", None]


def test_a_stock_on_a_day_keeps_its_day_and_the_next_sentence_the_month(kb) -> None:
    text = "截至2022年10月31日，蔚来累计交付量达到25.96万辆；10月共交付新车10059辆。其中ES7交付2814辆。"
    assert [f[4] for f in facts(text, kb, date(2022, 11, 3))] == ["2022-10-31", "2022-10", "2022-10"]


def test_a_sentence_naming_no_vehicles_goes_on_with_those_before_it(kb) -> None:
    text = "在新能源市场方面，5月新能源车零售量为105.6万辆。今年以来累计零售量为438万辆。\n今年以来累计零售量为880.2万辆。"
    assert [(f[1], f[4]) for f in facts(text, kb)] == [
        ("nev-retail-sales", "2025-05"),
        ("nev-retail-sales", "2025-01/2025-05"),  # same paragraph: NEVs
        ("passenger-vehicle-retail-sales", "2025-01/2025-05"),  # a new paragraph: CPCA's passenger vehicles
    ]


def test_a_brand_groups_share_is_of_that_group(kb) -> None:
    text = "5月新能源车零售58.0万辆；自主品牌中的新能源车渗透率57.1%；豪华车中的新能源车渗透率23.0%。"
    assert [(f[1], f[2]) for f in facts(text, kb, date(2023, 6, 9))][1:] == [
        (None, "domestic-brand-nev-retail-sales-share"),
        (None, "luxury-brand-nev-retail-sales-share"),
    ]


def test_a_change_against_another_base_is_no_growth_metric(kb) -> None:
    found = facts("5月乘用车零售达到162.3万辆，同比增长1.0%，相较2019年5月增长3%。", kb, date(2021, 6, 8))
    assert [(f[0], f[1]) for f in found] == [
        (D(1_623_000), "passenger-vehicle-retail-sales"),
        (D(1), "passenger-vehicle-retail-sales-growth"),
        (D(3), None),  # against May 2019: neither year-on-year nor month-on-month
    ]


def test_a_month_before_a_rise_is_no_month_on_month(kb) -> None:
    found = facts("2025年5月汽车销量增长3%。", kb)
    assert found[0][1] == "vehicle-sales-growth"  # "5月增长", not Taiwan's 月增


def test_a_carmaker_the_catalogue_lacks_is_asked_not_guessed(kb) -> None:
    text = "哪吒汽车10月交付量为8107辆；天际汽车发布数据显示，10月交付量为5025辆。"
    assert [(f[0], f[5]) for f in facts(text, kb, date(2021, 11, 2))] == [
        (D(8107), "Neta"),
        (D(5025), "TODO"),  # not Neta's, and not the whole market's
    ]


def test_months_listed_before_fenbie_pair_with_the_figures(kb) -> None:
    text = "小鹏汽车7月、8月、9月的交付量分别为8040辆、7214辆、10412辆；理想汽车这几个月的交付量分别为8589辆、9433辆。"
    assert [(f[0], f[4]) for f in facts(text, kb, date(2021, 11, 2))] == [
        (D(8040), "2021-07"),
        (D(7214), "2021-08"),
        (D(10412), "2021-09"),
        (D(8589), None),  # 这几个月: the months named before, not one of them
        (D(9433), None),
    ]


def test_the_same_month_is_the_month_spoken_of(kb) -> None:
    text = "1-8月小鹏累计交付90085台。蔚来当月交付新车10677台，同比增长81.6%。"
    assert [(f[0], f[4]) for f in facts(text, kb, date(2022, 9, 2))] == [
        (D(90085), "2022-01/2022-08"),
        (D(10677), "2022-08"),  # 当月: August, the last month of January to August
        (D("81.6"), "2022-08"),
    ]


def test_a_hope_in_the_next_clause_does_not_make_a_forecast(kb) -> None:
    found = extract_candidates("比亚迪2025年的销量为225万辆，有望首次超过特斯拉。", kb, date(2026, 1, 2))
    assert [(c.mention.value, c.kind) for c in found] == [(D(2_250_000), "actual")]


def test_a_margin_is_not_a_level(kb) -> None:
    [found] = facts("2024年，特斯拉仅以2万辆销量的领先保住全球第一。", kb, date(2026, 1, 2))[:1]
    assert found[:3] == (D(20_000), None, None)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("交付新车5055台", D(5055), "vehicles"), ("交付16017臺", D(16017), "vehicles"), ("环比降65%", D(-65), "percent")],
)
def test_press_units_and_falls(text: str, value: D, unit: str) -> None:
    [m] = read_numbers(text)
    assert (m.value, m.unit) == (value, unit)


def test_a_month_end_after_this_year(kb) -> None:
    assert [p.label for p in period_phrases("截至今年10月底，累计交付", PUBLISHED)] == ["2025-10-31"]


def test_rising_to_a_share_is_a_level_and_a_fall_without_comparison_is_year_on_year(kb) -> None:
    found = facts("10月，新能源汽车渗透率升至51.6%。10月蔚来交付3667辆，环比降65%。", kb)
    assert [(f[0], f[1]) for f in found] == [
        (D("51.6"), "nev-share"),
        (D(3667), "vehicle-deliveries"),
        (D(-65), "vehicle-deliveries-mom-growth"),
    ]


def test_a_hedge_governs_the_share_named_after_it() -> None:
    [m] = read_numbers("10月新能源汽车销量首次超过了新车总销量的50%")
    assert (m.value, m.qualifier) == (D(50), "over")
    [m] = read_numbers("约占全国的30%")
    assert m.qualifier == "about"
    [m] = read_numbers("超过日本，占全球的35%")  # the hedge is in another clause
    assert m.qualifier == "exact"


def test_nev_domestic_sales_are_a_catalogue_measure(kb) -> None:
    text = "在国内市场方面，10月新能源汽车销量为130.2万辆，环比增长10.7%，同比增幅为56.5%。"
    assert [(f[0], f[1]) for f in facts(text, kb, date(2024, 11, 11))] == [
        (D(1_302_000), "nev-domestic-sales"),
        (D("10.7"), "nev-domestic-sales-mom-growth"),
        (D("56.5"), "nev-domestic-sales-growth"),  # 增幅为: a rise, though 为 reads as "is"
    ]


def test_taiwan_traditional_fuel_vehicles_are_combustion_engine_vehicles(kb) -> None:
    found = facts("大陸10月傳統燃料汽車出口40.9萬輛，年減0.9%；新能源汽車出口25.6萬輛。", kb)
    assert [f[1] for f in found] == ["ice-vehicle-exports", "ice-vehicle-exports-growth", "nev-exports"]


def test_sales_including_exports_are_sales(kb) -> None:
    [found] = facts("10月特斯拉中國產電動車銷量（包括出口）為61,497輛。", kb)
    assert found[1] == "nev-sales"  # not exports: 包括出口 says what the sales include


def test_a_milestones_place_is_no_amount() -> None:
    assert [m.unit for m in read_numbers("向海外市場出口第 100 萬輛電動車")] == ["ordinal"]


def test_a_condition_is_not_stated_as_fact(kb) -> None:
    found = extract_candidates("除非12月日本汽車出口大升1倍以上，否則中國將成為最大出口國。", kb, date(2023, 12, 20))
    assert [(c.mention.value, c.kind) for c in found] == [(D(100), "TODO")]
