"""`export --format sqlite OUT.db`: normalised tables with foreign keys, FTS5 search, Datasette metadata."""

from __future__ import annotations

import asyncio
import json
import re
import shlex
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import autofacts
from autofacts.knowledge.load import load_knowledge_base
from tests.conftest import FACTS


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "kb.db"
    autofacts.open(cache=False).export_sqlite(path)
    return path


def _rows(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def test_the_cli_writes_the_database_and_its_metadata(run, tmp_path: Path) -> None:
    out = tmp_path / "kb.db"
    result = run("export", "--format", "sqlite", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out} (" in result.stderr and "kb.metadata.json" in result.stderr
    assert f"datasette {out} --metadata {tmp_path / 'kb.metadata.json'}" in result.stderr
    assert result.stdout == ""
    assert json.loads((tmp_path / "kb.metadata.json").read_text())["databases"]["kb"]["tables"]["facts"]["fts_table"]
    assert _rows(out, "SELECT count(*) FROM facts") == [(len(load_knowledge_base(FACTS).facts),)]


def test_a_fact_row_is_normalised_with_bounds(exported: Path) -> None:
    row = _rows(
        exported,
        "SELECT metric, region, entity, period, period_start, period_end, year, kind, value, qualifier,"
        " lower, upper, lower_open, upper_open, source, quote FROM facts WHERE id = 'cn-nev-domestic-share-2025'",
    )
    assert row == [
        (
            "nev-domestic-share",
            "China",
            None,
            "2025",
            "2025-01-01",
            "2025-12-31",
            2025,
            "actual",
            50,
            "over",
            50,
            None,
            1,
            0,
            "global-attention",
            "In 2025, NEVs accounted for more than half of new vehicle sales in China, and over half of the "
            "world's NEVs are now on Chinese roads.",
        )
    ]
    joined = _rows(
        exported,
        "SELECT m.unit, s.title, s.published FROM facts f JOIN metrics m ON m.id = f.metric"
        " JOIN sources s ON s.id = f.source WHERE f.id = 'cn-vehicle-sales-2025-target'",
    )
    assert joined == [
        ("vehicles", "[The Work Plan for Stable Growth of the Automotive Industry (2025-2026), explained]", "2025-09")
    ]
    entity = _rows(
        exported,
        "SELECT f.entity, e.name FROM facts f JOIN entities e ON e.name = f.entity WHERE f.id = 'nio-battery-swap-stations'",
    )
    assert entity == [("Nio", "Nio")]


def test_foreign_keys_are_declared_and_hold(exported: Path) -> None:
    declared = {(r[3], r[2], r[4]) for r in _rows(exported, "SELECT * FROM pragma_foreign_key_list('facts')")}
    assert declared == {
        ("metric", "metrics", "id"),
        ("region", "regions", "name"),
        ("entity", "entities", "name"),
        ("source", "sources", "id"),
        ("revises", "facts", "id"),
    }
    assert {r[2] for r in _rows(exported, "SELECT * FROM pragma_foreign_key_list('derived')")} == {
        "metrics",
        "regions",
        "entities",
        "sources",
    }
    assert _rows(exported, "PRAGMA foreign_key_check") == []


def test_full_text_search_over_quotes_and_titles(exported: Path) -> None:
    hits = _rows(
        exported,
        "SELECT f.id, f.quote FROM facts_fts JOIN facts f ON f.rowid = facts_fts.rowid WHERE facts_fts MATCH ?",
        '"51.6 percent"',
    )
    assert [h[0] for h in hits] == ["cn-nev-share-2025-10"]
    titles = _rows(
        exported,
        "SELECT s.id FROM sources_fts JOIN sources s ON s.rowid = sources_fts.rowid WHERE sources_fts MATCH 'trillion'",
    )
    assert titles == [("xinhua-icv-plan",)]


def test_derived_figures_and_their_inputs(exported: Path) -> None:
    # nev-sales 2024 = nev-share 2024 (40.9 %) x vehicle-sales 2024 (31,436,000, the ministry's): 12,857,324
    rows = _rows(
        exported,
        "SELECT id, lower, upper, lower_open, source FROM derived WHERE metric = 'nev-sales' AND period = '2024' AND region = 'China'",
    )
    assert len(rows) == 1
    derived_id, lower, upper, lower_open, _source = rows[0]
    assert (lower, upper, lower_open) == (12_857_324, 12_857_324, 0)
    inputs = _rows(exported, "SELECT fact FROM derived_inputs WHERE derived = ? ORDER BY position", derived_id)
    assert sorted(i[0] for i in inputs) == ["cn-nev-share-2024", "cn-vehicle-sales-2024-miit"]


def test_an_existing_file_is_never_overwritten_without_force(run, tmp_path: Path) -> None:
    out = tmp_path / "kb.db"
    out.write_text("mine")
    refused = run("export", "-f", "sqlite", str(out))
    assert refused.exit_code == 1 and "kb.db exists: refusing to overwrite it" in refused.stderr
    assert out.read_text() == "mine" and not (tmp_path / "kb.metadata.json").exists()
    assert run("export", "-f", "sqlite", str(out), "--force").exit_code == 0
    assert _rows(out, "SELECT count(*) FROM sources")[0][0] >= 5
    # the metadata beside it is someone's file too
    other = tmp_path / "other.db"
    (tmp_path / "other.metadata.json").write_text("{}")
    refused = run("export", "-f", "sqlite", str(other))
    assert refused.exit_code == 1 and "other.metadata.json exists" in refused.stderr and not other.exists()
    assert list(tmp_path.glob(".*")) == []  # no temporary file left behind


def test_usage_errors(run, tmp_path: Path) -> None:
    missing = run("export", "-f", "sqlite")
    assert missing.exit_code == 2 and "--format sqlite writes files: name them" in missing.stderr
    nowhere = run("export", "-f", "sqlite", str(tmp_path / "no" / "kb.db"))
    assert nowhere.exit_code == 2 and "does not exist" in nowhere.stderr
    assert run("export", "-f", "sqlite", str(tmp_path / "a.db"), "--partition", "year").exit_code == 2


def _datasette_get(path: Path, url: str) -> Any:
    datasette_app = pytest.importorskip("datasette.app")
    metadata = json.loads(path.with_name(path.stem + ".metadata.json").read_text())

    async def get() -> Any:
        ds = datasette_app.Datasette([str(path)], metadata=metadata)
        return await ds.client.get(url)

    return asyncio.run(get())


def test_datasette_serves_a_search_over_quotes(exported: Path) -> None:
    response = _datasette_get(exported, "/kb/facts.json?_search=more+than+half&_shape=array")
    assert response.status_code == 200
    found = {row["id"]: row for row in response.json()}
    assert "cn-nev-domestic-share-2025" in found and found["cn-nev-domestic-share-2025"]["value"] == 50
    assert all("more than half" in row["quote"] for row in found.values())
    titles = _datasette_get(exported, "/kb/sources.json?_search=trillion&_shape=array")
    assert [row["id"] for row in titles.json()] == ["xinhua-icv-plan"]


def test_datasette_shows_titles_descriptions_and_the_substring_query(exported: Path) -> None:
    page = _datasette_get(exported, "/kb/facts")
    assert page.status_code == 200
    assert "One row per stated figure" in page.text and "nev-share: percent" in page.text
    assert "The figure as the source states it" in page.text  # a column's description
    query = _datasette_get(exported, "/kb/quotes_containing.json?text=51.6+percent&_shape=array")
    assert [row["id"] for row in query.json()] == ["cn-nev-share-2025-10"]


def _shown_queries(page: str) -> list[tuple[str, list[list[str]]]]:
    """Each `sqlite3 -header -column kb.db "SQL"` in a docs page, with the rows shown under it."""
    shown = []
    for block in re.findall(r"\$ sqlite3 -header -column kb\.db (\".*?\")\n(.*?)\n(?=\n|```)", page, re.S):
        command, table = block
        sql = shlex.split(command.replace("\n", " "))[0]
        lines = table.splitlines()[2:]  # below the header and its rule
        shown.append((sql, [re.split(r"\s{2,}", line.strip()) for line in lines]))
    return shown


def test_the_queries_in_the_manual_give_the_rows_it_shows(exported: Path) -> None:
    """docs/export.md's SQLite examples, run against a fresh export: a stale example fails here."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "export.md").read_text(encoding="utf-8")
    shown = _shown_queries(page)
    assert len(shown) == 3
    for sql, rows in shown:
        got = [["" if v is None else str(v) for v in row] for row in _rows(exported, sql)]
        # the column layout drops an empty cell from the split; compare the cells that are there
        assert [[c for c in row if c] for row in got] == rows, sql
