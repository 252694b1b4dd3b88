"""The one helper that builds a small knowledge base in memory, for tests of the domain rules.

A test states its few facts inline (`fact(...)`) and gets a `KnowledgeBase` with the metrics and
sources they name, so that each rule is tested on values written beside its expectation, not on
the bundled data (as beancount tests its validators on small inline ledgers).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from autofacts.knowledge.interval import Interval
from autofacts.knowledge.model import Derivation, Fact, KnowledgeBase, Metric, Source, Step
from autofacts.knowledge.periods import parse_period

# Metric id -> (unit, measure); a test may name any of these.
METRICS = {
    "vehicle-sales": ("vehicles", "flow"),
    "vehicle-production": ("vehicles", "flow"),
    "nev-sales": ("vehicles", "flow"),
    "nev-share": ("percent", "share"),
    "vehicle-sales-growth": ("percent", "growth"),
    "nev-sales-growth": ("percent", "growth"),
}
# How the metrics are linked, as the catalogue links them (derivation chains follow these).
LINKS: dict[str, dict[str, str]] = {
    "vehicle-sales-growth": {"growth_of": "vehicle-sales"},
    "nev-sales-growth": {"growth_of": "nev-sales"},
    "nev-share": {"part": "nev-sales", "whole": "vehicle-sales"},
}


def fact(
    fact_id: str,
    period: str,
    value: str | None,
    qualifier: str = "exact",
    *,
    metric: str = "vehicle-sales",
    kind: str = "actual",
    region: str = "China",
    source: str = "s1",
    upper: str | None = None,
    ceiling: bool = False,
    revises: str | None = None,
) -> Fact:
    """One fact as a curator would write it (values as text, so 0.1 stays 0.1)."""
    return Fact(
        id=fact_id,
        metric=metric,
        region=region,
        period=parse_period(period),
        kind=kind,
        value=None if value is None else Decimal(value),
        qualifier=qualifier,
        source=source,
        quote=f"(quote of {fact_id})",
        upper=None if upper is None else Decimal(upper),
        ceiling=ceiling,
        revises=revises,
    )


def derived(fact_id: str, period: str, interval: Interval, *, metric: str = "vehicle-sales") -> Fact:
    """A piece of evidence as a derivation chain gives it: an interval and the chain, no quote."""
    return Fact(
        id=fact_id,
        metric=metric,
        region="China",
        period=parse_period(period),
        kind="actual",
        value=interval.lo if interval.lo is not None else interval.hi,
        qualifier="exact",
        source="s1",
        quote="",
        derived_from=Derivation(Step.TIMES, ("x",), interval),
    )


def small_base(*facts: Fact, published: dict[str, str] | None = None) -> KnowledgeBase:
    """A knowledge base holding `facts`, with each metric they name (and those linked to them) and
    each source they cite (published in January 2026 unless `published` gives another period)."""
    published = published or {}
    metrics = {}
    named = {f.metric for f in facts}
    linked = {m for n in named for m in LINKS.get(n, {}).values()}
    linking = {m for m, links in LINKS.items() if named & set(links.values())}  # a growth rate of a named level
    for name in named | linked | linking:
        unit, measure = METRICS[name]
        metrics[name] = Metric(name, name, unit, measure, **LINKS.get(name, {}))  # type: ignore[arg-type]
    sources = {
        f.source: Source(f.source, f"{f.source}.txt", f.source, parse_period(published.get(f.source, "2026-01")), "en")
        for f in facts
    }
    root = Path("small-base")
    return KnowledgeBase(root=root, seeds_dir=root / "seeds", sources=sources, metrics=metrics, facts=list(facts))


def fact_yaml(fid: str, metric: str, period: str, value: str, quote: str, qualifier: str = "exact") -> str:
    """One China outcome as a facts file writes it (for tests that add a release to a base on disk)."""
    return (
        f"  - id: {fid}\n    metric: {metric}\n    region: China\n    period: {period}\n    kind: actual\n"
        f"    value: {value}\n    qualifier: {qualifier}\n    quote: >-\n      {quote}\n"
    )
