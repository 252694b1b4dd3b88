"""`autofacts report`: one self-contained page, checked in headless Chromium through its DOM."""

from __future__ import annotations

import re
import shutil
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from autofacts.browser import find_chromium, run_chromium


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
    result = CliRunner().invoke(app, ["report", "-o", str(out), "--year", "2025", "--compare", "2020", "2024"])
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
        row = re.search(rf'<tr id="target-{re.escape(verdict["target"]["id"])}">(.*?)</tr>', html)
        assert row, verdict["target"]["id"]
        assert f">{escape(verdict['status'])}" in row.group(1)


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
