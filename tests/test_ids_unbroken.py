"""Ids a reader copies into the next command (fact, metric, source ids, file names) are never broken
across lines in a terminal table, at 80 columns as most terminals open: the other columns wrap
more, or go on a further line of a cell with their header under its header ("cn-nev-sales-growth-
2025-" / "target" before); when no table fits, one record a block, the id on its own line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from autofacts.knowledge.model import KnowledgeBase
from autofacts.output.layout import shortest, wrap
from autofacts.output.table import Column, Report, to_csv, to_rich

CAAM = Path(__file__).resolve().parent.parent / "docs" / "examples" / "caam-2025" / "facts"

# The bundled base's sources (facts/sources.yaml) and the seed files their text is in.
SOURCES = {
    "fyp14-review": "seeds/000_5d12c1107267f4b1.txt",
    "global-attention": "seeds/001_467b5fdf27d40e1f.txt",
    "chongqing-number-one": "seeds/002_72d6f0ccaed82bc8.txt",
    "xinhua-icv-plan": "seeds/003_17d935ea4638a39c.txt",
    "work-plan-2025": "seeds/004_866e1cad304b1c63.txt",
    "miit-work-plan-qa": "seeds/miit-work-plan-qa-2025.txt",
}


def test_an_id_column_counts_and_wraps_whole_ids() -> None:
    # pieces: "cn-" "nev-" "sales-" "growth-2025-" "target" (no break before a digit): 12 at the longest
    assert shortest("cn-nev-sales-growth-2025-target") == 12
    assert shortest("cn-nev-sales-growth-2025-target", whole=True) == 31
    assert shortest("seeds/000_5d12.txt other", whole=True) == 18
    assert wrap("cn-nev-sales-growth-2025-target", 20) == ["cn-nev-sales-", "growth-2025-target"]
    assert wrap("cn-nev-sales-growth-2025-target", 31, whole=True) == ["cn-nev-sales-growth-2025-target"]
    # two ids break only at the space between them
    assert wrap("fyp14-review work-plan-2025", 20, whole=True) == ["fyp14-review", "work-plan-2025"]


def _lines(report: Report, width: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, no_color=True, legacy_windows=False).print(to_rich(report, width))
    return [line.rstrip() for line in out.getvalue().splitlines()]


def test_an_id_longer_than_its_share_stays_on_one_line_and_the_name_wraps() -> None:
    cols = [Column("id", "fact", ident=True), Column("name", "name")]
    rows = [{"id": "cn-nev-sales-growth-2025-target", "name": "NEV sales growth goal"}]
    # 40 columns: id 31 + name; room 40 - 2*2 + 1 = 37, so the name gets 6 (its longest word "growth")
    assert _lines(Report("", cols, rows), 40) == [
        "fact                             name",
        "──────────────────────────────── ───────",
        "cn-nev-sales-growth-2025-target  NEV",
        "                                 sales",
        "                                 growth",
        "                                 goal",
        "──────────────────────────────── ───────",
    ]


NARROW = [
    Column("id", "fact", ident=True),
    Column("name", "name", join_narrow="id"),
    Column("aliases", "aliases", join_narrow="id", join_label=True),
    Column("n", "n", "right"),
]
NARROW_ROWS = [
    {"id": "cn-nev-sales-growth-2025-target", "name": "NEV sales growth goal", "aliases": "nev-goal", "n": "3"}
]


def test_when_even_that_does_not_fit_a_narrow_join_puts_the_name_under_the_id() -> None:
    # 40 columns: 31 + "growth" 6 + "aliases" 7 + 1 = 45 > 40 - 4*2 + 1 = 33; joined: 31 + 1 <= 37.
    # The name's header goes under the id's; the aliases say "aliases:" in their cell instead.
    assert _lines(Report("", NARROW, NARROW_ROWS), 40) == [
        "fact",
        "name                             n",
        "──────────────────────────────── ──",
        "cn-nev-sales-growth-2025-target  3",
        "NEV sales growth goal",
        "aliases: nev-goal",
        "──────────────────────────────── ──",
    ]


def test_wide_enough_for_every_column_nothing_is_joined() -> None:
    # 31 + 21 + 8 + 1 + 4 * 2 - 1 = 68 <= 80
    assert _lines(Report("", NARROW, NARROW_ROWS), 80) == [
        "fact                             name                   aliases   n",
        "──────────────────────────────── ────────────────────── ───────── ──",
        "cn-nev-sales-growth-2025-target  NEV sales growth goal  nev-goal  3",
        "──────────────────────────────── ────────────────────── ───────── ──",
    ]


def test_a_joined_column_of_ids_keeps_its_ids_whole_in_the_cell_it_joins() -> None:
    # "status" holds no id, but on a narrow terminal the fact ids citing a number go under it
    cols = [
        Column("line", "line", "right"),
        Column("status", "status"),
        Column("by", "cited by", ident=True, join_narrow="status"),
    ]
    rows = [{"line": "2", "status": "cited", "by": "cn-vehicle-sales-growth-2024-miit"}]
    # side by side: 4 + 6 + 33 = 43 > 40 - 3*2 + 1 = 35; joined: 4 + 33 = 37 <= 40 - 2*2 + 1 = 37
    assert _lines(Report("", cols, rows), 40) == [
        "      status",
        "line  cited by",
        "───── ──────────────────────────────────",
        "   2  cited",
        "      cn-vehicle-sales-growth-2024-miit",
        "───── ──────────────────────────────────",
    ]
    # 36 columns: not even joined (37 > 33); one record, its id on a line of its own rather than cut
    assert _lines(Report("", cols, rows), 36) == [
        "",
        "line: 2",
        "status: cited",
        "cited by:",
        "cn-vehicle-sales-growth-2024-miit",
        "",
    ]


def test_no_table_fits_whole_ids_then_one_record_a_block() -> None:
    cols = [Column("id", "fact", ident=True), Column("value", "value", "right", wrap=False)]
    rows = [{"id": "cn-nev-sales-growth-2025-target", "value": "≈ 20 %"}]
    # 31 + 6 + 3 = 40 > 38: not "cn-nev-sales-growth-2025-" / "target" in a table
    assert _lines(Report("", cols, rows), 38) == [
        "",
        "fact: cn-nev-sales-growth-2025-target",
        "value: ≈ 20 %",
        "",
    ]


def test_the_csv_of_a_report_is_the_same_whatever_joins_a_terminal_would_make() -> None:
    assert to_csv(Report("", NARROW, NARROW_ROWS)) == (
        "id,name,aliases,n\ncn-nev-sales-growth-2025-target,NEV sales growth goal,nev-goal,3\n"
    )


# --- the commands on the bundled base ---------------------------------------------------------


def _out(run, monkeypatch: pytest.MonkeyPatch, columns: int, *args: str) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run(*args)
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert all(len(line) <= columns for line in lines)
    return lines


def _whole(ids: list[str], lines: list[str]) -> list[str]:
    """The ids not found whole (as a word) on some line."""
    words = {w.strip(",:") for line in lines for w in line.split()}
    return [i for i in ids if i not in words]


def _table(lines: list[str]) -> bool:
    return any(line.startswith("──") for line in lines)


@pytest.mark.parametrize("columns", [160, 80, 60])
def test_metrics_never_breaks_a_metric_id(run, monkeypatch, kb: KnowledgeBase, columns: int) -> None:
    lines = _out(run, monkeypatch, columns, "metrics")
    assert _whole(sorted(kb.metrics), lines) == []
    assert _whole([a for m in kb.metrics.values() for a in m.aliases], lines) == []


def test_metrics_at_eighty_columns_put_name_and_aliases_under_the_id(run, monkeypatch) -> None:
    # the longest id, domestic-brand-passenger-vehicle-sales-growth, is 45 characters: with the
    # names beside it (24 at the least) and the aliases there is no room, so they go under it
    lines = _out(run, monkeypatch, 80, "metrics")
    assert lines[1].split() == ["metric"]
    assert lines[2].split() == ["name", "unit", "measure", "facts"]
    at = next(i for i, line in enumerate(lines) if line.startswith("battery-cell-cost-reduction "))
    assert lines[at].split() == ["battery-cell-cost-reduction", "percent", "level", "1"]
    assert lines[at + 1].rstrip() == "Reduction of battery cell costs"
    assert lines[at + 2].rstrip() == "aliases: battery-cost-reduction"
    assert lines[at + 3].split() == ["battery-swap-stations", "stations", "stock", "1"]


def test_metrics_at_sixty_columns_are_records(run, monkeypatch) -> None:
    lines = _out(run, monkeypatch, 60, "metrics")
    assert not _table(lines)
    at = lines.index("metric: domestic-brand-passenger-vehicle-sales-growth")
    assert lines[at + 1] == "name: Chinese-brand passenger vehicle sales growth"


def test_search_at_eighty_columns_keeps_every_column_beside_the_whole_id(run, monkeypatch) -> None:
    lines = _out(run, monkeypatch, 80, "search", "nev", "exports")
    assert lines[1].split() == ["score", "fact", "period", "region", "value", "source"]
    at = next(i for i, line in enumerate(lines) if line.startswith("    4  cn-nev-sales-growth"))
    assert lines[at].split() == ["4", "cn-nev-sales-growth-2025-target", "2025", "China", "≈", "20", "%", "[2]", "(d)"]
    assert _whole(["cn-nev-exports-2025", "cn-nev-exports-multiple-2025", "cn-nev-sales-2025-target"], lines) == []


def test_search_at_sixty_columns_puts_source_under_the_fact_and_region_under_the_period(run, monkeypatch) -> None:
    # score 5 + fact 31 + period 6 + value 8 ("vehicles") = 50 <= 60 - 4*2 + 1 = 53; the 3 left
    # go to the value (11), which still wraps "> 2.61 M vehicles"
    lines = _out(run, monkeypatch, 60, "search", "nev", "exports")
    assert lines[1:6] == [
        "       fact                             period",
        "score  source                           region        value",
        "────── ──────────────────────────────── ─────── ────────────",
        "    7  cn-nev-exports-2025              2025       > 2.61 M",
        "       [1] (a)                          China      vehicles",
    ]
    assert lines[10:12] == [
        "    4  cn-nev-sales-growth-2025-target  2025         ≈ 20 %",
        "       [2] (d)                          China",
    ]


@pytest.mark.parametrize("columns", [80, 60])
def test_sources_and_their_files_are_whole(run, monkeypatch, columns: int) -> None:
    lines = _out(run, monkeypatch, columns, "sources")
    assert _table(lines) is (columns == 80)
    assert _whole([*SOURCES, *SOURCES.values()], lines) == []


def test_sources_at_eighty_columns(run, monkeypatch) -> None:
    lines = _out(run, monkeypatch, 80, "sources")
    assert lines[1].split() == ["source", "published", "title", "publisher", "lang", "facts"]
    assert lines[3].split() == ["fyp14-review", "2025-09", "[Achievements", "of", "en", "24", "(a)"]
    assert "(a) seeds/000_5d12c1107267f4b1.txt" in lines


def test_coverage_at_eighty_columns_puts_the_file_under_the_source(run, monkeypatch) -> None:
    lines = _out(run, monkeypatch, 80, "coverage")
    assert lines[1].rstrip() == "source"
    assert lines[2].split() == ["file", "numbers", "cited", "excluded", "missing", "covered"]
    assert lines[4].split() == ["chongqing-number-one", "29", "21", "8", "0", "100", "%"]
    assert lines[5].rstrip() == "seeds/002_72d6f0ccaed82bc8.txt"
    assert _whole([*SOURCES, *SOURCES.values()], lines) == []


def test_coverage_at_sixty_columns_is_records_with_whole_ids(run, monkeypatch) -> None:
    lines = _out(run, monkeypatch, 60, "coverage")
    assert not _table(lines)
    at = lines.index("source: miit-work-plan-qa")
    assert lines[at + 1] == "file: seeds/miit-work-plan-qa-2025.txt"


# The ministry's Q&A (facts/miit-work-plan-qa.yaml, seeds/miit-work-plan-qa-2025.txt), line 2: the
# number "3年" is excluded; 3143.6萬輛 is cited by cn-vehicle-sales-2024-miit, 4.5% by
# cn-vehicle-sales-growth-2024-miit; line 3: 3% by cn-vehicle-sales-growth-2025-target-miit.
def test_coverage_details_at_eighty_columns_put_the_reason_under_the_source(run, monkeypatch) -> None:
    # side by side: source 17 + line 4 + number 10 ("3143.6萬輛": 6 + 2 wide characters) + status 8
    # + the longest fact id 40 (cn-vehicle-sales-growth-2025-target-miit) = 79 > 80 - 5*2 + 1 = 71.
    # Under the source: 40 + 4 + 10 + 8 = 62 <= 73, and the 11 left go to the source (51).
    lines = _out(run, monkeypatch, 80, "coverage", "--details", "--source", "miit-work-plan-qa")
    assert lines[1:11] == [
        "source",
        "cited by / excluded because                          line      number  status",
        "──────────────────────────────────────────────────── ───── ─────────── ─────────",
        "miit-work-plan-qa                                       2         3年  excluded",
        "a run of years of steady growth: no catalogue",
        "metric counts it, and the text gives only 2024's",
        "growth (a fact)",
        "miit-work-plan-qa                                       2  3143.6萬輛  cited",
        "cn-vehicle-sales-2024-miit",
        "miit-work-plan-qa                                       2        4.5%  cited",
    ]
    assert "cn-vehicle-sales-growth-2025-target-miit" in lines


def test_coverage_details_of_every_source_at_eighty_columns_stay_a_table(run, monkeypatch) -> None:
    # the longest citing id, chongqing-vehicle-production-rank-2025-forecast (47), + line 4 +
    # number 9 ("thousands") + status 8 = 68 <= 73
    lines = _out(run, monkeypatch, 80, "coverage", "--details")
    assert _table(lines)
    assert _whole(["chongqing-vehicle-production-rank-2025-forecast", *SOURCES], lines) == []


def test_coverage_details_at_sixty_columns_are_records(run, monkeypatch) -> None:
    lines = _out(run, monkeypatch, 60, "coverage", "--details", "--source", "miit-work-plan-qa")
    assert not _table(lines)
    at = lines.index("number: 4.5%")
    assert lines[at + 1 : at + 4] == ["status: cited", "cited by / excluded because:", "cn-vehicle-sales-growth-2024-miit"]
    assert "cited by / excluded because: cn-vehicle-sales-2024-miit" in lines


def test_an_explanation_citing_a_long_derived_id_is_records_rather_than_a_broken_id(run, monkeypatch) -> None:
    # the November exports derived from two year-to-date totals cite a derived fact whose id is 67
    # characters: with the figure (19) beside it no table fits 80 columns
    lines = _out(
        run, monkeypatch, 80, "show", "vehicle-exports", "--explain", "--period", "2025-11", "--facts", str(CAAM)
    )
    assert not _table(lines)
    assert "facts: cn-vehicle-exports-2025-11" in lines
    derived = "vehicle-exports-2025-01/2025-10-from-cn-vehicle-exports-2025-ytd-09"
    assert derived in lines or f"{derived} " in lines
