"""Documents as people find them, read into the plain text a seed holds: a text file, a web page
saved as HTML, a PDF report, or any of these at an http(s) address.

A seed is what `check` verifies quotes against, so it must be text a person can read and quote:
for a web page that is its article alone (trafilatura drops navigation, adverts, "most read" lists
and footers, whose figures are not the article's), one paragraph to a line with a blank line
between; for a PDF, the text of each page with a form feed between pages (pages.py), so a citation
can say "p. 3". The document's own bytes are hashed as well as the seed: sources.yaml records both.

trafilatura and pypdf are an optional extra (`autofacts[sources]`): they are imported only when
such a document is read, so every other command starts without them.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import logging
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

from autofacts.errors import SourceError, UsageError
from autofacts.files import MAX_SEED_BYTES, read_limited
from autofacts.reading.fetch import MAX_DOCUMENT_BYTES, Fetched, fetch_url, size_text
from autofacts.reading.pages import join_pages
from autofacts.reading.pdf import pdf_pages
from autofacts.seeds import decode

KINDS = ("text", "html", "pdf")
EXTRA = "sources"  # pip install 'autofacts[sources]'
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_MARK = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|main|p|div)\b", re.IGNORECASE)


@dataclass(frozen=True)
class SourceText:
    """A document read for `add`: the text its seed will hold, and where that text came from."""

    text: str
    kind: str  # one of KINDS: what the document was
    origin: str  # the path or address as given on the command line
    sha256: str  # of the document's bytes as read or fetched (for a text file, the seed's own hash)
    path: Path | None = None  # the local file; None for a fetched document
    url: str | None = None  # where it was fetched from, after redirects
    retrieved: date | None = None  # the day it was fetched
    pages: tuple[int, ...] = ()  # where each page starts in `text` (a PDF's); () for no pages
    title: str | None = None  # the title the document's markup states (HTML), if any
    published: str | None = None  # the publication date the markup states (YYYY-MM-DD), never guessed

    def seed_name(self, source_id: str) -> str:
        """The seed's file name: a text file keeps its name; a page or PDF becomes NAME.txt; a fetched
        document is named after its source id (an address has no trustworthy file name)."""
        if self.path is None:
            return f"{source_id}.txt"
        return self.path.name if self.kind == "text" else f"{self.path.stem}.txt"


def is_url(origin: str) -> bool:
    return bool(_URL.match(origin))


def read_source(origin: str) -> SourceText:
    """The document named on the command line: a local file, or an http(s) address fetched now."""
    if is_url(origin):
        return read_fetched(fetch_url(origin), origin)
    path = Path(origin)
    try:
        data = read_limited(path, MAX_DOCUMENT_BYTES)
    except OSError as exc:
        raise UsageError(f"{origin}: cannot read: {exc.strerror or exc}") from None
    kind = _local_kind(path, data)
    return _read_bytes(data, kind, origin, path=path)


def read_fetched(fetched: Fetched, origin: str) -> SourceText:
    """A fetched document, read by what the server says it is (checked against its bytes)."""
    ctype = fetched.content_type
    if ctype in _HTML_TYPES:
        kind = "html"
    elif ctype == "application/pdf" or (ctype in ("", "application/octet-stream") and _is_pdf(fetched.data)):
        kind = "pdf"
    elif ctype == "text/plain":
        kind = "text"
    else:
        raise SourceError(f"{origin}: the server sent '{ctype or 'no content type'}', not an HTML page, a PDF or text")
    return _read_bytes(
        fetched.data, kind, origin, url=fetched.url, retrieved=fetched.retrieved, charset=fetched.charset
    )


def _is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def _local_kind(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if _is_pdf(data):
        return "pdf"
    if suffix == ".pdf":
        raise SourceError(f"{path}: not a PDF (it does not start with %PDF-)")
    if suffix in _HTML_SUFFIXES:
        return "html"
    return "html" if _HTML_MARK.search(data[:4096]) and data.lstrip()[:1] == b"<" else "text"


def _read_bytes(
    data: bytes,
    kind: str,
    origin: str,
    path: Path | None = None,
    url: str | None = None,
    retrieved: date | None = None,
    charset: str | None = None,
) -> SourceText:
    digest = hashlib.sha256(data).hexdigest()
    title = published = None
    pages: tuple[int, ...] = ()
    if kind == "pdf":
        page_texts = pdf_pages(data, origin, _optional("pypdf"))
        text = join_pages(page_texts)
        pages = _page_starts(text)
    elif kind == "html":
        text = html_text(data, origin)
        title, published = html_metadata(data)
    else:
        text = _plain_text(data, origin, charset)
    if len(text.encode("utf-8")) > MAX_SEED_BYTES:
        raise SourceError(f"{origin}: its text is larger than {size_text(MAX_SEED_BYTES)}, the limit for a seed")
    return SourceText(text, kind, origin, digest, path, url, retrieved, pages, title, published)


def _page_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    at = text.find("\f")
    while at >= 0:
        starts.append(at + 2)  # past the form feed and its line break
        at = text.find("\f", at + 1)
    return tuple(starts)


def _plain_text(data: bytes, origin: str, charset: str | None) -> str:
    try:
        return data.decode(charset) if charset and charset.lower() not in ("utf-8", "utf8") else decode(data)
    except UnicodeDecodeError as exc:
        raise SourceError(f"{origin}: not {charset or 'UTF-8'} text (byte {exc.start})") from None
    except LookupError:
        raise SourceError(f"{origin}: unknown character set '{charset}'") from None


def _optional(name: str) -> ModuleType:
    """A module of the `sources` extra, or a one-line error saying how to install it."""
    try:
        module = importlib.import_module(name)
    except ImportError:
        raise SourceError(
            f"reading this document needs {name}: pip install 'autofacts[{EXTRA}]' (trafilatura, pypdf)"
        ) from None
    logging.getLogger(name).setLevel(logging.ERROR)  # its warnings about odd markup are not the user's business
    return module


# --- HTML --------------------------------------------------------------------------------------


def html_text(data: bytes, origin: str) -> str:
    """The main text of a web page, a paragraph to a line with a blank line between (trafilatura)."""
    if not _HTML_MARK.search(data[:65536]):
        raise SourceError(f"{origin}: not an HTML page (no <html>, <body> or <p> in it)")
    trafilatura = _optional("trafilatura")
    try:
        text = trafilatura.extract(data, output_format="txt", include_comments=False, include_tables=True)
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
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class _Head(HTMLParser):
    """Collects <title> and the <meta> tags of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.metas: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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


