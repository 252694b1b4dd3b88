"""The command line: parse options, call one library function, render, choose the exit status.

Exit status: 0 success, 1 a failed check or unreadable data, 2 bad usage. Errors are one line on
stderr, never a traceback (unless --debug).
"""

import errno
import functools
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from autofacts import __version__, completion
from autofacts.entry import INTERRUPTED, silence_stdout
from autofacts.errors import AutofactsError, UsageError
from autofacts.output import Answer, OutputFormat

if TYPE_CHECKING:  # for annotations only: each command imports what it uses, so start-up stays short
    from pathlib import Path

    from rich.console import Console

    from autofacts.api import Base
    from autofacts.model import Fact, KnowledgeBase, Metric
    from autofacts.store import Store
from autofacts.terminal import printable


def _click() -> Any:
    """Click, which Typer bundles from 0.28 on and depends on before."""
    import importlib

    try:
        return importlib.import_module("typer._click")
    except ImportError:  # Typer before 0.28
        return importlib.import_module("click")


class OneLineErrors(TyperGroup):
    """Click's own errors (a missing argument, an unknown option) in one line, like autofacts' own,
    instead of usage, hint, blank line and error; Ctrl-C at any point exits 130 with one line."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if any(name.endswith("_COMPLETE") for name in os.environ):  # a shell asking for completions
            from autofacts import completion

            completion.prepare()
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        click = _click()
        try:
            status = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except click.exceptions.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # `autofacts` alone: the help, as Click shows it
                exc.show()
                sys.exit(2)
            where = exc.ctx.command_path if exc.ctx is not None else "autofacts"
            message = exc.format_message().rstrip(".")
            sys.stderr.write(printable(f"autofacts: error[U000]: {message} (see `{where} --help`)") + "\n")
            sys.exit(2)
        except click.exceptions.ClickException as exc:  # Click raises only usage errors while parsing; kept for safety
            sys.stderr.write(printable(f"autofacts: {exc.format_message()}") + "\n")
            sys.exit(exc.exit_code)
        except (typer.Abort, KeyboardInterrupt):
            status = INTERRUPTED
        if status == INTERRUPTED:
            # Typer turns Ctrl-C into a silent `Exit(130)`, returned here; the commands let it
            # through (handle_errors), so this is the one place that says so, wherever it landed
            sys.stderr.write("autofacts: interrupted\n")
        sys.exit(status if isinstance(status, int) else 0)


app = typer.Typer(
    cls=OneLineErrors,
    help="Answers questions about an industry with numbers you can cite.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_debug = {"on": bool(os.environ.get("AUTOFACTS_DEBUG"))}
_options = {"cache": True, "verbose": False}
_base: dict[str, str | None] = {"facts": None}  # --facts given before the command name


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


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


FactsOption = Annotated[
    str | None,
    typer.Option(
        "--facts", metavar="DIR", help="Knowledge-base folder (default: $AUTOFACTS_FACTS, else the bundled one)."
    ),
]
OwnFactsOption = Annotated[
    str | None,
    typer.Option("--facts", metavar="DIR", help="Your knowledge base's facts folder (default: $AUTOFACTS_FACTS)."),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
WideOption = Annotated[
    bool, typer.Option("--wide", help="On a terminal: full figures (1.4 million vehicles), not short ones (1.4 M).")
]
RegionOption = Annotated[
    str | None,
    typer.Option("--region", "-r", help="Only this region (e.g. China, Chongqing).", autocompletion=completion.regions),
]
MetricsOption = Annotated[
    list[str] | None,
    typer.Option("--metric", "-m", help="Only this metric (repeatable).", autocompletion=completion.metrics),
]
TargetYearOption = Annotated[
    int | None,
    typer.Option(
        "--year", "-y", help="Only targets whose period ends in this year.", autocompletion=completion.target_years
    ),
]
KindOption = Annotated[str | None, typer.Option("--kind", help="Only this kind: actual, target, forecast, estimate.")]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", metavar="DATE", help="Use only what had been published by DATE (YYYY-MM-DD).")
]

F = TypeVar("F", bound=Callable[..., Any])
# Errors of a write to a stream (no file name): the disk or quota is full, the device failed.
_OUTPUT_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO)


def _fail(message: str, code: int) -> None:
    sys.stderr.write(printable(f"autofacts: {message}") + "\n")
    raise typer.Exit(code)


def handle_errors(func: F) -> F:
    """Turn the package's errors into one line on stderr and an exit status."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except AutofactsError as exc:
            if _debug["on"]:
                raise
            where = f"{exc.location}: " if exc.location else ""  # compiler style, as `check` prints
            _fail(f"{where}error[{exc.code}]: {exc}", exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head): not an error
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            raise  # said once, by OneLineErrors.main (also when it lands outside a command)
        except Exception as exc:  # a bug: say so in one line; --debug shows the traceback
            if _debug["on"]:
                raise
            if isinstance(exc, OSError) and exc.filename is None and exc.errno in _OUTPUT_ERRORS:
                silence_stdout()  # a full disk under stdout: say so once, not again at the final flush
                _fail(f"cannot write the output: {exc.strerror}", 1)
            _fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", 1)

    return wrapper  # type: ignore[return-value]


