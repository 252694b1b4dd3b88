"""`autofacts report`: one self-contained page, checked in headless Chromium through its DOM."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal as D
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from autofacts.output.browser import find_chromium, run_chromium
from autofacts.output.headlines import headline, headline_section
from tests import small_base as inline


class Anchors(HTMLParser):
    """Ids, links and fact marks of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.cited: set[str] = set()
        self.external: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])  # type: ignore[arg-type]
        href = a.get("href") or a.get("xlink:href")
        if href:
            (self.links if href.startswith("#") else self.external).append(href)
            if href.startswith("#cite-"):
                self.cited.add(href[len("#cite-") :])
        if a.get("src"):
            self.external.append(a["src"])  # type: ignore[arg-type]
        if tag == "script":
            self.scripts += 1


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from autofacts.cli import app

    out = tmp_path_factory.mktemp("report") / "report.html"
    # module-scoped, so the per-test environment of conftest does not apply yet: a cache of its own
    cache = {"AUTOFACTS_CACHE_DIR": str(tmp_path_factory.mktemp("cache")), "AUTOFACTS_FACTS": None}
    result = CliRunner().invoke(
        app, ["report", "-o", str(out), "--year", "2025", "--compare", "2020", "2024"], env=cache
    )
    assert result.exit_code == 0, result.stderr
    return out


def test_every_fact_and_target_is_cited_with_working_anchors(page: Path, kb) -> None:
    parser = Anchors()
    parser.feed(page.read_text(encoding="utf-8"))
    assert {f.id for f in kb.facts} <= parser.cited  # every fact of the shipped base
    for link in parser.links:
        assert link[1:] in parser.ids, f"{link} points nowhere"
    for fact in kb.facts:
        assert f"cite-{fact.id}" in parser.ids and f"quote-{fact.id}" in parser.ids
    assert parser.external == [] and parser.scripts == 0  # nothing fetched, no script


def test_targets_scorecard_matches_the_targets_command(page: Path, run_json) -> None:
    html = page.read_text(encoding="utf-8")
    doc = run_json("targets", "--year", "2025")
    for verdict in doc["targets"]:
        row = re.search(
            rf'<article class="target" id="target-{re.escape(verdict["target"]["id"])}">(.*?)</article>', html
        )
        assert row, verdict["target"]["id"]
        assert f">{escape(verdict['status'])}" in row.group(1)


def _article(html: str, id_: str) -> str:
    found = re.search(rf'<article [^>]*id="{re.escape(id_)}">(.*?)</article>', html)
    assert found, id_
    return found.group(1)


