"""`add` of documents as people find them: a saved web page, a PDF report, an http(s) address.

The documents are made here: a page with navigation, adverts, a sidebar and a footer around its
article; PDFs written byte by byte (pdfwriter.py); and a web server on 127.0.0.1 started by the test.
Each ends in a base `check` passes, with quotes from the article verifiable against the seed.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import threading
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from pdfwriter import make_pdf

from autofacts.curation.review_file import read_review
from autofacts.errors import SourceError, UsageError
from autofacts.reading.fetch import ascii_url, fetch_url
from autofacts.reading.pages import join_pages, page_label, page_span, page_starts
from autofacts.reading.pdf import reflow
from autofacts.reading.sources import read_fetched, read_source
from autofacts.reading.webpage import page_metadata

ARTICLE_1 = (
    "China exported 5.86 million vehicles in 2024, up 19.3 percent from a year earlier, the China Association "
    "of Automobile Manufacturers said on Monday."
)
ARTICLE_2 = (
    "Sales of new energy vehicles rose 35.5 percent to 12.87 million units, making up 40.9 percent of all new "
    "vehicle sales in the country."
)
ARTICLE_3 = "The association expects total vehicle sales to reach about 32.9 million units in 2025."
# Boilerplate around the article, each with a figure extract would otherwise propose.
BOILERPLATE = (
    "Subscribe for 99 dollars a year",
    "Save 30 percent on 12 months of premium access",
    "Battery prices fall 20 percent",
    "Top 10 SUVs of 2024",
    "Lease a sedan for 199 dollars a month",
    "Copyright 2025 AutoWire Media",
    "1-800-555-0199",
)
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>China car exports hit record | AutoWire</title>
<meta property="article:published_time" content="2025-01-13T08:00:00+08:00">
<meta property="og:title" content="China's car exports hit a record in 2024">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/markets">Markets</a></li>
<li><a href="/ev">Electric vehicles</a></li><li><a href="/subscribe">Subscribe for 99 dollars a year</a></li></ul></nav></header>
<div class="ad-banner" id="ad-top">Advertisement: Save 30 percent on 12 months of premium access today</div>
<main><article>
<h1>China's car exports hit a record in 2024</h1>
<p>{ARTICLE_1}</p>
<p>{ARTICLE_2}</p>
<p>{ARTICLE_3}</p>
</article></main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Battery prices fall 20 percent</a></li>
<li><a href="/b">Top 10 SUVs of 2024</a></li></ul></aside>
<div class="advert">Sponsored: Lease a sedan for 199 dollars a month</div>
<footer><p>Copyright 2025 AutoWire Media. All rights reserved.</p><p>Contact: 1-800-555-0199</p></footer>
</body></html>
"""
PAGE_SEED = f"China's car exports hit a record in 2024\n\n{ARTICLE_1}\n\n{ARTICLE_2}\n\n{ARTICLE_3}\n"

# A two-page report as a PDF prints it: a running head and a page footer on each page, lines broken
# by the page's width, a sentence running over the page break, a word hyphenated at a line's end.
REPORT_PAGES = [
    [
        "CAAM Annual Report 2024",
        "Industry overview",
        "In 2024, China produced 31.28 million vehicles and sold 31.44",
        "million, up 3.7 percent and 4.5 percent year on year respectively.",
        "Exports reached 5.86 million vehicles.",
        "Sales of new energy vehicles rose 35.5 percent to 12.87 million",
        "page 1 of 2",
    ],
    [
        "CAAM Annual Report 2024",
        "units, making up 40.9 percent of all new vehicle sales, up from",
        "under one-third in 2023. The association expects sales of about",
        "32.9 million vehicles in 2025, a rise of about 4.7 percent, with",
        "two-",
        "thirds of the growth from exports.",
        "page 2 of 2",
    ],
]
REPORT_SEED = (
    "Industry overview\n\n"
    "In 2024, China produced 31.28 million vehicles and sold 31.44 million, up 3.7 percent and 4.5 percent "
    "year on year respectively. "
    "Exports reached 5.86 million vehicles.\n\n"
    "Sales of new energy vehicles rose 35.5 percent to 12.87 million"
    "\f"  # the sentence runs on over the page break: the form feed stands for the space between two words
    "units, making up 40.9 percent of all new vehicle sales, up from under one-third in 2023. The association "
    "expects sales of about 32.9 million vehicles in 2025, a rise of about 4.7 percent, with two-thirds of "
    "the growth from exports."
)


