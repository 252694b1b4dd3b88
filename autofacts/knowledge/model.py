"""The data model: sources, metrics, facts, and problems found in them.

Plain frozen dataclasses with no I/O, so that every other module can reason about facts without
knowing they came from YAML. Each record remembers where it was written (file, line, column)
so that any problem can point a curator's editor at it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autofacts.frozen import frozen
from autofacts.knowledge.interval import Interval, from_qualifier
from autofacts.knowledge.periods import Period

if TYPE_CHECKING:
    from array import array

KINDS = ("actual", "target", "forecast", "estimate")

# What kind of measure a metric is decides which arithmetic is meaningful for it: flows of
# different lengths are not compared, shares change in percentage points, ranks are not averaged.
MEASURES = ("flow", "stock", "share", "growth", "multiple", "rank", "count", "duration", "level")

LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}


class Places(Mapping[str, tuple[int, int]]):
    """Where each field of a record was written, (line, column) by key, kept compactly: a base of
    100,000 facts holds 100,000 of these, and as a dict of tuples each took about 1 KB (a third of
    a loaded fact). Here: a key tuple shared by every record written alike, the first line, and
    each field's line (counted from that one) and column as one byte each where they fit (a
    record's fields stand on neighbouring lines, within 255 columns), else as an array: 0.1 KB."""

    __slots__ = ("_at", "_keys", "_line")
    _key_tuples: dict[tuple[str, ...], tuple[str, ...]] = {}

    def __init__(self, places: Mapping[str, tuple[int, int]] | None = None) -> None:
        places = places or {}
        keys = tuple(places)
        self._keys = Places._key_tuples.setdefault(keys, keys)
        self._store([n for line_column in places.values() for n in line_column])

    def _store(self, numbers: list[int]) -> None:
        """Keep lines and columns given as one flat list (line, column, line, column...)."""
        self._line = min(numbers[::2], default=0)
        first = self._line
        at = [n - first if i % 2 == 0 else n for i, n in enumerate(numbers)]
        self._at: bytes | array[int]
        try:
            self._at = bytes(at)
        except ValueError:  # a number past 255
            from array import array

            self._at = array("I", at)

    def __getitem__(self, key: str) -> tuple[int, int]:
        try:
            i = 2 * self._keys.index(key)
        except ValueError:
            raise KeyError(key) from None
        return (self._line + self._at[i], self._at[i + 1])

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f"Places({dict(self)!r})"

    def packed(self) -> tuple[tuple[str, ...], list[int]]:
        """The keys and their lines and columns as one flat list (how the cache writes them)."""
        first = self._line
        return self._keys, [n + first if i % 2 == 0 else n for i, n in enumerate(self._at)]

    @classmethod
    def unpacked(cls, keys: list[str], numbers: list[int]) -> Places:
        """The places `packed` gave."""
        places = cls.__new__(cls)
        places._keys = Places._key_tuples.setdefault(tuple(keys), tuple(keys))
        places._store(numbers)
        return places


