"""Traditional Chinese and 分别 ("respectively"), on sentences written for these tests in the manner of
Hong Kong and mainland wire copy; each expectation was worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from autofacts.reading.chinese import nfkc
from autofacts.reading.extract import extract_candidates
from autofacts.reading.numbers import read_numbers
from autofacts.reading.text import period_phrases
from autofacts.reading.traditional import fold


def test_fold_keeps_offsets_and_reads_traditional_as_simplified() -> None:
    text = "汽車產銷分別完成327.6萬輛，同比增長１７％"
    folded = fold(text)
    assert folded == "汽车产销分别完成327.6万辆，同比增长17%"
    assert len(folded) == len(text)  # one character for one: offsets into the text stay right
    assert nfkc("億") == "亿"


def test_traditional_numbers_read_with_their_unit() -> None:
    found = [(m.value, m.unit, m.qualifier, m.text) for m in read_numbers("上月銷量超過327.6萬輛，出口約1.2億元。")]
    assert found == [
        (D(3_276_000), "vehicles", "over", "327.6萬輛"),  # the quote keeps the characters as written
        (D(120_000_000), "yuan", "about", "1.2億元"),
    ]


def test_traditional_decline_is_negative() -> None:
    [m] = read_numbers("出口量按年下跌4.5%。")
    assert m.value == D("-4.5")


def test_traditional_periods() -> None:
    labels = [p.label for p in period_phrases("今年前9個月，銷量……；1-10月……", date(2025, 11, 14))]
    assert labels == ["2025-01/2025-09", "2025-01/2025-10"]
    # 前9月 without the measure word 个 is the same span
    assert [p.label for p in period_phrases("前9月銷量增長", date(2025, 10, 14))] == ["2025-01/2025-09"]


def test_traditional_article_candidates(kb) -> None:
    text = "中國汽車工業協會數據顯示，9月，汽車產銷分別完成301.2萬輛和298.7萬輛，同比分別增長8.1%和7.6%。"
    found = [
        (c.mention.value, c.metric, c.region, c.period, c.mention.text)
        for c in extract_candidates(text, kb, date(2025, 10, 14))
    ]
    assert found == [
        (D(3_012_000), "vehicle-production", "China", "2025-09", "301.2萬輛"),
        (D(2_987_000), "vehicle-sales", "China", "2025-09", "298.7萬輛"),
        (D("8.1"), "vehicle-production-growth", "China", "2025-09", "8.1%"),
        (D("7.6"), "vehicle-sales-growth", "China", "2025-09", "7.6%"),
    ]
    # the quote is the sentence as written, in traditional characters
    assert extract_candidates(text, kb, date(2025, 10, 14))[0].sentence.text == text


def test_respectively_with_ascii_commas_proposes_each_figure_once(kb) -> None:
    # mainland copy often writes ASCII commas between Chinese clauses
    text = "1月至10月,全国汽车产销量分别达2500.4万辆和2488.9万辆,同比分别增长9%和9.6%。"
    found = [(c.mention.value, c.metric, c.period) for c in extract_candidates(text, kb, date(2025, 11, 12))]
    assert found == [
        (D(25_004_000), "vehicle-production", "2025-01/2025-10"),
        (D(24_889_000), "vehicle-sales", "2025-01/2025-10"),
        (D(9), "vehicle-production-growth", "2025-01/2025-10"),
        (D("9.6"), "vehicle-sales-growth", "2025-01/2025-10"),
    ]


def test_the_same_period_last_year_is_a_year_earlier(kb) -> None:
    text = "6月份，新能源车零售渗透率达到51.1%，相比去年同期的35.2%提升明显。"
    found = [(c.mention.value, c.period) for c in extract_candidates(text, kb, date(2025, 7, 8))]
    assert found == [(D("51.1"), "2025-06"), (D("35.2"), "2024-06")]


def test_companies_paired_by_respectively(kb) -> None:
    text = "1-9月，比亚迪、上汽、长安汽车分别以326.1万辆、311.7万辆、210.3万辆位列前三。"
    found = [(c.mention.value, c.entity) for c in extract_candidates(text, kb, date(2025, 10, 14))]
    assert found == [(D(3_261_000), "BYD"), (D(3_117_000), "SAIC Motor"), (D(2_103_000), "Changan")]
    # 上汽 inside 以上汽车 is no company
    assert [c.entity for c in extract_candidates("9月，10万元以上汽车销量为80万辆。", kb, date(2025, 10, 14))] == [
        None,
        None,
    ]


def test_so_far_this_year_after_a_span(kb) -> None:
    text = "今年前9个月，汽车出口495万辆。其中，新能源汽车今年来累计出口175.8万辆。"
    found = [(c.mention.value, c.period) for c in extract_candidates(text, kb, date(2025, 10, 14))]
    assert found == [(D(4_950_000), "2025-01/2025-09"), (D(1_758_000), "2025-01/2025-09")]
