"""The Python API (autofacts.open): a notebook's view of the card's three questions, checked against
figures read by hand from the bundled facts/*.yaml and against the CLI's own JSON answers."""

from __future__ import annotations

import dataclasses
import doctest
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import autofacts
from autofacts.errors import DataError, KnowledgeBaseError, UnknownMetricError, UsageError
from tests.conftest import edit

AS_OF = "2026-06-30"  # a fixed day: the answers (and the targets' verdicts) do not change with today's date


def test_notebook_show_nev_share_matches_the_yaml_and_the_cli(run_json) -> None:
    kb = autofacts.open()
    shown = kb.show("nev-share", region="China", as_of=AS_OF)
    assert shown.metric.id == "nev-share" and shown.metric.unit == "percent"
    got = [(f.id, f.period.label, f.value, f.qualifier, f.source.id) for f in shown.facts]
    # facts/fyp14-review.yaml, xinhua-icv-plan.yaml
    assert got == [
        ("cn-nev-share-2020", "2020", Decimal("5.4"), "exact", "fyp14-review"),
        ("cn-nev-share-2024", "2024", Decimal("40.9"), "exact", "fyp14-review"),
        ("cn-nev-share-2025-10", "2025-10", Decimal("51.6"), "exact", "xinhua-icv-plan"),
    ]
    assert [agreement for agreement, _ in shown.groups] == ["single"] * 3
    assert shown.to_dict() == run_json("show", "nev-share", "--region", "China", "--as-of", AS_OF)
    # facts/global-attention.yaml: "more than half of new vehicle sales in China", the home market's share
    home = kb.show("nev-domestic-share", region="China", as_of=AS_OF)
    (over_half,) = home.facts
    assert (over_half.id, over_half.period.label) == ("cn-nev-domestic-share-2025", "2025")
    assert over_half.source.id == "global-attention"
    assert (over_half.lower, over_half.upper, over_half.interval.lo_open) == (Decimal("50"), None, True)
    assert over_half.source.quote.startswith("In 2025, NEVs accounted for more than half of new vehicle sales")
    assert over_half.period.start == date(2025, 1, 1) and over_half.period.end == date(2025, 12, 31)
    assert home.to_dict() == run_json("show", "nev-domestic-share", "--region", "China", "--as-of", AS_OF)


def test_notebook_compare_2020_2024_matches_the_yaml_and_the_cli(run_json) -> None:
    compared = autofacts.open().compare(2020, 2024, as_of=AS_OF)
    rows = {r.metric: r for r in compared.rows}
    assert sorted(rows) == ["nev-production", "nev-share"]
    share = rows["nev-share"]
    assert (share.a.value, share.b.value) == (Decimal("5.4"), Decimal("40.9"))
    assert (share.change.lo, share.change.hi, share.change_unit) == (Decimal("35.5"), Decimal("35.5"), "pp")
    assert share.relative is None and share.cagr is None  # a share changes in points, never in per cent
    production = rows["nev-production"]
    # about 1.4 million (xinhua-icv-plan, the later source; ±5 %: 1.33 M to 1.47 M) -> 2024 combines
    # "about 13 million" (fyp14-review, 12.35 M to 13.65 M) with "over 13 million" (xinhua-icv-plan):
    # (13 M, 13.65 M], so the change is 13 M - 1.47 M (open) to 13.65 M - 1.33 M
    assert production.a.source.id == "xinhua-icv-plan"
    assert production.b.derived_from is not None
    assert production.b.derived_from.facts == ("cn-nev-production-2024-xinhua", "cn-nev-production-2024-fyp")
    assert (production.change.lo, production.change.lo_open) == (11_530_000, True)
    assert production.change.hi == 12_320_000
    assert production.change.nominal is None
    assert round(production.cagr.lo, 2) == Decimal("72.45")  # (13 / 1.47) ** (1/4) - 1
    assert production.relative_basis == "computed"
    assert compared.to_dict() == run_json("compare", "2020", "2024", "--as-of", AS_OF)


