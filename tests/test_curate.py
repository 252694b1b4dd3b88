"""Growing a knowledge base: init, add and review end to end on a temporary base, and their refusals.

The article is two sentences from real articles (docs/examples/caam-2022-annual.txt and the bundled
global-attention seed); `review` is driven through its input stream, as a curator would type.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from autofacts.curation.curate import CurateError, append_item, folded, scalar
from autofacts.curation.review_file import read_review
from autofacts.knowledge.load import bundled_facts_dir

ROOT = Path(__file__).resolve().parent.parent
FACTS = bundled_facts_dir()
# The bundled catalogue grows as metrics are added; counted from its file, not by the loader.
CATALOGUE = (FACTS / "metrics.yaml").read_text(encoding="utf-8").count("\n  - id: ")
CAAM = (
    "BEIJING, Jan. 12, 2023 -- China's automobile production and sales reached 27.021 million and 26.864 million "
    "units in 2022, up 3.4 percent and 2.1 percent year on year respectively, the China Association of Automobile "
    "Manufacturers said on Thursday."
)
EACH = (
    "In particular, new energy vehicle (NEV) production and sales each surpassed 16 million units, topping global "
    "rankings for the 11th consecutive year."
)
ARTICLE = f"{CAAM}\n\n{EACH}\n"
# sha256sum of ARTICLE written to a file (worked out with the sha256sum tool, not with autofacts)
ARTICLE_SHA = "24172e4a0400352c529a487792c517f2a199107190f79640deda3f8e9bc63549"


@pytest.fixture
def base(tmp_path: Path, run) -> Path:
    """A new empty knowledge base in tmp_path/kb; returns its facts folder."""
    result = run("init", str(tmp_path / "kb"))
    assert result.exit_code == 0, result.stderr
    return tmp_path / "kb" / "facts"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "caam-each.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def add(run, facts: Path, article: Path, *extra: str):
    return run(
        "add", str(article), "--id", "caam-each", "--title", "CAAM 2022 and NEVs", "--published", "2026-01-15",
        "--publisher", "Xinhua", "--facts", str(facts), *extra,
    )  # fmt: skip


# --- init -------------------------------------------------------------------------------------------


def test_init_makes_an_empty_base_that_checks_clean(tmp_path: Path, run) -> None:
    result = run("init", str(tmp_path / "kb"))
    assert result.exit_code == 0
    assert f"export AUTOFACTS_FACTS={tmp_path}/kb/facts" in result.stdout
    assert "autofacts add ARTICLE.txt --id ID" in result.stdout
    assert sorted(p.name for p in (tmp_path / "kb").iterdir()) == [".autofacts", "facts", "seeds"]
    # the writers' lock and who last held it; no journal: nothing was left half-done
    assert sorted(p.name for p in (tmp_path / "kb" / ".autofacts").iterdir()) == ["apply", "holder", "lock"]
    assert sorted(p.name for p in (tmp_path / "kb" / "facts").iterdir()) == ["metrics.yaml", "sources.yaml"]
    checked = run("--facts", str(tmp_path / "kb" / "facts"), "check")
    assert checked.exit_code == 0
    assert checked.stdout == f"ok: 0 facts, {CATALOGUE} metrics, 0 sources, no errors\n"
    bundled = (FACTS / "metrics.yaml").read_bytes()
    assert (tmp_path / "kb" / "facts" / "metrics.yaml").read_bytes() == bundled  # the catalogue, as it is


def test_init_from_bundled_copies_facts_and_seeds(tmp_path: Path, run) -> None:
    result = run("init", str(tmp_path / "kb"), "--from-bundled")
    assert result.exit_code == 0
    # six published seeds (five English, one Chinese) with 87 facts (21 + 24 + 12 + 9 + 13 + 8 in their facts files)
    assert "6 sources, 87 facts and 6 seed texts copied" in result.stdout
    assert len(list((tmp_path / "kb" / "seeds").iterdir())) == 6
    checked = run("check", "--facts", str(tmp_path / "kb" / "facts"))
    assert checked.stdout == f"ok: 87 facts, {CATALOGUE} metrics, 6 sources, no errors\n"


def test_init_never_writes_into_a_non_empty_folder(tmp_path: Path, run) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("init", str(folder))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"autofacts: error[E003]: {folder} is not empty: refusing to write into it (choose a new folder)\n"
    )
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert "is not a folder" in run("init", str(tmp_path / "file")).stderr


# --- add --------------------------------------------------------------------------------------------


def test_add_copies_registers_and_leaves_candidates_unloaded(base: Path, article: Path, run) -> None:
    result = add(run, base, article)
    assert result.exit_code == 0, result.stderr
    seed = base.parent / "seeds" / "caam-each.txt"
    assert seed.read_bytes() == article.read_bytes()
    digest = ARTICLE_SHA
    sources = (base / "sources.yaml").read_text(encoding="utf-8")
    assert sources.endswith(
        "sources:\n"
        "  - id: caam-each\n"
        "    file: caam-each.txt\n"
        "    title: CAAM 2022 and NEVs\n"
        "    publisher: Xinhua\n"
        "    published: 2026-01-15\n"
        "    language: en\n"
        f"    sha256: {digest}\n"
    )
    assert sources.startswith("# The source catalogue: one entry per text in ../seeds/")  # comments kept
    pending = read_review(base.parent / "review" / "caam-each.yaml")
    assert pending.source_id == "caam-each" and pending.file_name == "caam-each.txt"
    first = pending.drafts[0]
    assert (first.figure, first.at, first.value, first.quote) == ("27.021 million", 74, "27021000", CAAM)
    assert f"{len(pending.drafts)} candidate facts wait in" in result.stdout
    # the base keeps working while the candidates wait: nothing of them is loaded
    checked = run("check", "--facts", str(base))
    assert checked.stdout == f"ok: 0 facts, {CATALOGUE} metrics, 1 source, no errors\n"
    assert run("sources", "--facts", str(base), "--format", "csv").exit_code == 0


def test_add_keeps_what_the_user_wrote_in_sources_yaml(base: Path, article: Path, run) -> None:
    handmade = (
        "# my sources\n"
        "sources:\n"
        "  # the first one\n"
        "  - id: old\n"
        "    file: old.txt\n"
        "    title: Old   # a comment after a value\n"
        "    published: 2024\n"
        "    language: en\n"
        "\n"
        "# trailing notes stay where they are\n"
    )
    (base / "sources.yaml").write_text(handmade, encoding="utf-8")
    (base.parent / "seeds" / "old.txt").write_text("An old text.\n", encoding="utf-8")
    assert add(run, base, article).exit_code == 0
    digest = ARTICLE_SHA
    assert (base / "sources.yaml").read_text(encoding="utf-8") == (
        "# my sources\n"
        "sources:\n"
        "  # the first one\n"
        "  - id: old\n"
        "    file: old.txt\n"
        "    title: Old   # a comment after a value\n"
        "    published: 2024\n"
        "    language: en\n"
        "\n"
        "  - id: caam-each\n"
        "    file: caam-each.txt\n"
        "    title: CAAM 2022 and NEVs\n"
        "    publisher: Xinhua\n"
        "    published: 2026-01-15\n"
        "    language: en\n"
        f"    sha256: {digest}\n"
        "\n"
        "# trailing notes stay where they are\n"
    )


def test_add_refuses_a_text_already_there_under_another_name(base: Path, article: Path, run, tmp_path: Path) -> None:
    assert add(run, base, article).exit_code == 0
    before = (base / "sources.yaml").read_bytes()
    twin = tmp_path / "renamed.txt"
    twin.write_bytes(article.read_bytes())
    result = run("add", str(twin), "--id", "other", "--title", "T", "--published", "2026-01", "--facts", str(base))
    assert result.exit_code == 1
    assert result.stderr == (
        f"autofacts: error[E003]: {twin}: the same text is already in the seeds folder as caam-each.txt "
        "(source 'caam-each')\n"
    )
    assert (base / "sources.yaml").read_bytes() == before
    assert not (base.parent / "seeds" / "renamed.txt").exists()


def test_add_refuses_existing_files_and_ids(base: Path, article: Path, run, tmp_path: Path) -> None:
    seeds = base.parent / "seeds"
    (seeds / "caam-each.txt").write_text("another text\n", encoding="utf-8")
    result = add(run, base, article)
    assert result.exit_code == 1
    assert "exists with another text: refusing to overwrite it" in result.stderr
    assert (seeds / "caam-each.txt").read_text(encoding="utf-8") == "another text\n"
    assert "caam-each" not in (base / "sources.yaml").read_text(encoding="utf-8")
    (seeds / "caam-each.txt").unlink()
    assert add(run, base, article).exit_code == 0
    other = tmp_path / "other.txt"
    other.write_text("A different text.\n", encoding="utf-8")
    again = run("add", str(other), "--id", "caam-each", "--title", "T", "--published", "2026-01", "--facts", str(base))
    assert again.exit_code == 1
    assert "source 'caam-each' is already registered" in again.stderr
    assert not (seeds / "other.txt").exists()


def test_add_registers_a_text_already_copied_into_seeds_where_it_is(base: Path, run) -> None:
    seed = base.parent / "seeds" / "by-hand.txt"
    seed.write_text(ARTICLE, encoding="utf-8")
    result = run("add", str(seed), "--id", "by-hand", "--title", "T", "--published", "2026-01", "--facts", str(base))
    assert result.exit_code == 0, result.stderr
    # the message is wrapped at spaces to 80 columns: read it with its line breaks as spaces
    assert " ".join(result.stdout.split()).startswith(f"{seed} is in the seeds folder already (sha256 24172e4a0400…) ")
    assert [p.name for p in (base.parent / "seeds").iterdir()] == ["by-hand.txt"]
    assert "    file: by-hand.txt\n" in (base / "sources.yaml").read_text(encoding="utf-8")
    again = run("add", str(seed), "--id", "twice", "--title", "T", "--published", "2026-01", "--facts", str(base))
    assert again.exit_code == 1
    assert again.stderr == f"autofacts: error[E003]: {seed} is already registered as source 'by-hand'\n"


def test_add_needs_a_base_of_ones_own_and_valid_options(article: Path, run, base: Path) -> None:
    result = run("add", str(article), "--id", "x", "--title", "T", "--published", "2026-01")
    assert result.exit_code == 2
    assert "writes into a knowledge base of your own" in result.stderr
    bad_date = run("add", str(article), "--id", "x", "--title", "T", "--published", "Jan 2026", "--facts", str(base))
    assert bad_date.exit_code == 2 and "Jan 2026" in bad_date.stderr
    bad_id = run("add", str(article), "--id", "X Y", "--title", "T", "--published", "2026-01", "--facts", str(base))
    assert bad_id.exit_code == 2 and "--id 'X Y'" in bad_id.stderr


def test_facts_option_before_or_after_the_command(base: Path, run) -> None:
    assert run("--facts", str(base), "metrics", "--format", "csv").exit_code == 0
    assert run("metrics", "--facts", str(base), "--format", "csv").exit_code == 0
    clash = run("--facts", str(base), "check", "--facts", "elsewhere")
    assert clash.exit_code == 2 and "--facts given twice" in clash.stderr


def test_check_reports_a_seed_edited_after_registration(base: Path, article: Path, run) -> None:
    assert add(run, base, article).exit_code == 0
    seed = base.parent / "seeds" / "caam-each.txt"
    seed.write_text(ARTICLE.replace("27.021", "27.012"), encoding="utf-8")
    result = run("check", "--facts", str(base))
    assert result.exit_code == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith(f"{base}/sources.yaml:")
    assert "error[E114]: seed file 'caam-each.txt' was edited after it was registered" in line


# --- review -----------------------------------------------------------------------------------------

# What review starts from, written by hand in the review file's format (so that these tests do not
# move when extract guesses better): some guesses missing, one wrong, as a curator meets them.
PENDING = f"""\
source: "caam-each"
file: "caam-each.txt"
candidates:
  - figure: "27.021 million"
    at: "74"
    value: "27021000"
    qualifier: "exact"
    metric: "vehicle-sales"
    kind: "actual"
    why: ["metric: 'sales' nearest before the figure"]
    quote: "{CAAM}"
  - figure: "26.864 million"
    at: "93"
    value: "26864000"
    unit: "vehicles"
    qualifier: "exact"
    kind: "actual"
    quote: "{CAAM}"
  - figure: "3.4 percent"
    at: "126"
    value: "3.4"
    unit: "percent"
    qualifier: "exact"
    kind: "actual"
    quote: "{CAAM}"
  - figure: "2.1 percent"
    at: "142"
    value: "2.1"
    unit: "percent"
    qualifier: "exact"
    kind: "actual"
    quote: "{CAAM}"
  - figure: "16 million"
    at: "76"
    value: "16000000"
    unit: "vehicles"
    qualifier: "over"
    metric: "nev-sales"
    region: "World"
    kind: "actual"
    quote: "{EACH}"
  - figure: "11th"
    at: "126"
    value: "11"
    unit: "ordinal"
    qualifier: "exact"
    new_metric: "nev-top-rank-years"
    region: "World"
    kind: "actual"
    quote: "{EACH}"
