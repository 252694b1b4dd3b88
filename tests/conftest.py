"""Shared fixtures: the bundled knowledge base, a CLI runner with a fixed width, and writable copies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from autofacts.cli import app
from autofacts.knowledge.load import bundled_facts_dir, load_knowledge_base
from autofacts.knowledge.model import KnowledgeBase
from tests.small_base import fact_yaml

# Shared, noisy machines: a slow example is not a failure (speed is measured in benchmarks/).
settings.register_profile("autofacts", deadline=None)
settings.load_profile("autofacts")

FACTS = bundled_facts_dir()
SEEDS = FACTS.parent / "seeds"
# A Chinese text written for a worked example (not published, so not bundled): examples/zh-2025-summary/.
ZH_EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "zh-2025-summary"


@pytest.fixture(scope="session")
def cache_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch: pytest.MonkeyPatch, cache_root: Path) -> None:
    """Pin what Rich sees so table output does not depend on the machine running the tests;
    keep the cache of parsed files out of the user's cache directory."""
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(cache_root))
    monkeypatch.delenv("AUTOFACTS_FACTS", raising=False)
    monkeypatch.delenv("AUTOFACTS_DEBUG", raising=False)
    monkeypatch.delenv("AUTOFACTS_NO_CACHE", raising=False)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base(FACTS)


@pytest.fixture
def run():
    """Invoke the real CLI; returns the result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def invoke(*args: str, **kwargs: Any):
        return runner.invoke(app, list(args), **kwargs)

    return invoke


@pytest.fixture
def run_json(run):
    def invoke(*args: str) -> Any:
        result = run(*args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return invoke


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge base (facts/ with seeds/ beside it); returns facts/."""
    shutil.copytree(FACTS, tmp_path / "facts")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "facts"


# The bundled base's Chinese release states 2024 vehicle and NEV sales exactly (31.436 and 12.866
# million). Without it, 2024 sales are only "over 30 million" (fyp14-review) and 2024 NEV sales are
# stated nowhere: the case of the tests that carry a bound, or a derived level, through a chain.
CHINESE_RELEASE = "miit-work-plan-qa"


def drop_source(facts: Path, source_id: str) -> Path:
    """Take one source out of a copy of a base: its entry (and every `restates` naming it), its
    facts file and its seed. Returns the facts folder."""
    import yaml

    catalogue = yaml.safe_load((facts / "sources.yaml").read_text(encoding="utf-8"))
    (gone,) = [s for s in catalogue["sources"] if s["id"] == source_id]
    catalogue["sources"] = [s for s in catalogue["sources"] if s["id"] != source_id]
    for source in catalogue["sources"]:
        if source_id in source.get("restates", []):
            source["restates"].remove(source_id)
    class Indented(yaml.SafeDumper):  # lists indented under their key, as the files write them
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)

    text = yaml.dump(catalogue, Dumper=Indented, allow_unicode=True, sort_keys=False, width=1000)
    (facts / "sources.yaml").write_text(text, encoding="utf-8")
    (facts / f"{source_id}.yaml").unlink()
    (facts.parent / "seeds" / gone["file"]).unlink()
    return facts


@pytest.fixture
def english_copy(kb_copy: Path) -> Path:
    """A writable copy of the bundled base without its Chinese release; returns facts/."""
    return drop_source(kb_copy, CHINESE_RELEASE)


@pytest.fixture(scope="session")
def english_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The bundled base without its Chinese release, loaded once (read-only)."""
    root = tmp_path_factory.mktemp("english-kb")
    shutil.copytree(FACTS, root / "facts")
    shutil.copytree(SEEDS, root / "seeds")
    return load_knowledge_base(drop_source(root / "facts", CHINESE_RELEASE))


def add_zh_example(facts: Path) -> Path:
    """Layer the worked Chinese example (its facts file, which also lists its source, and its seed)
    on a knowledge base's facts folder; returns the folder."""
    for path in (ZH_EXAMPLE / "facts").glob("*.yaml"):
        shutil.copy(path, facts / path.name)
    for path in (ZH_EXAMPLE / "seeds").glob("*.txt"):
        shutil.copy(path, facts.parent / "seeds" / path.name)
    return facts


@pytest.fixture
def zh_example(kb_copy: Path) -> Path:
    """A writable copy of the bundled base with the worked Chinese example added; returns facts/."""
    return add_zh_example(kb_copy)


@pytest.fixture(scope="session")
def zh_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The bundled base with the worked Chinese example added, loaded once (read-only)."""
    root = tmp_path_factory.mktemp("zh-kb")
    shutil.copytree(FACTS, root / "facts")
    shutil.copytree(SEEDS, root / "seeds")
    return load_knowledge_base(add_zh_example(root / "facts"))


@pytest.fixture
def zh_env(zh_example: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Commands run without --facts read the bundled base with the worked Chinese example added."""
    monkeypatch.setenv("AUTOFACTS_FACTS", str(zh_example))
    return zh_example


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a knowledge-base file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# --- running as a plain user ------------------------------------------------------------------

NOBODY = 65534


def _can_switch_user() -> str | None:
    """Why tests cannot run a command as `nobody` here, or None when they can."""
    import os
    import shutil
    import subprocess
    import sys

    if os.geteuid() != 0:
        return "switching to another user needs root"
    if shutil.which("setpriv") is None:
        return "setpriv is not installed"
    probe = subprocess.run(
        [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            sys.executable,
            "-c",
            "import autofacts",
        ],
        capture_output=True,
        check=False,
    )
    return None if probe.returncode == 0 else "user nobody cannot run this Python (its folders are private)"


