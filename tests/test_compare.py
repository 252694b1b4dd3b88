"""`autofacts compare A B`: arithmetic that fits each measure, expectations from the facts."""

from __future__ import annotations

from decimal import Decimal

import pytest


def fact(kb, fact_id):
    return next(f for f in kb.facts if f.id == fact_id)


def row(doc, metric, region="China"):
    return next(r for r in doc["rows"] if r["metric"] == metric and r["region"] == region)


def test_share_changes_in_percentage_points(run_json, kb) -> None:
    doc = run_json("compare", "2020", "2024")
    r = row(doc, "nev-share")
    expected = fact(kb, "cn-nev-share-2024").value - fact(kb, "cn-nev-share-2020").value
    assert r["change_unit"] == "pp"
    assert Decimal(str(r["change"]["lower"])) == expected == Decimal(str(r["change"]["upper"]))
    assert r["relative_change_percent"] is None and r["cagr_percent"] is None


def test_table_says_pp_not_percent(run) -> None:
    out = run("compare", "2020", "2024").stdout
    assert "+35.5 pp" in out and "657" not in out


def test_approximate_flows_give_interval_change_and_cagr(run_json, zh_env) -> None:
    r = row(run_json("compare", "2020", "2024"), "nev-production")
    # 2024 combines every piece of evidence: "about 13 million" (fyp14-review, +-5 %: 12.35 M to 13.65 M)
    # and "over 13 million" (xinhua-icv-plan) intersect in (13 M, 13.65 M]; the example's Chinese
    # summary restates "about 13 million", the same upper bound, so it is named with fyp14-review
    derived_from = r["b"]["fact"]["derived_from"]
    assert derived_from["facts"] == [
        "cn-nev-production-2024-xinhua",
        "cn-nev-production-2024-fyp",
        "cn-nev-production-2024-zh",
    ]
    assert (r["b"]["fact"]["lower"], r["b"]["fact"]["upper"]) == (13_000_000, 13_650_000)
    assert (r["b"]["fact"]["lower_open"], r["b"]["fact"]["upper_open"]) == (True, False)
    assert r["b"]["agreement"] == "agree"
    # 2020 "about 1.4 million": 1.33 M to 1.47 M; change: 13 M - 1.47 M (open) to 13.65 M - 1.33 M
    assert r["change"]["lower"] == 11_530_000 and r["change"]["lower_open"] is True
    assert r["change"]["upper"] == 12_320_000
    assert r["change"]["nominal"] is None
    # CAGR over 4 years: (13 / 1.47) ** (1 / 4) - 1 = 72.447 %, (13.65 / 1.33) ** (1 / 4) - 1 = 78.986 %
    assert r["cagr_percent"]["lower"] == pytest.approx(72.4473, abs=1e-3)
    assert r["cagr_percent"]["upper"] == pytest.approx(78.9865, abs=1e-3)
    assert "2024: xinhua-icv-plan used" not in r["note"]


def test_compare_mirrors(run_json) -> None:
    ab, ba = run_json("compare", "2020", "2024"), run_json("compare", "2024", "2020")
    for r in ab["rows"]:
        m = row(ba, r["metric"], r["region"])
        assert m["change"]["lower"] == pytest.approx(-r["change"]["upper"])
        assert m["change"]["upper"] == pytest.approx(-r["change"]["lower"])


def test_flows_of_different_length_are_not_compared(run_json) -> None:
    doc = run_json("compare", "2025-01/2025-11", "2024", "--region", "Chongqing")
    r = row(doc, "vehicle-production", "Chongqing")
    assert r["change"] is None and r["relative_change_percent"] is None
    assert r["note"].startswith("flows over periods of different length are not compared")


def test_lower_bounds_bound_the_change_from_one_side(run_json, kb) -> None:
    r = row(run_json("compare", "2024", "2025", "--metric", "vehicle-production"), "vehicle-production")
    # over 30 million, then over 34 million: the change is unknown in both directions
    assert r["change"]["lower"] is None and r["change"]["upper"] is None
    r = row(run_json("compare", "2017", "2024", "--region", "Chongqing"), "vehicle-production", "Chongqing")
    # under 3 million in 2017, exactly 2.54 million in 2024: the change is more than 2.54 - 3 million
    expected = fact(kb, "chongqing-vehicle-production-2024").value - fact(kb, "chongqing-vehicle-production-2017").value
    assert r["change"]["lower"] == pytest.approx(float(expected)) and r["change"]["lower_open"]
    assert r["change"]["upper"] is None


