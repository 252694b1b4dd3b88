"""When and what a figure is, in both languages: its period (a month against the year to date, the
base of a change, a forecast's year), its kind (an outcome set against expectations is no forecast)
and its metric (company finance: net profit, net loss, gross margin and changes in percentage points).
Every sentence is invented for these tests in the shape the press writes; every expectation was
worked out by reading the sentence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from autofacts.reading.extract import extract_candidates

PUBLISHED = date(2025, 12, 10)


def read(kb, text: str, published: date = PUBLISHED) -> list[tuple]:
    """(value, metric, suggested id, period, kind) of every candidate."""
    return [
        (c.mention.value, c.metric, c.new_metric, c.period, c.kind) for c in extract_candidates(text, kb, published)
    ]


# -- kinds ---------------------------------------------------------------------------------------


def test_an_outcome_better_than_expected_is_no_forecast_nor_are_its_parts(kb) -> None:
    text = "1-6月，汽车销售1400万辆，同比增长5%，好于年初预期。其中，乘用车销售1180万辆。"
    assert read(kb, text, date(2025, 7, 12)) == [
        (D(14_000_000), "vehicle-sales", None, "2025-01/2025-06", "actual"),
        (D(5), "vehicle-sales-growth", None, "2025-01/2025-06", "actual"),
        (D(11_800_000), "passenger-vehicle-sales", None, "2025-01/2025-06", "actual"),
    ]


def test_expected_still_makes_a_forecast(kb) -> None:
    text = "乘联会预期11月乘用车零售220万辆。"
    assert [f[4] for f in read(kb, text, date(2025, 11, 20))] == ["forecast"]


# -- periods -------------------------------------------------------------------------------------


def test_a_forecast_for_the_whole_year_is_of_the_year_the_text_spoke_of(kb) -> None:
    # published in July 2025: the year spoken of (2025) is not over, and the forecast is of it
    text = "1-6月，新能源汽车销售500万辆。预计全年新能源汽车销量将突破1200万辆。"
    assert read(kb, text, date(2025, 7, 12)) == [
        (D(5_000_000), "nev-sales", None, "2025-01/2025-06", "actual"),
        (D(12_000_000), "nev-sales", None, "2025", "forecast"),
    ]


def test_an_outcome_for_the_whole_year_is_still_the_last_year_over(kb) -> None:
    text = "10月，新能源汽车销售150万辆。全年，新能源汽车销量占比达到40.9%。"
    assert [f[3] for f in read(kb, text, date(2025, 11, 12))] == ["2025-10", "2024"]


def test_a_gap_in_points_from_a_year_before_is_this_periods_change_of_the_growth(kb) -> None:
    # 1.8 points is not last year's growth (the comparison base) but the change of this year's
    text = "1-6月，汽车销售1400万辆，同比增长5.6%，增速高于上年同期1.8个百分点。"
    assert read(kb, text, date(2025, 7, 12)) == [
        (D(14_000_000), "vehicle-sales", None, "2025-01/2025-06", "actual"),
        (D("5.6"), "vehicle-sales-growth", None, "2025-01/2025-06", "actual"),
        (D("1.8"), "vehicle-sales-growth-change", None, "2025-01/2025-06", "actual"),
    ]


def test_the_growth_down_so_many_points_in_english(kb) -> None:
    text = "In the first half, vehicle sales rose 5.6% year on year, with growth down 1.8 percentage points."
    assert read(kb, text, date(2025, 7, 12)) == [
        (D("5.6"), "vehicle-sales-growth", None, "2025-01/2025-06", "actual"),
        (D("-1.8"), "vehicle-sales-growth-change", None, "2025-01/2025-06", "actual"),
    ]


def test_a_shares_change_in_points_stays_todo(kb) -> None:
    text = "10月，新能源汽车渗透率为52%，同比提高5个百分点。"
    assert [f[1:3] for f in read(kb, text)] == [("nev-share", None), (None, None)]


# -- company finance -----------------------------------------------------------------------------


def test_net_profit_loss_and_gross_margin_are_not_revenue(kb) -> None:
    text = "第三季度，公司营收800亿元，净利润25亿元，同比下降12%，毛利率同比下降2.4个百分点至16.3%。"
    assert read(kb, text) == [
        (D(80_000_000_000), "revenue", None, "2025-07/2025-09", "actual"),
        (D(2_500_000_000), "net-profit", None, "2025-07/2025-09", "actual"),
        (D(-12), "net-profit-growth", None, "2025-07/2025-09", "actual"),
        (D("-2.4"), "gross-margin-yoy-change", None, "2025-07/2025-09", "actual"),
        (D("16.3"), "gross-margin", None, "2025-07/2025-09", "actual"),
    ]


def test_a_loss_in_traditional_characters(kb) -> None:
    text = "某車廠第三季虧損3.8億人民幣，淨利率未公布。"
    assert [f[:2] for f in read(kb, text)] == [(D(380_000_000), "net-loss")]


def test_net_profit_and_margin_in_english(kb) -> None:
    text = (
        "The carmaker's net profit fell 12% to 3.5 billion yuan in the third quarter, while revenue rose 8%. "
        "Its gross margin narrowed by 1.2 percentage points to 17.4%. "
        "The startup posted a net loss of 2.9 billion yuan in the quarter."
    )
    assert [f[:2] for f in read(kb, text)] == [
        (D(-12), "net-profit-growth"),
        (D(3_500_000_000), "net-profit"),
        (D(8), "revenue-growth"),
        (D("-1.2"), "gross-margin-yoy-change"),
        (D("17.4"), "gross-margin"),
        (D(2_900_000_000), "net-loss"),
    ]


def test_a_margin_change_not_in_points_is_todo(kb) -> None:
    # "fell 3%" of a margin may be points or a relative fall: the text does not settle it
    text = "第三季度，公司毛利率下降3%。"
    assert [f[1:3] for f in read(kb, text)] == [(None, None)]


def test_a_profit_in_dollars_is_no_yuan_metric(kb) -> None:
    text = "The company's net profit was $900 million in the second quarter."
    assert [f[1] for f in read(kb, text)] == [None]


def test_parts_after_a_month_and_the_year_to_date_are_of_the_whole_they_add_up_to(kb) -> None:
    # 1200 + 800 = 2000, October's deliveries; not January to October's 15000
    text = "10月，某品牌交付新车2000辆。前10个月累计交付15000辆。其中，A车型交付1200辆，B车型交付800辆。"
    assert [f[3] for f in read(kb, text, date(2020, 11, 5))] == [
        "2020-10",
        "2020-01/2020-10",
        "2020-10",
        "2020-10",
    ]


def test_parts_fitting_only_under_the_year_to_date_are_its(kb) -> None:
    # 6000 + 5000 = 11000 is more than October's 2000: the parts are of January to October
    text = "10月，某品牌交付新车2000辆。前10个月累计交付15000辆。其中，A车型交付6000辆，B车型交付5000辆。"
    assert [f[3] for f in read(kb, text, date(2020, 11, 5))][2:] == ["2020-01/2020-10", "2020-01/2020-10"]


def test_parts_the_sums_do_not_settle_are_todo(kb) -> None:
    # 900 + 700 = 1600 fits under both October's 2000 and the year's 15000, adds up to neither
    text = "10月，某品牌交付新车2000辆。前10个月累计交付15000辆。其中，A车型交付900辆，B车型交付700辆。"
    assert [f[3] for f in read(kb, text, date(2020, 11, 5))][2:] == [None, None]


def test_a_share_of_the_year_to_date_is_of_the_month_its_subject_is(kb) -> None:
    text = "10月单月销量占今年累计销量的27.5%。"
    assert [f[3] for f in read(kb, text, date(2020, 11, 5))] == ["2020-10"]


def test_the_period_is_the_one_the_lede_spoke_of(kb) -> None:
    text = (
        "NEV production kept growing fast in the first six months of this year, industry data showed. "
        "During the period, NEV production reached 4.9 million units."
    )
    assert read(kb, text, date(2024, 7, 10)) == [(D(4_900_000), "nev-production", None, "2024-01/2024-06", "actual")]


def test_a_share_by_the_end_of_a_month_is_of_the_flows_since_january(kb) -> None:
    text = "The market share of NEVs in China reached 35.2 percent by the end of June."
    assert read(kb, text, date(2024, 7, 10)) == [(D("35.2"), "nev-share", None, "2024-01/2024-06", "actual")]


def test_a_flow_counted_up_to_a_day_is_todo_with_its_running_total_proposed(kb) -> None:
    # since January or since production began? the sentence does not say
    text = "By the end of June this year, the production of NEVs in China exceeded 30 million units."
    assert read(kb, text, date(2024, 7, 10)) == [
        (D(30_000_000), None, "nev-cumulative-production", "2024-06-30", "actual")
    ]


def test_a_stock_by_the_end_of_a_month_keeps_its_day(kb) -> None:
    text = "NEV ownership reached 24.7 million by the end of June."
    assert read(kb, text, date(2024, 7, 10)) == [(D(24_700_000), "nev-ownership", None, "2024-06-30", "actual")]


# -- exports to one destination, the present ------------------------------------------------------


def test_places_ranked_as_export_destinations_are_no_exporters_figures(kb) -> None:
    # Asia, Europe: where the vehicles go; the catalogue has no exports-to-destination metric: proposed
    text = "11月，亚洲是中国电动车最大出口地区，年增50%至10万辆，其次是欧洲年增20%至4万辆。"
    assert read(kb, text) == [
        (D(50), None, "nev-exports-to-destination-growth", "2025-11", "actual"),
        (D(100_000), None, "nev-exports-to-destination", "2025-11", "actual"),
        (D(20), None, "nev-exports-to-destination-growth", "2025-11", "actual"),
        (D(40_000), None, "nev-exports-to-destination", "2025-11", "actual"),
    ]


def test_the_present_dates_a_count_by_the_publication(kb) -> None:
    text = "11月，某品牌出口1万辆。如今该品牌业务遍及30个国家和地区。"
    assert [f[3] for f in read(kb, text)] == ["2025-11", "-"]


# -- kinds of a plan's and a forecast's parts ------------------------------------------------------


def test_the_parts_of_a_target_expected_to_reach_are_the_targets(kb) -> None:
    text = (
        "On September 12, the ministry released a plan setting the target of 32.3 million vehicle sales "
        "for 2025, a 3% increase from last year.\n"
        "Within this, NEV sales are expected to reach 15.5 million units, a year-on-year rise of about 20%."
    )
    assert read(kb, text, date(2025, 9, 15)) == [
        (D(32_300_000), "vehicle-sales", None, "2025", "target"),
        (D(3), "vehicle-sales-growth", None, "2025", "target"),
        (D(15_500_000), "nev-sales", None, "2025", "target"),
        (D(20), "nev-sales-growth", None, "2025", "target"),
    ]


def test_what_a_plans_target_is_expected_to_come_to_is_its_target(kb) -> None:
    text = "根据方案，2025年汽车销量力争达到3200万辆；其中新能源汽车销量目标为1500万辆，同比增幅预计达20%。"
    assert [f[4] for f in read(kb, text, date(2025, 9, 15))] == ["target", "target", "target"]


def test_a_figure_with_no_period_in_a_text_that_forecasts_has_no_kind(kb) -> None:
    # the second line states neither its period nor whether it is the forecast or an outcome
    text = "乘联会预测，本月乘用车零售约220万辆。\n乘用车零售约2100万辆，同比增长5%。"
    assert read(kb, text, date(2023, 12, 22)) == [
        (D(2_200_000), "passenger-vehicle-retail-sales", None, "2023-12", "forecast"),
        (D(21_000_000), "passenger-vehicle-retail-sales", None, None, "TODO"),
        (D(5), "passenger-vehicle-retail-sales-growth", None, None, "TODO"),
    ]


# -- results releases -----------------------------------------------------------------------------


def test_a_vehicle_margin_is_not_the_gross_margin_and_its_fall_in_points_is_a_change(kb) -> None:
    # 减少 is a fall, not a margin between two figures (少)
    text = "第二季度，汽车毛利率按年减少10.5个百分点至6.2%，毛利率为1%。"
    assert read(kb, text) == [
        (D("-10.5"), "vehicle-margin-yoy-change", None, "2025-04/2025-06", "actual"),
        (D("6.2"), "vehicle-margin", None, "2025-04/2025-06", "actual"),
        (D(1), "gross-margin", None, "2025-04/2025-06", "actual"),
    ]


def test_adjusted_losses_and_losses_per_share_are_proposed_not_filed_as_the_net_loss(kb) -> None:
    # Hong Kong's 蚀 (lost) after 去年同期: the same quarter a year before
    text = "第三季度净亏损15亿元，去年同期蚀20亿元，非公认会计原则亏损14亿元，每股净亏损1.89元。"
    assert read(kb, text) == [
        (D(1_500_000_000), "net-loss", None, "2025-07/2025-09", "actual"),
        (D(2_000_000_000), "net-loss", None, "2024-07/2024-09", "actual"),
        (D(1_400_000_000), None, "adjusted-net-loss", "2025-07/2025-09", "actual"),
        (D("1.89"), None, "net-loss-per-share", "2025-07/2025-09", "actual"),
    ]


def test_a_sum_in_brackets_after_a_sum_is_its_conversion(kb) -> None:
    text = "第三季度净亏损15.95亿元(人民币，下同)(约19.4亿港元)。"
    assert [f[:3] for f in read(kb, text)] == [(D(1_595_000_000), "net-loss", None), (D(1_940_000_000), None, None)]


def test_a_vehicle_margin_in_english(kb) -> None:
    text = "Its vehicle margin was 6.8 percent in the fourth quarter."
    assert [f[:2] for f in read(kb, text)] == [(D("6.8"), "vehicle-margin")]


def test_sales_in_money_of_the_vehicles_named_are_vehicle_sales_revenue(kb) -> None:
    text = (
        "The carmaker reported vehicle sales of RMB 14.8 billion in the fourth quarter, up 60.2 percent "
        "year-on-year and up 23.7 percent from the third quarter. Its revenue was RMB 16.1 billion."
    )
    assert [f[:3] for f in read(kb, text, date(2023, 3, 2))] == [
        (D(14_800_000_000), "vehicle-sales-revenue", None),
        (D("60.2"), "vehicle-sales-revenue-growth", None),
        (D("23.7"), None, "vehicle-sales-revenue-qoq-growth"),  # from the quarter before: proposed
        (D(16_100_000_000), "revenue", None),
    ]


def test_chinese_vehicle_sales_in_money(kb) -> None:
    text = "第二季度，汽车销售额按年下降24.9%至71.8亿元，总收入87.7亿元。"
    assert [f[:2] for f in read(kb, text)] == [
        (D("-24.9"), "vehicle-sales-revenue-growth"),
        (D(7_180_000_000), "vehicle-sales-revenue"),
        (D(8_770_000_000), "revenue"),
    ]


def test_an_announcements_period_after_the_figure_is_not_the_figures(kb) -> None:
    text = (
        "The company's revenue guidance for the fourth quarter was RMB 18 billion when it announced its "
        "third-quarter earnings."
    )
    assert [f[3] for f in read(kb, text, date(2023, 3, 2))] == ["2022-10/2022-12"]


def test_a_range_each_month_of_a_span_has_no_one_period(kb) -> None:
    text = "Sales of BEVs remained at 190,000–205,000 units per month between April and September."
    assert read(kb, text) == [(D(190_000), None, "bev-sales-monthly-average", None, "actual")]


def test_year_to_date_through_a_month_runs_from_january_to_it(kb) -> None:
    text = "Year-to-date through November, overseas deliveries totaled 912,562 vehicles."
    assert [f[3] for f in read(kb, text)] == ["2025-01/2025-11"]
