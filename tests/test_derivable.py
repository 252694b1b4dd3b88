"""Only the facts a chain can join are read and derived from (answers/derivable.py), and the
figures derived are the same as from every fact. Expected values are worked out by hand."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

from autofacts.answers.chains import answer_cells
from autofacts.answers.derivable import derivable, derivable_needs
from autofacts.answers.derive import derived_facts, every_derived, every_derived_in
from autofacts.store import EVERYTHING, Need, Outline
from autofacts.store.sqlite_store import open_sqlite_store
from tests.small_base import fact, small_base

# vehicle-production is a flow no metric is linked to; vehicle-sales, nev-sales, nev-share and the
# growth rates are one linked set (small_base.LINKS).
FACTS = [
    fact("h1", "2025-01/2025-06", "100", metric="vehicle-production"),
    fact("jul-ytd", "2025-01/2025-07", "130", metric="vehicle-production"),
    fact("p2024", "2024", "500", metric="vehicle-production"),  # alone in its year: no rule reaches it
    fact("bj-jul", "2025-07", "10", metric="vehicle-production", region="Beijing"),  # alone in Beijing
    fact("aug-target", "2025-01/2025-08", "150", metric="vehicle-production", kind="target"),  # not evidence
    fact("share24", "2024", "40", metric="nev-share"),
    fact("sales24", "2024", "1000"),
    fact("sh-sales24", "2024", "7", region="Shanghai"),  # the linked set's only figure in Shanghai
    fact("qual", "2023", None),  # qualitative: no figure to compute with
]


def test_only_facts_in_a_group_of_two_cells_are_looked_at() -> None:
    kb = small_base(*FACTS)
    assert [f.id for f in derivable(kb, kb.facts)] == ["h1", "jul-ytd", "share24", "sales24"]


def test_the_chains_derive_the_same_figures_from_them() -> None:
    """July alone = Jan-Jul 130 - Jan-Jun 100 = 30; 2024 NEV sales = 40 % x 1,000 = 400."""
    kb = small_base(*FACTS)
    figures = {f.id: f for f in derived_facts(kb)}
    assert sorted(figures) == ["nev-sales-2024-from-share24", "vehicle-production-2025-07-from-jul-ytd"]
    july, nev = figures["vehicle-production-2025-07-from-jul-ytd"], figures["nev-sales-2024-from-share24"]
    assert july.derived_from is not None and july.derived_from.facts == ("jul-ytd", "h1")
    assert (july.derived_from.interval.lo, july.derived_from.interval.hi) == (D(30), D(30))
    assert nev.derived_from is not None and nev.derived_from.facts == ("share24", "sales24")
    assert (nev.derived_from.interval.lo, nev.derived_from.interval.hi) == (D(400), D(400))
    # the chains run over every fact give exactly these
    assert list(answer_cells(kb, answers=False).derived) == derived_facts(kb)


def test_a_revision_alone_in_its_group_still_replaces_its_first_release() -> None:
    """The Jan-Jun figure is corrected by a release that moves it to 2023 (a group of its own):
    2025's Jan-Jul then has no Jan-Jun beside it, so July is not derived."""
    moved = fact("h1-fix", "2023-01/2023-06", "100", metric="vehicle-production", revises="h1")
    kb = small_base(*FACTS, moved)
    assert [f.id for f in derivable(kb, kb.facts)] == ["share24", "sales24"]
    assert [f.id for f in derived_facts(kb)] == ["nev-sales-2024-from-share24"]
    assert list(answer_cells(kb, answers=False).derived) == derived_facts(kb)


def _outline(fid: str, metric: str, region: str, start: str, end: str, revises: str | None = None) -> Outline:
    return Outline(fid, revises, metric, region, None, "actual", start, end)