def _facts_choice(facts: str | None) -> str | None:
    """--facts after the command name, else before it (the two must agree when both are given)."""
    before = _base["facts"]
    if facts is not None and before is not None and facts != before:
        raise UsageError(f"--facts given twice with different folders: {before} and {facts}")
    return facts if facts is not None else before


def _load(facts: str | None) -> "KnowledgeBase":
    """The whole knowledge base, parsed from its YAML (what `check` proves)."""
    from autofacts.load import resolve_facts_dir
    from autofacts.store.yaml_store import YamlStore

    root, display = resolve_facts_dir(_facts_choice(facts))
    _settle(root)
    return YamlStore(root, display).whole()


def _settle(root: "Path") -> None:
    """A change a killed command left half-made is finished or undone before reading (one stat)."""
    if os.path.lexists(os.path.join(root.parent, ".autofacts", "journal")):  # transaction.pending, unimported
        from autofacts.transaction import recover_for_reading

        recover_for_reading(root.parent)


def _store(facts: str | None) -> "Store":
    """The knowledge base's store: the cache of parsed files, else (--no-cache, or a cache that
    cannot be used) the YAML itself."""
    from autofacts.load import resolve_facts_dir
    from autofacts.store.yaml_store import YamlStore

    root, display = resolve_facts_dir(_facts_choice(facts))
    _settle(root)
    if _options["cache"]:
        from autofacts.store.sqlite_store import CacheUnavailable, open_sqlite_store

        try:
            store = open_sqlite_store(root, display)
            for message in store.notes:
                _note(message)
            return store
        except CacheUnavailable as exc:
            _note(f"{exc}; reading the YAML instead")
    return YamlStore(root, display)


def _note(message: str) -> None:
    """Why the cache was not used, under --verbose."""
    if _options["verbose"]:
        sys.stderr.write(f"autofacts: {message}\n")


def _valid(kb: "KnowledgeBase") -> "KnowledgeBase":
    """A knowledge base fit for questions: loader problems stop the command with the first of them."""
    if kb.problems:
        first = min(kb.problems, key=lambda p: (p.location.file, p.location.line, p.location.column))
        more = f" (and {len(kb.problems) - 1} more; run `autofacts check`)" if len(kb.problems) > 1 else ""
        _fail(f"{first}{more}", 1)
    return kb


def _read_all(facts: str | None) -> "KnowledgeBase":
    """Every fact, for the commands that look at them all (report, coverage, cite, search, extract)."""
    from autofacts.store import EVERYTHING

    store = _store(facts)
    _valid(store.catalogue())
    return store.read(EVERYTHING)


def _year(year: int | None) -> int | None:
    """A --year is a calendar year written with four digits: '25' is not 2025."""
    from autofacts.api import as_year

    return as_year(year)


def _as_of(text: str | None) -> date:
    """The --as-of day (never in the future), today when not given."""
    from autofacts.api import as_of_date

    return as_of_date(text) or date.today()


def _api(facts: str | None) -> "Base":
    """The knowledge base as the Python API sees it: the command's questions are its methods."""
    from autofacts.api import Base

    store = _store(facts)
    return Base(store, _valid(store.catalogue()))


def _emit(answer: Answer, fmt: OutputFormat, wide: bool = False) -> None:
    """Write an answer in one format: a Rich table on a terminal, else text, piece by piece."""
    if fmt is OutputFormat.table:
        console = _console()
        console.print(answer.rich(console.width, wide))
    else:
        write = sys.stdout.write if fmt is OutputFormat.text else _data_writer()
        for chunk in answer.chunks(fmt):
            write(chunk)


def _data_writer() -> Callable[[str], object]:
    """JSON, CSV, Markdown and YAML are data: written as UTF-8 whatever the locale. Under an ASCII
    locale the terminal's fallback writes "≈" as the six characters `\\u2248`, which JSON reads back
    but a CSV cell, a Markdown page or a YAML string would keep as text: silently different data."""
    import codecs

    buffer = getattr(sys.stdout, "buffer", None)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if buffer is None or codecs.lookup(encoding).name == "utf-8":
        return sys.stdout.write
    sys.stdout.flush()  # what was written as text goes first
    return lambda chunk: buffer.write(chunk.encode("utf-8"))