def test_bullets_place_target_line_and_bars_on_a_round_scale(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    # vehicle sales: target ≈ 32.3 M, outcome > 34 M; the axis runs 0-40 M in steps of 10 M
    # (the goal as the ministry states it: the explainer's restatement of it is not judged again)
    sales = _article(html, "target-cn-vehicle-sales-2025-target-miit")
    assert 'class="line" href="#cite-cn-vehicle-sales-2025-target-miit" style="left:80.75%"' in sales  # 32.3 / 40
    assert 'id="target-cn-vehicle-sales-2025-target"' not in html
    # 34 / 40; of the two "over 34 million" the original (global-attention) is drawn, not the Chinese
    # summary that restates it, though the summary is more recent
    assert 'href="#cite-cn-vehicle-sales-2025" class="bar" style="left:0%;width:85%"' in sales
    assert 'class="more" style="left:85%;width:15%"' in sales  # "over": the bar fades on to the axis's end
    assert 'class="band" style="left:76.71%;width:8.08%"' in sales  # ±5 %: 30.685 and 33.915 of 40
    ticks = re.findall(r'class="tick[^"]*" style="left:([\d.]+)%">([^<]*)<', sales)
    assert ticks == [("0", "0"), ("25", "10"), ("50", "20"), ("75", "30"), ("100", "40")]
    assert '<div class="axis-unit">million vehicles</div>' in sales
    # Chongqing: 2.4981 M of 2.6 M in Jan-Nov, seasonally projected to 2.54 M x 1.121 = 2.84734 M; axis 0-3 M
    cq = _article(html, "target-chongqing-vehicle-production-2025-target")
    assert 'style="left:86.67%" title="the target"' in cq  # 2.6 / 3
    assert 'class="bar" style="left:0%;width:83.27%"' in cq  # 2.4981 / 3
    assert 'class="proj" style="left:83.27%;width:11.64%"' in cq  # to 2.84734 / 3 = 94.91 %
    assert "96.08 % of target" in cq and "on track (projected)" in cq
    # notes are text under the row, in full
    assert "still needed 101,900 vehicles" in cq
    # nothing to draw: no bullet, the note says why
    nodata = _article(html, "target-cn-manufacturing-added-value-growth-2025-target")
    assert 'class="bullet' not in nodata and "no reported manufacturing-added-value-growth for 2025" in nodata


def test_headline_first_with_latest_value_change_and_source(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    body = html[html.index("<body>") :]
    assert body.index('id="headline"') < body.index('id="targets"') < body.index('id="trends"')
    cards = re.findall(r'<article class="card" id="headline-([^"]+)">', html)
    # most periods reported: vehicle production 5, then four metrics with 3 each, by their number of facts:
    # vehicle sales and NEV production 6 each (vehicle sales: 2023, 2024 twice, 2025 and the 2025 goal
    # twice), so the catalogue's order puts vehicle sales first; Chongqing's production rank 4 (2014/2016,
    # 2017, 2019 and a 2025 forecast); the NEV share 3 (2020, 2024, Oct 2025), left out
    assert cards == ["vehicle-production", "vehicle-sales", "nev-production", "vehicle-production-rank"]
    sales = _article(html, "headline-vehicle-sales")
    # > 34 M in 2025 on the ministry's exact 31.436 M for 2024: > +2.564 M, > 34 / 31.436 - 1 = +8.156 %
    assert "<b>&gt; +2.564 million vehicles</b> (&gt; +8.156 %) on 2024" in sales
    assert 'data-fact="cn-vehicle-sales-2024-miit">31.436 million vehicles</a>' in sales
    nev = _article(html, "headline-nev-production")
    # > 16 M minus at most 13.65 M (≈ 13 M: "about" is more precise than "over"; of the two "about"s the
    # original, fyp14-review, not the Chinese summary restating it)
    assert "<b>&gt; +2.35 million vehicles</b>" in nev and 'data-fact="cn-nev-production-2024-fyp"' in nev
    assert "[Chinese automobiles draw international attention], 2026-01" in nev  # the source of the latest figure
    assert "zh-2025-summary" not in nev and "2025年" not in nev
    production = _article(html, "headline-vehicle-production")
    assert "both figures are lower bounds, so the change is not known" in production  # > 34 M on > 30 M


def test_a_headline_is_the_latest_full_period_and_its_change_on_the_like_period_before() -> None:
    """Inline facts (synthetic figures): a share of 40 % in 2024, over 50 % in 2025 and 52 % in October
    2025. The headline is 2025, not October (the year ends later), and its change is on 2024, the
    latest earlier period of the same length: over 50 - 40 = over +10 pp."""
    kb = inline.small_base(
        inline.fact("share-2024", "2024", "40", metric="nev-share"),
        inline.fact("share-2025", "2025", "50", "over", metric="nev-share"),
        inline.fact("share-2025-10", "2025-10", "52", metric="nev-share"),
    )
    h = headline(kb, kb.metrics["nev-share"])
    assert h is not None and h.latest.id == "share-2025"
    assert h.previous is not None and h.previous.id == "share-2024"
    assert h.change is not None and h.change.change is not None
    assert (h.change.change.lo, h.change.change.lo_open, h.change.change.hi) == (D(10), True, None)
    card = headline_section(kb, [kb.metrics["nev-share"]])
    assert 'data-fact="share-2025">&gt; 50 %</a>' in card
    assert "<b>&gt; +10 pp</b> on 2024" in card and 'data-fact="share-2024">40 %' in card


def test_trend_charts_only_for_two_periods_or_more(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    trends = re.findall(r'<article class="trend" id="trend-([^"]+)">', html)
    # then, with one period of outcomes or fewer: NEV sales (2024, 2025), vehicle and NEV sales growth
    # (2024 stated, the 2025 goal): by the catalogue's order
    assert trends == [
        "vehicle-production",
        "vehicle-sales",
        "nev-production",
        "vehicle-production-rank",
        "nev-share",
        "nev-sales",
        "vehicle-sales-growth",
        "nev-sales-growth",
    ]
    # vehicle production and NEV production draw their cities apart from China, on their own scale
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 10
    single = html[html.index('<section id="single">') :]
    single = single[: single.index("</section>")]
    assert (
        "Headquarters enterprises in the cluster" in single
        and 'data-fact="chongqing-headquarters-enterprises' in single
    )
    assert "NEV exports" in single and "“" in single  # quotes come with the single figures
    assert "NEV sales<" not in single  # stated for 2024 and 2025: a trend
    assert "Vehicle production<" not in single
    # regions as series: the vehicle production chart names each one, the partial year apart
    production = _article(html, "trend-vehicle-production")
    for name in ("China", "Chongqing", "Chongqing, Jan–Nov 2025", "Guangzhou"):
        assert f"</i>{name}</span>" in production
    assert "million vehicles</text>" in production  # the unit said once, on the axis


def test_refuses_to_overwrite_without_force(run, page: Path, tmp_path: Path) -> None:
    page = Path(shutil.copy(page, tmp_path / "mine.html"))
    before = page.read_bytes()
    result = run("report", "-o", str(page))
    assert result.exit_code == 1 and "refusing to overwrite" in result.stderr
    assert page.read_bytes() == before
    assert run("report", "-o", str(page), "--force", "--metric", "nev-share").exit_code == 0
    assert page.read_bytes() != before


def test_chart_svg_draws_bounds_honestly(run, tmp_path: Path) -> None:
    out = tmp_path / "nev.svg"
    assert run("show", "nev-production", "--chart", "--output", str(out)).exit_code == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "stroke-dasharray" in svg  # the open-ended "over 16 million"
    assert svg.count("<circle") >= 6
    assert run("show", "nev-production", "--chart", "--output", str(out)).exit_code == 1  # never overwritten
    assert run("show", "nev-production", "--chart", "--output", str(tmp_path / "x.gif")).exit_code == 2


chromium = pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (.ci/run installs it)")


@chromium
def test_the_page_in_headless_chromium(page: Path, kb, tmp_path: Path) -> None:
    """Chromium parses the page; its DOM holds every fact's citation and every anchor resolves."""
    dom = run_chromium(["--dump-dom", page.resolve().as_uri()]).stdout
    parser = Anchors()
    parser.feed(dom)
    assert {f.id for f in kb.facts} <= parser.cited
    assert all(link[1:] in parser.ids for link in parser.links)
    shot = tmp_path / "report.png"
    run_chromium([f"--screenshot={shot}", "--window-size=1100,1400", page.resolve().as_uri()])
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


# Measured inside the page as Chromium lays it out, at a given width: the report itself has no script,
# so the test wraps it in an iframe of that width (headless windows are at least 500 px wide) and
# writes what it measured into the DOM that --dump-dom returns.
PROBE = """<!doctype html><html><body style="margin:0">
<iframe id="f" style="width:WIDTHpx;height:900px;border:0" srcdoc="PAGE"></iframe>
<script>
window.addEventListener("load", () => {
  const d = f.contentDocument, w = f.contentWindow;
  const over = [...d.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > w.innerWidth + 0.5)
    .slice(0, 5).map(e => e.tagName + "#" + e.id + "." + e.getAttribute("class"));
  const links = [...d.querySelectorAll('a[href^="#"]')];
  const broken = links.filter(a => !d.getElementById(a.getAttribute("href").slice(1))).map(a => a.getAttribute("href"));
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({width: w.innerWidth, scroll: d.documentElement.scrollWidth, over, broken,
    links: links.length, cited: [...new Set(links.map(a => a.getAttribute("href")).filter(h => h.startsWith("#cite-")))]});
  document.body.appendChild(out);
});
</script></body></html>"""


def measure(page: Path, width: int, tmp_path: Path) -> dict:
    import json

    probe = tmp_path / f"probe-{width}.html"
    probe.write_text(
        PROBE.replace("WIDTH", str(width)).replace("PAGE", escape(page.read_text(encoding="utf-8"))), encoding="utf-8"
    )
    dom = run_chromium(["--window-size=1400,1000", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()]).stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom)
    assert found, dom[-500:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


@chromium
@pytest.mark.parametrize("width", [1280, 390])
def test_no_sideways_scrolling_and_every_anchor_resolves(page: Path, kb, width: int, tmp_path: Path) -> None:
    """At a laptop's 1280 px and a phone's 390 px: the page is no wider than the window, no element
    sticks out to the right (not even inside a scroll box), and every in-page link lands on an id."""
    seen = measure(page, width, tmp_path)
    assert seen["width"] == width
    assert seen["scroll"] <= seen["width"], seen
    assert seen["over"] == []
    assert seen["broken"] == [] and seen["links"] > 300
    assert {f"#cite-{f.id}" for f in kb.facts} <= set(seen["cited"])  # every figure links to its citation


@chromium
def test_the_old_wide_targets_table_would_fail(tmp_path: Path) -> None:
    """The probe can fail: a table with a long unbreakable note overflows a phone."""
    page = tmp_path / "wide.html"
    page.write_text(
        '<!doctype html><meta name="viewport" content="width=device-width"><body><table><tr><td>'
        + "x" * 120
        + '</td></tr></table><a href="#nowhere">x</a></body>',
        encoding="utf-8",
    )
    seen = measure(page, 390, tmp_path)
    assert seen["scroll"] > 390 and seen["over"] and seen["broken"] == ["#nowhere"]


def test_judged_targets_come_before_those_without_data(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    statuses = re.findall(
        r'<article class="target" id="target-[^"]+"><header><span class="status [^"]+">([^<]+)<', html
    )
    assert statuses == [
        "met",  # NEV sales, China
        "met",  # NEV sales growth, China: over 17 M on the ministry's 12.866 M, > +32.1 %
        "met",  # vehicle sales, China
        "met",  # vehicle sales growth, China: over 34 M on the ministry's 31.436 M, > +8.16 %
        "on track (projected)",  # vehicle production, Chongqing
        "no data",
        "not measurable",
        "no data",
    ]