def test_rank_changes_in_places_without_cagr(run_json) -> None:
    r = row(
        run_json("compare", "2017", "2019", "--metric", "vehicle-production-rank"),
        "vehicle-production-rank",
        "Chongqing",
    )
    assert r["change_unit"] == "places" and r["change"]["nominal"] == 5 and r["cagr_percent"] is None


def test_nothing_comparable_says_what_exists(run) -> None:
    result = run("compare", "2014", "2027")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "nothing to compare between 2014 and 2027: 2014 has nothing; 2027 has icv-consumption"
    )


def test_all_lists_one_sided_rows(run_json) -> None:
    doc = run_json("compare", "2023", "2024", "--all")
    one_sided = [r for r in doc["rows"] if r["a"] is None or r["b"] is None]
    assert any(r["metric"] == "vehicle-exports" and r["b"] is None for r in one_sided)


def test_bad_periods_exit_2(run) -> None:
    for args in (["2025-13", "2024"], ["2025/2024", "2024"], ["2024"]):
        result = run("compare", *args)
        assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "invalid period '2025/2024': the range runs backwards" in run("compare", "2025/2024", "2024").stderr


# --- issue 14: stated changes, counts of years, derived figures (CAAM releases, see conftest) ----


def test_a_stated_change_is_preferred_to_one_computed_from_bounds(run_json, caam) -> None:
    """2023 'over 30 million', 2024 31.282 million: computed, the growth is only < +4.273 %
    (31.282 / 30 - 1); CAAM states '3.7 percent more than a year earlier', and that is used."""
    r = row(run_json("compare", "2023", "2024", "--facts", str(caam)), "vehicle-production")
    assert r["relative_change_basis"] == "stated"
    assert r["relative_change_fact"] == "caam-vehicle-production-growth-2024"
    assert (r["relative_change_percent"]["lower"], r["relative_change_percent"]["upper"]) == (3.7, 3.7)
    assert r["b"]["fact"]["id"] == "caam-vehicle-production-2024"
    sales = row(run_json("compare", "2023", "2024", "--facts", str(caam)), "vehicle-sales")
    assert sales["relative_change_percent"]["nominal"] == 4.5


def test_the_table_names_the_stated_change(run, caam) -> None:
    out = run("compare", "2023", "2024", "--facts", str(caam), "--format", "csv").stdout
    line = next(x for x in out.splitlines() if x.startswith("vehicle-production,"))
    assert "+3.7 %," in line and "change % as stated (caam-vehicle-production-growth-2024)" in line


def test_computed_change_from_a_bound_is_rounded_down(run, run_json, caam) -> None:
    """2024 31.282 M to 2025 'over 34 M': > 34 / 31.282 - 1 = 8.68870 %, shown "> +8.688 %"."""
    r = row(run_json("compare", "2024", "2025", "--facts", str(caam)), "vehicle-production")
    assert r["relative_change_basis"] == "computed" and r["relative_change_fact"] is None
    assert r["relative_change_percent"]["lower"] == 8.688702768  # 8.6887027683...: rounded down
    out = run("compare", "2024", "2025", "--facts", str(caam), "--format", "csv").stdout
    assert "> +8.688 %" in out and "> +8.689 %" not in out


def test_a_count_of_years_changes_in_years_with_no_percentage(run_json, caam) -> None:
    """The 10th consecutive year, then the 11th: one more year, not '+10 %'."""
    r = row(run_json("compare", "2024", "2025", "--facts", str(caam)), "nev-global-lead-years")
    assert r["change"]["nominal"] == 1 and r["change_unit"] == "years"
    assert r["relative_change_percent"] is None and r["relative_change_basis"] is None


def test_a_derived_figure_stands_in_where_none_is_stated(run, run_json, caam) -> None:
    """2024 NEV sales: 40.9 % x 31.436 M = 12.857324 M (derived, as no fact states them here); 2025:
    'over 16 M' is stated, and nothing derives another (the 'more than half' of 2025 is a share of
    the home market, whose whole no fact states): > 16 / 12.857324 - 1 = 24.442691185... %."""
    r = row(run_json("compare", "2024", "2025", "--facts", str(caam)), "nev-sales")
    assert r["a"]["fact"]["derived_from"] == {
        "operation": "40.9 % × 31.436 million vehicles",
        "facts": ["cn-nev-share-2024", "caam-vehicle-sales-2024"],  # the original, not its restatement
    }
    assert r["a"]["fact"]["lower"] == r["a"]["fact"]["upper"] == 12857324
    assert r["b"]["fact"]["id"] == "cn-nev-sales-2025" and r["b"]["fact"]["derived_from"] is None
    assert r["relative_change_percent"]["lower"] == 24.44269118  # rounded down
    out = run("compare", "2024", "2025", "--facts", str(caam), "--format", "csv").stdout
    line = next(x for x in out.splitlines() if x.startswith("nev-sales,"))
    assert "12.86 million vehicles †" in line and "2024: derived, 40.9 % × 31.436 million vehicles" in line


