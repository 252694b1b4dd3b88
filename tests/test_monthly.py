"""Monthly series: a month from year-to-date figures, `show --monthly` and `show --explain`.

Values worked out by hand. The CAAM example base (docs/examples/caam-2025) holds three real
releases as news reported them, quoted verbatim; the January-June figure of `caam_h1` is test data.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from autofacts.answers.monthly import selected_answers
from autofacts.answers.query import Filters
from autofacts.answers.targets import Status, check_targets
from autofacts.knowledge.periods import parse_period
from autofacts.output import OutputFormat
from autofacts.output.evidence import ExplainAnswer
from tests.conftest import EXAMPLE_2025
from tests.small_base import fact, small_base


def test_july_alone_from_two_year_to_date_releases(run, caam_h1) -> None:
    """Jan-Jul 18,269,000 less Jan-Jun 15,653,000: July 2025 is 2,616,000, derived, citing both."""
    doc = json.loads(run("show", "vehicle-sales", "--monthly", "--facts", str(caam_h1), "--format", "json").stdout)
    [grid] = doc["grids"]
    [july] = grid["months"]
    assert (july["period"], july["stated"], july["derived"]) == ("2025-07", False, True)
    assert (july["answer"]["lower"], july["answer"]["upper"]) == (2616000, 2616000)
    assert july["figure"]["derived_from"]["facts"] == ["caam-vehicle-sales-2025-ytd", "test-vehicle-sales-2025-h1"]


def test_show_monthly_prints_the_grid_and_the_chart(run, caam_h1) -> None:
    result = run("show", "vehicle-sales", "--monthly", "--facts", str(caam_h1))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Vehicle sales (vehicles) by month" in out
    assert "Jul    2.62 M †" in out  # the grid: 2.616 M, derived, to three digits
    assert "Jul ██████████████████████████████████████████████████ 2.62 M †" in out  # the chart
    assert "† derived from stated figures" in out and "✗" not in out


def test_a_month_between_real_releases(run) -> None:
    """Jan-Nov 31,127,000 less November 3,429,000 is Jan-Oct 27,698,000; less Jan-Sep 24,363,000 it is
    October alone: 3,335,000 (no release of these states October)."""
    rows = list(
        csv.DictReader(
            io.StringIO(run("show", "vehicle-sales", "--monthly", "--facts", str(EXAMPLE_2025), "-f", "csv").stdout)
        )
    )
    assert [(r["month"], r["2025"]) for r in rows] == [
        ("Sep", "3.226 M"),
        ("Oct", "3.34 M †"),
        ("Nov", "3.429 M"),
    ]
    doc = json.loads(
        run(
            "show", "vehicle-sales", "--explain", "--period", "2025-10", "--facts", str(EXAMPLE_2025), "-f", "json"
        ).stdout
    )
    [cell] = doc["cells"]
    assert (cell["answer"]["lower"], cell["answer"]["upper"]) == (3335000, 3335000)
    assert cell["evidence"][0]["derived_from"]["stated"] == [
        "cn-vehicle-sales-2025-ytd-11",
        "cn-vehicle-sales-2025-11",
        "cn-vehicle-sales-2025-ytd-09",
    ]


def test_explain_shows_a_stated_month_a_chain_bears_out(run) -> None:
    """November exports: stated 728,000; Jan-Nov 6,343,000 less (Jan-Sep 4,950,000 + October 666,000)
    gives 727,000. Jan-Sep is given to ten thousands (495萬: 4,945,000-4,955,000), so the chain is
    721,000-733,000 and holds 728,000: they agree within rounding, and the stated figure stands."""
    doc = json.loads(
        run("show", "vehicle-exports", "--explain", "-p", "2025-11", "--facts", str(EXAMPLE_2025), "-f", "json").stdout
    )
    [cell] = doc["cells"]
    assert cell["agreement"] == "agree within rounding"
    assert (cell["answer"]["lower"], cell["answer"]["upper"]) == (728000, 728000)
    assert cell["lower_from"] == cell["upper_from"] == ["cn-vehicle-exports-2025-11"]
    chain = next(e for e in cell["evidence"] if e["derived_from"] is not None)
    assert (chain["lower"], chain["upper"]) == (727000, 727000)
    out = run("show", "vehicle-exports", "--explain", "-p", "2025-11", "--facts", str(EXAMPLE_2025)).stdout
    assert "↑↓    728,000 vehicles  stated" in out


def test_explain_and_monthly_are_refused_together_and_with_chart(run) -> None:
    result = run("show", "vehicle-sales", "--explain", "--monthly")
    assert result.exit_code == 2 and "--explain and --monthly are two views" in result.stderr
    result = run("show", "vehicle-sales", "--monthly", "--chart")
    assert result.exit_code == 2 and "--monthly goes without --chart" in result.stderr


def test_explain_names_the_chain_that_made_the_bound() -> None:
    """Inline facts (synthetic figures): NEV sales stated as "over 16 million"; over 60 % of over 30
    million vehicles sold is over 18 million, the tighter lower bound (↑), made by the chain."""
    kb = small_base(
        fact("total", "2025", "30000000", "over"),
        fact("share", "2025", "60", "over", metric="nev-share"),
        fact("stated", "2025", "16000000", "over", metric="nev-sales", source="s2"),
    )
    filters = Filters(metrics=("nev-sales",), region="China", period=parse_period("2025"))
    explained = ExplainAnswer(kb, kb.metrics["nev-sales"], tuple(selected_answers(kb, filters)))
    [cell] = json.loads(explained.text(OutputFormat.json))["cells"]
    assert (cell["answer"]["lower"], cell["answer"]["lower_open"], cell["answer"]["upper"]) == (18000000, True, None)
    assert cell["lower_from"] == ["nev-sales-2025-from-share"] and cell["upper_from"] == []
    chain = next(e for e in cell["evidence"] if e["derived_from"] is not None)
    assert chain["derived_from"] == {"operation": "> 60 % × > 30 million vehicles", "facts": ["share", "total"]}
    rows = explained.text(OutputFormat.markdown).splitlines()
    assert "| China, 2025 | = | &gt; 18 million vehicles | agree |  |  |" in rows
    assert "| China, 2025 |  | &gt; 16 million vehicles | stated | stated | s2 |" in rows
    assert (
        "| China, 2025 | ↑ | &gt; 18 million vehicles † | &gt; 60 % × &gt; 30 million vehicles | share total |  |"
        in rows
    )


def test_explain_names_a_bundled_chain_that_makes_the_bound(run) -> None:
    """Bundled base, 2024 NEV exports: no source states them; "over 2.61 million" in 2025, "doubling the
    figure from a year ago", gives over 2.61 / 2 = 1.305 million (↑), named with the two facts."""
    out = run("show", "nev-exports", "--explain", "--region", "China", "--period", "2024").stdout
    assert "=    > 1.305 million vehicles  single" in out
    assert (
        "↑  > 1.305 million vehicles †  > 2.61 million vehicles ÷ 2×  cn-nev-exports-2025 cn-nev-exports-multiple-2025"
        in out
    )


