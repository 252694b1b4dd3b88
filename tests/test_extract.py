"""`autofacts extract`: candidate facts from a document, and adding a new article end to end."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml

from autofacts.reading.extract import extract_candidates
from autofacts.reading.text import locate

ARTICLE = """Guangzhou's car output climbed in 2025.
In 2025, Guangzhou's automobile production exceeded 3.2 million vehicles, a year-on-year increase of 6.5%.
The city set a goal to strive for an automobile production of 3.5 million vehicles in 2026.
Its factories export to about 60 countries.
"""


def test_every_cited_number_gets_a_candidate_with_value_qualifier_and_unit(kb) -> None:
    """On the five seeds, against the knowledge base itself."""
    comparable_units = {"vehicles", "yuan", "usd", "percent", "times", "km", "seconds", "hours", "months"}
    checked = qualifier_ok = unit_checked = unit_ok = 0
    for source in kb.sources.values():
        text = (kb.seeds_dir / source.file).read_text(encoding="utf-8")
        candidates = extract_candidates(text, kb, source.published.end)
        for fact in (f for f in kb.facts if f.source == source.id and f.value is not None):
            start, end = locate(fact.quote, text)  # type: ignore[misc]
            matches = [c for c in candidates if start <= c.mention.start < end and c.mention.value == fact.value]
            assert matches, f"no candidate for {fact.id}"
            checked += 1
            qualifier_ok += any(c.mention.qualifier == fact.qualifier for c in matches)
            unit = kb.metrics[fact.metric].unit
            if unit in comparable_units:
                unit_checked += 1
                unit_ok += any(c.mention.unit == unit for c in matches)
    assert checked == sum(1 for f in kb.facts if f.value is not None)
    assert qualifier_ok == checked  # every hedge word is read right
    assert unit_ok / unit_checked >= 0.9, (unit_ok, unit_checked)


def test_candidates_are_yaml_in_the_knowledge_base_format(run, tmp_path: Path) -> None:
    doc = tmp_path / "article.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    result = run("extract", str(doc), "--source", "gz-article")
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert data["source"] == "gz-article"
    facts = data["facts"]
    assert [f["value"] for f in facts] == [3_200_000, 6.5, 3_500_000, 60]
    first = facts[0]
    assert (first["metric"], first["region"], first["period"], first["kind"], first["qualifier"]) == (
        "vehicle-production",
        "Guangzhou",
        "2025",
        "actual",
        "over",
    )
    assert (
        first["quote"]
        == "In 2025, Guangzhou's automobile production exceeded 3.2 million vehicles, a year-on-year increase of 6.5%."
    )
    assert facts[1]["metric"] == "vehicle-production-growth"
    assert (facts[2]["kind"], facts[2]["period"]) == ("target", "2026")
    assert facts[3]["qualifier"] == "about" and facts[3]["metric"] == "TODO"


def test_no_numbers_says_so(run, tmp_path: Path) -> None:
    doc = tmp_path / "words.txt"
    doc.write_text("Cars are getting smarter every year.\n", encoding="utf-8")
    result = run("extract", str(doc))
    assert result.exit_code == 0 and result.stdout == ""
    assert "states no numbers" in result.stderr


def test_output_never_overwrites(run, tmp_path: Path) -> None:
    doc = tmp_path / "article.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "new.yaml"
    assert run("extract", str(doc), "--output", str(out)).exit_code == 0
    written = out.read_text(encoding="utf-8")
    out.write_text("# my edits\n" + written, encoding="utf-8")
    result = run("extract", str(doc), "--output", str(out))
    assert result.exit_code == 1
    assert "exists: refusing to overwrite" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("# my edits\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "new.yaml"]  # no temporary left


def test_unreadable_documents(run, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Ventes: 3,2 millions en \xe9t\xe9".encode("latin-1"))
    # A file that cannot be opened is a usage error (2); one that is not UTF-8 text, E010 (1), as `add` says.
    for args, status in (([str(bad)], 1), ([str(tmp_path / "missing.txt")], 2), ([str(tmp_path)], 2)):
        result = run("extract", *args)
        assert result.exit_code == status and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_placeholders_are_refused_by_check(run, kb_copy: Path) -> None:
    doc = kb_copy.parent / "seeds" / "gz.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    assert run("extract", str(doc), "--facts", str(kb_copy), "--output", str(kb_copy / "gz.yaml")).exit_code == 0
    result = run("check", "--facts", str(kb_copy))
    assert result.exit_code == 1
    assert "error[E140]: fill in 'source'" in result.stdout
    assert "error[E140]: fill in 'metric'" in result.stdout


def test_adding_a_new_article_end_to_end(run, kb_copy: Path) -> None:
    """As README describes: copy into seeds/, register, extract, review, check, and query."""
    (kb_copy.parent / "seeds" / "gz-2026.txt").write_text(ARTICLE, encoding="utf-8")
    sources = kb_copy / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + """
  - id: gz-2026
    file: gz-2026.txt
    title: "[Guangzhou's car output]"
    published: 2026-02
    language: en