def test_derived_figures_carry_their_bounds_into_compare(run_json, english_copy) -> None:
    """Without the Chinese release 2024 sales are only 'over 30 million', so 2024 NEV sales are only
    'over 12.27 million' and the change to 'over 16 million' is unknown, not a number."""
    r = row(run_json("compare", "2024", "2025", "--facts", str(english_copy)), "nev-sales")
    assert (r["a"]["fact"]["lower"], r["a"]["fact"]["upper"], r["a"]["fact"]["lower_open"]) == (12270000, None, True)
    assert r["relative_change_percent"] == {
        "lower": None,
        "upper": None,
        "lower_open": True,
        "upper_open": True,
        "nominal": None,
    }


def test_a_stated_level_is_compared_rather_than_a_derived_one(run_json) -> None:
    """The bundled base's Chinese release states 2024 NEV sales, 12.866 million (a chain gives 40.9 % x
    31.436 M = 12.857324 M too): compared with 'over 16 million' in 2025, the change is over
    16 / 12.866 - 1 = 24.358775066... % (rounded down)."""
    r = row(run_json("compare", "2024", "2025"), "nev-sales")
    assert r["a"]["fact"]["id"] == "cn-nev-sales-2024-miit" and r["a"]["fact"]["derived_from"] is None
    assert r["a"]["fact"]["lower"] == r["a"]["fact"]["upper"] == 12866000
    assert r["relative_change_percent"]["lower"] == 24.35877506 and r["relative_change_percent"]["upper"] is None


def test_a_period_is_not_compared_with_itself(run, kb) -> None:
    """`compare 2025 2025` (or 2025 against 2025-01/2025-12, the same days) has no change to show:
    a usage error, exit 2, one line naming the period and what to run instead."""
    import pytest

    from autofacts.answers.compare import compare_periods
    from autofacts.answers.query import Filters
    from autofacts.errors import UsageError
    from autofacts.knowledge.periods import parse_period

    result = run("compare", "2025", "2025-01/2025-12")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "autofacts: error[U001]: compare needs two different periods, got 2025 twice"
        " (to list one period's figures: autofacts show METRIC --period 2025)\n"
    )
    with pytest.raises(UsageError):
        compare_periods(kb, parse_period("2024"), parse_period("2024"), Filters())
    assert run("compare", "2024", "2025", "-m", "nev-share").exit_code == 0


def test_periods_head_their_columns_as_a_reader_says_them(run) -> None:
    # "2024-01/2024-11" took 15 columns at 80 and squeezed the metric's name into one word a line
    out = run("compare", "2024-01/2024-11", "2025-01/2025-11", "--format", "markdown").stdout
    assert out.splitlines()[0] == "### Compare Jan–Nov 2024 with Jan–Nov 2025"
    assert "| metric | region | Jan–Nov 2024 | Jan–Nov 2025 | change |" in out
    # the CSV keeps its stable keys
    csv_head = run("compare", "2024-01/2024-11", "2025-01/2025-11", "--format", "csv").stdout.splitlines()[0]
    assert csv_head == "metric,region,a,b,change,relative,cagr,sources,note"


def test_nothing_compared_says_the_figures_differ_in_kind() -> None:
    from autofacts.answers.compare import compare_periods
    from autofacts.answers.query import Filters
    from autofacts.knowledge.periods import parse_period
    from autofacts.output.comparison import nothing_to_compare
    from tests.small_base import fact, small_base

    kb = small_base(
        fact("sales-2025", "2025", "34400000", "about"),
        fact("byd-2025", "2025", "4600000", region="World"),
        fact("sales-2026", "2026", "35500000", "about", kind="forecast"),
    )
    comparison = compare_periods(kb, parse_period("2025"), parse_period("2026"), Filters())
    assert comparison.rows == ()
    assert comparison.unpaired == (
        ("a", "vehicle-sales", "China", None, "actual"),
        ("a", "vehicle-sales", "World", None, "actual"),
        ("b", "vehicle-sales", "China", None, "forecast"),
    )
    assert nothing_to_compare(comparison) == (
        "nothing to compare between 2025 and 2026: a figure is compared only with one of the same kind, "
        "region and company, and none match: 2025 has vehicle-sales (actual: China, World); "
        "2026 has vehicle-sales (forecast: China) (--all lists both periods' figures side by side)"
    )
