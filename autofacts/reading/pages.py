"""Pages in a seed text: a PDF's pages are kept as form feeds, so a quote can be cited as "p. 3".

A form feed (U+000C) on a line of its own separates two pages of a seed made from a PDF. It is white
space to `check`, which folds white space when it looks a quote up, so a quote that runs over a page
break still matches verbatim; and it is part of the seed's text, so the seed's hash (E114) covers
where the pages break: a page number derived from the seed cannot drift without `check` saying so.
"""

from __future__ import annotations

PAGE_BREAK = "\f"


def join_pages(pages: list[str]) -> str:
    """One seed text from the text of each page, in order (an empty page still counts)."""
    return f"\n{PAGE_BREAK}\n".join(page.strip("\n") for page in pages)


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
