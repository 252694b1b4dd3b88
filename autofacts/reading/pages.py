"""Pages in a seed text: a PDF's pages are kept as form feeds, so a quote can be cited as "p. 3".

A form feed (U+000C) separates two pages of a seed made from a PDF: on a line of its own between
paragraphs, or in place of the space between two words when a sentence runs on over the page
break (so the sentence stays one line, which is one sentence to `extract`). It is white space to
`check`, which folds white space when it looks a quote up, so a quote that runs over a page break
still matches verbatim; and it is part of the seed's text, so the seed's hash (E114) covers where
the pages break: a page number derived from the seed cannot drift without `check` saying so.
"""

from __future__ import annotations

import re

PAGE_BREAK = "\f"
# A page's text that stops mid-sentence (no closing punctuation), and a next page that goes on with
# a lower-case word, a figure or Chinese text: the same sentence.
_ENDED = tuple(".!?。！？:：;；”\"')）】")
_GOES_ON = re.compile(r"[a-z0-9(\u3400-\u4dbf\u4e00-\u9fff，、]")


def join_pages(pages: list[str]) -> str:
    """One seed text from the text of each page, in order (an empty page still counts)."""
    texts = [page.strip("\n") for page in pages]
    out = texts[0] if texts else ""
    for before, page in zip(texts, texts[1:], strict=False):
        goes_on = before and not before.endswith(_ENDED) and _GOES_ON.match(page)
        out += (PAGE_BREAK if goes_on else f"\n{PAGE_BREAK}\n") + page
    return out


def page_starts(text: str) -> tuple[int, ...]:
    """Where each page of a seed text starts (after its form feed, and the line break after that)."""
    starts = [0]
    at = text.find(PAGE_BREAK)
    while at >= 0:
        starts.append(at + 2 if text.startswith("\n", at + 1) else at + 1)
        at = text.find(PAGE_BREAK, at + 1)
    return tuple(starts)


def page_at(text: str, offset: int) -> int:
    """The page (1 for the first) that `offset` of a seed text lies on."""
    return text.count(PAGE_BREAK, 0, offset) + 1


def page_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first and last page of text[start:end]; None for a seed with no pages (not from a PDF)."""
    if PAGE_BREAK not in text:
        return None
    return page_at(text, start), page_at(text, max(start, end - 1))


def page_label(pages: tuple[int, int]) -> str:
    """ "p. 3", or "pp. 3-4" for a quote that runs over a page break."""
    first, last = pages
    return f"p. {first}" if first == last else f"pp. {first}-{last}"