def _console() -> "Console":
    from autofacts.output.console import SafeConsole

    width = None
    if not sys.stdout.isatty() and not os.environ.get("COLUMNS"):
        # Piped to a pager on a terminal: fit that terminal. Redirected to a file with no
        # terminal at all: a wide table rather than Rich's 80-column default.
        try:
            width = os.get_terminal_size(sys.stderr.fileno()).columns
        except (OSError, ValueError):
            width = 200
    return SafeConsole(width=width, highlight=False, soft_wrap=False)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"autofacts {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show Python tracebacks for errors.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Parse the YAML instead of using the cache of parsed files.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say why the cache was not used.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, metavar="N", help="Processes reading a large base at once (default: one per core)."
        ),
    ] = None,
    facts: FactsOption = None,
) -> None:
    """Answers questions about an industry with numbers you can cite."""
    if jobs is not None:
        from autofacts.parallel import set_default_jobs

        set_default_jobs(jobs)
    _base["facts"] = facts
    _debug["on"] = debug or bool(os.environ.get("AUTOFACTS_DEBUG"))
    _options["cache"] = not no_cache and not os.environ.get("AUTOFACTS_NO_CACHE")
    _options["verbose"] = verbose


@app.command()
@handle_errors
def check(
    facts: FactsOption = None,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text (file:line:column: ...), json, csv or markdown.")
    ] = CheckFormat.text,
) -> None:
    """Validate the knowledge base: schema, references, quotes, values, periods, conflicts."""
    from autofacts.check import check_knowledge_base
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
    from autofacts.derive import derived_facts
    from autofacts.query import sort_key
    from autofacts.store import EVERYTHING

    kb = store.read(EVERYTHING)
    return sorted(derived_facts(kb), key=lambda f: sort_key(kb, f))


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


@app.command("completion")
@handle_errors
def completion_script(
    shell: Annotated[Shell, typer.Argument(help="The shell: bash, zsh, fish or powershell.")],
) -> None:
    """The script that completes metric ids, regions and years in SHELL: eval "$(autofacts completion bash)"."""
    sys.stdout.write(completion.script(shell.value) + "\n")


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
    from autofacts.derive import derived_need
    from autofacts.monthly import month_grids, selected_answers
    from autofacts.output.evidence import ExplainAnswer, MonthlyAnswer
    from autofacts.periods import parse_period
    from autofacts.query import Filters, check_kind, resolve_metric, resolve_region

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

    from autofacts.chart import metric_chart_svg
    from autofacts.files import check_output_path, write_new

    path = Path(output)
    if path.suffix.lower() not in (".svg", ".png"):
        raise UsageError(f"--output {output}: the file name must end in .svg or .png")
    check_output_path(path)
    svg = metric_chart_svg(metric, facts)
    if path.suffix.lower() == ".svg":
        write_new(path, svg + "\n")
    else:
        import tempfile

        from autofacts.browser import screenshot

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
    from autofacts.output.answers import CompareAnswer, nothing_to_compare

    compared = _api(facts).compare(
        period_a, period_b, metric=metric, region=region, kind=kind, as_of=as_of, include_all=show_all
    )
    kb, comparison = compared.kb, compared.comparison
    if not comparison.rows and fmt is Format.table:
        sys.stdout.write(nothing_to_compare(comparison) + "\n")
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

    from autofacts.browser import check_png_name
    from autofacts.compare import compare_periods
    from autofacts.files import check_output_path, write_output
    from autofacts.periods import parse_period
    from autofacts.query import Filters, resolve_metric
    from autofacts.report import build_report
    from autofacts.targets import check_targets

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
        from autofacts.browser import screenshot

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
    from autofacts.coverage import knowledge_base_coverage
    from autofacts.output.catalogues import CoverageAnswer
    from autofacts.seeds import read_seeds

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


