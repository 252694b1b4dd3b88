"""A cache of parsed knowledge-base files in SQLite, so YAML is parsed once per change.

One database per knowledge-base folder lives in the user's cache directory. Each file's parse is
kept with the file's size, modification time and content hash, and redone only for files that
changed. Queries then read just the facts they need (one metric, two periods, the targets), so a
knowledge base of a million facts is never loaded whole. The cache is only ever an optimisation:
when it is stale, corrupt, from another version, locked or not writable, autofacts parses the YAML
instead and says why under --verbose. Results are the same either way.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from autofacts import __version__
from autofacts.load import assemble_catalogues, complete_fact, knowledge_base_files
from autofacts.model import Exclusion, Fact, KnowledgeBase, Location, Metric, ParsedFile, PendingFact, Problem, Source
from autofacts.periods import Period, parse_period

SCHEMA_VERSION = 6  # 4: metric phrases; 5: source sha256; 6: metric part, whole, multiple_of
_METRIC_FIELDS = ("id", "name", "unit", "measure", "description", "growth_of", "part", "whole", "multiple_of")
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    name TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL,
    catalogue TEXT NOT NULL, regions TEXT NOT NULL
);
CREATE TABLE facts (
    file TEXT NOT NULL, idx INTEGER NOT NULL, id TEXT NOT NULL, metric TEXT NOT NULL, region TEXT NOT NULL,
    kind TEXT NOT NULL, source TEXT NOT NULL, period_start TEXT, period_end TEXT, data TEXT NOT NULL,
    PRIMARY KEY (file, idx)
);
CREATE INDEX facts_metric ON facts (metric, region);
CREATE INDEX facts_period ON facts (period_start, period_end);
CREATE INDEX facts_kind ON facts (kind);
CREATE INDEX facts_id ON facts (id);
"""


class CacheUnavailable(Exception):
    """The cache cannot be used this time; the caller parses the YAML instead."""


def cache_dir() -> Path:
    configured = os.environ.get("AUTOFACTS_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "autofacts"


def cache_path(root: Path) -> Path:
    # crc32, not sha256: hashlib's OpenSSL start-up would cost every query 2 ms; the folder
    # itself is stored in the cache and checked, so a collision only means a rebuild
    folder = str(root.resolve())
    return cache_dir() / f"kb-{zlib.crc32(folder.encode()):08x}-{root.resolve().parent.name[:24]}.sqlite"


# --- serialising what a file holds ---------------------------------------------------------------


def _loc(location: Location | None) -> list[int] | None:
    return None if location is None else [location.line, location.column]


def _unloc(pair: list[int] | None, display: str) -> Location | None:
    return None if pair is None else Location(display, pair[0], pair[1])


def _plain_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"d": str(value)}
    if isinstance(value, Period):
        return {"p": value.label}
    if isinstance(value, tuple):
        return list(value)
    return value


def _typed_value(value: Any) -> Any:
    if isinstance(value, dict) and "d" in value:
        return Decimal(value["d"])
    if isinstance(value, dict) and "p" in value:
        return parse_period(value["p"])
    return value


def _catalogue_json(parsed: ParsedFile) -> str:
    sources = [
        {
            **{
                k: getattr(s, k)
                for k in ("id", "file", "title", "language", "publisher", "published_inferred", "url", "sha256")
            },
            "published": s.published.label,
            "excluded": [
                {"reason": e.reason, "text": e.text, "start": e.start, "loc": _loc(e.location)} for e in s.excluded
            ],
            "loc": _loc(s.location),
        }
        for s in parsed.sources
    ]
    metrics = [
        {
            **{k: getattr(m, k) for k in _METRIC_FIELDS},
            "aliases": list(m.aliases),
            "phrases": list(m.phrases),
            "loc": _loc(m.location),
        }
        for m in parsed.metrics
    ]
    problems = [[p.location.line, p.location.column, p.code, p.message] for p in parsed.problems]
    return json.dumps({"sources": sources, "metrics": metrics, "problems": problems, "seeds": parsed.seeds})


