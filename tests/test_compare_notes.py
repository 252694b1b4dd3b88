"""A comparison row's notes: the domain says what they are (answers/compare_notes.py), the output
layer words them (output/notes.py). The rules are tested on the data; the words once, here."""

from __future__ import annotations

from autofacts.answers.compare import compare_periods
from autofacts.answers.compare_notes import NoteKind, RowNote
from autofacts.answers.query import Filters
from autofacts.knowledge.model import KnowledgeBase
from autofacts.knowledge.periods import parse_period
from autofacts.output.notes import corroboration, note_text
from tests.small_base import fact


def _row(kb: KnowledgeBase, a: str, b: str, metric: str, region: str = "China"):  # type: ignore[no-untyped-def]
    comparison = compare_periods(kb, parse_period(a), parse_period(b), Filters(region=region))
    return next(r for r in comparison.rows if r.metric.id == metric)


def test_flows_of_different_length_carry_that_note_first_and_no_change(kb: KnowledgeBase) -> None:
    row = _row(kb, "2025-01/2025-11", "2024", "vehicle-production", "Chongqing")
    assert row.change is None and row.relative is None
    assert row.notes[0] == RowNote(NoteKind.UNEQUAL_FLOWS)


def test_a_derived_side_and_a_corroborated_side_are_notes_naming_their_facts(kb: KnowledgeBase) -> None:
    # NEV production: 2024 combines "over 13 million" (xinhua-icv-plan) with "about 13 million"
    # (fyp14-review), a derived figure; 2020 "about 1.4 million" is stated by both, xinhua-icv-plan used
    row = _row(kb, "2020", "2024", "nev-production")
    assert [(n.kind, n.period) for n in row.notes] == [(NoteKind.DERIVED, "2024"), (NoteKind.USED, "2020")]
    derived, used = row.notes
    assert derived.fact is not None and derived.fact.derived_from is not None
    assert derived.fact.derived_from.facts == ("cn-nev-production-2024-xinhua", "cn-nev-production-2024-fyp")
    assert used.fact is not None and used.fact.source == "xinhua-icv-plan"
    assert (used.agreeing, used.restates, used.restated_by) == (("fyp14-review",), (), ())


def test_each_note_in_words() -> None:
    growth = fact("g24", "2024", "3.7", metric="vehicle-production-growth")
    stated = fact("p24", "2024", "31282000", metric="vehicle-production", source="caam")
    assert note_text(RowNote(NoteKind.UNEQUAL_FLOWS)) == "flows over periods of different length are not compared"
    assert note_text(RowNote(NoteKind.STATED_CHANGE, fact=growth)) == "change % as stated (g24)"
    assert note_text(RowNote(NoteKind.CONFLICT, "2024", stated, ("a", "b"))) == "2024: caam used; CONFLICTS with a, b"
    assert note_text(RowNote(NoteKind.USED, "2024", stated)) == "2024: caam used"
    assert note_text(RowNote(NoteKind.USED, "2024", stated, restated_by=("zh",))) == "2024: caam used, restated by zh"
    assert corroboration(("a", "b"), ("c",), ()) == "a, b agree, restates c"
    assert corroboration(("a",), (), ("d", "e")) == "a agrees, restated by d, e"