@pytest.fixture
def nobody_dir():
    """A scratch folder that `nobody` can enter (pytest's own tmp_path is private to root)."""
    import tempfile

    why = _can_switch_user()
    if why is not None:
        pytest.skip(why)
    folder = Path(tempfile.mkdtemp(prefix="autofacts-nobody-"))
    folder.chmod(0o777)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def as_nobody(args: list[str], cwd: Path, module: bool = True):
    """Run `python -m autofacts ARGS` (or `python ARGS`) as user nobody; returns the CompletedProcess."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "HOME": str(cwd), "AUTOFACTS_CACHE_DIR": str(cwd / ".cache"), "NO_COLOR": "1"}
    command = [sys.executable, *(["-m", "autofacts"] if module else []), *args]
    return subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# Two releases in the manner of the China Association of Automobile Manufacturers (CAAM), for the
# scenarios of issue 14. They live only in the tests' copies of the base, never in the bundled one.
CAAM_2024 = (
    "In 2024, automobile production and sales in China reached 31.282 million units and 31.436 million"
    " units respectively. Production was 3.7 percent more than a year earlier, and sales grew 4.5 percent"
    " year on year. New energy vehicle production and sales ranked first in the world for the 10th"
    " consecutive year.\n"
)
CAAM_2025_07 = (
    "From January to July, automobile sales reached 18.269 million units, up 12.0 percent year on year."
    " New energy vehicle sales reached 8.22 million units, up 38.5 percent year on year.\n"
)
CAAM_SOURCES = """
  - id: caam-2024
    file: caam-2024.txt
    title: "[CAAM: 2024 production and sales]"
    published: 2025-01
    language: en
  - id: caam-2025-07
    file: caam-2025-07.txt
    title: "[CAAM: January-July 2025 sales]"
    published: 2025-08
    language: en
"""



@pytest.fixture
def caam(english_copy: Path) -> Path:
    """A copy of the bundled base with the two CAAM releases added; returns its facts/ folder. It is
    made without the Chinese release, which states the same 2024 sales as CAAM_2024 and 2024 NEV
    sales besides: the scenarios here derive 2024 NEV sales, and cite CAAM for 2024."""
    kb_copy = english_copy
    seeds = kb_copy.parent / "seeds"
    (seeds / "caam-2024.txt").write_text(CAAM_2024, encoding="utf-8")
    (seeds / "caam-2025-07.txt").write_text(CAAM_2025_07, encoding="utf-8")
    with (kb_copy / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(CAAM_SOURCES)
    annual = "In 2024, automobile production and sales in China reached 31.282 million units and 31.436 million units respectively."
    growth = "Production was 3.7 percent more than a year earlier, and sales grew 4.5 percent year on year."
    lead = "New energy vehicle production and sales ranked first in the world for the 10th consecutive year."
    (kb_copy / "caam-2024.yaml").write_text(
        "source: caam-2024\nfacts:\n"
        + fact_yaml("caam-vehicle-production-2024", "vehicle-production", "2024", "31282000", annual)
        + fact_yaml("caam-vehicle-sales-2024", "vehicle-sales", "2024", "31436000", annual)
        + fact_yaml("caam-vehicle-production-growth-2024", "vehicle-production-growth", "2024", "3.7", growth)
        + fact_yaml("caam-vehicle-sales-growth-2024", "vehicle-sales-growth", "2024", "4.5", growth)
        + fact_yaml("caam-nev-global-lead-years-2024", "nev-global-lead-years", "2024", "10", lead),
        encoding="utf-8",
    )
    sales = "From January to July, automobile sales reached 18.269 million units, up 12.0 percent year on year."
    nev = "New energy vehicle sales reached 8.22 million units, up 38.5 percent year on year."
    ytd = "2025-01/2025-07"
    (kb_copy / "caam-2025-07.yaml").write_text(
        "source: caam-2025-07\nfacts:\n"
        + fact_yaml("caam-vehicle-sales-2025-ytd", "vehicle-sales", ytd, "18269000", sales)
        + fact_yaml("caam-vehicle-sales-growth-2025-ytd", "vehicle-sales-growth", ytd, "12.0", sales)
        + fact_yaml("caam-nev-sales-2025-ytd", "nev-sales", ytd, "8220000", nev)
        + fact_yaml("caam-nev-sales-growth-2025-ytd", "nev-sales-growth", ytd, "38.5", nev),
        encoding="utf-8",
    )
    return kb_copy


# Test data, not a quoted release: a January-June figure for the arithmetic of a single month
# (Jan-Jul 18.269 million, from CAAM_2025_07, less this 15.653 million is July alone, 2.616 million).
SYNTHETIC_2025_06 = "Test data, not a release. From January to June, automobile sales reached 15.653 million units.\n"


@pytest.fixture
def caam_h1(caam: Path) -> Path:
    """The CAAM copy with a (synthetic) January-June release beside the January-July one."""
    (caam.parent / "seeds" / "test-2025-06.txt").write_text(SYNTHETIC_2025_06, encoding="utf-8")
    with (caam / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(
            '  - id: test-2025-06\n    file: test-2025-06.txt\n    title: "[Test data: January-June 2025]"\n'
            "    published: 2025-07\n    language: en\n"
        )
    (caam / "test-2025-06.yaml").write_text(
        "source: test-2025-06\nfacts:\n"
        + fact_yaml(
            "test-vehicle-sales-2025-h1",
            "vehicle-sales",
            "2025-01/2025-06",
            "15653000",
            "From January to June, automobile sales reached 15.653 million units.",
        ),
        encoding="utf-8",
    )
    return caam


EXAMPLE_2025 = Path(__file__).resolve().parent.parent / "docs" / "examples" / "caam-2025" / "facts"
