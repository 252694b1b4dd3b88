"""A derived figure's operation: the rules give a step and its inputs (data, model.Derivation);
output/derivations.py writes it. Each step's wording once, on inline facts, worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from autofacts.knowledge.interval import Interval
from autofacts.knowledge.model import Derivation, Fact, Step
from autofacts.output.derivations import fact_note, operation_text
from tests.small_base import derived, fact

SHARE = fact("share", "2024", "40.9", metric="nev-share")
OVER_30M = fact("sales", "2024", "30000000", "over")
GROWTH = fact("rate", "2024", "4.5", metric="vehicle-sales-growth")


def _derivation(step: Step, *inputs: tuple[Fact, str], rounding: bool = False) -> Derivation:
    return Derivation(step, tuple(f.id for f, _ in inputs), Interval(D(1), D(1)), inputs=inputs, rounding=rounding)


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (Step.TIMES, "40.9 % × > 30 million vehicles"),
        (Step.DIVIDED, "40.9 % ÷ > 30 million vehicles"),
        (Step.LESS_GROWTH, "40.9 % ÷ (1 + > 30 million vehicles)"),
        (Step.PLUS_GROWTH, "40.9 % × (1 + > 30 million vehicles)"),
        (Step.GROWTH, "40.9 % ÷ > 30 million vehicles − 1"),
        (Step.BOTH, "40.9 % ∩ > 30 million vehicles"),
    ],
)
def test_each_step_in_words(step: Step, expected: str) -> None:
    assert operation_text(_derivation(step, (SHARE, "percent"), (OVER_30M, "vehicles"))) == expected


def test_spans_of_a_year_name_their_periods_and_a_derived_input_its_mark() -> None:
    jul = fact("jul-ytd", "2025-01/2025-07", "18269000")
    jun = fact("h1", "2025-01/2025-06", "15653000")
    assert operation_text(_derivation(Step.MINUS, (jul, "vehicles"), (jun, "vehicles"))) == (
        "18.269 million vehicles (2025-01/2025-07) − 15.653 million vehicles (2025-01/2025-06)"
    )
    # a derived input: its interval, rounded outwards to four figures, and the mark
    chain = derived("chain", "2024", Interval(D("12270000"), None, lo_open=True))
    assert operation_text(_derivation(Step.PLUS, (chain, "vehicles"), (GROWTH, "percent"))) == (
        "> 12.27 million vehicles † (2024) + 4.5 % (2024)"
    )


def test_pieces_agreeing_within_rounding_say_so_and_a_note_says_combined_or_derived() -> None:
    both = _derivation(Step.BOTH, (SHARE, "percent"), (SHARE, "percent"), rounding=True)
    assert operation_text(both) == "40.9 % ∩ 40.9 % (agree within rounding)"
    figure = derived("c", "2024", Interval(D(1), D(1)))
    assert fact_note(replace(figure, derived_from=both)) == "combined: 40.9 % ∩ 40.9 % (agree within rounding)"
    times = _derivation(Step.TIMES, (SHARE, "percent"), (OVER_30M, "vehicles"))
    assert fact_note(replace(figure, derived_from=times)) == "derived: 40.9 % × > 30 million vehicles"
    assert fact_note(fact("stated", "2024", "1")) is None  # a stated fact's note is the curator's