# --- web pages -------------------------------------------------------------------------------------


def test_a_web_page_keeps_its_article_and_drops_navigation_adverts_and_footer(tmp_path: Path) -> None:
    page = tmp_path / "exports.html"
    page.write_text(PAGE, encoding="utf-8")
    doc = read_source(str(page))
    assert doc.kind == "html"
    assert doc.text == PAGE_SEED
    for furniture in BOILERPLATE:
        assert furniture not in doc.text
    assert doc.title == "China's car exports hit a record in 2024"  # og:title over the <title> with its suffix
    assert doc.published == "2025-01-13"
    assert doc.sha256 == hashlib.sha256(PAGE.encode("utf-8")).hexdigest()
    assert doc.seed_name("autowire-exports") == "exports.txt"
    assert doc.pages == ()


def test_a_page_date_comes_from_its_markup_never_from_its_text() -> None:
    assert page_metadata("<html><body><p>Published 12 March 2024</p></body></html>") == (None, None, None)
    json_ld = '<html lang="zh-CN"><head><script type="application/ld+json">{"datePublished": "2024-03-12T10:00"}'
    assert page_metadata(json_ld + "</script><title> A  title </title></head></html>") == (
        "A title",
        "2024-03-12",
        "zh",
    )
    headline = '<script>{"headline": "NEV share passes 59\\u0025", "datePublished": "2025-12-08"}</script>'
    assert page_metadata(headline + "<title>NEV share | EV Daily</title>") == (
        "NEV share passes 59%",
        "2025-12-08",
        None,
    )
    impossible = '<html lang="en"><head><meta name="date" content="2024-13-45"></head></html>'
    assert page_metadata(impossible) == (None, None, "en")


def test_a_chinese_page_in_gbk_is_read_in_its_own_encoding(tmp_path: Path, run) -> None:
    first = "2024年，我国汽车产销量分别完成3128.2万辆和3143.6万辆，同比分别增长3.7%和4.5%。"
    second = "新能源汽车产销量分别完成1288.8万辆和1286.6万辆，同比分别增长34.4%和35.5%。"
    page = (
        '<html lang="zh-CN"><head><meta charset="gbk"><title>2024年汽车工业产销情况</title>'
        '<meta name="publishdate" content="2025-01-13"></head><body><nav><a href="/">首页</a></nav>'
        f"<article><p>{first}</p><p>{second}</p></article><footer>版权所有 2025</footer></body></html>"
    )
    (tmp_path / "caam.html").write_bytes(page.encode("gbk"))
    doc = read_source(str(tmp_path / "caam.html"))
    assert doc.text == f"{first}\n\n{second}\n"
    assert (doc.title, doc.published, doc.language) == ("2024年汽车工业产销情况", "2025-01-13", "zh")
    assert run("init", str(tmp_path / "kb")).exit_code == 0
    added = run("add", str(tmp_path / "caam.html"), "--id", "caam-2024", "--facts", str(tmp_path / "kb" / "facts"))
    assert added.exit_code == 0, added.stderr
    assert "    language: zh\n" in (tmp_path / "kb" / "facts" / "sources.yaml").read_text(encoding="utf-8")


def test_a_page_that_is_not_html_or_has_no_article_is_one_line(tmp_path: Path) -> None:
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(SourceError, match=r"photo.html: not an HTML page \(no <html>, <body> or <p> in it\)$"):
        read_source(str(binary))
    app = tmp_path / "app.html"
    app.write_text("<html><head><title>App</title></head><body><div id='root'></div><script>render()</script>", "utf-8")
    with pytest.raises(SourceError, match=r"app.html: no article text found in the page"):
        read_source(str(app))


# --- PDFs ------------------------------------------------------------------------------------------


def test_a_pdf_keeps_its_pages_and_joins_lines_into_paragraphs(tmp_path: Path) -> None:
    pdf = tmp_path / "caam-2024.pdf"
    data = make_pdf(REPORT_PAGES)
    pdf.write_bytes(data)
    doc = read_source(str(pdf))
    assert doc.kind == "pdf"
    assert doc.text == REPORT_SEED
    assert len(doc.pages) == 2 and doc.pages[0] == 0
    second = doc.pages[1]  # just after the form feed
    assert doc.text[second - 5 : second + 5] == "lion\funits"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.seed_name("caam-2024") == "caam-2024.txt"
    assert "page 1 of 2" not in doc.text and "CAAM Annual Report" not in doc.text


