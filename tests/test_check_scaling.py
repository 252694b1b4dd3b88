"""The cross-fact rules (E131 conflicts, E132 parts over wholes) after they stopped comparing every
pair: the same problems, in the same order, found through sorted bounds. Values worked out by hand."""

from __future__ import annotations

from pathlib import Path

from autofacts.knowledge.check import check_conflicts, check_partial_periods
from autofacts.knowledge.load import load_knowledge_base

CATALOGUE = """\
metrics:
  - id: vehicle-sales
    name: Vehicle sales
    description: Sold.
    unit: vehicles
    measure: flow
sources:
  - id: s1
    file: a.txt
    title: One
    published: 2026-01
    language: en
  - id: s2
    file: a.txt
    title: Two
    published: 2026-01
    language: en
  - id: s3
    file: a.txt
    title: Three
    published: 2026-01
    language: en
"""


def base(tmp_path: Path, facts: list[tuple[str, str, str, str, str]]):
    """A knowledge base of vehicle-sales facts (id, source, period, value, qualifier) in China."""
    (tmp_path / "facts").mkdir(parents=True)
    (tmp_path / "facts" / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    lines = ["facts:"]
    for fact_id, source, period, value, qualifier in facts:
        lines += [
            f"  - id: {fact_id}",
            "    metric: vehicle-sales",
            "    region: China",
            f'    period: "{period}"',
            "    kind: actual",
            f"    value: {value}",
            f"    qualifier: {qualifier}",
            f"    source: {source}",
            "    quote: x",
        ]
    (tmp_path / "facts" / "facts.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    kb = load_knowledge_base(tmp_path / "facts", "facts")
    assert kb.problems == []
    return kb


def messages(problems) -> list[str]:
    return [f"{p.location.line} {p.code} {p.message.split(', at ')[0]}" for p in problems]


def test_conflicts_at_touching_bounds(tmp_path: Path) -> None:
    # "over 100" is (100, ∞): it contradicts exactly 100 (closed at 100) and "under 100", but not
    # "at least 100" [100, ∞) nor "about 100" [95, 105]; "at most 100" (-∞, 100] meets "at least 100".
    # A fact's value stands on line 7 + 9 × its place in the file.
    kb = base(
        tmp_path,
        [
            ("over", "s1", "2024", "100", "over"),
            ("exact", "s2", "2024", "100", "exact"),
            ("under", "s3", "2024", "100", "under"),
            ("about", "s2", "2024", "100", "about"),
            ("least", "s2", "2024", "100", "at-least"),
            ("most", "s3", "2024", "100", "at-most"),
            ("most-too", "s1", "2024", "100", "at-most"),  # disjoint from "over", but the same source
        ],
    )
    assert messages(check_conflicts(kb)) == [
        "16 E131 'exact' (exact 100) contradicts 'over' (over 100",
        "25 E131 'under' (under 100) contradicts 'over' (over 100",
        "25 E131 'under' (under 100) contradicts 'exact' (exact 100",
        "43 E131 'least' (at-least 100) contradicts 'under' (under 100",
        "52 E131 'most' (at-most 100) contradicts 'over' (over 100",
    ]


def test_conflicts_need_two_sources_and_one_period(tmp_path: Path) -> None:
    kb = base(
        tmp_path,
        [
            ("a", "s1", "2024", "100", "exact"),
            ("b", "s1", "2024", "200", "exact"),  # the same source twice: its own affair
            ("c", "s2", "2023", "300", "exact"),  # another period
            ("d", "s2", "2024", "104", "about"),  # [98.8, 109.2] holds 100, not 200
        ],
    )
    assert messages(check_conflicts(kb)) == ["34 E131 'd' (about 104) contradicts 'b' (exact 200"]


def test_ten_thousand_agreeing_facts_in_one_cell(tmp_path: Path) -> None:
    facts = [(f"f{n}", f"s{n % 3 + 1}", "2024", "100", "about" if n % 2 else "exact") for n in range(10_000)]
    assert check_conflicts(base(tmp_path, facts)) == []
    # 94 is below every one of them (about 100 starts at 95): it contradicts each fact of another
    # source, s1 or s2 (n % 3 != 2): 10,000 less the 3,333 of s3 (n = 2, 5, ..., 9998).
    facts.append(("odd", "s3", "2024", "94", "exact"))
    problems = check_conflicts(base(tmp_path / "2", facts))
    assert len(problems) == 6_667
    assert {p.location.line for p in problems} == {7 + 9 * 10_000}
    assert problems[0].message.startswith("'odd' (exact 94) contradicts 'f0' (exact 100, at ")
    assert problems[-1].message.startswith("'odd' (exact 94) contradicts 'f9999' (about 100, at ")


def test_parts_over_wholes(tmp_path: Path) -> None:
    kb = base(
        tmp_path,
        [
            ("year", "s1", "2025", "1000", "exact"),
            ("h1", "s1", "2025-H1", "600", "exact"),  # fits
            ("jan", "s2", "2025-01", "1001", "exact"),  # over the year
            ("q1", "s2", "2025-Q1", "1000", "over"),  # (1000, ∞) is over 1000 too
            ("q1-about", "s3", "2025-Q1", "1000", "about"),  # [950, 1050] may fit
            ("feb", "s3", "2025-02", "1000", "exact"),  # equal to the whole: allowed
            ("last-year", "s3", "2024-01", "5000", "exact"),  # not inside 2025
            ("h1-small", "s2", "2025-H1", "999", "at-most"),
        ],
    )
    # Each part against each whole that holds its period, in file order; h1's 600 is below them all
    # but h1-small (its lower bound is unbounded).
    assert messages(check_partial_periods(kb)) == [
        "25 E132 'jan' (2025-01) exceeds 'year' for the whole of 2025",
        "25 E132 'jan' (2025-01) exceeds 'h1' for the whole of 2025-H1",
        "25 E132 'jan' (2025-01) exceeds 'h1-small' for the whole of 2025-H1",
        "34 E132 'q1' (2025-Q1) exceeds 'year' for the whole of 2025",
        "34 E132 'q1' (2025-Q1) exceeds 'h1' for the whole of 2025-H1",
        "34 E132 'q1' (2025-Q1) exceeds 'h1-small' for the whole of 2025-H1",
        "43 E132 'q1-about' (2025-Q1) exceeds 'h1' for the whole of 2025-H1",
        "52 E132 'feb' (2025-02) exceeds 'h1' for the whole of 2025-H1",
        "52 E132 'feb' (2025-02) exceeds 'h1-small' for the whole of 2025-H1",
    ]
    kb = base(tmp_path / "2", [("h1", "s1", "2025-H1", "600", "exact"), ("jan", "s1", "2025-01", "600", "over")])
    assert messages(check_partial_periods(kb)) == ["16 E132 'jan' (2025-01) exceeds 'h1' for the whole of 2025-H1"]