def test_the_needs_name_each_metric_and_region_holding_a_group_of_two_cells() -> None:
    kb = small_base(*FACTS)
    outlines = [
        _outline("h1", "vehicle-production", "China", "2025-01-01", "2025-06-30"),
        _outline("jul-ytd", "vehicle-production", "China", "2025-01-01", "2025-07-31"),
        _outline("p2024", "vehicle-production", "China", "2024-01-01", "2024-12-31"),
        _outline("bj-jul", "vehicle-production", "Beijing", "2025-07-01", "2025-07-31"),
        _outline("sh-sales24", "vehicle-sales", "Shanghai", "2024-01-01", "2024-12-31"),
        _outline("sh-sales24-again", "vehicle-sales", "Shanghai", "2024-01-01", "2024-12-31"),  # the same cell
        _outline("bj-fix", "vehicle-sales", "Beijing", "2024-01-01", "2024-12-31", revises="x"),  # a revision
    ]
    linked = ("nev-sales", "nev-share", "vehicle-sales", "vehicle-sales-growth")  # the catalogue of FACTS
    assert derivable_needs(kb, outlines) == [
        Need(metrics=linked, regions=("Beijing",), kinds=("actual",)),
        Need(metrics=("vehicle-production",), regions=("China",), kinds=("actual",)),
    ]
    assert derivable_needs(kb, outlines[2:6]) == []


def test_export_from_the_cache_reads_only_what_it_derives_from_and_sees_an_edit(caam: Path, run) -> None:
    """A January-June figure added in a new file gives July alone (Jan-Jul 18.269 M - 15.653 M =
    2.616 M) and July-December (2025's "over 34 M" - 15.653 M = over 18.347 M): the cache sees it."""
    store = open_sqlite_store(caam, "facts")
    assert every_derived_in(store) == every_derived(store.read(EVERYTHING))
    before = {f["id"] for f in json.loads(run("export", "--facts", str(caam)).stdout)["derived"]}
    (caam / "test-2025-06.yaml").write_text(
        "source: caam-2025-07\nfacts:\n  - id: test-h1\n    metric: vehicle-sales\n    region: China\n"
        "    period: 2025-01/2025-06\n    kind: actual\n    value: 15653000\n    quote: x\n",
        encoding="utf-8",
    )
    after = {f["id"]: f for f in json.loads(run("export", "--facts", str(caam)).stdout)["derived"]}
    july = "vehicle-sales-2025-07-from-caam-vehicle-sales-2025-ytd"
    rest = "vehicle-sales-2025-07/2025-12-from-cn-vehicle-sales-2025"
    assert sorted(set(after) - before) == [july, rest] and before < set(after)
    assert after[july]["derived_from"]["facts"] == ["caam-vehicle-sales-2025-ytd", "test-h1"]
    assert (after[july]["lower"], after[july]["upper"]) == (2616000, 2616000)
    assert after[rest]["derived_from"]["facts"] == ["cn-vehicle-sales-2025", "test-h1"]
    assert (after[rest]["lower"], after[rest]["upper"], after[rest]["lower_open"]) == (18347000, None, True)


def test_a_kept_summary_is_recalled_only_while_the_base_is_unchanged(caam: Path) -> None:
    """Store.keep/recall: what export keeps of the derivable facts is used again only until a file changes."""
    from autofacts.store.yaml_store import YamlStore

    open_sqlite_store(caam, "facts").keep("test", "42")
    assert open_sqlite_store(caam, "facts").recall("test") == "42"
    assert open_sqlite_store(caam, "facts").recall("other") is None
    plan = caam / "work-plan-2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# an edit\n", encoding="utf-8")
    assert open_sqlite_store(caam, "facts").recall("test") is None
    YamlStore(caam).keep("test", "42")
    assert YamlStore(caam).recall("test") is None


def test_export_keeps_which_facts_derive_until_the_base_changes(caam: Path, run) -> None:
    assert open_sqlite_store(caam, "facts").recall("derivable") is None
    first = run("export", "--facts", str(caam)).stdout
    kept = open_sqlite_store(caam, "facts").recall("derivable")
    # Chongqing's 2024 production (2.54 M) and its January-November (2.228 M) give December: two cells
    assert kept is not None and [["vehicle-production", "vehicle-production-growth"], "Chongqing"] in json.loads(kept)
    assert run("export", "--facts", str(caam)).stdout == first  # from what was kept
    (caam / "extra.yaml").write_text("source: caam-2025-07\nfacts: []\n", encoding="utf-8")
    assert open_sqlite_store(caam, "facts").recall("derivable") is None
