"""Synthetic knowledge bases of any size, realistic enough for `check` to pass.

Run: python benchmarks/generate.py 100000 /tmp/kb100k

Facts cover provinces, years and months for a few dozen metrics; each one quotes a sentence of a
generated seed text that states its value with the hedge word of its qualifier, so `autofacts
check` proves them like real facts. One source (one seed, one facts file) per thousand facts.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
from itertools import product
from pathlib import Path

REGIONS = [
    "China",
    "Beijing",
    "Tianjin",
    "Hebei",
    "Shanxi",
    "Inner Mongolia",
    "Liaoning",
    "Jilin",
    "Heilongjiang",
    "Shanghai",
    "Jiangsu",
    "Zhejiang",
    "Anhui",
    "Fujian",
    "Jiangxi",
    "Shandong",
    "Henan",
    "Hubei",
    "Hunan",
    "Guangdong",
    "Guangxi",
    "Hainan",
    "Chongqing",
    "Sichuan",
    "Guizhou",
    "Yunnan",
    "Tibet",
    "Shaanxi",
    "Gansu",
    "Qinghai",
    "Ningxia",
    "Xinjiang",
]
# (id, name, unit, measure, words in the sentence)
FLOW_KINDS = ["production", "sales", "exports", "imports", "registrations", "inventory"]
FLOW_ITEMS = ["vehicles", "nev", "trucks", "buses", "passenger-cars", "suvs", "sedans", "mpvs", "bevs", "phevs"]
SHARE_ITEMS = [
    "nev",
    "hybrid",
    "export",
    "truck",
    "bus",
    "suv",
    "sedan",
    "mpv",
    "ev",
    "phev",
    "fcev",
    "lcv",
    "import",
    "rental",
    "fleet",
    "taxi",
    "used-car",
    "online",
    "rural",
    "urban",
    "luxury",
    "budget",
    "compact",
    "midsize",
    "fullsize",
    "pickup",
    "van",
    "coupe",
    "wagon",
    "crossover",
]
METRICS = [
    (
        f"{kind}-{item}",
        f"{kind.title()} {item.replace('-', ' ')}",
        "vehicles",
        "flow",
        f"{item.replace('-', ' ')} {kind}",
    )
    for kind, item in product(FLOW_KINDS, FLOW_ITEMS)
] + [
    (f"{item}-share", f"{item.replace('-', ' ')} share", "percent", "share", f"{item.replace('-', ' ')} share")
    for item in SHARE_ITEMS
]
QUALIFIERS = [("exact", "reached"), ("about", "reached about"), ("over", "exceeded"), ("nearly", "reached nearly")]
MONTHS = list(calendar.month_name)[1:]


def _periods() -> list[tuple[str, str]]:
    """(label, words) for every year 1990-2025 and every month of 1995-2025."""
    out = [(str(y), f"In {y}") for y in range(1990, 2026)]
    out += [(f"{y}-{m:02d}", f"In {MONTHS[m - 1]} {y}") for y in range(1995, 2026) for m in range(1, 13)]
    return out


def _flow(metric: str, region: str, label: str, rng: random.Random) -> int:
    """A year's value, and months of about a twelfth of it, so no month exceeds its year."""
    year = random.Random(f"{metric}|{region}|{label[:4]}").randint(12_000, 3_000_000)
    if len(label) == 4:
        return year
    return int(year / 12 * rng.uniform(0.8, 1.2))


def _number(value: int, unit: str) -> str:
    if unit == "percent":
        return f"{value / 10:.1f}%"
    return f"{value:,} vehicles"


def generate(size: int, folder: Path, seed: int = 7) -> int:
    """Write a knowledge base of `size` facts into folder/facts and folder/seeds; returns the fact count."""
    rng = random.Random(seed)
    facts_dir, seeds_dir = folder / "facts", folder / "seeds"
    facts_dir.mkdir(parents=True, exist_ok=True)
    seeds_dir.mkdir(parents=True, exist_ok=True)
    metrics_yaml = ["metrics:"]
    for mid, name, unit, measure, _ in METRICS:
        metrics_yaml += [f"  - id: {mid}", f"    name: {name}", f"    unit: {unit}", f"    measure: {measure}"]
    (facts_dir / "metrics.yaml").write_text("\n".join(metrics_yaml) + "\n", encoding="utf-8")

    capacity = len(_periods()) * len(METRICS) * len(REGIONS)
    if size > capacity:
        raise SystemExit(f"at most {capacity:,} facts can be generated")
    cells = product(_periods(), METRICS, REGIONS)
    sources_yaml = ["sources:"]
    written = 0
    per_file = 1000
    file_no = 0
    while written < size:
        file_no += 1
        source_id = f"synthetic-{file_no:05d}"
        sentences: list[str] = []
        lines = [f"source: {source_id}", "facts:"]
        for (label, words), (mid, _, unit, _, phrase), region in cells:
            kind = "target" if label == "2025" and rng.random() < 0.3 else "actual"
            value = rng.randint(1, 999) if unit == "percent" else _flow(mid, region, label, rng)
            qualifier, verb = rng.choice(QUALIFIERS)
            goal = "was set to reach" if kind == "target" else ""
            verb = goal or verb
            if kind == "target":
                qualifier = "exact"
            sentence = f"{words}, {region}'s {phrase} {verb} {_number(value, unit)}."
            sentences.append(sentence)
            stated = f"{value / 10:.1f}" if unit == "percent" else str(value)
            lines += [
                f"  - id: {mid}-{region.lower().replace(' ', '-')}-{label}-{kind}",
                f"    metric: {mid}",
                f"    region: {region}",
                f"    period: '{label}'",
                f"    kind: {kind}",
                f"    value: {stated}",
                f"    qualifier: {qualifier}",
                f"    quote: {json.dumps(sentence)}",
            ]
            written += 1
            if len(sentences) == per_file or written == size:
                break
        (facts_dir / f"{source_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (seeds_dir / f"{source_id}.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
        sources_yaml += [
            f"  - id: {source_id}",
            f"    file: {source_id}.txt",
            f"    title: Synthetic report {file_no}",
            "    published: 2026-01-15",
            "    language: en",
        ]
    (facts_dir / "sources.yaml").write_text("\n".join(sources_yaml) + "\n", encoding="utf-8")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="number of facts")
    parser.add_argument("folder", type=Path, help="where to write facts/ and seeds/")
    args = parser.parse_args()
    print(generate(args.size, args.folder), "facts written to", args.folder)


if __name__ == "__main__":
    main()
