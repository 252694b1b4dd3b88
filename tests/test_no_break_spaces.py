"""A figure typeset with a no-break space ("7\u00a0million", "12\u202f%", as web pages and word
processors write them) is the same figure as with a plain space: `check` once refused the true value
7,000,000 for "7\u00a0million" and accepted 7, and `extract` proposed 7 and 1,000,000."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from autofacts.reading.numbers import read_numbers


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u2007"])
def test_a_scale_word_after_a_no_break_space_scales_the_number(space: str) -> None:
    text = f"Exports were more than 7{space}million units, up 12{space}percent."
    found = [(m.value, m.qualifier, m.unit) for m in read_numbers(text)]
    assert found == [(Decimal(7000000), "over", "vehicles"), (Decimal(12), "exact", "percent")]


def test_offsets_still_point_into_the_text_as_written() -> None:
    text = "Sales hit 3.4\u00a0million."
    (m,) = read_numbers(text)
    assert (m.start, m.end) == (10, 21)
    assert text[m.start : m.end] == "3.4\u00a0million"


def test_check_takes_the_true_value_and_refuses_the_bare_digit(run, tmp_path: Path) -> None:
    base = tmp_path / "kb"
    assert run("init", str(base)).exit_code == 0
    (base / "seeds" / "nb.txt").write_text("Exports were 7\u00a0million units in 2025.\n", encoding="utf-8")
    sources = yaml.safe_load((base / "facts" / "sources.yaml").read_text(encoding="utf-8")) or {}
    sources.setdefault("sources", []).append(
        {"id": "nb", "file": "nb.txt", "title": "Exports", "published": "2026-01-14", "language": "en"}
    )
    (base / "facts" / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    quote = "Exports were 7\u00a0million units in 2025."
    record = {
        "id": "cn-exports-2025",
        "source": "nb",
        "metric": "vehicle-exports",
        "region": "China",
        "period": 2025,
        "kind": "actual",
        "value": 7000000,
        "quote": quote,
    }
    facts = base / "facts" / "nb.yaml"
    facts.write_text(yaml.safe_dump({"facts": [record]}, allow_unicode=True), encoding="utf-8")
    ok = run("check", "--facts", str(base / "facts"))
    assert ok.exit_code == 0, ok.output
    facts.write_text(yaml.safe_dump({"facts": [{**record, "value": 7}]}, allow_unicode=True), encoding="utf-8")
    refused = run("check", "--facts", str(base / "facts"))
    assert refused.exit_code == 1
    assert "value 7 is not a number the quote states (it states: 7000000, 2025)" in refused.output


def test_extract_proposes_seven_million(run, tmp_path: Path) -> None:
    doc = tmp_path / "nb.txt"
    doc.write_text("Exports were 7\u00a0million units in 2025.\n", encoding="utf-8")
    result = run("extract", str(doc), "--published", "2026-01-14")
    assert result.exit_code == 0, result.output
    values = [f["value"] for f in yaml.safe_load(result.stdout)["facts"]]
    assert values == [7000000]
