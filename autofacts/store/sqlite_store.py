"""The store that reads the SQLite cache of parsed files: only the facts a question needs.

One database per knowledge-base folder lives in the user's cache directory (schema.py); each
file's parse is kept and redone only when the file changes (freshness.py); queries then read just
the facts a `Need` admits, so a knowledge base of a million facts is never loaded whole. The cache
is only ever an optimisation: when it is stale, corrupt, from another version, locked or not
writable, autofacts parses the YAML instead and says why under --verbose. Results are the same
either way; tests/test_store.py runs both stores through the same questions.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import sqlite3
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from autofacts.knowledge.load import assemble_catalogues, complete_fact, duplicate_fact_problems
from autofacts.knowledge.model import Fact, KnowledgeBase, Location, Problem
from autofacts.store import Need, Outline, Store, read_files
from autofacts.store.codec import parsed_from_json, pending_from_json
from autofacts.store.freshness import RecordKeeper, Unreadable, base_state, marks, record_text, remember, sync
from autofacts.store.schema import NotOurs, cache_path, connect, prepare

_orders = itertools.count()  # names of export's temporary order tables


class CacheUnavailable(Exception):
    """The cache cannot be used this time; the caller parses the YAML instead."""


class SqliteStore(Store):
    """An open, up-to-date cache for one knowledge-base folder."""

    def __init__(
        self,
        root: Path,
        display_root: str,
        connection: sqlite3.Connection,
        notes: list[str],
        path: Path | None = None,
    ) -> None:
        self.root = root
        self.display_root = display_root
        self.connection = connection
        self.notes = notes  # what --verbose says about the cache
        self.path = path
        self._catalogue: KnowledgeBase | None = None
        self._fallback: Store | None = None
        self._base_state: str | None = None  # of this store's snapshot (freshness.base_state)

    def _damaged(self) -> Store:
        """The cache turned out damaged inside ("database disk image is malformed" from a page no
        earlier query touched): it is removed, so the next command rebuilds it, and this one reads
        the YAML, giving the same answer."""
        if self._fallback is None:
            from autofacts.store.yaml_store import YamlStore

            self.connection.close()
            if self.path is not None:
                _remove(self.path)
            self._fallback = YamlStore(self.root, self.display_root)
        return self._fallback

    def catalogue(self) -> KnowledgeBase:
        if self._fallback is None:
            try:
                return self._cached_catalogue()
            except sqlite3.DatabaseError:
                pass
        return self._damaged().catalogue()

    def stream(self, need: Need) -> Iterator[Fact]:
        yielded = 0
        if self._fallback is None:
            try:
                for fact in self._cached_stream(need):
                    yield fact
                    yielded += 1
                return
            except sqlite3.DatabaseError:
                pass
        # both stores give the same facts in the same (file) order: carry on where the cache failed
        yield from itertools.islice(self._damaged().stream(need), yielded, None)

    def facts(self, need: Need) -> list[Fact]:
        return list(self.stream(need))

    def outlines(self, need: Need) -> Iterator[Outline]:
        yielded = 0
        if self._fallback is None:
            try:
                for outline in self._cached_outlines(need):
                    yield outline
                    yielded += 1
                return
            except sqlite3.DatabaseError:
                pass
        # both stores give them in file order: carry on where the cache failed
        yield from itertools.islice(self._damaged().outlines(need), yielded, None)

    def fact_counts(self) -> tuple[Counter[str], Counter[str]]:
        if self._fallback is None:
            try:
                return self._cached_counts()
            except sqlite3.DatabaseError:
                pass
        return self._damaged().fact_counts()

    def recall(self, name: str) -> str | None:
        if self._fallback is not None:
            return None
        try:
            row = self.connection.execute("SELECT value FROM meta WHERE key=?", (f"kept:{name}",)).fetchone()
            if row is None:
                return None
            kept = json.loads(row[0])
            return str(kept["value"]) if kept["state"] == self._state() else None
        except sqlite3.DatabaseError:
            return None

    def keep(self, name: str, value: str) -> None:
        if self._fallback is None:
            with contextlib.suppress(sqlite3.DatabaseError):  # only an optimisation
                remember(self.path, f"kept:{name}", self._state(), value)

    def _state(self) -> str:
        if self._base_state is None:
            self._base_state = base_state(self.connection)
        return self._base_state

    def display(self, name: str) -> str:
        return f"{self.display_root}/{name}"

    def _cached_catalogue(self) -> KnowledgeBase:
        if self._catalogue is None:
            db = self.connection
            parsed = [
                parsed_from_json(name, text, self.display(name))
                for name, text in db.execute("SELECT name, catalogue FROM files ORDER BY name")
            ]
            kb = assemble_catalogues(self.root, parsed)
            kb.problems.extend(self._fact_problems(kb))
            regions: set[str] = set()
            for (names,) in db.execute("SELECT regions FROM files"):
                regions.update(json.loads(names))
            self._catalogue = replace(kb, regions=sorted(regions))
        return KnowledgeBase(**{**vars(self._catalogue), "facts": []})

    def _fact_problems(self, kb: KnowledgeBase) -> list[Problem]:
        """Problems that span files: duplicate fact ids, undated facts of unknown sources."""
        db = self.connection
        row = db.execute("SELECT value FROM meta WHERE key='duplicates'").fetchone()
        definitions = [
            (fact_id, Location(self.display(name), line, column))
            for fact_id, name, (line, column) in (json.loads(row[0]) if row else [])
        ]
        problems = duplicate_fact_problems(definitions)
        known = list(kb.sources)
        sql = f"SELECT file, data FROM facts WHERE period_start IS NULL AND source NOT IN ({marks(known)})"
        for name, data in db.execute(sql, known):
            result = complete_fact(pending_from_json(data, self.display(name)), kb.sources)
            if isinstance(result, Problem):
                problems.append(result)
        return problems

    def _where(self, need: Need, kb: KnowledgeBase) -> tuple[str, list[Any]]:
        """The SQL of `Need.admits`."""
        clauses: list[str] = []
        params: list[Any] = []
        if need.within is not None:
            clauses.append("((period_start >= ? AND period_end <= ?) OR period_start IS NULL)")
            params += [need.within[0].isoformat(), need.within[1].isoformat()]
        for column, values in (("metric", need.metrics), ("kind", need.kinds), ("region", need.regions)):
            if values is not None:
                clauses.append(f"{column} IN ({marks(list(values))})")
                params += list(values)
        if need.periods is not None:
            spans = []
            for period in need.periods:
                # an undated fact holds over its source's publication period
                undated = [s.id for s in kb.sources.values() if s.published.same_span(period)]
                also = f" OR (period_start IS NULL AND source IN ({marks(undated)}))" if undated else ""
                spans.append("(period_start = ? AND period_end = ?)" + also)
                params += [period.start.isoformat(), period.end.isoformat(), *undated]
            clauses.append("(" + (" OR ".join(spans) or "0") + ")")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def _cached_stream(self, need: Need) -> Iterator[Fact]:
        kb = self._cached_catalogue()
        where, params = self._where(need, kb)
        for name, data in self.connection.execute(f"SELECT file, data FROM facts{where} ORDER BY file, idx", params):
            fact = complete_fact(pending_from_json(data, self.display(name)), kb.sources)
            if isinstance(fact, Fact):
                yield fact

    def _cached_outlines(self, need: Need) -> Iterator[Outline]:
        """From the index on kind alone, which holds every column of an outline: no row is read."""
        kb = self._cached_catalogue()
        self._publication_table(kb)
        where, params = self._where(need, kb)
        # an undated fact's period is its source's publication; of an unknown source, not a fact (E111)
        known = f"{' AND' if where else ' WHERE'} (period_start IS NOT NULL OR pstart IS NOT NULL)"
        sql = (
            "SELECT id, revises, metric, region, entity, kind, COALESCE(period_start, pstart),"
            f" COALESCE(period_end, pend) FROM facts LEFT JOIN temp.published ON sid = source{where}{known}"
            " ORDER BY file, idx"
        )
        return map(Outline._make, self.connection.execute(sql, params))

    def _publication_table(self, kb: KnowledgeBase) -> None:
        """temp.published: each source's publication, which an undated fact takes as its period."""
        db = self.connection
        db.execute("CREATE TEMP TABLE IF NOT EXISTS published (sid TEXT PRIMARY KEY, pstart TEXT, pend TEXT)")
        db.execute("DELETE FROM temp.published")
        db.executemany(
            "INSERT INTO temp.published VALUES (?, ?, ?)",
            [(s.id, s.published.start.isoformat(), s.published.end.isoformat()) for s in kb.sources.values()],
        )

    def ordered(self, need: Need) -> Iterator[Fact]:
        for item in self._guarded_order(need, records=False):
            assert isinstance(item, Fact)
            yield item

    def ordered_records(self, need: Need) -> Iterator[Fact | tuple[str, str, str]]:
        return self._guarded_order(need, records=True)

    def _guarded_order(self, need: Need, records: bool) -> Iterator[Fact | tuple[str, str, str]]:
        yielded = 0
        if self._fallback is None:
            try:
                for item in self._ordered(need, records):
                    yield item
                    yielded += 1
                return
            except sqlite3.DatabaseError:
                pass
        # both stores give the same facts in the same (answer) order: carry on where the cache failed
        yield from itertools.islice(self._damaged().ordered(need), yielded, None)

    def _ordered(self, need: Need, records: bool) -> Iterator[Fact | tuple[str, str, str]]:
        """query.sort_key's order, sorted by SQLite: an undated fact takes its source's publication
        as its period, an unknown source sorts first, and text compares by code point either way."""
        kb = self._cached_catalogue()
        db = self.connection
        self._publication_table(kb)
        where, params = self._where(need, kb)
        # Sort the row ids alone into a temporary table (a sort that carried every row's text would
        # spill to disk), then read the rows in that order in one pass; a fact's JSON only where its
        # record is not kept, so that no text is read twice.
        table = f"ordered{next(_orders)}"  # one for each reading under way
        db.execute(f"CREATE TEMP TABLE {table} (position INTEGER PRIMARY KEY, fact INTEGER)")
        db.execute(
            f"INSERT INTO temp.{table} (fact) SELECT facts.rowid FROM facts LEFT JOIN temp.published ON sid = source"
            f"{where} ORDER BY metric, COALESCE(period_start, pstart), COALESCE(period_end, pend), region,"
            " COALESCE(entity, ''), kind, pend, id",
            params,
        )
        record = "record" if records else "NULL"
        rows = db.execute(
            f"SELECT facts.rowid, {record} AS kept, metric, source, CASE WHEN {record} IS NULL THEN file END,"
            f" CASE WHEN {record} IS NULL THEN data END, period_start IS NOT NULL"
            f" FROM temp.{table} JOIN facts ON facts.rowid = fact ORDER BY position"
        )
        keeper = RecordKeeper(self.path if records else None)
        rendered: list[tuple[str, int, str]] = []
        try:
            for rowid, text, metric, source, name, data, dated in rows:
                if text is not None:
                    yield (text, metric, source)
                    continue
                fact = complete_fact(pending_from_json(data, self.display(name)), kb.sources)
                if not isinstance(fact, Fact):
                    continue
                if records and dated:  # the first export since the file changed: render, and keep it
                    text = record_text(fact)
                    rendered.append((text, rowid, data))
                    if len(rendered) >= 500:
                        keeper.keep(rendered)
                        rendered = []
                    yield (text, metric, source)
                else:
                    yield fact
            keeper.keep(rendered)
        finally:
            keeper.close()
            rows.close()
            db.execute(f"DROP TABLE temp.{table}")

    def _cached_counts(self) -> tuple[Counter[str], Counter[str]]:
        db = self.connection
        metrics = Counter({m: n for m, n in db.execute("SELECT metric, COUNT(*) FROM facts GROUP BY metric")})
        sources = Counter({s: n for s, n in db.execute("SELECT source, COUNT(*) FROM facts GROUP BY source")})
        return metrics, sources


