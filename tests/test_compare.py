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


def test_approximate_flows_give_interval_change_and_cagr(run_json, kb) -> None:
    r = row(run_json("compare", "2020", "2024"), "nev-production")
    # the most precise source is used on each side: "about 13 million" beats "over 13 million", and of the
    # two "about"s (fyp14-review, 2025-09; the Chinese summary, 2026-11-27) the more recent
    assert r["b"]["fact"]["id"] == "cn-nev-production-2024-zh"
    assert r["b"]["agreement"] == "agree"
    assert r["b"]["also_stated_by"] == ["cn-nev-production-2024-fyp", "cn-nev-production-2024-xinhua"]
    # "about" is ±5 %: 13 M x 0.95 - 1.4 M x 1.05 = 12.35 M - 1.47 M; 13 M x 1.05 - 1.4 M x 0.95 = 13.65 M - 1.33 M
    assert r["change"]["lower"] == 10_880_000
    assert r["change"]["upper"] == 12_320_000
    assert r["change"]["nominal"] == 11_600_000
    assert r["cagr_percent"]["nominal"] == pytest.approx(((13 / 1.4) ** (1 / 4) - 1) * 100)
    lo, hi = r["cagr_percent"]["lower"], r["cagr_percent"]["upper"]
    assert lo < r["cagr_percent"]["nominal"] < hi


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