@app.command()
@handle_errors
def extract(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A plain-text (UTF-8) document.")],
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="The source id to file the candidates under.")
    ] = None,
    published: Annotated[
        str | None, typer.Option("--published", metavar="DATE", help="Publication date, for 'last year'.")
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write a new file (never overwrites).")
    ] = None,
    facts: FactsOption = None,
) -> None:
    """Propose candidate facts, as YAML, for every number a new document states."""
    from pathlib import Path

    from autofacts.extract import candidates_yaml, extract_candidates
    from autofacts.files import check_output_path, write_new
    from autofacts.periods import parse_date
    from autofacts.seeds import read_document

    if output is not None:
        check_output_path(Path(output))
    kb = _read_all(facts)
    path = Path(file)
    text = read_document(file)
    day = parse_date(published) if published else None
    if day is None and source in kb.sources:
        day = kb.sources[source].published.end
    candidates = extract_candidates(text, kb, day)
    if not candidates:
        sys.stderr.write(f"autofacts: {file} states no numbers: nothing to extract\n")
        return
    document = candidates_yaml(candidates, path.name, source)
    if output is None:
        _data_writer()(document)
        return
    write_new(Path(output), document)
    sys.stderr.write(f"autofacts: wrote {len(candidates)} candidate facts to {output}\n")


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
    from autofacts.cite import cite_fact
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
    from autofacts.output.catalogues import SearchAnswer
    from autofacts.query import search_facts

    kb = _read_all(facts)
    query = " ".join(words)
    hits = search_facts(kb, query)
    if not hits:
        sys.stderr.write(f"autofacts: no facts match '{query}'\n")
        if fmt is Format.table:
            return  # the line says it all; an empty table would only repeat it
    _emit(SearchAnswer(kb, query, hits), OutputFormat(fmt.value), wide)


def _own_base(facts: str | None) -> "KnowledgeBase":
    """The knowledge base a command writes into: named with --facts or $AUTOFACTS_FACTS, never the bundled one."""
    from autofacts.load import ENV_VAR

    if _facts_choice(facts) is None and not os.environ.get(ENV_VAR):
        raise UsageError(
            "this command writes into a knowledge base of your own: give --facts DIR/facts "
            "or set AUTOFACTS_FACTS (start one with `autofacts init DIR`)"
        )
    return _load(facts)


@app.command()
@handle_errors
def init(
    folder: Annotated[str, typer.Argument(metavar="DIR", help="A new (or empty) folder for the knowledge base.")],
    from_bundled: Annotated[
        bool, typer.Option("--from-bundled", help="Copy the bundled knowledge base (facts and seeds) to start from.")
    ] = False,
) -> None:
    """Start a knowledge base: DIR/facts (sources and the metric catalogue) and DIR/seeds."""
    from pathlib import Path

    from autofacts.curate import init_base
    from autofacts.load import bundled_facts_dir, load_knowledge_base

    bundled = load_knowledge_base(bundled_facts_dir())
    made = init_base(Path(folder), bundled, from_bundled)
    facts_dir = _shell_word(f"{folder.rstrip('/')}/facts")  # a line to paste: `$(...)` or a space stays text
    what = (
        f"{len(bundled.sources)} sources, {len(bundled.facts)} facts and {made.seeds} seed texts "
        "copied from the bundled base"
        if from_bundled
        else f"No sources yet; the {len(bundled.metrics)} metrics of the bundled catalogue to start from"
    )
    _say_wrapped(
        f"Created {folder.rstrip('/')}/: facts/ ({', '.join(made.files)}) and seeds/;\n{what}.\n"
        f"Next (or give --facts {facts_dir} on each command):\n"
        f"  export AUTOFACTS_FACTS={facts_dir}\n"
        '  autofacts add ARTICLE.txt --id ID --title "..." --published YYYY-MM-DD\n'
        "  autofacts review ID\n"
        "  autofacts check\n"
    )


def _shell_word(path: str) -> str:
    """`path` as one word a POSIX shell reads back as the same bytes: shlex quoting, or bash's
    $'...' with \\xNN escapes when the path holds bytes that are not UTF-8 or control characters."""
    import shlex

    raw = os.fsencode(path)
    try:
        plain = raw.decode("utf-8").isprintable()
    except UnicodeDecodeError:
        plain = False
    if plain:
        return shlex.quote(path)
    return "$'" + "".join(chr(b) if 32 <= b < 127 and chr(b) not in "'\\" else f"\\x{b:02x}" for b in raw) + "'"


def _say_wrapped(text: str, width: int = 80) -> None:
    """A message on stdout with each line wrapped at spaces to `width` columns, never inside a word
    (a path longer than the line stays whole). An indented line is a command to copy: kept whole."""
    import textwrap

    out = []
    try:  # a path's bytes that are not UTF-8, shown as \xff
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    for line in text.splitlines():
        if line.startswith(" "):
            out.append(line)
            continue
        out += textwrap.wrap(line, width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)
    sys.stdout.write("\n".join(out) + "\n")


