"""Figures the knowledge base implies but does not state, each with the chain it came from.

An analyst reads "NEVs were 40.9 % of sales" beside "sales were 31.436 million" as NEV sales of
about 12.86 million; "production grew 12.1 %" as last year's production; "more than six times the
2021 figure" as an upper bound on 2021. This module does that arithmetic on intervals, so a bound
stays a bound, and marks every result as derived: it carries `derived_from` (the operation and the
facts used), never a quote, and callers use it only where no stated figure exists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from autofacts.answers.chains import answer_cells
from autofacts.answers.derivable import derivable, derivable_needs
from autofacts.answers.derivation_rules import MARK
from autofacts.answers.evidence import cell_of
from autofacts.answers.query import Filters, latest_releases, select_facts
from autofacts.knowledge.model import Fact, KnowledgeBase, sort_key
from autofacts.store import Need, Store

__all__ = [
    "MARK",
    "MARK_NOTE",
    "derived_facts",
    "derived_need",
    "every_derived",
    "every_derived_in",
    "inputs_of",
    "select_with_derived",
    "where_not_stated",
]


MARK_NOTE = f"{MARK} derived from stated figures (see note), not stated by a source"


def inputs_of(kb: KnowledgeBase, metrics: Iterable[str]) -> set[str]:
    """The metrics whose facts derivations of `metrics` may read (for fetching them from a store):
    every metric linked to them in the catalogue, directly or through others, since chains follow
    links in either direction (a share gives its part, a part and its share give the whole)."""
    links: dict[str, set[str]] = {}
    for m in kb.metrics.values():
        for other in (m.part, m.whole, m.growth_of, m.multiple_of):
            if other:
                links.setdefault(m.id, set()).add(other)
                links.setdefault(other, set()).add(m.id)
    needed = set(metrics)
    todo = list(needed)
    while todo:
        for other in links.get(todo.pop(), ()):
            if other not in needed:
                needed.add(other)
                todo.append(other)
    return needed


def derived_facts(kb: KnowledgeBase, facts: Iterable[Fact] | None = None) -> list[Fact]:
    """Every figure derivable from the stated outcomes (the knowledge base's by default), through
    chains of up to chains.MAX_DEPTH steps, each carrying the ids of the figures it used. Only the
    facts a chain can join are looked at (derivable.py): the same figures, found sooner."""
    return list(answer_cells(kb, derivable(kb, kb.facts if facts is None else facts), answers=False).derived)


def every_derived(kb: KnowledgeBase) -> list[Fact]:
    """Every figure the chains derive from the whole base, in the order `show` lists facts: what
    `export` writes (the CLI's and the Python API's alike), stated cells included."""
    return sorted(derived_facts(kb), key=lambda f: sort_key(kb, f))


def every_derived_in(store: Store) -> list[Fact]:
    """`every_derived` of the store's whole base, reading only the facts a chain can join: on a
    large base most facts are alone in their group, and are never built (derivable.py). Which
    those are is kept by the store until the base changes, so that an export looks only once."""
    catalogue = store.catalogue()
    kept = store.recall("derivable")
    if kept is not None:
        pairs = json.loads(kept)
        needs = [Need(metrics=tuple(metrics), regions=(region,), kinds=("actual",)) for metrics, region in pairs]
    else:
        needs = derivable_needs(catalogue, store.outlines(Need(kinds=("actual",))))
        store.keep("derivable", json.dumps([[list(n.metrics or ()), (n.regions or ("",))[0]] for n in needs]))
    return every_derived(store.read(*needs) if needs else catalogue)


def where_not_stated(stated: Iterable[Fact], derived: Iterable[Fact]) -> list[Fact]:
    """The derived figures for cells no stated fact fills: a stated figure always wins."""
    filled = {cell_of(f) for f in stated if f.value is not None}
    return [f for f in derived if cell_of(f) not in filled]


def derived_need(catalogue: KnowledgeBase, filters: Filters) -> Need:
    """The facts `select_with_derived` reads: the metrics asked and those they are derived from."""
    metrics = tuple(sorted(inputs_of(catalogue, filters.metrics))) if filters.metrics else None
    return Need(metrics=metrics, regions=(filters.region,) if filters.region else None)


def select_with_derived(kb: KnowledgeBase, filters: Filters) -> list[Fact]:
    """The stated facts that pass the filters, and the derived figures that do for cells no stated
    fact fills (derived from what was published by the filters' as-of date)."""
    stated = select_facts(kb, filters)
    published = latest_releases(select_facts(kb, Filters(as_of=filters.as_of)))
    derived = select_facts(kb, filters, where_not_stated(published, derived_facts(kb, published)))
    return sorted(stated + derived, key=lambda f: sort_key(kb, f))