"""


@pytest.fixture
def pending(base: Path, article: Path, run) -> Path:
    """The base with the article added, and its review file replaced by PENDING."""
    assert add(run, base, article).exit_code == 0
    (base.parent / "review" / "caam-each.yaml").write_text(PENDING, encoding="utf-8")
    return base


REVIEW_INPUT = [
    # 1: 27.021 million, production (an alias typed), period and region set, accepted
    "e", "metric", "production", "e", "period", "2022", "e", "region", "China", "a",
    # 2: 26.864 million, sales
    "e", "metric", "vehicle-sales", "e", "period", "2022", "e", "region", "China", "a",
    # 3: 3.4 percent: a typo refused, then the right metric
    "e", "metric", "vehicle-prodution-growth", "n", "a", "e", "metric", "vehicle-production-growth",
    "e", "period", "2022", "e", "region", "China", "a",
    # 4: 2.1 percent: rejected
    "r",
    # 5: 16 million, each: split into production and sales, both for 2025 in China
    "s", "nev-production, nev-sales",
    "e", "period", "2025", "e", "region", "China", "a",
    "e", "period", "2025", "e", "region", "China", "a",
    # 6: 11th: quit, it stays for later
    "q",
]  # fmt: skip

EXPECTED_FACTS = """\
# Facts from seeds/caam-each.txt (CAAM 2022 and NEVs), reviewed with `autofacts review`.
source: caam-each
facts:
  - id: china-vehicle-production-2022
    metric: vehicle-production
    region: China
    period: 2022
    kind: actual
    value: 27021000
    quote: >-
      BEIJING, Jan. 12, 2023 -- China's automobile production and sales reached 27.021 million and
      26.864 million units in 2022, up 3.4 percent and 2.1 percent year on year respectively, the
      China Association of Automobile Manufacturers said on Thursday.
  - id: china-vehicle-sales-2022
    metric: vehicle-sales
    region: China
    period: 2022
    kind: actual
    value: 26864000
    quote: >-
      BEIJING, Jan. 12, 2023 -- China's automobile production and sales reached 27.021 million and
      26.864 million units in 2022, up 3.4 percent and 2.1 percent year on year respectively, the
      China Association of Automobile Manufacturers said on Thursday.
  - id: china-vehicle-production-growth-2022
    metric: vehicle-production-growth
    region: China
    period: 2022
    kind: actual
    value: 3.4
    quote: >-
      BEIJING, Jan. 12, 2023 -- China's automobile production and sales reached 27.021 million and
      26.864 million units in 2022, up 3.4 percent and 2.1 percent year on year respectively, the
      China Association of Automobile Manufacturers said on Thursday.
  - id: china-nev-production-2025
    metric: nev-production
    region: China
    period: 2025
    kind: actual
    value: 16000000
    qualifier: over
    quote: >-
      In particular, new energy vehicle (NEV) production and sales each surpassed 16 million units,
      topping global rankings for the 11th consecutive year.
  - id: china-nev-sales-2025
    metric: nev-sales
    region: China
    period: 2025
    kind: actual
    value: 16000000
    qualifier: over
    quote: >-
      In particular, new energy vehicle (NEV) production and sales each surpassed 16 million units,
      topping global rankings for the 11th consecutive year.