""",
        encoding="utf-8",
    )
    out = kb_copy / "gz-2026.yaml"
    result = run(
        "extract",
        str(kb_copy.parent / "seeds" / "gz-2026.txt"),
        "--source",
        "gz-2026",
        "--facts",
        str(kb_copy),
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.stderr
    # "The city" is read as the Guangzhou of the sentence before; the curator drops the last figure
    text = out.read_text(encoding="utf-8")
    assert text.count('region: "Guangzhou"') == 4 and "region: TODO" not in text
    text = text[: text.index('  # "60" read as')]
    out.write_text(text, encoding="utf-8")
    check = run("check", "--facts", str(kb_copy))
    assert check.exit_code == 0, check.stdout

    shown = json.loads(
        run("show", "vehicle-production", "--region", "Guangzhou", "--facts", str(kb_copy), "-f", "json").stdout
    )
    assert [f["value"] for f in shown["facts"]] == [3_108_000, 3_200_000, 3_500_000]
    compared = json.loads(
        run("compare", "2017", "2025", "--region", "Guangzhou", "--facts", str(kb_copy), "-f", "json").stdout
    )
    row = next(r for r in compared["rows"] if r["metric"] == "vehicle-production")
    assert row["change"]["lower"] == 3_200_000 - 3_108_000 and row["change"]["lower_open"]
    targets = json.loads(
        run("targets", "--year", "2026", "--region", "Guangzhou", "--facts", str(kb_copy), "-f", "json").stdout
    )
    assert [t["status"] for t in targets["targets"]] == ["pending"]


def test_sentence_and_period_reading() -> None:
    from autofacts.reading.text import period_phrases, sentences

    parts = [
        s.text for s in sentences("It will become the “Number One City.” What next? Nov. 30 came. 4.9 U.S. dollars.")
    ]
    assert parts == ["It will become the “Number One City.”", "What next?", "Nov. 30 came.", "4.9 U.S. dollars."]
    labels = [
        p.label
        for p in period_phrases(
            "from January to November 2025, in the first 11 months of 2025, by the end of August 2025, in October 2025, "
            "the first half of 2024, from 2014 to 2016, in 2023"
        )
    ]
    assert labels == ["2025-01/2025-11", "2025-01/2025-11", "2025-08-31", "2025-10", "2024-01/2024-06", "2014/2016", "2023"]


def test_metrics_are_read_from_the_catalogue_phrases(kb) -> None:
    text = (
        "In 2024, carmakers shipped abroad 5.86 million vehicles.\n"
        "NEVs made up about 40.9 percent of all new vehicles sold in 2024.\n"
        "Its output was 3 million vehicles in 2024.\n"
    )
    got = [(c.mention.text, c.metric) for c in extract_candidates(text, kb)]
    assert got == [
        ("5.86 million", "vehicle-exports"),
        ("40.9 percent", "nev-share"),
        ("3 million", "vehicle-production"),
    ]


def test_a_curator_adds_a_metric_by_its_dimensions(run, kb_copy: Path, tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Battery electric vehicle ownership reached 20 million in 2024.\n", encoding="utf-8")
    before = yaml.safe_load(run("extract", str(doc), "--facts", str(kb_copy)).stdout)
    # the catalogue has no BEV fleet: TODO, with the id a curator would give it
    assert (before["facts"][0]["metric"], before["facts"][0]["suggest"]) == ("TODO", "bev-ownership")
    with (kb_copy / "metrics.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "  - id: bev-fleet\n    name: BEVs in use\n    unit: vehicles\n    measure: stock\n"
            "    dimensions: {segment: bev, measure: ownership, form: level}\n"
        )
    after = yaml.safe_load(run("extract", str(doc), "--facts", str(kb_copy)).stdout)
    assert after["facts"][0]["metric"] == "bev-fleet"
    assert "suggest" not in after["facts"][0]


def test_version_names_and_list_numbers_are_not_figures() -> None:
    from autofacts.reading.text import figure_mentions

    text = "Steps: (1) build the Model 3 plant; (2) start Joint Venture 2.0 with 5 partners"
    assert [m.text for m in figure_mentions(text)] == ["5"]


NEWS = """Carmakers' results

