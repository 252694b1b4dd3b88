"""output/layout.py: where a cell may break, how it wraps, and how the columns share the width."""

from __future__ import annotations

from decimal import Decimal as D

from autofacts.knowledge.units import format_number, format_stated
from autofacts.output.layout import fit, pieces, shortest, wrap


def test_a_word_breaks_only_after_a_joining_hyphen_slash_or_underscore() -> None:
    assert pieces("manufacturing-added-value-growth") == ["manufacturing-", "added-", "value-", "growth"]
    assert pieces("fyp14-review") == ["fyp14-", "review"]
    assert pieces("seeds/000_5d12.txt") == ["seeds/", "000_", "5d12.txt"]
    # dates, periods, signed numbers stay whole
    assert pieces("2025-09") == ["2025-09"] and pieces("2021/2025") == ["2021/2025"] and pieces("-3") == ["-3"]
    assert pieces("汽车产业") == ["汽", "车", "产", "业"]  # Chinese is set without spaces
    assert shortest("agrees: xinhua-icv-plan (a)") == 7  # "agrees:" and "xinhua-" are the longest pieces
    assert shortest("≈ +828.6 %", spaces=False) == 10  # a figure does not break at its spaces


def test_each_joiner_has_its_own_rule_about_the_characters_around_it() -> None:
    # a hyphen: letter or digit before, a letter (not a digit) after
    assert pieces("a-1") == ["a-1"] and pieces("1-a") == ["1-", "a"] and pieces("_-a") == ["_-a"]
    assert pieces("é-ü") == ["é-", "ü"]  # letters beyond ASCII are letters
    # a slash: a letter (not a digit) before, any word character after, an underscore too
    assert pieces("1/a") == ["1/a"] and pieces("a/1") == ["a/", "1"] and pieces("a/_x") == ["a/", "_x"]
    # an underscore: letter or digit on both sides
    assert pieces("a_1") == ["a_", "1"] and pieces("a__b") == ["a__b"] and pieces("a_-b") == ["a_-b"]
    assert pieces("车-车") == ["车-", "车"] and pieces("a汽") == ["a汽"] and pieces("") == []


def test_wrap_keeps_words_whole() -> None:
    assert wrap("≈ 1.4 million vehicles", 10) == ["≈ 1.4", "million", "vehicles"]
    assert wrap("agrees: xinhua-icv-plan (a)", 14) == ["agrees:", "xinhua-icv-", "plan (a)"]
    assert wrap("NEV production\n(vehicles)", 20) == ["NEV production", "(vehicles)"]
    # only when the column is narrower than a piece is it cut, as a last resort
    assert wrap("≈ +828.6 %", 6, spaces=False) == ["≈ +828", ".6 %"]


def test_room_goes_first_to_columns_that_then_fit_on_one_line() -> None:
    # minimums 4, 6, 8 (18) in 30: the first two need 3 each to reach one line and get it; the third
    # gets the 6 left of its 14
    assert fit([4, 6, 8], [7, 9, 22], 30) == [7, 9, 14]
    assert fit([4, 6, 8], [7, 9, 22], 60) == [7, 9, 22]  # room for all: every cell on one line
    assert fit([10, 10], [20, 20], 15) is None  # the caller must show less


def test_short_figures_for_terminal_tables() -> None:
    assert format_stated(D(31_436_000), "exact", "vehicles", short=True) == "31.436 M"  # stated: every digit
    assert format_stated(D(1_400_000), "about", "vehicles", short=True) == "≈ 1.4 M"
    assert format_stated(D(45_980_000_000), "exact", "yuan", short=True) == "45.98 B"
    assert format_stated(D(950_000), "exact", "vehicles", short=True) == "950,000"
    assert format_stated(D("40.9"), "exact", "percent", short=True) == "40.9 %"
    # derived: three significant digits, a lower bound rounded down (105.26 % -> 105 %, not 105.3)
    assert format_number(D("828.571"), "percent", derived=True, short=True) == "829 %"
    assert format_number(D("105.26"), "percent", derived=True, side="lower", short=True) == "105 %"
    assert format_number(D("74.56"), "percent", derived=True, side="upper", short=True) == "74.6 %"
