"""Rounding that never overstates: a lower bound is shown rounded down, an upper bound up."""

from __future__ import annotations

from decimal import Decimal as D

from autofacts.knowledge.interval import Interval, from_qualifier, growth, intersect, ratio, scale
from autofacts.knowledge.units import format_interval, interval_json, significant


def test_each_side_rounds_its_own_way() -> None:
    # 34 / 32.3 = 1.0526315..., worked by hand
    assert significant(D("105.26315789"), side="lower") == D("105.2")
    assert significant(D("105.26315789"), side="upper") == D("105.3")
    assert significant(D("105.26315789"), side="central") == D("105.3")
    # negative figures: down is away from zero for a lower bound
    assert significant(D("-7.2291"), side="lower") == D("-7.230")
    assert significant(D("-7.2291"), side="upper") == D("-7.229")


def test_over_34_million_against_about_32_3_million_is_at_least_105_2_percent() -> None:
    """The issue's case: a lower bound of 105.26 % must read "> 105.2 %", never "> 105.3 %"."""
    share = ratio(from_qualifier(D(34_000_000), "over"), from_qualifier(D(32_300_000), "exact"))
    assert share is not None
    assert format_interval(scale(share, D(100)), "percent") == "> 105.2 %"


def test_compare_bound_8_6887_percent_reads_8_688() -> None:
    """34 / 31.282 - 1 = 8.68870 %: a lower bound, shown "> +8.688 %" (not "> +8.689 %")."""
    g = growth(from_qualifier(D(34_000_000), "over"), from_qualifier(D(31_282_000), "exact"))
    assert g is not None
    assert format_interval(g, "percent", signed=True) == "> +8.688 %"


def test_upper_bound_rounds_up_and_a_range_rounds_outward() -> None:
    assert format_interval(Interval(None, D("158333.33"), hi_open=True), "vehicles") == "< 158,400 vehicles"
    assert format_interval(Interval(D("1.23456"), D("1.23451") + 1), "percent") == "1.234 % to 2.235 %"


def test_an_open_end_of_a_range_keeps_its_symbol() -> None:
    """"over 13 million" and "about 13 million" (12.35 to 13.65 million, ±5 %) leave (13 M, 13.65 M]:
    13 million itself is excluded, so the range must not read "13 M to 13.7 M"."""
    both = intersect(from_qualifier(D(13_000_000), "over"), from_qualifier(D(13_000_000), "about"))
    assert both is not None
    assert format_interval(both, "vehicles") == "> 13 million vehicles to 13.65 million vehicles"
    assert format_interval(both, "vehicles", short=True) == "> 13 M to 13.7 M"  # 3 digits, the upper end up
    assert format_interval(Interval(D("1.5"), D("2.5"), hi_open=True), "percent") == "1.5 % to < 2.5 %"
    assert format_interval(Interval(D(-2), D(3), True, True), "percent", signed=True) == "> -2 % to < +3 %"


def test_json_bounds_round_outward_and_never_invent_a_central_value() -> None:
    doc = interval_json(Interval(D("105.263157894736"), None, lo_open=True, nominal=D("105.263157894736")))
    assert doc == {"lower": 105.2631578, "upper": None, "lower_open": True, "upper_open": False, "nominal": 105.2631579}
    # "> 34 million" over "> 30 million": no bound at all, so no nominal 13.33 either
    unknown = growth(from_qualifier(D(34_000_000), "over"), from_qualifier(D(30_000_000), "over"))
    assert unknown is not None
    assert interval_json(unknown) == {
        "lower": None,
        "upper": None,
        "lower_open": True,
        "upper_open": True,
        "nominal": None,
    }
    # one exact value: both ends the same number
    assert interval_json(Interval(D(2) / D(3), D(2) / D(3)))["upper"] == 0.6666666667  # type: ignore[index]