@frozen(slots=True)
class Location:
    """A place in a knowledge-base file (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@frozen
class Problem:
    """One thing wrong with the knowledge base, reported with its location and a stable code."""

    location: Location
    code: str
    message: str

    def __post_init__(self) -> None:
        # One problem, one line: a value quoted in the message may span lines in the file.
        object.__setattr__(self, "message", " ".join(self.message.split()))

    def __str__(self) -> str:
        return f"{self.location}: error[{self.code}]: {self.message}"


@frozen
class Exclusion:
    """A passage of a seed whose numbers are deliberately not facts, and why.

    `text` excludes every occurrence of that passage; `start` excludes from its first occurrence
    to the end of the document (the encyclopedia notes some seeds end with).
    """

    reason: str
    text: str | None = None
    start: str | None = None
    location: Location | None = None


@frozen
class Source:
    """A document facts are quoted from: one seed file."""

    id: str
    file: str
    title: str
    published: Period
    language: str
    publisher: str | None = None
    published_inferred: str | None = None  # the reason, when the date is not stated in the text
    url: str | None = None
    excluded: tuple[Exclusion, ...] = ()
    sha256: str | None = None  # the seed text's hash when it was registered, so an edit shows up
    # A seed made from a web page or PDF (`add page.html | report.pdf | https://...`): what the
    # document was, its own bytes' hash, and the day it was fetched from `url`.
    format: str | None = None
    original_sha256: str | None = None
    retrieved: Period | None = None
    # Sources whose figures this one repeats (a summary written from them): where both state a
    # figure, the original is cited and the repeat is no independent corroboration.
    restates: tuple[str, ...] = ()
    location: Location | None = None
    published_at: Location | None = None  # where `published` is written, for a problem with the date


@frozen
class Metric:
    """What a fact measures: a name, a unit and a kind of measure."""

    id: str
    name: str
    unit: str
    measure: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    # What the metric is made of, as (dimension, value) pairs: ("segment", "nev"), ("measure", "sales"),
    # ("form", "yoy"); `extract` chooses a metric by these (autofacts.reading.resolve).
    dimensions: tuple[tuple[str, str], ...] = ()
    growth_of: str | None = None  # for a growth rate: the metric it is the year-on-year change of
    part: str | None = None  # for a share: the metric it is the share of ...
    whole: str | None = None  # ... in this one (nev-share: nev-sales in vehicle-sales)
    multiple_of: str | None = None  # for a multiple: the metric whose compared_with year is its base
    location: Location | None = None


DERIVED_MARK = "†"  # the mark a derived figure carries wherever it is shown


class Step(str, Enum):
    """The arithmetic of a derived figure, on its inputs in order (a, b, ...); output/derivations.py
    writes it out ("40.9 % × > 30 million vehicles")."""

    TIMES = "a × b"  # a share times its whole
    DIVIDED = "a ÷ b"  # a part over its share; a level over a multiple
    LESS_GROWTH = "a ÷ (1 + b)"  # a level a year earlier, from this year's and the growth
    PLUS_GROWTH = "a × (1 + b)"  # a level a year later
    GROWTH = "a ÷ b − 1"  # the growth from last year's level to this year's
    MINUS = "a (period) − b (period)"  # one stretch of a year from two year-to-date figures
    PLUS = "a (period) + b (period)"  # a year-to-date figure and the month after it
    BOTH = "a ∩ b ∩ ..."  # every piece of evidence for one cell, intersected (combined)


@frozen
class Derivation:
    """How a derived figure was computed: the step, the facts it used, the result.

    A derived figure is never a stated one: it carries this instead of a quote of its own, and the
    interval here (not a qualifier) says what it is known to be."""

    step: Step
    facts: tuple[str, ...]
    interval: Interval
    # the interval once unhedged inputs are read to their rounding (40.9 % as 40.85-40.95 %): what
    # tells a chain that differs from a stated figure in the last digit from one that conflicts
    reading: Interval | None = None
    stated: tuple[str, ...] = ()  # the stated facts at the ends of the chain (`facts` may name derived ones)
    # the inputs themselves, in order, each with its metric's unit: what the operation is written from
    inputs: tuple[tuple[Fact, str], ...] = field(default=(), repr=False, compare=False)
    rounding: bool = False  # BOTH only: the pieces agree within their rounding, not exactly

    @property
    def combined(self) -> bool:
        """An intersection of the evidence for one cell, not a computation."""
        return self.step is Step.BOTH

    @property
    def leaves(self) -> tuple[str, ...]:
        """The stated facts the figure rests on, to cite it by."""
        return self.stated or self.facts


@frozen(slots=True)  # slots: a base of 100,000 facts holds 100,000 of these
class Fact:
    """One stated number (or, for a qualitative goal, one stated aim) with its verbatim source."""

    id: str
    metric: str
    region: str
    period: Period
    kind: str
    value: Decimal | None
    qualifier: str
    source: str
    quote: str
    entity: str | None = None
    note: str | None = None
    upper: Decimal | None = None  # the top of a range (qualifier "between"); value is its foot
    compared_with: Period | None = None  # the base of a multiple ("more than six times 2021")
    ceiling: bool = False  # a target that must not be exceeded
    period_stated: bool = True  # False: the text gives no period; it holds as of publication
    revises: str | None = None  # the id of an earlier release of this figure that this one corrects
    derived_from: Derivation | None = None  # set on figures computed from others, never on stated ones
    # Where the figure stands in the quote (its middle, a character offset in the quote with runs of
    # space made one; -1: nowhere), worked out once when the cache stores the fact, so that a table
    # shortening the quote around it need not read the quote's numbers at every start-up.
    figure_at: int | None = field(default=None, compare=False, hash=False)
    location: Location | None = None
    field_locations: Mapping[str, tuple[int, int]] = field(default_factory=Places, compare=False, hash=False)

    @property
    def interval(self) -> Interval | None:
        if self.derived_from is not None:
            return self.derived_from.interval
        if self.value is None:
            return None
        return from_qualifier(self.value, self.qualifier, self.upper)

    def where(self, key: str) -> Location:
        """The location of one field, falling back to the fact itself."""
        if self.location is None:
            return Location("?", 0, 0)
        at = self.field_locations.get(key)
        return self.location if at is None else Location(self.location.file, *at)


@frozen
class PendingFact:
    """A fact as its file states it, before the period of an undated fact is taken from its source."""

    values: dict[str, Any]
    where: Mapping[str, tuple[int, int]]  # line and column of each field, in the file of `location`
    location: Location


@dataclass
class ParsedFile:
    """What one knowledge-base file holds, read on its own (what the cache keeps per file)."""

    name: str
    sources: list[Source]
    metrics: list[Metric]
    facts: list[PendingFact]
    problems: list[Problem]
    seeds: str | None = None
    # Sources and metrics written with an id but refused for an error of their own: ("source" or
    # "metric", id, where the first of its errors is), so what names them is not also "unknown".
    refused: list[tuple[str, str, Location]] = field(default_factory=list)


@frozen
class KnowledgeBase:
    """A knowledge base as a question sees it: the catalogues, the facts it asked its store for, and
    the problems met while loading. A plain value: it holds what was read and never reads more."""

    root: Path
    seeds_dir: Path
    sources: dict[str, Source] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Every region of the whole base, set by a store (whose `facts` may hold only what a question
    # needs); None when `facts` holds every fact.
    regions: list[str] | None = None
    # ("source" or "metric", id) -> where the error that refused that record is (see ParsedFile).
    refused: dict[tuple[str, str], Location] = field(default_factory=dict)

    def region_names(self) -> list[str]:
        return self.regions if self.regions is not None else sorted({f.region for f in self.facts})

    def facts_for(self, metric_id: str) -> list[Fact]:
        return [f for f in self.facts if f.metric == metric_id]


def sort_key(kb: KnowledgeBase, fact: Fact) -> tuple[object, ...]:
    source = kb.sources.get(fact.source)
    published = source.published.end if source else date.min
    return (
        fact.metric,
        fact.period.start,
        fact.period.end,
        fact.region,
        fact.entity or "",
        fact.kind,
        published,
        fact.id,
    )
