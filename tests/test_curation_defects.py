"""Defects a tester found in growing a base: a publication date in the future, a refused source
or metric reported after the facts it made "unknown", an empty document registered, and the
running heads of a PDF printed by a browser kept in its seed.

Each expectation is worked out by hand from the document or base the test writes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from autofacts.curation.curate import NewSource, add_source, check_new_source
from autofacts.curation.review_file import read_review
from autofacts.errors import SourceError, UsageError
from autofacts.knowledge.check import check_knowledge_base, check_publication_dates
from autofacts.knowledge.load import load_knowledge_base
from autofacts.knowledge.model import Location
from autofacts.reading.sources import SourceText, read_source, read_text_document

ARTICLE = "In December, sales of new energy vehicles rose 12.5 percent to 1.2 million units.\n"


@pytest.fixture
def base(tmp_path: Path, run) -> Path:
    """A new empty knowledge base in tmp_path/kb; returns its facts folder."""
    assert run("init", str(tmp_path / "kb")).exit_code == 0
    return tmp_path / "kb" / "facts"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "art1.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# --- 1. a publication date after today ---------------------------------------------------------------


def test_add_refuses_a_publication_date_after_today_and_writes_nothing(base: Path, article: Path, run) -> None:
    result = run("add", str(article), "--facts", str(base), "--id", "f1", "--title", "x", "--published", "2099-01-01")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "--published 2099-01-01 is after today" in result.stderr
    assert list((base.parent / "seeds").iterdir()) == []
    assert "f1" not in (base / "sources.yaml").read_text(encoding="utf-8")
    assert not (base.parent / "review").exists()


def test_extract_refuses_a_publication_date_after_today(article: Path, run) -> None:
    result = run("extract", str(article), "--published", "2099-01-01")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--published 2099-01-01 is after today" in result.stderr


def test_a_period_that_has_begun_by_today_is_published() -> None:
    today = date(2026, 12, 5)
    # December 2026 and the year 2026 have begun on 5 December 2026: a text may be dated by them.
    for published in ("2026-12-05", "2026-12", "2026"):
        check_new_source(NewSource("f1", "x", published), today=today)
    for published in ("2026-12-06", "2027-01", "2027"):
        with pytest.raises(UsageError, match=f"--published {published} is after today \\(2026-12-05\\)"):
            check_new_source(NewSource("f1", "x", published), today=today)


def test_check_reports_a_source_published_after_today(base: Path, article: Path, run) -> None:
    added = run("add", str(article), "--facts", str(base), "--id", "f1", "--title", "x", "--published", "2026-01-15")
    assert added.exit_code == 0, added.stderr
    sources = base / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    assert "    published: 2026-01-15\n" in text
    sources.write_text(text.replace("published: 2026-01-15", "published: 2099-01-01"), encoding="utf-8")
    # The new entry is the fifth line of the file (after three comment lines and `sources:`); its
    # `published` value is its fourth field, so on line 8, at column 16 ("    published: " is 15).
    kb = load_knowledge_base(base)
    [problem] = check_publication_dates(kb, today=date(2026, 12, 5))
    assert (problem.location.line, problem.location.column, problem.code) == (8, 16, "E116")
    assert problem.message == "source 'f1' is published 2099-01-01, after today (2026-12-05)"
    assert check_publication_dates(kb, today=date(2099, 1, 1)) == []
    result = run("check", "--facts", str(base))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{base}/sources.yaml:8:16: error[E116]: source 'f1' is published 2099-01-01")


# --- 3. empty documents, and the size limit, refused alike by add and extract --------------------------


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \n", b"\xef\xbb\xbf\n"])  # nothing, white space, a BOM alone
def test_add_refuses_a_document_with_no_text_and_writes_nothing(base: Path, tmp_path: Path, run, content) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    result = run("add", str(empty), "--facts", str(base), "--id", "e1", "--title", "x", "--published", "2026-01")
    assert result.exit_code == 1
    assert result.stderr == (
        f"autofacts: error[E010]: {empty}: the document holds no text (empty, or white space alone): nothing to add\n"
    )
    assert list((base.parent / "seeds").iterdir()) == []
    assert (base / "sources.yaml").read_text(encoding="utf-8").endswith("sources: []\n")
    assert not (base.parent / "review").exists()
    with pytest.raises(SourceError, match="holds no text"):
        read_source(str(empty))
    # extract reads it, and finds nothing to propose
    said = run("extract", str(empty))
    assert (said.exit_code, said.stdout) == (0, "")
    assert said.stderr == f"autofacts: {empty} states no numbers: nothing to extract\n"


def test_add_source_refuses_an_empty_text_made_by_hand(base: Path) -> None:
    kb = load_knowledge_base(base)
    blank = SourceText(" \n", "text", "blank.txt", "0" * 64)
    with pytest.raises(SourceError, match="^blank.txt: the document holds no text"):
        add_source(kb, blank, NewSource("b1", "Blank", "2026-01"), [])
    assert list((base.parent / "seeds").iterdir()) == []


def test_add_and_extract_refuse_a_text_over_4_mb_alike(base: Path, tmp_path: Path, run) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (4 * 1024 * 1024 + 1))  # one byte over MAX_SEED_BYTES, 4 MiB
    message = f"autofacts: error[E010]: {big}: its text is larger than 4 MB, the limit for a seed\n"
    added = run("add", str(big), "--facts", str(base), "--id", "b1", "--title", "x", "--published", "2026-01")
    extracted = run("extract", str(big))
    assert (added.exit_code, added.stderr) == (1, message)
    assert (extracted.exit_code, extracted.stderr, extracted.stdout) == (1, message, "")
    with pytest.raises(SourceError, match="larger than 4 MB"):
        read_text_document(str(big))
    exactly = tmp_path / "exactly.txt"
    exactly.write_bytes(b"a" * (4 * 1024 * 1024))  # at the limit: read
    assert len(read_text_document(str(exactly))) == 4 * 1024 * 1024


def test_add_and_extract_refuse_a_text_that_is_not_utf8_alike(base: Path, tmp_path: Path, run) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"caf\xe9 5 percent\n")  # Latin-1 "café": byte 3 is no UTF-8
    message = f"autofacts: error[E010]: {latin}: not UTF-8 text (byte 3)\n"
    added = run("add", str(latin), "--facts", str(base), "--id", "l1", "--title", "x", "--published", "2026-01")
    extracted = run("extract", str(latin))
    assert (added.exit_code, added.stderr) == (1, message)
    assert (extracted.exit_code, extracted.stderr) == (1, message)
    missing = run("extract", str(tmp_path / "nosuch.txt"))
    assert missing.exit_code == 2
    assert missing.stderr == f"autofacts: error[U001]: {tmp_path}/nosuch.txt: cannot read: No such file or directory\n"


# --- 2. a source or metric refused for its own error: the error first, what names it in one line --------

SOURCES = """\
sources:
  - id: good
    file: good.txt
    title: Good
    published: 2025-03-01
    language: en
  - id: bad
    file: bad.txt
    title: Bad
    published: 2025-02-30
    language: en
  - id: copy
    file: copy.txt
    title: Copy
    published: 2025-03-02
    language: en
    restates: [bad]
