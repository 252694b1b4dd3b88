"""A PDF's text, page by page, in paragraphs a sentence reader can use.

pypdf gives each printed line as a line of text. Lines broken only by the page's width are joined
back into their paragraph (a sentence split over three lines would otherwise be three "sentences"
to `extract`, and a quote could not be taken whole); running heads and footers repeated on the pages,
and lone page numbers, are dropped: they are furniture, not the report's statements.
The words themselves are kept as the PDF has them, so a quote still reads as the printed page does.
"""

from __future__ import annotations

import io
import re
from types import ModuleType

from autofacts.errors import SourceError

_PAGE_NUMBER = re.compile(r"(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of)\s*\d{1,4})?", re.IGNORECASE)
_BLOCK_START = re.compile(r"[•▪◦·*–-]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_END = '.!?。！？:：;；”")'
# Characters a PDF holds for its typesetting, as a reader types them: ligatures (the "ﬁ" of
# "ﬁnancial" would keep a quote typed as "financial" from matching), soft hyphens and control codes.
_PRINTED = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "\u00ad": None}
    | {chr(c): " " for c in range(32) if c != 10}
)
# A line shorter than SHORT of the page's longest, ending a sentence, ends its paragraph (a ragged
# right margin leaves full lines at 75-100 %); one shorter than HEADING ends it whatever its end.
SHORT = 0.7
HEADING = 0.5


def pdf_pages(data: bytes, origin: str, pypdf: ModuleType) -> list[str]:
    """The text of each page; SourceError when the PDF cannot be read, is locked, or has no text."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # a PDF locked only against editing opens
            raise SourceError(f"{origin}: the PDF is protected by a password; add an unlocked copy")
        raw = [page.extract_text() or "" for page in reader.pages]
    except SourceError:
        raise
    except Exception as exc:  # pypdf fails many ways on a damaged or hostile file; one line, no traceback
        if type(exc).__name__ in ("FileNotDecryptedError", "DependencyError"):
            raise SourceError(f"{origin}: the PDF is encrypted and cannot be opened; add an unlocked copy") from None
        raise SourceError(f"{origin}: not a readable PDF ({type(exc).__name__}: {_short(exc)})") from None
    if not raw:
        raise SourceError(f"{origin}: the PDF has no pages")
    pages = [[" ".join(line.translate(_PRINTED).split()) for line in page.split("\n")] for page in raw]
    if not any(any(pages_line for pages_line in page) for page in pages):
        raise SourceError(f"{origin}: the PDF has no text layer (a scan?): run OCR on it first, e.g. ocrmypdf")
    furniture = _furniture(pages)
    return [reflow(_strip_furniture(lines, furniture)) for lines in pages]


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:100] or "no detail"


# A page number at a line's end, alone or counted ("7", "7/12", "7 of 12"), or at its start.
_NUMBERED = re.compile(r"^\d{1,4}\b|\b\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$")
# What a browser prints round each page of a page saved as PDF (Chromium's, Firefox's defaults): a
# head of the date and time with the page's title, a foot of its address with "N/M". Known by their
# form, they are dropped from a page's edge even in a one-page PDF, where nothing recurs.
_BROWSER_HEAD = re.compile(
    r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp]\.? ?[Mm]\.?)?(?: .*)?"
)
_ADDRESS = r"(?:file|https?)://\S+"
_COUNT = r"\d{1,4} ?(?:/|of) ?\d{1,4}"
_BROWSER_FOOT = re.compile(rf"{_ADDRESS} (?:page )?{_COUNT}|(?:page )?{_COUNT} {_ADDRESS}", re.IGNORECASE)


def _shape(line: str) -> str:
    """A line with a page number at its start or end masked: "Annual report 2024 · 7" and "... · 8" are
    the same running head, as are "file:///report.html 1/3" and "... 2/3". Only there: "Sales rose 5%
    in May" and "Sales rose 7% in June" are not."""
    return _NUMBERED.sub("#", line.lower())


def _furniture(pages: list[list[str]]) -> set[str]:
    """Running heads and footers: a first or last line (masked) that recurs on three pages or more
    (a chapter's running head), or on two of a short document's pages, half of them or more."""
    if len(pages) < 2:
        return set()
    counts: dict[str, int] = {}
    for lines in pages:
        text = [line for line in lines if line]
        edge = {_shape(line) for line in text[:2] + text[-2:]}
        for shape in edge:
            counts[shape] = counts.get(shape, 0) + 1
    return {shape for shape, n in counts.items() if n >= 3 or (n >= 2 and n * 2 >= len(pages))}


def _strip_furniture(lines: list[str], furniture: set[str]) -> list[str]:
    """The page's lines without running heads, footers and a page number at its top or bottom."""
    text = list(lines)
    for edge in (0, -1):
        for _ in range(2):
            while text and not text[edge]:
                text.pop(edge)
            if text and (_shape(text[edge]) in furniture or _is_furniture(text[edge])):
                text.pop(edge)
    return text


def _is_furniture(line: str) -> bool:
    """A page number alone, or a browser's head or foot, known by its form alone."""
    return bool(_PAGE_NUMBER.fullmatch(line) or _BROWSER_HEAD.fullmatch(line) or _BROWSER_FOOT.fullmatch(line))


def reflow(lines: list[str]) -> str:
    """Lines joined into paragraphs (a blank line between): a line ends its paragraph when it is
    followed by a blank line or by a list item, or when it is clearly shorter than the page's full
    lines; a word hyphenated at a line's end is joined without a space, keeping its hyphen."""
    full = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            paragraphs.append(current)
            current = ""
            continue
        if current and _BLOCK_START.match(line):
            paragraphs.append(current)
            current = ""
        current = _join(current, line)
        if _hyphenated(line):
            continue  # a word broken over the line's end goes on
        if len(line) < SHORT * full and (line.endswith(tuple(_END)) or len(line) < HEADING * full):
            paragraphs.append(current)
            current = ""
    paragraphs.append(current)
    return "\n\n".join(p for p in paragraphs if p)


def _hyphenated(line: str) -> bool:
    return line.endswith("-") and len(line) > 1 and line[-2].isalpha()


def _join(before: str, line: str) -> str:
    if not before:
        return line
    if _hyphenated(before) and line[:1].isalpha():
        return before + line  # "two-" + "thirds": the hyphen stays, the line break goes
    if _CJK.match(before[-1]) and _CJK.match(line[0]):
        return before + line  # Chinese has no space between words
    return before + " " + line
