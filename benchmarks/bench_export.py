"""How long `export --format sqlite` and `--format parquet` take on a generated base.

Run from the repository:  python benchmarks/bench_export.py [--size 100000] [--runs 3] [--base DIR]

The base is made by benchmarks/generate.py (or given with --base) and its cache warmed by one
command first, as a user's would be after the first question. Each run writes a new database (or
folder) in a scratch directory; the figure is the best and the median wall-clock time of the whole
command, start-up included. docs/export.md reports the figures; no test asserts them.
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

ROOT = Path(__file__).resolve().parent.parent


def autofacts(*args: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "autofacts", *args], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"autofacts {' '.join(args)} failed: {done.stderr.strip()}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="facts in the generated base")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base", help="an existing base's facts folder instead of a generated one")
    parser.add_argument("--formats", default="sqlite,parquet")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        env = {**os.environ, "AUTOFACTS_CACHE_DIR": str(work / "cache")}
        if options.base:
            facts = Path(options.base)
        else:
            subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(options.size), str(work / "kb")],
                check=True,
                capture_output=True,
            )
            facts = work / "kb" / "facts"
        autofacts("--facts", str(facts), "metrics", env=env)  # builds the cache, as a first question does
        print(f"{'format':<8} {'facts':>8} {'best s':>8} {'median s':>9}")
        for fmt in options.formats.split(","):
            times = []
            for run in range(options.runs):
                out = work / f"out-{fmt}-{run}" if fmt == "parquet" else work / f"out-{run}.db"
                times.append(autofacts("--facts", str(facts), "export", "-f", fmt, str(out), env=env))
            size = "-" if options.base else str(options.size)
            print(f"{fmt:<8} {size:>8} {min(times):>8.2f} {statistics.median(times):>9.2f}")


if __name__ == "__main__":
    main()
