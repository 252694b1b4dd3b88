"""`export --format sqlite OUT.db`: the base as normalised SQLite tables, ready for Datasette.

Tables: metrics, sources, regions and entities (the catalogues), facts (one row per stated figure,
its metric, region, entity and source as foreign keys), derived (figures computed from stated
ones, marked as such) with derived_inputs (the facts each was computed from). Two FTS5 indexes
make quotes (facts_fts) and source titles (sources_fts) searchable; Datasette finds them on its
own (`?_search=`). Datasette's metadata (titles, descriptions, units, facets) is written beside
the database as OUT.metadata.json: Datasette reads it with `--metadata`, not from the database.

Facts come as export's records (output/records.py), which the cache keeps rendered, and SQLite
takes each apart itself: a base of 100 000 facts is written without a Fact object built for any. The database is
built in a temporary file beside OUT.db and put in place whole; an existing file is never replaced
without --force (the rules of files.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autofacts.files import FileExistsRefusal, OutputWriteError, check_output_path
from autofacts.knowledge.model import Fact, KnowledgeBase
from autofacts.knowledge.units import interval_json
from autofacts.output.derivations import operation_text
from autofacts.output.records import fact_record, metric_record, source_record, template_json

SCHEMA = """
CREATE TABLE metrics (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL, measure TEXT NOT NULL, description TEXT,
    aliases TEXT, growth_of TEXT REFERENCES metrics(id), part TEXT REFERENCES metrics(id),
    whole TEXT REFERENCES metrics(id), multiple_of TEXT REFERENCES metrics(id)
);
CREATE TABLE sources (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT, published TEXT NOT NULL,
    published_start TEXT NOT NULL, published_end TEXT NOT NULL, published_inferred TEXT,
    language TEXT NOT NULL, url TEXT, file TEXT NOT NULL, restates TEXT
);
CREATE TABLE regions (name TEXT PRIMARY KEY);
CREATE TABLE entities (name TEXT PRIMARY KEY);
CREATE TABLE facts (
    id TEXT PRIMARY KEY,
    metric TEXT NOT NULL REFERENCES metrics(id),
    region TEXT NOT NULL REFERENCES regions(name),
    entity TEXT REFERENCES entities(name),
    period TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL, year INTEGER NOT NULL,
    period_stated INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value REAL, qualifier TEXT NOT NULL,
    lower REAL, upper REAL, lower_open INTEGER, upper_open INTEGER,
    compared_with TEXT, ceiling INTEGER NOT NULL, note TEXT,
    revises TEXT REFERENCES facts(id),
    source TEXT NOT NULL REFERENCES sources(id),
    quote TEXT NOT NULL
);
CREATE TABLE derived (
    id TEXT PRIMARY KEY,
    metric TEXT NOT NULL REFERENCES metrics(id),
    region TEXT NOT NULL REFERENCES regions(name),
    entity TEXT REFERENCES entities(name),
    period TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL, year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    lower REAL, upper REAL, lower_open INTEGER, upper_open INTEGER,
    operation TEXT NOT NULL,
    source TEXT REFERENCES sources(id)
);
CREATE TABLE derived_inputs (
    derived TEXT NOT NULL REFERENCES derived(id),
    position INTEGER NOT NULL,
    fact TEXT NOT NULL,
    PRIMARY KEY (derived, position)
);
CREATE TABLE export_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

INDEXES = """
CREATE INDEX facts_metric_region ON facts (metric, region);
CREATE INDEX facts_region ON facts (region);
CREATE INDEX facts_year ON facts (year);
CREATE INDEX facts_source ON facts (source);
CREATE INDEX derived_metric_region ON derived (metric, region);
CREATE VIRTUAL TABLE facts_fts USING fts5(quote, note, content="facts");
INSERT INTO facts_fts (facts_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE sources_fts USING fts5(title, publisher, content="sources");
INSERT INTO sources_fts (sources_fts) VALUES ('rebuild');
"""


@dataclass(frozen=True)
class SqliteExport:
    """What was written: the database, its Datasette metadata, and the rows of each table."""

    path: Path
    metadata_path: Path
    counts: dict[str, int]


def metadata_path_for(path: Path) -> Path:
    """Where the Datasette metadata goes: OUT.metadata.json beside OUT.db."""
    return path.with_name(path.stem + ".metadata.json")


def check_sqlite_output(path: Path, replace: bool) -> None:
    """Refuse, before any work, a database or metadata path that exists (unless `replace`)."""
    check_output_path(path, replace)
    check_output_path(metadata_path_for(path), replace)


# Each fact's record (as `export` writes it) is staged as JSON text and taken apart by SQLite,
# which parses a record once for all its fields: several times faster than json.loads per fact.
_FACT_FIELDS = [
    "id",
    "metric",
    "region",
    "entity",
    "period",
    "period_start",
    "period_end",
    "period_stated",
    "kind",
    "value",
    "qualifier",
    "lower",
    "upper",
    "lower_open",
    "upper_open",
    "compared_with",
    "ceiling",
    "note",
    "revises",
]
FILL_FACTS = (
    "INSERT INTO facts SELECT "
    + ", ".join(f"rec ->> '$.{name}'" for name in _FACT_FIELDS[:7])
    + ", CAST(substr(rec ->> '$.period_start', 1, 4) AS INTEGER), "
    + ", ".join(f"rec ->> '$.{name}'" for name in _FACT_FIELDS[7:])
    + ", rec ->> '$.source.id', rec ->> '$.source.quote' FROM temp.staged ORDER BY rowid"
)


