"""Finding facts: metric names as people type them, filters, and groups of corroborating facts."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from autofacts.errors import UnknownMetricError, UsageError
from autofacts.frozen import frozen
from autofacts.knowledge.model import KINDS, Fact, KnowledgeBase, Metric, sort_key
from autofacts.knowledge.periods import Period
from autofacts.store import Need


def resolve_metric(kb: KnowledgeBase, name: str) -> Metric:
    """A metric by id, alias or unambiguous whole-word prefix; a helpful error otherwise."""
    wanted = name.strip().lower()
    if wanted in kb.metrics:
        return kb.metrics[wanted]
    for metric in kb.metrics.values():
        if wanted in (a.lower() for a in metric.aliases):
            return metric
    # A prefix must end at a word boundary ("nev-sales" for nev-sales-growth, "icv-nev" for
    # icv-nev-cluster-scale), so that a typo such as "nev-shar" is reported, not guessed at.
    matches = sorted(m for m in kb.metrics if m.startswith(wanted + "-"))
    if len(matches) == 1:
        return kb.metrics[matches[0]]
    if len(matches) > 1:
        shown = ", ".join(matches[:8]) + (" ..." if len(matches) > 8 else "")
        raise UnknownMetricError(f"ambiguous metric '{name}': it could be {shown}")
    import difflib  # only to suggest a name

    names = {m.id: m.id for m in kb.metrics.values()} | {a: m.id for m in kb.metrics.values() for a in m.aliases}
    # an alias names its metric: "nev-share or ev-share" would offer one metric twice
    close = list(dict.fromkeys(names[n] for n in difflib.get_close_matches(wanted, list(names), n=6, cutoff=0.6)))[:3]
    hint = f" — did you mean {' or '.join(close)}?" if close else " (see `autofacts metrics`)"
    raise UnknownMetricError(f"unknown metric '{name}'{hint}")


def resolve_region(kb: KnowledgeBase, name: str) -> str:
    """A region as the knowledge base spells it (case-insensitive), or a usage error."""
    regions = kb.region_names()
    for region in regions:
        if region.lower() == name.strip().lower():
            return region
    import difflib  # only to suggest a name

    close = difflib.get_close_matches(name, regions, n=2, cutoff=0.5)
    hint = f" — did you mean {' or '.join(close)}?" if close else f" (known: {', '.join(regions)})"
    raise UsageError(f"unknown region '{name}'{hint}")


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise UsageError(f"unknown kind '{kind}' (known: {', '.join(KINDS)})")
    return kind


@frozen
class Filters:
    """What a user narrowed a question down to; None means no restriction."""

    metrics: tuple[str, ...] | None = None
    region: str | None = None
    period: Period | None = None
    kind: str | None = None
    since: Period | None = None
    until: Period | None = None
    as_of: date | None = None


def show_need(filters: Filters) -> Need:
    """The facts `select_facts` may pick for these filters (metrics and region; the rest is in memory)."""
    return Need(metrics=filters.metrics, regions=(filters.region,) if filters.region else None)


def published_by(kb: KnowledgeBase, fact: Fact, as_of: date | None) -> bool:
    """True when the fact's source had been published by `as_of` (by the end of its stated month)."""
    if as_of is None:
        return True
    source = kb.sources.get(fact.source)
    return source is not None and source.published.end <= as_of


def select_facts(kb: KnowledgeBase, filters: Filters, facts: list[Fact] | None = None) -> list[Fact]:
    """The facts (the knowledge base's by default) that pass every filter, sorted by metric, period,
    region and source date."""
    out = []
    for fact in kb.facts if facts is None else facts:
        if filters.metrics is not None and fact.metric not in filters.metrics:
            continue
        if filters.region is not None and fact.region != filters.region:
            continue
        if filters.kind is not None and fact.kind != filters.kind:
            continue
        if filters.period is not None and not fact.period.same_span(filters.period):
            continue
        if filters.since is not None and fact.period.start < filters.since.start:
            continue
        if filters.until is not None and fact.period.end > filters.until.end:
            continue
        if not published_by(kb, fact, filters.as_of):
            continue
        out.append(fact)
    return sorted(out, key=lambda f: sort_key(kb, f))


Restatements = frozenset[tuple[str, str]]


