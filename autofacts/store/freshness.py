"""Keeping the SQLite cache in step with the files: which files changed, and storing their parse.

Whether a file changed is decided in one place, `unchanged`. Metadata is trusted only as far as it
can be: size, inode, modification time and change time must all be as recorded. `cp -p`, `rsync -a`,
`tar` and `touch -r` put back an old modification time, but no tool can put back the change time,
which the kernel sets to now on every write. A file changed within RACY_NS of being recorded could
change again within the same clock tick unseen (git's "racy" case), so it is hashed again until its
record is older than that. Each changed file is read once: the bytes hashed are the bytes parsed,
and the status recorded is the one taken before reading, so no newer metadata ever vouches for
older content, and a file that cannot be read is never cached at all.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from autofacts.frozen import frozen
from autofacts.knowledge.load import gc_paused, knowledge_base_files
from autofacts.knowledge.model import Fact, ParsedFile, PendingFact
from autofacts.store.codec import catalogue_json, fact_json
from autofacts.store.schema import INDEXES, index_names

RACY_NS = 2_000_000_000  # wider than any file system's timestamp granularity (FAT's is 2 s)


class Unreadable(Exception):
    """A knowledge-base file could not be read while syncing: nothing of it is cached."""


@frozen
class Recorded:
    """What the cache remembers of a file it parsed, and when it looked."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    checked_ns: int
    sha256: str


def unchanged(recorded: Recorded | None, stat: os.stat_result) -> bool:
    """True when the file can be taken as the one parsed before, without reading it."""
    return (
        recorded is not None
        and recorded.size == stat.st_size
        and recorded.mtime_ns == stat.st_mtime_ns
        and recorded.ctime_ns == stat.st_ctime_ns
        and recorded.inode == stat.st_ino
        and recorded.checked_ns - max(stat.st_mtime_ns, stat.st_ctime_ns) > RACY_NS
    )


def _record(stat: os.stat_result, checked_ns: int, digest: str) -> Recorded:
    return Recorded(stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, checked_ns, digest)


_COLUMNS = "size, mtime_ns, ctime_ns, inode, checked_ns, sha256"


def _recorded(db: sqlite3.Connection) -> dict[str, Recorded]:
    return {row[0]: Recorded(*row[1:]) for row in db.execute(f"SELECT name, {_COLUMNS} FROM files")}


def sync(db: sqlite3.Connection, root: Path, display_root: str) -> None:
    """Bring the cache up to date with the files on disk, reparsing only those that changed."""
    on_disk = knowledge_base_files(root, display_root)
    stats = {p.name: _stat(p, display_root) for p in on_disk}
    known = _recorded(db)
    if set(known) == set(stats) and all(unchanged(known[n], s) for n, s in stats.items()):
        return  # nothing changed: no write lock taken
    from autofacts.knowledge.parse import MAX_FILE_BYTES  # YAML's module only when something changed

    db.execute("BEGIN IMMEDIATE")
    try:
        known = _recorded(db)  # another process may have synced while we waited
        if not known:  # a cache built afresh: its indexes made once, after the rows
            for name in index_names():
                db.execute(f"DROP INDEX IF EXISTS {name}")
        changed: list[str] = []
        to_parse: list[tuple[Path, str, bytes]] = []
        records: list[Recorded] = []
        for path in on_disk:
            entry = known.get(path.name)
            if unchanged(entry, _stat(path, display_root)):
                continue
            checked_ns = time.time_ns()
            from autofacts.files import read_regular  # only when a file changed

            try:
                data, stat = read_regular(path, MAX_FILE_BYTES)
            except OSError as exc:
                raise Unreadable(f"{display_root}/{path.name}: {exc.strerror or exc}") from None
            record = _record(stat, checked_ns, _sha256(data))
            if entry and entry.sha256 == record.sha256:
                db.execute(
                    "UPDATE files SET size=?, mtime_ns=?, ctime_ns=?, inode=?, checked_ns=? WHERE name=?",
                    (record.size, record.mtime_ns, record.ctime_ns, record.inode, record.checked_ns, path.name),
                )
                continue
            to_parse.append((path, f"{display_root}/{path.name}", data))
            records.append(record)
        # parsing and rendering each file's rows is most of a cold start: spread over the cores
        # when there is enough of it; only text comes back, written here while the rest is parsed
        from autofacts.knowledge.parallel import PARALLEL_BYTES, spread_lazily

        if len(to_parse) > 1 and sum(len(data) for _, _, data in to_parse) >= PARALLEL_BYTES:
            prepared: Iterator[PreparedFile] = spread_lazily(_prepare_file, to_parse)
        else:
            prepared = (_prepare_file(item) for item in to_parse)
        for (path, _, _), record, rows in zip(to_parse, records, prepared, strict=True):
            _write_file(db, path.name, record, rows)
            changed.append(path.name)
        for gone in set(known) - {p.name for p in on_disk}:
            db.execute("DELETE FROM files WHERE name=?", (gone,))
            db.execute("DELETE FROM facts WHERE file=?", (gone,))
            changed.append(gone)
        if not known:
            for statement in INDEXES.split(";"):
                if statement.strip():
                    db.execute(statement)
        if changed:
            _store_duplicates(db, changed)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _stat(path: Path, display_root: str) -> os.stat_result:
    try:
        return path.stat()
    except OSError as exc:  # a dangling link, or removed since the folder was listed
        raise Unreadable(f"{display_root}/{path.name}: {exc.strerror or exc}") from None


