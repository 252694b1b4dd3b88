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
    target, outcome = fact(kb, "cn-vehicle-sales-2025-target-miit"), fact(kb, "cn-vehicle-sales-2025")
    assert outcome.qualifier == "over" and outcome.value > target.value  # the premise, from the data
    v = verdict(doc2025, "cn-vehicle-sales-2025-target-miit")
    assert v["status"] == "met" and v["outcome_facts"] == ["cn-vehicle-sales-2025"]
    assert v["percent_of_target"]["lower"] == pytest.approx(float(outcome.value / target.value * 100))
    assert v["percent_of_target"]["upper"] is None  # "over": no upper bound


def test_nev_sales_met(doc2025, kb) -> None:
    target, outcome = fact(kb, "cn-nev-sales-2025-target-miit"), fact(kb, "cn-nev-sales-2025")
    assert outcome.value > target.value
    assert verdict(doc2025, "cn-nev-sales-2025-target-miit")["status"] == "met"


def test_a_restated_target_is_judged_once_as_its_original_states_it(doc2025) -> None:
    """The plan's 2025 sales goals are stated by the ministry (miit-work-plan-qa) and by an explainer
    that restates it (work-plan-2025): one verdict each, on the ministry's fact; the explainer's own
    goals (manufacturing added value, exports) are still judged."""
    ids = [t["target"]["id"] for t in doc2025["targets"] if t["target"]["region"] == "China"]
    assert ids == [
        "cn-manufacturing-added-value-growth-2025-target",
        "cn-nev-sales-2025-target-miit",
        "cn-nev-sales-growth-2025-target-miit",
        "cn-vehicle-exports-growth-2025-target",
        "cn-vehicle-sales-2025-target-miit",
        "cn-vehicle-sales-growth-2025-target-miit",
    ]


def test_partial_year_is_projected(doc2025) -> None:
    """Chongqing's January-November production (2,498,100, +12.1 %) against its 2.6 million goal;
    2024: 2.54 million. Worked by hand:
    Jan-Nov 2024 = 2,498,100 / 1.121 = 2,228,456.74; Dec 2024 = 2,540,000 - that = 311,543.26;
    still needed 2,600,000 - 2,498,100 = 101,900, i.e. 101,900 / 311,543.26 - 1 = -67.29 % on Dec 2024;
    same months last year: 2,540,000 x 1.121 = 2,847,340; run rate 2,498,100 x 12 / 11 = 2,725,200."""
    v = verdict(doc2025, "chongqing-vehicle-production-2025-target")
    assert v["status"] == "on track" and v["projected"] is True
    # the outcome is what was observed, over the months it covers; the projection is apart
    assert v["outcome"]["lower"] == v["outcome"]["upper"] == 2498100
    assert v["outcome_period"] == "2025-01/2025-11"
    assert v["percent_of_target"]["nominal"] == pytest.approx(96.0807692, abs=1e-6)
    assert v["percent_of_target_basis"] == "year to date"
    p = v["projection"]
    assert p["ytd_fact"] == "chongqing-vehicle-production-2025-ytd"
    assert p["covered_percent"] == pytest.approx(91.6666667, abs=1e-6) and p["period_ended"] is True
    assert p["method"] == "same months last year"
    assert p["projected_outcome"]["nominal"] == 2847340 and p["seasonal"]["nominal"] == 2847340
    assert p["run_rate"]["nominal"] == 2725200
    assert p["still_needed"]["nominal"] == 101900
    assert p["remaining_period"] == "2025-12/2025-12"
    assert p["needed_growth_percent"]["nominal"] == pytest.approx(-67.29, abs=0.005)
    assert p["ytd_growth_percent"]["nominal"] == 12.1


def test_coverage_and_time_are_said_apart(run) -> None:
    """Read in mid-2026, the year is over; the data cover 11 of its 12 months (not "92 % elapsed")."""
    out = run("targets", "--region", "Chongqing", "--year", "2025", "--as-of", "2026-06-30", "--format", "csv").stdout
    assert "data cover Jan–Nov 2025, 11 of 12 months (2025 ended 2025-12-31)" in out
    assert "elapsed" not in out
    assert "to reach the target Dec 2025 must be at least -67.29 % on Dec 2024; Jan–Nov 2025 grew +12.1 %" in out


def test_growth_target_from_levels_cannot_tell_with_lower_bounds(run_json, english_copy) -> None:
    """Without the Chinese release: 2025 'over 34 million' and 2024 'over 30 million' bound no growth
    rate: can't tell, not met."""
    doc = run_json("targets", "--facts", str(english_copy), "--year", "2025", "--as-of", "2026-06-30")
    v = verdict(doc, "cn-vehicle-sales-growth-2025-target")
    assert v["status"] == "can't tell" and v["outcome_derived"] is True
    assert set(v["outcome_facts"]) == {"cn-vehicle-sales-2025", "cn-vehicle-sales-2024-fyp"}


