"""NewsQuant: how well the number reader finds the quantities news sentences state.

NewsQuant (the CQE paper's news test set, github.com/vivkaz/CQE, data/formatted_test_set/NewsQuant.json)
is not shipped with the project. Give its path as the first argument or in NEWSQUANT:

    python benchmarks/bench_newsquant.py /work/newsquant/NewsQuant.json

Scores as the paper reports NewsQuant: value F1 (a predicted quantity is right when its value equals
a labelled one of the same sentence, each labelled one matched once; a range "252.0-287.0" matches a
figure read with that foot and top) and value+change F1 (the change must agree too: "=" exact, "~"
about or nearly, ">" over or at least, "<" under or at most, "up"/"down" a rise or a fall).
"""

from __future__ import annotations

import json
import os
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from autofacts.numbers import Mention, read_numbers
from autofacts.text import figure_mentions

_CHANGE = {"exact": "=", "about": "~", "nearly": "~", "over": ">", "at-least": ">", "under": "<", "at-most": "<"}


def _gold_value(raw: str) -> tuple[Decimal, Decimal | None] | None:
    try:
        if "-" in raw.strip("-"):
            low, high = (
                raw.split("-", 1)
                if not raw.startswith("-")
                else ("-" + raw[1:].split("-", 1)[0], raw[1:].split("-", 1)[1])
            )
            return Decimal(low), Decimal(high)
        return Decimal(raw), None
    except (InvalidOperation, ValueError):
        return None


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= Decimal("1e-6") * max(Decimal(1), abs(b))


def _change(text: str, m: Mention) -> str:
    before = text[max(0, m.start - 30) : m.start].lower()
    if m.value < 0 or any(w in before.split() for w in ("down", "fell", "dropped", "declined", "lost", "slid")):
        return "down"
    if any(w in before.split() for w in ("up", "rose", "gained", "climbed", "jumped", "increased")):
        return "up"
    return _CHANGE.get(m.qualifier, "=")


def _score(items: list[dict[str, object]], with_change: bool) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for item in items:
        text = str(item["text"])
        gold = []
        for q in item["quantities"]:  # type: ignore[attr-defined]
            value = _gold_value(str(q["value"]))
            if value is not None:
                gold.append((value, str(q["change"])))
        found = figure_mentions(text) if os.environ.get("NEWSQUANT_FIGURES") else read_numbers(text)
        used: set[int] = set()
        for m in found:
            hit = None
            for i, ((low, high), change) in enumerate(gold):
                if i in used:
                    continue
                value_ok = _close(abs(m.value), abs(low)) and (
                    high is None or (m.upper is not None and _close(m.upper, high))
                )
                if value_ok and (not with_change or _change(text, m) == change):
                    hit = i
                    break
            if hit is None:
                fp += 1
            else:
                used.add(hit)
                tp += 1
        fn += len(gold) - len(used)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return 100 * precision, 100 * recall, 100 * f1


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("NEWSQUANT")
    if not path or not Path(path).is_file():
        print("NewsQuant.json not found: give its path as the argument or in NEWSQUANT (skipped)")
        return 0
    items = json.loads(Path(path).read_text(encoding="utf-8"))
    print(f"NewsQuant: {len(items)} sentences, {sum(len(i['quantities']) for i in items)} quantities")
    for name, with_change in (("value", False), ("value+change", True)):
        p, r, f = _score(items, with_change)
        print(f"{name:>13}: precision {p:5.1f}  recall {r:5.1f}  F1 {f:5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
