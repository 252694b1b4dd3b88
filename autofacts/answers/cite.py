"""From a fact back to its sentence: the full citation, and the quote inside its paragraph."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from autofacts.errors import QuoteNotFoundError, UsageError
from autofacts.knowledge.model import Fact, KnowledgeBase, Source
from autofacts.knowledge.seeds import read_seed, seed_label
from autofacts.reading.mentions import stated_by
from autofacts.reading.numbers import hedge_start, read_numbers
from autofacts.reading.pages import page_span
from autofacts.reading.text import line_of, locate, paragraph_around


@dataclass(frozen=True)
class Citation:
    """Where a fact's figure stands: file, line, its paragraph, and the offsets of quote and figure in it."""

    fact: Fact
    source: Source
    line: int
    paragraph: str
    quote_span: tuple[int, int]
    figure_span: tuple[int, int] | None  # None for a qualitative target
    pages: tuple[int, int] | None = None  # first and last page of the quote, for a seed read from a PDF

    @property
    def figure(self) -> str | None:
        return None if self.figure_span is None else self.paragraph[self.figure_span[0] : self.figure_span[1]]


def find_fact(kb: KnowledgeBase, fact_id: str) -> Fact:
    for fact in kb.facts:
        if fact.id == fact_id:
            return fact
    close = difflib.get_close_matches(fact_id, [f.id for f in kb.facts], n=3, cutoff=0.6)
    hint = f" — did you mean {' or '.join(close)}?" if close else " (see `autofacts search`)"
    raise UsageError(f"unknown fact '{fact_id}'{hint}")


def cite_fact(kb: KnowledgeBase, fact_id: str) -> Citation:
    """The citation of one fact; the seed is read to place the quote in its paragraph."""
    fact = find_fact(kb, fact_id)
    source = kb.sources[fact.source]
    text = read_seed(kb, source)
    where = locate(fact.quote, text)
    if where is None:
        raise QuoteNotFoundError(
            f"the quote of '{fact_id}' is not in {seed_label(kb, source.file)} (run `autofacts check`)",
            location=str(fact.where("quote")),
        )
    start, end = paragraph_around(text, *where)
    paragraph = text[start:end]
    quote_span = (where[0] - start, where[1] - start)
    figure_span = None
    mentions = [m for m in read_numbers(text[where[0] : where[1]]) if m.value == fact.value]
    if mentions:
        quote = text[where[0] : where[1]]
        m = stated_by(quote, mentions, fact.qualifier, fact.metric)
        figure_span = (quote_span[0] + hedge_start(quote, m.start), quote_span[0] + m.end)
    pages = page_span(text, *where)
    return Citation(fact, source, line_of(text, where[0]), paragraph, quote_span, figure_span, pages)
