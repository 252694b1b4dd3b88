"""The notes of a comparison row in words: compare.py says what a note is (answers/compare_notes.py),
this module is the one place that writes it, for the table, JSON, CSV, Markdown, the HTML report
and the Python API alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autofacts.answers.compare_notes import NoteKind, RowNote
from autofacts.output.derivations import operation_text

if TYPE_CHECKING:  # a row is passed in: the comparison's arithmetic is not imported to word its notes
    from autofacts.answers.compare import ComparisonRow


def corroboration(agreeing: tuple[str, ...], restates: tuple[str, ...], restated_by: tuple[str, ...]) -> str:
    """How other sources bear on a figure: "A agrees", "A, B agree", "restates C", "restated by D",
    joined by commas; "" when no other source states it."""
    parts = [f"{', '.join(agreeing)} {'agrees' if len(agreeing) == 1 else 'agree'}"] if agreeing else []
    parts += [f"restates {', '.join(restates)}"] if restates else []
    parts += [f"restated by {', '.join(restated_by)}"] if restated_by else []
    return ", ".join(parts)


def note_text(note: RowNote) -> str:
    """One note as a clause: "2024: derived, 40.9 % × 31.436 million vehicles"."""
    if note.kind is NoteKind.UNEQUAL_FLOWS:
        return "flows over periods of different length are not compared"
    assert note.fact is not None
    if note.kind is NoteKind.STATED_CHANGE:
        return f"change % as stated ({note.fact.id})"
    if note.kind is NoteKind.DERIVED:
        assert note.fact.derived_from is not None
        return f"{note.period}: derived, {operation_text(note.fact.derived_from)}"
    if note.kind is NoteKind.CONFLICT:
        return f"{note.period}: {note.fact.source} used; CONFLICTS with {', '.join(note.sources)}"
    support = corroboration(note.agreeing, note.restates, note.restated_by)
    return f"{note.period}: {note.fact.source} used" + (f", {support}" if support else "")


def row_note(row: ComparisonRow) -> str:
    """A row's notes, joined by semicolons ("" when it has none)."""
    return "; ".join(note_text(n) for n in row.notes)