def test_growth_target_from_a_bound_over_a_stated_level_is_met(doc2025) -> None:
    """The ministry states 2024 sales, 31.436 million: 2025 'over 34 million' is growth over
    34 / 31.436 - 1 = 8.1562539... % (rounded down), which clears 'about 3 %'."""
    v = verdict(doc2025, "cn-vehicle-sales-growth-2025-target-miit")
    assert v["status"] == "met" and v["outcome_derived"] is True
    assert v["outcome_facts"] == ["cn-vehicle-sales-2025", "cn-vehicle-sales-2024-miit"]
    assert v["outcome"]["lower"] == 8.156253976 and v["outcome"]["lower_open"] is True
    assert v["outcome"]["upper"] is None
    # NEV sales: over 16 million in 2025 (global-attention) on the stated 12.866 million:
    # over 16 / 12.866 - 1 = 24.3587750... % (rounded down), against about 20 %
    nev = verdict(doc2025, "cn-nev-sales-growth-2025-target-miit")
    assert nev["status"] == "met"
    assert nev["outcome_facts"] == ["cn-nev-sales-2025", "cn-nev-sales-2024-miit"]
    assert nev["outcome"]["lower"] == 24.35877506 and nev["outcome"]["upper"] is None


def test_growth_target_from_a_derived_level_keeps_its_bound(run_json, english_copy) -> None:
    """Without the Chinese release no 2024 NEV sales are stated; 40.9 % x "over 30 million" gives
    "over 12.27 million" (by hand: 0.409 x 30,000,000 = 12,270,000). 2025 is "over 16 million" stated.
    Two lower bounds bound no growth (16 / 12.27 - 1 = 30.4 % is only the most it could be): can't tell."""
    doc = run_json("targets", "--facts", str(english_copy), "--year", "2025", "--as-of", "2026-06-30")
    v = verdict(doc, "cn-nev-sales-growth-2025-target")
    assert v["status"] == "can't tell" and v["outcome_derived"] is True
    assert v["outcome_facts"] == ["cn-nev-sales-2025", "nev-sales-2024-from-cn-nev-share-2024"]
    assert v["derived_from"] == [
        {"operation": "40.9 % × > 30 million vehicles", "facts": ["cn-nev-share-2024", "cn-vehicle-sales-2024-fyp"]},
    ]
    assert v["outcome"]["nominal"] is None  # no bound: no invented central value


def test_qualitative_goal_is_not_measurable(doc2025) -> None:
    assert verdict(doc2025, "cn-vehicle-exports-growth-2025-target")["status"] == "not measurable"


def test_as_of_before_the_outcome_was_published(run_json) -> None:
    """By December 2025 the full-year results were not out: the targets were pending."""
    doc = run_json("targets", "--year", "2025", "--as-of", "2025-12-15")
    assert verdict(doc, "cn-vehicle-sales-2025-target-miit")["status"] == "pending"
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

    path = kb_copy / "miit-work-plan-qa.yaml"
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


# --- the scenarios of issue 14, on a copy of the base with two CAAM releases (see conftest) ------
# By hand: Jan-Jul 2024 sales = 18.269 / 1.12 = 16.3116 M; Aug-Dec 2024 = 31.436 - 16.3116 = 15.1244 M;
# still needed 32.3 - 18.269 = 14.031 M, i.e. 14.031 / 15.1244 - 1 = -7.229 % on Aug-Dec 2024.


@pytest.fixture
def july(run_json, caam):
    return run_json("targets", "--facts", str(caam), "--year", "2025", "--region", "China", "--as-of", "2025-10-15")


def test_on_track_when_the_rest_of_the_year_may_fall_7_percent(july) -> None:
    """The run rate (31.32 M) alone would miss 32.3 M; the months left need only -7.229 % on 2024's."""
    v = verdict(july, "cn-vehicle-sales-2025-target")
    assert v["status"] == "on track" and v["projected"] is True
    assert v["outcome"]["nominal"] == 18269000 and v["outcome_period"] == "2025-01/2025-07"
    assert v["percent_of_target_basis"] == "year to date"
    p = v["projection"]
    assert p["method"] == "same months last year" and p["period_ended"] is False
    assert p["remaining_period"] == "2025-08/2025-12"
    assert p["needed_growth_percent"]["nominal"] == pytest.approx(-7.2293, abs=1e-4)
    assert p["ytd_growth_percent"]["nominal"] == 12
    assert p["run_rate"]["nominal"] == pytest.approx(31318285.71, abs=0.01)  # 18.269 M x 12 / 7
    assert p["projected_outcome"]["nominal"] == pytest.approx(35208320)  # 31.436 M x 1.12


def test_the_table_says_what_the_remaining_months_need(run, caam) -> None:
    out = run(
        "targets", "--facts", str(caam), "--year", "2025", "-m", "vehicle-sales", "--as-of", "2025-10-15",
        "--format", "csv",
    ).stdout  # fmt: skip
    assert "to reach the target Aug–Dec 2025 must be at least -7.229 % on Aug–Dec 2024; Jan–Jul 2025 grew +12 %" in out
    assert "run rate → 31.32 million vehicles (context: it ignores seasons)" in out
    assert "data cover Jan–Jul 2025, 7 of 12 months (2025 ends 2025-12-31)" in out