def restatements(kb: KnowledgeBase) -> Restatements:
    """(restating, original) pairs of source ids, from each source's `restates`.

    A restatement repeats its original's figures: where both state one, the original is the figure
    to cite (`best_fact`) and the repeat is not independent corroboration (`FactGroup`)."""
    return frozenset((s.id, original) for s in kb.sources.values() for original in s.restates)


@frozen
class FactGroup:
    """Facts stating the same figure (metric, region, entity, period, kind), from one or more sources.

    `restated` holds the knowledge base's restatements (see `restatements`): without it every
    source counts as independent."""

    facts: tuple[Fact, ...]
    restated: Restatements = frozenset()

    @property
    def first(self) -> Fact:
        return self.facts[0]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.source for f in self.facts))

    def restates(self, fact: Fact) -> tuple[str, ...]:
        """The sources in the group whose figure `fact`'s source repeats."""
        return tuple(s for s in self.sources if (fact.source, s) in self.restated)

    def restated_by(self, fact: Fact) -> tuple[str, ...]:
        """The sources in the group that repeat `fact`'s source."""
        return tuple(s for s in self.sources if (s, fact.source) in self.restated)

    def agreeing(self, fact: Fact) -> tuple[str, ...]:
        """The other sources in the group independent of `fact`'s (neither restating nor restated by it)."""
        related = {fact.source, *self.restates(fact), *self.restated_by(fact)}
        return tuple(s for s in self.sources if s not in related)

    @property
    def agreement(self) -> str:
        """'single', 'revised', 'conflict', 'agree' (all intervals overlap pairwise and two
        independent sources state the figure) or 'restated' (they overlap, but every source but
        one only restates it).

        A revision and the release it corrects may differ: only the latest releases must agree.
        A restatement must agree with its original: a conflict between them is a misquote."""
        current = latest_releases(list(self.facts))
        sources = {f.source for f in current}
        if len(sources) < 2:
            return "revised" if len(current) < len(self.facts) else "single"
        intervals = [f.interval for f in current if f.interval is not None]
        for i, a in enumerate(intervals):
            for b in intervals[i + 1 :]:
                if not a.intersects(b):
                    return "conflict"
        independent = [s for s in sources if not any((s, o) in self.restated for o in sources)]
        return "agree" if len(independent) >= 2 else "restated"


def group_key(fact: Fact) -> tuple[object, ...]:
    return (fact.metric, fact.region, fact.entity, fact.kind, fact.period.start, fact.period.end)


def group_facts(kb: KnowledgeBase, facts: list[Fact]) -> list[FactGroup]:
    """Facts grouped by what they state, in the order of their first member, each group knowing
    the knowledge base's restatements (a repeat is not corroboration)."""
    groups: dict[tuple[object, ...], list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[group_key(fact)].append(fact)
    restated = restatements(kb)
    return [FactGroup(tuple(g), restated) for g in groups.values()]


def latest_releases(facts: list[Fact]) -> list[Fact]:
    """The facts no other one in `facts` revises: a revision replaces its first release."""
    revised = {f.revises for f in facts if f.revises is not None}
    return [f for f in facts if f.id not in revised]


def originals(kb: KnowledgeBase, facts: list[Fact]) -> list[Fact]:
    """The facts whose source restates none of the others' sources (all of them if every one does)."""
    restated = restatements(kb)
    sources = {f.source for f in facts}
    return [f for f in facts if not any((f.source, s) in restated for s in sources)] or facts


def best_fact(kb: KnowledgeBase, facts: list[Fact]) -> Fact:
    """Of the facts stating one figure: the latest release, from an original rather than a
    restatement of it, then the most precise statement (narrowest interval), then the most recent source."""
    facts = originals(kb, latest_releases(facts) or facts)

    def precision(f: Fact) -> tuple[int, float]:
        iv = f.interval
        if iv is None:
            return (3, 0.0)
        if iv.is_exact:
            return (0, 0.0)
        if iv.is_bounded:
            width = iv.width or 0
            return (1, float(width / abs(iv.nominal)) if iv.nominal else float(width))
        return (2, 0.0)

    def recency(f: Fact) -> date:
        source = kb.sources.get(f.source)
        return source.published.end if source else date.min

    return sorted(facts, key=lambda f: (precision(f), -recency(f).toordinal(), f.id))[0]