def test_page_numbers_of_a_quote() -> None:
    text = join_pages(["first page.", "second page, which runs", "on to the third.", "Fourth", "", "六"])
    assert text == "first page.\n\f\nsecond page, which runs\fon to the third.\n\f\nFourth\n\f\n\n\f\n六"
    assert page_starts(text) == (0, 14, 38, 57, 66, 69)  # counted by hand
    assert [text[at : at + 3] for at in page_starts(text)] == ["fir", "sec", "on ", "Fou", "\n\f\n", "六"]
    assert page_span(text, 0, 5) == (1, 1)
    start = text.index("which")
    assert page_span(text, start, text.index("third") + 5) == (2, 3)
    assert page_label((2, 3)) == "pp. 2-3" and page_label((4, 4)) == "p. 4"
    assert page_span("no pages here", 0, 4) is None


def test_reflow_breaks_at_headings_list_items_and_short_last_lines() -> None:
    lines = [
        "Key figures",
        "Production and sales both rose in the year, as exports and new energy",
        "vehicles grew fastest.",
        "• Exports: 5.86 million vehicles, more than any other country shipped",
        "• NEV share: 40.9 percent",
    ]
    assert reflow(lines) == (
        "Key figures\n\n"
        "Production and sales both rose in the year, as exports and new energy vehicles grew fastest.\n\n"
        "• Exports: 5.86 million vehicles, more than any other country shipped\n\n"
        "• NEV share: 40.9 percent"
    )
    chinese = ["新能源汽车产销量分别完成1288.8万辆和1286.6万", "辆，同比分别增长34.4%和35.5%。"]
    assert reflow(chinese) == "新能源汽车产销量分别完成1288.8万辆和1286.6万辆，同比分别增长34.4%和35.5%。"  # no space


def test_running_heads_of_chapters_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    bodies = [f"Exports reached {n}.5 million vehicles in month {n}, the most of any country." for n in range(1, 9)]
    pages = [["Chapter 1: Overview", bodies[n - 1], str(n)] for n in (1, 2, 3)]
    pages += [["Chapter 2: Sales by region", bodies[n - 1], f"- {n} -"] for n in (4, 5, 6)]
    pages += [["A heading seen once", bodies[6], "Table 3 continued"], ["Table 3 continued", bodies[7]]]
    (tmp_path / "r.pdf").write_bytes(make_pdf(pages))
    text = read_source(str(tmp_path / "r.pdf")).text
    assert text.split("\n\f\n") == [
        *bodies[:6],
        f"A heading seen once\n\n{bodies[6]} Table 3 continued",  # on two of eight pages: kept (in the paragraph
        # above it: a full line ending a sentence does not end its paragraph, as mid-paragraph lines do that too)
        f"Table 3 continued\n\n{bodies[7]}",
    ]


def test_ligatures_soft_hyphens_and_control_codes_read_as_typed() -> None:
    from types import SimpleNamespace

    from autofacts.reading.pdf import pdf_pages

    class Reader:  # what pypdf gives for a page typeset with ligatures
        is_encrypted = False

        def __init__(self, data: io.BytesIO) -> None:
            text = "The ﬁnancial e\u00adffect of the ﬂeet: 12\x00 million."
            self.pages = [SimpleNamespace(extract_text=lambda: text)]

    stub = SimpleNamespace(PdfReader=Reader)
    assert pdf_pages(b"%PDF-1.4", "x.pdf", stub) == ["The financial effect of the fleet: 12 million."]


def test_a_scanned_locked_or_broken_pdf_is_one_line(tmp_path: Path) -> None:
    import pypdf

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf([[], []]))
    with pytest.raises(SourceError, match=r"scan.pdf: the PDF has no text layer \(a scan\?\): run OCR on it first"):
        read_source(str(scan))
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf(REPORT_PAGES))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as out:
        writer.write(out)
    with pytest.raises(SourceError, match=r"locked.pdf: the PDF is protected by a password; add an unlocked copy$"):
        read_source(str(locked))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(make_pdf(REPORT_PAGES)[:300])
    with pytest.raises(SourceError, match=r"broken.pdf: not a readable PDF \("):
        read_source(str(broken))
    fake = tmp_path / "fake.pdf"
    fake.write_text("just text", encoding="utf-8")
    with pytest.raises(SourceError, match=r"fake.pdf: not a PDF \(it does not start with %PDF-\)$"):
        read_source(str(fake))


