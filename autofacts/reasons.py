"""Why a target got its verdict, as data: a kind and the values it names (facts, periods, years).

The domain says what the reason is; autofacts/output/verdicts.py writes it as a sentence, so the
CLI, the report and the Python API word it alike and tests check the rule, not the wording."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from autofacts.knowledge.model import Fact, Metric
from autofacts.knowledge.periods import Period


class ReasonKind(str, Enum):
    """What a verdict rests on, or why there is none."""

    QUALITATIVE = "qualitative"  # the target has no number
    CONFLICT = "conflict"  # facts = (low, high): the two pieces of evidence that cannot both hold
    NEEDS_LEVELS = "needs levels"  # metric = the level metric, years = the years with no level
    CANNOT_DIVIDE = "cannot divide"  # metric = the level metric, years = (the base year,)
    FROM_LEVELS = "from levels"  # metric = the level metric, facts = (this year, last year), years likewise
    STATED = "stated"  # agreeing / restates / restated_by name other sources; facts = a chain agreeing within rounding
    DERIVED = "derived"  # facts = (the derived figure used,) + (the best stated figure it narrowed,) if any
    ALREADY_REACHED = "already reached"  # period = the year-to-date span that reached the target
    PERIOD_ENDS = "period ends"  # day = the end of the target's period, after the as-of date
    NOT_REPORTED = "not reported"  # period = the target's period with no reported outcome


@dataclass(frozen=True)
class Reason:
    kind: ReasonKind
    facts: tuple[Fact, ...] = ()
    metric: Metric | None = None
    years: tuple[int, ...] = ()
    period: Period | None = None
    day: date | None = None
    agreeing: tuple[str, ...] = ()  # source ids that state the same figure
    restates: tuple[str, ...] = ()
    restated_by: tuple[str, ...] = ()
