"""Who a figure is about and where: companies, brands and makers, subjects carried from a sentence
before, lists paired by "respectively"/分别, and regions (World, China, a market, a destination).
Sentences composed for these tests in the press's manner; every expected field worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from autofacts.reading.entities import chinese_companies, named_companies
from autofacts.reading.extract import extract_candidates
from autofacts.reading.places import PLACE_SET

PUBLISHED = date(2025, 12, 3)


def who(kb, text: str, published: date = PUBLISHED) -> list[tuple[D, str | None, str | None]]:
    """(value, entity, region) of every candidate, in order."""
    return [(c.mention.value, c.entity, c.region) for c in extract_candidates(text, kb, published)]


# --- names that are also words ----------------------------------------------------------------------


def test_smart_is_the_brand_only_where_it_stands_as_a_name() -> None:
    assert [e[2] for e in named_companies("The premium smart electric SUVs sold well.", [], PLACE_SET)] == []
    assert [e[2] for e in named_companies("smart sold 4,000 cars in May.", [], PLACE_SET)] == ["smart"]
    assert [e[2] for e in named_companies("Sales of the smart brand rose.", [], PLACE_SET)] == ["smart"]


def test_a_short_chinese_name_that_is_also_a_word() -> None:
    assert chinese_companies("理想第三季度交付9.3万辆") == [(0, "Li Auto")]
    assert chinese_companies("去年有盈利的理想，第三季度亏损") == [(6, "Li Auto")]
    assert chinese_companies("销量表现并不理想") == []
    assert chinese_companies("这是较为理想的结果") == []


def test_a_smart_adjective_gives_the_figure_to_the_maker_before(kb) -> None:
    text = "NIO delivered 16,000 vehicles in November 2023, including 5,400 premium smart electric sedans."
    assert [(v, e) for v, e, _ in who(kb, text)] == [(D(16_000), "NIO"), (D(5_400), "NIO")]


def test_the_chinese_short_name_owns_its_paragraph(kb) -> None:
    text = "分析师指出，去年盈利的理想，第三季度营收274亿元，同比下降36%。"
    assert who(kb, text) == [(D(27_400_000_000), "Li Auto", "World"), (D(-36), "Li Auto", "World")]


def test_foreign_makers_are_the_worlds_not_the_continents(kb) -> None:
    # Porsche is a carmaker, not Europe's industry: its profit is worldwide
    text = "中国电动车已给欧洲车企带来压力，保时捷第三季度净利润下降99%。"
    assert [(e, r) for _, e, r in who(kb, text)] == [("Porsche", "World")]
    text = "威马汽车10月销售新车3003辆，同比增长46%。"
    assert [(e, r) for _, e, r in who(kb, text, date(2020, 11, 5))] == [("WM Motor", "World"), ("WM Motor", "World")]


# --- national bodies --------------------------------------------------------------------------------


def test_a_ministry_is_the_countrys(kb) -> None:
    text = (
        "The Ministry of Industry and Information Technology said the goal for 2026 is to sell "
        "about 33 million vehicles."
    )
    assert [r for _, _, r in who(kb, text)] == ["China"]
    text = "MIIT data showed 1.3 million NEVs were sold in October."
    assert [r for _, _, r in who(kb, text)] == ["China"]


# --- lists, yardsticks, brands ------------------------------------------------------------------


def test_figures_before_respectively_pair_with_the_companies_in_order(kb) -> None:
    text = "XPeng and Leapmotor delivered 30,000 and 40,000 vehicles in November, respectively."
    assert [(v, e) for v, e, _ in who(kb, text)] == [(D(30_000), "XPeng"), (D(40_000), "Leapmotor")]
    # a list of measures of one company is no list of companies
    text = "BYD's production and sales were 480,000 and 470,000 vehicles in November, respectively."
    assert [(v, e) for v, e, _ in who(kb, text)] == [(D(480_000), "BYD"), (D(470_000), "BYD")]
    # more figures than companies: which is whose is not said
    text = "NIO and XPeng delivered 10,000, 11,000 and 12,000 vehicles from July to September, respectively."
    assert [e for _, e, _ in who(kb, text)] == ["TODO", "TODO", "TODO"]


def test_a_yardstick_with_its_own_figure_owns_it(kb) -> None:
    text = "Geely's tally was higher than Chery's sales of 200,000 vehicles in November."
    assert [(v, e) for v, e, _ in who(kb, text)] == [(D(200_000), "Chery")]


def test_a_brand_named_in_the_figures_noun_owns_it(kb) -> None:
    text = "Volkswagen still led when the 30,000 units sold under the Audi brand in November are counted."
    assert [(v, e) for v, e, _ in who(kb, text)] == [(D(30_000), "Audi")]


# --- the subject of a paragraph ----------------------------------------------------------------


def test_a_company_goes_on_being_the_subject(kb) -> None:
    text = (
        "Leapmotor sold 70,000 vehicles in November.\n"
        "While sales of its larger models rose 20%, hybrids fell 4%.\n"
        "Looking at the rest of the year, the company is aiming for 80,000 sales in December."
    )
    assert [(v, e) for v, e, _ in who(kb, text)] == [
        (D(70_000), "Leapmotor"),
        (D(20), "Leapmotor"),
        (D(-4), "Leapmotor"),
        (D(80_000), "Leapmotor"),
    ]
    # a sentence about the market ends it
    text = "Leapmotor sold 70,000 vehicles in November.\nMarket sales of hybrids fell 4%."
    assert [(v, e) for v, e, _ in who(kb, text)] == [(D(70_000), "Leapmotor"), (D(-4), None)]


# --- regions of a company's figures ------------------------------------------------------------


def test_a_companys_retail_sales_are_counted_in_a_market(kb) -> None:
    text = (
        "BYD was the top-selling brand in China in the first three weeks of May.\n"
        "Retail sales for BYD totaled 150,000 vehicles from May 1 to May 21."
    )
    assert who(kb, text)[-1] == (D(150_000), "BYD", "China")
    # no market named: the curator says which
    text = "Retail sales for BYD totaled 150,000 vehicles from May 1 to May 21."
    assert who(kb, text) == [(D(150_000), "BYD", None)]
    # its sales, with no market: worldwide
    text = "BYD sold 150,000 vehicles from May 1 to May 21."
    assert who(kb, text) == [(D(150_000), "BYD", "World")]


def test_the_parts_of_figures_keep_their_place(kb) -> None:
    text = "Tesla sold 60,000 China-made vehicles in October.\nThe October sales included 20,000 that were exported."
    assert who(kb, text) == [(D(60_000), "Tesla", "China"), (D(20_000), "Tesla", "China")]
    text = "Tesla sold 60,000 vehicles in October.\nThe October sales included 20,000 that were exported."
    assert who(kb, text) == [(D(60_000), "Tesla", "World"), (D(20_000), "Tesla", "World")]


# --- exports to one destination ------------------------------------------------------------------


def candidates(kb, text: str, published: date = PUBLISHED) -> list[tuple[D, str | None, str | None]]:
    """(value, metric, region) of every candidate, in order."""
    return [(c.mention.value, c.metric, c.region) for c in extract_candidates(text, kb, published)]


def test_exports_to_one_destination_are_the_exporters_and_no_metric_of_all_exports(kb) -> None:
    text = "In November, China's NEV exports to Latin America rose 283% to 35,182 units."
    assert candidates(kb, text) == [(D(283), None, "China"), (D(35_182), None, "China")]
    # the destination governs its clause only
    text = "In October, vehicle exports from China reached 600,000 units, and shipments to Europe rose 10%."
    assert candidates(kb, text) == [(D(600_000), "vehicle-exports", "China"), (D(10), None, "China")]


def test_chinese_exports_to_one_destination_are_the_exporters(kb) -> None:
    text = "11月，中国出口至欧盟的电动车年增39%至2.58万辆。"
    assert candidates(kb, text) == [(D(39), None, "China"), (D(25_800), None, "China")]
    # a destination named as the largest export region, and the list going on after 其次是
    text = "据海关数据，11月亚洲是中国电动车最大出口地区，年增71%至11万辆，其次是欧洲年增63%至4.3万辆、拉丁美洲年增283%至3.5万辆。"
    assert [r for _, _, r in candidates(kb, text)] == ["China"] * 6
    assert [m for _, m, _ in candidates(kb, text)] == [None] * 6


# --- a company's figures, in Chinese -----------------------------------------------------------


def test_a_companys_share_of_its_own_sales_is_its_own(kb) -> None:
    text = "吉利2月新能源汽车销量11.75万辆，占整体销量达57%。"
    assert who(kb, text, date(2026, 3, 2)) == [(D(117_500), "Geely", "World"), (D(57), "Geely", "World")]


def test_a_companys_sales_in_a_named_market(kb) -> None:
    text = "特斯拉宣布10月中国市场销量下降30%。"
    assert who(kb, text) == [(D(-30), "Tesla", "China")]


def test_what_only_a_company_reports_goes_on_about_the_company_before(kb) -> None:
    text = "小鹏汽车第三季度交付11.6万辆。第三季度营收203.8亿元，净亏损3.8亿元。"
    assert [(e, r) for _, e, r in who(kb, text)] == [("XPeng", "World")] * 3
    # the market's figures do not
    text = "小鹏汽车第三季度交付11.6万辆。第三季度行业整体亏损扩大。"
    assert [(e, r) for _, e, r in who(kb, text)] == [("XPeng", "World")]


# --- more of a company's figures -----------------------------------------------------------------


def test_a_companys_other_figures_are_worldwide_but_its_sites_are_asked(kb) -> None:
    text = "Li Auto's power battery installations were 2.5 GWh in October."
    assert [(e, r) for _, e, r in who(kb, text)] == [("Li Auto", "World")]
    text = "Li Auto has over 500 retail stores."
    assert [(e, r) for _, e, r in who(kb, text)] == [("Li Auto", None)]


def test_a_market_after_the_company_is_not_the_companys(kb) -> None:
    text = "BYD's results come after global EV sales hit a record 1.9 million units in October."
    assert who(kb, text) == [(D(1_900_000), None, "World")]
    # its own global sales are its own
    text = "BYD's global sales hit 440,000 units in October."
    assert who(kb, text) == [(D(440_000), "BYD", "World")]


def test_the_company_in_of_its_vehicles_owns_the_figure(kb) -> None:
    text = "Cumulative deliveries of NIO vehicles reached 900,000 as of November 30, 2025."
    assert [e for _, e, _ in who(kb, text)] == ["NIO"]


def test_a_model_named_in_a_sentence_about_the_company_before(kb) -> None:
    text = "XPeng delivered 35,000 vehicles in November.\nThe G7 rivals the Tesla Model Y and sells for about $28,000."
    assert [(v, e) for v, e, _ in who(kb, text)] == [(D(35_000), "XPeng"), (D(28_000), "XPeng G7")]
    # a sentence opening with the model is about it, whatever its verb
    text = "XPeng delivered 35,000 vehicles in November.\nThe G7 rivals the Tesla Model Y and retails for $28,000."
    assert [(v, e) for v, e, _ in who(kb, text)] == [(D(35_000), "XPeng"), (D(28_000), "XPeng G7")]
    # but Tesla's Model Y opening a sentence is no XPeng model
    text = "XPeng delivered 35,000 vehicles in November.\nModel Y prices start at $35,000."
    assert [(v, e) for v, e, _ in who(kb, text)] == [(D(35_000), "XPeng"), (D(35_000), None)]
    text = "NIO sold 7,000 cars in May.\nThe new ET7 sedan became the most popular model with 1,700 units sold."
    assert [(v, e) for v, e, _ in who(kb, text)] == [(D(7_000), "NIO"), (D(1_700), "NIO ET7")]


def test_the_eu_is_a_place(kb) -> None:
    text = "The EU will levy extra tariffs of up to 35.3 percent on Chinese EVs."
    assert [r for _, _, r in who(kb, text)] == ["European Union"]


def test_a_sentence_does_not_end_before_a_lowercase_word() -> None:
    from autofacts.reading.text import sentences

    text = "Volkswagen sold 10,000 ID. series EVs in China. Sales rose."
    assert [s.text for s in sentences(text)] == ["Volkswagen sold 10,000 ID. series EVs in China.", "Sales rose."]


# --- what a company reports, and what is a market's ------------------------------------------------


def test_a_companys_price_and_orders_are_left_to_the_curator(kb) -> None:
    text = "Leapmotor opened orders for the B10, with prices starting at 99,800 yuan."
    assert [(e, r) for _, e, r in who(kb, text)] == [("Leapmotor B10", None)]
    text = "Leapmotor received 12,000 pre-orders for the B10 within a day."
    assert [(e, r) for _, e, r in who(kb, text)] == [("Leapmotor B10", None)]
    # what it reports is its worldwide total, even with no catalogue metric for it
    text = "BYD's battery installations were 11.2 GWh in December."
    assert [(e, r) for _, e, r in who(kb, text)] == [("BYD", "World")]


def test_a_chinese_results_paragraph_stays_with_its_company(kb) -> None:
    text = (
        "小鹏汽车公布第三季净亏损15.95亿元。总收入57.2亿元，集团期内毛利率14.4%。\n"
        "集团又透露，10月交付量达1.01万辆，包括6,044辆P7和3,657辆G3。"
    )
    assert [e for _, e, _ in who(kb, text, date(2021, 11, 18))] == [
        "XPeng",
        "XPeng",
        "XPeng",
        "XPeng",
        "XPeng P7",  # the model right after the figure's unit
        "XPeng G3",
    ]


def test_words_of_time_before_automobiles_are_no_unknown_carmaker(kb) -> None:
    # 季内汽车交付量: "the quarter's vehicle deliveries", not a carmaker called 季内
    text = "蔚来公布第二季业绩。季内汽车交付量按年下降6.1%至2.3万辆。"
    assert [e for _, e, _ in who(kb, text, date(2023, 9, 6))] == ["NIO", "NIO"]
    # a carmaker the catalogue lacks is still asked about
    text = "天际汽车10月交付量为500辆。"
    assert [e for _, e, _ in who(kb, text, date(2021, 11, 2))] == ["TODO"]


def test_a_market_share_written_short_is_the_markets(kb) -> None:
    text = "10月国内新能源汽车市场中，比亚迪市占比高达37%。"
    assert [(e, r) for _, e, r in who(kb, text, date(2022, 12, 5))] == [("BYD", "China")]
    # its NEVs' share of its own sales is its own
    text = "10月比亚迪新能源汽车销量占其总销量的99%。"
    assert [(e, r) for _, e, r in who(kb, text, date(2022, 12, 5))] == [("BYD", "World")]


def test_an_arm_of_a_group_is_an_aside(kb) -> None:
    text = (
        "BYD topped the list with 110,000 cars, followed by Beijing Electric Vehicles Company, "
        "the electric car-making arm of BAIC Group, which sold 100,000 such vehicles."
    )
    assert [(v, e) for v, e, _ in who(kb, text)] == [(D(110_000), "BYD"), (D(100_000), "BJEV")]


def test_a_company_whose_measure_the_figures_noun_names(kb) -> None:
    text = "This was the 9th consecutive increase in XPeng's quarterly revenue."
    assert [e for _, e, _ in who(kb, text)] == ["XPeng"]


def test_battery_installations_go_on_about_the_company(kb) -> None:
    text = "比亚迪12月销售新能源汽车23万辆。12月动力电池装机总量约为11.2GWh。"
    assert [(e, r) for _, e, r in who(kb, text, date(2023, 1, 3))] == [("BYD", "World"), ("BYD", "World")]
    # the nation's installations are not
    text = "比亚迪12月销售新能源汽车23万辆。12月我国动力电池装机总量约为30GWh。"
    assert [(e, r) for _, e, r in who(kb, text, date(2023, 1, 3))] == [("BYD", "World"), (None, "China")]


def test_a_table_of_the_companys_models(kb) -> None:
    text = (
        "XPeng delivered 30,000 vehicles in November.\n"
        "Deliveries by model:\n"
        "G6 (SUV): 12,000\n"
        "P7+: 9,000\n"
        "Total: 30,000\n"
    )
    assert [(v, e) for v, e, _ in who(kb, text)] == [
        (D(30_000), "XPeng"),
        (D(12_000), "XPeng G6"),
        (D(9_000), "TODO"),  # "P7+" is no model the reader knows: the line names no company
        (D(30_000), "XPeng"),
    ]


def test_a_press_releases_company_and_the_figure_referred_to(kb) -> None:
    text = (
        "Leapmotor reported revenue of 19 billion yuan in the third quarter, released before the US stock market opened.\n"
        "That's up 97 percent year-on-year.\n"
        "As of September 30, 2025, in China, the Company had 900 stores."
    )
    assert [(v, e, r) for v, e, r in who(kb, text)] == [
        (D(19_000_000_000), "Leapmotor", "World"),
        # "That's": the figure before's company; the US stock market places nothing (and with no metric
        # read for it, the region is the curator's)
        (D(97), "Leapmotor", None),
        (D(900), "Leapmotor", "China"),  # "the Company", after three leading phrases
    ]
