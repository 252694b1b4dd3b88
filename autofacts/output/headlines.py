"""The report's headline figures: the metrics the base knows best, each with its latest figure
and its change on the like period before."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from autofacts.answers.compare import ComparisonRow, Side, compare_row
from autofacts.answers.query import FactGroup, best_fact
from autofacts.knowledge.model import Fact, KnowledgeBase, Metric
from autofacts.knowledge.periods import in_words
from autofacts.output.answers import percent_text
from autofacts.output.chart import periods_of
from autofacts.output.comparison import change_text
from autofacts.output.records import region_label, stated_value
from autofacts.output.report_html import cite

HEADLINES = 4  # cards in the headline section: as many as a phone shows in two screens


def _actual(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.kind == "actual" and f.value is not None]


def by_knowledge(kb: KnowledgeBase, metrics: list[Metric]) -> list[Metric]:
    """Metrics the base knows best first: most periods with a reported figure, then most facts, then
    the catalogue's own order (which puts production before its growth rate)."""
    catalogue = {m: i for i, m in enumerate(kb.metrics)}
    facts = Counter(f.metric for f in kb.facts)
    periods = {m.id: periods_of(_actual(kb.facts_for(m.id))) for m in metrics}
    return sorted(metrics, key=lambda m: (-periods[m.id], -facts[m.id], catalogue.get(m.id, len(catalogue))))


@dataclass(frozen=True)
class Headline:
    """A metric's latest reported figure in its best-covered region, and its change on the last like period."""

    metric: Metric
    latest: Fact
    previous: Fact | None
    change: ComparisonRow | None


def _region(kb: KnowledgeBase, facts: list[Fact]) -> tuple[str, str | None]:
    """The region (and entity) with the most periods, then most facts, then most facts in the base."""
    everywhere = Counter(f.region for f in kb.facts)
    cells = Counter((f.region, f.entity) for f in facts)
    return min(
        cells,
        key=lambda c: (
            -periods_of([f for f in facts if (f.region, f.entity) == c]),
            -cells[c],
            c[1] is not None,
            -everywhere[c[0]],
            c[0],
        ),
    )


def headline(kb: KnowledgeBase, metric: Metric) -> Headline | None:
    """The latest reported figure of a metric stated for two periods or more, with its change on the
    latest earlier period of the same length (2025 on 2024, never on January to November)."""
    facts = _actual(kb.facts_for(metric.id))
    if periods_of(facts) < 2:
        return None
    region = _region(kb, facts)
    own = [f for f in facts if (f.region, f.entity) == region]
    last = max(own, key=lambda f: (f.period.end, f.period.months))
    latest = best_fact(kb, [f for f in own if f.period.same_span(last.period)])
    earlier = [f for f in own if f.period.end < latest.period.start and f.period.months == latest.period.months]
    if not earlier:
        return Headline(metric, latest, None, None)
    before = max(earlier, key=lambda f: f.period.end)
    previous = best_fact(kb, [f for f in earlier if f.period.same_span(before.period)])
    years = None
    if latest.period.is_year and previous.period.is_year:
        years = latest.period.start.year - previous.period.start.year
    side = Side(previous, FactGroup((previous,))), Side(latest, FactGroup((latest,)))
    return Headline(metric, latest, previous, compare_row(metric, side[0], side[1], years))


def _change_words(h: Headline) -> str:
    assert h.previous is not None and h.change is not None
    since = f"on {escape(in_words(h.previous.period))} ({cite(h.previous, stated_value(h.previous, h.metric))})"
    change = h.change.change
    if change is None or (change.lo is None and change.hi is None):
        side = "lower" if h.latest.interval is not None and h.latest.interval.hi is None else "upper"
        return f"{since[3:]}: both figures are {side} bounds, so the change is not known"
    relative = "" if h.change.relative is None else f" ({escape(percent_text(h.change.relative))})"
    return f"<b>{escape(change_text(h.change))}</b>{relative} {since}"


def headline_section(kb: KnowledgeBase, metrics: list[Metric]) -> str:
    cards = []
    for metric in metrics:
        h = headline(kb, metric)
        if h is None:
            continue
        source = kb.sources.get(h.latest.source)
        place = region_label(h.latest)
        change = _change_words(h) if h.previous is not None else "no earlier figure of the same length"
        cards.append(
            f'<article class="card" id="headline-{escape(metric.id)}"><h3><a href="#trend-{escape(metric.id)}">'
            f"{escape(metric.name)}</a></h3>"
            f'<p class="big">{cite(h.latest, stated_value(h.latest, metric))}</p>'
            f"<p>{escape(place)}, {escape(in_words(h.latest.period))}</p><p>{change}</p>"
            f'<p class="muted">{escape(source.title if source else h.latest.source)}'
            f"{', ' + escape(source.published.label) if source else ''}</p></article>"
        )
        if len(cards) == HEADLINES:
            break
    if not cards:
        return ""
    return (
        '<section id="headline"><h2>Headline figures</h2><p class="muted">The metrics this knowledge base '
        "knows best (reported for the most periods), each with its latest figure and the change on the "
        f'period before.</p><div class="cards">{"".join(cards)}</div></section>'
    )