def html_metadata(data: bytes) -> tuple[str | None, str | None]:
    """The title and publication day a page's markup states (og:title or <title>; a date meta tag
    or JSON-LD datePublished). Never a date guessed from the text: a wrong date would be silent."""
    text = data.decode("utf-8", errors="replace")
    head = _Head()
    with contextlib.suppress(AssertionError, ValueError):  # broken markup: no metadata then
        head.feed(text)
    title = " ".join((head.metas.get("og:title") or head.title).split()) or None
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
    return title, published


def describe(doc: SourceText) -> str:
    """What was read, for the message `add` prints ("a PDF of 3 pages", "a web page")."""
    if doc.kind == "pdf":
        return f"a PDF of {len(doc.pages)} page{'s' if len(doc.pages) != 1 else ''}"
    return {"html": "a web page", "text": "a text"}[doc.kind]


def stated_title_and_date(doc: SourceText, title: str | None, published: str | None) -> tuple[str, str]:
    """The title and publication date to register: as given, else as the document's markup states
    them; a usage error naming the option when neither says."""
    title = title if title is not None else doc.title
    if not title:
        raise UsageError(f"--title is needed: {doc.origin} states no title autofacts can read")
    published = published if published is not None else doc.published
    if not published:
        where = "in its markup (a meta tag or JSON-LD)" if doc.kind == "html" else "autofacts can read"
        raise UsageError(f"--published is needed: {doc.origin} states no publication date {where}")
    return title, published


def provenance(doc: SourceText) -> dict[str, str | None]:
    """What sources.yaml records about the document beside the seed: its format and own hash (for a
    page or PDF, whose seed is text read from it) and the day it was fetched (for an address)."""
    if doc.kind == "text" and doc.retrieved is None:
        return {}
    retrieved = doc.retrieved.isoformat() if doc.retrieved is not None else None
    return {"format": doc.kind, "original_sha256": doc.sha256, "retrieved": retrieved}
