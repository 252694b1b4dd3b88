"""The Chinese reader's grammar on sentences it was not tuned on: quarters and halves as month spans,
a comparison base's own metric, a brand group as the subject of the clause before, a company's share
of a market, shares of home sales, strong verbs of change. Every sentence is written for these tests
in the shape the press uses; every expectation was worked out by reading the sentence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from autofacts.reading.extract import extract_candidates
from autofacts.reading.numbers import read_numbers
from autofacts.reading.text import period_phrases
from tests.test_chinese_press import PUBLISHED, facts  # the same reading day and the same six fields


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("2025年第二季度销量", ["2025-04/2025-06"]),
        ("四季度", ["2024-10/2024-12"]),  # not over on 10 Dec 2025: last year's
        ("下半年", ["2024-07/2024-12"]),  # not over on 10 Dec 2025: last year's second half
        ("去年下半年", ["2024-07/2024-12"]),
        ("今年首季", ["2025-01/2025-03"]),
        # Taiwan and Hong Kong drop 度: 第三季 is the third quarter, 前三季 its first three
        ("2025年第三季營收", ["2025-07/2025-09"]),
        ("第二季交付", ["2025-04/2025-06"]),
        ("前三季營收", ["2025-01/2025-09"]),
        ("四季豆", []),  # no 第: not a quarter
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
    # the catalogue's nev-domestic-share (part nev-domestic-sales, whole vehicle-domestic-sales)
    assert facts(text, kb) == [(D("40.9"), "nev-domestic-share", None, "China", "2024", None)]


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


def test_a_destination_governs_its_clause_and_the_change_after_it_only(kb) -> None:
    text = "1-10月，我国对俄罗斯出口汽车100万辆，同比下降10%；新能源汽车出口200万辆，同比增长50%。"
    assert facts(text, kb) == [
        # exports to one market: not all exports; the exporter's (我国), not Russia's; the metric proposed
        (D(1_000_000), None, "vehicle-exports-to-destination", "China", "2025-01/2025-10", None),
        (D(-10), None, "vehicle-exports-to-destination-growth", "China", "2025-01/2025-10", None),
        (D(2_000_000), "nev-exports", None, "China", "2025-01/2025-10", None),  # 我国, not Russia
        (D(50), "nev-exports-growth", None, "China", "2025-01/2025-10", None),
    ]


def test_a_country_after_the_verb_or_named_as_a_market_is_a_destination(kb) -> None:
    text = "10月，中国汽车出口60万辆。出口俄罗斯10万辆。墨西哥是第二大出口市场。新能源汽车出口20万辆。"
    assert [(f[0], f[3]) for f in facts(text, kb) if f[0] > 100] == [
        (D(600_000), "China"),
        (D(100_000), "China"),  # 出口俄罗斯: where they go; the exporter, China, carried
        (D(200_000), "China"),  # Mexico, a market named, is carried to no sentence after
    ]


def test_a_companys_sales_in_a_country_are_placed_there(kb) -> None:
    text = "1-10月，比亚迪海外销量达到80万辆，其中在巴西销售10万辆。"
    assert [(f[0], f[3], f[5]) for f in facts(text, kb)] == [(D(800_000), "World", "BYD"), (D(100_000), "Brazil", "BYD")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("新能源汽车销量占汽车总销量的三分之一。", D(100) / 3),
        ("出口占总销量的1/4。", D(25)),
        ("台灣汽車產業產值達新台幣1.2兆元。", D(1_200_000_000_000)),  # 兆: 10^12 in Taiwan
    ],
)
def test_fractions_and_the_trillion_of_taiwan(kb, text: str, value: D) -> None:
    assert [f[0] for f in facts(text, kb)] == [value]


def test_a_megawatt_is_no_trillion(kb) -> None:
    assert [f[0] for f in facts("该工厂光伏装机容量为20兆瓦。", kb)] == [D(20)]


def test_a_slash_is_a_fraction_only_where_a_share_is_spoken_of() -> None:
    assert [m.unit for m in read_numbers("第3/4节")] == []  # no 占, 超过, 近: no share
    assert [(m.value, m.unit) for m in read_numbers("出口占近1/5")] == [(D(20), "percent")]


def test_a_number_right_after_a_latin_word_is_a_name() -> None:
    assert [m.value for m in read_numbers("特斯拉Model 3和Model Y共交付8万辆")] == [D(80_000)]


def test_all_industry_added_value_is_not_car_makings(kb) -> None:
    text = "1-10月，全国规模以上工业增加值同比增长6.1%，其中汽车制造业增加值增长11.2%。"
    assert [(f[0], f[1], f[2]) for f in facts(text, kb)] == [
        (D("6.1"), None, "industrial-added-value-growth"),
        (D("11.2"), "manufacturing-added-value-growth", None),
    ]


@pytest.mark.parametrize("text", ["10月，新能源汽车销量为170万辆，比上月增加10万辆。", "10月，新能源汽车销量为170万辆，同比减少10万辆。"])
def test_a_change_by_so_many_vehicles_is_not_a_level(kb, text: str) -> None:
    assert [f[1] for f in facts(text, kb)] == ["nev-sales", None]


def test_newly_registered_vehicles_are_a_level_of_registrations(kb) -> None:
    text = "2022年全国新注册登记新能源汽车535万辆，与上年相比增加240万辆。"
    assert [(f[0], f[1], f[2]) for f in facts(text, kb)] == [
        (D(5_350_000), None, "nev-registrations"),  # 新增/新注册: what is new in the year, not a change
        (D(2_400_000), None, None),
    ]


def test_the_fleet_of_automobiles_is_not_of_all_motor_vehicles(kb) -> None:
    text = "截至2022年底，全国机动车保有量达4.17亿辆，其中汽车3.19亿辆，摩托车8072万辆。"
    assert [(f[1], f[2]) for f in facts(text, kb)] == [
        ("vehicle-ownership", None),
        (None, "automobile-ownership"),
        (None, None),  # motorcycles: a segment the catalogue has no fleet for, proposed nothing coarser
    ]


def test_a_share_of_the_fleet_is_not_a_share_of_sales(kb) -> None:
    text = "全国新能源汽车保有量达1310万辆，占汽车总量的4.10%。"
    assert [(f[1], f[2]) for f in facts(text, kb)] == [("nev-ownership", None), (None, "nev-ownership-share")]


def test_the_start_of_a_span_does_not_date_the_sentences_after_it(kb) -> None:
    text = "新能源汽车销量从2018年的107万辆增长到2022年的535万辆。全国有84个城市的汽车保有量超过百万辆。"
    assert [f[4] for f in facts(text, kb)][2:] == ["2022", "2022"]


def test_places_listed_as_examples_of_a_count_are_not_its_region(kb) -> None:
    text = "全国汽车保有量超过300万辆的城市中，深圳、东莞、天津等13个城市超过300万辆。"
    assert [(f[0], f[3]) for f in facts(text, kb)] == [
        (D(3_000_000), "China"),
        (D(13), "China"),  # 13 cities of China, not Tianjin's
        (D(3_000_000), "Tianjin"),  # each of the listed cities: the last named
    ]


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("11月，小米SU7交付量超过2万辆。", "Xiaomi SU7"),
        ("问界M9上月销量为1.5万辆。", "AITO M9"),
        ("特斯拉Model Y在10月销量为4万辆。", "Tesla Model Y"),
        ("小米汽车11月交付超过4万辆，其中YU7交付2万辆。", "Xiaomi YU7"),
        ("10月，上汽大众销量为10万辆。", "SAIC Volkswagen"),  # a joint venture, not SAIC Motor
        ("10月，一汽-大众销量为15万辆。", "FAW-Volkswagen"),
        ("10月，哈弗品牌销量为6万辆。", "Haval"),  # a brand, not its group
    ],
)
def test_models_brands_and_joint_ventures_are_their_own_entities(kb, text: str, entity: str) -> None:
    assert [f[5] for f in facts(text, kb)][-1] == entity


def test_a_part_named_in_its_own_clause_is_that_parts(kb) -> None:
    text = "10月，新能源汽车销量为100万辆，其中纯电动汽车60万辆，插电式混合动力汽车40万辆。"
    assert [f[1] for f in facts(text, kb)] == ["nev-sales", "bev-sales", "phev-sales"]


def test_two_models_named_leave_the_company(kb) -> None:
    text = "10月，特斯拉Model 3和Model Y共交付8万辆。"
    assert [f[5] for f in facts(text, kb)] == ["Tesla"]


@pytest.mark.parametrize("text", ["比亚迪（1211）去年销量", "比亞迪 (002594-CN)(01211-HK) 在", "這一成績", "較一年前"])
def test_stock_codes_this_one_and_a_year_ago_are_no_figures(text: str) -> None:
    assert read_numbers(text) == []


def test_a_level_reached_after_a_rise_is_a_level(kb) -> None:
    text = "1-7月，奇瑞出口量年增130%至55.3万辆。"
    assert [(f[0], f[1]) for f in facts(text, kb)] == [(D(130), "vehicle-exports-growth"), (D(553_000), "vehicle-exports")]


@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        ("上月汽车销量为259.3万辆。", date(2025, 8, 11), "2025-07"),
        ("上个月汽车销量为259.3万辆。", date(2025, 1, 5), "2024-12"),  # January's last month is December
        ("乘联会预测，本月乘用车零售约227万辆。", date(2023, 12, 22), "2023-12"),
    ],
)
def test_last_month_and_this_month_count_from_publication(kb, text: str, published: date, period: str) -> None:
    assert [f[4] for f in facts(text, kb, published)] == [period]


def test_more_than_last_month_is_a_comparison_not_a_period(kb) -> None:
    text = "10月，新能源汽车销量为170万辆，比上月增长5%。"
    assert [(f[1], f[4]) for f in facts(text, kb)] == [("nev-sales", "2025-10"), ("nev-sales-mom-growth", "2025-10")]


def test_a_single_month_of_a_span_is_its_last_month(kb) -> None:
    text = "比亚迪在今年前7月的单月出口量达到8万辆左右。"
    assert [f[4] for f in facts(text, kb, date(2025, 8, 11))] == ["2025-07"]


def test_a_yearly_target_set_in_a_month_is_the_years(kb) -> None:
    text = "比亚迪去年9月把年度销售目标下调至460万辆。"
    assert [(f[0], f[4]) for f in facts(text, kb, date(2026, 1, 3))] == [(D(4_600_000), "2025")]


def test_a_sentence_going_on_about_a_brand_group_keeps_the_group(kb) -> None:
    text = "7月，中国品牌乘用车销售160.4万辆。今年前7月销量为1087.3万辆。"
    assert [f[1] for f in facts(text, kb, date(2025, 8, 11))] == [
        "domestic-brand-passenger-vehicle-sales",
        "domestic-brand-passenger-vehicle-sales",
    ]


def test_a_comparison_word_right_before_a_rate_makes_it_a_change(kb) -> None:
    text = "10月乘用车零售量约为227万辆，环比9.3%，同比4.8%。"
    assert [f[1] for f in facts(text, kb)] == [
        "passenger-vehicle-retail-sales",
        "passenger-vehicle-retail-sales-mom-growth",
        "passenger-vehicle-retail-sales-growth",
    ]


def test_cpca_by_its_short_name_is_china(kb) -> None:
    assert [f[3] for f in facts("乘联分会数据显示，10月乘用车零售量为227万辆。", kb)] == ["China"]


def test_a_forecast_word_governs_up_to_a_semicolon_or_a_turn(kb) -> None:
    text = "明年1月交付量预计为44万辆；全年则交付164万辆。"
    assert [(f[0], f[4]) for f in facts(text, kb)][1:] == [(D(1_640_000), "2024")]
    kinds = [c.kind for c in extract_candidates(text, kb, PUBLISHED)]
    assert kinds == ["forecast", "actual"]
    turned = "比亚迪把年度销售目标下调至460万辆，最终虽然达标，惟7.73%的增幅是近年最低。"
    assert [c.kind for c in extract_candidates(turned, kb, date(2026, 1, 3))] == ["target", "actual"]


def test_will_reach_is_a_forecast(kb) -> None:
    kinds = [c.kind for c in extract_candidates("2026年新能源汽车销量将达到1900万辆。", kb, PUBLISHED)]
    assert kinds == ["forecast"]


def test_a_company_in_latin_letters_in_a_chinese_sentence(kb) -> None:
    text = "Tesla周五公布，第4季度交付量418,227辆。"
    assert [(f[3], f[4], f[5]) for f in facts(text, kb)] == [("World", "2024-10/2024-12", "Tesla")]


def test_a_hedge_before_a_count_of_years_does_not_govern_the_share_after_it() -> None:
    found = [(m.value, m.qualifier) for m in read_numbers("销量将在不到两三年的时间内占据全国的一半")]
    assert found == [(D(50), "exact")]


def test_the_parts_of_a_forecast_are_forecast_for_its_year(kb) -> None:
    text = "中汽协预计2026年汽车总销量达3500万辆，同比增长3%。其中，乘用车3000万辆、新能源汽车1900万辆。"
    assert [(c.mention.value, c.metric, c.period, c.kind) for c in extract_candidates(text, kb, PUBLISHED)] == [
        (D(35_000_000), "vehicle-sales", "2026", "forecast"),
        (D(3), "vehicle-sales-growth", "2026", "forecast"),
        (D(30_000_000), "passenger-vehicle-sales", "2026", "forecast"),  # 、 ends what a figure counts
        (D(19_000_000), "nev-sales", "2026", "forecast"),
    ]


def test_segments_listed_before_fenbie_pair_with_the_figures_and_their_changes(kb) -> None:
    text = "2024年，乘用车、商用车销量分别为2756万辆、388万辆，同比分别增长5.8%和10.2%。"
    assert [f[1] for f in facts(text, kb)] == [
        "passenger-vehicle-sales",
        "commercial-vehicle-sales",
        "passenger-vehicle-sales-growth",
        "commercial-vehicle-sales-growth",
    ]


def test_a_segment_named_after_the_figures_does_not_end_the_topic(kb) -> None:
    text = "7月，中国品牌乘用车销售160.4万辆。今年前7月销量为1087.3万辆，主要因自主品牌新能源车型放量。"
    assert [f[1] for f in facts(text, kb, date(2025, 8, 11))][1] == "domestic-brand-passenger-vehicle-sales"


@pytest.mark.parametrize(
    ("text", "metric", "period"),
    [
        ("截至10月，今年新能源汽车累计销量为1300万辆。", "nev-sales", "2025-01/2025-10"),  # this year's: a flow
        ("截至10月，新能源汽车销量为1300万辆。", "nev-sales", "2025-01/2025-10"),  # sales up to October
        ("截至10月，全国新能源汽车保有量达3000万辆。", "nev-ownership", "2025-10-31"),  # a fleet: on that day
        ("截至10月31日，比亚迪今年累计交付350万辆。", "vehicle-deliveries", "2025-01/2025-10"),
        ("截至10月20日，新能源汽车销量为1200万辆。", "nev-sales", "2025-01-01/2025-10-20"),
    ],
)
def test_up_to_a_month_is_a_flow_from_january_or_a_stock_on_its_last_day(
    kb, text: str, metric: str, period: str
) -> None:
    assert [(f[1], f[4]) for f in facts(text, kb)] == [(metric, period)]


def test_an_all_time_total_as_of_a_month_is_dated_that_month(kb) -> None:
    text = "截至今年10月，比亚迪累计销量突破1000万辆。"
    assert [(f[1], f[4], f[5]) for f in facts(text, kb)] == [("cumulative-sales", "2025-10", "BYD")]


def test_yiji_joins_a_list_of_figures(kb) -> None:
    text = "去年中国汽车产销量分别为3453.1万辆以及3440万辆。"
    assert [(f[0], f[1]) for f in facts(text, kb, date(2026, 1, 15))] == [
        (D(34_531_000), "vehicle-production"),
        (D(34_400_000), "vehicle-sales"),
    ]


def test_renminbi_is_a_currency_unit() -> None:
    assert [(m.value, m.unit) for m in read_numbers("营业收入突破10兆人民币")] == [(D(10) ** 13, "yuan")]


def test_a_national_source_named_after_the_figures_places_them_in_china(kb) -> None:
    text = "10月，汽车产销分别完成335.9万辆和332.2万辆，中汽协数据显示。"
    assert [f[3] for f in facts(text, kb)] == ["China", "China"]


def test_a_source_does_not_override_a_place_named(kb) -> None:
    text = "据中汽协统计，10月广东汽车产量为30万辆。"
    assert [f[3] for f in facts(text, kb)] == ["Guangdong"]


def test_a_target_met_is_an_outcome_and_the_actual_after_a_target_is_actual(kb) -> None:
    met = "比亚迪2024年销量为427万辆，完成年度销量目标的118%。"
    assert [c.kind for c in extract_candidates(met, kb, PUBLISHED)] == ["actual", "actual"]
    after = "2024年比亚迪销量目标为360万辆，实际销量为427万辆。"
    assert [c.kind for c in extract_candidates(after, kb, PUBLISHED)] == ["target", "actual"]


def test_the_same_months_of_another_year(kb) -> None:
    text = "2024年1-10月，新能源汽车销量为975万辆，而2023年同期为728万辆。"
    assert [f[4] for f in facts(text, kb)] == ["2024-01/2024-10", "2023-01/2023-10"]


def test_growth_reaching_a_rate_is_a_change(kb) -> None:
    text = "10月，零跑汽车销量为7万辆，环比增长达66%。"
    assert [f[1] for f in facts(text, kb)] == ["vehicle-sales", "vehicle-sales-mom-growth"]


def test_companies_listed_before_fenbie_are_the_run_joined_before_it(kb) -> None:
    text = "10月，蔚来交付5055辆，理想汽车、小鹏汽车紧随其后，分别为3692辆和3040辆。"
    assert [f[5] for f in facts(text, kb)] == ["NIO", "Li Auto", "XPeng"]


def test_the_model_in_the_figures_own_clause(kb) -> None:
    text = "10月，蔚来ES6交付2695辆，ES8交付1477辆，EC6交付883辆。"
    assert [f[5] for f in facts(text, kb)] == ["NIO ES6", "NIO ES8", "NIO EC6"]


def test_a_company_right_after_the_unit_is_what_the_figure_counts(kb) -> None:
    text = "10月交付的新车包括2104辆小鹏P7、936辆小鹏G3。"
    assert [f[5] for f in facts(text, kb)] == ["XPeng P7", "XPeng G3"]


def test_a_company_in_brackets_after_another_is_an_aside(kb) -> None:
    text = "11月，赛力斯汽车(主要为问界品牌)销量为51677辆。"
    assert [f[5] for f in facts(text, kb)] == ["Seres"]


def test_each_bracketed_figure_is_the_name_before_its_bracket(kb) -> None:
    text = "11月交付排名依次是小鹏(36728辆)、蔚来汽车(36275辆)、某品牌(33181辆)与深蓝(33060辆)。"
    assert [f[5] for f in facts(text, kb)] == ["XPeng", "NIO", "TODO", "Deepal"]  # 某品牌: not in the catalogue


def test_deliveries_in_the_next_sentence_are_the_same_companys(kb) -> None:
    text = "蔚来10月交付新车5055辆。前10个月累计交付31430辆，这也是蔚来连续第8个月增长。"
    assert [(f[4], f[5]) for f in facts(text, kb)][1] == ("2025-01/2025-10", "NIO")


def test_a_plus_after_a_number_is_over() -> None:
    assert [(m.value, m.qualifier, m.unit) for m in read_numbers("小米(40000+辆)")] == [(D(40_000), "over", "vehicles")]


def test_the_end_of_a_span_from_a_year_is_not_that_years(kb) -> None:
    text = "电动私家车在新登记私家车中的比例已从2022年的超过20%增至约70%。"
    assert [(f[0], f[2], f[4]) for f in facts(text, kb)] == [
        (D(20), "ev-registrations-share", "2022"),  # a share of registrations, not of sales
        (D(70), "ev-registrations-share", None),
    ]


def test_viewed_from_a_period_is_no_span(kb) -> None:
    text = "从今年前7月整体数据来看，汽车销量累计完成1826.9万辆，同比增长12%。"
    assert [f[4] for f in facts(text, kb, date(2025, 8, 11))] == ["2025-01/2025-07", "2025-01/2025-07"]


@pytest.mark.parametrize("text", ["较五年前增长", "5年后", "三个月前"])
def test_a_time_ago_is_no_figure(text: str) -> None:
    assert read_numbers(text) == []


def test_a_projection_is_a_forecast(kb) -> None:
    kinds = [c.kind for c in extract_candidates("当局推算，2030年或有逾29万辆电动私家车。", kb, PUBLISHED)]
    assert kinds == ["forecast"]


def test_items_after_a_semicolon_stay_in_the_forecast_unless_they_state_their_own_period(kb) -> None:
    text = "中汽协预测，2020年全年总销量将为2530万辆左右；乘用车2020万辆；商用车510万辆。"
    assert [c.kind for c in extract_candidates(text, kb, date(2020, 12, 11))] == ["forecast"] * 3
    own = "预估第4季度交付44万辆；去年全年则交付164万辆。"
    assert [c.kind for c in extract_candidates(own, kb, date(2026, 1, 3))] == ["estimate", "actual"]  # Q4 is over


def test_a_plans_next_sentence_keeps_its_horizon(kb) -> None:
    text = "方案提出，2025年汽车销量力争达到3230万辆。方案同时要求汽车制造业增加值实现6%左右的增长。"
    assert [(c.period, c.kind) for c in extract_candidates(text, kb, date(2025, 9, 20))] == [
        ("2025", "target"),
        ("2025", "target"),
    ]


def test_an_estimate_of_a_period_over_is_an_estimate_and_of_one_to_come_a_forecast(kb) -> None:
    past = "市场估计显示，特斯拉2025年销量下降8%，至164万辆。"
    assert [c.kind for c in extract_candidates(past, kb, date(2026, 1, 2))] == ["estimate", "estimate"]
    ahead = "市场估计，特斯拉2026年销量将增长5%。"
    assert [c.kind for c in extract_candidates(ahead, kb, date(2026, 1, 2))] == ["forecast"]
    first = "据初步统计，10月新能源汽车销量为130万辆。"
    assert [c.kind for c in extract_candidates(first, kb, PUBLISHED)] == ["estimate"]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("11月1-16日，全国乘用车市场零售96.8万辆", ["2025-11-01/2025-11-16"]),  # CPCA's weekly figures
        ("2025年8月1日至10日，零售", ["2025-08-01/2025-08-10"]),
    ],
)
def test_spans_of_days(text: str, labels: list[str]) -> None:
    assert [p.label for p in period_phrases(text, PUBLISHED)] == labels


def test_the_days_of_a_span_are_no_figures() -> None:
    assert [m.value for m in read_numbers("11月1-16日，全国乘用车市场零售96.8万辆")] == [D(968_000)]


@pytest.mark.parametrize(
    ("text", "qualifier"), [("新能源汽车销量占比过半", "over"), ("占近半数", "nearly"), ("超半数", "over")]
)
def test_over_and_nearly_half(text: str, qualifier: str) -> None:
    assert [(m.value, m.unit, m.qualifier) for m in read_numbers(text)] == [(D(50), "percent", qualifier)]


def test_half_a_year_is_no_half() -> None:
    assert read_numbers("近半年来") == []


def test_a_provinces_share_of_the_nation_is_not_the_nations(kb) -> None:
    text = "广东省提出，到2027年底，全省新能源汽车产量力争突破100万辆，占全国比重达到15%。"
    assert [(f[3], f[4]) for f in facts(text, kb)] == [("Guangdong", "2027"), ("Guangdong", "2027-12-31")]
    national = "新能源汽车销量占全国汽车总销量的40.9%。"
    assert [f[3] for f in facts(national, kb)] == ["China"]


def test_short_names_of_carmakers(kb) -> None:
    text = "10月，长城销量为13万辆，一汽销量为30万辆，东风销量为20万辆。"
    assert [f[5] for f in facts(text, kb)] == ["Great Wall Motor", "FAW", "Dongfeng"]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("10月，特斯拉在华销量为6万辆。", "China"),
        ("10月，特斯拉中国销量为6万辆。", "China"),
        ("比亚迪10月国内销量为40万辆。", "China"),
        ("特斯拉上海超级工厂10月交付7.2万辆。", "Shanghai"),
        ("比亚迪10月销量为50万辆。", "World"),  # a company's own total: placed nowhere
        ("深圳的比亚迪10月销量为50万辆。", "World"),  # the place before the company is not where the figure is
    ],
)
def test_where_a_companys_figure_is(kb, text: str, region: str) -> None:
    assert [f[3] for f in facts(text, kb)] == [region]


def test_a_share_clause_with_no_subject_is_the_brand_groups(kb) -> None:
    text = "10月，中国品牌乘用车共销售200.4万辆，同比增长9.3%，占乘用车销售总量的68.5%。"
    assert [f[1] for f in facts(text, kb)][2] == "domestic-brand-passenger-vehicle-share"
    other = "10月，自主品牌销量为150万辆，新能源汽车销量为130万辆，占汽车总销量的45%。"
    assert [f[1] for f in facts(other, kb)][2] == "nev-share"  # a new subject between: the group's no more


def test_trade_in_both_directions_is_not_exports(kb) -> None:
    text = "1-10月，汽车商品进出口总额为2000亿美元，同比增长10%。"
    assert [(f[1], f[2]) for f in facts(text, kb)] == [
        (None, "vehicle-trade-value"),
        (None, "vehicle-trade-value-growth"),
    ]
