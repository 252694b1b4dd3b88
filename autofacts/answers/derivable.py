"""Which stated facts a derivation chain could ever use, found without deriving anything.

Every rule of derivation_rules joins two different cells of one place (region, entity, kind): a
share and its whole, a level and its growth rate, two year-to-date figures of one year; and what
it derives stays in that place and among the metrics the catalogue links to each other. So the
facts fall into groups: a place and a set of linked metrics; for a metric linked to none, a flow's
figures of one calendar year (its rules never reach across a year); any other such metric has no
rule at all. A group with fewer than two cells derives nothing, however long the chain. A large
base is mostly such groups (one figure a metric, region and year), so `export` reads, and the
chains look at, only the others: the figures derived are the same, tests/test_derivable.py pins it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from autofacts.answers.query import latest_releases
from autofacts.knowledge.model import Fact, KnowledgeBase
from autofacts.store import Need, Outline

# A group's key; None for a fact no rule reads.
Group = Hashable | None
_MANY = object()  # a group seen with two different cells


def _linked_sets(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Each metric that has or is the target of a catalogue link -> every metric linked to it,
    directly or through others (the links are followed both ways, as chains follow them)."""
    links: dict[str, set[str]] = {}
    for m in kb.metrics.values():
        for other in (m.part, m.whole, m.growth_of, m.multiple_of):
            if other:
                links.setdefault(m.id, set()).add(other)
                links.setdefault(other, set()).add(m.id)
    sets: dict[str, tuple[str, ...]] = {}
    for start in links:
        if start in sets:
            continue
        found, todo = {start}, [start]
        while todo:
            for other in links[todo.pop()]:
                if other not in found:
                    found.add(other)
                    todo.append(other)
        members = tuple(sorted(found))
        sets.update(dict.fromkeys(members, members))
    return sets


def groups(kb: KnowledgeBase) -> dict[str, tuple[tuple[str, ...], bool]]:
    """For each metric some rule may read: the metrics of its group, and whether the group is split
    by year (a flow linked to no other metric). A metric not named here is read by no rule."""
    linked = _linked_sets(kb)
    flows = {m.id: ((m.id,), True) for m in kb.metrics.values() if m.measure == "flow" and m.id not in linked}
    return {**flows, **{metric: (members, False) for metric, members in linked.items()}}


def group_of(plan: tuple[tuple[str, ...], bool], region: str, entity: str | None, kind: str, year: str) -> Group:
    """A group's key: its metrics, its place, and its year when split by year."""
    members, by_year = plan
    return (members, region, entity, kind, year if by_year else None)


def derivable(kb: KnowledgeBase, facts: Iterable[Fact]) -> list[Fact]:
    """The facts the chains may use (stated actual figures, their latest release) that lie in a
    group of at least two cells, in the order given: the chains derive from them exactly what
    they derive from all of `facts`."""
    stated = latest_releases(
        [f for f in facts if f.kind == "actual" and f.value is not None and f.derived_from is None]
    )
    plans = groups(kb)
    keys = [
        group_of(plans[f.metric], f.region, f.entity, f.kind, str(f.period.start.year)) if f.metric in plans else None
        for f in stated
    ]
    first: dict[Group, object] = {}
    for key, f in zip(keys, stated, strict=True):
        if key is not None:
            cell = (f.metric, f.period.start, f.period.end)
            seen = first.setdefault(key, cell)
            if seen is not _MANY and seen != cell:
                first[key] = _MANY
    return [f for key, f in zip(keys, stated, strict=True) if key is not None and first[key] is _MANY]


def derivable_needs(kb: KnowledgeBase, outlines: Iterable[Outline]) -> list[Need]:
    """What to read from a store so that `derivable` of the facts read is `derivable` of them all:
    every actual fact of each metric (or linked set) and region that holds a group of two cells or
    more, counting every actual figure (a qualitative one too: reading more is harmless); and of
    each that holds a revision, since a revision removes its first release wherever that is.

    Groups are told apart by their hash (a collision only reads more) and cells by one exact
    number, so that a base of a million single-cell groups is looked over in a few megabytes."""
    plans = groups(kb)
    numbers: dict[str, int] = {}
    first: dict[int, int] = {}
    many: set[int] = set()
    wanted: set[tuple[tuple[str, ...], str]] = set()
    for o in outlines:
        plan = plans.get(o.metric)
        if o.revises is not None:
            wanted.add((plan[0] if plan else (o.metric,), o.region))
        if plan is None:
            continue
        hashed = hash(group_of(plan, o.region, o.entity, o.kind, o.start[:4]))
        # metric, first and last day in one exact number (an ISO day as YYYYMMDD is below 2**27)
        start, end = int(o.start.replace("-", "")), int(o.end.replace("-", ""))
        cell = (numbers.setdefault(o.metric, len(numbers)) << 54) | (start << 27) | end
        if first.setdefault(hashed, cell) != cell:
            many.add(hashed)
        if hashed in many:  # (after a collision, each group's own later cells still name it)
            wanted.add((plan[0], o.region))
    return [Need(metrics=metrics, regions=(region,), kinds=("actual",)) for metrics, region in sorted(wanted)]
