"""Speed and memory of the CLI, on the shipped knowledge base and on generated ones.

Run from the repository:  python benchmarks/bench_cli.py [--sizes 1k,10k,100k,1M] [--runs 7]

Each figure is the median wall time of several runs of the real command in a fresh process, and its
ratio to `python -c pass` measured in the same run; peak memory is the largest resident set of those
processes. "cold" runs start with an empty cache (so they include parsing the YAML), "warm" runs
reuse it. Generated bases (benchmarks/generate.py) are written into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

AUTOFACTS = [sys.executable, "-m", "autofacts"]
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}

# Questions an analyst asks of each base: one metric in one region, two years, a year's targets.
SHIPPED = {
    "show": ["show", "nev-share"],
    "compare": ["compare", "2020", "2024"],
    "targets": ["targets", "--year", "2025"],
}
GENERATED = {
    "show": ["show", "production-nev", "--region", "Hebei", "--since", "2024"],
    "compare": ["compare", "2020", "2024", "--region", "Hebei"],
    "targets": ["targets", "--year", "2025", "--region", "Hebei"],
}


def run(argv: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """Wall seconds, peak resident memory (KiB) and CPU seconds (user + system, its worker
    processes included) of one process: on a shared machine the CPU time is the steadier figure."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def measure(argv: list[str], env: dict[str, str], runs: int, before: object = None) -> tuple[float, int, float]:
    times, cpus, peak = [], [], 0
    for _ in range(runs):
        if callable(before):
            before()
        t, rss, cpu = run(argv, env)
        times.append(t)
        cpus.append(cpu)
        peak = max(peak, rss)
    return statistics.median(times), peak, statistics.median(cpus)


class Table:
    def __init__(self, baseline: float) -> None:
        self.baseline = baseline
        print(
            f"{'base':<8} {'command':<22} {'mode':<6} {'median ms':>10} {'x python':>9} {'peak MB':>8} {'load':>5}"
            f" {'cpu ms':>8}"
        )

    def row(
        self, base: str, name: str, mode: str, seconds: float, peak_kib: int, extra: str = "", cpu: float | None = None
    ) -> None:
        ratio = seconds / self.baseline
        # the 1-minute load average beside each figure: on a shared machine a figure means little without it
        load = os.getloadavg()[0]
        used = f"{cpu * 1000:>8.1f}" if cpu is not None else f"{'':>8}"
        figures = f"{seconds * 1000:>10.1f} {ratio:>9.1f} {peak_kib / 1024:>8.1f} {load:>5.2f} {used}"
        print(f"{base:<8} {name:<22} {mode:<6} {figures} {extra}")


