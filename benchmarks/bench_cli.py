"""Start-up and query times of the CLI on the shipped knowledge base.

Run: python benchmarks/bench_cli.py [--runs N]

Prints, for each command, the median wall time of N runs and its ratio to `python -c pass`
measured in the same run, so figures from different machines can be compared.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "--help": [sys.executable, "-m", "autofacts", "--help"],
    "--version": [sys.executable, "-m", "autofacts", "--version"],
    "check": [sys.executable, "-m", "autofacts", "check"],
    "show nev-share": [sys.executable, "-m", "autofacts", "show", "nev-share"],
    "compare 2020 2024": [sys.executable, "-m", "autofacts", "compare", "2020", "2024"],
    "targets --year 2025": [sys.executable, "-m", "autofacts", "targets", "--year", "2025"],
    "export --format json": [sys.executable, "-m", "autofacts", "export", "--format", "json"],
}


def median_seconds(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (the median is reported)")
    args = parser.parse_args()
    baseline = median_seconds(COMMANDS["python -c pass"], args.runs)
    print(f"{'command':<24} {'median ms':>10} {'x python':>9}")
    for name, argv in COMMANDS.items():
        t = baseline if name == "python -c pass" else median_seconds(argv, args.runs)
        print(f"{name:<24} {t * 1000:>10.1f} {t / baseline:>9.1f}")


if __name__ == "__main__":
    main()
