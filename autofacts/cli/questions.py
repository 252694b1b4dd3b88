"""Questions: show, compare, targets, search and cite."""

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from autofacts.cli import completion
from autofacts.errors import UsageError
from autofacts.output import Answer, OutputFormat

if TYPE_CHECKING:  # for annotations only: each command imports what it uses, so start-up stays short
    from autofacts.knowledge.model import Fact, Metric
from autofacts.cli.common import (
    AsOfOption,
    FactsOption,
    Format,
    FormatOption,
    MetricsOption,
    WideOption,
    _api,
    _as_of,
    _console,
    _emit,
    _read_all,
    _store,
    _valid,
    app,
    handle_errors,
)

RegionOption = Annotated[
    str | None,
    typer.Option("--region", "-r", help="Only this region (e.g. China, Chongqing).", autocompletion=completion.regions),
]


TargetYearOption = Annotated[
    int | None,
    typer.Option(
        "--year", "-y", help="Only targets whose period ends in this year.", autocompletion=completion.target_years
    ),
]


KindOption = Annotated[str | None, typer.Option("--kind", help="Only this kind: actual, target, forecast, estimate.")]


@app.command()
@handle_errors
def show(
    metric: Annotated[
        str,
        typer.Argument(
            help="Metric id, alias or unambiguous prefix (see `autofacts metrics`).", autocompletion=completion.metrics
        ),
    ],
    region: RegionOption = None,
    period: Annotated[str | None, typer.Option("--period", "-p", help="Only this period (2024, 2025-10, ...).")] = None,
    kind: KindOption = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only periods starting at or after this one.", autocompletion=completion.years),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", help="Only periods ending at or before this one.", autocompletion=completion.years),
    ] = None,
    as_of: AsOfOption = None,
    quotes: Annotated[bool, typer.Option("--quotes", help="Show whole quotes.")] = False,
    chart: Annotated[bool, typer.Option("--chart", help="Draw a bar chart over periods.")] = False,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="With --chart: write the chart to FILE.svg or FILE.png."),
    ] = None,
    derived: Annotated[
        bool,
        typer.Option("--derived", help="Also list figures derived from stated ones (marked †) where none is stated."),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Each period's answer from all the evidence, and which pieces made its bounds."),
    ] = False,
    monthly: Annotated[
        bool, typer.Option("--monthly", help="A month grid and chart, stated and derived months (marked †).")
    ] = False,
    facts: FactsOption = None,
    fmt: FormatOption = Format.table,
    wide: WideOption = False,
) -> None:
    """Every fact for one metric, sorted by period, with its source and quote."""
    from autofacts.output.answers import ChartAnswer, ShowAnswer

    if explain or monthly:
        if explain and monthly:
            raise UsageError("--explain and --monthly are two views: ask for one")
        if chart or output or derived:
            raise UsageError(f"--{'explain' if explain else 'monthly'} goes without --chart, --output and --derived")
        _show_evidence(metric, region, period, kind, since, until, as_of, facts, fmt, wide, monthly)
        return

    shown = _api(facts).show(
        metric, region=region, period=period, kind=kind, since=since, until=until, as_of=as_of, derived=derived
    )
    kb, m, groups = shown.kb, shown.metric_model, list(shown.fact_groups)
    if not groups:
        sys.stderr.write(f"autofacts: no facts for {m.id} match these filters\n")
    if output is not None:
        if not chart:
            raise UsageError("--output goes with --chart")
        _write_chart(m, [f for g in groups for f in g.facts], output)
        return
    if chart and fmt is Format.table:
        _emit(ChartAnswer(m, groups), OutputFormat.table)
        return
    if not groups and fmt is Format.table:
        return  # the line above says it all; an empty table would only repeat it
    machine = fmt is not Format.table  # CSV and Markdown are for citing: whole quotes, fact ids
    _emit(ShowAnswer(kb, m, groups, quotes or machine, with_ids=machine), OutputFormat(fmt.value), wide)


def _show_evidence(
    metric: str,
    region: str | None,
    period: str | None,
    kind: str | None,
    since: str | None,
    until: str | None,
    as_of: str | None,
    facts: str | None,
    fmt: Format,
    wide: bool,
    monthly: bool,
) -> None:
    """`show --explain` and `show --monthly`: answers combined from all the evidence."""
    from autofacts.answers.derive import derived_need
    from autofacts.answers.monthly import month_grids, selected_answers
    from autofacts.answers.query import Filters, check_kind, resolve_metric, resolve_region
    from autofacts.knowledge.periods import parse_period
    from autofacts.output.evidence import ExplainAnswer, MonthlyAnswer

    store = _store(facts)
    catalogue = _valid(store.catalogue())
    m = resolve_metric(catalogue, metric)
    filters = Filters(
        metrics=(m.id,),
        region=resolve_region(catalogue, region) if region is not None else None,
        period=parse_period(period) if period is not None else None,
        kind=check_kind(kind) if kind is not None else None,
        since=parse_period(since) if since is not None else None,
        until=parse_period(until) if until is not None else None,
        as_of=_as_of(as_of) if as_of is not None else None,
    )
    kb = store.read(derived_need(catalogue, filters))
    answer: Answer
    if monthly:
        grids = tuple(month_grids(kb, filters))
        if not grids:
            sys.stderr.write(f"autofacts: no single months of {m.id} are stated or derivable for these filters\n")
            if fmt is Format.table:
                return
        answer = MonthlyAnswer(kb, m, grids)
    else:
        cells = tuple(selected_answers(kb, filters))
        if not cells:
            sys.stderr.write(f"autofacts: no facts for {m.id} match these filters\n")
            if fmt is Format.table:
                return
        answer = ExplainAnswer(kb, m, cells)
    _emit(answer, OutputFormat(fmt.value), wide)


