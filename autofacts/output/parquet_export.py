"""`export --format parquet OUT/`: the base as a typed, partitioned Parquet dataset (pyarrow extra).

    OUT/facts/metric=nev-share/part-0.parquet   (or year=2024/ with --partition year)
    OUT/derived.parquet  OUT/metrics.parquet  OUT/sources.parquet  OUT/autofacts-export.json

The facts are the Arrow columns of the Python API (tables.FACT_COLUMNS): figures as
decimal128(38, 10), days as date32, one schema in every file, Hive-style partition folders, which
DuckDB (`read_parquet('OUT/facts/**/*.parquet', hive_partitioning = true)`) and Spark
(`spark.read.parquet("OUT/facts")`) read as they are. The folder is built beside OUT and renamed
into place whole; an existing OUT is replaced (--force) only when it is an earlier export of this
kind, never a folder holding anything else.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autofacts.errors import UsageError
from autofacts.files import FileExistsRefusal, OutputPathError
from autofacts.output.rows import FactRow
from autofacts.output.tables import Table, to_arrow

MARKER = "autofacts-export.json"  # says the folder is an export autofacts may replace with --force
PARTITIONS = ("metric", "year")


@dataclass(frozen=True)
class ParquetExport:
    """What was written: the folder, the partition column, and the rows of each table."""

    path: Path
    partition: str
    counts: dict[str, int]


def _is_our_export(path: Path) -> bool:
    names = {p.name for p in path.iterdir()}
    return MARKER in names and names <= {MARKER, "facts", "derived.parquet", "metrics.parquet", "sources.parquet"}


def check_parquet_output(path: Path, replace: bool) -> None:
    """Refuse, before any work, an OUT that exists (unless --force and it is an earlier export)."""
    if not path.name or path.name in (".", ".."):
        raise OutputPathError(f"{path}: not a folder name")
    parent = path.parent
    if not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise OutputPathError(f"{path}: the folder {parent} {what}")
    if not path.exists() and not path.is_symlink():
        return
    if path.is_symlink() or not path.is_dir():
        raise OutputPathError(f"{path} exists and is not a folder: parquet writes a folder (choose another name)")
    if not replace:
        raise FileExistsRefusal(f"{path} exists: refusing to overwrite it (choose another name, or --force)")
    if not _is_our_export(path):
        raise OutputPathError(
            f"{path} holds files that are not an autofacts parquet export: --force replaces only an earlier export"
        )


def _need_pyarrow() -> Any:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.dataset as ds
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(
            "export --format parquet needs pyarrow: install the optional extra with `pip install 'autofacts[parquet]'`"
        ) from None
    return ds, pq


def write_parquet(
    facts: Table[Any],
    derived: Table[Any],
    metrics: Table[Any],
    sources: Table[Any],
    path: Path,
    partition: str = "metric",
    replace: bool = False,
    info: dict[str, str] | None = None,
) -> ParquetExport:
    """Write the dataset; OUT appears whole or not at all."""
    if partition not in PARTITIONS:
        raise UsageError(f"--partition {partition}: partition by {' or '.join(PARTITIONS)}")
    ds, pq = _need_pyarrow()
    check_parquet_output(path, replace)
    tmp = path.with_name(f".{path.name[:50]}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir()
        table = facts.to_arrow()
        ds.write_dataset(
            table,
            tmp / "facts",
            format="parquet",
            partitioning=[partition],
            partitioning_flavor="hive",
            basename_template="part-{i}.parquet",
            existing_data_behavior="error",
        )
        pq.write_table(to_arrow(derived.columns(), FactRow), tmp / "derived.parquet")
        for name, rows in (("metrics", metrics), ("sources", sources)):
            pq.write_table(rows.to_arrow(), tmp / f"{name}.parquet")
        counts = {"facts": len(facts), "derived": len(derived), "metrics": len(metrics), "sources": len(sources)}
        about = {"format": "autofacts parquet export", "partition": partition, "rows": counts, **(info or {})}
        (tmp / MARKER).write_text(json.dumps(about, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _place(tmp, path, replace)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return ParquetExport(path, partition, counts)


def _place(tmp: Path, path: Path, replace: bool) -> None:
    """Rename the finished folder into place; an earlier export is moved aside first, then removed."""
    if not path.exists():
        os.rename(tmp, path)
        return
    check_parquet_output(path, replace)  # again, just before: it may have changed meanwhile
    old = path.with_name(f".{path.name[:50]}.{os.getpid()}.old")
    os.rename(path, old)
    try:
        os.rename(tmp, path)
    except OSError:
        os.rename(old, path)
        raise
    shutil.rmtree(old, ignore_errors=True)
