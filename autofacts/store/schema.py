"""The SQLite cache's file: where it lives, its tables, and the version that decides a rebuild."""

from __future__ import annotations

import os
import sqlite3
import zlib
from dataclasses import fields
from pathlib import Path

from autofacts.knowledge.model import Exclusion, Fact, Metric, Source
from autofacts.version import __version__

SCHEMA_VERSION = 12  # 7: files' ctime, inode and check time; 8: facts.record, export's template of a record;
# 9: facts.revises (derivable.py reads it without building facts); 10: facts_kind holds outlines,
# facts_metric export's order; 11: a fact's field positions packed; 12: figure_at weighs the metric's words
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    name TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL, checked_ns INTEGER NOT NULL, sha256 TEXT NOT NULL,
    catalogue TEXT NOT NULL, regions TEXT NOT NULL
);
CREATE TABLE facts (
    file TEXT NOT NULL, idx INTEGER NOT NULL, id TEXT NOT NULL, metric TEXT NOT NULL, region TEXT NOT NULL,
    entity TEXT, kind TEXT NOT NULL, source TEXT NOT NULL, period_start TEXT, period_end TEXT,
    revises TEXT, data TEXT NOT NULL, record TEXT,
    PRIMARY KEY (file, idx)
);
"""
# The facts table's indexes, which a rebuild drops and makes again after writing every row (built
# by sorting, a third less work than keeping them up to date row by row).
INDEXES = """
-- export's order is read from this index alone (and a question's metrics and regions are found in it)
CREATE INDEX facts_metric ON facts (metric, period_start, period_end, region, entity, kind, source, id);
CREATE INDEX facts_period ON facts (period_start, period_end);
-- an outline (store.Outline) is read from this index alone, in file order
CREATE INDEX facts_kind ON facts (
    kind, file, idx, id, revises, metric, region, entity, period_start, period_end, source
);
CREATE INDEX facts_id ON facts (id);
"""


def index_names() -> list[str]:
    return [line.split()[2] for line in INDEXES.splitlines() if line.startswith("CREATE INDEX")]


def cache_dir() -> Path:
    configured = os.environ.get("AUTOFACTS_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "autofacts"


def cache_path(root: Path) -> Path:
    # crc32, not sha256: hashlib's OpenSSL start-up would cost every query 2 ms; the folder
    # itself is stored in the cache and checked, so a collision only means a rebuild. The version
    # is in the name too: two installed versions sharing a cache folder each keep their own file,
    # instead of rebuilding one under each other's queries.
    folder = str(root.resolve())
    version = f"{zlib.crc32(version_key(root).encode()):08x}"
    return cache_dir() / f"kb-{zlib.crc32(folder.encode()):08x}-{version}-{root.resolve().parent.name[:24]}.sqlite"


def version_key(root: Path) -> str:
    """What a cache must have been written by and for to be used as it is."""
    return f"{SCHEMA_VERSION}/{model_fingerprint()}/{__version__}/{root.resolve()}"


def model_fingerprint() -> str:
    """The model's field names, hashed: a cache written before a field was added to Source, Metric
    or Fact is rebuilt, even when nobody remembered to raise SCHEMA_VERSION."""
    names = ",".join(f"{cls.__name__}.{f.name}" for cls in (Source, Metric, Fact, Exclusion) for f in fields(cls))
    return f"{zlib.crc32(names.encode()):08x}"


def connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=10, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def version_of(db: sqlite3.Connection) -> str | None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else str(row[0])


TABLES = ("meta", "files", "facts")  # what autofacts made, and all it may ever drop


class NotOurs(Exception):
    """The database holds tables autofacts did not make: it is someone else's, and left alone."""


def prepare(db: sqlite3.Connection, root: Path) -> None:
    """Create the tables, or start afresh when the cache is from another version or folder."""
    version = version_key(root)
    if version_of(db) == version:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        if version_of(db) != version:  # another process may have prepared it while we waited
            names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            foreign = sorted(set(names) - set(TABLES))
            if foreign:
                raise NotOurs(f"it holds tables autofacts did not make ({', '.join(foreign[:3])})")
            for name in TABLES:
                db.execute(f'DROP TABLE IF EXISTS "{name}"')
            for statement in (SCHEMA + INDEXES).split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("INSERT INTO meta (key, value) VALUES ('version', ?)", (version,))
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
