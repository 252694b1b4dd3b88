"""Chained derivations on inline facts (synthetic figures unless said: the arithmetic is the point).

Each expected value is worked out by hand and written out.
"""

from __future__ import annotations

from decimal import Decimal as D

from autofacts.answers.chains import answer_cells
from autofacts.answers.evidence import cell_of
from autofacts.knowledge.model import Fact
from autofacts.output.derivations import operation_text
from tests.small_base import fact, small_base


def cell(metric: str, period: str) -> tuple[object, ...]:
    return cell_of(fact("x", period, "0", metric=metric))


def pieces(answers, metric: str, period: str) -> list[Fact]:  # type: ignore[no-untyped-def]
    return list(answers.cells[cell(metric, period)].pieces)


def test_a_month_from_two_year_to_date_figures() -> None:
    """Jan-Jul 18,269,000 - Jan-Jun 15,653,000 = July alone, 2,616,000."""
    kb = small_base(fact("h1", "2025-01/2025-06", "15653000"), fact("jul-ytd", "2025-01/2025-07", "18269000"))
    answers = answer_cells(kb)
    july = answers.figure(cell("vehicle-sales", "2025-07"))  # type: ignore[arg-type]
    assert july is not None and july.interval is not None and july.derived_from is not None
    assert (july.interval.lo, july.interval.hi) == (D(2_616_000), D(2_616_000))
    assert july.derived_from.facts == ("jul-ytd", "h1")
    assert (
        operation_text(july.derived_from)
        == "18.269 million vehicles (2025-01/2025-07) − 15.653 million vehicles (2025-01/2025-06)"
    )


def test_year_to_date_from_a_shorter_one_and_the_next_month() -> None:
    """Jan-Jun 100 + July 20 = Jan-Jul 120."""
    kb = small_base(fact("h1", "2025-01/2025-06", "100"), fact("jul", "2025-07", "20"))
    ytd = answer_cells(kb).figure(cell("vehicle-sales", "2025-01/2025-07"))  # type: ignore[arg-type]
    assert ytd is not None and ytd.interval is not None and ytd.interval.lo == ytd.interval.hi == D(120)
    assert ytd.derived_from is not None and ytd.derived_from.facts == ("h1", "jul")


def test_same_month_year_on_year() -> None:
    """July 2025 230 against July 2024 200: +15 %."""
    kb = small_base(fact("jul24", "2024-07", "200"), fact("jul25", "2025-07", "230"))
    g = answer_cells(kb).figure(cell("vehicle-sales-growth", "2025-07"))  # type: ignore[arg-type]
    assert g is not None and g.interval is not None and g.interval.lo == g.interval.hi == D(15)


def test_level_times_one_plus_growth() -> None:
    """2023 sales 100 and +4.5 % in 2024: 2024 sales 104.5; a bound stays a bound: over 100 gives over 104.5."""
    kb = small_base(fact("y23", "2023", "100"), fact("g24", "2024", "4.5", metric="vehicle-sales-growth"))
    y24 = answer_cells(kb).figure(cell("vehicle-sales", "2024"))  # type: ignore[arg-type]
    assert y24 is not None and y24.interval is not None and y24.interval.lo == y24.interval.hi == D("104.5")
    kb = small_base(fact("y23", "2023", "100", "over"), fact("g24", "2024", "4.5", metric="vehicle-sales-growth"))
    y24 = answer_cells(kb).figure(cell("vehicle-sales", "2024"))  # type: ignore[arg-type]
    assert y24 is not None and y24.interval is not None
    assert (y24.interval.lo, y24.interval.hi, y24.interval.lo_open) == (D("104.5"), None, True)


def test_a_two_step_chain_names_each_step_and_the_stated_facts_under_it() -> None:
    """40.9 % x 31,436,000 = 12,857,324 NEV sales in 2024 (step 1); with 16,000,000 in 2025 the growth
    is 16,000,000 / 12,857,324 - 1 = 24.443 % (step 2), resting on three stated facts."""
    kb = small_base(
        fact("share", "2024", "40.9", metric="nev-share"),
        fact("total", "2024", "31436000"),
        fact("this", "2025", "16000000", metric="nev-sales"),
    )
    answers = answer_cells(kb)
    g = answers.figure(cell("nev-sales-growth", "2025"))  # type: ignore[arg-type]
    assert g is not None and g.derived_from is not None and g.interval is not None
    assert round(g.interval.lo, 3) == D("24.443")
    assert g.derived_from.facts == ("this", "nev-sales-2024-from-share")
    assert g.derived_from.leaves == ("this", "share", "total")
    level = answers.figure(cell("nev-sales", "2024"))  # type: ignore[arg-type]
    assert level is not None and level.interval is not None and level.interval.lo == D("12857324.0")


def test_no_figure_is_derived_from_itself() -> None:
    """2025 sales 110 and +10 % give 2024 = 100; that 100 and the +10 % must not come back as a
    "derived" 2025 figure (it would only repeat the stated one as if it were more evidence)."""
    kb = small_base(fact("y25", "2025", "110"), fact("g25", "2025", "10", metric="vehicle-sales-growth"))
    answers = answer_cells(kb)
    assert [p.id for p in pieces(answers, "vehicle-sales", "2025")] == ["y25"]
    y24 = answers.figure(cell("vehicle-sales", "2024"))  # type: ignore[arg-type]
    assert y24 is not None and y24.interval is not None and y24.interval.lo == y24.interval.hi == D(100)


def test_a_revision_replaces_its_first_release() -> None:
    """Jan-Jul first released as 18,000,000 and revised to 18,269,000: only the revision is evidence."""
    kb = small_base(
        fact("first", "2025-01/2025-07", "18000000"),
        fact("revised", "2025-01/2025-07", "18269000", source="s2", revises="first"),
    )
    answers = answer_cells(kb)
    assert [p.id for p in pieces(answers, "vehicle-sales", "2025-01/2025-07")] == ["revised"]
