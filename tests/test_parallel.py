"""Work spread over processes gives what one process gives, in the same order (parallel.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from autofacts.knowledge.check import check_knowledge_base
from autofacts.knowledge.load import load_knowledge_base
from autofacts.knowledge.parallel import set_default_jobs, spread, spread_over
from autofacts.store import EVERYTHING
from autofacts.store.sqlite_store import open_sqlite_store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate  # noqa: E402


def _square(x: int) -> int:
    return x * x


def _slice_ids(items: list[str], start: int, end: int) -> list[str]:
    return [f"{i}:{items[i]}" for i in range(start, end)]


def test_spread_keeps_the_order_of_the_pieces() -> None:
    assert spread(_square, list(range(10)), jobs=2) == [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
    assert spread(_square, [], jobs=2) == []


def test_spread_over_slices_a_shared_list_in_order() -> None:
    items = [chr(97 + i % 26) for i in range(5000)]
    out = spread_over(_slice_ids, items, len(items), jobs=2)
    assert len(out) == 5000 and out[0] == "0:a" and out[4999] == "4999:h" and out[2500] == "2500:e"
    assert out == _slice_ids(items, 0, 5000)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated base of 5,000 facts (over 1 MB of YAML, so its files are read in parallel), with
    one wrong value planted in its last facts file."""
    root = tmp_path_factory.mktemp("large")
    assert generate(5000, root) == 5000
    last = sorted((root / "facts").glob("synthetic-*.yaml"))[-1]
    text = last.read_text(encoding="utf-8")
    at = text.rindex("    value: ")
    end = text.index("\n", at)
    last.write_text(text[:at] + "    value: 61.5" + text[end:], encoding="utf-8")  # a share, not its quote's
    return root / "facts"


def test_a_large_base_reads_and_checks_the_same_with_one_process_or_two(large: Path) -> None:
    try:
        set_default_jobs(1)
        one = load_knowledge_base(large)
        one_problems = [str(p) for p in check_knowledge_base(one)]
        set_default_jobs(2)
        two = load_knowledge_base(large)
        two_problems = [str(p) for p in check_knowledge_base(two)]
    finally:
        set_default_jobs(None)
    assert len(one.facts) == 5000
    assert [f.id for f in two.facts] == [f.id for f in one.facts]
    assert two.facts == one.facts
    (problem,) = one_problems
    assert problem.startswith("facts/synthetic-00005.yaml:")
    assert "error[E121]: value 61.5 is not a number the quote states" in problem
    assert two_problems == one_problems


def test_the_cache_built_by_two_processes_holds_what_the_yaml_holds(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
    try:
        set_default_jobs(2)
        store = open_sqlite_store(large, "facts")
        cached = store.facts(EVERYTHING)
    finally:
        set_default_jobs(None)
    assert [f.id for f in cached] == [f.id for f in load_knowledge_base(large).facts]
    assert len(cached) == 5000


def test_field_places_are_a_compact_mapping() -> None:
    from autofacts.knowledge.model import Places

    places = Places({"id": (3, 9), "value": (8, 12), "quote": (10, 12)})
    assert places["value"] == (8, 12) and places.get("unit") is None and "quote" in places
    assert dict(places) == {"id": (3, 9), "value": (8, 12), "quote": (10, 12)}
    assert len(places) == 3 and list(places) == ["id", "value", "quote"]
    with pytest.raises(KeyError):
        places["unit"]
    # records written alike share one tuple of keys
    other = Places({"id": (13, 9), "value": (18, 12), "quote": (20, 12)})
    assert other._keys is places._keys


def test_field_places_far_apart_or_far_right() -> None:
    from autofacts.knowledge.model import Places

    # lines 300 apart and a column past 255 do not fit a byte: kept exactly all the same
    far = {"id": (70_000, 5), "quote": (70_300, 300), "value": (69_999, 0)}
    assert dict(Places(far)) == far
    assert Places(far).packed() == (("id", "quote", "value"), [70_000, 5, 70_300, 300, 69_999, 0])
    assert dict(Places.unpacked(["id", "quote", "value"], [70_000, 5, 70_300, 300, 69_999, 0])) == far
    near = {"id": (70_000, 5), "quote": (70_001, 255), "value": (70_002, 12)}
    assert dict(Places(near)) == near
    keys, numbers = Places(near).packed()
    assert dict(Places.unpacked(list(keys), numbers)) == near
    assert dict(Places()) == {}


def test_jobs_option(run) -> None:
    try:
        checked = run("--jobs", "1", "check")
        assert checked.exit_code == 0 and checked.stdout.startswith("ok: 87 facts, ")
        refused = run("--jobs", "0", "check")
        assert refused.exit_code == 2 and "error[U000]: Invalid value for '--jobs'" in refused.stderr
    finally:
        set_default_jobs(None)
