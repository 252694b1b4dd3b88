"""The console script: `--version` answered before the CLI (and Typer) is even imported.

It also owns what no command can: standard output itself. A full disk (`> /dev/full`) or a closed
pipe, an encoding that cannot hold "≈" (`PYTHONIOENCODING=ascii`), and Ctrl-C at any moment, even
while modules are still being imported, each end in one line on stderr and a documented status.
"""

from __future__ import annotations

import codecs
import gc
import signal
import sys

from autofacts.terminal import INTERRUPTED, silence_stdout


def _escape_unencodable(error: UnicodeError) -> tuple[str, int]:
    """A character the output encoding cannot hold, written as a JSON-style `\\uXXXX` escape:
    nothing is lost, and inside a JSON string it is the same character."""
    assert isinstance(error, UnicodeEncodeError)
    escaped = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


codecs.register_error("autofacts-escape", _escape_unencodable)


def _fit_encoding() -> None:
    """Streams whose encoding cannot hold all of Unicode escape what they cannot hold, never fail."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        if codecs.lookup(encoding).name not in ("utf-8", "utf-16", "utf-32") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="autofacts-escape")


def _say(message: str) -> None:
    try:
        sys.stderr.write(f"autofacts: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _run() -> int:
    if sys.argv[1:] == ["--version"]:
        from autofacts.version import __version__

        sys.stdout.write(f"autofacts {__version__}\n")
        return 0
    from autofacts.cli import run

    try:
        run(sys.argv[1:])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def main() -> None:
    """Run the CLI; the exit status is the command's, 1 if its output could not be written, 130 on Ctrl-C."""
    # The cyclic collector runs after every 700 new objects by default: a warm `show` makes some
    # 40,000 (modules, functions, classes, its records), next to none of them garbage in a cycle
    # (60 collections found 466), 4 ms of its 75 (docs/performance.md). After every 100,000 a
    # long `check` still collects: at 100,000 facts its peak memory stayed 197-199 MB.
    gc.set_threshold(100_000, *gc.get_threshold()[1:])
    try:
        _fit_encoding()
        status = _run()
        sys.stdout.flush()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        silence_stdout()
        _say("interrupted")
        status = INTERRUPTED
    except BrokenPipeError:
        silence_stdout()  # the reader went away (| head): not an error
        status = 0
    except OSError as exc:
        silence_stdout()
        _say(f"cannot write the output: {exc.strerror or exc}")
        status = 1
    # The process ends here, its output flushed. On the way out Python runs the cyclic collector
    # over every object start-up made (modules, functions, classes), about 10 ms of a warm `show`
    # (docs/performance.md), to find garbage the exit frees anyway: frozen, they are not walked.
    # (Objects are still freed as their modules are cleared; autofacts keeps no finalizer to run.)
    gc.freeze()
    sys.exit(status)
