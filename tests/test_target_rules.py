"""The rules of target verdicts, on a few inline facts (synthetic figures: the arithmetic is the point).

Each test pins one rule an edit could silently break: "at most" is a ceiling; a year-to-date figure
must start when the target's period starts; a conflict in the evidence is no verdict.
"""

from __future__ import annotations

from datetime import date

from autofacts.targets import Status, check_targets
from tests.inline import D, fact, kb_of

TARGET_2025 = "2025"


def verdict(kb, as_of: str = "2026-02-01"):  # type: ignore[no-untyped-def]
    (v,) = check_targets(kb, date.fromisoformat(as_of)).verdicts
    return v


def test_at_most_is_a_ceiling() -> None:
    """A target of at most 100 (no `ceiling:` flag: the words say it) is met by 90 and missed by 110."""
    target = fact("t", "sales", TARGET_2025, 100, "at-most", kind="target")
    assert verdict(kb_of(target, fact("o", "sales", "2025", 90, src="s3"))).status is Status.MET
    assert verdict(kb_of(target, fact("o", "sales", "2025", 110, src="s3"))).status is Status.MISSED
    under = fact("t", "sales", TARGET_2025, 100, "under", kind="target")
    assert verdict(kb_of(under, fact("o", "sales", "2025", 100, src="s3"))).status is Status.MISSED


def test_a_floor_target_the_other_way_round() -> None:
    """The same figures against "at least 100": 90 misses, 110 meets."""
    target = fact("t", "sales", TARGET_2025, 100, "at-least", kind="target")
    assert verdict(kb_of(target, fact("o", "sales", "2025", 90, src="s3"))).status is Status.MISSED
    assert verdict(kb_of(target, fact("o", "sales", "2025", 110, src="s3"))).status is Status.MET


def test_a_year_to_date_figure_must_start_with_the_target_s_period() -> None:
    """Feb-Jul 2025 is no year to date for a 2025 target: in September the target is pending. Jan-Jul
    is: 80 over 7 months runs at 80 x 12 / 7 = 137.1 a year, on track for 100."""
    target = fact("t", "sales", TARGET_2025, 100, kind="target")
    feb_jul = fact("o", "sales", "2025-02/2025-07", 80, src="s2")
    v = verdict(kb_of(target, feb_jul), "2025-09-01")
    assert v.status is Status.PENDING and v.outcome is None
    jan_jul = fact("o", "sales", "2025-01/2025-07", 80, src="s2")
    v = verdict(kb_of(target, jan_jul), "2025-09-01")
    assert v.status is Status.ON_TRACK and v.projected
    assert v.projection is not None and v.projection.ytd.id == "o"


def test_evidence_that_conflicts_is_no_verdict() -> None:
    """2025 sales stated as under 90 by one source and exactly 120 by another: no value satisfies
    both, so the verdict is a conflict naming both, not "met" or "missed"."""
    target = fact("t", "sales", TARGET_2025, 100, kind="target")
    low = fact("low", "sales", "2025", 90, "under", src="s3")
    high = fact("high", "sales", "2025", 120, src="s3")
    v = verdict(kb_of(target, low, high))
    assert v.status is Status.CONFLICT and v.outcome is None
    assert [f.id for f in v.outcome_facts] == ["low", "high"]
    assert v.note == "the evidence conflicts: < 90 vehicles and 120 vehicles"


def test_a_bound_alone_cannot_tell_but_with_a_chain_it_can() -> None:
    """The issue's case in small: 2024 NEV sales "over 12 million" alone, with 16 million in 2025,
    cannot tell a growth target of 30 % (16 / 12 - 1 = 33.3 % is only the most it could be). With
    40.9 % of 31.436 million = 12,857,324 the growth is 16,000,000 / 12,857,324 - 1 = 24.443 %: missed."""
    target = fact("t", "nev-sales-growth", TARGET_2025, 30, kind="target")
    over = fact("over12", "nev-sales", "2024", 12_000_000, "over", src="s1")
    this = fact("this", "nev-sales", "2025", 16_000_000, src="s3")
    alone = verdict(kb_of(target, over, this))
    assert alone.status is Status.CANT_TELL
    assert alone.outcome is not None and (alone.outcome.lo, alone.outcome.hi) == (None, alone.outcome.hi)
    share = fact("share", "nev-share", "2024", "40.9", src="s1")
    total = fact("total", "sales", "2024", 31_436_000, src="s1")
    v = verdict(kb_of(target, over, this, share, total))
    assert v.status is Status.MISSED
    assert v.outcome is not None and round(v.outcome.lo, 3) == round(v.outcome.hi, 3) == D("24.443")
    assert [f.id for f in v.outcome_facts] == ["this", "nev-sales-2024-from-share"]