def _write_chart(metric: "Metric", facts: "list[Fact]", output: str) -> None:
    """The chart of `show --chart` as an SVG file, or a PNG of it made by headless Chromium."""
    from pathlib import Path

    from autofacts.files import check_output_path, write_new
    from autofacts.output.chart import metric_chart_svg

    path = Path(output)
    if path.suffix.lower() not in (".svg", ".png"):
        raise UsageError(f"--output {output}: the file name must end in .svg or .png")
    check_output_path(path)
    svg = metric_chart_svg(metric, facts)
    if path.suffix.lower() == ".svg":
        write_new(path, svg + "\n")
    else:
        import tempfile

        from autofacts.output.browser import screenshot

        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "chart.html"
            page.write_text(f'<!doctype html><body style="margin:0">{svg}</body>', encoding="utf-8")
            screenshot(page, path, width=640, height=290)
    sys.stderr.write(f"autofacts: wrote {output}\n")


@app.command()
@handle_errors
def compare(
    period_a: Annotated[
        str,
        typer.Argument(
            metavar="A", help="A period: 2020, 2025-10, 2025-01/2025-11, ...", autocompletion=completion.years
        ),
    ],
    period_b: Annotated[
        str, typer.Argument(metavar="B", help="The period to compare it with.", autocompletion=completion.years)
    ],
    metric: MetricsOption = None,
    region: RegionOption = None,
    kind: KindOption = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also list what exists in only one period.")] = False,
    as_of: AsOfOption = None,
    facts: FactsOption = None,
    fmt: FormatOption = Format.table,
    wide: WideOption = False,
) -> None:
    """Every metric and region with a value in both periods: change, relative change, CAGR."""
    from autofacts.output.comparison import CompareAnswer, nothing_to_compare

    compared = _api(facts).compare(
        period_a, period_b, metric=metric, region=region, kind=kind, as_of=as_of, include_all=show_all
    )
    kb, comparison = compared.kb, compared.comparison
    if not comparison.rows and fmt is Format.table:
        from rich.text import Text  # wrapped at spaces to the terminal, never inside a metric's id

        _console().print(Text(nothing_to_compare(comparison)))
        return
    _emit(CompareAnswer(kb, comparison), OutputFormat(fmt.value), wide)


@app.command()
@handle_errors
def targets(
    year: TargetYearOption = None,
    region: RegionOption = None,
    metric: MetricsOption = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", help="Only this status (repeatable): met, missed, on track, ...")
    ] = None,
    as_of: AsOfOption = None,
    facts: FactsOption = None,
    fmt: FormatOption = Format.table,
    wide: WideOption = False,
) -> None:
    """Plan targets against reported outcomes: met, missed, on track, can't tell, no data."""
    from autofacts.output.verdicts import TargetsAnswer

    result = _api(facts).targets(year, region=region, metric=metric, status=status, as_of=as_of)
    kb, report = result.kb, result.report
    if not report.verdicts:
        sys.stderr.write("autofacts: no targets match these filters\n")
        if fmt is Format.table:
            return  # the line says it all; an empty table would only repeat it
    _emit(TargetsAnswer(kb, report), OutputFormat(fmt.value), wide)


class CiteFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
@handle_errors
def cite(
    fact_id: Annotated[str, typer.Argument(metavar="FACT", help="A fact id (see `autofacts search` or `show`).")],
    facts: FactsOption = None,
    fmt: Annotated[CiteFormat, typer.Option("--format", "-f", help="text, markdown or json.")] = CiteFormat.text,
) -> None:
    """The full citation of a fact, and its quote inside its paragraph with the figure highlighted."""
    from autofacts.answers.cite import cite_fact
    from autofacts.output.catalogues import CiteAnswer

    kb = _read_all(facts)
    citation = cite_fact(kb, fact_id)
    plain_text = fmt is CiteFormat.text
    answer = CiteAnswer(kb, citation, marks=plain_text and not _console().is_terminal)
    _emit(answer, OutputFormat.table if plain_text else OutputFormat(fmt.value))


@app.command()
@handle_errors
def search(
    words: Annotated[list[str], typer.Argument(metavar="TEXT", help="Words to look for.")],
    facts: FactsOption = None,
    fmt: FormatOption = Format.table,
    wide: WideOption = False,
) -> None:
    """Facts whose metric, region, period, quote or note match every word, best first."""
    from autofacts.answers.search import search_facts
    from autofacts.output.catalogues import SearchAnswer

    kb = _read_all(facts)
    query = " ".join(words)
    hits = search_facts(kb, query)
    if not hits:
        sys.stderr.write(f"autofacts: no facts match '{query}'\n")
        if fmt is Format.table:
            return  # the line says it all; an empty table would only repeat it
    _emit(SearchAnswer(kb, query, hits), OutputFormat(fmt.value), wide)
