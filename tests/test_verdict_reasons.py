"""Why a target got its verdict is data (a `Reason` kind and the values it names); the sentences
are written by autofacts/output/verdicts.py. Inline facts, synthetic figures."""

from __future__ import annotations

from datetime import date

from autofacts.answers.targets import Status, check_targets
from autofacts.output.verdicts import reason_text
from autofacts.reasons import ReasonKind
from tests.small_base import fact, small_base


def verdict(kb, as_of: str = "2026-02-01"):  # type: ignore[no-untyped-def]
    (v,) = check_targets(kb, date.fromisoformat(as_of)).verdicts
    return v


def test_a_target_without_a_number_is_qualitative() -> None:
    v = verdict(small_base(fact("t", "2025", None, kind="target")))
    assert v.status is Status.NOT_MEASURABLE and v.reason is not None
    assert v.reason.kind is ReasonKind.QUALITATIVE
    assert reason_text(v) == "qualitative goal"


def test_a_period_not_over_names_its_end() -> None:
    v = verdict(small_base(fact("t", "2027", "100", kind="target")))
    assert v.status is Status.PENDING and v.reason is not None
    assert v.reason.kind is ReasonKind.PERIOD_ENDS and v.reason.day == date(2027, 12, 31)
    assert reason_text(v) == "the period ends 2027-12-31"


def test_an_ended_period_with_nothing_reported() -> None:
    v = verdict(small_base(fact("t", "2025", "100", kind="target")))
    assert v.status is Status.NO_DATA and v.reason is not None
    assert v.reason.kind is ReasonKind.NOT_REPORTED and str(v.reason.period) == "2025"
    assert v.missing == ("vehicle-sales 2025",)
    assert reason_text(v) == "no reported vehicle-sales for 2025"


def test_a_growth_target_without_last_years_level_names_the_missing_year() -> None:
    target = fact("t", "2025", "30", kind="target", metric="nev-sales-growth")
    this = fact("this", "2025", "16000000", metric="nev-sales")
    v = verdict(small_base(target, this))
    assert v.status is Status.NO_DATA and v.reason is not None
    assert v.reason.kind is ReasonKind.NEEDS_LEVELS
    assert v.reason.metric is not None and v.reason.metric.id == "nev-sales" and v.reason.years == (2024,)
    assert reason_text(v) == "needs nev-sales 2024 to derive the growth"


def test_a_growth_target_judged_from_the_two_levels() -> None:
    # 12 / 10 - 1 = 20 % against "30": missed, from the levels of 2025 and 2024
    target = fact("t", "2025", "30", kind="target", metric="nev-sales-growth")
    this = fact("this", "2025", "12", metric="nev-sales")
    last = fact("last", "2024", "10", metric="nev-sales")
    v = verdict(small_base(target, this, last))
    assert v.status is Status.MISSED and v.reason is not None
    assert v.reason.kind is ReasonKind.FROM_LEVELS and v.reason.years == (2025, 2024)
    assert [f.id for f in v.reason.facts] == ["this", "last"]
    assert reason_text(v).startswith("derived from nev-sales 2025 (") and " and 2024 (" in reason_text(v)


def test_a_stated_outcome_names_the_other_source_that_agrees() -> None:
    target = fact("t", "2025", "100", kind="target")
    one = fact("one", "2025", "120", source="s1")
    two = fact("two", "2025", "120", source="s2")
    v = verdict(small_base(target, one, two))
    assert v.status is Status.MET and v.reason is not None
    assert v.reason.kind is ReasonKind.STATED and v.reason.facts == ()
    (used,) = v.outcome_facts
    other = "s2" if used.source == "s1" else "s1"
    assert v.reason.agreeing == (other,) and v.reason.restates == () and v.reason.restated_by == ()
    assert reason_text(v) == f"{other} agrees"


def test_conflicting_evidence_names_both_pieces() -> None:
    target = fact("t", "2025", "100", kind="target")
    low = fact("low", "2025", "90", "under", source="s3")
    high = fact("high", "2025", "120", source="s3")
    v = verdict(small_base(target, low, high))
    assert v.reason is not None and v.reason.kind is ReasonKind.CONFLICT
    assert [f.id for f in v.reason.facts] == ["low", "high"]
    assert reason_text(v) == "the evidence conflicts: < 90 vehicles and 120 vehicles"


def test_a_chain_tighter_than_the_stated_figure_is_the_outcome_and_names_what_it_narrowed() -> None:
    """NEV sales stated as "over 16 million" (s2); over 60 % of over 30 million vehicles sold is over
    18 million (by hand: 0.6 x 30,000,000), the tighter lower bound: the outcome is the chain's, met
    against about 15.5 million, and the note says how it was derived and what was stated beside it."""
    target = fact("t", "2025", "15500000", "about", kind="target", metric="nev-sales", source="s2")
    stated = fact("over16", "2025", "16000000", "over", metric="nev-sales", source="s2")
    total = fact("total", "2025", "30000000", "over")
    share = fact("share", "2025", "60", "over", metric="nev-share")
    v = verdict(small_base(target, stated, total, share))
    assert v.status is Status.MET and v.reason is not None and v.reason.kind is ReasonKind.DERIVED
    assert v.outcome is not None and (v.outcome.lo, v.outcome.lo_open, v.outcome.hi) == (18000000, True, None)
    assert [f.id for f in v.outcome_facts] == ["nev-sales-2025-from-share"]
    assert [f.id for f in v.reason.facts] == ["nev-sales-2025-from-share", "over16"]
    assert reason_text(v) == "† > 60 % × > 30 million vehicles; stated: > 16 million vehicles (s2)"
