"""Chained derivations and the answer for every cell: the evidence engine.

Starting from the stated facts (the latest release of each, the original rather than a
restatement), each round applies every rule of derivation_rules to the current answers and adds
what it derives as further evidence for its cell; after `MAX_DEPTH` rounds (or when nothing new
appears) each cell's evidence is combined (evidence.combine). A chain can therefore run share x
total -> last year's level -> growth, each step naming the figures it used.

No figure is derived from evidence that rests on its own cell: every piece remembers the cells it
rests on, and a rule reading a cell for an output sees only the pieces that do not rest on that
output (else "2024 from 2025 and the growth" would feed "2025 from 2024 and the growth").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from autofacts.answers.derivation_rules import derived_fact, rules_for
from autofacts.answers.evidence import Agreement, Cell, CellAnswer, cell_of, combine, reading
from autofacts.answers.query import best_fact, latest_releases
from autofacts.knowledge.interval import Interval, contains
from autofacts.knowledge.model import Fact, KnowledgeBase, Step
from autofacts.knowledge.periods import Period, describe

# Rounds of derivation: enough for share x total, then a year earlier, then a growth rate; a bound
# on the work so that a large base is answered in linear time.
MAX_DEPTH = 3


@dataclass(frozen=True)
class Answers:
    """Every cell's answer from the evidence given, the figure standing for each, and every chain."""

    cells: dict[Cell, CellAnswer]
    figures: dict[Cell, Fact]  # the fact standing for each answer (none for a conflict)
    derived: tuple[Fact, ...]  # every derived piece of evidence, in a stable order

    def figure(self, cell: Cell) -> Fact | None:
        return self.figures.get(cell)

    def conflicts(self) -> list[CellAnswer]:
        return [a for a in self.cells.values() if a.agreement is Agreement.CONFLICT]


def _same(a: Interval, b: Interval) -> bool:
    return (a.lo, a.hi, a.lo_open, a.hi_open) == (b.lo, b.hi, b.lo_open, b.hi_open)


def answer_figure(kb: KnowledgeBase, answer: CellAnswer) -> Fact | None:
    """The fact that stands for an answer: a stated figure that says exactly it (the best of
    them), else a derived one, else a figure that combines the pieces that made its bounds."""
    iv = answer.interval
    if iv is None:
        return None
    if len(answer.pieces) == 1:  # the common case, kept cheap: one figure stands for itself
        return answer.pieces[0]
    same = [p for p in answer.pieces if p.interval is not None and _same(p.interval, iv)]
    stated = [p for p in same if p.derived_from is None]
    if stated:
        return best_fact(kb, stated)
    if same:
        return same[0]
    binding = answer.binding or answer.pieces
    first = binding[0]
    rounding = answer.agreement is Agreement.ROUNDING
    return derived_fact(kb, first.metric, first.period, binding, Step.BOTH, lambda *_: iv, rounding)


