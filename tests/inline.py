"""Small knowledge bases written inline, for domain tests that call the library on a few facts.

Synthetic data for arithmetic: the sources are placeholders (no seed text), since these tests are
about what the code computes from figures, not about quoting.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from autofacts.interval import Interval
from autofacts.model import Derivation, Fact, KnowledgeBase, Metric, Source
from autofacts.periods import parse_period

METRICS = (
    Metric("sales", "Sales", "vehicles", "flow"),
    Metric("nev-sales", "NEV sales", "vehicles", "flow"),
    Metric("sales-growth", "Sales growth", "percent", "growth", growth_of="sales"),
    Metric("nev-sales-growth", "NEV sales growth", "percent", "growth", growth_of="nev-sales"),
    Metric("nev-share", "NEV share", "percent", "share", part="nev-sales", whole="sales"),
)


def source(sid: str, published: str) -> Source:
    return Source(sid, f"{sid}.txt", sid, parse_period(published), "en")


def fact(
    fid: str,
    metric: str,
    period: str,
    value: str | int | None,
    qualifier: str = "exact",
    src: str = "s1",
    kind: str = "actual",
    region: str = "China",
    upper: str | None = None,
    revises: str | None = None,
) -> Fact:
    return Fact(
        id=fid,
        metric=metric,
        region=region,
        period=parse_period(period),
        kind=kind,
        value=None if value is None else Decimal(str(value)),
        qualifier=qualifier,
        source=src,
        quote="",
        upper=None if upper is None else Decimal(upper),
        revises=revises,
    )


def chain(fid: str, metric: str, period: str, iv: Interval, facts: tuple[str, ...] = ("x",)) -> Fact:
    """A derived piece of evidence with a given interval (its reading the same)."""
    return Fact(
        id=fid,
        metric=metric,
        region="China",
        period=parse_period(period),
        kind="actual",
        value=iv.lo if iv.lo is not None else iv.hi,
        qualifier="exact",
        source="s1",
        quote="",
        derived_from=Derivation(f"op {fid}", facts, iv),
    )


def kb_of(*facts: Fact, sources: tuple[Source, ...] = ()) -> KnowledgeBase:
    srcs = sources or (source("s1", "2025-01"), source("s2", "2025-08"), source("s3", "2026-01"))
    return KnowledgeBase(
        Path("."),
        Path("."),
        sources={s.id: s for s in srcs},
        metrics={m.id: m for m in METRICS},
        facts=list(facts),
    )


def D(x: str | int) -> Decimal:
    return Decimal(str(x))