def test_growth_targets_projected_from_stated_year_to_date_growth(july) -> None:
    """+12.0 % and +38.5 % so far against about 3 % and about 20 % (19 to 21 %): on track."""
    sales = verdict(july, "cn-vehicle-sales-growth-2025-target")
    assert (sales["status"], sales["projected"]) == ("on track", True)
    assert sales["outcome"]["nominal"] == 12 and sales["outcome_facts"] == ["caam-vehicle-sales-growth-2025-ytd"]
    assert sales["projection"]["method"] == "year-to-date growth"
    # 31.436 M x 1.03 = 32.379 M; (32.379 - 18.269) / 15.1244 - 1 = -6.706 %
    assert sales["projection"]["needed_growth_percent"]["nominal"] == pytest.approx(-6.7065, abs=1e-4)
    nev = verdict(july, "cn-nev-sales-growth-2025-target")
    assert (nev["status"], nev["outcome"]["nominal"]) == ("on track", 38.5)
    # 2024 NEV sales 0.409 x 31.436 M = 12.8573 M (derived); Jan-Jul 2024 8.22 / 1.385 = 5.9350 M (derived);
    # (12.8573 x 1.2 - 8.22) / (12.8573 - 5.9350) - 1 = +4.139 %
    assert nev["projection"]["needed_growth_percent"]["nominal"] == pytest.approx(4.1385, abs=1e-4)


def test_a_year_to_date_growth_below_the_line_is_off_track(run_json, caam) -> None:
    from tests.conftest import edit

    edit(caam / "caam-2025-07.yaml", "value: 12.0", "value: 2.0")
    edit(caam.parent / "seeds" / "caam-2025-07.txt", "up 12.0 percent", "up 2.0 percent")
    edit(caam / "caam-2025-07.yaml", "up 12.0 percent", "up 2.0 percent")
    doc = run_json("targets", "--facts", str(caam), "-m", "vehicle-sales-growth", "--as-of", "2025-10-15")
    assert verdict(doc, "cn-vehicle-sales-growth-2025-target")["status"] == "off track"  # 2 % < 2.85 %


def test_growth_met_from_a_derived_level_with_its_bound(run_json, caam) -> None:
    """2024 NEV sales are stated nowhere: 40.9 % x 31.436 M = 12.857324 M (derived, exact); 2025 is
    the stated "over 16 million", so growth > 16 / 12.857324 - 1 = 24.4426911... %: over 21 % (the
    top of "about 20 %"), so met."""
    v = verdict(run_json("targets", "--facts", str(caam), "--year", "2025"), "cn-nev-sales-growth-2025-target")
    assert v["status"] == "met" and v["outcome_derived"] is True
    assert v["outcome_facts"] == ["cn-nev-sales-2025", "nev-sales-2024-from-cn-nev-share-2024"]
    assert v["outcome"]["lower"] == 24.44269118 and v["outcome"]["lower_open"] is True  # 24.4426911...
    assert v["outcome"]["upper"] is None
    assert v["derived_from"] == [
        {"operation": "40.9 % × 31.436 million vehicles", "facts": ["cn-nev-share-2024", "caam-vehicle-sales-2024"]},
    ]


def test_a_stated_figure_stands_when_a_chain_agrees_up_to_rounding(run_json, caam) -> None:
    """A source states 2024 NEV sales as 12.866 M; 40.9 % x 31.436 M = 12.857324 M misses it exactly,
    but 40.9 % is 40.85-40.95 % and 31.436 M is 31.4355-31.4365 M: 12.8414-12.8733 M holds 12.866 M.
    The two agree, and the stated figure stands: growth > 16 / 12.866 - 1 = 24.3587750 %."""
    sentence = "New energy vehicle sales reached 12.866 million units."
    with (caam.parent / "seeds" / "caam-2024.txt").open("a", encoding="utf-8") as f:
        f.write(sentence + "\n")
    with (caam / "caam-2024.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "  - id: caam-nev-sales-2024\n    metric: nev-sales\n    region: China\n    period: 2024\n"
            f"    kind: actual\n    value: 12866000\n    qualifier: exact\n    quote: {sentence}\n"
        )
    v = verdict(run_json("targets", "--facts", str(caam), "--year", "2025"), "cn-nev-sales-growth-2025-target")
    assert v["outcome_facts"] == ["cn-nev-sales-2025", "caam-nev-sales-2024"]
    assert v["outcome"]["lower"] == 24.35877506  # 24.358775066...: a lower bound, rounded down
    nev = verdict(
        run_json("targets", "--facts", str(caam), "--year", "2025", "-m", "nev-sales"), "cn-nev-sales-2025-target"
    )
    # the stated "over 16 million" alone: no other source, no chain (a chain tighter than a stated
    # figure, and the note naming both: tests/test_verdict_reasons.py, inline)
    assert nev["outcome_facts"] == ["cn-nev-sales-2025"] and nev["note"] is None
