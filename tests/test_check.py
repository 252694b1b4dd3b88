"""`autofacts check`: the shipped base passes, and every rule catches a broken copy of it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import edit

PLAN = "work-plan-2025.yaml"
FYP = "fyp14-review.yaml"
CQ = "chongqing-number-one.yaml"


def test_shipped_knowledge_base_passes(run) -> None:
    result = run("check")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("ok: ")


def test_json_report(run, kb) -> None:
    result = run("check", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["ok"] is True and doc["problems"] == []
    assert doc["summary"]["facts"] == len(kb.facts)


def check(run, facts: Path):
    result = run("check", "--facts", str(facts))
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout.splitlines()


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first occurrence of text in a file."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_quote_not_in_seed(run, kb_copy: Path) -> None:
    edit(kb_copy / CQ, "reached 2.54 million vehicles", "reached 2.45 million vehicles")
    lines = check(run, kb_copy)
    quote_line = line_of(kb_copy / CQ, "reached 2.45 million vehicles") - 1  # the `quote: >-` line
    assert any(ln.startswith(f"{kb_copy}/{CQ}:{quote_line}:") and "error[E120]" in ln for ln in lines), lines


def test_value_not_in_quote(run, kb_copy: Path) -> None:
    edit(kb_copy / CQ, "value: 2498100", "value: 2498000")
    lines = check(run, kb_copy)
    line = line_of(kb_copy / CQ, "value: 2498000")
    assert f"{kb_copy}/{CQ}:{line}:12: error[E121]: value 2498000 is not a number the quote states" in lines[0]


def test_value_in_millions_instead_of_base_units(run, kb_copy: Path) -> None:
    edit(kb_copy / CQ, "value: 2498100", "value: 2.4981")
    assert any("error[E121]" in ln for ln in check(run, kb_copy))


def test_qualifier_must_match_the_hedge_word(run, kb_copy: Path) -> None:
    # "exceeded 34 million" is a lower bound; calling it exact misstates the source
    edit(
        kb_copy / "global-attention.yaml",
        "    value: 34000000\n    qualifier: over",
        "    value: 34000000\n    qualifier: exact",
    )
    lines = check(run, kb_copy)
    assert any(
        "error[E122]: qualifier 'exact' does not match the quote: '34 million' is stated as 'over'" in ln
        for ln in lines
    ), lines


def test_unknown_metric_and_source(run, kb_copy: Path) -> None:
    edit(kb_copy / FYP, "metric: nev-share", "metric: nev-shares")
    edit(kb_copy / FYP, "source: fyp14-review", "source: fyp-review")
    lines = check(run, kb_copy)
    assert any("error[E110]: unknown metric 'nev-shares'" in ln for ln in lines)
    assert sum("error[E111]: unknown source 'fyp-review'" in ln for ln in lines) >= 20  # every fact of the file


def test_seed_file_confined_to_seeds_folder(run, kb_copy: Path) -> None:
    edit(kb_copy / "sources.yaml", "file: 000_5d12c1107267f4b1.txt", "file: ../facts/sources.yaml")
    edit(kb_copy / "sources.yaml", "file: 001_467b5fdf27d40e1f.txt", "file: /etc/passwd")
    edit(kb_copy / "sources.yaml", "file: 002_72d6f0ccaed82bc8.txt", "file: missing.txt")
    lines = check(run, kb_copy)
    assert any("error[E112]: seed file '../facts/sources.yaml' climbs out of the seeds folder" in ln for ln in lines)
    assert any("error[E112]: seed file '/etc/passwd' must be a name inside the seeds folder" in ln for ln in lines)
    assert any("error[E112]: seed file 'missing.txt' not found" in ln for ln in lines)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_seed_symlink_out_of_the_folder(run, kb_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("In 2024, anything.", encoding="utf-8")
    (kb_copy.parent / "seeds" / "link.txt").symlink_to(outside)
    edit(kb_copy / "sources.yaml", "file: 003_17d935ea4638a39c.txt", "file: link.txt")
    assert any("resolves outside the seeds folder" in ln for ln in check(run, kb_copy))


def test_duplicate_fact_id(run, kb_copy: Path) -> None:
    edit(kb_copy / FYP, "id: cn-nev-share-2024", "id: cn-nev-share-2020")
    lines = check(run, kb_copy)
    assert any("error[E105]: duplicate fact id 'cn-nev-share-2020' (first defined at" in ln for ln in lines)


def test_conflict_between_sources_names_both(run, zh_example: Path) -> None:
    kb_copy = zh_example  # with the worked Chinese example, whose 约140万辆 conflicts too
    # 003 says "roughly 1.4 million" for 2020; make 000 say "about 2.4 million" for the same year
    edit(kb_copy / FYP, "    value: 1400000\n    qualifier: about", "    value: 2400000\n    qualifier: about")
    edit(kb_copy / FYP, "approximately 1.4 million vehicles in 2020", "approximately 2.4 million vehicles in 2020")
    (kb_copy.parent / "seeds" / "000_5d12c1107267f4b1.txt").write_text(
        (kb_copy.parent / "seeds" / "000_5d12c1107267f4b1.txt")
        .read_text(encoding="utf-8")
        .replace("approximately 1.4 million", "approximately 2.4 million"),
        encoding="utf-8",
    )
    lines = check(run, kb_copy)
    conflict = [ln for ln in lines if "error[E131]" in ln]
    # it contradicts the English xinhua-icv-plan and the example's Chinese summary ("约140万辆") alike
    assert len(conflict) == 2
    assert "'cn-nev-production-2020-fyp'" in conflict[0] and "'cn-nev-production-2020-xinhua'" in conflict[0]
    assert "'cn-nev-production-2020-fyp'" in conflict[1] and "'cn-nev-production-2020-zh'" in conflict[1]


def test_partial_period_cannot_exceed_the_whole(run, kb_copy: Path) -> None:
    # a full-year 2025 Chongqing production below its January-November figure
    text = (kb_copy / CQ).read_text(encoding="utf-8")
    text += """  - id: chongqing-vehicle-production-2025-bogus
    metric: vehicle-production
    region: Chongqing
    period: 2025
    kind: actual
    value: 3000000
    qualifier: under
    quote: >-
      In 2017, Guangzhou took the top spot with an automobile production of 3.108 million
      vehicles, while Chongqing fell below 3 million, settling for second place.
