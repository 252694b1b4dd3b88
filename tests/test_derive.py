"""Derived figures: a share times its total, a level from a stated growth, a multiple's base.

Every expected value is worked out by hand from the figures the sources state.
"""

from __future__ import annotations

import json
from decimal import Decimal as D

from autofacts.answers.derive import derived_facts
from autofacts.knowledge.model import Step
from autofacts.output.derivations import operation_text


def by_id(kb):
    return {f.id: f for f in derived_facts(kb)}


def test_share_times_total_keeps_the_total_s_bound(english_kb) -> None:
    """Without the Chinese release 2024 sales are only "more than 30 million": 40.9 % of them is more
    than 0.409 x 30,000,000 = 12,270,000."""
    f = by_id(english_kb)["nev-sales-2024-from-cn-nev-share-2024"]
    assert (f.metric, f.period.label, f.region) == ("nev-sales", "2024", "China")
    assert f.interval is not None
    assert (f.interval.lo, f.interval.hi, f.interval.lo_open) == (D(12_270_000), None, True)
    assert f.derived_from is not None
    assert f.derived_from.facts == ("cn-nev-share-2024", "cn-vehicle-sales-2024-fyp")
    assert f.derived_from.step is Step.TIMES and operation_text(f.derived_from) == "40.9 % × > 30 million vehicles"
    assert f.quote == ""  # never shown as stated


def test_share_times_an_exact_total_is_exact(kb) -> None:
    """The ministry states 2024 sales exactly, 31,436,000: 40.9 % of them is 0.409 x 31,436,000 =
    12,857,324 (beside the 12,866,000 it states, which agrees within the share's rounding)."""
    f = by_id(kb)["nev-sales-2024-from-cn-nev-share-2024"]
    assert f.interval is not None and f.interval.is_exact and f.interval.lo == D(12_857_324)
    assert f.derived_from is not None
    assert f.derived_from.facts == ("cn-nev-share-2024", "cn-vehicle-sales-2024-miit")
    assert operation_text(f.derived_from) == "40.9 % × 31.436 million vehicles"


def test_a_multiple_bounds_its_base_from_above() -> None:
    """'more than six times the figure from 2021' with 950,000 in 2024: 2021 < 950,000 / 6 = 158,333.33."""
    from autofacts.knowledge.load import bundled_facts_dir, load_knowledge_base

    f = by_id(load_knowledge_base(bundled_facts_dir()))["nev-production-2021-from-chongqing-nev-production-2024"]
    assert f.interval is not None and f.interval.lo is None and f.interval.hi_open is True
    assert abs(f.interval.hi - D("158333.3333333")) < D("0.0001")  # type: ignore[operator]


def test_doubling_gives_the_year_before(kb) -> None:
    """2025 NEV exports 'over 2.61 million', 'doubling' 2024's: 2024 > 1,305,000."""
    f = by_id(kb)["nev-exports-2024-from-cn-nev-exports-2025"]
    assert f.interval is not None and (f.interval.lo, f.interval.hi, f.interval.lo_open) == (D(1_305_000), None, True)


def test_a_level_from_its_stated_growth(kb) -> None:
    """Chongqing Jan-Nov 2025: 2,498,100 vehicles, +12.1 %: Jan-Nov 2024 = 2,498,100 / 1.121 = 2,228,456.74."""
    f = by_id(kb)["vehicle-production-2024-01/2024-11-from-chongqing-vehicle-production-2025-ytd"]
    assert f.period.label == "2024-01/2024-11" and f.interval is not None and f.interval.is_exact
    assert abs(f.interval.lo - D("2228456.735")) < D("0.001")  # type: ignore[operator]


def test_targets_are_not_derived_from(kb) -> None:
    """A target level over a target growth is no figure anyone stated: only outcomes are used."""
    assert all(f.kind == "actual" for f in derived_facts(kb))
    assert not [f for f in derived_facts(kb) if "target" in f.id]


def test_show_derived_lists_them_marked(run) -> None:
    plain = run("show", "nev-production", "--region", "Chongqing")
    assert "158,400" not in plain.stdout
    out = run("show", "nev-production", "--region", "Chongqing", "--derived").stdout
    # the upper bound 158,333.33 is rounded up, never down: to three significant digits in the table
    assert "< 159,000 †" in out and "derived: 950,000 vehicles ÷ > 6×" in out
    assert "† derived from stated figures" in out
    csv = run("show", "nev-production", "--region", "Chongqing", "--derived", "--format", "csv").stdout
    assert '"< 158,400 vehicles †"' in csv  # four significant digits, still rounded up


def test_show_derived_json_carries_the_chain(run) -> None:
    doc = json.loads(run("show", "nev-exports", "--derived", "--format", "json").stdout)
    derived = [f for f in doc["facts"] if f["derived_from"] is not None]
    assert [(f["lower"], f["upper"], f["lower_open"]) for f in derived] == [(1305000, None, True)]
    assert derived[0]["derived_from"] == {
        "operation": "> 2.61 million vehicles ÷ 2×",
        "facts": ["cn-nev-exports-2025", "cn-nev-exports-multiple-2025"],  # global-attention's
    }
    stated = [f for f in doc["facts"] if f["derived_from"] is None]
    assert [f["id"] for f in stated] == ["cn-nev-exports-2025"]


def test_as_of_limits_what_is_derived(run) -> None:
    """Before January 2026 no source stated 2025 NEV exports, so nothing gives 2024's."""
    out = run("show", "nev-exports", "--derived", "--as-of", "2025-12-31")
    assert "1.305" not in out.stdout
