"""The cache against a hostile world: edits that keep size and modification time, two versions
sharing a cache folder, a file missing for a moment, a planted link, someone else's database, and
damage in the middle of the file. In each case the answer is the YAML's, and nothing else is touched."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from autofacts import files
from autofacts.store import EVERYTHING, Need, schema
from autofacts.store.freshness import RACY_NS, Recorded, unchanged
from autofacts.store.sqlite_store import CacheUnavailable, open_sqlite_store
from autofacts.store.yaml_store import YamlStore

SECOND = 1_000_000_000


def status(size: int = 100, mtime: int = 50 * SECOND, ctime: int = 50 * SECOND, inode: int = 7) -> os.stat_result:
    return SimpleNamespace(st_size=size, st_mtime_ns=mtime, st_ctime_ns=ctime, st_ino=inode)  # type: ignore[return-value]


def test_unchanged_trusts_metadata_only_when_all_of_it_agrees() -> None:
    seen = Recorded(size=100, mtime_ns=50 * SECOND, ctime_ns=50 * SECOND, inode=7, checked_ns=60 * SECOND, sha256="x")
    assert unchanged(seen, status())
    assert not unchanged(None, status())
    assert not unchanged(seen, status(size=101))
    assert not unchanged(seen, status(mtime=49 * SECOND))
    # cp -p / rsync -a / touch -r: size and mtime put back, but the change time is new
    assert not unchanged(seen, status(ctime=70 * SECOND))
    assert not unchanged(seen, status(inode=8))  # replaced by another file (rsync's rename)


def test_a_file_recorded_within_the_racy_window_is_hashed_again() -> None:
    # recorded 2 s after the last change: not trusted; 2 s and 1 ns after: trusted
    at_limit = Recorded(100, 50 * SECOND, 50 * SECOND, 7, 50 * SECOND + RACY_NS, "x")
    assert not unchanged(at_limit, status())
    assert unchanged(Recorded(100, 50 * SECOND, 50 * SECOND, 7, 50 * SECOND + RACY_NS + 1, "x"), status())
    assert RACY_NS == 2 * SECOND


def nev_share_values(store) -> dict[str, str]:
    return {f.id: str(f.value) for f in store.facts(Need(metrics=("nev-share",)))}


def test_an_edit_keeping_size_and_mtime_is_seen(kb_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
    path = kb_copy / "fyp14-review.yaml"
    assert nev_share_values(open_sqlite_store(kb_copy, "facts"))["cn-nev-share-2020"] == "5.4"
    time.sleep(RACY_NS / SECOND + 0.2)  # past the racy window: from now on metadata is trusted
    assert nev_share_values(open_sqlite_store(kb_copy, "facts"))["cn-nev-share-2020"] == "5.4"
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("value: 5.4\n", "value: 5.5\n", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # what cp -p, rsync -a and touch -r do
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert nev_share_values(open_sqlite_store(kb_copy, "facts"))["cn-nev-share-2020"] == "5.5"


def test_two_versions_keep_two_caches(kb_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
    mine = schema.cache_path(kb_copy)
    monkeypatch.setattr(schema, "__version__", "0.0.1-other")
    theirs = schema.cache_path(kb_copy)
    assert mine != theirs and mine.parent == theirs.parent


def test_one_snapshot_for_every_read_of_a_command(
    kb_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
    store = open_sqlite_store(kb_copy, "facts")
    catalogue = store.catalogue()
    # another process empties the cache under this command (as a rebuild would, before refilling it)
    other = sqlite3.connect(schema.cache_path(kb_copy), timeout=10)
    other.execute("DELETE FROM facts")
    other.commit()
    other.close()
    assert len(store.facts(EVERYTHING)) == len(YamlStore(kb_copy).facts(EVERYTHING)) == 87  # 79 + 8 Chinese
    assert catalogue.sources.keys() == store.catalogue().sources.keys()


def test_a_file_missing_for_a_moment_is_never_cached(
    kb_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
    real = files.read_regular  # what freshness.sync reads a changed file with

    def vanished(path: Path, limit: int):
        if path.name == "fyp14-review.yaml":
            raise FileNotFoundError(2, "No such file or directory")
        return real(path, limit)

    monkeypatch.setattr(files, "read_regular", vanished)
    with pytest.raises(CacheUnavailable, match="fyp14-review.yaml: No such file or directory: not cached"):
        open_sqlite_store(kb_copy, "facts")
    monkeypatch.setattr(files, "read_regular", real)
    store = open_sqlite_store(kb_copy, "facts")
    assert store.catalogue().problems == []
    assert nev_share_values(store) == nev_share_values(YamlStore(kb_copy))


def someone_elses_database(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE precious (x TEXT)")
    db.execute("INSERT INTO precious VALUES ('keep me')")
    db.commit()
    db.close()


def precious_rows(path: Path) -> list[tuple[str]]:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT x FROM precious").fetchall()
    finally:
        db.close()


def test_a_cache_file_that_is_a_link_is_not_followed(run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(cache))
    target = tmp_path / "theirs.sqlite"
    someone_elses_database(target)
    from conftest import FACTS

    link = schema.cache_path(FACTS)
    link.symlink_to(target)
    expected = run("--no-cache", "show", "nev-share", "--format", "json").stdout
    result = run("--verbose", "show", "nev-share", "--format", "json")
    assert result.exit_code == 0 and result.stdout == expected
    assert "is not a regular file (a link?); not using it" in result.stderr
    assert link.is_symlink() and precious_rows(target) == [("keep me",)]
    assert sorted(p.name for p in cache.iterdir()) == [link.name]  # no -wal or -shm written beside it


def test_someone_elses_database_at_the_cache_path_is_left_alone(
    run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    from conftest import FACTS

    path = schema.cache_path(FACTS)
    someone_elses_database(path)
    result = run("--verbose", "show", "nev-share", "--format", "json")
    assert result.exit_code == 0 and "holds tables autofacts did not make (precious)" in result.stderr
    assert precious_rows(path) == [("keep me",)]


def test_damage_in_the_middle_of_the_cache(run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    generate(3000, tmp_path / "kb")
    facts = str(tmp_path / "kb" / "facts")
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
    expected = run("--no-cache", "export", "--facts", facts).stdout
    assert run("export", "--facts", facts).stdout == expected
    path = next((tmp_path / "cache").glob("kb-*.sqlite"))
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    quarter = len(data) // 4 // 4096 * 4096
    data[quarter : 3 * quarter] = b"\xff" * (2 * quarter)  # the middle pages: facts and their indexes
    path.write_bytes(bytes(data))
    result = run("export", "--facts", facts)
    assert result.exit_code == 0 and result.stdout == expected
    assert run("export", "--facts", facts).stdout == expected  # and the next command rebuilt it
    db = sqlite3.connect(next((tmp_path / "cache").glob("kb-*.sqlite")))
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