def test_a_pdf_locked_only_against_editing_opens(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf(REPORT_PAGES))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    (tmp_path / "owner-locked.pdf").write_bytes(buffer.getvalue())
    assert read_source(str(tmp_path / "owner-locked.pdf")).text == REPORT_SEED


# --- a web server on 127.0.0.1 -----------------------------------------------------------------------


class _Site(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    release = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if self.path == "/slow":
            self.release.wait(10)  # until the test has seen the client give up
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/html"}, b"<p>no</p>"))
        self.send_response(status)
        for key, value in headers.items():
            if value:
                self.send_header(key, value)
        if "Content-Length" not in headers:  # "" sends none: the body ends when the connection closes
            self.send_header("Content-Length", str(len(body)))
        self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    """A web server on 127.0.0.1 (a free port) serving the page, the report and some bad answers."""
    _Site.routes = {
        "/news/exports": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.encode("utf-8")),
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, make_pdf(REPORT_PAGES)),
        "/moved": (302, {"Location": "/news/exports"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        # a chain of redirects: /hop/N leads to /hop/N-1, and /hop/0 to the page
        **{f"/hop/{n}": (301, {"Location": f"/hop/{n - 1}" if n else "/news/exports"}, b"") for n in range(7)},
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/news/%E6%96%B0%E9%97%BB.html": (200, {"Content-Type": "text/html"}, PAGE.encode("utf-8")),
        "/download": (200, {"Content-Type": "application/x-download"}, make_pdf(REPORT_PAGES)),
        "/photo": (200, {"Content-Type": "image/png"}, b"\x89PNG"),
        "/notes.txt": (200, {"Content-Type": "text/plain; charset=gbk"}, "新能源汽车销量1286.6万辆。\n".encode("gbk")),
        "/big": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5000 + b"</p>"),
        "/endless": (200, {"Content-Type": "text/html", "Content-Length": ""}, b"<p>" + b"x" * 5000 + b"</p>"),
    }
    _Site.release.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    _Site.release.set()
    server.shutdown()
    server.server_close()


def test_a_fetched_page_is_read_with_its_address_day_and_checksum(site: str) -> None:
    fetched = fetch_url(f"{site}/moved", today=lambda: date(2026, 12, 4))
    assert fetched.url == f"{site}/news/exports"  # after the redirect
    assert (fetched.content_type, fetched.charset, fetched.retrieved) == ("text/html", "utf-8", date(2026, 12, 4))
    doc = read_fetched(fetched, f"{site}/moved")
    assert doc.text == PAGE_SEED
    assert doc.url == f"{site}/news/exports" and doc.retrieved == date(2026, 12, 4) and doc.path is None
    assert doc.sha256 == hashlib.sha256(PAGE.encode("utf-8")).hexdigest()
    assert doc.seed_name("autowire-exports") == "autowire-exports.txt"
    report = read_fetched(fetch_url(f"{site}/report.pdf"), f"{site}/report.pdf")
    assert report.kind == "pdf" and report.text == REPORT_SEED
    mistyped = read_fetched(fetch_url(f"{site}/download"), f"{site}/download")
    assert mistyped.kind == "pdf" and mistyped.text == REPORT_SEED


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "/missing: the server answered HTTP 404 Not Found"),
        ("/loop", "/loop: more than 5 redirects, or a loop of them: not followed"),
        ("/to-file", "/to-file: redirected to file:///etc/passwd: only http:// and https:// are followed"),
        ("/big", "/big: larger than 1000 bytes, the limit for a document (the server says 5007 bytes)"),
        ("/endless", "/endless: larger than 1000 bytes, the limit for a document"),  # counted as it arrives
    ],
)
def test_a_fetch_that_fails_is_one_line(site: str, path: str, message: str) -> None:
    with pytest.raises(SourceError) as error:
        fetch_url(f"{site}{path}", max_bytes=1000)
    assert str(error.value).endswith(message)