BEIJING, Aug. 11, 2025 -- China's vehicle production and sales reached 2.59 million and 2.6 million units in July, \
up 13.3 percent and 14.7 percent from July 2024 respectively.

New energy vehicles led: sales rose 27.4 percent to 1.26 million. NEV output rose 30.1 percent.

Production and sales each exceeded 18 million in the first seven months of 2025.

Geely sold 237,000 vehicles in July, while BYD delivered 344,000 in China.

Nio has over 3,000 battery swap stations.

Analysts expect exports to reach between 6 million and 6.5 million vehicles this year.

Exports fell 5 percent.
"""


def test_a_news_article_read_as_a_curator_would(kb) -> None:
    """Each expectation worked out by reading the article above."""
    got = [
        (c.mention.text, c.metric, c.region, c.period, c.kind, c.entity, c.mention.qualifier, c.upper, c.new_metric)
        for c in extract_candidates(NEWS, kb, date(2025, 8, 11))
    ]
    china = "China"
    assert got == [
        # "respectively" pairs each figure with its metric; "from July 2024" is the base, so July 2025
        ("2.59 million", "vehicle-production", china, "2025-07", "actual", None, "exact", None, None),
        ("2.6 million", "vehicle-sales", china, "2025-07", "actual", None, "exact", None, None),
        ("13.3 percent", "vehicle-production-growth", china, "2025-07", "actual", None, "exact", None, None),
        ("14.7 percent", "vehicle-sales-growth", china, "2025-07", "actual", None, "exact", None, None),
        # the period and the place carry over from the paragraph before; "new energy vehicles" makes them NEV figures
        ("27.4 percent", "nev-sales-growth", china, "2025-07", "actual", None, "exact", None, None),
        ("1.26 million", "nev-sales", china, "2025-07", "actual", None, "exact", None, None),
        # NEV named before the list: the growth of NEV production
        ("30.1 percent", "nev-production-growth", china, "2025-07", "actual", None, "exact", None, None),
        # "each": one candidate per metric
        ("18 million", "vehicle-production", china, "2025-01/2025-07", "actual", None, "over", None, None),
        ("18 million", "vehicle-sales", china, "2025-01/2025-07", "actual", None, "over", None, None),
        # companies: worldwide unless the clause places them; "in July" is the July before publication
        ("237,000", "vehicle-sales", "World", "2025-07", "actual", "Geely", "exact", None, None),
        ("344,000", "vehicle-deliveries", china, "2025-07", "actual", "BYD", "exact", None, None),
        # the present tense: as of publication; a company's stations placed nowhere: region left to the curator
        # the catalogue writes each company one way: "Nio" in the text is the entity NIO
        ("3,000", "battery-swap-stations", None, "-", "actual", "NIO", "over", None, None),
        ("6 million and 6.5 million", "vehicle-exports", china, "2025", "forecast", None, "between", 6_500_000, None),
        # "fell 5 percent" is a growth of -5 (its value: see test_a_fall_is_a_negative_growth)
        ("5 percent", "vehicle-exports-growth", china, "2025-01/2025-07", "actual", None, "exact", None, None),
    ]


def test_no_period_is_todo_never_the_publication_day(run, tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Sales jumped 12 percent to 2.1 million vehicles.\n", encoding="utf-8")
    out = run("extract", str(doc), "--published", "2025-03-01").stdout
    facts = yaml.safe_load(out)["facts"]
    assert [(f["metric"], f["period"]) for f in facts] == [("vehicle-sales-growth", "TODO"), ("vehicle-sales", "TODO")]
    assert "  #   metric: 'Sales'; year-on-year growth ('jumped', a change; no comparison named: year-on-year)\n" in out


def test_what_a_figure_is_not_about(kb) -> None:
    text = (
        "In 2023, Guangzhou exported 400,000 vehicles, surpassing Shanghai for the first time.\n"
        "Its share of new energy vehicles rose from 5.4% in 2020 to 40.9%.\n"
        "Cities such as Beijing and Wuhan are encouraged to issue more licences.\n"
        "Pilot cities will receive 700,000 new vehicles.\n"
        "Leapmotor sells its Lafa5, a compact coupe priced at 100,000 yuan, and Chery has 2,000 dealers.\n"
    )
    got = [(c.mention.text, c.region, c.period, c.entity) for c in extract_candidates(text, kb, date(2024, 3, 1))]
    assert got == [
        # the place compared with is not the figure's place
        ("400,000", "Guangzhou", "2023", None),
        # ("for the first time" is an occasion, no rank: not a figure)
        # "from 5.4% in 2020 to 40.9%": the second figure is not of 2020; the sentence before dates it
        ("5.4%", "Guangzhou", "2020", None),
        ("40.9%", "Guangzhou", "2023", None),
        # places given as examples are not what the next sentence is about; no period: TODO
        ("700,000", "Guangzhou", None, None),
        # a model's price is not the company's figure: the curator names it
        ("100,000", None, "-", "TODO"),
        ("2,000", None, "-", "Chery"),
    ]


MONTHLY = """In October, China's auto production and sales reached 3.35 million and 3.32 million units, \
up 12.1 percent and 8.8 percent year on year. From January to October, production and sales totaled 27.7 million \
and 27.5 million.