def bench_base(table: Table, label: str, facts: Path | None, count: int, runs: int, cache: Path) -> None:
    env = {**os.environ, "AUTOFACTS_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    env.pop("AUTOFACTS_NO_CACHE", None)
    where = ["--facts", str(facts)] if facts else []
    questions = GENERATED if facts else SHIPPED

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    cold_runs = 1 if count >= 1_000_000 else max(1, min(runs, 3 if count >= 100_000 else runs))
    for name in ("--help", "--version"):
        t, rss, cpu = measure([*AUTOFACTS, name], env, runs)
        table.row(label, name, "-", t, rss, cpu=cpu)
    if facts is None:
        # the goal for a warm `show` on the shipped base: within 1.15x of a bare Typer command that
        # prints a one-row Rich table, timed here in the same run, alternating with it
        bare = [sys.executable, str(Path(__file__).resolve().parent / "bare_typer.py"), "nev-share"]
        # (wall and CPU time of each, the median and the minimum: a minimum is what a quiet machine gives)
        run([*AUTOFACTS, *questions["show"]], env)
        pairs = [(run(bare, env), run([*AUTOFACTS, *questions["show"]], env)) for _ in range(runs)]
        bare_wall, show_wall = [b[0] for b, _ in pairs], [s[0] for _, s in pairs]
        bare_cpu, show_cpu = [b[2] for b, _ in pairs], [s[2] for _, s in pairs]
        floor = statistics.median(bare_wall)
        table.row(label, "bare Typer one-row table", "-", floor, 0, cpu=statistics.median(bare_cpu))
        shown = statistics.median(show_wall)
        ratios = (
            f"{shown / floor:.2f}x bare Typer (min {min(show_wall) / min(bare_wall):.2f}x;"
            f" CPU {statistics.median(show_cpu) / statistics.median(bare_cpu):.2f}x,"
            f" min {min(show_cpu) / min(bare_cpu):.2f}x)"
        )
        table.row(label, "show (vs bare Typer)", "warm", shown, 0, ratios, cpu=statistics.median(show_cpu))
    for name, args in [*questions.items(), ("export --format json", ["export", "--format", "json"])]:
        if count >= 1_000_000 and name != "show":
            continue  # at a million facts only `show` has a goal; the others are run by hand
        argv = [*AUTOFACTS, *args, *where]
        t, rss, cpu = measure(argv, env, cold_runs, before=clear)
        table.row(label, name, "cold", t, rss, cpu=cpu)
        run(argv, env)
        t, rss, cpu = measure(argv, env, runs)
        table.row(label, name, "warm", t, rss, cpu=cpu)
    if count < 1_000_000:
        t, rss, cpu = measure([*AUTOFACTS, "--no-cache", "check", *where], env, cold_runs)
        table.row(label, "check", "cold", t, rss, f"{count / t:,.0f} facts/s", cpu=cpu)
    if facts and count >= 100_000:
        incremental(table, label, facts, env, runs, questions["show"])


def incremental(table: Table, label: str, facts: Path, env: dict[str, str], runs: int, show: list[str]) -> None:
    """`show` right after one fact file was edited (the cache reparses that file only)."""
    target = sorted(facts.glob("synthetic-*.yaml"))[len(list(facts.glob("synthetic-*.yaml"))) // 2]
    original = target.read_text(encoding="utf-8")
    argv = [*AUTOFACTS, *show, "--facts", str(facts)]
    edits = iter(range(1_000_000))

    def edit() -> None:
        target.write_text(original + f"# edit {next(edits)}\n", encoding="utf-8")

    try:
        t, rss, cpu = measure(argv, env, runs, before=edit)
        table.row(label, "show after 1 edit", "edit", t, rss, cpu=cpu)
    finally:
        target.write_text(original, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="", help="generated sizes, e.g. 1k,10k,100k,1M (default: none)")
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (the median is reported)")
    args = parser.parse_args()
    sizes = [s for s in args.sizes.split(",") if s]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        raise SystemExit(f"unknown size {unknown[0]} (known: {', '.join(SIZES)})")

    # Byte-compiled, as an installed package is: with PYTHONDONTWRITEBYTECODE set (or a read-only
    # checkout) every run would otherwise compile autofacts from source again.
    import compileall

    import autofacts

    compileall.compile_dir(str(Path(autofacts.__file__).parent), quiet=1)
    env = dict(os.environ)
    baseline, _, _ = measure([sys.executable, "-c", "pass"], env, max(args.runs, 11))
    table = Table(baseline)
    table.row("-", "python -c pass", "-", baseline, 0)
    with tempfile.TemporaryDirectory(prefix="autofacts-bench-") as tmp:
        from autofacts.knowledge.load import bundled_facts_dir, load_knowledge_base

        shipped = len(load_knowledge_base(bundled_facts_dir()).facts)
        bench_base(table, "shipped", None, shipped, args.runs, Path(tmp) / "cache-shipped")
        for size in sizes:
            folder = Path(tmp) / size
            count = generate(SIZES[size], folder)
            bench_base(table, size, folder / "facts", count, args.runs, Path(tmp) / f"cache-{size}")
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
