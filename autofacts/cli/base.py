"""The base as a whole: check, export, metrics, sources, coverage and report."""

import sys
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from autofacts.cli import completion
from autofacts.errors import UsageError
from autofacts.output import OutputFormat

if TYPE_CHECKING:  # for annotations only: each command imports what it uses, so start-up stays short
    from pathlib import Path

    from autofacts.knowledge.model import Fact
    from autofacts.store import Store
from autofacts.cli.common import (
    AsOfOption,
    FactsOption,
    Format,
    FormatOption,
    MetricsOption,
    WideOption,
    _api,
    _as_of,
    _emit,
    _fail,
    _load,
    _read_all,
    _store,
    _valid,
    app,
    handle_errors,
)


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    yaml = "yaml"
    sqlite = "sqlite"
    parquet = "parquet"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def _year(year: int | None) -> int | None:
    """A --year is a calendar year written with four digits: '25' is not 2025."""
    from autofacts.api import as_year

    return as_year(year)


@app.command()
@handle_errors
def check(
    facts: FactsOption = None,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text (file:line:column: ...), json, csv or markdown.")
    ] = CheckFormat.text,
) -> None:
    """Validate the knowledge base: schema, references, quotes, values, periods, conflicts."""
    from autofacts.knowledge.check import check_knowledge_base
    from autofacts.output.catalogues import CheckAnswer

    kb = _load(facts)
    problems = check_knowledge_base(kb)
    _emit(CheckAnswer(kb, problems), OutputFormat(fmt.value))
    raise typer.Exit(1 if problems else 0)


@app.command()
@handle_errors
def export(
    output: Annotated[
        str | None,
        typer.Argument(
            metavar="[OUT]",
            help="The file (sqlite: OUT.db; parquet: a folder) to write; json, csv, yaml: stdout if omitted.",
        ),
    ] = None,
    facts: FactsOption = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="json, csv, yaml, sqlite (Datasette) or parquet (DuckDB, Spark)."),
    ] = ExportFormat.json,
    partition: Annotated[
        str, typer.Option("--partition", help="parquet: one folder per metric or per year.")
    ] = "metric",
    force: Annotated[
        bool, typer.Option("--force", help="Replace OUT if it exists (a parquet OUT only if an export).")
    ] = False,
    derived: Annotated[
        bool,
        typer.Option(
            "--derived/--no-derived",
            help="json, csv, yaml: also the figures derived from the facts, each with the fact ids it used.",
        ),
    ] = True,
) -> None:
    """Every fact, normalised, with its interval and its source: as a document, a database or a dataset;
    then every derived figure, each with the fact ids it was derived from."""
    from pathlib import Path

    if fmt in (ExportFormat.sqlite, ExportFormat.parquet):
        if output is None:
            raise UsageError(
                f"--format {fmt.value} writes files: name them, e.g. `autofacts export -f {fmt.value} OUT`"
            )
        _export_files(facts, fmt, Path(output), partition, force)
        return
    if partition != "metric":
        raise UsageError("--partition goes with --format parquet")
    from autofacts.output.export import ExportAnswer
    from autofacts.store import EVERYTHING

    if output is not None:
        from autofacts.files import check_output_path

        check_output_path(Path(output), replace=force)
    store = _store(facts)
    kb = _valid(store.catalogue())
    chains = _derived_figures(store) if derived else None
    if fmt is ExportFormat.json:
        answer = ExportAnswer(kb, [], records=store.ordered_records(EVERYTHING), derived=chains)
    else:
        answer = ExportAnswer(kb, store.ordered(EVERYTHING), derived=chains)
    if output is None:
        _emit(answer, OutputFormat(fmt.value))
        return
    from autofacts.files import write_output

    write_output(Path(output), answer.text(OutputFormat(fmt.value)), replace=force)
    sys.stderr.write(f"autofacts: wrote {output}\n")


def _export_files(facts: str | None, fmt: "ExportFormat", out: "Path", partition: str, force: bool) -> None:
    """`export -f sqlite OUT.db` and `export -f parquet OUT/`: the API writes, the CLI says what."""
    base = _api(facts)
    if fmt is ExportFormat.sqlite:
        if partition != "metric":
            raise UsageError("--partition goes with --format parquet")
        done = base.export_sqlite(out, force=force)
        rows = ", ".join(f"{n} {name}" for name, n in done.counts.items() if name != "derived_inputs")
        sys.stderr.write(
            f"autofacts: wrote {out} ({rows}) and {done.metadata_path.name}\n"
            f"Browse it with: datasette {out} --metadata {done.metadata_path}\n"
        )
        return
    written = base.export_parquet(out, partition=partition, force=force)
    rows = ", ".join(f"{n} {name}" for name, n in written.counts.items())
    sys.stderr.write(f"autofacts: wrote {out}/ ({rows}; facts by {written.partition})\n")


def _derived_figures(store: "Store") -> "list[Fact]":
    """Every figure the chains derive from the whole base, in the order `show` lists facts."""
    from autofacts.answers.derive import every_derived_in

    return every_derived_in(store)


