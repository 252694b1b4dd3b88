"""A web page's article and what its markup states about it, for `add page.html | https://...`.

The article is trafilatura's: it drops navigation, adverts, "most read" lists, comments and footers,
whose figures are not the article's. The title, publication day and language are taken only where
the markup states them (og:title, JSON-LD headline or <title>; a date meta tag or JSON-LD
datePublished; <html lang>), never guessed from the text: a wrong date would be a silent wrong in
every answer citing the page.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from types import ModuleType

from autofacts.errors import SourceError

HTML_MARK = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|main|p|div)\b", re.IGNORECASE)


@dataclass(frozen=True)
class WebPage:
    """A page's article text (a paragraph to a line, a blank line between) and what its markup states."""

    text: str
    title: str | None
    published: str | None  # YYYY-MM-DD
    language: str | None  # "en", "zh": the primary tag of <html lang>


def read_page(data: bytes, origin: str, charset: str | None, trafilatura: ModuleType) -> WebPage:
    """The page in `data` (bytes in `charset` when the server named one, else as the markup says)."""
    if not HTML_MARK.search(data[:65536]):
        raise SourceError(f"{origin}: not an HTML page (no <html>, <body> or <p> in it)")
    markup = _decode(data, charset, trafilatura)
    title, published, language = page_metadata(markup)
    return WebPage(article_text(markup, origin, trafilatura), title, published, language)


def _decode(data: bytes, charset: str | None, trafilatura: ModuleType) -> str:
    if charset:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            return data.decode(charset)
    return str(trafilatura.utils.decode_file(data))  # <meta charset>, else detected


def article_text(markup: str, origin: str, trafilatura: ModuleType) -> str:
    """The main text of a page, a paragraph to a line with a blank line between."""
    # Precision over recall: a menu item or a teaser kept in the seed can become a "fact"; a
    # paragraph dropped is seen by the curator, who reads the seed against the page.
    try:
        text = trafilatura.extract(
            markup, output_format="txt", include_comments=False, include_tables=True, favor_precision=True
        )
    except Exception as exc:  # a parser fed hostile markup may fail any way; say so in one line
        raise SourceError(f"{origin}: the page could not be read ({type(exc).__name__})") from None
    paragraphs = [" ".join(line.split()) for line in (text or "").split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise SourceError(f"{origin}: no article text found in the page (a list of links, or built by JavaScript?)")
    return "\n\n".join(paragraphs) + "\n"


# Meta tags where a page states when it was published; the first one present is taken.
_DATE_METAS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "citation_publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "pubdate",
    "publishdate",
    "date",
)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})')
_JSON_LD_HEADLINE = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.){1,500})"')
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class _Head(HTMLParser):
    """Collects <title>, the <meta> tags and <html lang> of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.metas: dict[str, str] = {}
        self.title = ""
        self.lang = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if tag == "meta":
            named = dict(attrs)
            key = (named.get("property") or named.get("name") or named.get("itemprop") or "").lower()
            if key and named.get("content") and key not in self.metas:
                self.metas[key] = str(named["content"]).strip()
        self._in_title = tag == "title" and not self.title

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _headline(text: str) -> str:
    """A JSON-LD headline, its escapes read ("" when there is none, or it is not valid JSON text)."""
    found = _JSON_LD_HEADLINE.search(text)
    if found is None:
        return ""
    try:
        return str(json.loads(f'"{found.group(1)}"'))
    except ValueError:
        return ""


def page_metadata(text: str) -> tuple[str | None, str | None, str | None]:
    """The title, publication day and language a page's markup states."""
    head = _Head()
    with contextlib.suppress(AssertionError, ValueError):  # broken markup: no metadata then
        head.feed(text)
    stated = head.metas.get("og:title") or _headline(text) or head.title
    title = " ".join(stated.split()) or None
    published = None
    for key in _DATE_METAS:
        day = _ISO_DAY.match(head.metas.get(key, ""))
        if day:
            published = day.group(0)
            break
    if published is None:
        found = _JSON_LD_DATE.search(text)
        published = found.group(1) if found else None
    if published is not None:
        try:
            date.fromisoformat(published)
        except ValueError:
            published = None  # "2025-13-45" states no real day
    language = head.lang.split("-")[0].strip().lower() or None
    return title, published, language
