"""Start-up: `autofacts show` loads only what it uses, and Typer builds only the command it runs.

The speed itself is measured by benchmarks/bench_cli.py (no wall-clock limits here); these tests pin
what the speed rests on, so that an import added at the top of a module on the way fails here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from autofacts.cli.common import invoked


def _loaded_by(argv: list[str]) -> set[str]:
    probe = (
        "import sys, json\n"
        "from autofacts.entry import main\n"
        f"sys.argv = ['autofacts', *{argv!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('MODULES ' + json.dumps(sorted(sys.modules)) + '\\n')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    line = [x for x in done.stderr.splitlines() if x.startswith("MODULES ")][-1]
    return set(json.loads(line[len("MODULES ") :]))


def test_show_loads_neither_yaml_nor_the_readers_nor_the_api_rows() -> None:
    _loaded_by(["show", "nev-share"])  # the first run fills this test's cache (a cold run parses the YAML)
    loaded = _loaded_by(["show", "nev-share"])
    assert "autofacts.output.answers" in loaded  # the probe did run the command
    unwanted = {
        "yaml",  # the cache answers a warm show: no YAML is parsed
        "tempfile",  # only writing needs temporary files
        "autofacts.output.rows",  # the API's rows: show prints the model, not rows
        "autofacts.output.tables",
        "autofacts.answers.search",  # the lexicon, for `search`
        "autofacts.answers.derive",  # only with --derived
        "autofacts.answers.compare",  # compare's arithmetic and its answer
        "autofacts.output.comparison",
        "autofacts.output.notes",
        "autofacts.output.chart",  # only with --chart
        "autofacts.answers.targets",  # the verdicts of `targets`
        "autofacts.knowledge.parse",  # the YAML reader (a warm cache has parsed every file)
        "autofacts.cli.base",  # the other command groups: check, export, report ...
        "autofacts.cli.curation",  # ... extract, add, review
        "multiprocessing",  # the parallel readers of a cold base
        "autofacts.knowledge.parallel",
        "autofacts.files",  # reading a changed file or a seed text
        "autofacts.knowledge.names",  # the curation commands' names and texts
        "autofacts.store.yaml_store",  # only when the cache cannot be used
    }
    assert sorted(unwanted & loaded) == []
    assert sorted(n for n in loaded if n.startswith("autofacts.reading")) == []


def test_the_api_still_builds_the_rows_of_show() -> None:
    import autofacts

    shown = autofacts.open().show("nev-share", region="China", period=2024)
    assert [(f.period.label, str(f.value), f.source.id) for f in shown.facts] == [("2024", "40.9", "fyp14-review")]
    assert [(agreement, len(rows)) for agreement, rows in shown.groups] == [("single", 1)]
    assert shown.metric.id == "nev-share" and "nev-share" in repr(shown)


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["show", "nev-share"], "show"),
        (["--facts", "show", "show", "x"], "show"),  # a folder named like a command is the option's value
        (["--jobs", "2", "-v", "compare", "2020", "2024"], "compare"),
        (["-j", "2", "targets"], "targets"),
        (["--facts=kb", "show", "--help"], "show"),
        (["--help", "show"], None),  # the main help lists every command
        (["--no-cache"], None),
        ([], None),
    ],
)
def test_the_command_named_is_found_past_the_main_options(argv: list[str], command: str | None) -> None:
    assert invoked(argv) == command


def test_a_shell_asking_for_completions_gets_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_AUTOFACTS_COMPLETE", "complete_bash")
    assert invoked(["show", "nev"]) is None


def _autofacts(*argv: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; sys.argv[0] = 'autofacts'; from autofacts.entry import main; main()"
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120)


def test_the_main_help_and_a_mistyped_command_still_see_every_command() -> None:
    listed = _autofacts("--help").stdout
    for name in ("show", "compare", "targets", "check", "export", "add", "review", "completion"):
        assert f"\n  {name} " in listed
    typo = _autofacts("compre", "2020", "2024")
    assert typo.returncode == 2
    # both suggestions are close enough for difflib (cutoff 0.6): compare 2*6/13 = 0.92, completion
    # 2*5/16 = 0.625 ("comp" and "e" in common); completion is registered in cli/common.py, the others elsewhere
    assert typo.stderr == (
        "autofacts: error[U000]: No such command 'compre'. Did you mean 'compare', 'completion'? "
        "(see `autofacts --help`)\n"
    )


def test_each_command_is_registered_by_the_module_named_for_it() -> None:
    """`run` imports only the module COMMANDS names for a command: a command moved to another
    module without updating the table would vanish from the CLI, so the two are held together."""
    from autofacts.cli import COMMANDS, command_name, every_command

    registered = {command_name(c): c.callback.__module__ for c in every_command().registered_commands}
    assert registered == {name: f"autofacts.cli.{module}" for name, module in COMMANDS.items()}
    assert len(registered) == 16


def test_the_collector_leaves_start_up_alone() -> None:
    """The cyclic collector would walk the objects start-up makes some 60 times on the way (4 ms of
    a warm `show`) and again on the way out (10 ms): entry.main collects after every 100,000 new
    objects and freezes them before the exit (gc.freeze), whatever the exit status."""
    probe = (
        "import gc, sys\n"
        "from autofacts.entry import main\n"
        "sys.argv = ['autofacts', 'show', 'no-such-metric']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n"
        "    sys.stderr.write(f'STATUS {exc.code} FROZEN {gc.get_freeze_count() > 1000} EVERY {gc.get_threshold()[0]}\\n')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    # an unknown metric is a usage error; the collector ran after every 100,000 new objects, not 700
    assert done.stderr.splitlines()[-1] == "STATUS 2 FROZEN True EVERY 100000"


def test_an_option_missing_its_value_points_to_its_commands_help() -> None:
    # Click refuses `--year` with no value before the command's context exists; the hint still names it
    missing = _autofacts("targets", "--year")
    assert missing.returncode == 2
    assert missing.stderr == (
        "autofacts: error[U000]: Option '--year' requires an argument (see `autofacts targets --help`)\n"
    )
    assert _autofacts("--bogus").stderr.endswith("(see `autofacts --help`)\n")