def record_texts(kb: KnowledgeBase, records: Iterable[Fact | tuple[str, str, str]]) -> Iterator[tuple[str]]:
    """Each fact's export record as JSON text (the cache's template where it keeps one)."""
    for item in records:
        if isinstance(item, tuple):
            yield (template_json(item[0]),)
        else:
            yield (json.dumps(fact_record(kb, item), ensure_ascii=False),)


def _derived_rows(derived: list[Fact]) -> tuple[list[tuple[Any, ...]], list[tuple[str, int, str]]]:
    rows, inputs = [], []
    for fact in derived:
        assert fact.derived_from is not None
        bounds = interval_json(fact.derived_from.interval) or {}
        rows.append(
            (
                fact.id,
                fact.metric,
                fact.region,
                fact.entity,
                fact.period.label,
                fact.period.start.isoformat(),
                fact.period.end.isoformat(),
                fact.period.start.year,
                fact.kind,
                bounds.get("lower"),
                bounds.get("upper"),
                bounds.get("lower_open"),
                bounds.get("upper_open"),
                operation_text(fact.derived_from),
                fact.source or None,
            )
        )
        inputs += [(fact.id, i, used) for i, used in enumerate(fact.derived_from.facts, 1)]
    return rows, inputs


def _catalogue_rows(kb: KnowledgeBase) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    metrics = []
    for metric in sorted(kb.metrics.values(), key=lambda m: m.id):
        record = metric_record(metric)
        metrics.append(
            (
                metric.id,
                metric.name,
                metric.unit,
                metric.measure,
                metric.description or None,
                json.dumps(record["aliases"], ensure_ascii=False),
                metric.growth_of,
                metric.part,
                metric.whole,
                metric.multiple_of,
            )
        )
    sources = []
    for source in sorted(kb.sources.values(), key=lambda s: s.id):
        record = source_record(kb, source)
        sources.append(
            (
                source.id,
                source.title,
                source.publisher,
                source.published.label,
                source.published.start.isoformat(),
                source.published.end.isoformat(),
                source.published_inferred,
                source.language,
                source.url,
                record["file"],
                json.dumps(record["restates"], ensure_ascii=False),
            )
        )
    return metrics, sources


