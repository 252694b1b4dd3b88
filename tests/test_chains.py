"""Chained derivations on inline facts (synthetic figures unless said: the arithmetic is the point).

Each expected value is worked out by hand and written out.
"""

from __future__ import annotations

from autofacts.chains import answer_cells
from autofacts.evidence import cell_of
from autofacts.model import Fact
from tests.inline import D, fact, kb_of


def cell(metric: str, period: str) -> tuple[object, ...]:
    return cell_of(fact("x", metric, period, 0))


def pieces(answers, metric: str, period: str) -> list[Fact]:  # type: ignore[no-untyped-def]
    return list(answers.cells[cell(metric, period)].pieces)


def test_a_month_from_two_year_to_date_figures() -> None:
    """Jan-Jul 18,269,000 - Jan-Jun 15,653,000 = July alone, 2,616,000."""
    kb = kb_of(
        fact("h1", "sales", "2025-01/2025-06", 15_653_000), fact("jul-ytd", "sales", "2025-01/2025-07", 18_269_000)
    )
    answers = answer_cells(kb)
    july = answers.figure(cell("sales", "2025-07"))  # type: ignore[arg-type]
    assert july is not None and july.interval is not None and july.derived_from is not None
    assert (july.interval.lo, july.interval.hi) == (D(2_616_000), D(2_616_000))
    assert july.derived_from.facts == ("jul-ytd", "h1")
    assert (
        july.derived_from.operation
        == "18.269 million vehicles (2025-01/2025-07) − 15.653 million vehicles (2025-01/2025-06)"
    )


def test_year_to_date_from_a_shorter_one_and_the_next_month() -> None:
    """Jan-Jun 100 + July 20 = Jan-Jul 120."""
    kb = kb_of(fact("h1", "sales", "2025-01/2025-06", 100), fact("jul", "sales", "2025-07", 20))
    ytd = answer_cells(kb).figure(cell("sales", "2025-01/2025-07"))  # type: ignore[arg-type]
    assert ytd is not None and ytd.interval is not None and ytd.interval.lo == ytd.interval.hi == D(120)
    assert ytd.derived_from is not None and ytd.derived_from.facts == ("h1", "jul")


def test_same_month_year_on_year() -> None:
    """July 2025 230 against July 2024 200: +15 %."""
    kb = kb_of(fact("jul24", "sales", "2024-07", 200), fact("jul25", "sales", "2025-07", 230))
    g = answer_cells(kb).figure(cell("sales-growth", "2025-07"))  # type: ignore[arg-type]
    assert g is not None and g.interval is not None and g.interval.lo == g.interval.hi == D(15)


def test_level_times_one_plus_growth() -> None:
    """2023 sales 100 and +4.5 % in 2024: 2024 sales 104.5; a bound stays a bound: over 100 gives over 104.5."""
    kb = kb_of(fact("y23", "sales", "2023", 100), fact("g24", "sales-growth", "2024", "4.5"))
    y24 = answer_cells(kb).figure(cell("sales", "2024"))  # type: ignore[arg-type]
    assert y24 is not None and y24.interval is not None and y24.interval.lo == y24.interval.hi == D("104.5")
    kb = kb_of(fact("y23", "sales", "2023", 100, "over"), fact("g24", "sales-growth", "2024", "4.5"))
    y24 = answer_cells(kb).figure(cell("sales", "2024"))  # type: ignore[arg-type]
    assert y24 is not None and y24.interval is not None
    assert (y24.interval.lo, y24.interval.hi, y24.interval.lo_open) == (D("104.5"), None, True)


def test_a_two_step_chain_names_each_step_and_the_stated_facts_under_it() -> None:
    """40.9 % x 31,436,000 = 12,857,324 NEV sales in 2024 (step 1); with 16,000,000 in 2025 the growth
    is 16,000,000 / 12,857,324 - 1 = 24.443 % (step 2), resting on three stated facts."""
    kb = kb_of(
        fact("share", "nev-share", "2024", "40.9"),
        fact("total", "sales", "2024", 31_436_000),
        fact("this", "nev-sales", "2025", 16_000_000),
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
    kb = kb_of(fact("y25", "sales", "2025", 110), fact("g25", "sales-growth", "2025", 10))
    answers = answer_cells(kb)
    assert [p.id for p in pieces(answers, "sales", "2025")] == ["y25"]
    y24 = answers.figure(cell("sales", "2024"))  # type: ignore[arg-type]
    assert y24 is not None and y24.interval is not None and y24.interval.lo == y24.interval.hi == D(100)


def test_a_revision_replaces_its_first_release() -> None:
    """Jan-Jul first released as 18,000,000 and revised to 18,269,000: only the revision is evidence."""
    kb = kb_of(
        fact("first", "sales", "2025-01/2025-07", 18_000_000),
        fact("revised", "sales", "2025-01/2025-07", 18_269_000, src="s2", revises="first"),
    )
    answers = answer_cells(kb)
    assert [p.id for p in pieces(answers, "sales", "2025-01/2025-07")] == ["revised"]
