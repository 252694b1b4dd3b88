"""The SQLite store's serialisation: what one parsed file holds, as JSON and back.

Values are written with a tag for each type JSON lacks (Decimal, Period, Location, tuple, a model
record), and records field by field from their dataclass definition, so a field added to Source,
Metric or Exclusion is kept without touching this module (and changes the cache's fingerprint,
see schema.py, so an older cache is rebuilt rather than misread).
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from decimal import Decimal
from typing import Any

from autofacts.knowledge.model import Exclusion, Location, Metric, ParsedFile, PendingFact, Places, Problem, Source
from autofacts.knowledge.periods import Period, parse_period

RECORDS: dict[str, type[Any]] = {cls.__name__: cls for cls in (Source, Metric, Exclusion)}


def encode(value: Any) -> Any:
    """A model value as JSON data; `decode` gives it back."""
    if isinstance(value, Decimal):
        return {"d": str(value)}
    if isinstance(value, Period):
        return {"p": value.label}
    if isinstance(value, Location):
        return {"l": [value.line, value.column]}  # the file is the row's own
    if isinstance(value, tuple):
        return {"t": [encode(v) for v in value]}
    if isinstance(value, dict):
        return {"m": {k: encode(v) for k, v in value.items()}}
    if is_dataclass(value) and type(value).__name__ in RECORDS:
        return {"r": type(value).__name__, "f": {f.name: encode(getattr(value, f.name)) for f in fields(value)}}
    return value


def decode(data: Any, file: str) -> Any:
    """The value `encode` wrote; locations are in `file` (as messages name it).

    Only a dict is a tagged value: plain ones (most of a record's) are taken as they are without a
    call, and the commonest tags are tried first (the metric catalogue, decoded by every question,
    is some 3,000 values)."""
    if type(data) is not dict:
        return data
    if "t" in data:
        return tuple(v if type(v) is not dict else decode(v, file) for v in data["t"])
    if "r" in data:
        return RECORDS[data["r"]](**{k: v if type(v) is not dict else decode(v, file) for k, v in data["f"].items()})
    if "l" in data:
        return Location(file, *data["l"])
    if "d" in data:
        return Decimal(data["d"])
    if "p" in data:
        return parse_period(data["p"])
    return {k: decode(v, file) for k, v in data["m"].items()}


def catalogue_json(parsed: ParsedFile) -> str:
    """A file's sources, metrics, problems and `seeds:` key."""
    problems = [[p.location.line, p.location.column, p.code, p.message] for p in parsed.problems]
    return json.dumps(
        {
            "sources": [encode(s) for s in parsed.sources],
            "metrics": [encode(m) for m in parsed.metrics],
            "problems": problems,
            "seeds": parsed.seeds,
        },
        ensure_ascii=False,
    )


def parsed_from_json(name: str, text: str, file: str) -> ParsedFile:
    """The catalogue part of a parsed file (its facts are rows of their own)."""
    data = json.loads(text)
    sources = [decode(s, file) for s in data["sources"]]
    metrics = [decode(m, file) for m in data["metrics"]]
    problems = [Problem(Location(file, line, col), code, msg) for line, col, code, msg in data["problems"]]
    return ParsedFile(name, sources, metrics, [], problems, data["seeds"])


_PLAIN = (str, int, bool, type(None))  # written as they are (most of a fact's values)


def fact_json(fact: PendingFact) -> str:
    """One fact as its file states it (the field positions packed: keys, then lines and columns)."""
    values = {k: v if type(v) in _PLAIN else encode(v) for k, v in fact.values.items()}
    keys, numbers = fact.where.packed() if isinstance(fact.where, Places) else Places(fact.where).packed()
    return json.dumps(
        {"v": values, "w": [keys, numbers], "l": [fact.location.line, fact.location.column]}, ensure_ascii=False
    )


def pending_from_json(text: str, file: str) -> PendingFact:
    data = json.loads(text)
    values = {k: v if type(v) is not dict else decode(v, file) for k, v in data["v"].items()}
    return PendingFact(values, Places.unpacked(*data["w"]), Location(file, *data["l"]))
