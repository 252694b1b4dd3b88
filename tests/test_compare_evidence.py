"""`compare` answers each period with every piece of evidence for the cell intersected (as `show`
and `targets` do), not with the best stated figure alone. Inline facts, synthetic figures."""

from __future__ import annotations

from decimal import Decimal as D

from autofacts.answers.compare import compare_periods
from autofacts.answers.query import Filters
from autofacts.knowledge.periods import parse_period
from tests.small_base import fact, small_base

NEV = Filters(metrics=("nev-sales",))


def test_a_stated_bound_looser_than_a_chain_gives_way_to_the_chain() -> None:
    """2024 NEV sales are stated only as 'over 30'; 40 % of 100 vehicles sold gives exactly 40,
    which lies inside 'over 30', so 2024 is 40. To 50 in 2025: +10, +25 % (50 / 40 - 1).
    With the stated bound alone the change would be 'under 20', not a number."""
    kb = small_base(
        fact("total", "2024", "100"),
        fact("over", "2024", "30", "over", metric="nev-sales"),
        fact("share", "2024", "40", metric="nev-share", source="s2"),
        fact("this", "2025", "50", metric="nev-sales"),
    )
    (row,) = compare_periods(kb, parse_period("2024"), parse_period("2025"), NEV).rows
    assert row.a is not None and row.a.used.derived_from is not None
    assert row.a.used.derived_from.facts == ("share", "total")
    assert row.a.used.interval is not None and (row.a.used.interval.lo, row.a.used.interval.hi) == (D(40), D(40))
    assert row.b is not None and row.b.used.id == "this"
    assert row.change is not None and (row.change.lo, row.change.hi) == (D(10), D(10))
    assert row.relative is not None and (row.relative.lo, row.relative.hi) == (D(25), D(25))


def test_two_stated_bounds_intersect() -> None:
    """2024 'over 30' (s1) and 'under 45' (s2) leave (30, 45); to 60 in 2025 the change is
    60 - 45 = 15 to 60 - 30 = 30, both ends open."""
    kb = small_base(
        fact("over", "2024", "30", "over", metric="nev-sales"),
        fact("under", "2024", "45", "under", metric="nev-sales", source="s2"),
        fact("this", "2025", "60", metric="nev-sales"),
    )
    (row,) = compare_periods(kb, parse_period("2024"), parse_period("2025"), NEV).rows
    assert row.a is not None and row.a.used.derived_from is not None
    assert set(row.a.used.derived_from.facts) == {"over", "under"}
    c = row.change
    assert c is not None and (c.lo, c.hi, c.lo_open, c.hi_open) == (D(15), D(30), True, True)
