"""`open` a knowledge base and ask it what the CLI asks: `Base`, whose methods are the questions."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from autofacts.api.answers import Compared, Shown, Targets
from autofacts.api.arguments import as_names, as_of_date, as_period, as_year
from autofacts.errors import DataError, UsageError

if TYPE_CHECKING:  # the rows are built when asked for: `autofacts show` renders the model, not rows
    from autofacts.answers.query import Filters
    from autofacts.knowledge.model import Fact, KnowledgeBase
    from autofacts.knowledge.periods import Period
    from autofacts.output.parquet_export import ParquetExport
    from autofacts.output.rows import FactRow, MetricRow, SourceRow
    from autofacts.output.sqlite_export import SqliteExport
    from autofacts.output.tables import Table
    from autofacts.store import Store


def open(facts: str | None = None, *, cache: bool = True) -> Base:  # noqa: A001 - autofacts.open, as the card asks
    """The knowledge base in folder `facts` (default: $AUTOFACTS_FACTS, else the bundled one).

    `cache=False` parses the YAML rather than using the cache of parsed files (the answers are the
    same). A base with problems (`autofacts check` lists them) raises DataError on the first question.

    >>> open("no/such/folder")
    Traceback (most recent call last):
    ...
    autofacts.errors.KnowledgeBaseError: no/such/folder: no such knowledge-base folder
    """
    from autofacts.knowledge.load import resolve_facts_dir
    from autofacts.store.yaml_store import YamlStore

    root, display = resolve_facts_dir(facts)
    if os.path.lexists(os.path.join(root.parent, ".autofacts", "journal")):  # as the CLI's readers do
        from autofacts.transaction import recover_for_reading

        recover_for_reading(root.parent)  # a change a killed command left is finished or undone
    if cache:
        from autofacts.store.sqlite_store import CacheUnavailable, open_sqlite_store

        try:
            return Base(open_sqlite_store(root, display))
        except CacheUnavailable:
            pass
    return Base(YamlStore(root, display))


def _info(base: Base) -> dict[str, str]:
    """What an export says about itself (its export_info table, its marker file)."""
    from autofacts.version import __version__

    return {
        "autofacts_version": __version__,
        "base": str(getattr(base.store, "display_root", "")),
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


class Base:
    """An open knowledge base. Every method reads what its question needs from the store, so a
    base of a million facts is never loaded whole for one metric."""

    def __init__(self, store: Store, catalogue: KnowledgeBase | None = None) -> None:
        self.store = store
        self._catalogue = catalogue

    def __repr__(self) -> str:
        return f"<autofacts base {getattr(self.store, 'display_root', '?')}>"

    @property
    def catalogue(self) -> KnowledgeBase:
        """Sources, metrics and regions, no facts; DataError if the base has problems."""
        if self._catalogue is None:
            kb = self.store.catalogue()
            if kb.problems:
                first = min(kb.problems, key=lambda p: (p.location.file, p.location.line, p.location.column))
                more = f" (and {len(kb.problems) - 1} more; run `autofacts check`)" if len(kb.problems) > 1 else ""
                raise DataError(f"{first}{more}", problems=tuple(kb.problems))
            self._catalogue = kb
        return self._catalogue

    # --- the catalogue ---

    def metrics(self) -> Table[MetricRow]:
        """The metric catalogue, by id.

        >>> import autofacts
        >>> m = autofacts.open().metrics()
        >>> [x.unit for x in m if x.id == "nev-share"]
        ['percent']
        """
        from autofacts.output.rows import metric_row
        from autofacts.output.tables import Table

        return Table([metric_row(m) for _, m in sorted(self.catalogue.metrics.items())])

    def metric(self, name: str) -> MetricRow:
        """A metric by id, alias or unambiguous prefix ("ev-share" is nev-share's alias)."""
        from autofacts.answers.query import resolve_metric
        from autofacts.output.rows import metric_row

        return metric_row(resolve_metric(self.catalogue, name))

    def sources(self) -> Table[SourceRow]:
        """The source catalogue, by id."""
        from autofacts.output.rows import source_row
        from autofacts.output.tables import Table

        kb = self.catalogue
        return Table([source_row(kb, s) for _, s in sorted(kb.sources.items())])

    def regions(self) -> tuple[str, ...]:
        """Every region a fact names, sorted."""
        return tuple(self.catalogue.region_names())

    def years(self, kind: str | None = None) -> tuple[int, ...]:
        """The years facts' periods (of `kind`, if given) end in, sorted: what `targets --year` may ask for.

        >>> import autofacts
        >>> autofacts.open().years(kind="target")
        (2025, 2026, 2027)
        """
        from autofacts.store import Need

        years: set[int] = set()
        for fact in self.store.stream(Need(kinds=(kind,) if kind else None)):
            years.add(fact.period.end.year)
        return tuple(sorted(years))

    def derived(self) -> Table[FactRow]:
        """Every figure derivable from stated ones (a share times its total, a level a year
        earlier from a growth rate, ...) where no source states it: what `show --derived` adds.
        Each has `derived_from` (the operation and the facts used) and no value of its own."""
        from autofacts.answers.derive import select_with_derived
        from autofacts.answers.query import Filters
        from autofacts.output.rows import fact_row
        from autofacts.output.tables import Table

        kb = self._derived_kb()
        return Table([fact_row(kb, f) for f in select_with_derived(kb, Filters()) if f.derived_from is not None])

    def _derived_kb(self) -> KnowledgeBase:
        from autofacts.answers.derive import inputs_of
        from autofacts.store import Need

        kb = self.catalogue
        # the metrics a derivation yields: a share's part, a growth rate's level, a multiple's base
        yielded = {name for m in kb.metrics.values() for name in (m.part, m.growth_of, m.multiple_of) if name}
        return self.store.read(Need(metrics=tuple(sorted(inputs_of(kb, yielded)))))

    def derived_facts(self) -> list[Fact]:
        """Every derived figure, as the model's facts: what the exports write, the same set as
        `autofacts export` (stated cells included: a chain that narrows a stated bound is evidence too)."""
        from autofacts.answers.derive import every_derived_in

        return every_derived_in(self.store)

    # --- data out ---

    def export_sqlite(self, path: str | os.PathLike[str], *, force: bool = False) -> SqliteExport:
        """Write the base as a SQLite database for Datasette (and OUT.metadata.json beside it):
        `autofacts export --format sqlite OUT.db`. An existing file is replaced only with `force`."""
        from autofacts.output.sqlite_export import check_sqlite_output, write_sqlite
        from autofacts.store import EVERYTHING

        out = Path(path)
        check_sqlite_output(out, force)
        kb = self.catalogue
        return write_sqlite(kb, self.store.ordered_records(EVERYTHING), self.derived_facts(), out, force, _info(self))

    def export_parquet(
        self, path: str | os.PathLike[str], *, partition: str = "metric", force: bool = False
    ) -> ParquetExport:
        """Write the base as a Parquet dataset partitioned by `partition` (metric or year), for
        DuckDB and Spark: `autofacts export --format parquet OUT/`. Needs the `parquet` extra."""
        from autofacts.output.parquet_export import check_parquet_output, write_parquet
        from autofacts.output.rows import fact_row
        from autofacts.output.tables import Table

        out = Path(path)
        check_parquet_output(out, force)
        derived = Table([fact_row(self.catalogue, f) for f in self.derived_facts()])  # as `export` writes them
        return write_parquet(self.facts(), derived, self.metrics(), self.sources(), out, partition, force, _info(self))

    # --- questions ---

    def _filters(
        self,
        metric: str | Iterable[str] | None = None,
        region: str | None = None,
        kind: str | None = None,
        period: str | int | Period | None = None,
        since: str | int | Period | None = None,
        until: str | int | Period | None = None,
        as_of: str | date | None = None,
    ) -> Filters:
        from autofacts.answers.query import Filters, check_kind, resolve_metric, resolve_region

        kb = self.catalogue
        names = as_names(metric)
        filters = Filters(
            metrics=tuple(resolve_metric(kb, m).id for m in names) if names else None,
            region=resolve_region(kb, region) if region is not None else None,
            period=as_period(period) if period is not None else None,
            kind=check_kind(kind) if kind is not None else None,
            since=as_period(since) if since is not None else None,
            until=as_period(until) if until is not None else None,
            as_of=as_of_date(as_of),
        )
        if filters.since is not None and filters.until is not None and filters.since.start > filters.until.end:
            raise UsageError(f"--since {since} is after --until {until}: no period lies in both")
        return filters

    def facts(
        self,
        metric: str | Iterable[str] | None = None,
        *,
        region: str | None = None,
        kind: str | None = None,
        period: str | int | Period | None = None,
        since: str | int | Period | None = None,
        until: str | int | Period | None = None,
        as_of: str | date | None = None,
    ) -> Table[FactRow]:
        """The stated facts passing every filter, in the order `show` lists them (metric, period,
        region, entity, kind, publication).

        >>> import autofacts
        >>> rows = autofacts.open().facts("nev-share", period="2025-10", region="China")
        >>> [(r.value, r.qualifier, r.source.id) for r in rows if r.source.id == "xinhua-icv-plan"]
        [(Decimal('51.6'), 'exact', 'xinhua-icv-plan')]
        """
        from autofacts.answers.query import select_facts, show_need
        from autofacts.output.rows import fact_row
        from autofacts.output.tables import Table

        filters = self._filters(metric, region, kind, period, since, until, as_of)
        kb = self.store.read(show_need(filters))
        return Table([fact_row(kb, f) for f in select_facts(kb, filters)])

    def show(
        self,
        metric: str,
        *,
        region: str | None = None,
        period: str | int | Period | None = None,
        kind: str | None = None,
        since: str | int | Period | None = None,
        until: str | int | Period | None = None,
        as_of: str | date | None = None,
        derived: bool = False,
    ) -> Shown:
        """Every fact for one metric (id, alias or prefix), as `autofacts show` lists them;
        `derived=True` adds figures derived from stated ones where none is stated.

        >>> import autofacts
        >>> shown = autofacts.open().show("nev-share", region="China", as_of="2025-12-31")
        >>> for f in shown.facts:
        ...     print(f.period.label, f.interval.lo, f.unit, f.source.id)
        2020 5.4 percent fyp14-review
        2024 40.9 percent fyp14-review
        2025-10 51.6 percent xinhua-icv-plan
        """
        from autofacts.answers.query import group_facts, select_facts, show_need

        filters = self._filters(metric, region, kind, period, since, until, as_of)
        assert filters.metrics is not None
        chosen = self.catalogue.metrics[filters.metrics[0]]
        if derived:
            from autofacts.answers.derive import derived_need, select_with_derived

            kb = self.store.read(derived_need(self.catalogue, filters))
            groups = group_facts(kb, select_with_derived(kb, filters))
        else:
            kb = self.store.read(show_need(filters))
            groups = group_facts(kb, select_facts(kb, filters))
        return Shown(kb=kb, metric_model=chosen, fact_groups=tuple(groups))

    def compare(
        self,
        a: str | int | Period,
        b: str | int | Period,
        *,
        metric: str | Iterable[str] | None = None,
        region: str | None = None,
        kind: str | None = None,
        as_of: str | date | None = None,
        include_all: bool = False,
    ) -> Compared:
        """Every metric and region with a figure in both periods: the change (in percentage points
        for a share), the relative change and the CAGR, as `autofacts compare A B`.

        >>> import autofacts
        >>> rows = autofacts.open().compare(2020, 2024, metric="nev-share").rows
        >>> [(r.a.value, r.b.value, r.change.lo, r.change_unit) for r in rows]
        [(Decimal('5.4'), Decimal('40.9'), Decimal('35.5'), 'pp')]
        """
        from autofacts.answers.compare import compare_need, compare_periods
        from autofacts.output.rows import change_row
        from autofacts.output.tables import Table

        period_a, period_b = as_period(a), as_period(b)
        filters = self._filters(metric, region, kind, as_of=as_of)
        kb = self.store.read(compare_need(period_a, period_b, filters, self.catalogue))
        comparison = compare_periods(kb, period_a, period_b, filters, include_all=include_all)
        return Compared(
            period_a,
            period_b,
            Table([change_row(kb, r) for r in comparison.rows]),
            comparison.only_a,
            comparison.only_b,
            kb,
            comparison,
        )

    def targets(
        self,
        year: int | None = None,
        *,
        region: str | None = None,
        metric: str | Iterable[str] | None = None,
        status: str | Iterable[str] | None = None,
        as_of: str | date | None = None,
    ) -> Targets:
        """Plan targets against reported outcomes (met, missed, on track, ...), as of today unless
        `as_of` says otherwise, as `autofacts targets`.

        >>> import autofacts
        >>> verdicts = autofacts.open().targets(year=2025, region="China", metric="nev-sales").verdicts
        >>> [(v.target.value, v.status, v.outcome.lo, v.outcome.lo_open) for v in verdicts]
        [(Decimal('15500000'), 'met', Decimal('16000000'), True)]
        """
        from autofacts.answers.targets import STATUSES, check_targets, read_for_targets
        from autofacts.output.rows import verdict_row
        from autofacts.output.tables import Table

        filters = self._filters(metric, region)
        statuses = as_names(status)
        unknown = [s for s in statuses or () if s not in STATUSES]
        if unknown:
            raise UsageError(f"unknown status '{unknown[0]}' (known: {', '.join(STATUSES)})")
        kb = read_for_targets(self.store, as_year(year), filters.region, filters.metrics)
        report = check_targets(
            kb,
            as_of=as_of_date(as_of) or date.today(),
            year=year,
            region=filters.region,
            metrics=filters.metrics,
            statuses=statuses,
        )
        return Targets(
            report.as_of, report.year, Table([verdict_row(kb, v) for v in report.verdicts]), report.counts(), kb, report
        )