def write_sqlite(
    kb: KnowledgeBase,
    records: Iterable[Fact | tuple[str, str, str]],
    derived: list[Fact],
    path: Path,
    replace: bool = False,
    info: dict[str, str] | None = None,
) -> SqliteExport:
    """Write the database and its Datasette metadata; nothing is left behind if it fails."""
    check_sqlite_output(path, replace)
    tmp = path.with_name(f".{path.name[:50]}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        counts = _build(kb, records, derived, tmp, info or {})
        meta = json.dumps(datasette_metadata(kb, path.stem), indent=2, ensure_ascii=False) + "\n"
        _place(tmp, path, replace)
    except sqlite3.Error as exc:
        raise OutputWriteError(f"cannot write {path}: {exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
    from autofacts.files import write_output

    write_output(metadata_path_for(path), meta, replace=replace)
    return SqliteExport(path, metadata_path_for(path), counts)


def _place(tmp: Path, path: Path, replace: bool) -> None:
    """Put the finished database in place: a new name only if still free, or replacing a regular file."""
    if replace:
        check_output_path(path, replace=True)
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise FileExistsRefusal(f"{path} exists: refusing to overwrite it (choose another name, or --force)") from None


def _build(
    kb: KnowledgeBase,
    records: Iterable[Fact | tuple[str, str, str]],
    derived: list[Fact],
    tmp: Path,
    info: dict[str, str],
) -> dict[str, int]:
    db = sqlite3.connect(tmp, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("BEGIN")
        for statement in SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        metrics, sources = _catalogue_rows(kb)
        db.executemany(f"INSERT INTO metrics VALUES ({', '.join('?' * 10)})", metrics)
        db.executemany(f"INSERT INTO sources VALUES ({', '.join('?' * 11)})", sources)
        db.execute("CREATE TEMP TABLE staged (rec TEXT NOT NULL)")
        db.executemany("INSERT INTO temp.staged VALUES (?)", record_texts(kb, records))
        db.execute(FILL_FACTS)
        db.execute("DROP TABLE temp.staged")
        derived_rows, inputs = _derived_rows(derived)
        db.executemany(f"INSERT INTO derived VALUES ({', '.join('?' * 15)})", derived_rows)
        db.executemany("INSERT INTO derived_inputs VALUES (?, ?, ?)", inputs)
        db.executemany("INSERT INTO regions VALUES (?)", [(r,) for r in sorted(kb.region_names())])
        for table in ("facts", "derived"):
            db.execute(f"INSERT OR IGNORE INTO regions SELECT DISTINCT region FROM {table}")
            db.execute(f"INSERT OR IGNORE INTO entities SELECT DISTINCT entity FROM {table} WHERE entity IS NOT NULL")
        for statement in INDEXES.split(";"):
            if statement.strip():
                db.execute(statement)
        db.executemany("INSERT INTO export_info VALUES (?, ?)", sorted(info.items()))
        db.execute("COMMIT")
        counts = {
            name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("facts", "sources", "metrics", "regions", "entities", "derived", "derived_inputs")
        }
    finally:
        db.close()
    return counts


# --- Datasette -------------------------------------------------------------------------------------

_FACT_DOCS = {
    "id": "The fact's id (cite it with `autofacts cite ID`).",
    "metric": "What the figure measures (see metrics).",
    "region": "The country, province or city the figure is for.",
    "entity": "The company, plant or cluster the figure is for, if any.",
    "period": "The period as written: 2024, 2025-10, 2025-01/2025-11.",
    "period_start": "First day of the period.",
    "period_end": "Last day of the period.",
    "year": "The year the period starts in.",
    "period_stated": "1 when the text gives the period; 0 when the figure holds as of publication.",
    "kind": "actual, target, forecast or estimate.",
    "value": "The figure as the source states it, in the metric's unit (40.9 for 40.9 %).",
    "qualifier": "The hedge the source uses: exact, about, over, at-least, nearly, under, at-most, between.",
    "lower": "Lowest value the statement allows (null: unbounded).",
    "upper": "Highest value the statement allows (null: unbounded).",
    "lower_open": "1 when the lower bound itself is excluded ('over 50 %').",
    "upper_open": "1 when the upper bound itself is excluded ('under 5 %').",
    "compared_with": "For a multiple: the period it is a multiple of.",
    "ceiling": "1 for a target that must not be exceeded.",
    "revises": "The fact this release corrects.",
    "source": "The source the quote is from (see sources).",
    "quote": "The source's sentence, verbatim.",
}


def datasette_metadata(kb: KnowledgeBase, database: str) -> dict[str, Any]:
    """Datasette's metadata for the exported database: titles, descriptions, units, facets, search."""
    units = "; ".join(f"{m.id}: {m.unit}" for m in sorted(kb.metrics.values(), key=lambda m: m.id))
    return {
        "title": "autofacts knowledge base",
        "description": "Dated figures about an industry, each with its unit, period, region, kind and the "
        "verbatim sentence of its source. Values are in each metric's unit (see metrics).",
        "databases": {
            database: {
                "tables": {
                    "facts": {
                        "title": "Facts",
                        "description": "One row per stated figure. value is as stated; lower and upper bound what "
                        "the statement allows ('over 16 million' has no upper bound). Units by metric: " + units,
                        "sort": "id",
                        "facets": ["metric", "region", "kind", "year"],
                        "fts_table": "facts_fts",
                        "fts_pk": "rowid",
                        "searchmode": "escaped",
                        "columns": _FACT_DOCS,
                    },
                    "sources": {
                        "title": "Sources",
                        "description": "The documents facts quote. published_inferred says why when the text "
                        "gives no date.",
                        "label_column": "title",
                        "fts_table": "sources_fts",
                        "facets": ["language", "publisher"],
                    },
                    "metrics": {
                        "title": "Metrics",
                        "description": "What facts measure, in which unit, and how it is measured (flow, stock, "
                        "share, growth...). A share changes in percentage points.",
                        "label_column": "name",
                        "facets": ["unit", "measure"],
                        "columns": {"unit": "The unit every value of this metric is in."},
                    },
                    "regions": {"title": "Regions", "description": "Every region a fact is for."},
                    "entities": {"title": "Entities", "description": "Companies, plants and clusters facts name."},
                    "derived": {
                        "title": "Derived figures",
                        "description": "Figures computed from stated ones (a share times its total, ...), for "
                        "cells no source states. Never a quote: derived_inputs lists the facts used.",
                        "facets": ["metric", "region"],
                        "columns": {"operation": "How the figure was computed, in words."},
                    },
                    "derived_inputs": {
                        "title": "Inputs of derived figures",
                        "description": "The facts each derived figure was computed from, in order.",
                    },
                    "export_info": {"title": "About this export"},
                    "facts_fts": {"hidden": True},
                    "sources_fts": {"hidden": True},
                },
                "queries": {
                    "quotes_containing": {
                        "title": "Facts whose quote contains a text",
                        "description": "Any language, any length (新能源, 51.6%, 'more than half'): a plain "
                        "substring match, for what the word search of the facts table cannot split "
                        "(Chinese has no spaces between words).",
                        "sql": "SELECT id, metric, region, period, kind, value, qualifier, source, quote FROM facts "
                        "WHERE instr(lower(quote), lower(:text)) > 0 ORDER BY metric, period_start, id LIMIT 1000",
                    }
                },
            }
        },
    }
