"""Revisions: a later release restates a figure with another value, and says so with `revises`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from autofacts.answers.query import Filters, best_fact, select_facts
from autofacts.knowledge.load import load_knowledge_base
from autofacts.knowledge.periods import parse_period

FIRST = "From January to June, automobile sales reached 15.653 million units."
REVISED = "Sales for January to June were revised to 15.655 million units."


def _fact(fid: str, value: str, quote: str, extra: str = "") -> str:
    return (
        f"source: {fid}\nfacts:\n  - id: {fid}\n    metric: vehicle-sales\n    region: China\n"
        f"    period: 2025-01/2025-06\n    kind: actual\n    value: {value}\n    qualifier: exact\n"
        f"    quote: {quote}\n{extra}"
    )


@pytest.fixture
def releases(kb_copy: Path) -> Path:
    """Two releases of January-June 2025 sales: 15.653 million (July), then 15.655 million (August)."""
    seeds = kb_copy.parent / "seeds"
    (seeds / "rel-july.txt").write_text(FIRST + "\n", encoding="utf-8")
    (seeds / "rel-august.txt").write_text(REVISED + "\n", encoding="utf-8")
    with (kb_copy / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "\n  - id: rel-july\n    file: rel-july.txt\n    title: July release\n    published: 2025-07\n"
            "    language: en\n  - id: rel-august\n    file: rel-august.txt\n    title: August release\n"
            "    published: 2025-08\n    language: en\n"
        )
    (kb_copy / "rel-july.yaml").write_text(_fact("rel-july", "15653000", FIRST), encoding="utf-8")
    (kb_copy / "rel-august.yaml").write_text(
        _fact("rel-august", "15655000", REVISED, "    revises: rel-july\n"), encoding="utf-8"
    )
    return kb_copy


def test_without_revises_the_two_releases_conflict(run, releases: Path) -> None:
    path = releases / "rel-august.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    revises: rel-july\n", ""), encoding="utf-8")
    result = run("check", "--facts", str(releases))
    assert result.exit_code == 1 and "E131" in result.stdout and "'rel-august'" in result.stdout


def test_with_revises_check_accepts_the_difference(run, releases: Path) -> None:
    result = run("check", "--facts", str(releases))
    assert result.exit_code == 0, result.stdout


def test_show_lists_first_release_and_revision(run, releases: Path) -> None:
    out = run("show", "vehicle-sales", "--period", "2025-01/2025-06", "--facts", str(releases), "--format", "csv")
    lines = out.stdout.splitlines()
    july = next(x for x in lines if x.startswith("rel-july,"))
    august = next(x for x in lines if x.startswith("rel-august,"))
    assert "first release, revised by rel-august" in july and "15.653 million vehicles" in july
    assert "revision of rel-july" in august and "15.655 million vehicles" in august
    doc = json.loads(run("show", "vehicle-sales", "--facts", str(releases), "--format", "json").stdout)
    assert {f["id"]: f["revises"] for f in doc["facts"] if f["id"].startswith("rel-")} == {
        "rel-july": None,
        "rel-august": "rel-july",
    }
    assert [g["agreement"] for g in doc["groups"] if "rel-july" in g["facts"]] == ["revised"]


def test_queries_use_the_latest_release_as_of_the_date(releases: Path) -> None:
    kb = load_knowledge_base(releases)
    period = parse_period("2025-01/2025-06")

    def used(as_of: date) -> str:
        facts = select_facts(kb, Filters(metrics=("vehicle-sales",), period=period, as_of=as_of))
        return best_fact(kb, facts).id

    assert used(date(2025, 7, 31)) == "rel-july"  # the revision was not out yet
    assert used(date(2025, 8, 31)) == "rel-august"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("revises: rel-july", "revises: rel-june", "revises unknown fact 'rel-june'"),
        ("revises: rel-july", "revises: rel-august", "'rel-august' cannot revise itself"),
        ("period: 2025-01/2025-06", "period: 2025-01/2025-05", "which states another figure"),
    ],
)
def test_a_bad_revises_is_reported(run, releases: Path, old: str, new: str, message: str) -> None:
    path = releases / "rel-august.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = run("check", "--facts", str(releases))
    assert result.exit_code == 1 and "E135" in result.stdout and message in result.stdout


def test_a_revision_cannot_come_before_its_first_release(run, releases: Path) -> None:
    sources = releases / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("published: 2025-08", "published: 2025-06"))
    result = run("check", "--facts", str(releases))
    assert result.exit_code == 1 and "which was published after it" in result.stdout


def test_the_latest_release_wins_even_when_less_precise(releases: Path) -> None:
    """A revision stated as 'about 15.7 million' replaces the exact first release: latest, not narrowest."""
    seed = releases.parent / "seeds" / "rel-august.txt"
    seed.write_text("Sales for January to June were revised to about 15.7 million units.\n", encoding="utf-8")
    path = releases / "rel-august.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("value: 15655000", "value: 15700000").replace("qualifier: exact", "qualifier: about")
    text = text.replace(REVISED, "Sales for January to June were revised to about 15.7 million units.")
    path.write_text(text, encoding="utf-8")
    kb = load_knowledge_base(releases)
    facts = select_facts(kb, Filters(metrics=("vehicle-sales",), period=parse_period("2025-01/2025-06")))
    assert best_fact(kb, facts).id == "rel-august"
