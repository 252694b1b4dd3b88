"""What "over", "about" and "nearly" mean, carried through arithmetic."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from autofacts.knowledge.interval import (
    QUALIFIERS,
    cagr,
    compare_to_line,
    difference,
    from_qualifier,
    growth,
    ratio,
)


def test_qualifiers_bound_the_right_side() -> None:
    over = from_qualifier(D(16), "over")
    assert (over.lo, over.hi, over.lo_open) == (D(16), None, True)
    about = from_qualifier(D(100), "about")
    # "about" is five per cent either side, written out so that a changed tolerance fails here
    assert (about.lo, about.hi) == (D(95), D(105))
    assert (from_qualifier(D("32.3"), "about").lo, from_qualifier(D("32.3"), "about").hi) == (D("30.685"), D("33.915"))
    nearly = from_qualifier(D(10), "nearly")
    assert (nearly.lo, nearly.hi, nearly.hi_open) == (D("9.5"), D(10), True)
    # "fell nearly 5 percent": short of -5, toward zero — the change lies in (-5, -4.75]
    fall = from_qualifier(D(-5), "nearly")
    assert (fall.lo, fall.hi, fall.lo_open, fall.hi_open) == (D(-5), D("-4.75"), True, False)
    assert not fall.intersects(from_qualifier(D("-5.1"), "exact"))
    assert fall.intersects(from_qualifier(D("-4.9"), "exact"))
    under = from_qualifier(D(3), "under")
    assert (under.lo, under.hi, under.hi_open) == (None, D(3), True)


def test_exceeded_34_million_meets_a_32_3_million_target() -> None:
    assert compare_to_line(from_qualifier(D(34_000_000), "over"), D(32_300_000), strict=False, ceiling=False) == "met"


def test_a_bound_on_the_wrong_side_cannot_tell() -> None:
    assert compare_to_line(from_qualifier(D(30), "over"), D(32), strict=False, ceiling=False) == "can't tell"
    assert compare_to_line(from_qualifier(D(30), "under"), D(32), strict=False, ceiling=False) == "missed"
    assert compare_to_line(from_qualifier(D(30), "under"), D(32), strict=False, ceiling=True) == "met"


def test_exactly_at_a_strict_line_is_not_enough() -> None:
    assert compare_to_line(from_qualifier(D(700_000), "exact"), D(700_000), strict=True, ceiling=False) == "missed"
    assert compare_to_line(from_qualifier(D(700_000), "over"), D(700_000), strict=True, ceiling=False) == "met"


def test_growth_from_lower_bounds_is_unknown() -> None:
    """Over 34 million after over 30 million says nothing about the growth rate."""
    g = growth(from_qualifier(D(34), "over"), from_qualifier(D(30), "over"))
    assert g is not None and g.lo is None and g.hi is None


def test_growth_of_exact_figures() -> None:
    g = growth(from_qualifier(D("2.54"), "exact"), from_qualifier(D("2.0"), "exact"))
    assert g is not None and g.lo == g.hi == D(27)


def test_cagr_of_exact_figures() -> None:
    rate = cagr(from_qualifier(D(100), "exact"), from_qualifier(D(121), "exact"), 2)
    assert rate is not None and abs(rate.lo - D(10)) < D("1e-9")


qualifier = st.sampled_from([q for q in QUALIFIERS if q != "between"])  # one figure; ranges below
value = st.decimals(min_value=D("0.001"), max_value=D("1e12"), allow_nan=False, allow_infinity=False, places=3)


@given(value, qualifier)
def test_intervals_stay_ordered(v: D, q: str) -> None:
    iv = from_qualifier(v, q)
    if iv.lo is not None and iv.hi is not None:
        assert iv.lo <= iv.hi
    assert iv.intersects(from_qualifier(v, "exact")) or q in ("over", "under", "nearly")


@given(value, qualifier, value, qualifier)
def test_difference_mirrors(a: D, qa: str, b: D, qb: str) -> None:
    ia, ib = from_qualifier(a, qa), from_qualifier(b, qb)
    ab, ba = difference(ia, ib), difference(ib, ia)
    assert ab.lo == (None if ba.hi is None else -ba.hi)
    assert ab.hi == (None if ba.lo is None else -ba.lo)
    assert ab.nominal == -ba.nominal  # type: ignore[operator]


@given(value, qualifier, value, qualifier)
def test_ratio_contains_the_ratio_of_nominal_values(a: D, qa: str, b: D, qb: str) -> None:
    r = ratio(from_qualifier(a, qa), from_qualifier(b, qb))
    if qb in ("under", "at-most"):
        assert r is None  # the denominator may be zero: no ratio is honest
        return
    assert r is not None
    point = a / b
    assert r.lo is None or r.lo <= point * (1 + D("1e-20"))
    assert r.hi is None or point <= r.hi * (1 + D("1e-20"))


def _inside(v: D, q: str) -> D:
    """A value the stated figure certainly allows."""
    return {"over": v + 1, "under": v / 2, "nearly": v * D("0.97")}.get(q, v)


@given(value, qualifier, value, st.booleans())
def test_a_definite_verdict_holds_for_every_value_in_the_interval(v: D, q: str, line: D, ceiling: bool) -> None:
    verdict = compare_to_line(from_qualifier(v, q), line, strict=False, ceiling=ceiling)
    point = compare_to_line(from_qualifier(_inside(v, q), "exact"), line, strict=False, ceiling=ceiling)
    assert point != "can't tell"
    if verdict != "can't tell":
        assert point == verdict


def test_a_range_is_a_closed_interval_with_no_single_figure() -> None:
    r = from_qualifier(D(3_600_000), "between", D(4_000_000))
    assert (r.lo, r.hi, r.lo_open, r.hi_open, r.nominal) == (D(3_600_000), D(4_000_000), False, False, None)
    # closed at both ends: "at least 3.6 million" and "at most 4 million" are met, "over 3.6 million"
    # and "under 4 million" cannot be told, and a floor of 4 million may or may not be reached
    assert compare_to_line(r, D(3_600_000), strict=False, ceiling=False) == "met"
    assert compare_to_line(r, D(3_600_000), strict=True, ceiling=False) == "can't tell"
    assert compare_to_line(r, D(4_000_000), strict=False, ceiling=True) == "met"
    assert compare_to_line(r, D(4_000_000), strict=True, ceiling=True) == "can't tell"
    assert compare_to_line(r, D(4_000_000), strict=False, ceiling=False) == "can't tell"
    # 3.6-4 million over exactly 3 million: from 20 % to 33.33... % growth
    g = growth(r, from_qualifier(D(3_000_000), "exact"))
    assert g is not None and (g.lo, round(g.hi, 4)) == (D(20), D("33.3333"))


def test_a_range_needs_a_top_above_its_foot() -> None:
    for upper in (None, D(2)):
        try:
            from_qualifier(D(3), "between", upper)
        except ValueError as exc:
            assert "a range needs an upper end" in str(exc)
        else:
            raise AssertionError("accepted a range without a proper top")