"""
    (kb_copy / CQ).write_text(text.replace("value: 2498100", "value: 2498100"), encoding="utf-8")
    edit(kb_copy / CQ, "value: 2498100", "value: 3108000")  # now Jan-Nov 3.108 million > whole year under 3 million
    lines = check(run, kb_copy)
    assert any("error[E132]" in ln and "exceeds 'chongqing-vehicle-production-2025-bogus'" in ln for ln in lines), lines


def test_actual_for_a_period_not_over_at_publication(run, kb_copy: Path) -> None:
    edit(kb_copy / FYP, "period: 2025-08-31", "period: 2025-12-31")
    assert any("error[E133]" in ln for ln in check(run, kb_copy))


def test_backward_range_and_bad_period(run, kb_copy: Path) -> None:
    edit(kb_copy / CQ, "period: 2014/2016", "period: 2016/2014")
    edit(kb_copy / CQ, "period: 2017\n", "period: 2017-13\n")
    lines = check(run, kb_copy)
    assert any("error[E107]: invalid period '2016/2014': the range runs backwards" in ln for ln in lines)
    assert any("error[E107]: invalid period '2017-13'" in ln for ln in lines)


def test_all_problems_reported_at_once_with_summary(run, kb_copy: Path) -> None:
    edit(kb_copy / CQ, "value: 2498100", "value: 2498000")
    edit(kb_copy / FYP, "kind: actual", "kind: actuals")
    lines = check(run, kb_copy)
    assert any("E121" in ln for ln in lines) and any("E104" in ln for ln in lines)
    assert lines[-1].startswith("2 errors in 2 files")


def test_multiple_base_must_precede_its_period(run, kb_copy: Path) -> None:
    edit(kb_copy / CQ, "compared_with: 2021", "compared_with: 2024")
    assert any("error[E130]: compared_with 2024 does not precede the period 2024" in ln for ln in check(run, kb_copy))


def test_growth_of_must_name_a_metric(run, kb_copy: Path) -> None:
    edit(kb_copy / "metrics.yaml", "growth_of: vehicle-sales", "growth_of: vehicle-sale")
    assert any("growth_of names unknown metric 'vehicle-sale'" in ln for ln in check(run, kb_copy))


def test_seeds_folder_can_be_named(run, kb_copy: Path) -> None:
    (kb_copy.parent / "seeds").rename(kb_copy.parent / "texts")
    assert any("error[E112]" in ln for ln in check(run, kb_copy))
    (kb_copy / "sources.yaml").write_text("seeds: ../texts\n" + (kb_copy / "sources.yaml").read_text(encoding="utf-8"))
    assert run("check", "--facts", str(kb_copy)).exit_code == 0


def test_shipped_seeds_are_the_shared_ones_byte_for_byte(kb) -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    bundled = {s.file: s for s in kb.sources.values()}
    shared_files = {p.name for p in shared.glob("*.txt")}
    # Every shared seed is bundled, unchanged...
    assert shared_files <= set(bundled)
    for name in shared_files:
        assert (kb.seeds_dir / name).read_bytes() == (shared / name).read_bytes()
    # ...and a seed added here beyond them says who published it and where a reader finds it.
    for name in set(bundled) - shared_files:
        assert bundled[name].url and bundled[name].publisher, name


def test_metric_dimensions_are_the_lexicons_and_never_shared(run, kb_copy: Path) -> None:
    metrics = kb_copy / "metrics.yaml"
    # vehicle-exports given the dimensions of vehicle-sales: extract could not tell them apart
    edit(
        metrics,
        "dimensions: {segment: vehicle, measure: exports, form: level}",
        "dimensions: {segment: vehicle, measure: sales, form: level}",
    )
    # a segment no lexicon knows, and a dimension that does not exist
    edit(
        metrics,
        "dimensions: {segment: nev, measure: exports, form: level}",
        "dimensions: {segment: nevs, measure: exports, form: level}",
    )
    edit(
        metrics,
        "dimensions: {segment: nev, measure: production, form: level}",
        "dimensions: {segment: nev, measure: production, form: level, colour: red}",
    )
    sales = line_of(metrics, "id: vehicle-exports")
    nevs = line_of(metrics, "segment: nevs")
    text = "\n".join(check(run, kb_copy))
    assert (
        f"metrics.yaml:{sales}:5: error[E113]: metric 'vehicle-exports' has the dimensions of 'vehicle-sales' (segment: vehicle, measure: sales, form: level)"
        in text
    )
    assert (
        f"metrics.yaml:{nevs}:27: error[E104]: unknown segment 'nevs' (the lexicon knows: bev, commercial-vehicle, erev, ev, fcev, hybrid, ice-vehicle, motorcycle, nev, passenger-vehicle, phev, suv, vehicle)"
        in text
    )
    assert "error[E102]: unknown dimension 'colour' (known: segment, body, measure, form, group)" in text


def test_phrases_are_no_longer_read(run, kb_copy: Path) -> None:
    edit(
        kb_copy / "metrics.yaml",
        "    aliases: [exports, auto-exports, car-exports]",
        "    aliases: [exports]\n    phrases: [sent abroad]",
    )
    text = "\n".join(check(run, kb_copy))
    assert "error[E102]: 'phrases' is no longer read: extract chooses a metric by its 'dimensions'" in text


def test_a_range_is_read_back_from_its_quote(run, kb_copy: Path) -> None:
    seed = kb_copy.parent / "seeds" / "range.txt"
    seed.write_text(
        "Analysts expect BYD to sell between 3.6 million and 4 million vehicles in 2024.\n", encoding="utf-8"
    )
    (kb_copy / "range.yaml").write_text(
        """sources:
  - id: range
    file: range.txt
    title: Forecasts
    published: 2024-01-03
    language: en
