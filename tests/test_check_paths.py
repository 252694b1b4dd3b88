"""The rules whose way of working changed for speed and memory (issue 23): the same verdicts, worked
out by hand on inline facts. Quotes are searched from where the one before ended, conflicts grouped by
a hash first, periods shared, a file's pending facts let go while the base is assembled."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from autofacts.errors import PeriodError
from autofacts.knowledge import check
from autofacts.knowledge.check import check_conflicts, check_quotes
from autofacts.knowledge.load import load_knowledge_base
from autofacts.knowledge.periods import parse_period
from tests.small_base import fact, small_base

SEED = "First, sales rose.  Then exports fell. Finally, prices held."


def quoting(fact_id: str, quote: str, source: str = "s1"):
    return replace(fact(fact_id, "2024", "1", source=source), quote=quote)


def test_quotes_found_in_any_order_and_a_missing_one_reported() -> None:
    kb = small_base(
        quoting("a", "Finally, prices held."),
        quoting("b", "Then exports fell."),  # before the quote above: found by the search of the whole text
        quoting("c", "First,   sales rose."),  # white space folded, as the seed's double space is
        quoting("d", "Then exports rose."),  # in no seed
        quoting("e", "Finally, prices held."),  # the same sentence again
    )
    problems = check_quotes(kb, {"s1": SEED})
    assert [(p.code, p.message) for p in problems] == [
        ("E120", 'quote not found verbatim in small-base/seeds/s1.txt: "Then exports rose."')
    ]


def test_each_source_searched_from_its_own_last_quote() -> None:
    kb = small_base(
        quoting("a", "Finally, prices held.", "s1"),
        quoting("b", "alpha beta", "s2"),
        quoting("c", "Then exports fell.", "s1"),
        quoting("d", "gamma", "s2"),
        quoting("e", "beta gamma delta", "s2"),  # not in s2's text: "beta gamma" is, "delta" is not
    )
    problems = check_quotes(kb, {"s1": SEED, "s2": "alpha beta gamma"})
    assert [p.message for p in problems] == ['quote not found verbatim in small-base/seeds/s2.txt: "beta gamma delta"']


def conflicts(kb) -> list[str]:
    return [p.message for p in check_conflicts(kb)]


FACTS = [
    fact("a", "2024", "100", source="s1"),
    fact("b", "2024", "100", source="s1", region="Hebei"),
    fact("c", "2024", "120", source="s2"),  # contradicts a (China, 2024)
    fact("d", "2024-01/2024-12", "90", source="s3", region="Hebei"),  # the span of 2024: contradicts b
    fact("e", "2023", "50", source="s2"),  # another figure
    fact("f", "2024", "130", "about", source="s3"),  # contradicts a and c
]


# by figure, each in the order of its first fact (China 2024, then Hebei 2024; e is alone in 2023);
# about 130 [123.5, 136.5] is disjoint from both 100 and 120
EXPECTED = [
    "'c' (exact 120) contradicts 'a' (exact 100, at None)",
    "'f' (about 130) contradicts 'a' (exact 100, at None)",
    "'f' (about 130) contradicts 'c' (exact 120, at None)",
    "'d' (exact 90) contradicts 'b' (exact 100, at None)",
]


def test_conflicts_between_the_facts_of_one_figure() -> None:
    assert conflicts(small_base(*FACTS)) == EXPECTED


def test_conflicts_the_same_when_every_figure_has_one_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    # every key hashing alike puts all facts in one bucket: it must still be split by figure
    monkeypatch.setattr(check, "hash", lambda key: 7, raising=False)
    assert conflicts(small_base(*FACTS)) == EXPECTED


def test_a_period_is_parsed_once_and_shared() -> None:
    assert parse_period("2024-Q3") is parse_period("2024-Q3")
    assert (parse_period("2024-Q3").start.isoformat(), parse_period("2024-Q3").end.isoformat()) == (
        "2024-07-01",
        "2024-09-30",
    )
    for _ in range(2):  # an error is raised every time, not remembered as a result
        with pytest.raises(PeriodError, match="2024-13"):
            parse_period("2024-13")


def test_facts_of_several_files_assembled_in_file_order(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "sources.yaml").write_text(
        "sources:\n  - id: s1\n    file: s1.txt\n    title: S1\n    published: 2025-02\n    language: en\n"
        "metrics:\n  - id: m\n    name: M\n    unit: vehicles\n    measure: flow\n",
        encoding="utf-8",
    )
    for name, ids in (("a.yaml", ["x", "y"]), ("b.yaml", ["z", "x"])):
        body = "".join(
            f"  - id: {i}\n    metric: m\n    region: China\n    kind: actual\n    value: 1\n    quote: q\n" for i in ids
        )
        (facts / name).write_text(f"source: s1\nfacts:\n{body}", encoding="utf-8")
    kb = load_knowledge_base(facts)
    # the undated facts take their source's date, from a file read after theirs (sources.yaml)
    assert [(f.id, f.location.file, f.period.label) for f in kb.facts] == [
        ("x", "facts/a.yaml", "2025-02"),
        ("y", "facts/a.yaml", "2025-02"),
        ("z", "facts/b.yaml", "2025-02"),
    ]
    assert [str(p) for p in kb.problems] == [
        "facts/b.yaml:9:5: error[E105]: duplicate fact id 'x' (first defined at facts/a.yaml:3:5)"
    ]
