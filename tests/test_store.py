"""The two stores behind one interface, run through the same questions on a small inline base.

Every expectation below is read off the YAML in `_BASE` by hand: which facts a `Need` admits, in
which order, and what the catalogue holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from autofacts.knowledge.periods import parse_period
from autofacts.store import EVERYTHING, Need, Store
from autofacts.store.sqlite_store import open_sqlite_store
from autofacts.store.yaml_store import YamlStore

_BASE = {
    "sources.yaml": """\
sources:
  - id: alpha
    file: alpha.txt
    title: Alpha
    published: 2024
    language: en
  - id: beta
    file: beta.txt
    title: Beta
    published: 2025-03
    language: en
""",
    "metrics.yaml": """\
metrics:
  - id: sales
    name: Sales
    unit: vehicles
    measure: flow
  - id: share
    name: Share
    unit: percent
    measure: share
""",
    "a.yaml": """\
source: alpha
facts:
  - id: a1
    metric: sales
    region: China
    period: 2023
    kind: actual
    value: 10
    quote: In 2023 sales were 10.
  - id: a2
    metric: sales
    region: Hebei
    period: 2024
    kind: target
    value: 12
    quote: Sales of 12 are planned for 2024.
  - id: a3
    metric: share
    region: China
    kind: actual
    value: 40
    quote: The share is 40%.
""",
    "b.yaml": """\
source: beta
facts:
  - id: b1
    metric: sales
    region: China
    period: 2024
    kind: actual
    value: 11
    quote: In 2024 sales were 11.
  - id: b2
    metric: share
    region: Hebei
    period: 2025-01/2025-02
    kind: actual
    value: 30
    quote: From January to February 2025 the share was 30%.
  - id: b3
    metric: sales
    region: China
    kind: forecast
    value: 13
    quote: Sales will be 13.
""",
}


@pytest.fixture(params=["yaml", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    facts = tmp_path / "facts"
    facts.mkdir()
    for name, text in _BASE.items():
        (facts / name).write_text(text, encoding="utf-8")
    if request.param == "yaml":
        yield YamlStore(facts, "facts")
    else:
        monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
        sqlite = open_sqlite_store(facts, "facts")
        yield sqlite
        sqlite.connection.close()


def ids(store: Store, need: Need) -> list[str]:
    return [f.id for f in store.facts(need)]


def test_everything_in_file_order(store: Store) -> None:
    assert ids(store, EVERYTHING) == ["a1", "a2", "a3", "b1", "b2", "b3"]


def test_by_metric_kind_and_region(store: Store) -> None:
    assert ids(store, Need(metrics=("sales",))) == ["a1", "a2", "b1", "b3"]
    assert ids(store, Need(metrics=("sales",), kinds=("actual",))) == ["a1", "b1"]
    assert ids(store, Need(regions=("Hebei",))) == ["a2", "b2"]
    assert ids(store, Need(metrics=("share",), regions=("China",))) == ["a3"]
    assert ids(store, Need(metrics=())) == []


def test_by_period_takes_undated_facts_at_their_publication(store: Store) -> None:
    # a3 states no period and its source was published in 2024; b3's in March 2025
    assert ids(store, Need(periods=(parse_period("2024"),))) == ["a2", "a3", "b1"]
    assert ids(store, Need(periods=(parse_period("2025-03"),))) == ["b3"]
    assert ids(store, Need(periods=(parse_period("2023"), parse_period("2025-01/2025-02")))) == ["a1", "b2"]
    assert ids(store, Need(periods=(parse_period("2025"),))) == []  # b2 lies inside 2025 but is not 2025


def test_within_days_keeps_undated_facts(store: Store) -> None:
    within = (date(2024, 1, 1), date(2025, 2, 28))
    assert ids(store, Need(within=within)) == ["a2", "a3", "b1", "b2", "b3"]
    assert ids(store, Need(metrics=("sales",), within=(date(2023, 1, 1), date(2023, 12, 31)))) == ["a1", "b3"]


def test_an_undated_fact_takes_its_source_publication_as_period(store: Store) -> None:
    (b3,) = store.facts(Need(kinds=("forecast",)))
    assert (b3.period.label, b3.period_stated) == ("2025-03", False)
    assert str(b3.location) == "facts/b.yaml:17:5"


def test_catalogue_has_every_region_and_no_facts(store: Store) -> None:
    kb = store.catalogue()
    assert kb.facts == []
    assert kb.region_names() == ["China", "Hebei"]
    assert sorted(kb.sources) == ["alpha", "beta"] and sorted(kb.metrics) == ["sales", "share"]
    assert kb.problems == []


def test_read_joins_needs_once_each_in_file_order(store: Store) -> None:
    kb = store.read(Need(regions=("Hebei",)), Need(metrics=("share",)), Need(kinds=("target",)))
    assert [f.id for f in kb.facts] == ["a2", "a3", "b2"]
    assert kb.region_names() == ["China", "Hebei"]  # every region, not only those read


def test_fact_counts(store: Store) -> None:
    assert store.fact_counts() == (Counter({"sales": 4, "share": 2}), Counter({"alpha": 3, "beta": 3}))


def test_duplicate_ids_are_one_problem_each_with_the_first_definition(tmp_path: Path, monkeypatch) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    for name, text in _BASE.items():
        (facts / name).write_text(text.replace("id: b3", "id: a1"), encoding="utf-8")
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
    expected = ["facts/b.yaml:17:5: error[E105]: duplicate fact id 'a1' (first defined at facts/a.yaml:3:5)"]
    for store in (YamlStore(facts, "facts"), open_sqlite_store(facts, "facts")):
        assert [str(p) for p in store.catalogue().problems] == expected


def test_each_question_reads_what_it_declares(store: Store) -> None:
    from autofacts.answers.compare import compare_need
    from autofacts.answers.query import Filters, show_need
    from autofacts.answers.targets import read_for_targets

    shown = store.read(show_need(Filters(metrics=("sales",), region="China")))
    assert [f.id for f in shown.facts] == ["a1", "b1", "b3"]
    compared = store.read(compare_need(parse_period("2023"), parse_period("2024"), Filters(), store.catalogue()))
    assert [f.id for f in compared.facts] == ["a1", "a2", "a3", "b1"]  # a3: undated, published 2024
    # the Hebei target for 2024, then Hebei's sales from 2023 to 2024 (none besides the target)
    assert [f.id for f in read_for_targets(store, year=2024).facts] == ["a2"]
    # no target ends in 2030: the targets read first are all there is (check_targets picks the year)
    assert [f.id for f in read_for_targets(store, year=2030).facts] == ["a2"]


def test_facts_for_keeps_every_kind(store: Store) -> None:
    kb = store.read(EVERYTHING)
    assert [f.id for f in kb.facts_for("sales")] == ["a1", "a2", "b1", "b3"]  # a2 a target, b3 a forecast


def test_ordered_as_answers_list_facts(store: Store) -> None:
    # by metric, then period (b3 undated: March 2025, its source's publication), region, kind
    assert [f.id for f in store.ordered(EVERYTHING)] == ["a1", "b1", "a2", "b3", "a3", "b2"]
    assert [f.id for f in store.ordered(Need(regions=("Hebei",)))] == ["a2", "b2"]