facts:
  - id: byd-2024
    source: range
    metric: vehicle-sales
    region: World
    entity: BYD
    period: 2024
    kind: forecast
    value: 3600000
    upper: 4000000
    qualifier: between
    quote: Analysts expect BYD to sell between 3.6 million and 4 million vehicles in 2024.
""",
        encoding="utf-8",
    )
    assert run("check", "--facts", str(kb_copy)).exit_code == 0
    edit(kb_copy / "range.yaml", "upper: 4000000", "upper: 4500000")
    lines = check(run, kb_copy)
    assert (
        "range.yaml:16:12: error[E121]: range 3600000 to 4500000 is not a range the quote states "
        "(it states: '3.6 million and 4 million')" in "\n".join(lines)
    )


def test_a_fall_is_a_negative_growth(run, kb_copy: Path) -> None:
    # "down 12 percent from a year earlier" states a growth of -12, as "下降12%" does
    seed = kb_copy.parent / "seeds" / "fall.txt"
    seed.write_text("BYD sold 2.25 million vehicles, down 12 percent from a year earlier.\n", encoding="utf-8")
    (kb_copy / "fall.yaml").write_text(
        """sources:
  - id: fall
    file: fall.txt
    title: Sales
    published: 2025-01-03
    language: en
facts:
  - id: byd-2024-growth
    source: fall
    metric: vehicle-sales-growth
    region: World
    entity: BYD
    period: 2024
    kind: actual
    value: -12
    quote: BYD sold 2.25 million vehicles, down 12 percent from a year earlier.
""",
        encoding="utf-8",
    )
    assert run("check", "--facts", str(kb_copy)).exit_code == 0
    edit(kb_copy / "fall.yaml", "value: -12", "value: 12")
    lines = check(run, kb_copy)
    assert "error[E121]: value 12 is not a number the quote states (it states: 2250000, -12)" in "\n".join(lines)


def test_a_hedge_in_its_base_form_is_not_exact(run, kb_copy: Path) -> None:
    seed = kb_copy.parent / "seeds" / "hedge.txt"
    seed.write_text("The NEV share is expected to exceed 55 percent in 2027.\n", encoding="utf-8")
    (kb_copy / "hedge.yaml").write_text(
        """sources:
  - id: hedge
    file: hedge.txt
    title: Outlook
    published: 2025-01-03
    language: en
facts:
  - id: share-2027
    source: hedge
    metric: nev-share
    region: China
    period: 2027
    kind: forecast
    value: 55
    qualifier: over
    quote: The NEV share is expected to exceed 55 percent in 2027.
""",
        encoding="utf-8",
    )
    assert run("check", "--facts", str(kb_copy)).exit_code == 0
    edit(kb_copy / "hedge.yaml", "qualifier: over", "qualifier: exact")
    lines = check(run, kb_copy)
    assert "error[E122]: qualifier 'exact' does not match the quote: '55 percent' is stated as 'over'" in "\n".join(
        lines
    )
