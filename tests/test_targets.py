"""`autofacts targets`: plan targets against outcomes, verdicts derived from the facts' own values."""

from __future__ import annotations

import pytest


def fact(kb, fact_id):
    return next(f for f in kb.facts if f.id == fact_id)


def verdict(doc, target_id):
    return next(t for t in doc["targets"] if t["target"]["id"] == target_id)


@pytest.fixture
def doc2025(run_json):
    return run_json("targets", "--year", "2025", "--as-of", "2026-06-30")


def test_bound_against_target_is_met(doc2025, kb) -> None:
    """'exceeded 34 million' against 'about 32.3 million': the lower bound clears the line."""
    target, outcome = fact(kb, "cn-vehicle-sales-2025-target"), fact(kb, "cn-vehicle-sales-2025")
    assert outcome.qualifier == "over" and outcome.value > target.value  # the premise, from the data
    v = verdict(doc2025, "cn-vehicle-sales-2025-target")
    assert v["status"] == "met" and v["outcome_facts"] == ["cn-vehicle-sales-2025"]
    assert v["percent_of_target"]["lower"] == pytest.approx(float(outcome.value / target.value * 100))
    assert v["percent_of_target"]["upper"] is None  # "over": no upper bound


def test_nev_sales_met(doc2025, kb) -> None:
    target, outcome = fact(kb, "cn-nev-sales-2025-target"), fact(kb, "cn-nev-sales-2025")
    assert outcome.value > target.value
    assert verdict(doc2025, "cn-nev-sales-2025-target")["status"] == "met"


def test_partial_year_is_projected(doc2025, kb) -> None:
    """Chongqing's January-November production against its 2.6 million goal."""
    target, ytd = (
        fact(kb, "chongqing-vehicle-production-2025-target"),
        fact(kb, "chongqing-vehicle-production-2025-ytd"),
    )
    growth = fact(kb, "chongqing-vehicle-production-growth-2025-ytd")
    last_year = fact(kb, "chongqing-vehicle-production-2024")
    v = verdict(doc2025, "chongqing-vehicle-production-2025-target")
    assert v["projected"] is True
    p = v["projection"]
    assert p["ytd_fact"] == ytd.id and p["elapsed"] == pytest.approx(11 / 12)
    run_rate = ytd.value * 12 / 11
    assert p["run_rate"]["nominal"] == pytest.approx(float(run_rate))
    # seasonal: this year's Jan-Nov scaled by last year's full year over last year's Jan-Nov,
    # last year's Jan-Nov being this year's divided by (1 + growth)
    last_ytd = ytd.value / (1 + growth.value / 100)
    seasonal = ytd.value * last_year.value / last_ytd
    assert p["seasonal"]["nominal"] == pytest.approx(float(seasonal))
    assert p["still_needed"]["nominal"] == pytest.approx(float(target.value - ytd.value))
    expected = "on track" if min(run_rate, seasonal) >= target.value else "off track"
    assert v["status"] == expected
    assert v["percent_of_target"]["nominal"] == pytest.approx(float(ytd.value / target.value * 100))


def test_growth_target_from_levels_cannot_tell_with_lower_bounds(doc2025, kb) -> None:
    """2025 'over 34 million' and 2024 'over 30 million' bound no growth rate: can't tell, not met."""
    v = verdict(doc2025, "cn-vehicle-sales-growth-2025-target")
    assert v["status"] == "can't tell" and v["outcome_derived"] is True
    assert set(v["outcome_facts"]) == {"cn-vehicle-sales-2025", "cn-vehicle-sales-2024-fyp"}


def test_growth_target_without_last_year_names_what_is_missing(doc2025) -> None:
    v = verdict(doc2025, "cn-nev-sales-growth-2025-target")
    assert v["status"] == "no data" and v["missing"] == ["nev-sales 2024"]


def test_qualitative_goal_is_not_measurable(doc2025) -> None:
    assert verdict(doc2025, "cn-vehicle-exports-growth-2025-target")["status"] == "not measurable"


def test_as_of_before_the_outcome_was_published(run_json) -> None:
    """By December 2025 the full-year results were not out: the targets were pending."""
    doc = run_json("targets", "--year", "2025", "--as-of", "2025-12-15")
    assert verdict(doc, "cn-vehicle-sales-2025-target")["status"] == "pending"
    assert "chongqing-vehicle-production-2025-target" not in {t["target"]["id"] for t in doc["targets"]}


def test_period_not_over_is_pending(run_json) -> None:
    doc = run_json("targets", "--year", "2026", "--as-of", "2026-06-30")
    assert verdict(doc, "cn-nev-renewal-vehicles-target")["status"] == "pending"


def test_summary_counts_match_rows(doc2025, run) -> None:
    counts = doc2025["summary"]
    assert sum(counts.values()) == len(doc2025["targets"])
    out = run("targets", "--year", "2025", "--as-of", "2026-06-30").stdout
    assert f"{counts['met']} met, {counts['missed']} missed, {counts['on track']} on track" in out


def test_filters(run_json) -> None:
    doc = run_json("targets", "--region", "Chongqing", "--as-of", "2026-06-30")
    assert {t["target"]["region"] for t in doc["targets"]} == {"Chongqing"}
    doc = run_json("targets", "--status", "met", "--as-of", "2026-06-30")
    assert doc["targets"] and {t["status"] for t in doc["targets"]} == {"met"}
    doc = run_json("targets", "--metric", "nev-sales", "--as-of", "2026-06-30")
    assert {t["target"]["metric"] for t in doc["targets"]} == {"nev-sales"}


def test_ceiling_target_missed(run, kb_copy) -> None:
    """A target marked as a ceiling is missed when the outcome lies above it."""
    from conftest import edit

    path = kb_copy / "work-plan-2025.yaml"
    edit(
        path,
        "    value: 15500000\n    qualifier: about\n",
        "    value: 15500000\n    qualifier: about\n    ceiling: true\n",
    )
    result = run(
        "targets", "--facts", str(kb_copy), "--metric", "nev-sales", "--format", "json", "--as-of", "2026-06-30"
    )
    import json

    assert json.loads(result.stdout)["targets"][0]["status"] == "missed"


def test_markdown_and_csv(run) -> None:
    md = run("targets", "--year", "2025", "--format", "markdown", "--as-of", "2026-06-30").stdout
    assert md.startswith("### Targets for 2025") and "Sources:" in md
    csv_out = run("targets", "--year", "2025", "--format", "csv", "--as-of", "2026-06-30").stdout
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(csv_out)))
    assert {r["status"] for r in rows} >= {"met", "no data"}


def test_unknown_status_is_usage_error(run) -> None:
    result = run("targets", "--status", "done")
    assert result.exit_code == 2 and "unknown status 'done'" in result.stderr
