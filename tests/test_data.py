"""The knowledge base against its seeds: every industry figure is captured, and nothing differs.

`autofacts coverage` reads the seed texts themselves: every number must be the value of a fact that
quotes its sentence, or stand in a passage the source catalogue excludes with a reason.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import edit

from autofacts.reading.numbers import read_numbers


def test_every_number_in_the_seeds_is_cited_or_excluded_with_a_reason(run_json) -> None:
    doc = run_json("coverage")
    missing = [
        f"{src['file']}:{m['line']}: {m['text']}"
        for src in doc["sources"]
        for m in src["mentions"]
        if m["status"] == "missing"
    ]
    assert missing == []
    assert len(doc["sources"]) == 6  # the six published seeds


def test_coverage_min_100_passes(run) -> None:
    result = run("coverage", "--min", "100")
    assert result.exit_code == 0, result.stderr


def test_coverage_fails_when_a_fact_is_removed(run, kb_copy: Path) -> None:
    path = kb_copy / "fyp14-review.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: cn-icv-test-roads\n")
    end = text.index("  - id: cn-smart-road-upgrades\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run("coverage", "--min", "100", "--facts", str(kb_copy))
    assert result.exit_code == 1
    # 23 of the 24 figures (headings "Key point 1:" and "eight departments" are no figures)
    assert "fyp14-review is 95.8 % covered, below 100 %" in result.stderr
    assert "missing: seeds/000_5d12c1107267f4b1.txt:13: '32,000'" in result.stdout


def test_excluded_passages_must_be_in_the_seed(run, kb_copy: Path) -> None:
    edit(kb_copy / "sources.yaml", "text: Joint Venture 2.0", "text: Joint Venture 3.0")
    result = run("check", "--facts", str(kb_copy))
    assert result.exit_code == 1
    assert "error[E141]: excluded passage not found in seeds/001_467b5fdf27d40e1f.txt" in result.stdout


def test_values_are_in_base_units(kb) -> None:
    for fact in kb.facts:
        unit = kb.metrics[fact.metric].unit
        if fact.value is not None and unit in ("vehicles", "yuan", "usd"):
            assert fact.value == fact.value.to_integral_value() and fact.value >= 1000, fact.id


def test_key_figures_from_the_brief(kb) -> None:
    """Figures a reader would check first, each read back from its own seed sentence."""
    by_id = {f.id: f for f in kb.facts}
    for fact_id, text in [
        ("cn-vehicle-sales-2025", "exceeded 34 million"),
        ("chongqing-vehicle-production-2025-ytd", "2.4981 million"),
        ("chongqing-vehicle-export-value-2025-ytd", "45.98 billion yuan"),
        ("cn-charging-points-2025-08", "17.348 million"),
        ("cn-nev-share-2020", "5.4%"),
        ("cn-nev-share-2025-10", "51.6 percent"),
        ("cn-nev-domestic-share-2025", "more than half"),
        ("chongqing-nev-production-multiple-2024", "more than six times"),
        ("cn-vehicle-global-lead-years-2024", "16th"),
    ]:
        fact = by_id[fact_id]
        m = next(m for m in read_numbers(fact.quote) if text.endswith(m.text) or m.text in text)
        assert (fact.value, fact.qualifier) == (m.value, m.qualifier), fact_id
        assert isinstance(fact.value, Decimal)
