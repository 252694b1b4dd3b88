"""Tables of the API's rows: flat columns of plain values, as pandas or Arrow when asked.

pandas and pyarrow are optional extras: they are imported here, when a table is asked for, and
their absence is one clear ImportError naming the extra to install. Arrow keeps figures exact as
decimal128(38, 10) (a lower bound rounded down, an upper bound up, so a bound is never narrowed);
pandas gets floats, which is what a notebook computes with. The Parquet export writes these
same Arrow columns (output/parquet_export.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any, Generic, TypeVar, overload

from autofacts.knowledge.interval import Interval
from autofacts.knowledge.periods import Period
from autofacts.output.rows import ChangeRow, FactRow, MetricRow, SourceRow, VerdictRow

SCALE = 10  # decimal places Arrow and Parquet keep
_STEP = Decimal(1).scaleb(-SCALE)

# The columns of a fact, with their types: an explicit schema, so that every file of a partitioned
# Parquet dataset has the same one whatever values it happens to hold.
FACT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"),
    ("metric", "string"),
    ("unit", "string"),
    ("region", "string"),
    ("entity", "string"),
    ("period", "string"),
    ("period_start", "date"),
    ("period_end", "date"),
    ("year", "int"),
    ("kind", "string"),
    ("value", "decimal"),
    ("qualifier", "string"),
    ("lower", "decimal_lower"),
    ("upper", "decimal_upper"),
    ("lower_open", "bool"),
    ("upper_open", "bool"),
    ("source_id", "string"),
    ("source_title", "string"),
    ("source_published", "string"),
    ("source_file", "string"),
    ("quote", "string"),
    ("note", "string"),
    ("revises", "string"),
    ("derived", "string"),  # how a derived figure was computed; null on a stated one
)
_KINDS = {name: kind for name, kind in FACT_COLUMNS}


def _interval(prefix: str, iv: Interval | None) -> dict[str, Any]:
    return {
        f"{prefix}lower": None if iv is None else iv.lo,
        f"{prefix}upper": None if iv is None else iv.hi,
        f"{prefix}lower_open": None if iv is None else iv.lo_open,
        f"{prefix}upper_open": None if iv is None else iv.hi_open,
    }


def fact_columns(row: FactRow) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": row.id,
        "metric": row.metric,
        "unit": row.unit,
        "region": row.region,
        "entity": row.entity,
        "period": row.period.label,
        "period_start": row.period.start,
        "period_end": row.period.end,
        "year": row.period.start.year,
        "kind": row.kind,
        "value": row.value,
        "qualifier": row.qualifier,
    }
    out.update(_interval("", row.interval))
    out.update(
        source_id=row.source.id,
        source_title=row.source.title,
        source_published=row.source.published,
        source_file=row.source.file,
        quote=row.source.quote,
        note=row.note,
        revises=row.revises,
        derived=None if row.derived_from is None else row.derived_from.operation,
    )
    return out


def _side(prefix: str, row: FactRow | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        f"{prefix}fact": None if row is None else row.id,
        f"{prefix}value": None if row is None else row.value,
        f"{prefix}qualifier": None if row is None else row.qualifier,
    }
    out.update(_interval(prefix, None if row is None else row.interval))
    out[f"{prefix}source"] = None if row is None else row.source.id
    return out


def flat(row: Any) -> dict[str, Any]:
    """A row as one flat dict: an interval becomes lower, upper and their openness, a period its
    label, start and end, a nested fact its id, figure and bounds."""
    if isinstance(row, FactRow):
        return fact_columns(row)
    if isinstance(row, ChangeRow):
        out: dict[str, Any] = {k: getattr(row, k) for k in ("metric", "unit", "region", "entity", "kind")}
        out.update(_side("a_", row.a))
        out.update(_side("b_", row.b))
        out.update(_interval("change_", row.change))
        out["change_unit"] = row.change_unit
        out.update(_interval("relative_", row.relative))
        out.update(_interval("cagr_", row.cagr))
        out.update(relative_basis=row.relative_basis, note=row.note)
        return out
    if isinstance(row, VerdictRow):
        out = {"metric": row.metric, "region": row.region, "period": row.target.period.label}
        out.update(_side("target_", row.target))
        out.update(status=row.status, projected=row.projected)
        out.update(_interval("outcome_", row.outcome))
        out["outcome_period"] = row.outcome_period.label if row.outcome_period else None
        out["outcome_facts"] = list(row.outcome_facts)
        out.update(_interval("percent_of_target_", row.percent_of_target))
        out.update(derived=row.derived, note=row.note)
        return out
    if isinstance(row, (MetricRow, SourceRow)) or is_dataclass(row):
        out = {}
        for f in fields(row):
            value = getattr(row, f.name)
            if isinstance(value, Period):
                out.update({f.name: value.label, f"{f.name}_start": value.start, f"{f.name}_end": value.end})
            else:
                out[f.name] = list(value) if isinstance(value, tuple) else value
        return out
    raise TypeError(f"cannot flatten a {type(row).__name__}")


def _need(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{module} is not installed: install the optional extra with `pip install 'autofacts[{extra}]'`"
        ) from exc


def _kind(name: str, values: list[Any], row_type: type | None) -> str:
    """A column's type: the facts' schema where it names one, else the type of its first value."""
    if row_type is FactRow and name in _KINDS:
        return _KINDS[name]
    first = next((v for v in values if v is not None), None)
    if isinstance(first, bool):
        return "bool"
    if isinstance(first, Decimal):
        return "decimal_upper" if name.endswith("upper") else "decimal_lower" if name.endswith("lower") else "decimal"
    if isinstance(first, int):
        return "int"
    if isinstance(first, date):
        return "date"
    if isinstance(first, list):
        return "list"
    return "string"


def exact(value: Decimal | None, kind: str, column: str) -> Decimal | None:
    """A figure at Arrow's scale: a bound rounded outward, a stated figure only if it fits exactly."""
    if value is None:
        return None
    if kind == "decimal_lower":
        return value.quantize(_STEP, rounding=ROUND_FLOOR)
    if kind == "decimal_upper":
        return value.quantize(_STEP, rounding=ROUND_CEILING)
    fitted = value.quantize(_STEP)
    if fitted != value:
        raise ValueError(f"{column} {value} has more than {SCALE} decimal places: it cannot be written exactly")
    return fitted