"""


def test_review_end_to_end(pending: Path, run) -> None:
    base = pending
    result = run("review", "caam-each", "--facts", str(base), input="\n".join(REVIEW_INPUT) + "\n")
    out = result.stdout
    assert "production → vehicle-production" in out
    assert "unknown metric 'vehicle-prodution-growth' — did you mean vehicle-production-growth" in out
    assert "fill in metric, region, period first (e to edit)" in out
    assert "\nwhy: metric: 'sales' nearest before the figure\n" in out
    assert "split into 2 candidates: nev-production, nev-sales" in out
    assert "⟦16 million⟧" in out  # the figure marked in its sentence (no colour here)
    assert "Candidate 7 of 7" in out  # the split made six candidates seven
    assert "Accepted 5 to" in out and "rejected 1; 1 left for next time." in out
    assert (base / "caam-each.yaml").read_text(encoding="utf-8") == EXPECTED_FACTS
    review = (base.parent / "review" / "caam-each.yaml").read_text(encoding="utf-8")
    assert review.count("- figure:") == 1 and '- figure: "11th"' in review
    assert out.endswith(f"ok: 5 facts, {CATALOGUE} metrics, 1 source, no errors\n")
    assert result.exit_code == 0
    shown = run("show", "nev-sales", "--facts", str(base), "--format", "csv")
    assert shown.exit_code == 0
    assert "\nchina-nev-sales-2025,2025,China,> 16 million vehicles,actual,caam-each" in shown.stdout


def test_review_defines_a_new_metric_and_finishes(pending: Path, run) -> None:
    base = pending
    answers = ["r"] * 5 + [
        "e", "metric", "", "y", "Years at the top of global NEV rankings", "years", "count", "",
        "e", "period", "2025", "e", "region", "China", "a",
    ]  # fmt: skip
    result = run("review", "caam-each", "--facts", str(base), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout
    assert "metric     TODO (proposed new metric: nev-top-rank-years)" in result.stdout
    assert "metric (Enter: the proposed new nev-top-rank-years) (Tab completes): \n" in result.stdout
    assert "defined metric nev-top-rank-years in metrics.yaml" in result.stdout
    assert (
        (base / "metrics.yaml")
        .read_text(encoding="utf-8")
        .endswith(
            "  - id: nev-top-rank-years\n"
            "    name: Years at the top of global NEV rankings\n"
            "    unit: years\n"
            "    measure: count\n"
        )
    )
    assert "value: 11\n" in (base / "caam-each.yaml").read_text(encoding="utf-8")
    assert not (base.parent / "review" / "caam-each.yaml").exists()  # all decided: nothing waits
    assert result.stdout.endswith(f"ok: 1 fact, {CATALOGUE + 1} metrics, 1 source, no errors\n")


def test_review_interrupted_loses_nothing(pending: Path, run) -> None:
    base = pending
    answers = ["e", "metric", "vehicle-production", "e", "period", "2022", "e", "region", "China", "a", "e", "kind"]
    result = run("review", "caam-each", "--facts", str(base), input="\n".join(answers) + "\n")  # input ends
    assert "Accepted 1 to" in result.stdout and "5 left for next time" in result.stdout
    review = (base.parent / "review" / "caam-each.yaml").read_text(encoding="utf-8")
    assert review.count("- figure:") == 5
    again = run("review", "caam-each", "--facts", str(base), input="q\n")
    assert "5 candidate(s) from seeds/caam-each.txt to review" in again.stdout


def test_review_asks_before_a_second_value_for_the_same_fact(pending: Path, run) -> None:
    base = pending
    answers = ["e", "period", "2022", "e", "region", "China", "a"]  # 27.021 million as (wrongly) sales
    answers += ["e", "metric", "vehicle-sales", "e", "period", "2022", "e", "region", "China", "a", "n", "q"]
    out = run("review", "caam-each", "--facts", str(base), input="\n".join(answers) + "\n").stdout
    assert (
        "the same metric, region, period and kind already has another value: china-vehicle-sales-2022 states 27021000"
        in out
    )
    assert "Accepted 1 to" in out and "5 left for next time" in out
    assert (base / "caam-each.yaml").read_text(encoding="utf-8").count("- id:") == 1
    listed = run("review", "--facts", str(base))
    assert listed.stdout == "caam-each: 5 candidate(s) waiting (autofacts review caam-each)\n"


def test_review_asks_before_filing_a_figure_under_a_metric_of_another_unit(pending: Path, run) -> None:
    base = pending
    answers = ["r", "r", "e", "metric", "vehicle-sales", "e", "period", "2022", "e", "region", "China", "a", "n", "q"]
    out = run("review", "caam-each", "--facts", str(base), input="\n".join(answers) + "\n").stdout
    assert "the figure reads as percent, but vehicle-sales is counted in vehicles\naccept anyway? [y/N]: n\n" in out
    assert not (base / "caam-each.yaml").exists()


def test_review_lists_nothing_waiting(base: Path, run) -> None:
    result = run("--facts", str(base), "review")
    assert result.exit_code == 0
    assert result.stdout == "No candidates waiting for review (autofacts add FILE proposes some).\n"


def test_review_refuses_bad_field_values_and_unknown_sources(pending: Path, run) -> None:
    base = pending
    answers = ["e", "value", "lots", "e", "period", "2022-13", "e", "colour", "e", "kind", "rumour", "x", "q"]
    out = run("review", "caam-each", "--facts", str(base), input="\n".join(answers) + "\n").stdout
    assert "refused: 'lots' is not a number" in out
    assert "refused: " in out and "2022-13" in out
    assert "no field 'colour'" in out
    assert "refused: kind 'rumour': one of actual, target, forecast, estimate" in out
    assert "unknown key 'x'" in out
    unknown = run("review", "nope", "--facts", str(base))
    assert unknown.exit_code == 2 and "unknown source 'nope'" in unknown.stderr


# --- writing YAML by appending ------------------------------------------------------------------------


def test_append_item_to_each_shape_of_list() -> None:
    item = ["- id: b", "  name: B"]
    assert append_item("x: 1\n", "metrics", item, "f") == "x: 1\nmetrics:\n  - id: b\n    name: B\n"
    assert append_item("metrics: []  # none yet\nx: 1\n", "metrics", item, "f") == (
        "metrics:\n  - id: b\n    name: B\n  # none yet\nx: 1\n"
    )
    nested = "metrics:\n- id: a\n  name: A\n# end of metrics\nx: 1\n"
    assert append_item(nested, "metrics", item, "f") == (
        "metrics:\n- id: a\n  name: A\n- id: b\n  name: B\n# end of metrics\nx: 1\n"
    )
    with pytest.raises(CurateError, match="not a block list"):
        append_item("metrics: [a, b]\n", "metrics", item, "f")
    with pytest.raises(CurateError, match="not valid YAML"):
        append_item("metrics: [\n", "metrics", item, "f")


def test_scalars_and_folded_quotes_read_back_unchanged() -> None:
    assert scalar("China") == "China"
    assert scalar("yes") == '"yes"'
    assert scalar("a: b") == '"a: b"'
    assert folded("short quote", "    ") == '"short quote"'
    spaced = "two  spaces " + "x " * 60
    assert folded(spaced, "    ") == '"' + spaced + '"'


def test_add_refuses_a_catalogue_it_cannot_append_to_and_writes_nothing(base: Path, article: Path, run) -> None:
    flow = 'sources: [{id: old, file: old.txt, title: Old, published: "2024", language: en}]\n'
    (base / "sources.yaml").write_text(flow, encoding="utf-8")
    result = add(run, base, article)
    assert result.exit_code == 1
    assert result.stderr == (
        f"autofacts: error[E003]: {base}/sources.yaml: 'sources' is not a block list (one '- ' item per entry); "
        "add the entry by hand\n"
    )
    assert (base / "sources.yaml").read_text(encoding="utf-8") == flow
    assert list((base.parent / "seeds").iterdir()) == []
    assert not (base.parent / "review").exists()


def test_review_needs_candidates_and_a_readable_review_file(base: Path, article: Path, run) -> None:
    assert add(run, base, article).exit_code == 0
    review = base.parent / "review" / "caam-each.yaml"
    review.write_text("source: caam-each\n", encoding="utf-8")
    broken = run("review", "caam-each", "--facts", str(base))
    assert broken.exit_code == 1
    assert broken.stderr == (
        f"autofacts: {review}:1:1: error[E003]: 'file' is missing (fix the review file by hand, "
        "or delete it and `add` again)\n"
    )
    review.unlink()
    gone = run("review", "caam-each", "--facts", str(base))
    assert gone.exit_code == 2
    assert gone.stderr == f"autofacts: error[U001]: {review}: no candidates waiting (run `autofacts add` first)\n"


def test_a_change_the_loader_would_not_read_back_is_refused(tmp_path: Path) -> None:
    from autofacts.curation.curate import verified

    path = tmp_path / "metrics.yaml"
    path.write_text("metrics: []\n", encoding="utf-8")
    with pytest.raises(CurateError, match="adding 'x' would break the file"):
        verified(path, "metrics:\n  - id: x\n    name: X\n", str(path), "metrics", "x")  # no unit, measure
    with pytest.raises(CurateError, match="'y' would not be read back"):
        verified(path, "metrics: []\n", str(path), "metrics", "y")
    assert path.read_text(encoding="utf-8") == "metrics: []\n"


def test_fact_ids_and_lines_for_a_company_forecast() -> None:
    from autofacts.curation.filing import fact_id, fact_lines
    from autofacts.curation.review_file import Draft

    quote = "Analysts expect BYD to sell between 3.6 million and 4 million vehicles in 2024."
    draft = Draft(
        figure="3.6 million", at=36, quote=quote, value="3600000", unit="vehicles", qualifier="over",
        metric="vehicle-sales", region="World", period="2024", kind="forecast", entity="BYD",
    )  # fmt: skip
    assert fact_id(draft, set()) == "byd-vehicle-sales-2024-forecast"
    assert fact_id(draft, {"byd-vehicle-sales-2024-forecast"}) == "byd-vehicle-sales-2024-forecast-2"
    assert fact_lines(draft, "f") == [
        "- id: f",
        "  metric: vehicle-sales",
        "  region: World",
        "  entity: BYD",
        "  period: 2024",
        "  kind: forecast",
        "  value: 3600000",
        "  qualifier: over",
        '  quote: "Analysts expect BYD to sell between 3.6 million and 4 million vehicles in 2024."',
    ]


def test_add_and_review_follow_a_configured_seeds_folder(base: Path, article: Path, run) -> None:
    (base / "sources.yaml").write_text("seeds: ../texts\nsources: []\n", encoding="utf-8")
    (base.parent / "texts").mkdir()
    assert add(run, base, article).exit_code == 0
    assert (base.parent / "texts" / "caam-each.txt").read_text(encoding="utf-8") == ARTICLE
    assert list((base.parent / "seeds").iterdir()) == []
    out = run("review", "caam-each", "--facts", str(base), input="q\n").stdout
    assert " candidate(s) from texts/caam-each.txt to review.\n" in out
    assert "Candidate 1 of " in out and " · texts/caam-each.txt\n" in out


def test_a_range_is_written_with_both_ends_and_reads_back(tmp_path: Path) -> None:
    from autofacts.curation.filing import fact_lines
    from autofacts.curation.review_file import Draft
    from autofacts.knowledge.parse import parse_file

    quote = "Analysts expect BYD to sell between 3.6 million and 4 million vehicles in 2024."
    draft = Draft(
        figure="3.6 million and 4 million", at=36, quote=quote, value="3600000", upper="4000000", unit="vehicles",
        qualifier="between", metric="vehicle-sales", region="World", period="2024", kind="forecast", entity="BYD",
    )  # fmt: skip
    lines = fact_lines(draft, "byd")
    assert lines[6:9] == ["  value: 3600000", "  upper: 4000000", "  qualifier: between"]
    text = "source: s\nfacts:\n" + "".join(f"  {line}\n" for line in lines)
    parsed = parse_file(tmp_path / "x.yaml", "x.yaml", text=text)
    assert parsed.problems == []
    values = parsed.facts[0].values
    assert (str(values["value"]), str(values["upper"]), values["qualifier"]) == ("3600000", "4000000", "between")


def test_an_interrupted_review_keeps_every_decision_made(pending: Path) -> None:
    """Ctrl-C (or a lost terminal) midway: what was decided is already on disk."""
    import io

    from rich.console import Console

    from autofacts.curation.review import Session, Terminal
    from autofacts.knowledge.load import load_knowledge_base

    class Interrupted(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            line = super().readline()
            if not line:
                raise KeyboardInterrupt
            return line

    answers = "e\nperiod\n2022\ne\nregion\nChina\na\nr\n"  # accept the first, reject the second, then Ctrl-C
    term = Terminal(Interrupted(answers), Console(file=io.StringIO(), width=80))
    session = Session(load_knowledge_base(pending), "caam-each", term)
    with pytest.raises(KeyboardInterrupt):
        session.run()
    review = (pending.parent / "review" / "caam-each.yaml").read_text(encoding="utf-8")
    assert review.count("- figure:") == 4 and '- figure: "27.021 million"' not in review
    assert "  - id: china-vehicle-sales-2022\n" in (pending / "caam-each.yaml").read_text(encoding="utf-8")


def test_a_failed_add_removes_what_it_wrote(base: Path, article: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills while the third file (sources.yaml) is written: the seed and review file
    already written beside their targets go again, and the review folder made for them."""
    import autofacts.transaction

    real_write = autofacts.transaction._write_temp
    written: list[str] = []

    def fills_up(shown: Path, tmp: Path, data: bytes) -> None:
        written.append(shown.name)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        real_write(shown, tmp, data)

    monkeypatch.setattr(autofacts.transaction, "_write_temp", fills_up)
    before = (base / "sources.yaml").read_bytes()
    result = add(run, base, article)
    assert written == ["caam-each.txt", "caam-each.yaml", "sources.yaml"]
    assert result.exit_code == 1
    assert result.stderr == "autofacts: cannot write the output: No space left on device\n"
    assert list((base.parent / "seeds").iterdir()) == []
    assert not (base.parent / "review").exists()
    assert (base / "sources.yaml").read_bytes() == before
    every = sorted(str(p.relative_to(base.parent)) for p in base.parent.rglob("*"))
    assert every == [".autofacts", ".autofacts/apply", ".autofacts/holder", ".autofacts/lock", "facts", "facts/metrics.yaml",
                     "facts/sources.yaml", "seeds"]  # fmt: skip
