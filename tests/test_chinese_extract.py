"""`autofacts extract` on Chinese text: metric, place, period and kind of every figure.

The article below is written for the test (a city release in CAAM's manner); each expectation was
worked out by reading the sentence, not by running the program.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import yaml

from autofacts.reading.extract import extract_candidates

ARTICLE = """广州市2025年汽车工业运行情况

2025年1-11月，广州市汽车产量达到249.81万辆，同比下降2.3%。其中，新能源汽车产量约85万辆，同比增长12.1%。

上半年，全市汽车出口额达到459.8亿元，同比增长超过三成。

比亚迪2025年销量超过460万辆，是2021年的6倍多。

截至2025年8月底，全国充电基础设施总数达到1734.8万个。

中汽协预计，2026年我国汽车总销量将达到3500万辆左右，同比增长约3%。

2024年，全国汽车产量创近7年新高。

国务院提出，到2027年，新能源汽车渗透率达到百分之四十五。
"""

# value, qualifier, metric, region, period, kind, entity
EXPECTED = [
    (D(2_498_100), "exact", "vehicle-production", "Guangzhou", "2025-01/2025-11", "actual", None),
    (D("-2.3"), "exact", "vehicle-production-growth", "Guangzhou", "2025-01/2025-11", "actual", None),
    (D(850_000), "about", "nev-production", "Guangzhou", "2025-01/2025-11", "actual", None),
    # the catalogue has no NEV production growth: proposed, and `check` refuses it until defined
    (D("12.1"), "exact", "nev-production-growth", "Guangzhou", "2025-01/2025-11", "actual", None),
    (D(45_980_000_000), "exact", "vehicle-export-value", "Guangzhou", "2025-01/2025-06", "actual", None),
    (D(30), "over", "vehicle-export-value-growth", "Guangzhou", "2025-01/2025-06", "actual", None),
    # 2025 was not over on 10 December 2025, and no word says target or forecast: the curator decides
    (D(4_600_000), "over", "vehicle-sales", "World", "2025", "TODO", "BYD"),
    # 2021 is the base of the multiple, not its period; the catalogue has no vehicle-sales-multiple:
    # TODO (with the id proposed), never an id the catalogue lacks
    (D(6), "over", None, "World", "2025", "TODO", "BYD"),
    (D(17_348_000), "exact", "charging-points", "China", "2025-08-31", "actual", None),
    (D(35_000_000), "about", "vehicle-sales", "China", "2026", "forecast", None),
    (D(3), "about", "vehicle-sales-growth", "China", "2026", "forecast", None),
    (D(7), "exact", "vehicle-production-high-years", "China", "2024", "actual", None),
    (D(45), "exact", "nev-share", "China", "2027", "target", None),
]


def test_chinese_candidates(kb) -> None:
    found = [
        (c.mention.value, c.mention.qualifier, c.metric, c.region, c.period, c.kind, c.entity)
        for c in extract_candidates(ARTICLE, kb, date(2025, 12, 10))
    ]
    assert found == EXPECTED


def test_respectively_pairs_figures_with_the_parts_of_the_subject(kb) -> None:
    text = "2024年，我国汽车产销分别完成3128.2万辆和3143.6万辆，同比分别增长3.7%和4.5%。"
    found = [(c.mention.value, c.metric) for c in extract_candidates(text, kb, date(2025, 1, 13))]
    assert found == [
        (D(31_282_000), "vehicle-production"),
        (D(31_436_000), "vehicle-sales"),
        (D("3.7"), "vehicle-production-growth"),
        (D("4.5"), "vehicle-sales-growth"),
    ]


def test_a_place_and_a_period_carry_to_the_next_sentences(kb) -> None:
    text = "2023年，重庆汽车产量232万辆。新能源汽车产量50万辆。\n\n全球新能源汽车销量1400万辆。"
    found = [(c.metric, c.region, c.period) for c in extract_candidates(text, kb, date(2024, 2, 1))]
    assert found == [
        ("vehicle-production", "Chongqing", "2023"),
        ("nev-production", "Chongqing", "2023"),
        ("nev-sales", "World", "2023"),
    ]


def test_what_cannot_be_told_is_todo(kb) -> None:
    [c] = extract_candidates("这一数字为35家。", kb, date(2024, 2, 1))
    assert (c.mention.value, c.metric, c.region, c.period) == (D(35), None, None, None)


def test_extract_command_on_a_chinese_file(run, tmp_path: Path) -> None:
    doc = tmp_path / "zh.txt"
    doc.write_text("2022年，我国汽车出口311.1万辆，同比增长54.4%。\n", encoding="utf-8")
    result = run("extract", str(doc), "--published", "2023-01-12")
    assert result.exit_code == 0, result.stderr
    facts = yaml.safe_load(result.stdout)["facts"]
    assert [(f["metric"], f["value"], f["period"], f["region"]) for f in facts] == [
        ("vehicle-exports", 3_111_000, "2022", "China"),
        ("vehicle-exports-growth", 54.4, "2022", "China"),
    ]
    assert facts[0]["quote"] == "2022年，我国汽车出口311.1万辆，同比增长54.4%。"


MONTHLY = """10月，汽车产销分别完成335.9万辆和332.2万辆，环比分别增长2.3%和3.2%，同比分别增长12.1%和8.8%。
10月，乘用车产销分别完成302.1万辆和297.2万辆。
全年，新能源汽车新车销量达到汽车新车总销量的40.9%。
今年前三季度，规模以上汽车制造业增加值同比增长9.5%。
"""


def test_month_on_month_and_segments_are_their_own_metrics(kb) -> None:
    found = [
        (c.mention.value, c.metric, c.period, c.entity) for c in extract_candidates(MONTHLY, kb, date(2025, 11, 12))
    ]
    assert found == [
        (D(3_359_000), "vehicle-production", "2025-10", None),  # "10月": the October before publication
        (D(3_322_000), "vehicle-sales", "2025-10", None),
        # 环比 is month on month: never the year-on-year growth
        (D("2.3"), "vehicle-production-mom-growth", "2025-10", None),
        (D("3.2"), "vehicle-sales-mom-growth", "2025-10", None),
        (D("12.1"), "vehicle-production-growth", "2025-10", None),
        (D("8.8"), "vehicle-sales-growth", "2025-10", None),
        # passenger cars are not all vehicles
        (D(3_021_000), "passenger-vehicle-production", "2025-10", None),
        (D(2_972_000), "passenger-vehicle-sales", "2025-10", None),
        # 全年 with no year stated: the last whole year before publication in November 2025
        (D("40.9"), "nev-share", "2024", None),
        # "以上汽车" holds no company (上汽 is SAIC's short name)
        (D("9.5"), "manufacturing-added-value-growth", "2025-01/2025-09", None),
    ]


def test_pairs_without_fenbie_longest_phrase_and_percentage_points(kb) -> None:
    text = (
        "2024年我国汽车产销累计完成3128.2万辆和3143.6万辆。"
        "新能源汽车新车销量达到汽车新车总销量的40.9%，比上年提高9.3个百分点。"
        "比亚迪2024年全年销量达427.21万辆，其中海外销量41.72万辆。"
    )
    found = [(c.mention.value, c.metric, c.entity) for c in extract_candidates(text, kb, date(2025, 1, 13))]
    assert found == [
        (D(31_282_000), "vehicle-production", None),  # 产销 ... X和Y: respectively, unsaid
        (D(31_436_000), "vehicle-sales", None),
        (D("40.9"), "nev-share", None),
        (D("9.3"), None, None),  # a change of the share in points: no metric holds it
        (D(4_272_100), "vehicle-sales", "BYD"),
        (D(417_200), "vehicle-exports", "BYD"),  # 海外销量, not its shorter 销量
    ]


def test_a_dateline_place_is_not_the_figures_region(kb) -> None:
    text = "新华社北京1月13日电 1-12月，汽车产销分别完成3128.2万辆和3143.6万辆。北京市新能源汽车产量达到20万辆。"
    found = [(c.mention.value, c.metric, c.region, c.period) for c in extract_candidates(text, kb, date(2025, 1, 13))]
    assert found == [
        (D(31_282_000), "vehicle-production", None, "2024"),  # filed in Beijing, about no place it names
        (D(31_436_000), "vehicle-sales", None, "2024"),
        (D(200_000), "nev-production", "Beijing", "2024"),
    ]


def test_a_chinese_metric_the_catalogue_lacks_is_written_todo(run, tmp_path: Path) -> None:
    """Used-car transactions and battery installations have no metric in the catalogue: extract
    writes TODO for them, never a new metric id made up from the words."""
    doc = tmp_path / "zh.txt"
    doc.write_text("2025年，二手车交易量达到1961万辆。动力电池装车量为548.4GWh。\n", encoding="utf-8")
    result = run("extract", str(doc), "--published", "2026-01-15")
    assert result.exit_code == 0, result.stderr
    facts = yaml.safe_load(result.stdout)["facts"]
    assert [(f["metric"], f["value"]) for f in facts] == [("TODO", 19_610_000), ("TODO", 548.4)]