def test_an_address_in_chinese_is_fetched_as_a_browser_sends_it(site: str) -> None:
    assert fetch_url(f"{site}/news/新闻.html").data == PAGE.encode("utf-8")
    assert (
        ascii_url("https://例子.测试/新闻.html?q=汽车")
        == "https://xn--fsqu00a.xn--0zwm56d/%E6%96%B0%E9%97%BB.html?q=%E6%B1%BD%E8%BD%A6"
    )
    assert ascii_url("https://example.org/a%20b?x=1") == "https://example.org/a%20b?x=1"  # ASCII: as given
    with pytest.raises(SourceError, match=r"^http://127.0.0.1:99999/x: the port is not a number from 0 to 65535$"):
        fetch_url("http://127.0.0.1:99999/x")


def test_five_redirects_are_followed_and_six_are_not(site: str) -> None:
    assert fetch_url(f"{site}/hop/4").url == f"{site}/news/exports"  # /hop/4 → 3 → 2 → 1 → 0 → page: 5
    with pytest.raises(SourceError, match=r"/hop/5: more than 5 redirects, or a loop of them: not followed$"):
        fetch_url(f"{site}/hop/5")


def test_a_fetched_text_is_decoded_in_the_charset_the_server_names(site: str) -> None:
    doc = read_fetched(fetch_url(f"{site}/notes.txt"), f"{site}/notes.txt")
    assert (doc.kind, doc.text) == ("text", "新能源汽车销量1286.6万辆。\n")
    assert doc.sha256 == hashlib.sha256("新能源汽车销量1286.6万辆。\n".encode("gbk")).hexdigest()  # the bytes sent


def test_the_cli_starts_without_the_sources_extra() -> None:
    import subprocess
    import sys

    probe = "import sys, autofacts.cli; print(sorted(m for m in ('trafilatura', 'pypdf', 'urllib.request') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


def test_a_fetch_gives_up_after_its_timeout_and_refuses_other_schemes(site: str) -> None:
    with pytest.raises(SourceError, match=r"/slow: no answer within 0.3 seconds$"):
        fetch_url(f"{site}/slow", timeout=0.3)
    with pytest.raises(SourceError, match=r"^ftp://example.com/a.pdf: only http:// and https:// addresses"):
        fetch_url("ftp://example.com/a.pdf")
    with pytest.raises(SourceError, match=r"the server sent 'image/png', not an HTML page, a PDF or text$"):
        read_fetched(fetch_url(f"{site}/photo"), f"{site}/photo")


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pypdf", None)  # as if not installed: importing it fails
    (tmp_path / "r.pdf").write_bytes(make_pdf(REPORT_PAGES))
    with pytest.raises(SourceError) as error:
        read_source(str(tmp_path / "r.pdf"))
    assert (
        str(error.value) == "reading this document needs pypdf: pip install 'autofacts[sources]' (trafilatura, pypdf)"
    )


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"nothing.pdf: cannot read: No such file or directory"):
        read_source(str(tmp_path / "nothing.pdf"))


# --- the CLI: each kind of document ends in a base `check` passes ------------------------------------


@pytest.fixture
def base(tmp_path: Path, run) -> Path:
    """A new empty knowledge base in tmp_path/kb; returns its facts folder."""
    assert run("init", str(tmp_path / "kb")).exit_code == 0
    return tmp_path / "kb" / "facts"


def _fact(source: str, fid: str, metric: str, value: str, quote: str) -> str:
    return (
        f"source: {source}\nfacts:\n  - id: {fid}\n    metric: {metric}\n    region: China\n    period: 2024\n"
        f"    kind: actual\n    value: {value}\n    quote: {quote!r}\n"
    )


