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

import errno
import hashlib
import importlib
import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType

from autofacts.errors import SourceError, UsageError
from autofacts.files import MAX_SEED_BYTES, read_limited
from autofacts.knowledge.seeds import decode
from autofacts.reading.fetch import MAX_DOCUMENT_BYTES, Fetched, fetch_url, size_text
from autofacts.reading.pages import join_pages, page_starts
from autofacts.reading.pdf import pdf_pages
from autofacts.reading.webpage import HTML_MARK, read_page

KINDS = ("text", "html", "pdf")
EXTRA = "sources"  # pip install 'autofacts[sources]'
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


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
    language: str | None = None  # the language the markup states (<html lang="zh-CN">: "zh")

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
    data = _read_local(path, origin, MAX_DOCUMENT_BYTES)
    kind = _local_kind(path, data)
    return _read_bytes(data, kind, origin, path=path)


def read_text_document(origin: str) -> str:
    """A plain UTF-8 text named on the command line (`extract FILE`), refused as `add` refuses it:
    a file that cannot be opened is a usage error; one too large for a seed, or not UTF-8, is E010.
    An empty text is returned (it states no numbers; only `add` refuses to register it)."""
    path = Path(origin)
    return _read_bytes(_read_local(path, origin, MAX_SEED_BYTES), "text", origin, path=path, empty=True).text


def _read_local(path: Path, origin: str, limit: int) -> bytes:
    """A local file's bytes: a usage error when it cannot be opened (no such file, a folder, a pipe);
    SourceError when it is larger than `limit`, the same refusal as for a text over a seed's limit."""
    try:
        return read_limited(path, limit)
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            what = "its text is" if limit == MAX_SEED_BYTES else "it is"
            kind = "a seed" if limit == MAX_SEED_BYTES else "a document"
            raise SourceError(f"{origin}: {what} larger than {size_text(limit)}, the limit for {kind}") from None
        raise UsageError(f"{origin}: cannot read: {exc.strerror or exc}") from None


def read_fetched(fetched: Fetched, origin: str) -> SourceText:
    """A fetched document, read as what its bytes are (a PDF starts %PDF-), else as what the server
    says it is: an HTML page or plain text; anything else is refused."""
    ctype = fetched.content_type
    if _is_pdf(fetched.data):  # a PDF served as application/x-pdf, octet-stream or even text/html
        kind = "pdf"
    elif ctype in _HTML_TYPES:
        kind = "html"
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
    return "html" if HTML_MARK.search(data[:4096]) and data.lstrip()[:1] == b"<" else "text"


def _read_bytes(
    data: bytes,
    kind: str,
    origin: str,
    path: Path | None = None,
    url: str | None = None,
    retrieved: date | None = None,
    charset: str | None = None,
    empty: bool = False,
) -> SourceText:
    """The seed text of a document's bytes; SourceError when it cannot be one: too large, not
    text, or (unless `empty`) holding nothing but white space, a source with nothing to quote."""
    digest = hashlib.sha256(data).hexdigest()
    title = published = language = None
    pages: tuple[int, ...] = ()
    if kind == "pdf":
        page_texts = pdf_pages(data, origin, _optional("pypdf"))
        text = join_pages(page_texts)
        pages = page_starts(text)
    elif kind == "html":
        page = read_page(data, origin, charset, _optional("trafilatura"))
        text, title, published, language = page.text, page.title, page.published, page.language
    else:
        text = _plain_text(data, origin, charset)
    if len(text.encode("utf-8")) > MAX_SEED_BYTES:
        raise SourceError(f"{origin}: its text is larger than {size_text(MAX_SEED_BYTES)}, the limit for a seed")
    if not empty and not text.strip():
        raise SourceError(f"{origin}: the document holds no text (empty, or white space alone): nothing to add")
    return SourceText(text, kind, origin, digest, path, url, retrieved, pages, title, published, language)


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