@frozen
class PreparedFile:
    """What the cache stores of one parsed file, as text and numbers (cheap to send between processes)."""

    catalogue: str
    regions: str
    facts: list[tuple[Any, ...]]  # the facts table's columns after file name


def _prepare_file(item: tuple[Path, str, bytes]) -> PreparedFile:
    """One file parsed and rendered into the cache's rows (runs in a worker process for a large base)."""
    from autofacts.knowledge.parse import parse_file  # YAML only when a file changed

    path, display, data = item
    with gc_paused():  # a file's nodes and records form no cycles: the collector would only walk them (40 % of a parse)
        parsed = parse_file(path, display, data=data)
        _keep_figure_positions(parsed.facts)
        regions = {f.values["region"] for f in parsed.facts}
        rows = _fact_rows(parsed)
        return PreparedFile(catalogue_json(parsed), json.dumps(sorted(regions), ensure_ascii=False), rows)


def _write_file(db: sqlite3.Connection, name: str, recorded: Recorded, prepared: PreparedFile) -> None:
    db.execute("DELETE FROM facts WHERE file=?", (name,))
    db.execute(
        f"INSERT OR REPLACE INTO files (name, {_COLUMNS}, catalogue, regions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            name,
            recorded.size,
            recorded.mtime_ns,
            recorded.ctime_ns,
            recorded.inode,
            recorded.checked_ns,
            recorded.sha256,
            prepared.catalogue,
            prepared.regions,
        ),
    )
    db.executemany(
        "INSERT INTO facts (file, idx, id, metric, region, entity, kind, source, period_start, period_end,"
        " revises, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(name, *row) for row in prepared.facts],
    )


def _fact_rows(parsed: ParsedFile) -> list[tuple[Any, ...]]:
    return [
        (
            i,
            f.values["id"],
            f.values["metric"],
            f.values["region"],
            f.values.get("entity"),
            f.values["kind"],
            f.values["source"],
            f.values["period"].start.isoformat() if f.values.get("period") else None,
            f.values["period"].end.isoformat() if f.values.get("period") else None,
            f.values.get("revises"),
            fact_json(f),
        )
        for i, f in enumerate(parsed.facts)
    ]


def _keep_figure_positions(facts: list[PendingFact]) -> None:
    """Each fact's figure position in its quote (Fact.figure_at), found once here rather than by
    every table that shortens the quote: finding a figure in words takes the number reader."""
    from autofacts.output.records import figure_middle  # rendering's rule, applied once per parse

    for pending in facts:
        values = pending.values
        values["figure_at"] = figure_middle(
            values["quote"], values.get("value"), values.get("qualifier", "exact"), str(values.get("metric") or "")
        )


