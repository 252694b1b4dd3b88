"""The Python API's records: frozen, typed rows a notebook can hold, and tables of them.

A `FactRow` is one fact joined with what a reader needs beside it (the metric's unit, the source's
title and date): the same content as the JSON fact record of output/records.py, but typed (Decimal,
date, Period, Interval) rather than JSON-shaped. Tables of rows (tables.py) turn into pandas or
Arrow only when asked, so neither library is imported by the CLI or by `import autofacts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from autofacts.knowledge.model import Derivation, Fact, KnowledgeBase, Metric, Source
from autofacts.knowledge.periods import Period
from autofacts.knowledge.seeds import seed_label
from autofacts.output.derivations import fact_note, operation_text
from autofacts.output.notes import row_note

if TYPE_CHECKING:
    from autofacts.answers.compare import ComparisonRow
    from autofacts.answers.targets import TargetVerdict
    from autofacts.knowledge.interval import Interval


@dataclass(frozen=True)
class SourceRef:
    """Where a fact is stated: the source and the sentence it quotes, verbatim."""

    id: str
    title: str | None
    publisher: str | None
    published: str | None  # as the catalogue dates it: "2025-09", "2025-12-01"
    file: str | None  # the seed text, as the seeds folder names it
    url: str | None
    quote: str


@dataclass(frozen=True)
class DerivedFrom:
    """How a derived figure was computed: the operation in words, the ids of the figures it used
    (`facts`, derived ones among them in a chain) and of the stated facts it rests on (`stated`)."""

    operation: str
    facts: tuple[str, ...]
    stated: tuple[str, ...]


@dataclass(frozen=True)
class FactRow:
    """One fact: the figure as stated (`value`, `qualifier`), what it is known to be (`interval`:
    "over 16 million" is (16 million, +inf)), its unit, period, region, entity, kind and source."""

    id: str
    metric: str
    unit: str | None
    region: str
    entity: str | None
    period: Period
    kind: str
    value: Decimal | None  # None for a qualitative goal, and for a derived figure (no source states it)
    qualifier: str
    interval: Interval | None
    source: SourceRef
    note: str | None = None
    revises: str | None = None  # the earlier release this figure corrects
    derived_from: DerivedFrom | None = None  # set on a figure computed from others, never on a stated one

    @property
    def lower(self) -> Decimal | None:
        return None if self.interval is None else self.interval.lo

    @property
    def upper(self) -> Decimal | None:
        return None if self.interval is None else self.interval.hi


@dataclass(frozen=True)
class MetricRow:
    """A metric of the catalogue: what a figure measures and in which unit."""

    id: str
    name: str
    unit: str
    measure: str
    description: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class SourceRow:
    """A source of the catalogue."""

    id: str
    title: str
    publisher: str | None
    published: Period
    language: str
    file: str
    url: str | None
    restates: tuple[str, ...]


@dataclass(frozen=True)
class ChangeRow:
    """One metric and region of a comparison: the facts used for each period and the change
    between them, in the unit its measure changes in (`change_unit`: "pp" for a share)."""

    metric: str
    unit: str
    region: str
    entity: str | None
    kind: str
    a: FactRow | None
    b: FactRow | None
    change: Interval | None
    change_unit: str
    relative: Interval | None  # per cent
    cagr: Interval | None  # per cent a year
    relative_basis: str | None  # "stated" by a source, or "computed" from the two figures
    note: str


@dataclass(frozen=True)
class VerdictRow:
    """One target and the verdict on it: met, missed, on track, off track, can't tell, no data, ..."""

    target: FactRow
    metric: str
    region: str
    status: str
    projected: bool  # the verdict rests on a projection of a part of the period
    outcome: Interval | None
    outcome_period: Period | None
    outcome_facts: tuple[str, ...]  # ids of the facts the outcome rests on
    percent_of_target: Interval | None
    derived: bool  # the outcome is computed from other facts
    note: str


# --- building rows from the model -----------------------------------------------------------------


def source_ref(kb: KnowledgeBase, fact: Fact) -> SourceRef:
    source = kb.sources.get(fact.source)
    quote = " ".join(fact.quote.split())
    if source is None:
        return SourceRef(fact.source, None, None, None, None, None, quote)
    return SourceRef(
        source.id,
        source.title,
        source.publisher,
        source.published.label,
        seed_label(kb, source.file),
        source.url,
        quote,
    )


def _derived_from(d: Derivation | None) -> DerivedFrom | None:
    return None if d is None else DerivedFrom(operation_text(d), d.facts, d.leaves)


def fact_row(kb: KnowledgeBase, fact: Fact) -> FactRow:
    metric = kb.metrics.get(fact.metric)
    return FactRow(
        id=fact.id,
        metric=fact.metric,
        unit=metric.unit if metric else None,
        region=fact.region,
        entity=fact.entity,
        period=fact.period,
        kind=fact.kind,
        value=fact.value if fact.derived_from is None else None,
        qualifier=fact.qualifier,
        interval=fact.interval,
        source=source_ref(kb, fact),
        note=fact_note(fact),
        revises=fact.revises,
        derived_from=_derived_from(fact.derived_from),
    )


def metric_row(metric: Metric) -> MetricRow:
    return MetricRow(metric.id, metric.name, metric.unit, metric.measure, metric.description, metric.aliases)


def source_row(kb: KnowledgeBase, source: Source) -> SourceRow:
    return SourceRow(
        source.id,
        source.title,
        source.publisher,
        source.published,
        source.language,
        seed_label(kb, source.file),
        source.url,
        source.restates,
    )


def change_row(kb: KnowledgeBase, row: ComparisonRow) -> ChangeRow:
    return ChangeRow(
        metric=row.metric.id,
        unit=row.metric.unit,
        region=row.region,
        entity=row.entity,
        kind=row.kind,
        a=fact_row(kb, row.a.used) if row.a is not None else None,
        b=fact_row(kb, row.b.used) if row.b is not None else None,
        change=row.change,
        change_unit=row.change_unit,
        relative=row.relative,
        cagr=row.cagr,
        relative_basis=row.relative_basis,
        note=row_note(row),
    )


def verdict_row(kb: KnowledgeBase, verdict: TargetVerdict) -> VerdictRow:
    from autofacts.output.verdicts import reason_text  # words the reason as the CLI does; loaded only for targets

    return VerdictRow(
        target=fact_row(kb, verdict.target),
        metric=verdict.metric.id,
        region=verdict.target.region,
        status=verdict.status,
        projected=verdict.projected or verdict.projection is not None,
        outcome=verdict.outcome,
        outcome_period=verdict.outcome_period,
        outcome_facts=tuple(f.id for f in verdict.outcome_facts),
        percent_of_target=verdict.percent_of_target,
        derived=verdict.derived,
        note=reason_text(verdict),
    )