def test_notebook_targets_2025_matches_the_yaml_and_the_cli(run_json) -> None:
    result = autofacts.open().targets(year=2025, as_of=AS_OF)
    statuses = {(v.region, v.metric): v.status for v in result.verdicts}
    assert statuses == {
        ("China", "vehicle-sales"): "met",  # about 32.3 M aimed at, over 34 M sold
        ("China", "nev-sales"): "met",  # about 15.5 M aimed at, over 16 M sold
        ("China", "vehicle-sales-growth"): "met",  # about 3 %: over 34 / 31.436 - 1 = 8.16 %
        ("China", "nev-sales-growth"): "met",  # about 20 %: over 16 / 12.866 - 1 = 24.36 %
        ("China", "manufacturing-added-value-growth"): "no data",
        ("China", "vehicle-exports-growth"): "not measurable",
        ("Chongqing", "icv-nev-cluster-scale"): "no data",
        ("Chongqing", "vehicle-production"): "on track",
    }
    nev = next(v for v in result.verdicts if v.metric == "nev-sales")
    assert (nev.target.value, nev.target.qualifier) == (Decimal("15500000"), "about")
    # stated "over 16 million" (global-attention); no chain: "more than half" is of the home market
    assert (nev.outcome.lo, nev.outcome.lo_open, nev.outcome.hi) == (Decimal("16000000"), True, None)
    assert nev.outcome_facts == ("cn-nev-sales-2025",) and not nev.derived
    chongqing = next(v for v in result.verdicts if v.metric == "vehicle-production")
    assert chongqing.projected and chongqing.outcome.lo == Decimal("2498100")
    assert chongqing.outcome_period.label == "2025-01/2025-11"
    assert result.counts["met"] == 4 and result.counts["no data"] == 2 and sum(result.counts.values()) == 8
    assert result.to_dict() == run_json("targets", "--year", "2025", "--as-of", AS_OF)


def test_facts_filters_and_records_are_frozen() -> None:
    kb = autofacts.open()
    rows = kb.facts("vehicle-sales", region="China", kind="target")
    assert [(r.id, r.value) for r in rows] == [
        ("cn-vehicle-sales-2025-target-miit", Decimal("32300000")),  # the ministry's, then its restatement
        ("cn-vehicle-sales-2025-target", Decimal("32300000")),
    ]
    row = rows[0]
    assert row.unit == "vehicles" and row.entity is None and row.source.published == "2025-09-12"
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.value = Decimal(1)  # type: ignore[misc]
    assert rows[0:2] == rows and len(kb.facts(region="Chongqing", period=2024)) == 4
    assert kb.metric("ev-share").id == "nev-share"  # an alias
    assert "Chongqing" in kb.regions() and 2020 in kb.years() and kb.years(kind="target")[0] == 2025


def test_usage_errors_are_the_clis(kb_copy: Path) -> None:
    kb = autofacts.open(str(kb_copy), cache=False)
    with pytest.raises(UnknownMetricError, match="did you mean nev-share"):
        kb.show("nev-shar")
    with pytest.raises(UsageError, match="unknown region 'Chongqin' — did you mean Chongqing"):
        kb.facts(region="Chongqin")
    with pytest.raises(UsageError, match="is in the future"):
        kb.show("nev-share", as_of=date(2999, 1, 1))
    with pytest.raises(UsageError, match="unknown status 'done'"):
        kb.targets(status="done")
    with pytest.raises(KnowledgeBaseError, match="no such knowledge-base folder"):
        autofacts.open(str(kb_copy / "nope"))


def test_a_base_with_problems_raises_data_error_naming_the_first(kb_copy: Path) -> None:
    edit(kb_copy / "fyp14-review.yaml", "    value: 40.9", "    value: 40.9x")
    with pytest.raises(DataError, match=r"fyp14-review\.yaml:\d+:\d+") as caught:
        autofacts.open(str(kb_copy), cache=False).show("nev-share")
    assert caught.value.problems