def arrow_type(pa: Any, kind: str) -> Any:
    return {
        "string": pa.string(),
        "date": pa.date32(),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
    }.get(kind) or pa.decimal128(38, SCALE)


def _names(records: list[dict[str, Any]], row_type: type | None) -> list[str]:
    if records:
        return list(records[0])
    return [name for name, _ in FACT_COLUMNS] if row_type is FactRow else []


def to_arrow(records: list[dict[str, Any]], row_type: type | None = FactRow) -> Any:
    """A pyarrow Table of flat records, typed (see FACT_COLUMNS for a fact's)."""
    pa = _need("pyarrow", "arrow")
    arrays, schema = [], []
    for name in _names(records, row_type):
        values = [r[name] for r in records]
        kind = _kind(name, values, row_type)
        if kind.startswith("decimal"):
            values = [exact(v, kind, name) for v in values]
        type_ = arrow_type(pa, kind)
        arrays.append(pa.array(values, type=type_))
        schema.append(pa.field(name, type_))
    return pa.Table.from_arrays(arrays, schema=pa.schema(schema))


def to_pandas(records: list[dict[str, Any]], row_type: type | None = FactRow) -> Any:
    """A pandas DataFrame of flat records: figures as floats, dates as datetimes."""
    pd = _need("pandas", "pandas")
    columns: dict[str, Any] = {}
    for name in _names(records, row_type):
        values = [r[name] for r in records]
        kind = _kind(name, values, row_type)
        if kind.startswith("decimal"):
            columns[name] = pd.array([None if v is None else float(v) for v in values], dtype="Float64")
        elif kind == "date":
            columns[name] = pd.to_datetime(pd.Series(values, dtype="object"))
        elif kind == "bool":
            columns[name] = pd.array(values, dtype="boolean")
        elif kind == "int":
            columns[name] = pd.array(values, dtype="Int64")
        else:
            columns[name] = values
    return pd.DataFrame(columns)


R = TypeVar("R")


class Table(Sequence[R], Generic[R]):
    """An immutable sequence of rows, with `to_pandas()` and `to_arrow()` (optional extras).

    >>> import autofacts
    >>> rows = autofacts.open().facts("nev-share", period=2020)
    >>> rows
    <Table of 1 FactRow>
    >>> rows.columns()[0]["value"], rows.columns()[0]["period_start"], rows.columns()[0]["source_id"]
    (Decimal('5.4'), datetime.date(2020, 1, 1), 'fyp14-review')
    """

    __slots__ = ("_rows",)

    def __init__(self, rows: Sequence[R] = ()) -> None:
        self._rows = tuple(rows)

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> Table[R]: ...
    def __getitem__(self, index: int | slice) -> R | Table[R]:
        if isinstance(index, slice):
            return Table(self._rows[index])
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[R]:
        return iter(self._rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Table) and self._rows == other._rows

    def __hash__(self) -> int:
        return hash(self._rows)

    def __repr__(self) -> str:
        kind = type(self._rows[0]).__name__ if self._rows else "row"
        return f"<Table of {len(self._rows)} {kind}{'' if len(self._rows) == 1 else 's'}>"

    def columns(self) -> list[dict[str, Any]]:
        """Each row as a flat dict of plain values (the columns of to_pandas and to_arrow)."""
        return [flat(row) for row in self._rows]

    def to_pandas(self) -> Any:
        """A pandas DataFrame, a column per field (needs the `pandas` extra)."""
        return to_pandas(self.columns(), _row_type(self._rows))

    def to_arrow(self) -> Any:
        """A pyarrow Table with typed columns (needs the `arrow` extra)."""
        return to_arrow(self.columns(), _row_type(self._rows))


def _row_type(rows: tuple[Any, ...]) -> type | None:
    return type(rows[0]) if rows else None