@app.command()
@handle_errors
def metrics(facts: FactsOption = None, fmt: FormatOption = Format.table, wide: WideOption = False) -> None:
    """The metric catalogue, with the number of facts for each."""
    from autofacts.output.catalogues import MetricsAnswer

    store = _store(facts)
    kb = _valid(store.catalogue())
    _emit(MetricsAnswer(kb, store.fact_counts()[0]), OutputFormat(fmt.value), wide)


@app.command()
@handle_errors
def sources(facts: FactsOption = None, fmt: FormatOption = Format.table, wide: WideOption = False) -> None:
    """The source catalogue, with the number of facts quoted from each."""
    from autofacts.output.catalogues import SourcesAnswer

    store = _store(facts)
    kb = _valid(store.catalogue())
    _emit(SourcesAnswer(kb, store.fact_counts()[1]), OutputFormat(fmt.value), wide)


@app.command()
@handle_errors
def report(
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="The HTML file to write.")],
    year: Annotated[
        int | None,
        typer.Option(
            "--year", "-y", help="The targets scorecard for this year.", autocompletion=completion.target_years
        ),
    ] = None,
    metric: MetricsOption = None,
    compare_periods_: Annotated[
        tuple[str, str] | None, typer.Option("--compare", metavar="A B", help="Add the comparison of two periods.")
    ] = None,
    as_of: AsOfOption = None,
    title: Annotated[str | None, typer.Option("--title", help="The page's title.")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE (and PNG) if it exists and is a regular file.")
    ] = False,
    screenshot_png: Annotated[
        str | None, typer.Option("--screenshot", metavar="PNG", help="Also save a picture of the page (Chromium).")
    ] = None,
    facts: FactsOption = None,
) -> None:
    """One self-contained HTML page: targets, a chart per metric, citations and source texts."""
    from pathlib import Path

    from autofacts.answers.compare import compare_periods
    from autofacts.answers.query import Filters, resolve_metric
    from autofacts.answers.targets import check_targets
    from autofacts.files import check_output_path, write_output
    from autofacts.knowledge.periods import parse_period
    from autofacts.output.browser import check_png_name
    from autofacts.output.report import build_report

    path = Path(output)
    # Every output path is judged before any work, so a refused picture never follows a written page.
    check_output_path(path, replace=force)
    if screenshot_png is not None:
        check_png_name(Path(screenshot_png))
        check_output_path(Path(screenshot_png), replace=force)
    kb = _read_all(facts)
    day = _as_of(as_of)
    chosen = [resolve_metric(kb, m) for m in metric] if metric else sorted(kb.metrics.values(), key=lambda m: m.id)
    ids = tuple(m.id for m in chosen) if metric else None
    scorecard = check_targets(kb, as_of=day, year=_year(year), metrics=ids)
    comparison = None
    if compare_periods_ is not None:
        a, b = (parse_period(p) for p in compare_periods_)
        comparison = compare_periods(kb, a, b, Filters(metrics=ids, as_of=day if as_of else None))
    name = title or "autofacts report"
    page = build_report(kb, scorecard, chosen, comparison, name)
    write_output(path, page, replace=force)
    sys.stderr.write(f"autofacts: wrote {output}\n")
    if screenshot_png is not None:
        from autofacts.output.browser import screenshot

        screenshot(path, Path(screenshot_png), replace=force)
        sys.stderr.write(f"autofacts: wrote {screenshot_png}\n")


@app.command()
@handle_errors
def coverage(
    min_percent: Annotated[
        float | None, typer.Option("--min", metavar="PCT", help="Exit 1 if any source is covered below PCT %.")
    ] = None,
    source: Annotated[str | None, typer.Option("--source", "-s", help="Only this source.")] = None,
    details: Annotated[bool, typer.Option("--details", help="List every number and what became of it.")] = False,
    facts: FactsOption = None,
    fmt: FormatOption = Format.table,
    wide: WideOption = False,
) -> None:
    """For each source: every number in its text, whether a fact cites it, and the share covered."""
    from autofacts.curation.coverage import knowledge_base_coverage
    from autofacts.knowledge.seeds import read_seeds
    from autofacts.output.catalogues import CoverageAnswer

    if min_percent is not None and not 0 <= min_percent <= 100:  # also refuses nan
        raise UsageError(f"--min {min_percent}: give a percentage from 0 to 100")
    kb = _read_all(facts)
    if source is not None and source not in kb.sources:
        raise UsageError(f"unknown source '{source}' (known: {', '.join(sorted(kb.sources))})")
    seeds, problems = read_seeds(kb)
    if problems:
        _fail(str(problems[0]), 1)
    coverages = [c for c in knowledge_base_coverage(kb, seeds) if source is None or c.source.id == source]
    _emit(CoverageAnswer(kb, coverages, details), OutputFormat(fmt.value), wide)
    if min_percent is not None:
        below = [c for c in coverages if c.percent < Decimal(str(min_percent))]
        for c in below:
            sys.stderr.write(f"autofacts: {c.source.id} is {c.percent} % covered, below {min_percent:g} %\n")
        if below:
            raise typer.Exit(1)