"""
METRICS = """\
metrics:
  - id: sales
    name: Sales
    unit: vehicles
    measure: flow
  - id: broken
    name: Broken
    unit: vehicles
    measure: bogus
  - id: broken-growth
    name: Broken growth
    unit: percent
    measure: growth
    growth_of: broken
"""
SENTENCE = "Sales were 100 vehicles in 2024."


def _fact(fid: str, metric: str, source: str, period: str | None = "2024") -> str:
    dated = f"    period: {period}\n" if period else ""
    return (
        f"  - id: {fid}\n    metric: {metric}\n    region: China\n{dated}    kind: actual\n"
        f"    value: 100\n    source: {source}\n    quote: {SENTENCE}\n"
    )


@pytest.fixture
def refused_base(tmp_path: Path) -> Path:
    """Source 'bad' (an impossible date, sources.yaml line 10) and metric 'broken' (an unknown measure,
    metrics.yaml line 9), each named by facts in a file that sorts before both; returns facts/."""
    facts, seeds = tmp_path / "facts", tmp_path / "seeds"
    facts.mkdir()
    seeds.mkdir()
    for name in ("good.txt", "bad.txt", "copy.txt"):
        (seeds / name).write_text(SENTENCE + "\n", encoding="utf-8")
    (facts / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (facts / "metrics.yaml").write_text(METRICS, encoding="utf-8")
    (facts / "a.yaml").write_text(
        "facts:\n"
        + _fact("bad-1", "sales", "bad")
        + _fact("bad-2", "sales", "bad")
        + _fact("broken-1", "broken", "good")
        + _fact("good-1", "sales", "good"),
        encoding="utf-8",
    )
    return facts


def test_check_says_the_refused_record_first_and_what_names_it_once(refused_base: Path, run) -> None:
    kb = load_knowledge_base(refused_base, "facts")
    assert kb.refused == {
        ("source", "bad"): Location("facts/sources.yaml", 10, 16),  # "    published: " is 15 columns
        ("metric", "broken"): Location("facts/metrics.yaml", 9, 14),  # "    measure: " is 13
    }
    shown = [str(p) for p in check_knowledge_base(kb)]
    assert shown == [
        "facts/metrics.yaml:9:14: error[E104]: 'measure' must be one of flow, stock, share, growth, multiple, "
        "rank, count, duration, level; got 'bogus'",
        "facts/metrics.yaml:9:14: error[E110]: metric 'broken' is invalid (the error at facts/metrics.yaml:9:14): "
        "1 fact of it and 1 metric naming it are not checked against it until it is fixed",
        "facts/sources.yaml:10:16: error[E107]: invalid period '2025-02-30': day is out of range for month",
        "facts/sources.yaml:10:16: error[E111]: source 'bad' is invalid (the error at facts/sources.yaml:10:16): "
        "2 facts citing it and 1 source restating it are not checked against it until it is fixed",
    ]
    result = run("check", "--facts", str(refused_base))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2].startswith(f"{refused_base}/sources.yaml:10:16: error[E107]: ")
    assert result.stdout.splitlines()[-1] == "4 errors in 2 files (4 facts, 2 metrics, 2 sources)"


def test_an_undated_fact_of_a_refused_source_names_the_error(refused_base: Path) -> None:
    with (refused_base / "a.yaml").open("a", encoding="utf-8") as out:
        out.write(_fact("bad-undated", "sales", "bad", period=None))
    kb = load_knowledge_base(refused_base, "facts")
    # The fact's `- id:` is the file's 34th line (one `facts:` line, then 4 facts of 8 lines each).
    undated = [str(p) for p in kb.problems if p.location.file == "facts/a.yaml"]
    assert undated == [
        "facts/a.yaml:34:5: error[E111]: source 'bad' is invalid (see facts/sources.yaml:10:16) "
        "(needed for the period, which is not stated)"
    ]


def test_a_source_that_does_not_exist_at_all_is_still_unknown(refused_base: Path) -> None:
    with (refused_base / "a.yaml").open("a", encoding="utf-8") as out:
        out.write(_fact("nowhere-1", "sales", "nowhere"))
    kb = load_knowledge_base(refused_base, "facts")
    # its `source:` is the 7th line of the fact starting on line 34, its value after "    source: "
    assert "facts/a.yaml:40:13: error[E111]: unknown source 'nowhere'" in [str(p) for p in check_knowledge_base(kb)]


# --- 4. a page a browser printed to PDF: its date-and-title head and address-and-"N/M" foot dropped -------

# Each page as pypdf reads a PDF Chromium printed (`chromium --headless --print-to-pdf`, tried by hand):
# the page's text, then the head (date, time and the page's title) and the foot (its address, "N/M").
BROWSER_PAGES = [
    [
        "Sales",
        "In 2025, China sold 34.40 million vehicles, up 9.4 percent year on year.",
        "12/5/26, 12:24 PM Annual report",
        "file:///home/ana/reports/rep.html 1/3",
    ],
    [
        "Exports",
        "Exports reached 7.09 million vehicles, up 21.1 percent from a year earlier.",
        "12/5/26, 12:24 PM Annual report",
        "file:///home/ana/reports/rep.html 2/3",
    ],
    [
        "Outlook",
        "The association expects sales of about 35.5 million vehicles in 2026.",
        "12/5/26, 12:24 PM Annual report",
        "file:///home/ana/reports/rep.html 3/3",
    ],
]
BROWSER_SEED = (
    "Sales\n\nIn 2025, China sold 34.40 million vehicles, up 9.4 percent year on year.\n\f\n"
    "Exports\n\nExports reached 7.09 million vehicles, up 21.1 percent from a year earlier.\n\f\n"
    "Outlook\n\nThe association expects sales of about 35.5 million vehicles in 2026."
)


def test_a_browser_printed_pdf_loses_its_heads_and_feet(base: Path, tmp_path: Path, run) -> None:
    pytest.importorskip("pypdf")
    from pdfwriter import make_pdf

    pdf = tmp_path / "rep.pdf"
    pdf.write_bytes(make_pdf(BROWSER_PAGES))
    doc = read_source(str(pdf))
    assert doc.text == BROWSER_SEED
    result = run("add", str(pdf), "--facts", str(base), "--id", "rep", "--title", "Annual report", "--published", "2026-01")
    assert result.exit_code == 0, result.stderr
    assert (base.parent / "seeds" / "rep.txt").read_text(encoding="utf-8") == BROWSER_SEED
    figures = [d.figure for d in read_review(base.parent / "review" / "rep.yaml").drafts]
    assert figures == ["34.40 million", "9.4 percent", "7.09 million", "21.1 percent", "35.5 million"]


def test_one_printed_page_loses_them_by_their_form(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    from pdfwriter import make_pdf

    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(
        make_pdf([["Exports rose 21.1 percent.", "05/12/2026, 14:03 One pager", "https://example.org/news/1 1/1"]])
    )
    assert read_source(str(pdf)).text == "Exports rose 21.1 percent."


def test_a_figure_ending_a_page_is_not_a_page_count(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    from pdfwriter import make_pdf

    # "1/3" closes the first page's last line, and no other page's: the report's words, kept.
    pages = [
        ["Overview", "Exports made up a share of all sales of 1/3"],
        ["Outlook", "Sales will grow by some 3 percent in 2026."],
        ["Risks", "Prices may fall by 5 percent in 2026."],
    ]
    pdf = tmp_path / "share.pdf"
    pdf.write_bytes(make_pdf(pages))
    assert read_source(str(pdf)).text == (
        "Overview\n\nExports made up a share of all sales of 1/3\n\f\n"
        "Outlook\n\nSales will grow by some 3 percent in 2026.\n\f\n"
        "Risks\n\nPrices may fall by 5 percent in 2026."
    )


def test_a_pdf_chromium_prints_loses_its_heads_and_feet(tmp_path: Path) -> None:
    """The same, on a PDF Chromium itself prints from a page written here (skipped without it)."""
    pytest.importorskip("pypdf")
    import shutil
    import subprocess

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("no chromium to print a PDF with")
    sections = [line for page in BROWSER_PAGES for line in page[:2]]
    pages = [f"<h2>{sections[i]}</h2><p>{sections[i + 1]}</p>" for i in range(0, 6, 2)]
    page = tmp_path / "rep.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Annual report</title></head><body>"
        + "<div style='page-break-after: always'></div>".join(pages)
        + "</body></html>",
        encoding="utf-8",
    )
    pdf = tmp_path / "rep.pdf"
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", str(page)]
    try:
        subprocess.run(args, capture_output=True, timeout=120, check=False, cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.skip("chromium did not print the page within 120 seconds")
    if not pdf.is_file():
        pytest.skip("chromium made no PDF")
    assert read_source(str(pdf)).text == BROWSER_SEED


def test_add_refuses_a_page_whose_markup_dates_it_after_today(base: Path, tmp_path: Path, run) -> None:
    pytest.importorskip("trafilatura")
    page = tmp_path / "future.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Exports</title>'
        '<meta property="article:published_time" content="2099-01-01T08:00:00+08:00"></head><body><article>'
        "<h1>Exports</h1><p>China exported 5.86 million vehicles in 2024, up 19.3 percent from a year earlier, "
        "the China Association of Automobile Manufacturers said on Monday.</p></article></body></html>",
        encoding="utf-8",
    )
    result = run("add", str(page), "--facts", str(base), "--id", "future")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"autofacts: error[U001]: {page}: the date its markup states (2099-01-01) is after today ("
    )
    assert list((base.parent / "seeds").iterdir()) == []
