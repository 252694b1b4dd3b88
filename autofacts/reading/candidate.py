"""A candidate fact: one figure extract proposes for review, with what it guessed and why (both languages build it)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from autofacts.reading.mentions import Mention
from autofacts.reading.text import (
    Sentence,
)


@dataclass(frozen=True)
class Candidate:
    """A number proposed as a fact, with what could be guessed about it (None: not guessed).

    `period` is AS_OF_PUBLICATION ("-") when the text dates the figure by its publication.
    """

    mention: Mention
    sentence: Sentence
    metric: str | None
    region: str | None
    period: str | None
    kind: str
    entity: str | None = None  # a company the figure belongs to ("BYD sold..."); None: the region's industry
    upper: Decimal | None = None  # the top of a stated range ("between 3.6 million and 4 million")
    why: tuple[str, ...] = ()  # one line per guess saying what in the text it was read from
    new_metric: str | None = None  # a metric id proposed for the catalogue, when none there fits


AS_OF_PUBLICATION = "-"  # Candidate.period when the text dates a figure by its publication