def test_to_pandas_and_to_arrow_are_typed() -> None:
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    shown = autofacts.open().show("nev-share", region="China", as_of=AS_OF)
    frame = shown.to_pandas()
    assert list(frame["value"]) == [5.4, 40.9, 51.6]
    assert str(frame["value"].dtype) == "Float64" and pd.api.types.is_datetime64_any_dtype(frame["period_start"])
    assert list(frame["upper"]) == [5.4, 40.9, 51.6]  # exact figures: each its own upper bound
    home = autofacts.open().show("nev-domestic-share", region="China", as_of=AS_OF).to_pandas()
    assert list(home["lower"]) == [50.0] and pd.isna(home["upper"][0])  # "more than half": no upper bound
    table = shown.to_arrow()
    assert table.schema.field("value").type == pa.decimal128(38, 10)
    assert table.schema.field("period_end").type == pa.date32()
    assert table.column("value").to_pylist()[1] == Decimal("40.9")
    assert table.column("quote").to_pylist()[2].startswith("New energy vehicles accounted for 51.6 percent")


def test_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    rows = autofacts.open().facts("nev-share")
    with pytest.raises(ImportError, match=r"pip install 'autofacts\[pandas\]'"):
        rows.to_pandas()
    with pytest.raises(ImportError, match=r"pip install 'autofacts\[arrow\]'"):
        rows.to_arrow()


def test_docstring_examples_run() -> None:
    import autofacts.api
    import autofacts.api.base
    import autofacts.output.tables

    for module in (autofacts.api, autofacts.api.base, autofacts.output.tables):
        failed, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert failed == 0 and tried > 0, module.__name__


def test_the_api_page_runs() -> None:
    """docs/api.md's examples are doctests: the page shows what the API returns today."""
    page = Path(__file__).resolve().parent.parent / "docs" / "api.md"
    failed, tried = doctest.testfile(str(page), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert failed == 0 and tried >= 25


_HEAVY = ("pandas", "pyarrow", "duckdb", "datasette", "sqlite_utils", "numpy")


def _modules_after(code: str) -> dict[str, list[str]]:
    probe = (
        f"import sys, json\n{code}\n"
        f"names = sorted(m for m in sys.modules if m.split('.')[0] in {_HEAVY!r} or m.startswith('autofacts.'))\n"
        "sys.stderr.write('MODULES ' + json.dumps(names) + '\\n')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    line = [x for x in done.stderr.splitlines() if x.startswith("MODULES ")][-1]
    names = json.loads(line[len("MODULES ") :])
    return {"heavy": [n for n in names if n.split(".")[0] in _HEAVY], "autofacts": names}


def test_import_autofacts_is_cheap() -> None:
    loaded = _modules_after("import autofacts")
    assert loaded["heavy"] == [] and loaded["autofacts"] == ["autofacts.version"]  # one line: the version


@pytest.mark.parametrize(
    "argv",
    [["show", "nev-share"], ["compare", "2020", "2024", "-f", "json"], ["targets", "--year", "2025"], ["export"]],
)
def test_cli_commands_import_no_data_libraries(argv: list[str]) -> None:
    run = f"from autofacts.entry import main\nsys.argv = ['autofacts', *{argv!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass"
    loaded = _modules_after(run)
    assert loaded["heavy"] == []
    assert not any("parquet" in n or "sqlite_export" in n for n in loaded["autofacts"])
    assert "autofacts.api" in loaded["autofacts"] or argv == ["export"]


def test_the_sqlite_export_imports_no_data_libraries(tmp_path: Path) -> None:
    argv = ["export", "-f", "sqlite", str(tmp_path / "kb.db")]
    run = f"from autofacts.entry import main\nsys.argv = ['autofacts', *{argv!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass"
    loaded = _modules_after(run)
    assert (tmp_path / "kb.db").is_file()
    assert loaded["heavy"] == [] and "autofacts.output.sqlite_export" in loaded["autofacts"]