def test_a_conflict_is_shown_with_both_pieces_and_is_no_verdict(run, run_json, kb_copy) -> None:
    """Test data: a source saying 2025 NEV sales were 15 million (15,000,000, read to its rounding as
    14,500,000-15,500,000) cannot stand beside "over 16 million" stated (global-attention): a conflict,
    the two pieces that cannot both hold named, and the target judged on that cell gets no met or
    missed. (Three pieces, a chain among them: the next test.)"""
    sentence = "NEV sales were 15 million units in 2025."
    (kb_copy.parent / "seeds" / "test-conflict.txt").write_text(f"Test data. {sentence}\n", encoding="utf-8")
    with (kb_copy / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(
            '  - id: test-conflict\n    file: test-conflict.txt\n    title: "[Test data]"\n'
            "    published: 2026-01\n    language: en\n"
        )
    (kb_copy / "test-conflict.yaml").write_text(
        "source: test-conflict\nfacts:\n  - id: test-nev-sales-2025\n    metric: nev-sales\n    region: China\n"
        f"    period: 2025\n    kind: actual\n    value: 15000000\n    qualifier: exact\n    quote: {sentence}\n",
        encoding="utf-8",
    )
    args = ("show", "nev-sales", "--explain", "-p", "2025", "--region", "China", "--facts", str(kb_copy))
    [cell] = json.loads(run(*args, "-f", "json").stdout)["cells"]
    assert (cell["agreement"], cell["answer"]) == ("conflict", None)
    assert cell["conflict"] == ["test-nev-sales-2025", "cn-nev-sales-2025"]
    out = run(*args).stdout
    assert "=               conflict  no value satisfies both ✗ pieces" in out
    assert "✗    15 million vehicles  stated" in out
    assert "✗  > 16 million vehicles  stated" in out
    doc = run_json("targets", "--facts", str(kb_copy), "-m", "nev-sales", "--as-of", "2026-02-01")
    # the goal as the ministry states it (the explainer restating it is not judged again)
    [v] = [t for t in doc["targets"] if t["target"]["id"] == "cn-nev-sales-2025-target-miit"]
    assert v["status"] == "conflict" and v["outcome"] is None
    assert v["outcome_facts"] == ["test-nev-sales-2025", "cn-nev-sales-2025"]


def test_a_conflict_names_the_lowest_reaching_and_the_highest_reaching_piece() -> None:
    """Inline facts (synthetic figures): 15 million (14,500,000-15,500,000 to its rounding), "over 16
    million" and, from a chain, over 60 % of over 30 million = over 18 million: no value satisfies all
    three; the conflict names the lowest-reaching (15 million) and the highest-reaching (the chain's
    over 18 million), not "over 16 million" between them, and the target on that cell gets no verdict."""
    fifteen = fact("fifteen", "2025", "15000000", metric="nev-sales", source="s3")
    kb = small_base(
        fact("total", "2025", "30000000", "over"),
        fact("share", "2025", "60", "over", metric="nev-share"),
        fact("over16", "2025", "16000000", "over", metric="nev-sales", source="s2"),
        fifteen,
        fact("goal", "2025", "15500000", "about", metric="nev-sales", kind="target", source="s2"),
    )
    filters = Filters(metrics=("nev-sales",), region="China", period=parse_period("2025"), kind="actual")
    [cell] = selected_answers(kb, filters)
    assert cell.interval is None and cell.conflict is not None
    assert [f.id for f in cell.conflict] == ["fifteen", "nev-sales-2025-from-share"]
    (v,) = check_targets(kb, date(2026, 2, 1)).verdicts
    assert v.status is Status.CONFLICT and v.outcome is None
    assert [f.id for f in v.outcome_facts] == ["fifteen", "nev-sales-2025-from-share"]


def test_a_derived_month_has_the_note_its_mark_points_to(run) -> None:
    # Chongqing's Dec 2024 is no source's figure: 2.54 million (2024) less Jan–Nov 2024, itself
    # 2.4981 million (Jan–Nov 2025) ÷ 1.121 = 2.228 million; the † said "see note" and no note followed
    out = run("show", "vehicle-production", "--monthly", "--region", "Chongqing", env={"COLUMNS": "200"}).stdout
    assert "Chongqing, Dec 2024: derived: 2.54 million vehicles (2024) − 2.228 million vehicles † (2024-01/2024-11)" in out


def test_a_one_sided_derived_figure_in_compare_all_says_how(run) -> None:
    # compare --all lists Chongqing's Jan–Nov 2024 production (derived) beside nothing in 2023
    out = run("compare", "2023-01/2023-11", "2024-01/2024-11", "--all", "-m", "vehicle-production", "--format", "csv")
    rows = out.stdout.splitlines()
    assert rows[1].startswith("vehicle-production,Chongqing,,2.228 million vehicles †,")
    assert rows[1].endswith('"2024-01/2024-11: derived, 2.4981 million vehicles ÷ (1 + 12.1 %)"')