class _Engine:
    """The evidence gathered so far, answering rules' questions about cells (derivation_rules.Lookup)."""

    def __init__(self, kb: KnowledgeBase, stated: list[Fact]) -> None:
        self.kb = kb
        self.pieces: dict[Cell, dict[str, Fact]] = defaultdict(dict)
        self.rests_on: dict[str, frozenset[Cell]] = {}
        by_cell: dict[Cell, list[Fact]] = defaultdict(list)
        for f in latest_releases(stated):
            by_cell[cell_of(f)].append(f)
        for cell, facts in by_cell.items():
            for f in facts:
                self.pieces[cell][f.id] = f
                self.rests_on[f.id] = frozenset({cell})
        self.stated = [f for ps in self.pieces.values() for f in ps.values()]
        self._answers: dict[Cell, tuple[CellAnswer, Fact | None]] = {}
        self.combined: dict[str, Fact] = {}  # figures standing for an intersection, by id
        self._by_metric: dict[str, list[Cell]] = {}

    def start_round(self) -> None:
        self._answers = {}
        by_metric: dict[str, list[Cell]] = defaultdict(list)
        for cell in sorted(self.pieces, key=_order):
            by_metric[cell[0]].append(cell)
        self._by_metric = dict(by_metric)

    def answer(self, cell: Cell) -> tuple[CellAnswer, Fact | None]:
        if cell not in self._answers:
            ans = combine(cell, list(self.pieces[cell].values()))
            self._answers[cell] = (ans, self._figure(ans))
        return self._answers[cell]

    def _figure(self, ans: CellAnswer) -> Fact | None:
        fig = answer_figure(self.kb, ans)
        if fig is not None and fig.id not in self.rests_on:
            self.rests_on[fig.id] = frozenset().union(*(self.rests_on[p.id] for p in ans.binding or ans.pieces))
        if fig is not None and fig.derived_from is not None and fig.derived_from.combined:
            self.combined[fig.id] = fig
        return fig

    def cells(self, metric: str) -> list[Cell]:
        return self._by_metric.get(metric, [])

    def get(self, metric: str, like: Cell, start: date, end: date, out: Cell) -> Fact | None:
        cell = (metric, like[1], like[2], like[3], start, end)
        pieces = self.pieces.get(cell)
        if not pieces:
            return None
        usable = [p for p in pieces.values() if out not in self.rests_on[p.id]]
        if len(usable) == len(pieces):
            return self.answer(cell)[1]
        if not usable:
            return None
        return self._figure(combine(cell, usable))

    def add(self, fact: Fact) -> bool:
        """Add a derived piece; True when it is new evidence (not a repeat of a chain already held)."""
        assert fact.derived_from is not None
        cell = cell_of(fact)
        rests = frozenset({cell}).union(*(self.rests_on.get(i, frozenset()) for i in fact.derived_from.facts))
        held = self.pieces[cell].get(fact.id)
        if held is not None and held.derived_from == fact.derived_from:
            return False
        self.pieces[cell][fact.id] = fact
        self.rests_on[fact.id] = rests
        return True


def _order(cell: Cell) -> tuple[str, str, str, str, date, date]:
    return (cell[0], cell[1], cell[2] or "", cell[3], cell[4], cell[5])


def answer_cells(
    kb: KnowledgeBase, facts: list[Fact] | None = None, depth: int = MAX_DEPTH, answers: bool = True
) -> Answers:
    """The answer for every cell the outcomes in `facts` (the knowledge base's by default) reach,
    directly or through up to `depth` rounds of derivation. Targets and forecasts are not
    evidence about outcomes, so only actual figures are used. `answers=False`: only the chains
    (`derived`), not every cell's answer (what an export of derived figures needs)."""
    stated = [
        f
        for f in (kb.facts if facts is None else facts)
        if f.kind == "actual" and f.value is not None and f.derived_from is None
    ]
    engine = _Engine(kb, stated)
    for _ in range(depth):
        engine.start_round()
        found = [f for m in kb.metrics.values() for f in rules_for(kb, m, engine)]
        if not [f for f in found if engine.add(f)]:
            break
    engine.start_round()
    cells, figures = {}, {}
    for cell in sorted(engine.pieces, key=_order) if answers else ():
        ans, fig = engine.answer(cell)
        cells[cell] = ans
        if fig is not None:
            figures[cell] = fig
    derived = [
        p for c in sorted(engine.pieces, key=_order) for p in engine.pieces[c].values() if p.derived_from is not None
    ]
    return Answers(cells, figures, tuple(derived + _referenced(derived, engine.combined)))


def _referenced(derived: list[Fact], combined: dict[str, Fact]) -> list[Fact]:
    """The intersections some chain used as an input, and those they rest on: each is a figure a
    chain's `facts` names, so it is listed with the chains (an id named must be an id listed)."""
    out: dict[str, Fact] = {}
    todo = [i for f in derived if f.derived_from for i in f.derived_from.facts]
    while todo:
        fid = todo.pop()
        fig = combined.get(fid)
        if fig is not None and fid not in out and fig.derived_from is not None:
            out[fid] = fig
            todo.extend(fig.derived_from.facts)
    return sorted(out.values(), key=lambda f: f.id)


def period_of(cell: Cell) -> Period:
    return Period(cell[4], cell[5], describe(cell[4], cell[5]))


def inside(answer: CellAnswer, fact: Fact) -> bool:
    """True when a piece's own figure lies in the answer (its nominal value, or its reading)."""
    iv, read = answer.interval, reading(fact)
    if iv is None or read is None:
        return False
    return read.nominal is not None and contains(iv, read.nominal)