def _parsed_from_json(name: str, text: str, display: str) -> ParsedFile:
    data = json.loads(text)
    sources = [
        Source(
            **{
                k: s[k] for k in ("id", "file", "title", "language", "publisher", "published_inferred", "url", "sha256")
            },
            published=parse_period(s["published"]),
            excluded=tuple(
                Exclusion(e["reason"], e["text"], e["start"], _unloc(e["loc"], display)) for e in s["excluded"]
            ),
            location=_unloc(s["loc"], display),
        )
        for s in data["sources"]
    ]
    metrics = [
        Metric(
            **{k: m[k] for k in _METRIC_FIELDS},
            aliases=tuple(m["aliases"]),
            phrases=tuple(m["phrases"]),
            location=_unloc(m["loc"], display),
        )
        for m in data["metrics"]
    ]
    problems = [Problem(Location(display, line, col), code, msg) for line, col, code, msg in data["problems"]]
    return ParsedFile(name, sources, metrics, [], problems, data["seeds"])


def _fact_json(fact: PendingFact) -> str:
    return json.dumps(
        {
            "v": {k: _plain_value(v) for k, v in fact.values.items()},
            "w": fact.where,
            "l": _loc(fact.location),
        },
        ensure_ascii=False,
    )


def _pending_from_json(text: str, display: str) -> PendingFact:
    data = json.loads(text)
    values = {k: _typed_value(v) for k, v in data["v"].items()}
    where = {k: (v[0], v[1]) for k, v in data["w"].items()}
    return PendingFact(values, where, Location(display, *data["l"]))


# --- the index -------------------------------------------------------------------------------


