"""The command line: parse options, call one library function, render, choose the exit status.

Exit status: 0 success, 1 a failed check or unreadable data, 2 bad usage. Errors are one line on
stderr, never a traceback (unless --debug).

The Typer app, its shared options and helpers; the commands live in the modules beside this one,
and autofacts/cli/__init__.py runs them."""

import errno
import functools
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from autofacts.cli import completion
from autofacts.errors import AutofactsError, UsageError
from autofacts.output import Answer, OutputFormat
from autofacts.terminal import INTERRUPTED, silence_stdout
from autofacts.version import __version__

if TYPE_CHECKING:  # for annotations only: each command imports what it uses, so start-up stays short
    from pathlib import Path

    from rich.console import Console

    from autofacts.api import Base
    from autofacts.knowledge.model import KnowledgeBase
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
            from autofacts.cli import completion

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
            commands = getattr(self, "commands", None)  # the group's commands (a lone command has none)
            if where == "autofacts" and commands:
                # an option missing its value is refused before the command's context exists: name it
                words = list(sys.argv[1:] if args is None else args)
                named = next((w for w in words if not w.startswith("-")), None)
                if named in commands:
                    where = f"autofacts {named}"
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


FactsOption = Annotated[
    str | None,
    typer.Option(
        "--facts", metavar="DIR", help="Knowledge-base folder (default: $AUTOFACTS_FACTS, else the bundled one)."
    ),
]


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


WideOption = Annotated[
    bool, typer.Option("--wide", help="On a terminal: full figures (1.4 million vehicles), not short ones (1.4 M).")
]


MetricsOption = Annotated[
    list[str] | None,
    typer.Option("--metric", "-m", help="Only this metric (repeatable).", autocompletion=completion.metrics),
]


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
    from autofacts.knowledge.load import resolve_facts_dir
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
    from autofacts.knowledge.load import resolve_facts_dir

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
    from autofacts.store.yaml_store import YamlStore

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
        from autofacts.knowledge.parallel import set_default_jobs

        set_default_jobs(jobs)
    _base["facts"] = facts
    _debug["on"] = debug or bool(os.environ.get("AUTOFACTS_DEBUG"))
    _options["cache"] = not no_cache and not os.environ.get("AUTOFACTS_NO_CACHE")
    _options["verbose"] = verbose


# The main options that take a value: what follows one is its value, not a command's name.
_VALUED = ("--facts", "--jobs", "-j")


def invoked(argv: Sequence[str]) -> str | None:
    """The command `argv` names (its first word that is not a main option or its value); None for
    the main help, when no command is named, or when a shell asks for completions."""
    if any(name.endswith("_COMPLETE") for name in os.environ):
        return None
    words = iter(argv)
    for word in words:
        if word == "--help":
            return None
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


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
