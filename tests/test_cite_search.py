"""`autofacts cite` and `autofacts search`: from any figure back to its sentence."""

from __future__ import annotations

import json


def test_cite_places_the_figure_in_its_paragraph(run, kb) -> None:
    doc = json.loads(run("cite", "cn-nev-domestic-share-2025", "--format", "json").stdout)
    fact = next(f for f in kb.facts if f.id == "cn-nev-domestic-share-2025")
    source = kb.sources[fact.source]
    text = (kb.seeds_dir / source.file).read_text(encoding="utf-8")
    assert doc["file"] == f"seeds/{source.file}"
    assert text.splitlines()[doc["line"] - 1] == doc["paragraph"]
    assert doc["paragraph"][doc["quote_start"] : doc["quote_end"]] == " ".join(fact.quote.split())
    assert doc["figure"] == "more than half"
    assert doc["paragraph"][doc["figure_start"] : doc["figure_end"]] == "more than half"


def test_cite_text_marks_the_figure_when_piped(run) -> None:
    out = run("cite", "chongqing-vehicle-production-2025-ytd").stdout
    assert "seeds/002_72d6f0ccaed82bc8.txt, line 9" in out
    assert "⟦2.4981 million⟧" in out


def test_cite_markdown_footnote(run) -> None:
    out = run("cite", "cn-icv-consumption-2027-target", "--format", "markdown").stdout
    assert out.startswith("[^cn-icv-consumption-2027-target]: “BEIJING, Nov. 30 (Xinhua)")
    assert "China New Growth: From quantity to quality -- China's trillion-yuan auto plan, Xinhua, 2025-12-01." in out
    assert out.rstrip().endswith("`seeds/003_17d935ea4638a39c.txt`, line 3.")


def test_cite_unknown_fact(run) -> None:
    result = run("cite", "cn-vehicle-sale-2025")
    assert result.exit_code == 2 and "did you mean cn-vehicle-sales-2025" in result.stderr


def test_search_ranks_metric_matches_first(run) -> None:
    doc = json.loads(run("search", "nev", "exports", "--format", "json").stdout)
    ids = [f["id"] for f in doc["facts"]]
    # both words name these metrics; equal scores fall back to metric id order
    assert ids[:2] == ["cn-nev-exports-2025", "cn-nev-exports-multiple-2025"]
    scores = [f["score"] for f in doc["facts"]]
    assert scores == sorted(scores, reverse=True)


def test_search_requires_every_word(run, kb) -> None:
    doc = json.loads(run("search", "chongqing", "2017", "--format", "json").stdout)
    for found in doc["facts"]:
        text = json.dumps(found).lower()
        assert "chongqing" in text and "2017" in text
    # the facts about 2017 itself rank above those that only mention it in their quote
    in_2017 = {f.id for f in kb.facts if f.period.label == "2017" and f.region == "Chongqing"}
    assert {f["id"] for f in doc["facts"][: len(in_2017)]} == in_2017
    assert "chongqing-vehicle-production-rank-2019" in {f["id"] for f in doc["facts"]}


def test_search_nothing(run) -> None:
    result = run("search", "zeppelin")
    assert result.exit_code == 0 and "no facts match 'zeppelin'" in result.stderr


def test_of_two_figures_saying_the_same_the_metrics_words_choose(run) -> None:
    import json as _json

    from autofacts.reading.mentions import stated_by
    from autofacts.reading.numbers import read_numbers

    quote = (
        "In 2025, NEVs accounted for more than half of new vehicle sales in China, and over half of "
        "the world's NEVs are now on Chinese roads."
    )
    halves = [m for m in read_numbers(quote) if m.value == 50]
    assert [(m.start, m.qualifier) for m in halves] == [(38, "over"), (83, "over")]
    # "nev", "vehicle", "sales" are in the first clause; "nev", "world" in the second ("fleet" in neither)
    assert stated_by(quote, halves, "over", "nev-share").start == 38
    assert stated_by(quote, halves, "over", "nev-fleet-world-share").start == 83
    assert stated_by(quote, halves, "exact", "nev-fleet-world-share").start == 83  # neither qualifier agrees: words decide
    assert stated_by(quote, halves, "over", "vehicle-exports").start == 38  # "vehicle" in the first clause only
    # the bundled fact about the world's fleet is highlighted at its own words, in cite and in show
    cited = _json.loads(run("cite", "cn-nev-fleet-world-share", "--format", "json").stdout)
    assert cited["figure"] == "over half"
    shown = run("show", "nev-fleet-world-share", env={"COLUMNS": "80"}).stdout
    assert "and over half of the world's NEVs are now on Chinese" in shown
