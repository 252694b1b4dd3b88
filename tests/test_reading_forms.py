"""What is a figure and its form, in both languages: codes, spans, headings and idle ordinals are no
figures; falls are negative; ranges are one figure; hedges touch the figure they stand by.

Every sentence here is composed for the test; the expected values are worked out by hand.
"""

from __future__ import annotations

from decimal import Decimal

from autofacts.reading.chinese import nfkc
from autofacts.reading.nonfigures import not_a_figure
from autofacts.reading.numbers import read_numbers
from autofacts.reading.text import figure_mentions


def _figures(text: str) -> list[tuple[str, Decimal, str, str | None]]:
    """(words, value, qualifier, unit) of every figure the readers keep, in order."""
    folded = nfkc(text)
    return [(folded[m.start : m.end], m.value, m.qualifier, m.unit) for m in figure_mentions(folded)]


def _values(text: str) -> list[Decimal]:
    return [v for _, v, _, _ in _figures(text)]


# --- what is no figure --------------------------------------------------------------------------


def test_listing_codes_are_no_figures() -> None:
    assert _values("Xiaomi (1810) and BYD (1211.HK) sold 30,000 cars.") == [Decimal(30000)]
    assert _values("BYD (HKG: 1211) and its unit (SZSE: 002594) rose 5%.") == [Decimal(5)]
    assert _values("比亚迪（HK:1211）销量为20万辆。") == [Decimal(200000)]
    assert _values("小米（1810）交付新车5,000辆。") == [Decimal(5000)]


def test_a_code_is_told_by_its_brackets_not_by_any_four_digits() -> None:
    text = "Sales (12,000 units) rose."
    assert not not_a_figure(text, 12000.0, "vehicles", 7, 13)


def test_spans_of_time_are_no_figures() -> None:
    assert _values("Over the past three months sales rose 5%.") == [Decimal(5)]
    assert _values("In the first four weeks, sales were 10,000.") == [Decimal(10000)]
    assert _values("未來10年，销量将增长8%。") == [Decimal(8)]
    assert _values("過去3年销量为100万辆。") == [Decimal(1000000)]
    assert _values("在不到两年的时间内，销量占全国的一半。") == [Decimal(50)]


def test_a_span_bounding_a_record_is_the_record_figure() -> None:
    assert _figures("销量创近5年新低。") == [("5年", Decimal(5), "exact", "years")]
    assert _values("Sales were the highest in the past 10 years.") == [Decimal(10)]


def test_issuing_bodies_and_headings_are_no_figures() -> None:
    assert _values("The MIIT and seven other departments issued the plan.") == []
    assert _values("工信部等七个部门从五个方面发布方案。") == []
    assert _values("Key point 1: Standardize the order of competition") == []
    assert _values("Focus 2: Promote the pilot of connected vehicles") == []


def test_word_numbers_written_onto_nouns_are_descriptions() -> None:
    assert _values("China ended its zero-COVID policy.") == []
    assert _values("Its 7- or 6-seat SUV sold 746 units.")[-1] == Decimal(746)
    assert 7 not in _values("Its 7- or 6-seat SUV sold 746 units.")
    # but a record, a fold, a fraction and a scale stay figures
    assert _figures("Output hit a seven-year high.") == [("seven", Decimal(7), "exact", "years")]
    assert _figures("Output was two-fold that of 2020.") == [("two", Decimal(2), "exact", "times")]
    assert _values("A trillion-yuan-level cluster.") == [Decimal(10) ** 12]


def test_ordinals_that_rank_nothing_are_no_figures() -> None:
    assert _values("BYD built its first electric vehicle in 2003.") == []
    assert _values("Since the 18th CPC National Congress and its 40th anniversary, sales rose.") == []
    assert _values("公司进入第一梯队。") == []


