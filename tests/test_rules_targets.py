"""The target rules on their own, on small inline bases (tests/small_base.py): a ceiling is judged
from above, and a year-to-date figure counts only when it starts where the target's period starts.

Each expectation is worked out by hand beside its facts; nothing here reads the bundled data.
"""

from __future__ import annotations

from datetime import date

import pytest

from autofacts.answers.projection import Method
from autofacts.answers.targets import Status, check_targets
from autofacts.reasons import ReasonKind
from tests.small_base import fact, small_base

AFTER_2025 = date(2026, 6, 30)


def status_of(kb, target_id: str, as_of: date = AFTER_2025) -> Status:
    report = check_targets(kb, as_of)
    return next(v.status for v in report.verdicts if v.target.id == target_id)


# --- "at most" and "under" are ceilings ------------------------------------------------------------


@pytest.mark.parametrize(
    ("qualifier", "outcome", "expected"),
    [
        ("at-most", "90", Status.MET),  # 90 <= 100
        ("at-most", "100", Status.MET),  # "at most 100" allows 100 itself
        ("at-most", "110", Status.MISSED),  # 110 > 100
        ("under", "90", Status.MET),
        ("under", "100", Status.MISSED),  # "under 100" excludes 100
        ("under", "110", Status.MISSED),
    ],
)
def test_a_ceiling_target_is_met_at_or_below_its_line(qualifier: str, outcome: str, expected: Status) -> None:
    kb = small_base(
        fact("cap", "2025", "100", qualifier, kind="target", source="plan"),
        fact("sold", "2025", outcome, source="report"),
        published={"plan": "2025-01"},
    )
    assert status_of(kb, "cap") == expected


def test_a_ceiling_is_judged_on_the_whole_interval_of_the_outcome() -> None:
    # "over 90" may be 95 or 150: against "at most 100" nobody can tell; "under 90" surely meets it
    over = small_base(fact("cap", "2025", "100", "at-most", kind="target"), fact("sold", "2025", "90", "over"))
    assert status_of(over, "cap") == Status.CANT_TELL
    under = small_base(fact("cap", "2025", "100", "at-most", kind="target"), fact("sold", "2025", "90", "under"))
    assert status_of(under, "cap") == Status.MET


def test_a_floor_target_is_the_mirror_image() -> None:
    # "at least 100": 90 misses it, 100 and 110 meet it (the same outcomes as above, read from below)
    for outcome, expected in (("90", Status.MISSED), ("100", Status.MET), ("110", Status.MET)):
        kb = small_base(fact("floor", "2025", "100", "at-least", kind="target"), fact("sold", "2025", outcome))
        assert status_of(kb, "floor") == expected, outcome


def test_a_ceiling_reached_early_is_not_already_met() -> None:
    # 120 sold by November against "at most 100" for the year: the ceiling is already broken, so
    # the projection (120 x 12 / 11 = 130.9 by run rate) misses it; never "already reached"
    kb = small_base(
        fact("cap", "2025", "100", "at-most", kind="target"),
        fact("ytd", "2025-01/2025-11", "120"),
    )
    report = check_targets(kb, AFTER_2025)
    (verdict,) = report.verdicts
    assert verdict.status == Status.OFF_TRACK and verdict.projected is True
    assert verdict.reason is None or verdict.reason.kind is not ReasonKind.ALREADY_REACHED


# --- a year-to-date figure starts where the target's period starts --------------------------------


def test_a_year_to_date_figure_from_january_is_used() -> None:
    # January-November: 120 against "at least 100" for the year: already reached
    kb = small_base(fact("goal", "2025", "100", "at-least", kind="target"), fact("ytd", "2025-01/2025-11", "120"))
    (verdict,) = check_targets(kb, AFTER_2025).verdicts
    assert verdict.status == Status.MET and verdict.reason is not None
    assert verdict.reason.kind is ReasonKind.ALREADY_REACHED and str(verdict.reason.period) == "2025-01/2025-11"
    assert [f.id for f in verdict.outcome_facts] == ["ytd"]


def test_a_span_starting_later_than_the_target_is_not_its_year_to_date() -> None:
    # March-November 2025 lies within the year but misses January and February: it is no
    # year-to-date figure for a 2025 target, so there is no outcome (the year is over: no data)
    kb = small_base(fact("goal", "2025", "100", "at-least", kind="target"), fact("mar-nov", "2025-03/2025-11", "120"))
    (verdict,) = check_targets(kb, AFTER_2025).verdicts
    assert verdict.status == Status.NO_DATA
    assert verdict.outcome_facts == ()
    # and while the year runs, the target is pending rather than judged on it
    assert status_of(kb, "goal", as_of=date(2026, 1, 31)) in (Status.NO_DATA, Status.PENDING)


def test_a_month_alone_is_not_a_year_to_date_figure_unless_it_is_january() -> None:
    # November alone (110) says nothing of the year so far; January alone (110) is the year to date
    november = small_base(fact("goal", "2025", "100", "at-least", kind="target"), fact("nov", "2025-11", "110"))
    assert check_targets(november, AFTER_2025).verdicts[0].status == Status.NO_DATA
    january = small_base(fact("goal", "2025", "100", "at-least", kind="target"), fact("jan", "2025-01", "110"))
    (verdict,) = check_targets(january, AFTER_2025).verdicts
    assert verdict.status == Status.MET and [f.id for f in verdict.outcome_facts] == ["jan"]


# --- what a projection rests on, as data ------------------------------------------------------------


def test_a_projection_says_its_method_and_the_facts_of_last_years_same_months() -> None:
    # Jan-Nov 2025: 110; last year Jan-Nov 100 of a full year 120 -> seasonal 110 x 120 / 100 = 132
    kb = small_base(
        fact("goal", "2025", "125", "at-least", kind="target"),
        fact("ytd", "2025-01/2025-11", "110"),
        fact("ytd24", "2024-01/2024-11", "100"),
        fact("y24", "2024", "120"),
    )
    (verdict,) = check_targets(kb, AFTER_2025).verdicts
    p = verdict.projection
    assert p is not None and p.method is Method.SAME_MONTHS
    assert p.seasonal is not None and (p.seasonal.lo, p.seasonal.hi) == (132, 132)
    assert p.seasonal_basis is not None and [f.id for f in p.seasonal_basis] == ["ytd24", "y24"]
    # without last year's figures only the run rate is known: 110 x 12 / 11 = 120
    alone = small_base(fact("goal", "2025", "125", "at-least", kind="target"), fact("ytd", "2025-01/2025-11", "110"))
    (verdict,) = check_targets(alone, AFTER_2025).verdicts
    assert verdict.projection is not None and verdict.projection.method is Method.RUN_RATE
    assert verdict.projection.seasonal_basis is None
