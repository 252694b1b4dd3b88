"""A number read from text (a Mention) and the bound of a fall mirrored: shared by the English and Chinese readers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Mention:
    """One number in a text: its value in base units, the words it was stated with, and where."""

    value: Decimal
    qualifier: str
    unit: str | None
    start: int
    end: int
    text: str
    upper: Decimal | None = None  # the top of a range ("between 3.6 million and 4 million"); value is its foot


# A bound on a fall bounds the negative change the other way: "fell more than 5 percent" is < -5.
_MIRRORED = {"over": "under", "under": "over", "at-least": "at-most", "at-most": "at-least"}


def mirrored(qualifier: str) -> str:
    """The qualifier of a bound on a fall once the fall is a negative change ("over" 5 % down is "under" -5)."""
    return _MIRRORED.get(qualifier, qualifier)