def _refuse_links(path: Path) -> None:
    """The cache and its journal files must be regular files (or absent): SQLite follows links,
    and would write into, or drop the tables of, whatever a planted link points at."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            info = os.lstat(name)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode):
            raise CacheUnavailable(f"cache {name} is not a regular file (a link?); not using it")


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def _sync_and_snapshot(db: sqlite3.Connection, root: Path, display_root: str) -> None:
    """The cache brought up to date with the files, and the snapshot every later read uses."""
    if db.in_transaction:  # read again (read_files): the snapshot is taken afresh
        db.rollback()
    sync(db, root, display_root)
    db.execute("BEGIN")  # one snapshot for every read that follows
    db.execute("SELECT 1 FROM meta LIMIT 1").fetchall()  # taken now, not at the first query


def open_sqlite_store(root: Path, display_root: str) -> SqliteStore:
    """The up-to-date cache of a knowledge-base folder; CacheUnavailable when it cannot be used.

    Everything a command reads comes from one snapshot: after the cache is brought up to date, a
    read transaction stays open for the store's life, so a concurrent rebuild cannot change the
    answer half-way through (WAL keeps the snapshot)."""
    path = cache_path(root)
    notes: list[str] = []
    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _refuse_links(path)
            db = connect(path)
            prepare(db, root)
            read_files(root, functools.partial(_sync_and_snapshot, db, root, display_root))
            return SqliteStore(root, display_root, db, notes, path)
        except sqlite3.DatabaseError as exc:
            corrupt = "not a database" in str(exc) or "malformed" in str(exc)
            if attempt == 0 and corrupt and path.exists():
                # corrupt or truncated: it is only a cache, so start it afresh
                notes.append(f"cache {path} unusable ({exc}); rebuilding it")
                _remove(path)
                continue
            raise CacheUnavailable(f"cache {path} unusable: {exc}") from None
        except NotOurs as exc:
            raise CacheUnavailable(f"cache {path} not used: {exc}") from None
        except Unreadable as exc:
            raise CacheUnavailable(f"{exc}: not cached") from None
        except OSError as exc:
            raise CacheUnavailable(f"cache {path} not writable: {exc.strerror or exc}") from None
    raise CacheUnavailable(f"cache {path} unusable")
