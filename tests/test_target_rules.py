"""Target verdicts from combined evidence, on a few inline facts (synthetic figures: the arithmetic
is the point): a conflict in the evidence is no verdict; a chain settles what a bound alone cannot.
(The rules on ceilings and year-to-date spans are pinned in test_rules_targets.py.)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from autofacts.answers.targets import Status, check_targets
from tests.small_base import fact, small_base

TARGET_2025 = "2025"


def verdict(kb, as_of: str = "2026-02-01"):  # type: ignore[no-untyped-def]
    (v,) = check_targets(kb, date.fromisoformat(as_of)).verdicts
    return v


def test_evidence_that_conflicts_is_no_verdict() -> None:
    """2025 sales stated as under 90 by one source and exactly 120 by another: no value satisfies
    both, so the verdict is a conflict naming both, not "met" or "missed"."""
    target = fact("t", TARGET_2025, "100", kind="target")
    low = fact("low", "2025", "90", "under", source="s3")
    high = fact("high", "2025", "120", source="s3")
    v = verdict(small_base(target, low, high))
    assert v.status is Status.CONFLICT and v.outcome is None
    assert [f.id for f in v.outcome_facts] == ["low", "high"]
    assert v.reason is not None and [f.id for f in v.reason.facts] == ["low", "high"]


def test_a_bound_alone_cannot_tell_but_with_a_chain_it_can() -> None:
    """The issue's case in small: 2024 NEV sales "over 12 million" alone, with 16 million in 2025,
    cannot tell a growth target of 30 % (16 / 12 - 1 = 33.3 % is only the most it could be). With
    40.9 % of 31.436 million = 12,857,324 the growth is 16,000,000 / 12,857,324 - 1 = 24.443 %: missed."""
    target = fact("t", TARGET_2025, "30", kind="target", metric="nev-sales-growth")
    over = fact("over12", "2024", "12000000", "over", source="s1", metric="nev-sales")
    this = fact("this", "2025", "16000000", source="s3", metric="nev-sales")
    alone = verdict(small_base(target, over, this))
    assert alone.status is Status.CANT_TELL
    assert alone.outcome is not None and (alone.outcome.lo, alone.outcome.hi) == (None, alone.outcome.hi)
    share = fact("share", "2024", "40.9", source="s1", metric="nev-share")
    total = fact("total", "2024", "31436000", source="s1")
    v = verdict(small_base(target, over, this, share, total))
    assert v.status is Status.MISSED
    assert v.outcome is not None and round(v.outcome.lo, 3) == round(v.outcome.hi, 3) == D("24.443")
    assert [f.id for f in v.outcome_facts] == ["this", "nev-sales-2024-from-share"]


def test_a_target_a_restatement_repeats_is_judged_once_as_its_original_states_it() -> None:
    """A ministry's goal (s1) and an explainer's (s2) for the same metric, region and year: two
    targets, two verdicts; once s2 is known to restate s1, one verdict, on s1's fact. The explainer's
    goal for another metric is still judged. (Goal about 100, i.e. 95 to 105; 120 sold: met.)"""
    from dataclasses import replace

    goal = fact("goal", TARGET_2025, "100", "about", kind="target", source="s1")
    again = fact("goal-again", TARGET_2025, "100", "about", kind="target", source="s2")
    other = fact("other-goal", TARGET_2025, "40", "about", kind="target", source="s2", metric="nev-sales")
    sold = fact("sold", "2025", "120", source="s3")
    kb = small_base(goal, again, other, sold)
    as_of = date(2026, 2, 1)
    assert [v.target.id for v in check_targets(kb, as_of).verdicts] == ["other-goal", "goal", "goal-again"]
    kb.sources["s2"] = replace(kb.sources["s2"], restates=("s1",))
    verdicts = check_targets(kb, as_of).verdicts
    assert [(v.target.id, v.status) for v in verdicts] == [("other-goal", Status.NO_DATA), ("goal", Status.MET)]
