"""Chinese wire copy is often hard-wrapped in the middle of a sentence (a line of about 38 characters,
no 。 before the break): the sentence goes on after the break, so a figure keeps the company, period
and measure stated before it. Listed companies carry their stock codes, "(深:002594)", which are no figures."""

from __future__ import annotations

from decimal import Decimal

from autofacts.reading.numbers import read_numbers
from autofacts.reading.text import sentences

WRAPPED = (
    "《某某通訊社31日專訊》某汽車公司(01234)(深:001234)公布,截至9月\n"
    "30日止第三季純利約116億元,升11%,營業收入2011億元,升24%,加權平\n"
    "均淨資產收益率7%。\n"
    "\n"
    "上半年銷量\n"
    "集團上半年銷量100萬輛。"
)


def test_a_hard_wrapped_sentence_is_one_sentence_and_a_heading_stands_alone() -> None:
    found = [s.text for s in sentences(WRAPPED)]
    assert found == [
        "《某某通訊社31日專訊》某汽車公司(01234)(深:001234)公布,截至9月\n"
        "30日止第三季純利約116億元,升11%,營業收入2011億元,升24%,加權平\n"
        "均淨資產收益率7%。",
        "上半年銷量",  # a short line: a heading, not a wrapped sentence
        "集團上半年銷量100萬輛。",
    ]


def test_a_line_ending_a_sentence_or_in_english_still_ends_it() -> None:
    assert [s.text for s in sentences("乘用车销量达到二百万辆，同比增长百分之十。\n出口量继续保持较快增长势头，十月份出口量达到六十万辆。")] == [
        "乘用车销量达到二百万辆，同比增长百分之十。",
        "出口量继续保持较快增长势头，十月份出口量达到六十万辆。",
    ]
    english = "China's vehicle exports kept growing quickly this year\nSales in October reached 3 million."
    assert [s.text for s in sentences(english)] == [
        "China's vehicle exports kept growing quickly this year",
        "Sales in October reached 3 million.",
    ]


def test_a_stock_code_with_its_exchange_is_no_figure() -> None:
    values = [m.value for m in read_numbers("某汽車公司(01234)(深:001234)公布,第三季純利約116億元")]
    assert values == [Decimal(11600000000)]


def test_a_results_sentence_naming_no_company_goes_on_about_the_one_before() -> None:
    from autofacts.reading.chinese_entities import goes_on

    # earnings per share, net profit as Hong Kong papers write it, "in the period" of a results release
    assert goes_on("每股盈利0.9218元，续不派中期股息。", "Geely")
    assert goes_on("首三季纯利252亿元，升18%。", "BYD")
    assert goes_on("期内，出口销量按年减8%至18.41万辆。", "Geely")
    # the industry's profit, or another company's, is not the company's
    assert not goes_on("行业盈利下降10%。", "Geely")
    assert not goes_on("比亚迪纯利252亿元。", "Geely")