class Language(str, Enum):
    en = "en"
    zh = "zh"


@app.command()
@handle_errors
def add(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE|URL", help="The article: a UTF-8 text, a web page (.html), a PDF, or an http(s) address."
        ),
    ],
    source_id: Annotated[str, typer.Option("--id", help="The new source's id (lower-case, e.g. caam-2024-annual).")],
    title: Annotated[
        str | None, typer.Option("--title", help="The article's title (default: the title a web page states).")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Publication date: YYYY-MM-DD (or YYYY-MM); default: the date a web page's markup states.",
        ),
    ] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Who published it.")] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="Where it was published (default: the address it was fetched from).")
    ] = None,
    language: Annotated[
        Language | None,
        typer.Option("--language", help="The text's language (default: as a web page states, else en)."),
    ] = None,
    facts: OwnFactsOption = None,
) -> None:
    """Read an article (text, web page, PDF or address) into seeds/, register it as a source, and
    propose its facts for review."""
    from autofacts.curate import NewSource, add_source, check_new_source, validate_source
    from autofacts.extract import extract_candidates
    from autofacts.model import LANGUAGES
    from autofacts.periods import parse_period
    from autofacts.reading.sources import describe, provenance, read_source, stated_title_and_date

    kb = _own_base(facts)
    # Refuse a bad option before fetching anything (title and date may yet come from the document).
    lang = language.value if language is not None else "en"
    check_new_source(NewSource(source_id, title or "-", published or "2000", lang, publisher, url))
    doc = read_source(file)
    if doc.url is not None and url is not None and url != doc.url:
        raise UsageError(f"--url {url}: the document was fetched from {doc.url}, which is recorded as its url")
    title_, published_ = stated_title_and_date(doc, title, published)
    if language is None and doc.language in LANGUAGES:
        lang = doc.language
    new = NewSource(source_id, title_, published_, lang, publisher, url or doc.url, **provenance(doc))
    validate_source(kb, new, doc.seed_name(source_id))  # and again under the lock, by add_source
    candidates = extract_candidates(doc.text, kb, parse_period(new.published).end)
    added = add_source(kb, doc, new, candidates)
    if added.already:
        _say_wrapped(f"Source {added.source_id} is registered with this text already ({added.seed}): nothing to do.\n")
        return
    taken = [f'title "{title_}"' if title is None else "", f"date {published_}" if published is None else ""]
    stated = " and ".join(t for t in taken if t)
    read = "" if doc.kind == "text" and doc.url is None else f"Read {describe(doc)} from {file}"
    _say_wrapped(
        (f"{read} (sha256 {doc.sha256[:12]}…).\n" if read else "")
        + (f"Took the {stated} from the page's markup: check them.\n" if stated else "")
        + (f"Copied {file} to {added.seed}" if added.copied and not read else "")
        + (f"Wrote its text to {added.seed}" if read else "")
        + ("" if added.copied else f"{added.seed} is in the seeds folder already")
        + f" (sha256 {added.sha256[:12]}…)\n"
        f"and registered source {added.source_id} in {added.sources_file}.\n"
        f"{added.candidates} candidate facts wait in {added.review_file} (not loaded until reviewed).\n"
        f"Next: autofacts review {added.source_id}\n"
    )


@app.command()
@handle_errors
def review(
    source_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="The source whose candidates to review (none: list them).")
    ] = None,
    facts: OwnFactsOption = None,
) -> None:
    """Go through a source's candidate facts: accept, edit, split or reject each; then check."""
    from autofacts.check import check_knowledge_base
    from autofacts.filing import waiting_reviews
    from autofacts.output.catalogues import CheckAnswer
    from autofacts.review import Session, Terminal

    kb = _own_base(facts)
    if source_id is None:
        waiting = waiting_reviews(kb)
        for waiting_id, count in waiting:
            sys.stdout.write(f"{waiting_id}: {count} candidate(s) waiting (autofacts review {waiting_id})\n")
        if not waiting:
            sys.stdout.write("No candidates waiting for review (autofacts add FILE proposes some).\n")
        return
    console = _console()
    result = Session(kb, source_id, Terminal(sys.stdin, console)).run()
    where = f" to {result.facts_file}" if result.facts_file else ""
    left = f"; {result.remaining} left for next time" if result.remaining else ""
    console.print(f"\nAccepted {len(result.accepted)}{where}, rejected {result.rejected}{left}.", highlight=False)
    after = _load(facts)
    problems = check_knowledge_base(after)
    _emit(CheckAnswer(after, problems), OutputFormat.text)
    raise typer.Exit(1 if problems else 0)
