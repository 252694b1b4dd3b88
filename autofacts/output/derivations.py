"""A derived figure's operation in words: the rules (answers/derivation_rules.py) say which step
was taken on which inputs (model.Derivation); this is the one place that writes it out, for the
tables, the notes, JSON, CSV, SQLite and the API alike."""

from __future__ import annotations

from decimal import Decimal

from autofacts.knowledge.model import DERIVED_MARK, Derivation, Fact, Step
from autofacts.knowledge.units import format_interval, format_stated

# Each step as a template over its inputs' texts; MINUS and PLUS name each input's period too.
_TEMPLATES = {
    Step.TIMES: "{0} × {1}",
    Step.DIVIDED: "{0} ÷ {1}",
    Step.LESS_GROWTH: "{0} ÷ (1 + {1})",
    Step.PLUS_GROWTH: "{0} × (1 + {1})",
    Step.GROWTH: "{0} ÷ {1} − 1",
    Step.MINUS: "{0} − {1}",
    Step.PLUS: "{0} + {1}",
}


def operand_text(fact: Fact, unit: str) -> str:
    """A figure in an operation: as stated, or a derived interval with its mark."""
    if fact.derived_from is not None:
        return f"{format_interval(fact.derived_from.interval, unit)} {DERIVED_MARK}"
    return format_stated(fact.value or Decimal(0), fact.qualifier, unit, fact.upper)


def operation_text(d: Derivation) -> str:
    """ "40.9 % × > 30 million vehicles", "> 13 million vehicles ∩ ≈ 13 million vehicles",
    "18.269 million vehicles (2025-01/2025-07) − 15.653 million vehicles (2025-01/2025-06)"."""
    dated = d.step in (Step.MINUS, Step.PLUS)  # two spans of one year: each names its own
    texts = [operand_text(fact, unit) + (f" ({fact.period.label})" if dated else "") for fact, unit in d.inputs]
    if d.step is Step.BOTH:
        return " ∩ ".join(texts) + (" (agree within rounding)" if d.rounding else "")
    return _TEMPLATES[d.step].format(*texts)


def fact_note(fact: Fact) -> str | None:
    """A fact's note: the curator's for a stated one; for a derived one, how it was derived."""
    d = fact.derived_from
    if d is None:
        return fact.note
    return f"{'combined' if d.combined else 'derived'}: {operation_text(d)}"
