"""`autofacts show METRIC`: every fact for a metric, sorted by period, cited."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from autofacts.knowledge.units import plain


def test_nev_share_rows_sorted_by_period_with_sources(run_json, kb) -> None:
    doc = run_json("show", "nev-share")
    expected = sorted((f for f in kb.facts if f.metric == "nev-share"), key=lambda f: (f.period.start, f.period.end))
    assert [f["id"] for f in doc["facts"]] == [f.id for f in expected]
    for fact, original in zip(doc["facts"], expected, strict=True):
        assert Decimal(str(fact["value"])) == original.value
        assert fact["source"]["quote"] == " ".join(original.quote.split())
        assert fact["source"]["file"] == f"seeds/{kb.sources[original.source].file}"


def test_table_shows_human_units_and_bounds(run, kb) -> None:
    result = run("show", "nev-production", "--wide")
    assert result.exit_code == 0
    out = result.stdout
    # each stated figure as the source hedges it, derived from the facts' own values
    for fact in kb.facts_for("nev-production"):
        millions = plain(fact.value / 10**6) if fact.value >= 10**6 else None
        symbol = {"about": "≈ ", "over": "> ", "exact": ""}[fact.qualifier]
        if millions:
            assert f"{symbol}{millions} million vehicles" in out
    assert "950,000 vehicles" in out


def test_table_says_the_unit_once_and_figures_short(run) -> None:
    out = run("show", "nev-production").stdout
    assert out.startswith("NEV production (nev-production), in vehicles\n")
    for short in ("≈ 1.4 M  actual", "≈ 13 M  actual", "> 13 M  actual", "950,000  actual", "> 16 M  actual"):
        assert short in out  # the value, then the next column (kind)


def test_alias_and_prefix(run_json) -> None:
    assert run_json("show", "nev-penetration")["metric"]["id"] == "nev-share"
    assert run_json("show", "icv-nev")["metric"]["id"] == "icv-nev-cluster-scale"


def test_unknown_metric_suggests(run) -> None:
    result = run("show", "nev-shar")
    assert result.exit_code == 2
    assert result.stderr.startswith("autofacts: error[U003]: unknown metric 'nev-shar' — did you mean nev-share")
    assert "Traceback" not in result.stderr


def test_ambiguous_prefix(run) -> None:
    result = run("show", "nev")
    assert result.exit_code == 2 and "ambiguous metric 'nev'" in result.stderr


def test_filters(run_json, kb) -> None:
    region = run_json("show", "vehicle-production", "--region", "chongqing")
    assert {f["region"] for f in region["facts"]} == {"Chongqing"}
    period = run_json("show", "vehicle-production", "--period", "2025-01/2025-11")
    assert [f["id"] for f in period["facts"]] == ["chongqing-vehicle-production-2025-ytd"]
    kind = run_json("show", "vehicle-production", "--kind", "target")
    assert [f["kind"] for f in kind["facts"]] == ["target"]
    window = run_json("show", "vehicle-production", "--since", "2020", "--until", "2024")
    assert all(f["period_start"] >= "2020" and f["period_end"] <= "2024-12-31" for f in window["facts"])
    assert len(window["facts"]) == sum(
        1 for f in kb.facts_for("vehicle-production") if f.period.start.year >= 2020 and f.period.end.year <= 2024
    )


def test_as_of_shows_what_was_known_then(run_json, kb) -> None:
    doc = run_json("show", "nev-share", "--as-of", "2025-12-15")
    known = {f.id for f in kb.facts_for("nev-share") if kb.sources[f.source].published.end.isoformat() <= "2025-12-15"}
    assert {f["id"] for f in doc["facts"]} == known
    # NEV sales by mid-December 2025: the ministry's 2024 figure and the plan's 2025 goal (September
    # 2025, stated twice); the full year 2025 ("over 16 million") was reported in January 2026
    doc = run_json("show", "nev-sales", "--as-of", "2025-12-15")
    assert sorted(f["id"] for f in doc["facts"]) == [
        "cn-nev-sales-2024-miit",
        "cn-nev-sales-2025-target",
        "cn-nev-sales-2025-target-miit",
    ]


def test_corroboration_is_grouped_and_said(run_json, run, zh_env) -> None:
    doc = run_json("show", "nev-production", "--region", "China")
    groups = {tuple(g["facts"]): g for g in doc["groups"]}
    pair = next(g for ids, g in groups.items() if "cn-nev-production-2020-fyp" in ids)
    # two English sources and the worked example's Chinese one state the same 1.4 million
    assert set(pair["facts"]) == {
        "cn-nev-production-2020-fyp",
        "cn-nev-production-2020-xinhua",
        "cn-nev-production-2020-zh",
    }
    assert pair["agreement"] == "agree"
    out = run("show", "nev-production").stdout
    # sources as footnote marks: the first row cites fyp14-review [1] and names xinhua-icv-plan [2] as agreeing
    assert "agrees [2]" in out and "\n[2] xinhua-icv-plan: China New Growth" in out
    assert "agrees: xinhua-icv-plan" in run("show", "nev-production", "--format", "markdown").stdout


def test_bad_arguments_exit_2(run) -> None:
    for args in (
        ["--region", "Atlantis"],
        ["--period", "2025-13"],
        ["--kind", "wish"],
        ["--as-of", "2999-01-01"],
        ["--as-of", "yesterday"],
        ["--format", "xml"],
    ):
        result = run("show", "nev-share", *args)
        assert result.exit_code == 2, (args, result.stdout)
        assert "Traceback" not in result.stderr


def test_quotes_are_shortened_on_a_terminal_and_whole_with_quotes(run, kb, zh_env) -> None:
    quote = " ".join(next(f for f in kb.facts if f.id == "cn-nev-share-2024").quote.split())
    assert quote not in run("show", "nev-share").stdout
    assert f"(c) {quote}" in " ".join(run("show", "nev-share", "--quotes").stdout.split())  # (b) is its Chinese twin


def test_csv_and_markdown(run, kb, zh_env) -> None:
    rows = list(csv.DictReader(io.StringIO(run("show", "nev-share", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == [
        "cn-nev-share-2020",
        "cn-nev-share-2020-zh",
        "cn-nev-share-2024",
        "cn-nev-share-2024-zh",
        "cn-nev-share-2025-10",
        "cn-nev-share-2025-10-zh",
    ]
    assert rows[4]["value"] == rows[5]["value"] == "51.6 %"  # "51.6 percent" and "51.6%"
    home = list(csv.DictReader(io.StringIO(run("show", "nev-domestic-share", "--format", "csv").stdout)))
    assert [(r["id"], r["value"]) for r in home] == [
        ("cn-nev-domestic-share-2025", "> 50 %"),  # "more than half of new vehicle sales in China"
        ("cn-nev-domestic-share-2025-zh", "> 50 %"),  # "国内新车销量占比超过一半"
    ]
    md = run("show", "nev-share", "--format", "markdown").stdout
    table = [ln for ln in md.splitlines() if ln.startswith("|")]
    assert len({ln.count("|") - ln.count("\\|") for ln in table}) == 1  # every row has the same number of cells
    assert "Sources:" in md and "seeds/000_5d12c1107267f4b1.txt" in md


def test_chart_draws_open_ended_bars(run) -> None:
    out = run("show", "nev-production", "--chart").stdout
    assert "▶…" in out and "~" in out  # a lower bound and an approximate figure
    assert "> 16 million vehicles" in out


def test_no_color_and_plain_output(run) -> None:
    out = run("show", "nev-share").stdout
    assert "\x1b[" not in out


def test_conflict_is_shown(run, kb_copy) -> None:
    """A conflict between sources is an error for `check`, and `show` says so on the rows."""
    from conftest import edit

    edit(
        kb_copy / "fyp14-review.yaml",  # "around 13 million" made exact no longer overlaps "over 13 million"
        "    value: 13000000\n    qualifier: about",
        "    value: 13000000\n    qualifier: exact",
    )
    result = run("show", "nev-production", "--facts", str(kb_copy), "--format", "json")
    import json

    group = next(g for g in json.loads(result.stdout)["groups"] if "cn-nev-production-2024-xinhua" in g["facts"])
    assert group["agreement"] == "conflict"
    out = run("show", "nev-production", "--facts", str(kb_copy)).stdout
    assert "CONFLICTS [2]" in out and "\n[2] xinhua-icv-plan:" in out
