"""Evidence about one cell, combined: the intersection of every interval, and conflicts.

Every expected bound below is worked out by hand from the pieces' intervals and written out.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from autofacts.answers.evidence import Agreement, combine
from autofacts.knowledge.interval import Interval, from_qualifier, intersect, rounding
from tests.small_base import derived, fact

CELL = ("sales", "China", None, "actual", D(0), D(0))  # the key is only carried along


def bounds(iv: Interval | None) -> tuple[object, ...] | None:
    return None if iv is None else (iv.lo, iv.hi, iv.lo_open, iv.hi_open)


# --- interval arithmetic the combination rests on ---------------------------------------------


def test_intersect_takes_the_tighter_end_on_each_side() -> None:
    about = from_qualifier(D(100), "about")  # [95, 105]
    assert bounds(intersect(about, Interval(D(98), D(110)))) == (D(98), D(105), False, False)
    # at a tie the open end wins: (95, ...) and [95, 105] give (95, 105]
    assert bounds(intersect(about, from_qualifier(D(95), "over"))) == (D(95), D(105), True, False)
    # touching ends meet only when both are closed
    assert bounds(intersect(Interval(D(1), D(5)), Interval(D(5), D(9)))) == (D(5), D(5), False, False)
    assert intersect(Interval(D(1), D(5), hi_open=True), Interval(D(5), D(9))) is None
    assert intersect(from_qualifier(D(10), "under"), Interval(D(12), D(14))) is None
    # the nominal figure is kept only while it lies inside
    assert intersect(about, Interval(D(98), D(110))).nominal == D(100)  # type: ignore[union-attr]
    assert intersect(about, Interval(D(101), D(110))).nominal is None  # type: ignore[union-attr]


def test_rounding_is_half_a_unit_of_the_last_digit() -> None:
    assert bounds(rounding(D("40.9"))) == (D("40.85"), D("40.95"), False, False)
    assert bounds(rounding(D(31436000))) == (D(31435500), D(31436500), False, False)
    assert bounds(rounding(D(2))) == (D("1.5"), D("2.5"), False, False)


# --- cells ----------------------------------------------------------------------------------


def test_pieces_that_agree_exactly_both_make_the_bound() -> None:
    stated = fact("stated", "2024", "100")
    chain = derived("chain", "2024", Interval(D(100), D(100)))
    a = combine(CELL, [stated, chain])  # type: ignore[arg-type]
    assert a.agreement is Agreement.AGREE and bounds(a.interval) == (D(100), D(100), False, False)
    assert a.lower_from == (stated, chain) and a.upper_from == (stated, chain)
    assert not a.narrowed


def test_overlapping_pieces_give_their_common_part() -> None:
    """about 100 ([95, 105]) and a chain giving [98, 110]: [98, 105], low end from the chain, high end stated."""
    stated = fact("stated", "2024", "100", "about")
    chain = derived("chain", "2024", Interval(D(98), D(110)))
    a = combine(CELL, [stated, chain])  # type: ignore[arg-type]
    assert bounds(a.interval) == (D(98), D(105), False, False)
    assert a.lower_from == (chain,) and a.upper_from == (stated,)
    assert a.binding == (chain, stated) and a.narrowed


def test_a_nested_piece_is_the_answer() -> None:
    """ "more than 12 million" holds the chain's 12,857,324 (40.9 % x 31.436 million): the chain settles it."""
    stated = fact("more-than-12m", "2024", "12000000", "over", metric="nev-sales")
    chain = derived("share-x-total", "2024", Interval(D(12_857_324), D(12_857_324)), metric="nev-sales")
    a = combine(CELL, [stated, chain])  # type: ignore[arg-type]
    assert a.agreement is Agreement.AGREE
    assert bounds(a.interval) == (D(12_857_324), D(12_857_324), False, False)
    assert a.lower_from == (chain,) and a.upper_from == (chain,)


def test_a_lower_and_an_upper_bound_close_an_interval() -> None:
    """over 16 (stated) and under 18 (a chain): (16, 18), each piece making one end."""
    stated = fact("over16", "2025", "16", "over")
    chain = derived("under18", "2025", Interval(None, D(18), hi_open=True))
    a = combine(CELL, [stated, chain])  # type: ignore[arg-type]
    assert bounds(a.interval) == (D(16), D(18), True, True)
    assert a.lower_from == (stated,) and a.upper_from == (chain,)


def test_conflicting_pieces_are_a_conflict_naming_both() -> None:
    """under 10 (stated) and [12, 14] (a chain) share no value: a conflict, the lower piece first."""
    stated = fact("under10", "2025", "10", "under")
    chain = derived("twelve-to-14", "2025", Interval(D(12), D(14)))
    a = combine(CELL, [chain, stated])  # type: ignore[arg-type]
    assert a.agreement is Agreement.CONFLICT and a.interval is None
    assert a.conflict == (stated, chain)


def test_pieces_differing_in_the_last_digit_agree_within_rounding() -> None:
    """Stated 12.866 million against the chain 40.9 % x 31.436 million = 12,857,324: exactly they miss,
    but read to their rounding (12,865,500-12,866,500 and 0.4085 x 31,435,500 = 12,841,401.75 to
    0.4095 x 31,436,500 = 12,873,246.75) they meet, and the stated figure stands."""
    from autofacts.knowledge.model import Derivation, Step

    stated = fact("caam", "2024", "12866000", metric="nev-sales")
    chain = derived("share-x-total", "2024", Interval(D(12_857_324), D(12_857_324)), metric="nev-sales")
    assert chain.derived_from is not None
    read = Interval(D("12841401.75"), D("12873246.75"))
    chain = replace(chain, derived_from=Derivation(Step.TIMES, ("x",), chain.interval, read))
    a = combine(CELL, [stated, chain])  # type: ignore[arg-type]
    assert a.agreement is Agreement.ROUNDING
    assert bounds(a.interval) == (D(12_866_000), D(12_866_000), False, False)
    assert a.lower_from == (stated,) and a.upper_from == (stated,)


def test_beyond_rounding_it_is_a_conflict() -> None:
    """Stated 13.5 million (13,450,000-13,550,000 once rounded) against the same chain: a conflict."""
    from autofacts.knowledge.model import Derivation, Step

    stated = fact("other", "2024", "13500000", metric="nev-sales")
    base = derived("share-x-total", "2024", Interval(D(12_857_324), D(12_857_324)), metric="nev-sales")
    read = Interval(D("12841401.75"), D("12873246.75"))
    chain = replace(base, derived_from=Derivation(Step.TIMES, ("x",), base.interval, read))
    a = combine(CELL, [stated, chain])  # type: ignore[arg-type]
    assert a.agreement is Agreement.CONFLICT and a.conflict == (chain, stated)
