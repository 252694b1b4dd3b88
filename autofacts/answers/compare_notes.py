"""What a comparison row's notes say, as data: a kind and what it names (a fact, sources, a period).

compare.py decides which notes a row has; autofacts/output/notes.py writes them as words, so the
table, JSON, CSV, Markdown, the HTML report and the Python API word them alike (as reasons.py does
for target verdicts). Apart from compare.py so that the output layer reads these types without
importing the comparison's arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from autofacts.knowledge.model import Fact


class NoteKind(str, Enum):
    """What a comparison row's note says; output/notes.py words it."""

    UNEQUAL_FLOWS = "unequal flows"  # flows over periods of different length: no change computed
    STATED_CHANGE = "stated change"  # fact = the growth a source states, used as the change %
    DERIVED = "derived"  # fact = the derived figure used for `period`
    CONFLICT = "conflict"  # fact = the figure used for `period`; sources = the others, which conflict with it
    USED = "used"  # fact = the figure used for `period`, of several; agreeing / restates / restated_by


@dataclass(frozen=True)
class RowNote:
    """One note on a comparison row, as data: its kind and what it names."""

    kind: NoteKind
    period: str = ""  # the label of the period the note is about ("2024")
    fact: Fact | None = None
    sources: tuple[str, ...] = ()
    agreeing: tuple[str, ...] = ()  # other sources stating the same figure independently
    restates: tuple[str, ...] = ()
    restated_by: tuple[str, ...] = ()