@dataclass
class Index:
    """An open cache for one knowledge-base folder."""

    root: Path
    display_root: str
    connection: sqlite3.Connection
    notes: list[str]

    def display(self, name: str) -> str:
        return f"{self.display_root}/{name}"

    def sync(self) -> None:
        """Bring the cache up to date with the files on disk, reparsing only those that changed."""
        db = self.connection
        on_disk = knowledge_base_files(self.root, self.display_root)
        stats = {p.name: p.stat() for p in on_disk}
        known = {row[0]: row[1:] for row in db.execute("SELECT name, size, mtime_ns, sha256 FROM files")}
        if set(known) == set(stats) and all(
            known[n][0] == s.st_size and known[n][1] == s.st_mtime_ns for n, s in stats.items()
        ):
            return  # nothing changed: no write lock taken
        db.execute("BEGIN IMMEDIATE")
        try:
            known = {row[0]: row[1:] for row in db.execute("SELECT name, size, mtime_ns, sha256 FROM files")}
            changed: list[str] = []
            for path in on_disk:
                stat = path.stat()
                entry = known.get(path.name)
                if entry and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns:
                    continue
                data = path.read_bytes()
                digest = _sha256(data)
                if entry and entry[2] == digest:
                    db.execute(
                        "UPDATE files SET size=?, mtime_ns=? WHERE name=?", (stat.st_size, stat.st_mtime_ns, path.name)
                    )
                    continue
                self._store(path, stat.st_size, stat.st_mtime_ns, digest)
                changed.append(path.name)
            for gone in set(known) - {p.name for p in on_disk}:
                db.execute("DELETE FROM files WHERE name=?", (gone,))
                db.execute("DELETE FROM facts WHERE file=?", (gone,))
                changed.append(gone)
            if changed:
                self._store_duplicates(changed)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _store_duplicates(self, changed: list[str]) -> None:
        """Fact ids defined twice, across all files, kept so each query need not look again.

        Only ids that were duplicates before or that a changed file holds can be duplicates now,
        so after an edit just those are counted again (through the index on id).
        """
        db = self.connection
        row = db.execute("SELECT value FROM meta WHERE key='duplicates'").fetchone()
        candidates = {fact_id for fact_id, _, _ in json.loads(row[0])} if row else set()
        if len(changed) <= 20:
            candidates |= {i for (i,) in _rows_in(db, "SELECT id FROM facts WHERE file IN ({marks})", changed)}
            sql = "SELECT id FROM facts WHERE id IN ({marks}) GROUP BY id HAVING COUNT(*) > 1"
            twice = sorted(i for (i,) in _rows_in(db, sql, sorted(candidates)))
        else:  # a rebuild: one pass over the index on id
            twice = sorted(i for (i,) in db.execute("SELECT id FROM facts GROUP BY id HAVING COUNT(*) > 1"))
        sql = "SELECT id, file, data FROM facts WHERE id IN ({marks}) ORDER BY id, file, idx"
        found = [(fact_id, name, json.loads(data)["l"]) for fact_id, name, data in _rows_in(db, sql, twice)]
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('duplicates', ?)", (json.dumps(found),))

    def _store(self, path: Path, size: int, mtime_ns: int, digest: str) -> None:
        from autofacts.parse import parse_file  # YAML only when a file changed

        parsed = parse_file(path, self.display(path.name))
        regions = {f.values["region"] for f in parsed.facts}
        db = self.connection
        db.execute("DELETE FROM facts WHERE file=?", (path.name,))
        db.execute(
            "INSERT OR REPLACE INTO files (name, size, mtime_ns, sha256, catalogue, regions) VALUES (?, ?, ?, ?, ?, ?)",
            (path.name, size, mtime_ns, digest, _catalogue_json(parsed), json.dumps(sorted(regions))),
        )
        db.executemany(
            "INSERT INTO facts (file, idx, id, metric, region, kind, source, period_start, period_end, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    path.name,
                    i,
                    f.values["id"],
                    f.values["metric"],
                    f.values["region"],
                    f.values["kind"],
                    f.values["source"],
                    f.values["period"].start.isoformat() if f.values.get("period") else None,
                    f.values["period"].end.isoformat() if f.values.get("period") else None,
                    _fact_json(f),
                )
                for i, f in enumerate(parsed.facts)
            ],
        )

    def knowledge_base(self) -> KnowledgeBase:
        """The catalogues and every problem a query must know of; facts are fetched on demand."""
        parsed = [
            _parsed_from_json(name, text, self.display(name))
            for name, text in self.connection.execute("SELECT name, catalogue FROM files ORDER BY name")
        ]
        kb = assemble_catalogues(self.root, parsed)
        self._fact_problems(kb)
        regions: set[str] = set()
        for (names,) in self.connection.execute("SELECT regions FROM files"):
            regions.update(json.loads(names))
        kb.regions = sorted(regions)
        kb.fetch = lambda **need: self.fetch(kb, **need)
        return kb

    def _fact_problems(self, kb: KnowledgeBase) -> None:
        """Problems that span files: duplicate fact ids, undated facts of unknown sources."""
        db = self.connection
        row = db.execute("SELECT value FROM meta WHERE key='duplicates'").fetchone()
        first: dict[str, Location] = {}
        for fact_id, name, (line, column) in json.loads(row[0]) if row else []:
            where = Location(self.display(name), line, column)
            if fact_id in first:
                message = f"duplicate fact id '{fact_id}' (first defined at {first[fact_id]})"
                kb.problems.append(Problem(where, "E105", message))
            else:
                first[fact_id] = where
        known = list(kb.sources)
        for name, data in db.execute(
            f"SELECT file, data FROM facts WHERE period_start IS NULL AND source NOT IN ({_marks(known)})", known
        ):
            result = complete_fact(_pending_from_json(data, self.display(name)), kb.sources)
            if isinstance(result, Problem):
                kb.problems.append(result)

    def fetch(
        self,
        kb: KnowledgeBase,
        metrics: Iterable[str] | None = None,
        periods: Iterable[Period] | None = None,
        kinds: Iterable[str] | None = None,
        regions: Iterable[str] | None = None,
        within: tuple[date, date] | None = None,
    ) -> list[Fact]:
        """The facts matching every given criterion (None: any), in file order.

        `within` keeps facts whose period lies inside those days (and undated facts, which hold as
        of their source's publication and are few).
        """
        clauses: list[str] = []
        params: list[Any] = []
        if within is not None:
            clauses.append("((period_start >= ? AND period_end <= ?) OR period_start IS NULL)")
            params += [within[0].isoformat(), within[1].isoformat()]
        for column, values in (("metric", metrics), ("kind", kinds), ("region", regions)):
            if values is not None:
                wanted = list(values)
                clauses.append(f"{column} IN ({_marks(wanted)})")
                params += wanted
        if periods is not None:
            spans = []
            for period in periods:
                # an undated fact holds over its source's publication period
                undated = [s.id for s in kb.sources.values() if s.published.same_span(period)]
                also = f" OR (period_start IS NULL AND source IN ({_marks(undated)}))" if undated else ""
                spans.append("(period_start = ? AND period_end = ?)" + also)
                params += [period.start.isoformat(), period.end.isoformat(), *undated]
            clauses.append("(" + (" OR ".join(spans) or "0") + ")")
        sql = "SELECT file, data FROM facts" + (" WHERE " + " AND ".join(clauses) if clauses else "")
        out = []
        for name, data in self.connection.execute(sql + " ORDER BY file, idx", params):
            fact = complete_fact(_pending_from_json(data, self.display(name)), kb.sources)
            if isinstance(fact, Fact):
                out.append(fact)
        return out


