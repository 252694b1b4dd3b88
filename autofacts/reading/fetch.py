"""Fetching a document from the web for `add https://...`, with the standard library only.

A fetch is bounded every way a server could make it hang or swamp the machine: a timeout on each
network wait, a limit on the bytes read (counted as they arrive, whatever Content-Length claims),
at most a few redirects, and only http and https (a redirect to file:// or ftp:// is refused). What
came back is kept as bytes with the day it was retrieved: its checksum goes into sources.yaml, so
anyone can tell later whether an archived copy is the document the facts were quoted from.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from autofacts.errors import SourceError

# A long annual report as a PDF is some tens of megabytes; a news page a few hundred kilobytes.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
TIMEOUT_SECONDS = 30.0
MAX_REDIRECTS = 5
USER_AGENT = "Mozilla/5.0 (compatible; autofacts/0.1; +https://pypi.org/project/autofacts/)"


@dataclass(frozen=True)
class Fetched:
    """A document as the server sent it."""

    url: str  # where the bytes came from, after any redirects
    data: bytes
    content_type: str  # the media type alone, lower case ("text/html"); "" when the server sent none
    charset: str | None
    retrieved: date  # the day (UTC) it was fetched


def ascii_url(url: str) -> str:
    """An address as it goes on the wire: a non-ASCII host in IDNA, other non-ASCII characters
    percent-encoded (what a browser does with "https://例子.测试/新闻.html"); ASCII unchanged."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except UnicodeError:
        raise SourceError(f"{url}: the host name is not a valid internationalised name") from None
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = (f"{quote(userinfo, safe=':%')}@" if userinfo else "") + host
    netloc += "" if parts.port is None else f":{parts.port}"
    safe = "/?#[]@!$&'()*+,;=%:~"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe),
            quote(parts.fragment, safe=safe),
        )
    )


def check_url(url: str) -> None:
    """Refuse what is not an http or https URL with a host (file://, ftp://, javascript:...)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise SourceError(f"{url}: only http:// and https:// addresses can be fetched")
    if not parts.hostname:
        raise SourceError(f"{url}: no host name in the address")
    try:
        parts.port  # noqa: B018 (urlsplit checks the port only when asked)
    except ValueError:
        raise SourceError(f"{url}: the port is not a number from 0 to 65535") from None


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and only to http or https."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _today() -> date:
    return datetime.now(timezone.utc).date()


def fetch_url(
    url: str,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    today: Callable[[], date] = _today,
) -> Fetched:
    """The document at `url`; SourceError (one line) when it cannot be fetched within the bounds."""
    check_url(url)
    opener = urllib.request.build_opener(_Redirects)
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/pdf,*/*"}
    try:
        request = urllib.request.Request(ascii_url(url), headers=headers)
        with opener.open(request, timeout=timeout) as response:
            data = _read_bounded(response, url, max_bytes)
            final = response.geturl()
            answer = response.headers
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:  # urllib gave up: a redirect to file:// or ftp://, too many, or a loop
            target = exc.headers.get("Location") if exc.headers is not None else None
            if target and urlsplit(urljoin(url, target)).scheme.lower() not in ("http", "https"):
                raise SourceError(f"{url}: redirected to {target}: only http:// and https:// are followed") from None
            raise SourceError(f"{url}: more than {MAX_REDIRECTS} redirects, or a loop of them: not followed") from None
        raise SourceError(f"{url}: the server answered HTTP {exc.code} {_reason(exc.reason)}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise SourceError(f"{url}: no answer within {timeout:g} seconds") from None
        raise SourceError(f"{url}: cannot fetch: {_reason(exc.reason)}") from None
    except TimeoutError:
        raise SourceError(f"{url}: no answer within {timeout:g} seconds") from None
    except (OSError, ValueError) as exc:  # a connection reset mid-body, a malformed status line
        raise SourceError(f"{url}: cannot fetch: {_reason(exc)}") from None
    content_type = (answer.get_content_type() if answer.get("Content-Type") else "").lower()
    return Fetched(final, data, content_type, answer.get_content_charset(), today())


def _read_bounded(response: Any, url: str, max_bytes: int) -> bytes:
    too_large = f"{url}: larger than {size_text(max_bytes)}, the limit for a document"
    length = response.headers.get("Content-Length")
    if length is not None and length.strip().isdigit() and int(length) > max_bytes:
        raise SourceError(f"{too_large} (the server says {int(length)} bytes)")
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read(min(1 << 16, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise SourceError(too_large)


def size_text(n: int) -> str:
    """A byte count as people read it: "64 MB", "1000 bytes"."""
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 and n % (1024 * 1024) == 0 else f"{n} bytes"


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return " ".join(str(reason).split()) or type(reason).__name__
