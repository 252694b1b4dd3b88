"""Speed and memory of `autofacts extract` on a long document.

Run from the repository:  python benchmarks/bench_extract.py [--sentences 10000] [--runs 5] [--language zh]

The document is the bundled seeds' own sentences (real news and policy prose, every kind of figure
extract reads) repeated in order until it holds the asked number of sentences, five to a paragraph.
It reports the median wall time of the real command in a fresh process (`python -m autofacts
extract DOC`, output discarded) with its peak resident memory, and the processor time of the
library call alone (`extract_candidates`), which a busy machine disturbs less than wall time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autofacts.knowledge.load import bundled_facts_dir, load_knowledge_base  # noqa: E402
from autofacts.reading.chinese import is_chinese  # noqa: E402
from autofacts.reading.extract import extract_candidates  # noqa: E402
from autofacts.reading.text import sentences  # noqa: E402

PUBLISHED = "2025-12-01"


def document(count: int, language: str = "en") -> str:
    """`count` sentences of the bundled seeds in `language` (en, or zh: the Chinese summary), in order
    and repeated, one to a line, five to a paragraph."""
    pool = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        if is_chinese(text) != (language == "zh"):
            continue
        for s in sentences(text):
            line = s.text if s.text.endswith((".", "!", "?", '"', "”", "。")) else s.text + "."
            if len(sentences(line)) == 1:  # one sentence on its own line too, so the count is exact
                pool.append(line)
    picked = [pool[i % len(pool)] for i in range(count)]
    return "\n\n".join("\n".join(picked[i : i + 5]) for i in range(0, count, 5)) + "\n"


def run_cli(doc: Path) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one `autofacts extract` process."""
    argv = [sys.executable, "-m", "autofacts", "extract", str(doc), "--published", PUBLISHED]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"extract failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--language", choices=("en", "zh"), default="en")
    args = parser.parse_args()
    text = document(args.sentences, args.language)
    kb = load_knowledge_base(bundled_facts_dir())
    counted = len(sentences(text))
    cpu, found = [], 0
    for _ in range(args.runs):
        start = time.process_time()
        found = len(extract_candidates(text, kb, date.fromisoformat(PUBLISHED)))
        cpu.append(time.process_time() - start)
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "long.txt"
        doc.write_text(text, encoding="utf-8")
        walls, peak = [], 0
        for _ in range(args.runs):
            wall, rss = run_cli(doc)
            walls.append(wall)
            peak = max(peak, rss)
    print(f"document: {counted:,} sentences, {len(text):,} characters; {found:,} candidates")
    print(f"extract_candidates, processor time: median {statistics.median(cpu):.2f} s ({args.runs} runs)")
    print(f"autofacts extract, wall time:      median {statistics.median(walls):.2f} s, peak memory {peak // 1024} MiB")


if __name__ == "__main__":
    main()
