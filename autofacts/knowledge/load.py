"""Loading a knowledge base: the files of a folder -> one KnowledgeBase, problems as data.

Each `*.yaml` file in the facts folder may hold `sources:`, `metrics:` and `facts:` lists (and a
`source:` that its facts default to). Files are read one by one (parse.py) and then assembled:
duplicate ids are found and a fact without a period takes its source's publication date. The
loader never stops at the first problem: it collects every one with its file, line and column,
the way beancount's loader does, and `check` adds the cross-file rules on top. Both stores (see
store/) assemble with these same functions: the SQLite cache keeps each file's parse and calls
complete_fact and duplicate_fact_problems on what a question reads.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from autofacts.errors import KnowledgeBaseError, UsageError
from autofacts.knowledge.model import Fact, KnowledgeBase, Location, ParsedFile, PendingFact, Problem, Source
from autofacts.knowledge.periods import parse_period

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the autofacts package
ENV_VAR = "AUTOFACTS_FACTS"


def bundled_facts_dir() -> Path:
    """The knowledge base shipped with the package (or, in a source checkout, the repo's facts/)."""
    installed = PACKAGE_DIR / "data" / "facts"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "facts"


def resolve_facts_dir(option: str | None) -> tuple[Path, str]:
    """The facts folder to use and how to name it in messages: --facts, then $AUTOFACTS_FACTS."""
    if option is not None and not option.strip():
        raise UsageError("--facts is empty: name a knowledge-base folder (or leave the option out)")
    chosen = option or os.environ.get(ENV_VAR) or None
    if chosen is None:
        return bundled_facts_dir(), "facts"
    path = Path(chosen).expanduser()
    try:
        os.stat(path)
    except FileNotFoundError:
        raise KnowledgeBaseError(f"{chosen}: no such knowledge-base folder") from None
    except (OSError, ValueError) as exc:  # a name too long, a loop of links, a NUL byte
        named = chosen if len(chosen) <= 120 else chosen[:100] + "…" + chosen[-12:]
        raise KnowledgeBaseError(f"{named}: cannot use this folder: {getattr(exc, 'strerror', None) or exc}") from None
    if not path.is_dir():
        raise KnowledgeBaseError(f"{chosen}: not a folder (give the folder that holds the .yaml files)")
    shown = chosen.rstrip("/\\") or chosen
    if not _has_yaml(path) and _is_folder(path / "facts"):
        # the base `autofacts init DIR` makes (DIR/facts and DIR/seeds) named by its own folder
        return path / "facts", f"{shown}/facts"
    return path, shown


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a folder it may not look into: the loader says so, about the folder named
        return False


def _has_yaml(folder: Path) -> bool:
    try:
        return any(Path(n).suffix.lower() in (".yaml", ".yml") for n in os.listdir(folder))
    except OSError:
        return True  # unreadable: let the loader say so, about the folder named


# --- reading YAML nodes -----------------------------------------------------------------------


def _as_fact(pending: PendingFact) -> Fact:
    """A pending fact that states its period, as a fact (no catalogue needed)."""
    return Fact(location=pending.location, field_locations=pending.where, **pending.values)


def complete_fact(
    pending: PendingFact, sources: dict[str, Source], refused: dict[tuple[str, str], Location] | None = None
) -> Fact | Problem:
    """The fact, with an unstated period taken from its source's publication; or why it cannot be
    (naming the error that refused its source, when one did)."""
    values = dict(pending.values)
    if values.get("period") is None:
        # The text gives no period: the figure holds as of its source's publication.
        source = sources.get(values["source"])
        if source is None:
            named, root = values["source"], (refused or {}).get(("source", values["source"]))
            said = f"unknown source '{named}'" if root is None else f"source '{named}' is invalid (see {root})"
            message = f"{said} (needed for the period, which is not stated)"
            return Problem(pending.location, "E111", message)
        values["period"] = source.published
        values["period_stated"] = False
    return Fact(location=pending.location, field_locations=pending.where, **values)


def knowledge_base_files(root: Path, display_root: str) -> list[Path]:
    """The .yaml files of a knowledge-base folder, in name order."""
    if not root.is_dir():
        raise KnowledgeBaseError(f"{display_root}: no such knowledge-base folder")
    try:
        names = os.listdir(root)
    except OSError as exc:
        raise KnowledgeBaseError(f"{display_root}: cannot read this folder: {exc.strerror or exc}") from None
    # Case-blind, so a file saved as NOTES.YAML is read rather than silently skipped.
    files = sorted(root / n for n in names if Path(n).suffix.lower() in (".yaml", ".yml") and not n.startswith("."))
    if not files:
        raise KnowledgeBaseError(f"{display_root}: no .yaml files in this folder")
    return files


def assemble_catalogues(root: Path, parsed: list[ParsedFile]) -> KnowledgeBase:
    """A knowledge base with its sources and metrics (and no facts yet), duplicates reported."""
    seeds = [part.seeds for part in parsed if part.seeds is not None]  # the last one given counts
    kb = KnowledgeBase(root=root, seeds_dir=root / seeds[-1] if seeds else root.parent / "seeds")  # relative to facts/
    for part in parsed:
        kb.problems.extend(part.problems)
        for source in part.sources:
            _add_unique(kb.sources, source, kb.problems, "source")
        for metric in part.metrics:
            _add_unique(kb.metrics, metric, kb.problems, "metric")
        for what, record_id, where in part.refused:
            kb.refused.setdefault((what, record_id), where)
    return kb


def add_facts(kb: KnowledgeBase, pending: Iterable[PendingFact | Fact]) -> None:
    """Complete pending facts against the catalogue and add them, reporting duplicate ids."""
    seen: dict[str, Fact] = {f.id: f for f in kb.facts}
    for item in pending:
        fact = item if isinstance(item, Fact) else complete_fact(item, kb.sources, kb.refused)
        if isinstance(fact, Problem):
            kb.problems.append(fact)
            continue
        if fact.id in seen:
            where = item.location if isinstance(item, PendingFact) else fact.location
            kb.problems.append(duplicate_fact(fact.id, where or Location("?", 0, 0), seen[fact.id].location))
            continue
        seen[fact.id] = fact
        kb.facts.append(fact)


def duplicate_fact(fact_id: str, where: Location, first: Location | None) -> Problem:
    """E105 for a fact id defined again at `where`; the first definition is the one kept."""
    return Problem(where, "E105", f"duplicate fact id '{fact_id}' (first defined at {first})")


def duplicate_fact_problems(definitions: list[tuple[str, Location]]) -> list[Problem]:
    """E105 for each definition of an id after its first, `definitions` being in file order."""
    first: dict[str, Location] = {}
    problems = []
    for fact_id, where in definitions:
        if fact_id in first:
            problems.append(duplicate_fact(fact_id, where, first[fact_id]))
        else:
            first[fact_id] = where
    return problems


def load_knowledge_base(root: Path, display_root: str = "facts", jobs: int | None = None) -> KnowledgeBase:
    """Read every .yaml file in `root`; problems are collected in the result, never raised. A large
    base's files are parsed by `jobs` processes at once (default: one per core; see parallel.py)."""
    named = [(path, f"{display_root}/{path.name}") for path in knowledge_base_files(root, display_root)]
    with gc_paused():
        from autofacts.knowledge.parallel import PARALLEL_BYTES, spread_lazily  # only when files are parsed

        if len(named) > 1 and _total_bytes(named) >= PARALLEL_BYTES:
            arriving: Iterable[tuple[ParsedFile, list[Fact | PendingFact]]] = spread_lazily(read_named, named, jobs)
        else:
            arriving = (read_named(item) for item in named)
        parsed: list[ParsedFile] = []
        records: list[Fact | PendingFact] = []
        for part, made in arriving:
            parsed.append(part)
            records.extend(made)
        kb = assemble_catalogues(root, parsed)
        add_facts(kb, records)
    return kb


def read_named(named: tuple[Path, str]) -> tuple[ParsedFile, list[Fact | PendingFact]]:
    """One file parsed, and its records with those stating their period already made facts (only a
    fact without one needs the sources, which may come in a later file). Done where the file is
    parsed (a worker process for a large base), so that a base's pending records are never all
    held at once beside its facts. Which become facts, and every problem, is decided later, in
    file order, by add_facts."""
    part = parse_named(named)
    pending, part.facts = part.facts, []
    return part, [item if item.values.get("period") is None else _as_fact(item) for item in pending]


def parse_named(named: tuple[Path, str]) -> ParsedFile:
    """One file parsed, as messages name it (a module-level function, for the worker processes)."""
    from autofacts.knowledge.parse import parse_file  # YAML only when a file is read

    path, display = named
    return parse_file(path, display)


def _total_bytes(named: list[tuple[Path, str]]) -> int:
    total = 0
    for path, _ in named:
        with contextlib.suppress(OSError):  # the parser says why it cannot read it
            total += path.stat().st_size
    return total


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects that form no cycles:
    it would otherwise walk them again and again (PyYAML loads 1.7 MB/s with it running, 4.7 without)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def facts_from_export(document: dict[str, Any]) -> list[Fact]:
    """The facts of an `autofacts export --format json` document (export's inverse, for round trips)."""
    facts = []
    for record in document["facts"]:
        value = record["value"]
        facts.append(
            Fact(
                id=record["id"],
                metric=record["metric"],
                region=record["region"],
                entity=record["entity"],
                period=parse_period(record["period"]),
                period_stated=record["period_stated"],
                kind=record["kind"],
                value=None if value is None else Decimal(str(value)),
                qualifier=record["qualifier"],
                upper=Decimal(str(record["upper"])) if record["qualifier"] == "between" else None,
                source=record["source"]["id"],
                quote=record["source"]["quote"],
                note=record["note"],
                compared_with=parse_period(record["compared_with"]) if record["compared_with"] else None,
                ceiling=record["ceiling"],
            )
        )
    return facts


def _add_unique(table: dict[str, Any], record: Any, problems: list[Problem], what: str) -> None:
    if record.id in table:
        first = table[record.id].location
        where = record.location or Location("?", 0, 0)
        problems.append(Problem(where, "E105", f"duplicate {what} id '{record.id}' (first defined at {first})"))
        return
    table[record.id] = record
