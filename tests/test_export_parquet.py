"""`export --format parquet OUT/`: a typed, partitioned dataset DuckDB reads as it is."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

import autofacts
from autofacts.knowledge.load import load_knowledge_base
from tests.conftest import FACTS

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parquet") / "kb"
    autofacts.open(cache=False).export_parquet(out)
    return out


def _query(sql: str) -> list[tuple[object, ...]]:
    return duckdb.connect().execute(sql).fetchall()


def _facts(path: Path) -> str:
    return f"read_parquet('{path}/facts/**/*.parquet', hive_partitioning = true)"


def test_row_counts_and_layout(dataset: Path) -> None:
    assert _query(f"SELECT count(*) FROM {_facts(dataset)}") == [(len(load_knowledge_base(FACTS).facts),)]
    assert (dataset / "facts" / "metric=nev-share" / "part-0.parquet").is_file()
    assert {p.name for p in dataset.iterdir()} == {
        "facts",
        "derived.parquet",
        "metrics.parquet",
        "sources.parquet",
        "autofacts-export.json",
    }
    assert _query(f"SELECT count(*) FROM '{dataset}/metrics.parquet' WHERE id = 'nev-share' AND unit = 'percent'") == [
        (1,)
    ]


def test_columns_are_typed(dataset: Path) -> None:
    types = dict(_query(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {_facts(dataset)})"))
    assert types["value"] == "DECIMAL(38,10)" and types["lower"] == "DECIMAL(38,10)"
    assert types["period_start"] == "DATE" and types["period_end"] == "DATE"
    assert types["lower_open"] == "BOOLEAN" and types["year"] == "BIGINT"
    assert types["quote"] == "VARCHAR" and types["metric"] == "VARCHAR"


@pytest.mark.parametrize(
    ("metric", "region", "kind", "total", "count"),
    [
        # facts/*.yaml: 5.4 (2020) + 40.9 (2024) + 51.6 (Oct 2025); "more than half" is nev-domestic-share
        ("nev-share", "China", "actual", Decimal("97.9"), 3),
        # about 1.4 M and about 13 M (fyp14-review and xinhua-icv-plan each) + over 16 M
        ("nev-production", "China", "actual", Decimal("44800000"), 5),
        # 2017 under 3 M, 2024 2.54 M, Jan-Nov 2025 2.4981 M, the 2025 target 2.6 M
        ("vehicle-production", "Chongqing", None, Decimal("10638100"), 4),
    ],
)
def test_duckdb_totals_equal_shows(
    dataset: Path, run_json, metric: str, region: str, kind: str | None, total: Decimal, count: int
) -> None:
    where = f"metric = '{metric}' AND region = '{region}'" + (f" AND kind = '{kind}'" if kind else "")
    assert _query(f"SELECT sum(value), count(*) FROM {_facts(dataset)} WHERE {where}") == [(total, count)]
    args = ["show", metric, "--region", region] + (["--kind", kind] if kind else [])
    shown = run_json(*args)["facts"]
    assert sum(Decimal(str(f["value"])) for f in shown) == total and len(shown) == count


def test_partition_by_year(run, tmp_path: Path) -> None:
    out = tmp_path / "by-year"
    result = run("export", "-f", "parquet", str(out), "--partition", "year")
    assert result.exit_code == 0, result.stderr
    assert "facts by year" in result.stderr
    assert (out / "facts" / "year=2024").is_dir()
    rows = _query(f"SELECT year, value FROM {_facts(out)} WHERE id = 'cn-nev-share-2024'")
    assert rows == [(2024, Decimal("40.9"))]


def test_never_overwrites_what_is_not_an_export(run, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    refused = run("export", "-f", "parquet", str(mine))
    assert refused.exit_code == 1 and "exists: refusing to overwrite it" in refused.stderr
    forced = run("export", "-f", "parquet", str(mine), "--force")
    assert forced.exit_code == 2 and "not an autofacts parquet export" in forced.stderr
    assert (mine / "notes.txt").read_text() == "keep me"
    out = tmp_path / "kb"
    assert run("export", "-f", "parquet", str(out)).exit_code == 0
    assert run("export", "-f", "parquet", str(out)).exit_code == 1
    assert run("export", "-f", "parquet", str(out), "--force").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb", "mine"]  # nothing temporary left


def test_without_pyarrow_the_extra_is_named(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.dataset", None)
    result = run("export", "-f", "parquet", str(tmp_path / "kb"))
    assert result.exit_code == 2
    assert "pip install 'autofacts[parquet]'" in result.stderr and not (tmp_path / "kb").exists()
