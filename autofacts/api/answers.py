"""What the Python API's questions return: `Shown`, `Compared` and `Targets`, typed frozen records
that keep the model objects the CLI renders and build their rows for a notebook."""

from __future__ import annotations

from dataclasses import field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from autofacts.frozen import frozen

if TYPE_CHECKING:  # the rows are built when asked for: `autofacts show` renders the model, not rows
    from autofacts.answers.compare import Comparison
    from autofacts.answers.query import FactGroup
    from autofacts.answers.targets import TargetReport
    from autofacts.knowledge.model import KnowledgeBase, Metric
    from autofacts.knowledge.periods import Period
    from autofacts.output.rows import ChangeRow, FactRow, MetricRow, VerdictRow
    from autofacts.output.tables import Table


@frozen
class Shown:
    """`show`: the facts for one metric, sorted by period and region, and how sources agree on each.

    `groups` holds the facts that state the same figure together, each with its `agreement`
    (single, agree, restated, revised, conflict); `kb`, `metric_model` and `fact_groups` are the
    model objects the CLI renders. The rows are built on first use: the CLI prints the model and
    never builds them (a start-up cost of `autofacts show`, docs/performance.md)."""

    kb: KnowledgeBase = field(repr=False, compare=False)
    metric_model: Metric = field(repr=False)
    fact_groups: tuple[FactGroup, ...] = field(repr=False)

    @cached_property
    def metric(self) -> MetricRow:
        from autofacts.output.rows import metric_row

        return metric_row(self.metric_model)

    @cached_property
    def groups(self) -> tuple[tuple[str, Table[FactRow]], ...]:
        """(agreement, facts) for each figure stated."""
        from autofacts.output.rows import fact_row
        from autofacts.output.tables import Table

        return tuple((g.agreement, Table([fact_row(self.kb, f) for f in g.facts])) for g in self.fact_groups)

    @cached_property
    def facts(self) -> Table[FactRow]:
        from autofacts.output.tables import Table

        return Table([row for _, rows in self.groups for row in rows])

    def __repr__(self) -> str:
        return f"Shown(metric={self.metric!r}, facts={self.facts!r}, groups={self.groups!r})"

    def to_pandas(self) -> Any:
        return self.facts.to_pandas()

    def to_arrow(self) -> Any:
        return self.facts.to_arrow()

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of `autofacts show METRIC --format json`."""
        from autofacts.output.answers import ShowAnswer

        return ShowAnswer(self.kb, self.metric_model, list(self.fact_groups)).document()


@frozen
class Compared:
    """`compare A B`: each metric and region with a figure in both periods, and the change."""

    period_a: Period
    period_b: Period
    rows: Table[ChangeRow]
    only_a: tuple[str, ...]  # metrics with a figure in A only
    only_b: tuple[str, ...]
    kb: KnowledgeBase = field(repr=False, compare=False)
    comparison: Comparison = field(repr=False, compare=False)

    def to_pandas(self) -> Any:
        return self.rows.to_pandas()

    def to_arrow(self) -> Any:
        return self.rows.to_arrow()

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of `autofacts compare A B --format json`."""
        from autofacts.output.comparison import CompareAnswer

        return CompareAnswer(self.kb, self.comparison).document()


@frozen
class Targets:
    """`targets`: the verdict on each target, with counts by status."""

    as_of: date
    year: int | None
    verdicts: Table[VerdictRow]
    counts: dict[str, int] = field(hash=False)
    kb: KnowledgeBase = field(repr=False, compare=False)
    report: TargetReport = field(repr=False, compare=False)

    def to_pandas(self) -> Any:
        return self.verdicts.to_pandas()

    def to_arrow(self) -> Any:
        return self.verdicts.to_arrow()

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of `autofacts targets --format json`."""
        from autofacts.output.verdicts import TargetsAnswer

        return TargetsAnswer(self.kb, self.report).document()
