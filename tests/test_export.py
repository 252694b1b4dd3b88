"""`export`, `metrics`, `sources`: the catalogue and every fact, normalised and traceable."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import yaml

from autofacts.knowledge.check import normalise
from autofacts.knowledge.interval import from_qualifier

README = Path(__file__).resolve().parent.parent / "docs" / "errors-and-output.md"  # the JSON fields


def documented_fields() -> tuple[set[str], set[str]]:
    """The fields the manual (docs/errors-and-output.md) promises for an exported fact and for its `source`."""
    text = " ".join(README.read_text(encoding="utf-8").split())
    fact_part = text[text.index("FACT: `id`") : text.index("and `source`: `id`")]
    source_part = text[text.index("and `source`: `id`") :]
    source_part = source_part[len("and `source`:") : source_part.index(".")]
    return set(re.findall(r"`(\w+)`", fact_part)) | {"source"}, set(re.findall(r"`(\w+)`", source_part))


FIELDS, SOURCE_FIELDS = documented_fields()


def test_export_json_is_every_fact_with_its_source(run, kb) -> None:
    doc = json.loads(run("export").stdout)
    assert len(doc["facts"]) == len(kb.facts)
    seeds = {s.id: normalise((kb.seeds_dir / s.file).read_text(encoding="utf-8")) for s in kb.sources.values()}
    for record in doc["facts"]:
        assert set(record) == FIELDS
        src = record["source"]
        assert set(src) == SOURCE_FIELDS
        assert normalise(src["quote"]) in seeds[src["id"]]
        assert src["file"] == f"seeds/{kb.sources[src['id']].file}"


def test_export_bounds_follow_the_qualifier(run, kb) -> None:
    by_id = {f.id: f for f in kb.facts}
    for record in json.loads(run("export").stdout)["facts"]:
        fact = by_id[record["id"]]
        if fact.value is None:
            assert record["value"] is None and record["lower"] is None
            continue
        iv = from_qualifier(fact.value, fact.qualifier)
        assert record["lower"] == (None if iv.lo is None else float(iv.lo))
        assert record["upper"] == (None if iv.hi is None else float(iv.hi))


def test_export_csv_and_yaml_agree_with_json(run) -> None:
    doc = json.loads(run("export").stdout)
    facts, derived = doc["facts"], doc["derived"]
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == [f["id"] for f in facts + derived]
    assert all(r["quote"] == f["source"]["quote"] for r, f in zip(rows, facts + derived, strict=True))
    assert all(r["derived_from"] == "" for r in rows[: len(facts)])
    assert all(
        r["derived_from"] == " ".join(f["derived_from"]["facts"])
        for r, f in zip(rows[len(facts) :], derived, strict=True)
    )
    loaded = yaml.safe_load(run("export", "--format", "yaml").stdout)
    assert loaded == {"facts": facts, "derived": derived}
    assert json.loads(run("export", "--no-derived").stdout) == {"facts": facts}


def test_export_json_names_the_facts_under_every_derived_figure(run) -> None:
    """Each derived figure carries `derived_from` with the ids it used, and each id is a fact or a
    derived figure of the export; Chongqing's December 2024 production is a two-step chain: 2.54
    million in 2024 less Jan-Nov 2024 (2,498,100 / 1.121 = 2,228,456.735) = 311,543.26."""
    doc = json.loads(run("export").stdout)
    ids = {f["id"] for f in doc["facts"]} | {f["id"] for f in doc["derived"]}
    assert doc["derived"] and all(f["derived_from"]["facts"] for f in doc["derived"])
    assert all(set(f["derived_from"]["facts"]) <= ids for f in doc["derived"])
    assert all(f["derived_from"] is None for f in doc["facts"])
    dec = next(
        f for f in doc["derived"] if f["id"] == "vehicle-production-2024-12-from-chongqing-vehicle-production-2024"
    )
    assert (dec["region"], dec["period"], dec["lower"], dec["upper"]) == (
        "Chongqing",
        "2024-12",
        311543.2649,
        311543.2649,
    )
    assert dec["derived_from"] == {
        "operation": "2.54 million vehicles (2024) − 2.228 million vehicles † (2024-01/2024-11)",
        "facts": [
            "chongqing-vehicle-production-2024",
            "vehicle-production-2024-01/2024-11-from-chongqing-vehicle-production-2025-ytd",
        ],
        "stated": [
            "chongqing-vehicle-production-2024",
            "chongqing-vehicle-production-2025-ytd",
            "chongqing-vehicle-production-growth-2025-ytd",
        ],
    }


def test_metrics_and_sources_catalogues(run_json, kb, run) -> None:
    metrics = run_json("metrics")["metrics"]
    assert {m["id"]: m["facts"] for m in metrics} == {m: len(kb.facts_for(m)) for m in kb.metrics}
    sources = run_json("sources")["sources"]
    assert sum(s["facts"] for s in sources) == len(kb.facts)
    inferred = {s["id"] for s in sources if s["published_inferred"]}
    assert "xinhua-icv-plan" not in inferred and "fyp14-review" in inferred
    table = run("sources").stdout
    assert "2026-01 (inferred)" in table and "Xinhua" in table
