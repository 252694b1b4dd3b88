"""Where facts come from: a question says what it needs (a `Need`), a store returns exactly that.

Two stores stand behind one interface: the YAML files parsed whole (yaml_store.py), and the SQLite
cache of parsed files (sqlite_store.py), which reads only what a question needs. A command asks the
store for the catalogue (sources, metrics, regions and the problems found) and then for the facts
its question's module declares it needs; the result is a plain `KnowledgeBase` value. Nothing calls
back into a store, so a question that forgets to declare a need fails the same way with either.
(beancount keeps its cache behind the loader's own return type; pip-audit's service interface
gives a default `query_all` that implementations may override: the same idea.)
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import NamedTuple, TypeVar

from autofacts.frozen import frozen
from autofacts.knowledge.model import Fact, KnowledgeBase
from autofacts.knowledge.periods import Period
from autofacts.one_state import read_one_state

T = TypeVar("T")


def read_files(root: Path, read: Callable[[], T]) -> T:
    """`read()` of the files in facts folder `root`, seeing one state of the base: never a commit
    half-applied (one_state.py). Every store reads the base's files through here."""
    return read_one_state(root.parent, read, _settle_killed)


def _settle_killed(base: Path) -> None:
    """Only after a writer was killed during its renames: never on the usual path, so imported here."""
    from autofacts.transaction import recover_for_reading

    recover_for_reading(base)


@frozen
class Need:
    """The facts a question needs: those matching every given criterion (None: any)."""

    metrics: tuple[str, ...] | None = None
    periods: tuple[Period, ...] | None = None  # a fact whose period spans exactly one of these
    kinds: tuple[str, ...] | None = None
    regions: tuple[str, ...] | None = None
    # a fact whose period lies within these days; undated facts (which hold as of their source's
    # publication, and are few) are always included
    within: tuple[date, date] | None = None

    def admits(self, fact: Fact) -> bool:
        """Whether the fact matches (the SQLite store asks the same in SQL)."""
        if self.metrics is not None and fact.metric not in self.metrics:
            return False
        if self.kinds is not None and fact.kind not in self.kinds:
            return False
        if self.regions is not None and fact.region not in self.regions:
            return False
        if self.periods is not None and not any(fact.period.same_span(p) for p in self.periods):
            return False
        if self.within is not None and fact.period_stated:
            return self.within[0] <= fact.period.start and fact.period.end <= self.within[1]
        return True


EVERYTHING = Need()


class Outline(NamedTuple):
    """What a store knows of a fact without building it: its cell, and the release it revises
    (for deciding cheaply which facts a computation needs, as derivable.py does)."""

    id: str
    revises: str | None
    metric: str
    region: str
    entity: str | None
    kind: str
    start: str  # the period's first and last day (ISO); an undated fact's are its source's publication
    end: str


class Store(ABC):
    """A knowledge base's facts, read as questions need them."""

    @abstractmethod
    def catalogue(self) -> KnowledgeBase:
        """Sources, metrics, every region, and every problem a query must know of; no facts."""

    @abstractmethod
    def facts(self, need: Need) -> list[Fact]:
        """The facts `need` admits, in file order (file name, then position in the file)."""

    def stream(self, need: Need) -> Iterator[Fact]:
        """The same facts one at a time; a store may override it to hold fewer in memory."""
        return iter(self.facts(need))

    def outlines(self, need: Need) -> Iterator[Outline]:
        """The outline of each fact `need` admits, in file order; a store may override it to build no fact."""
        for f in self.stream(need):
            yield Outline(f.id, f.revises, f.metric, f.region, f.entity, f.kind, str(f.period.start), str(f.period.end))

    def ordered(self, need: Need) -> Iterator[Fact]:
        """The same facts in the order answers list them (query.sort_key: metric, period, region,
        entity, kind, publication, id); a store may override it to sort without holding them all."""
        from autofacts.knowledge.model import sort_key

        kb = self.catalogue()
        return iter(sorted(self.facts(need), key=lambda f: sort_key(kb, f)))

    def ordered_records(self, need: Need) -> Iterator[Fact | tuple[str, str, str]]:
        """`ordered`, where a store may give a fact as its kept export template instead (text,
        metric id, source id; see output/records.record_template)."""
        return self.ordered(need)

    def recall(self, name: str) -> str | None:
        """What `keep` kept under `name` for the base as it is now; None when nothing was, or the
        base changed since (a store without a cache keeps nothing)."""
        return None

    def keep(self, name: str, value: str) -> None:
        """Keep a value computed from the base as this store reads it, for a later `recall` while
        the base stays unchanged: a summary a question would otherwise recompute each time."""
        return None  # kept nowhere, unless a store has somewhere to keep it

    def read(self, *needs: Need) -> KnowledgeBase:
        """The catalogue with the facts any of `needs` admits, each once, in file order."""
        catalogue = self.catalogue()
        if len(needs) == 1:
            return replace(catalogue, facts=self.facts(needs[0]))
        seen: dict[tuple[str, int], Fact] = {}
        for need in needs:
            for fact in self.facts(need):
                where = fact.location
                seen.setdefault((where.file, where.line) if where else (fact.id, id(fact)), fact)
        return replace(catalogue, facts=sorted(seen.values(), key=_file_order))

    def fact_counts(self) -> tuple[Counter[str], Counter[str]]:
        """How many facts each metric and each source has (the catalogue commands' counts)."""
        metrics: Counter[str] = Counter()
        sources: Counter[str] = Counter()
        for fact in self.stream(EVERYTHING):
            metrics[fact.metric] += 1
            sources[fact.source] += 1
        return metrics, sources


def _file_order(fact: Fact) -> tuple[str, int, int]:
    where = fact.location
    return (where.file, where.line, where.column) if where else ("", 0, 0)