def record_text(fact: Fact) -> str:
    """Export's template of a dated fact's record (output/records.py says what it holds): kept in
    the cache by the first export that needs it (RecordKeeper), not when the file is parsed, so
    that a command that never exports never renders one."""
    from autofacts.output.records import record_template  # rendering, done once per fact and change

    return record_template(fact)


def remember(path: Path | None, key: str, state: str, value: str) -> None:
    """Keep `value` under `key` in the cache's meta table for the base in `state` (Store.keep),
    through a connection of its own, as RecordKeeper writes; skipped when the cache is busy."""
    if path is None:
        return
    try:
        db = sqlite3.connect(path, timeout=0.1, isolation_level=None)
        try:
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (key, json.dumps({"state": state, "value": value}, ensure_ascii=False)),
            )
        finally:
            db.close()
    except sqlite3.Error:
        pass


def base_state(db: sqlite3.Connection) -> str:
    """The base as the cache holds it: every file's name and content digest. Any edit, addition or
    removal of a file changes it."""
    return "\n".join(f"{name} {digest}" for name, digest in db.execute("SELECT name, sha256 FROM files ORDER BY name"))


class RecordKeeper:
    """Writes the templates an export rendered back into the cache, so that the next export only
    joins text. It writes through a connection of its own (the store's holds a read snapshot
    open), a fact only while its row still holds the very JSON the template was rendered from,
    and not at all when the cache is busy or read-only: the cache is only an optimisation."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None
        self.given_up = path is None

    def keep(self, rendered: list[tuple[str, int, str]]) -> None:
        """Store (template, rowid, fact JSON) triples."""
        if self.given_up or not rendered:
            return
        assert self.path is not None
        try:
            if self.db is None:
                self.db = sqlite3.connect(self.path, timeout=0.1, isolation_level=None)
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("UPDATE facts SET record=? WHERE rowid=? AND data=?", rendered)
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self.given_up = True
            self.close()

    def close(self) -> None:
        if self.db is not None:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            self.db.close()
            self.db = None


def _store_duplicates(db: sqlite3.Connection, changed: list[str]) -> None:
    """Every definition of a fact id defined more than once, across all files, in file order, kept
    so that each query need not look again (load.duplicate_fact_problems turns them into E105).

    Only ids that were duplicates before or that a changed file holds can be duplicates now, so
    after an edit just those are counted again (through the index on id).
    """
    row = db.execute("SELECT value FROM meta WHERE key='duplicates'").fetchone()
    candidates = {fact_id for fact_id, _, _ in json.loads(row[0])} if row else set()
    if len(changed) <= 20:
        candidates |= {i for (i,) in rows_in(db, "SELECT id FROM facts WHERE file IN ({marks})", changed)}
        sql = "SELECT id FROM facts WHERE id IN ({marks}) GROUP BY id HAVING COUNT(*) > 1"
        twice = sorted(i for (i,) in rows_in(db, sql, sorted(candidates)))
    else:  # a rebuild: one pass over the index on id
        twice = sorted(i for (i,) in db.execute("SELECT id FROM facts GROUP BY id HAVING COUNT(*) > 1"))
    sql = "SELECT id, file, data FROM facts WHERE id IN ({marks}) ORDER BY file, idx"
    found = [(fact_id, name, json.loads(data)["l"]) for fact_id, name, data in rows_in(db, sql, twice)]
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('duplicates', ?)", (json.dumps(found),))


def _sha256(data: bytes) -> str:
    import hashlib  # only when a file changed

    return hashlib.sha256(data).hexdigest()


def rows_in(db: sqlite3.Connection, sql: str, values: list[str]) -> Iterator[Any]:
    """The rows of `sql`, whose {marks} is an IN list, for all values: 500 at a time, under SQLite's
    limit on parameters."""
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        yield from db.execute(sql.format(marks=marks(chunk)), chunk)


def marks(values: list[Any]) -> str:
    """SQL placeholders for a list (an empty list matches nothing)."""
    return ",".join("?" * len(values)) or "NULL"