def test_ranks_runs_and_milestones_stay_figures() -> None:
    assert _values("It is the second-largest maker.") == [Decimal(2)]
    assert _values("China ranked first in the world.") == [Decimal(1)]
    assert _values("Chongqing dropped to the “seventh city” in production.") == [Decimal(7)]
    assert _values("It was the 8th consecutive month of growth.") == [Decimal(8)]
    assert _values("NIO produced its 200,000th car.") == [Decimal(200000)]
    assert _values("销量连续第二年下滑。") == [Decimal(2)]


def test_read_numbers_still_reads_what_figure_mentions_drops() -> None:
    # coverage and check read every number: the code is a number, only not a figure
    assert [m.value for m in read_numbers("Xiaomi (1810) rose.")] == [Decimal(1810)]


# --- signs --------------------------------------------------------------------------------------


def _read(text: str) -> list[tuple[Decimal, str, str | None, Decimal | None]]:
    """(value, qualifier, unit, upper) of every number read_numbers finds."""
    return [(m.value, m.qualifier, m.unit, m.upper) for m in read_numbers(text)]


def test_a_fall_word_after_a_list_governs_every_per_cent_of_it() -> None:
    assert _read("Sales were 0.3% and 0.5% lower than a year earlier.") == [
        (Decimal("-0.3"), "exact", "percent", None),
        (Decimal("-0.5"), "exact", "percent", None),
    ]


def test_narrowing_is_a_fall_in_points() -> None:
    assert _read("The gap narrowed by 2.4 percentage points.") == [(Decimal("-2.4"), "exact", "percent", None)]
    assert _read("渗透率收窄2.4个百分点。") == [(Decimal("-2.4"), "exact", "percent", None)]


def test_a_fall_carries_over_a_left_out_verb_but_not_over_a_verb_of_its_own() -> None:
    assert [v for v, *_ in _read("Exports fell 5% and imports 3%.")] == [Decimal(-5), Decimal(-3)]
    assert [v for v, *_ in _read("Exports fell 5% and imports rose 3%.")] == [Decimal(-5), Decimal(3)]
    assert [v for v, *_ in _read("Exports fell 5% and imports were 3% higher.")] == [Decimal(-5), Decimal(3)]


def test_a_rates_fall_to_a_level_is_a_change_then_a_positive_level() -> None:
    assert _read("毛利率再降5.4%到15.5%。") == [
        (Decimal("-5.4"), "exact", "percent", None),
        (Decimal("15.5"), "exact", "percent", None),
    ]
    assert [v for v, *_ in _read("Its share fell 3% to 5%.")] == [Decimal(-3), Decimal(5)]


# --- ranges -------------------------------------------------------------------------------------


def test_ranges_are_one_figure_with_both_ends() -> None:
    assert _read("Output was 190,000–205,000 units.") == [(Decimal(190000), "between", "vehicles", Decimal(205000))]
    assert _read("Sales will be 1.2 million to 1.5 million units.") == [
        (Decimal(1200000), "between", "vehicles", Decimal(1500000))
    ]
    assert _read("预计销量为190万至205万辆。") == [(Decimal(1900000), "between", "vehicles", Decimal(2050000))]
    assert _read("预计销量在120万辆到150万辆之间。") == [(Decimal(1200000), "between", "vehicles", Decimal(1500000))]
    assert _read("预计增长5%-8%。") == [(Decimal(5), "between", "percent", Decimal(8))]


def test_a_range_of_falls_runs_from_the_larger_fall_to_the_smaller() -> None:
    assert _read("Sales are expected to shrink 3% to 5% next year.") == [
        (Decimal(-5), "between", "percent", Decimal(-3))
    ]
    assert _read("预计明年销量縮減3％至5％。") == [(Decimal(-5), "between", "percent", Decimal(-3))]


def test_a_change_and_the_level_it_reached_are_no_range() -> None:
    assert _read("Sales rose 200,000 to 1.5 million units.") == [
        (Decimal(200000), "exact", None, None),
        (Decimal(1500000), "exact", "vehicles", None),
    ]
    assert _read("渗透率从10%到15%。") == [
        (Decimal(10), "exact", "percent", None),
        (Decimal(15), "exact", "percent", None),
    ]
    assert _read("出口量年增130%至55.3万辆。") == [
        (Decimal(130), "exact", "percent", None),
        (Decimal(553000), "exact", "vehicles", None),
    ]


