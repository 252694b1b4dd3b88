"""The hostile-world time and memory goals (issue 16), measured on generated knowledge bases.

Run from the repository:  python benchmarks/bench_hostile.py [--sizes 20k,100k] [--runs 3]

Goals: `coverage` and `report` within 2x of `check` on the same base (20k and 100k facts);
10,000 facts in one cell (same metric, region, period) checked in under a second; the memory of
`cite`, `coverage` and `report` bounded by the seed limit (files.MAX_SEED_BYTES), shown with a
seed at that limit. Every figure is the median of fresh processes, with --no-cache so that all three
commands parse the same YAML: wall and processor time (the ratios use processor time, which a
shared machine disturbs less); peak memory is the largest resident set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generate import generate  # noqa: E402

from autofacts.files import MAX_SEED_BYTES  # noqa: E402

AUTOFACTS = [sys.executable, "-m", "autofacts", "--no-cache"]
SIZES = {"20k": 20_000, "100k": 100_000}


CPU: list[float] = []  # processor seconds of each process run, the steadier figure on a shared machine


def run(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one process; it must not fail with status 2+."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    CPU.append(usage.ru_utime + usage.ru_stime)
    return elapsed, usage.ru_maxrss


def measure(argv: list[str], runs: int) -> tuple[float, int]:
    del CPU[:]
    results = [run(argv) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def row(base: str, name: str, seconds: float, peak_kib: int, extra: str = "") -> None:
    cpu = statistics.median(CPU) * 1000 if CPU else float("nan")
    print(f"{base:<12} {name:<22} {seconds * 1000:>9.0f} {cpu:>8.0f} {peak_kib / 1024:>8.1f}  {extra}", flush=True)


def one_cell(folder: Path, count: int) -> Path:
    """A base of `count` facts for one metric, region and period, from three sources, all agreeing."""
    (folder / "seeds").mkdir(parents=True)
    (folder / "facts").mkdir()
    sentence = "Sales reached about 100 vehicles in 2024."
    lines = ["metrics:", "  - id: vehicle-sales", "    name: Vehicle sales", "    description: Sold.",
             "    unit: vehicles", "    measure: flow", "sources:"]  # fmt: skip
    for n in range(3):
        (folder / "seeds" / f"s{n}.txt").write_text(sentence + "\n", encoding="utf-8")
        lines += [f"  - id: s{n}", f"    file: s{n}.txt", f"    title: Source {n}", "    published: 2025-01",
                  "    language: en"]  # fmt: skip
    lines.append("facts:")
    for n in range(count):
        lines += [f"  - id: f{n}", "    metric: vehicle-sales", "    region: China", "    period: 2024",
                  "    kind: actual", "    value: 100", "    qualifier: about", f"    source: s{n % 3}",
                  f"    quote: {sentence}"]  # fmt: skip
    (folder / "facts" / "all.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "facts"


def seed_at_the_limit(folder: Path) -> Path:
    """One source whose seed is MAX_SEED_BYTES of text full of figures, one fact quoting its end."""
    (folder / "seeds").mkdir(parents=True)
    (folder / "facts").mkdir()
    paragraph = (
        "In March 2024 the plant in Hefei made 12,345 vehicles, up 6.5% on a year earlier, and exported "
        "about 1,234 of them, while battery costs fell by 3.2 percent.\n\n"
    )
    last = "Final figure: sales reached about 100 vehicles in 2024."
    body = paragraph * ((MAX_SEED_BYTES - len(last) - 1) // len(paragraph)) + last + "\n"
    assert len(body.encode()) <= MAX_SEED_BYTES
    (folder / "seeds" / "big.txt").write_text(body, encoding="utf-8")
    (folder / "facts" / "all.yaml").write_text(
        "metrics:\n  - id: vehicle-sales\n    name: Vehicle sales\n    description: Sold.\n    unit: vehicles\n"
        "    measure: flow\nsources:\n  - id: big\n    file: big.txt\n    title: A long report\n"
        "    published: 2025-01\n    language: en\nfacts:\n  - id: big-sales\n    metric: vehicle-sales\n"
        "    region: China\n    period: 2024\n    kind: actual\n    value: 100\n    qualifier: about\n"
        "    source: big\n    quote: sales reached about 100 vehicles in 2024.\n",
        encoding="utf-8",
    )
    return folder / "facts"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20k,100k")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'base':<12} {'command':<22} {'wall ms':>9} {'cpu ms':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory(prefix="autofacts-bench-") as tmp:
        out = Path(tmp) / "page.html"
        for label in [s for s in args.sizes.split(",") if s]:
            facts = Path(tmp) / label
            generate(SIZES[label], facts)
            where = ["--facts", str(facts / "facts")]
            # the ratios compare processor time: wall time on a shared machine says more about the others
            check, check_kib = measure([*AUTOFACTS, "check", *where], args.runs)
            check_cpu = statistics.median(CPU)
            row(label, "check", check, check_kib)
            cov, cov_kib = measure([*AUTOFACTS, "coverage", *where], args.runs)
            row(label, "coverage", cov, cov_kib, f"{statistics.median(CPU) / check_cpu:.2f}x check (goal <= 2x)")
            times = []
            del CPU[:]
            for _ in range(args.runs):
                out.unlink(missing_ok=True)
                times.append(run([*AUTOFACTS, "report", "-o", str(out), *where]))
            rep, rep_kib = statistics.median(t for t, _ in times), max(m for _, m in times)
            row(label, "report", rep, rep_kib, f"{statistics.median(CPU) / check_cpu:.2f}x check (goal <= 2x)")
        cell = one_cell(Path(tmp) / "cell", 10_000)
        seconds, kib = measure([*AUTOFACTS, "check", "--facts", str(cell)], args.runs)
        row("one cell", "check (10,000 facts)", seconds, kib, "goal < 1 s")
        big = seed_at_the_limit(Path(tmp) / "seed")
        for name, argv in (
            ("cite", ["cite", "big-sales"]),
            ("coverage", ["coverage"]),
            ("check", ["check"]),
        ):
            seconds, kib = measure([*AUTOFACTS, *argv, "--facts", str(big)], args.runs)
            row(f"{MAX_SEED_BYTES >> 20} MiB seed", name, seconds, kib)
        out.unlink(missing_ok=True)
        del CPU[:]
        seconds, kib = run([*AUTOFACTS, "report", "-o", str(out), "--facts", str(big)])
        row(f"{MAX_SEED_BYTES >> 20} MiB seed", "report", seconds, kib)


if __name__ == "__main__":
    main()
