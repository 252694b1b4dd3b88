"""A number read from text (a Mention) and the bound of a fall mirrored: shared by the English and Chinese readers."""

from __future__ import annotations

import re
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


_ID_WORD = re.compile(r"[a-z]{3,}")


_CLAUSE_BREAK = re.compile(r",\s+(?:and|while|but|whereas)\s+|;\s+|\.\s+")


def stated_by(text: str, mentions: list[Mention], qualifier: str, metric: str) -> Mention:
    """Of the mentions stating a fact's value, the one that states it: its qualifier first, then
    the one whose clause holds most words of the metric's id ("NEVs accounted for more than half
    of new vehicle sales in China, and over half of the world's NEVs are now on Chinese roads":
    both say > 50 %; nev-fleet-world-share is the second, nev-share the first), then the first."""
    low = text.lower()
    words = [w for w in dict.fromkeys(_ID_WORD.findall(metric)) if w not in ("share", "growth")]
    breaks = [0, *(b.end() for b in _CLAUSE_BREAK.finditer(low)), len(low) + 1]

    def held(m: Mention) -> int:
        start = max(b for b in breaks if b <= m.start)
        end = min(b for b in breaks if b > m.start)
        clause = low[start:end]
        return sum(1 for w in words if re.search(rf"\b{w}", clause))

    return min(mentions, key=lambda m: (m.qualifier != qualifier, -held(m), m.start))
