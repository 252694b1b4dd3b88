"""`extract` on hostile text (issue 24): many numbers in one line, many figures in one sentence.

Run from the repository:  python benchmarks/bench_long_lines.py [--sizes 1000,10000]

Each line is one "sentence" holding N figures. Before sentences were bounded (text.MAX_SENTENCE)
every figure was read against its whole sentence and quoted it: time and output grew as N squared
(1,000 numbers: 2.3 s and 5.6 MB; 2,000 figures in a 53 KB sentence: 15 s and 48 MB). Now both
grow with N (10,000 numbers: 2.7 s; 100,000: 29 s). Shown: wall time, output bytes, and output
bytes per input byte.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def numbers(n: int) -> str:
    return "Sales were " + ", ".join(str(1000 + i) for i in range(n)) + " vehicles in 2024.\n"


def figures(n: int) -> str:
    return "In 2024 the company reported " + " and ".join(f"sales of {100 + i} vehicles" for i in range(n)) + ".\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,10000")
    args = parser.parse_args()
    print(f"{'text':<26} {'input KB':>9} {'wall s':>7} {'output KB':>10} {'out/in':>7}")
    with tempfile.TemporaryDirectory(prefix="autofacts-bench-") as tmp:
        for n in (int(s) for s in args.sizes.split(",") if s):
            for name, make in (("numbers in a line", numbers), ("figures in a sentence", figures)):
                path = Path(tmp) / "text.txt"
                path.write_text(make(n), encoding="utf-8")
                start = time.perf_counter()
                out = subprocess.run([sys.executable, "-m", "autofacts", "extract", str(path)],
                                     capture_output=True, check=True).stdout  # fmt: skip
                seconds = time.perf_counter() - start
                size = path.stat().st_size
                print(f"{n:>6} {name:<19} {size / 1024:>9.0f} {seconds:>7.2f} {len(out) / 1024:>10.0f} "
                      f"{len(out) / size:>7.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
