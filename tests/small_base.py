"""The one helper that builds a small knowledge base in memory, for tests of the domain rules.

A test states its few facts inline (`fact(...)`) and gets a `KnowledgeBase` with the metrics and
sources they name, so that each rule is tested on values written beside its expectation, not on
the bundled data (as beancount tests its validators on small inline ledgers).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from autofacts.model import Fact, KnowledgeBase, Metric, Source
from autofacts.periods import parse_period

# Metric id -> (unit, measure); a test may name any of these.
METRICS = {
    "vehicle-sales": ("vehicles", "flow"),
    "vehicle-production": ("vehicles", "flow"),
    "nev-share": ("percent", "share"),
    "vehicle-sales-growth": ("percent", "growth"),
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
    )


def small_base(*facts: Fact, published: dict[str, str] | None = None) -> KnowledgeBase:
    """A knowledge base holding `facts`, with each metric they name and each source they cite
    (published in January 2026 unless `published` gives another period for a source id)."""
    published = published or {}
    metrics = {}
    for f in facts:
        unit, measure = METRICS[f.metric]
        growth_of = "vehicle-sales" if f.metric == "vehicle-sales-growth" else None
        metrics[f.metric] = Metric(f.metric, f.metric, unit, measure, growth_of=growth_of)
    sources = {
        f.source: Source(f.source, f"{f.source}.txt", f.source, parse_period(published.get(f.source, "2026-01")), "en")
        for f in facts
    }
    root = Path("small-base")
    return KnowledgeBase(root=root, seeds_dir=root / "seeds", sources=sources, metrics=metrics, facts=list(facts))
