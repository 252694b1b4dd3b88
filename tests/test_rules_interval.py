"""The interval rules on their own: a difference keeps every open end of its operands.

"over 16" is (16, ∞), not [16, ∞): 16 itself is excluded. A difference whose lower end comes from
an open end must be open there too, or a verdict on the change would count the excluded value as
reached. Expectations worked out by hand: [a.lo - b.hi, a.hi - b.lo], each end open when either
operand's end it came from is open.
"""

from decimal import Decimal as D

from autofacts.knowledge.interval import compare_to_line, difference, from_qualifier


def ends(iv):
    return (iv.lo, iv.hi, iv.lo_open, iv.hi_open)


def test_an_open_lower_end_of_the_first_stays_open() -> None:
    # over 16 - exactly 12 = (4, ∞)
    assert ends(difference(from_qualifier(D(16), "over"), from_qualifier(D(12), "exact"))) == (D(4), None, True, False)


def test_an_open_upper_end_of_the_second_opens_the_lower_end() -> None:
    # exactly 20 - under 5 = 20 - (-∞, 5) = (15, ∞)
    assert ends(difference(from_qualifier(D(20), "exact"), from_qualifier(D(5), "under"))) == (D(15), None, True, False)


def test_an_open_lower_end_of_the_second_opens_the_upper_end() -> None:
    # exactly 20 - over 5 = 20 - (5, ∞) = (-∞, 15)
    assert ends(difference(from_qualifier(D(20), "exact"), from_qualifier(D(5), "over"))) == (None, D(15), False, True)


def test_an_open_upper_end_of_the_first_stays_open() -> None:
    # under 10 - exactly 4 = (-∞, 6)
    assert ends(difference(from_qualifier(D(10), "under"), from_qualifier(D(4), "exact"))) == (None, D(6), False, True)


def test_closed_bounds_give_closed_ends() -> None:
    # at least 10 - at most 4 = [10, ∞) - (-∞, 4] = [6, ∞)
    assert ends(difference(from_qualifier(D(10), "at-least"), from_qualifier(D(4), "at-most"))) == (
        D(6),
        None,
        False,
        False,
    )


def test_nearly_minus_nearly_is_open_at_both_ends() -> None:
    # nearly 10 = [9.5, 10); nearly 4 = [3.8, 4): [9.5, 10) - [3.8, 4) = (5.5, 6.2)
    assert ends(difference(from_qualifier(D(10), "nearly"), from_qualifier(D(4), "nearly"))) == (
        D("5.5"),
        D("6.2"),
        True,
        True,
    )


def test_the_open_end_decides_a_verdict_at_the_line() -> None:
    # sales grew from exactly 12 to over 16: the increase is (4, ∞). "An increase of more than 4"
    # (strict) is met only because 4 itself is excluded; a closed [4, ∞) could not tell.
    increase = difference(from_qualifier(D(16), "over"), from_qualifier(D(12), "exact"))
    assert compare_to_line(increase, D(4), strict=True, ceiling=False) == "met"
    # and a ceiling of "under 4" is missed for the same reason
    assert compare_to_line(increase, D(4), strict=True, ceiling=True) == "missed"