def test_add_a_web_page_then_check_passes_and_boilerplate_cannot_be_quoted(
    base: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # short paths in the message, which wraps at 80 columns
    page = Path("exports.html")
    page.write_text(PAGE, encoding="utf-8")
    result = run("add", str(page), "--id", "autowire-exports", "--publisher", "AutoWire", "--facts", str(base))
    assert result.exit_code == 0, result.stderr
    page_sha = hashlib.sha256(PAGE.encode("utf-8")).hexdigest()
    seed_sha = hashlib.sha256(PAGE_SEED.encode("utf-8")).hexdigest()
    assert result.stdout.startswith(
        f"Read a web page from {page} (sha256 {page_sha[:12]}…).\n"
        'Took the title "China\'s car exports hit a record in 2024" and date 2025-01-13\n'
        "  from the page's markup: check them.\n"
    )
    assert f"(sha256 {seed_sha[:12]}…)\nand registered source autowire-exports in" in result.stdout
    seed = base.parent / "seeds" / "exports.txt"
    assert seed.read_text(encoding="utf-8") == PAGE_SEED
    assert (
        (base / "sources.yaml")
        .read_text(encoding="utf-8")
        .endswith(
            "  - id: autowire-exports\n"
            "    file: exports.txt\n"
            "    title: China's car exports hit a record in 2024\n"
            "    publisher: AutoWire\n"
            "    published: 2025-01-13\n"
            "    language: en\n"
            f"    sha256: {seed_sha}\n"
            "    format: html\n"
            f"    original_sha256: {page_sha}\n"
        )
    )
    review = (base.parent / "review" / "autowire-exports.yaml").read_text(encoding="utf-8")
    assert '"5.86 million"' in review
    for furniture in ("99", "199", "0199", "Top 10"):
        assert f'figure: "{furniture}"' not in review
    (base / "autowire-exports.yaml").write_text(
        _fact("autowire-exports", "china-vehicle-exports-2024", "vehicle-exports", "5860000", ARTICLE_1), "utf-8"
    )
    assert run("check", "--facts", str(base)).stdout.endswith(" 1 source, no errors\n")
    # a figure from the sidebar is not in the seed: `check` says so
    sidebar = _fact("autowire-exports", "battery-prices", "vehicle-exports", "20", "Battery prices fall 20 percent")
    (base / "sidebar.yaml").write_text(sidebar, "utf-8")
    checked = run("check", "--facts", str(base))
    assert checked.exit_code == 1
    assert (
        'error[E120]: quote not found verbatim in seeds/exports.txt: "Battery prices fall 20 percent"\n'
        in checked.stdout
    )


def test_add_a_pdf_then_cite_gives_the_page_and_check_passes(
    base: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    pdf = Path("caam-2024.pdf")
    pdf.write_bytes(make_pdf(REPORT_PAGES))
    result = run(
        "add", str(pdf), "--id", "caam-2024", "--title", "CAAM annual report 2024", "--published", "2025-01-13",
        "--facts", str(base),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Read a PDF of 2 pages from {pdf} (sha256 ")
    assert (base.parent / "seeds" / "caam-2024.txt").read_text(encoding="utf-8") == REPORT_SEED
    sources = (base / "sources.yaml").read_text(encoding="utf-8")
    assert "    format: pdf\n" in sources and "    retrieved:" not in sources
    # the sentence that runs over the page break is one candidate's quote, the form feed a space in it
    review = read_review(base.parent / "review" / "caam-2024.yaml")
    quotes = {draft.figure: draft.quote for draft in review.drafts}
    assert quotes["12.87 million"] == (
        "Sales of new energy vehicles rose 35.5 percent to 12.87 million units, making up 40.9 percent of all "
        "new vehicle sales, up from under one-third in 2023."
    )
    # a quote on page 2, and one that runs over the page break
    share = "units, making up 40.9 percent of all new vehicle sales, up from under one-third in 2023."
    over = "Sales of new energy vehicles rose 35.5 percent to 12.87 million units, making up 40.9 percent"
    facts = _fact("caam-2024", "china-nev-share-2024", "nev-share", "40.9", share)
    facts += "  - id: china-nev-sales-2024\n    metric: nev-sales\n    region: China\n    period: 2024\n"
    facts += f"    kind: actual\n    value: 12870000\n    quote: {over!r}\n"
    (base / "caam-2024.yaml").write_text(facts, "utf-8")
    checked = run("check", "--facts", str(base))
    assert checked.exit_code == 0, checked.stdout
    assert checked.stdout.startswith("ok: 2 facts, ") and checked.stdout.endswith(" 1 source, no errors\n")
    cited = run("cite", "china-nev-share-2024", "--facts", str(base), "--format", "json")
    assert '"pages": [\n    2,\n    2\n  ]' in cited.stdout
    footnote = run("cite", "china-nev-sales-2024", "--facts", str(base), "--format", "markdown").stdout
    assert footnote.endswith("`seeds/caam-2024.txt`, line 5, pp. 1-2.\n")
    text = run("cite", "china-nev-share-2024", "--facts", str(base)).stdout
    assert "seeds/caam-2024.txt, line 5, p. 2 of the PDF\n" in text
    # moving a page break in the seed is an edit `check` reports: the page cited cannot drift silently
    seed = base.parent / "seeds" / "caam-2024.txt"
    moved = REPORT_SEED.replace("million\funits, making up", "million units, making\fup")
    seed.write_text(moved, encoding="utf-8")
    edited = run("check", "--facts", str(base))
    assert edited.exit_code == 1
    assert "error[E114]: seed file 'caam-2024.txt' was edited after it was registered" in edited.stdout
    assert "E120" not in edited.stdout  # the quotes still match: only the hash tells


def test_add_an_address_records_it_with_the_day_and_checksum(base: Path, site: str, run) -> None:
    result = run("add", f"{site}/moved", "--id", "autowire-exports", "--facts", str(base))
    assert result.exit_code == 0, result.stderr
    seed = base.parent / "seeds" / "autowire-exports.txt"
    assert seed.read_text(encoding="utf-8") == PAGE_SEED
    sources = (base / "sources.yaml").read_text(encoding="utf-8")
    today = datetime.now(timezone.utc).date().isoformat()  # the day (UTC) the test runs: the clock is tested above
    assert f'    url: "{site}/news/exports"\n    retrieved: {today}\n' in sources
    assert f"    original_sha256: {hashlib.sha256(PAGE.encode('utf-8')).hexdigest()}\n" in sources
    listed = json.loads(run("sources", "--facts", str(base), "--format", "json").stdout)["sources"][0]
    assert (listed["url"], listed["retrieved"], listed["format"]) == (f"{site}/news/exports", today, "html")
    assert listed["original_sha256"] == hashlib.sha256(PAGE.encode("utf-8")).hexdigest()
    (base / "autowire-exports.yaml").write_text(
        _fact("autowire-exports", "china-vehicle-exports-2024", "vehicle-exports", "5860000", ARTICLE_1), "utf-8"
    )
    checked = run("check", "--facts", str(base))
    assert checked.exit_code == 0, checked.stdout
    assert checked.stdout.endswith(" 1 source, no errors\n")
    again = run("add", f"{site}/news/exports", "--id", "autowire-2", "--facts", str(base))
    assert again.exit_code == 1
    assert again.stderr == (
        f"autofacts: error[E003]: {site}/news/exports: the same text is already in the seeds folder as "
        "autowire-exports.txt (source 'autowire-exports')\n"
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "/missing: the server answered HTTP 404 Not Found"),
        ("/photo", "/photo: the server sent 'image/png', not an HTML page, a PDF or text"),
    ],
)
def test_add_of_a_bad_address_is_one_line_and_writes_nothing(base: Path, site: str, run, path, message) -> None:
    before = (base / "sources.yaml").read_text(encoding="utf-8")
    result = run("add", f"{site}{path}", "--id", "x", "--facts", str(base))
    assert result.exit_code == 1
    assert result.stderr == f"autofacts: error[E010]: {site}{message}\n"
    assert (base / "sources.yaml").read_text(encoding="utf-8") == before
    assert list((base.parent / "seeds").iterdir()) == []


def test_add_of_an_address_records_where_it_was_fetched_from(base: Path, site: str, run) -> None:
    result = run("add", f"{site}/moved", "--id", "a", "--url", "https://example.org/a", "--facts", str(base))
    assert result.exit_code == 2
    assert result.stderr == (
        "autofacts: error[U001]: --url https://example.org/a: the document was fetched from "
        f"{site}/news/exports, which is recorded as its url\n"
    )


def test_add_of_a_pdf_needs_a_date_and_says_so(base: Path, tmp_path: Path, run) -> None:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(make_pdf(REPORT_PAGES))
    result = run("add", str(pdf), "--id", "r", "--title", "R", "--facts", str(base))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"autofacts: error[U001]: --published is needed: {pdf} states no publication date autofacts can read\n"
    )
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf([[]]))
    result = run("add", str(scan), "--id", "r", "--title", "R", "--published", "2025-01", "--facts", str(base))
    assert result.exit_code == 1
    assert result.stderr == (
        f"autofacts: error[E010]: {scan}: the PDF has no text layer (a scan?): run OCR on it first, e.g. ocrmypdf\n"
    )