def _sha256(data: bytes) -> str:
    import hashlib  # only when a file changed

    return hashlib.sha256(data).hexdigest()


def _rows_in(db: sqlite3.Connection, sql: str, values: list[str]) -> Iterator[Any]:
    """The rows of `sql`, whose {marks} is an IN list, for all values: 500 at a time, under SQLite's
    limit on parameters."""
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        yield from db.execute(sql.format(marks=_marks(chunk)), chunk)


def _marks(values: list[Any]) -> str:
    """SQL placeholders for a list (an empty list matches nothing)."""
    return ",".join("?" * len(values)) or "NULL"


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=10, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def _version_of(db: sqlite3.Connection) -> str | None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else str(row[0])


def _model_fingerprint() -> str:
    """The model's field names, hashed: a cache written before a field was added to Source, Metric
    or Fact is rebuilt, even when nobody remembered to raise SCHEMA_VERSION."""
    from dataclasses import fields

    names = ",".join(f"{cls.__name__}.{f.name}" for cls in (Source, Metric, Fact, Exclusion) for f in fields(cls))
    return f"{zlib.crc32(names.encode()):08x}"


def _prepare(db: sqlite3.Connection, root: Path) -> None:
    """Create the tables, or start afresh when the cache is from another version or folder."""
    version = f"{SCHEMA_VERSION}/{_model_fingerprint()}/{__version__}/{root.resolve()}"
    if _version_of(db) == version:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        if _version_of(db) != version:  # another process may have prepared it while we waited
            names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            for name in names:
                db.execute(f'DROP TABLE IF EXISTS "{name}"')
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("INSERT INTO meta (key, value) VALUES ('version', ?)", (version,))
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def open_index(root: Path, display_root: str) -> Index:
    """The up-to-date cache of a knowledge-base folder; CacheUnavailable when it cannot be used."""
    path = cache_path(root)
    notes: list[str] = []
    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = _connect(path)
            _prepare(db, root)
            index = Index(root, display_root, db, notes)
            index.sync()
            return index
        except sqlite3.DatabaseError as exc:
            corrupt = "not a database" in str(exc) or "malformed" in str(exc)
            if attempt == 0 and corrupt and path.exists():
                # corrupt or truncated: it is only a cache, so start it afresh
                notes.append(f"cache {path} unusable ({exc}); rebuilding it")
                for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    leftover.unlink(missing_ok=True)
                continue
            raise CacheUnavailable(f"cache {path} unusable: {exc}") from None
        except OSError as exc:
            raise CacheUnavailable(f"cache {path} not writable: {exc.strerror or exc}") from None
    raise CacheUnavailable(f"cache {path} unusable")


def note(message: str, verbose: bool) -> None:
    if verbose:
        sys.stderr.write(f"autofacts: {message}\n")