# --- hedges, multiples, fractions ---------------------------------------------------------------


def test_a_hedge_touches_the_figure_it_stands_by() -> None:
    assert _read("在不到两年的时间内，销量占全国的一半。")[-1] == (Decimal(50), "exact", "percent", None)
    assert [q for _, q, _, _ in _read("Sales were nearly 1 million, less than half of the target.")] == [
        "nearly",
        "under",
    ]
    assert [q for _, q, _, _ in _read("销量约20万辆，超过30万辆，60万辆以上，70万辆以下，80多万辆。")] == [
        "about",
        "over",
        "at-least",
        "at-most",
        "over",
    ]


def test_multiples_and_fractions() -> None:
    assert _read("销量翻番。") == [(Decimal(2), "exact", "times", None)]
    assert _read("Sales were 2.5 times those of 2020.")[0] == (Decimal("2.5"), "exact", "times", None)
    assert _read("销量同比增长2.5倍。") == [(Decimal(250), "exact", "percent", None)]
    assert _read("NEVs made up a quarter of sales.") == [(Decimal(25), "exact", "percent", None)]
    assert _read("新能源汽车占一半。") == [(Decimal(50), "exact", "percent", None)]


def test_a_narrowing_fall_is_a_rise() -> None:
    assert _read("The decline narrowed by 1.6 percentage points.") == [(Decimal("1.6"), "exact", "percent", None)]
    assert [v for v, *_ in _read("跌幅收窄1.6个百分点。")] == [Decimal("1.6")]


def test_a_proportion_of_counts_is_one_share() -> None:
    assert _figures("每10辆车中就有4辆是新能源汽车。") == [("10辆车中就有4辆", Decimal(40), "exact", "percent")]
    assert _values("每售出4辆国产汽车，仅有1辆为纯燃油车。") == [Decimal(25)]
    assert _values("One in five cars sold was an NEV, 1 in 4 in Europe.") == [Decimal(20), Decimal(25)]


def test_a_quarter_named_by_its_place_is_no_figure() -> None:
    assert _values("第三季销量为30万辆。") == [Decimal(300000)]


def test_a_milestone_in_millions_is_its_place_not_its_digits() -> None:
    assert _read("The company built its 10 millionth car.") == [(Decimal(10000000), "exact", "ordinal", None)]


def test_a_cut_by_a_per_cent_is_a_fall_and_as_much_as_is_a_ceiling() -> None:
    assert _read("The carmaker cut its sales target for 2010 by 25 percent.")[1:] == [
        (Decimal(-25), "exact", "percent", None)
    ]
    # at most 16 % down: the change is at least -16 %
    assert _read("It slashed its target by as much as 16%.") == [(Decimal(-16), "at-least", "percent", None)]
    assert _read("It sold 5.88% fewer cars in September than a year ago.") == [
        (Decimal("-5.88"), "exact", "percent", None)
    ]
    assert _read("The figure is 13 percent short of the target.") == [(Decimal(-13), "exact", "percent", None)]


def test_slower_by_points_is_a_fall_and_governs_its_list() -> None:
    text = "Output rose 11.9 percent, 1.3 percentage points and 1.0 percentage points slower than in October."
    assert [v for v, *_ in _read(text)] == [Decimal("11.9"), Decimal("-1.3"), Decimal("-1.0")]


def test_the_length_of_a_top_list_is_no_figure() -> None:
    assert _values("Six of the top 10 best-selling electric vehicles were Chinese.") == [Decimal(6)]


def test_a_hedged_proportion_keeps_its_hedge() -> None:
    assert _figures("每售出10辆中国品牌的车辆中，就有超过7辆是新能源汽车。")[0][1:] == (Decimal(70), "over", "percent")