NEV sales reached 1.7 million units last month, and the NEV share rose 2.3 percentage points to 51.6 percent.

In the first three quarters, exports rose 15 percent. Sales will reach 34 million units in 2026.

Tesla's Shanghai plant delivered 61,497 vehicles in October.
"""


def test_periods_written_without_their_year_are_dated_from_publication(kb) -> None:
    got = [
        (c.mention.text, c.metric, c.region, c.period, c.kind, c.entity)
        for c in extract_candidates(MONTHLY, kb, date(2025, 11, 12))
    ]
    assert got == [
        ("3.35 million", "vehicle-production", "China", "2025-10", "actual", None),
        ("3.32 million", "vehicle-sales", "China", "2025-10", "actual", None),
        ("12.1 percent", "vehicle-production-growth", "China", "2025-10", "actual", None),
        ("8.8 percent", "vehicle-sales-growth", "China", "2025-10", "actual", None),
        ("27.7 million", "vehicle-production", "China", "2025-01/2025-10", "actual", None),
        ("27.5 million", "vehicle-sales", "China", "2025-01/2025-10", "actual", None),
        ("1.7 million", "nev-sales", "China", "2025-10", "actual", None),
        # a change in percentage points is neither the share nor a growth rate
        ("2.3", None, "China", "2025-10", "actual", None),
        ("51.6 percent", "nev-share", "China", "2025-10", "actual", None),
        ("15 percent", "vehicle-exports-growth", "China", "2025-01/2025-09", "actual", None),
        # after publication and "will": a forecast, never an outcome
        ("34 million", "vehicle-sales", "China", "2026", "forecast", None),
        ("61,497", "vehicle-deliveries", "Shanghai", "2025-10", "actual", "Tesla"),
    ]
    # the counts inside "the first three quarters" and "the first ten months" are not figures
    assert [c.mention.text for c in extract_candidates("In the first ten months, sales rose 5%.", kb)] == ["5%"]


def test_a_future_outcome_without_a_forecast_word_is_left_to_the_curator(kb) -> None:
    (c,) = extract_candidates("Sales reach 3 million vehicles in 2027.", kb, date(2025, 1, 1))
    assert (c.period, c.kind) == ("2027", "TODO")


def test_kind_words_stay_in_their_part_of_the_sentence(kb) -> None:
    text = (
        "Xiaomi delivered more than 135,000 SU7 sedans in 2024 and aims to deliver 300,000 vehicles in 2025.\n"
        "Shanghai aims to have 1.2 million NEVs by 2025, while Shenzhen had 1 million NEVs by the end of 2023.\n"
        "Exports are forecast to reach 6.2 million units in 2025, compared with 5.86 million in 2024.\n"
        "The association estimated that NEVs made up about 47 percent of all new vehicles sold in 2024.\n"
        "Retail sales of passenger cars are expected to grow 3 percent to about 23.4 million units in 2025.\n"
    )
    got = [(c.mention.text, c.kind, c.metric, c.new_metric) for c in extract_candidates(text, kb, date(2025, 1, 2))]
    assert got == [
        ("135,000", "actual", "vehicle-deliveries", None),  # "aims" comes after an outcome already told
        ("300,000", "target", "vehicle-deliveries", None),
        ("1.2 million", "target", None, None),
        ("1 million", "actual", None, None),  # ", while" starts another statement
        ("6.2 million", "forecast", "vehicle-exports", None),
        ("5.86 million", "actual", "vehicle-exports", None),  # what the forecast is compared with
        ("47 percent", "estimate", "nev-share", None),
        # retail sales of passenger cars: the segment's own metric, never all vehicles' sales
        ("3 percent", "forecast", "passenger-vehicle-retail-sales-growth", None),
        ("23.4 million", "forecast", "passenger-vehicle-retail-sales", None),
    ]


def test_the_phrases_articles_use(kb) -> None:
    text = (
        "The number of factories built overseas by Chinese automakers reached 30 in 2024. "
        "Vehicles shipped abroad rose 19.3 percent to 5.86 million units last year.\n"
        "Great Wall Motor sold 1.23 million vehicles in 2024, of which 453,000 were exported.\n"
    )
    got = [
        (c.mention.text, c.metric, c.region, c.period, c.entity) for c in extract_candidates(text, kb, date(2025, 3, 5))
    ]
    assert got == [
        ("30", "vehicle-factories", "China", "2024", None),
        # "Vehicles" opening the sentence is no company
        ("19.3 percent", "vehicle-exports-growth", "China", "2024", None),
        ("5.86 million", "vehicle-exports", "China", "2024", None),
        # a company named by the subject of "sold", not in the list of known companies
        ("1.23 million", "vehicle-sales", "World", "2024", "Great Wall Motor"),
        ("453,000", "vehicle-exports", "World", "2024", "Great Wall Motor"),
    ]


def test_a_fall_is_a_negative_growth(kb) -> None:
    text = "In 2025, China's vehicle exports fell 5 percent, and sales were down 12 percent from a year earlier.\n"
    got = [
        (c.mention.text, str(c.mention.value), c.metric, c.period)
        for c in extract_candidates(text, kb, date(2026, 1, 15))
    ]
    assert got == [
        ("5 percent", "-5", "vehicle-exports-growth", "2025"),
        ("12 percent", "-12", "vehicle-sales-growth", "2025"),
    ]


def test_a_sentence_does_not_end_after_an_abbreviation() -> None:
    from autofacts.reading.text import sentences

    def split(text: str) -> list[str]:
        return [s.text for s in sentences(text)]

    assert split("BYD Co. sold 441,706 new energy vehicles in October. Sales rose.") == [
        "BYD Co. sold 441,706 new energy vehicles in October.",
        "Sales rose.",
    ]
    assert split("On Nov. 3, 2025, Tesla Inc. and Geely Ltd. met. Mr. Wang and Dr. Li agreed.") == [
        "On Nov. 3, 2025, Tesla Inc. and Geely Ltd. met.",
        "Mr. Wang and Dr. Li agreed.",
    ]
    assert split("Sales in the U.K. vs. the U.S. rose, e.g. in Jan. and Feb. 2025, i.e. twice. No. 1 held.") == [
        "Sales in the U.K. vs. the U.S. rose, e.g. in Jan. and Feb. 2025, i.e. twice.",
        "No. 1 held.",
    ]
    # a short capitalised word is not an abbreviation: the sentence ends after "May."
    assert split("Sales rose in May. Exports fell.") == ["Sales rose in May.", "Exports fell."]


def test_a_company_abbreviation_keeps_its_sentence(kb) -> None:
    text = "In October 2025, BYD Co. sold 441,706 new energy vehicles.\n"
    (c,) = extract_candidates(text, kb, date(2025, 11, 3))
    assert (c.mention.value, c.mention.unit, c.metric, c.entity, c.period) == (
        441706,
        "vehicles",
        "nev-sales",
        "BYD",
        "2025-10",
    )
    assert c.sentence.text == "In October 2025, BYD Co. sold 441,706 new energy vehicles."


def test_a_company_share_and_overseas_sales(kb) -> None:
    text = "BYD's market share reached 32 percent in 2024. BYD's overseas sales reached 417,204 vehicles in 2024."
    got = [(c.mention.text, c.metric, c.entity) for c in extract_candidates(text, kb, date(2025, 3, 1))]
    # a company's market share is not the NEV share of all sales: left to the curator
    assert got == [("32 percent", None, "BYD"), ("417,204", "vehicle-exports", "BYD")]


def test_national_figures_are_chinas_not_the_province_before(kb) -> None:
    text = (
        "Guangdong produced 2.5 million vehicles in 2024. "
        "The association forecast that national vehicle sales would rise about 4 percent in 2025."
    )
    got = [(c.mention.text, c.metric, c.region, c.kind) for c in extract_candidates(text, kb, date(2025, 12, 1))]
    assert got == [
        ("2.5 million", "vehicle-production", "Guangdong", "actual"),
        ("4 percent", "vehicle-sales-growth", "China", "forecast"),
    ]


def test_produce_n_new_energy_vehicles_names_nev_production(kb) -> None:
    text = "Guangdong aims to produce 3 million new energy vehicles a year by 2027."
    got = [
        (c.mention.text, c.metric, c.region, c.period, c.kind) for c in extract_candidates(text, kb, date(2025, 12, 1))
    ]
    assert got == [("3 million", "nev-production", "Guangdong", "2027", "target")]


def test_its_and_the_company_refer_to_the_company_named_before(kb) -> None:
    text = (
        "BYD sold 480,186 vehicles in November. Its overseas sales reached 131,935 units last month. "
        "China's vehicle exports rose in November. Its exports reached 600,000 units last month."
    )
    got = [(c.mention.text, c.metric, c.entity) for c in extract_candidates(text, kb, date(2025, 12, 1))]
    # the last "Its" follows a sentence about China, not BYD: no company is carried over
    assert got == [
        ("480,186", "vehicle-sales", "BYD"),
        ("131,935", "vehicle-exports", "BYD"),
        ("600,000", "vehicle-exports", None),
    ]


def test_an_annual_target_is_for_the_year_and_the_sale_before_it_is_actual(kb) -> None:
    text = "For the first 11 months, BYD sold about 4.18 million vehicles, short of its annual target of 4.6 million."
    got = [(c.mention.text, c.metric, c.period, c.kind) for c in extract_candidates(text, kb, date(2025, 12, 1))]
    assert got == [
        ("4.18 million", "vehicle-sales", "2025-01/2025-11", "actual"),
        ("4.6 million", "vehicle-sales", "2025", "target"),
    ]


def test_retail_sales_are_not_the_catalogues_vehicle_sales(kb) -> None:
    text = "Retail sales of cars rose 3 percent in October. Vehicle retail sales reached 2.25 million units in October."
    got = [(c.mention.text, c.metric, c.new_metric) for c in extract_candidates(text, kb, date(2025, 11, 11))]
    assert got == [
        ("3 percent", None, "vehicle-retail-sales-growth"),
        ("2.25 million", None, "vehicle-retail-sales"),
    ]


def test_the_first_n_months_in_words_and_of_this_year(kb) -> None:
    text = (
        "In the first ten months of the year, vehicle sales totaled 27.687 million units. "
        "In the first eleven months of this year, Geely sold 2.79 million vehicles. "
        "Over the first eleven months, vehicle exports hit 6 million units."
    )
    got = [(c.mention.text, c.period) for c in extract_candidates(text, kb, date(2025, 12, 1))]
    # "of this year" does not make it the whole year; an opening "Over" is no comparison base
    assert got == [
        ("27.687 million", "2025-01/2025-10"),
        ("2.79 million", "2025-01/2025-11"),
        ("6 million", "2025-01/2025-11"),
    ]


def test_gongsi_refers_to_the_company_of_the_chinese_sentence_before(kb) -> None:
    text = "比亚迪11月销量48万辆。公司海外销量13万辆。全国汽车销量300万辆。公司出口10万辆。\n"
    got = [(str(c.mention.value), c.metric, c.entity) for c in extract_candidates(text, kb, date(2025, 12, 5))]
    # the last "公司" follows a sentence about the whole country: no company is carried over
    assert got == [
        ("480000", "vehicle-sales", "BYD"),
        ("130000", "vehicle-exports", "BYD"),
        ("3000000", "vehicle-sales", None),
        ("100000", "vehicle-exports", None),
    ]


def test_passenger_car_retail_sales_are_the_retail_segment_metric(kb) -> None:
    text = "In October, passenger car retail sales reached 2.25 million units.\n"
    got = [(c.mention.text, c.metric, c.new_metric) for c in extract_candidates(text, kb, date(2025, 11, 11))]
    assert got == [("2.25 million", "passenger-vehicle-retail-sales", None)]
