"""Every interval known for one cell, combined into one answer: their intersection.

A cell is one figure: (metric, region, entity, kind, period). Each stated fact about it (the
latest release of each) and each derivation chain that reaches it gives an interval, and each
rules out whatever lies outside it; so the answer is what lies in all of them, the tightest bound
the evidence allows. "More than 12 million" alone cannot tell a 12.5 million line; beside
40.9 % x 31.436 million it can. An empty intersection is a conflict: the pieces cannot all be
right, and the answer says which two disagree instead of silently picking one.

A figure stated without a hedge ("40.9 %") is rounded to the digits it is written with, so two
chains that differ in the last digit are not a conflict: where the exact intervals miss each other
the pieces are read to their rounding (`interval.rounding`) before they are called a conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from autofacts.knowledge.interval import Interval, contains, intersect, rounding
from autofacts.knowledge.model import Fact

Cell = tuple[str, str, str | None, str, date, date]  # metric, region, entity, kind, start, end


def cell_of(fact: Fact) -> Cell:
    return (fact.metric, fact.region, fact.entity, fact.kind, fact.period.start, fact.period.end)


class Agreement(str, Enum):
    """How the pieces of evidence for one cell relate."""

    SINGLE = "single"  # one piece: the answer is its interval
    AGREE = "agree"  # the intervals share values: the answer is their intersection
    ROUNDING = "agree within rounding"  # they share values only once unhedged figures are read to their rounding
    CONFLICT = "conflict"  # no value satisfies them all

    def __str__(self) -> str:
        return self.value


def reading(fact: Fact) -> Interval | None:
    """The interval a piece stands for once rounding is allowed for: an unhedged stated figure to
    its last digit, a derived one as computed from its inputs' readings."""
    if fact.derived_from is not None:
        return fact.derived_from.reading or fact.derived_from.interval
    if fact.value is not None and fact.qualifier == "exact":
        return rounding(fact.value)
    return fact.interval


@dataclass(frozen=True)
class CellAnswer:
    """What the evidence says about one cell, and which pieces say it.

    `lower_from`/`upper_from` are the pieces whose own bound is the answer's (the ones that made
    it); on a conflict `interval` is None and `conflict` holds the two pieces that cannot both hold."""

    cell: Cell
    pieces: tuple[Fact, ...]
    agreement: Agreement
    interval: Interval | None
    lower_from: tuple[Fact, ...] = ()
    upper_from: tuple[Fact, ...] = ()
    conflict: tuple[Fact, Fact] | None = None

    @property
    def binding(self) -> tuple[Fact, ...]:
        """The pieces that made either bound, each once, in order."""
        return tuple(dict.fromkeys(self.lower_from + self.upper_from))

    @property
    def narrowed(self) -> bool:
        """True when no single piece states the answer: it needs two or more of them."""
        return self.interval is not None and not any(_same(p_iv, self.interval) for p_iv in self._exact())

    def _exact(self) -> list[Interval]:
        return [iv for iv in (p.interval for p in self.pieces) if iv is not None]


def _same(a: Interval, b: Interval) -> bool:
    return (a.lo, a.hi, a.lo_open, a.hi_open) == (b.lo, b.hi, b.lo_open, b.hi_open)


def _all(intervals: Sequence[Interval]) -> Interval | None:
    out: Interval | None = intervals[0]
    for iv in intervals[1:]:
        if out is None:
            return None
        out = intersect(out, iv)
    return out


def _makers(pieces: Sequence[tuple[Fact, Interval]], answer: Interval) -> tuple[tuple[Fact, ...], tuple[Fact, ...]]:
    lower = tuple(f for f, iv in pieces if answer.lo is not None and (iv.lo, iv.lo_open) == (answer.lo, answer.lo_open))
    upper = tuple(f for f, iv in pieces if answer.hi is not None and (iv.hi, iv.hi_open) == (answer.hi, answer.hi_open))
    return lower, upper


def _conflicting(pieces: Sequence[tuple[Fact, Interval]]) -> tuple[Fact, Fact]:
    """Two pieces that share no value, the lower one first: the piece reaching lowest from above
    and the one reaching highest from below (intervals on a line that meet pairwise all meet, so
    on a conflict these two cannot)."""
    high = max((p for p in pieces if p[1].lo is not None), key=lambda p: (p[1].lo, p[1].lo_open))
    low = min((p for p in pieces if p[1].hi is not None), key=lambda p: (p[1].hi, not p[1].hi_open))
    return low[0], high[0]


def _stated_inside(pieces: Sequence[tuple[Fact, Interval]], answer: Interval) -> tuple[Fact, Interval] | None:
    """The most precisely written unhedged stated figure that lies in `answer`, if any."""
    points = [
        (f, iv)
        for f, iv in pieces
        if f.derived_from is None and iv.is_exact and iv.lo is not None and contains(answer, iv.lo)
    ]
    if not points:
        return None
    return min(points, key=lambda p: (rounding(p[1].lo).width or 0, p[0].id))  # type: ignore[arg-type]


def combine(cell: Cell, pieces: Sequence[Fact]) -> CellAnswer:
    """The answer for one cell from every piece of evidence about it (stated or derived)."""
    exact = [(f, iv) for f, iv in ((f, f.interval) for f in pieces) if iv is not None]
    if not exact:
        return CellAnswer(cell, tuple(pieces), Agreement.SINGLE, None)
    if len(pieces) == 1:
        return CellAnswer(cell, tuple(pieces), Agreement.SINGLE, exact[0][1], *_makers(exact, exact[0][1]))
    answer = _all([iv for _, iv in exact])
    agreement = Agreement.SINGLE if len(exact) == 1 else Agreement.AGREE
    made_from: list[tuple[Fact, Interval]] = exact
    if answer is None:
        read = [(f, r) for f, r in ((f, reading(f)) for f, _ in exact) if r is not None]
        answer = _all([r for _, r in read])
        if answer is None:
            return CellAnswer(cell, tuple(pieces), Agreement.CONFLICT, None, conflict=_conflicting(read))
        agreement, made_from = Agreement.ROUNDING, read
        stated = _stated_inside(exact, answer)
        if stated is not None:  # the chains bear the stated figure out: it stands, as stated
            return CellAnswer(cell, tuple(pieces), agreement, stated[1], (stated[0],), (stated[0],))
    lower, upper = _makers(made_from, answer)
    return CellAnswer(cell, tuple(pieces), agreement, answer, lower, upper)
