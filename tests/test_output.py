"""The output layer at the library level: records built once, every format through one Answer."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from test_store import _BASE

from autofacts.output import OutputFormat
from autofacts.output.catalogues import MetricsAnswer
from autofacts.output.export import ExportAnswer, indented
from autofacts.output.records import fact_record, region_label, source_note
from autofacts.store import EVERYTHING
from autofacts.store.yaml_store import YamlStore


def _kb(tmp_path: Path, seeds: str | None = None):
    facts = tmp_path / "facts"
    facts.mkdir()
    for name, text in _BASE.items():
        if name == "sources.yaml" and seeds:
            text = f"seeds: {seeds}\n" + text
        (facts / name).write_text(text, encoding="utf-8")
    return YamlStore(facts, "facts").read(EVERYTHING)


def test_fact_record_of_an_undated_fact(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    a3 = next(f for f in kb.facts if f.id == "a3")
    assert fact_record(kb, a3) == {
        "id": "a3",
        "metric": "share",
        "metric_name": "Share",
        "unit": "percent",
        "region": "China",
        "entity": None,
        "period": "2024",
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "period_stated": False,
        "kind": "actual",
        "value": 40,
        "qualifier": "exact",
        "lower": 40,
        "upper": 40,
        "lower_open": False,
        "upper_open": False,
        "compared_with": None,
        "ceiling": False,
        "note": None,
        "revises": None,
        "derived_from": None,
        "source": {
            "id": "alpha",
            "file": "seeds/alpha.txt",
            "title": "Alpha",
            "publisher": None,
            "published": "2024",
            "published_inferred": False,
            "quote": "The share is 40%.",
        },
    }


def test_seed_paths_follow_the_configured_folder(tmp_path: Path) -> None:
    kb = _kb(tmp_path, seeds="../texts")
    assert source_note(kb, kb.sources["beta"]).file == "texts/beta.txt"
    b1 = next(f for f in kb.facts if f.id == "b1")
    assert fact_record(kb, b1)["source"]["file"] == "texts/beta.txt"


def test_region_label_names_the_entity(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    a1 = next(f for f in kb.facts if f.id == "a1")
    assert region_label(a1) == "China"
    assert region_label(replace(a1, entity="BYD")) == "China · BYD"


def test_one_answer_in_each_format(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    answer = MetricsAnswer(kb, Counter({"sales": 4, "share": 2}))
    assert answer.text(OutputFormat.csv) == (
        "id,name,unit,measure,aliases,facts\nsales,Sales,vehicles,flow,,4\nshare,Share,percent,share,,2\n"
    )
    assert answer.text(OutputFormat.markdown) == (
        "### 2 metrics\n\n| metric | name | unit | measure | aliases | facts |\n|---|---|---|---|---|---:|\n"
        "| sales | Sales | vehicles | flow |  | 4 |\n| share | Share | percent | share |  | 2 |\n"
    )
    assert '"facts": 4' in answer.text(OutputFormat.json)


def test_export_json_is_what_the_json_module_writes(tmp_path: Path) -> None:
    """export writes records with its own indenting writer (for speed): the text must be exactly the
    standard library's, for every fact (an undated one, exact values, nulls, booleans, non-ASCII)."""
    import json

    kb = _kb(tmp_path)
    facts = [replace(f, note="≈ “quoted” \\ note") if f.id == "b2" else f for f in kb.facts]
    written = ExportAnswer(kb, facts).text(OutputFormat.json)
    expected = json.dumps({"facts": [fact_record(kb, f) for f in facts]}, indent=2, ensure_ascii=False) + "\n"
    assert written == expected
    assert ExportAnswer(kb, []).text(OutputFormat.json) == '{\n  "facts": []\n}\n'


def test_indented_writer_matches_the_json_module() -> None:
    import json

    value = {"a": [1, 2.5, {"b": None, "c": []}], "d": {}, "e": True, "f": 'é\n"', "g": -0.0, "h": [[]]}
    assert indented(value, "") == json.dumps(value, indent=2, ensure_ascii=False)


def test_each_format_built_only_when_asked(tmp_path: Path) -> None:
    """A table never builds the JSON document, and JSON never lays out a table."""
    from autofacts.answers.query import group_facts
    from autofacts.output.answers import ShowAnswer

    kb = _kb(tmp_path)

    class Counted(ShowAnswer):
        built: list[str] = []

        def table(self):  # type: ignore[no-untyped-def]
            Counted.built.append("table")
            return super().table()

        def document(self):  # type: ignore[no-untyped-def]
            Counted.built.append("document")
            return super().document()

    answer = Counted(kb, kb.metrics["sales"], group_facts(kb, kb.facts_for("sales")))
    answer.rich(80)
    assert Counted.built == ["table"]
    answer.text(OutputFormat.json)
    assert Counted.built == ["table", "document"]
    answer.text(OutputFormat.csv)
    assert Counted.built == ["table", "document", "table"]


def test_a_metric_named_with_its_unit_is_not_given_it_twice(run) -> None:
    from autofacts.knowledge.model import Metric
    from autofacts.output.answers import metric_label

    usd = Metric("icv-consumption-usd", "Consumption (U.S. dollars)", "usd", "flow")
    yuan = Metric("icv-consumption", "Consumption", "yuan", "flow")
    share = Metric("nev-share", "NEV share", "percent", "share")
    assert metric_label(usd, say_unit=True) == "Consumption (U.S. dollars)"
    assert metric_label(yuan, say_unit=True) == "Consumption (yuan)"
    assert metric_label(share, say_unit=True) == "NEV share"  # a percent says itself
    assert metric_label(yuan, say_unit=False) == "Consumption"
    # the bundled base's 2027 target in U.S. dollars, as `targets` lists it
    out = run("targets", "--year", "2027", env={"COLUMNS": "200"}).stdout
    assert "Consumption generated by intelligent connected vehicles (U.S. dollars)" in out
    assert "(U.S. dollars) (U.S. dollars)" not in out
