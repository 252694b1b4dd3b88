"""NewsQuant: how well the number reader finds the quantities news sentences state.

NewsQuant (the CQE paper's news test set, github.com/vivkaz/CQE, data/formatted_test_set/NewsQuant.json)
is not shipped with the project. Give its path as the first argument or in NEWSQUANT:

    python benchmarks/bench_newsquant.py /work/newsquant/NewsQuant.json

Scores as the paper reports NewsQuant (the matching rules of the CQE repository's
evaluation/evaluate_models.py, re-written here): value F1 (a labelled quantity is found when a
number read from its sentence has its value; a range "252.0-287.0" needs a range with that foot and
top) and value+change F1 (the change must agree too: "=" exact, "~" about or nearly, ">" over or at
least, "<" under or at most, "up"/"down" a rise or a fall). A file holding only text, value and
change per quantity is enough.
"""

from __future__ import annotations

import json
import os
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from autofacts.reading.mentions import Mention
from autofacts.reading.numbers import hedge_start
from autofacts.reading.text import figure_mentions

try:  # what extract does not propose; versions before it had no such filter (for before/after runs)
    from autofacts.reading.text import is_furniture
except ImportError:  # pragma: no cover

    def is_furniture(text: str, m: Mention) -> bool:
        return False


_CHANGE = {"exact": "=", "about": "~", "nearly": "~", "over": ">", "at-least": ">", "under": "<", "at-most": "<"}
_UP = {
    "up",
    "rose",
    "risen",
    "gained",
    "climbed",
    "jumped",
    "increased",
    "grew",
    "added",
    "surged",
    "soared",
    "advanced",
}
_DOWN = {"down", "fell", "fallen", "dropped", "declined", "lost", "slid", "shed", "decreased", "slipped", "tumbled"}

Value = Decimal | tuple[Decimal, Decimal]


def _gold_value(raw: str) -> Value | None:
    """A labelled value: a number, or a range written "low-high" (a leading '-' is a minus sign)."""
    try:
        if "-" in raw[1:]:
            cut = raw.index("-", 1)
            return Decimal(raw[:cut]), Decimal(raw[cut + 1 :])
        return Decimal(raw)
    except (InvalidOperation, ValueError):
        return None


def _close(a: Decimal, b: Decimal) -> bool:
    """Equal as numpy.isclose(rtol=1e-5, atol=1e-8) says, as the CQE evaluation compares values."""
    return abs(a - b) <= Decimal("1e-8") + Decimal("1e-5") * abs(b)


def _same(gold: Value, found: Value) -> bool:
    if isinstance(gold, tuple) != isinstance(found, tuple):
        return False
    if isinstance(gold, tuple) and isinstance(found, tuple):
        return _close(found[0], gold[0]) and _close(found[1], gold[1])
    assert isinstance(gold, Decimal) and isinstance(found, Decimal)
    return _close(found, gold)


def _prediction(text: str, m: Mention) -> tuple[Value, str]:
    """A number as NewsQuant writes it: a fall stated in words is its size with the change 'down';
    a hedge is the change ("up about 19 per cent" is "~"), else the verb right before the number."""
    signed = m.start > 0 and text[m.start - 1] in "-−"
    value = m.value if signed else abs(m.value)
    found: Value = value if m.upper is None else (abs(m.upper), abs(m.value)) if m.value < 0 else (m.value, m.upper)
    if m.qualifier != "exact":
        return found, _CHANGE.get(m.qualifier, "=")
    words = text[max(0, hedge_start(text, m.start) - 30) : hedge_start(text, m.start)].lower().split()
    verb = words[-2] if words[-1:] == ["by"] and len(words) > 1 else words[-1] if words else ""
    if verb in _DOWN or (m.value < 0 and not signed):
        return found, "down"
    if verb in _UP and words[-2:] != ["gave", "up"]:
        return found, "up"
    return found, "="


def score(items: list[dict[str, object]]) -> dict[str, tuple[float, float, float]]:
    """Precision, recall and F1 (per cent) of values and of values with their change.

    Counted as the CQE paper's evaluation counts NewsQuant: every quantity read is a prediction
    (years, dates and ordinals are not quantities), a labelled quantity is found when a prediction of
    the same sentence has its value (numpy.isclose), each labelled quantity counted once.
    """
    gold_total = predicted = right = right_change = 0
    for item in items:
        text = str(item["text"])
        gold = []
        for q in item["quantities"]:  # type: ignore[attr-defined]
            value = _gold_value(str(q["value"]))
            if value is not None:
                gold.append((value, str(q["change"])))
        found = [
            _prediction(text, m)
            for m in figure_mentions(text)
            if m.unit != "ordinal" and not is_furniture(text, m)  # as `extract` proposes them
        ]
        gold_total += len(gold)
        predicted += len(found)
        used: set[int] = set()
        for value, change in gold:
            hits = [i for i, f in enumerate(found) if i not in used and _same(value, f[0])]
            if not hits:
                continue
            best = next((i for i in hits if found[i][1] == change), hits[0])
            used.add(best)
            right += 1
            right_change += found[best][1] == change
    out = {}
    for name, tp in (("value", right), ("value+change", right_change)):
        p = tp / predicted if predicted else 0.0
        r = tp / gold_total if gold_total else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[name] = (100 * p, 100 * r, 100 * f)
    return out


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("NEWSQUANT")
    if not path or not Path(path).is_file():
        print("NewsQuant.json not found: give its path as the argument or in NEWSQUANT (skipped)")
        return 0
    items = json.loads(Path(path).read_text(encoding="utf-8"))
    print(f"NewsQuant: {len(items)} sentences, {sum(len(i['quantities']) for i in items)} quantities")
    for name, (p, r, f) in score(items).items():
        print(f"{name:>13}: precision {p:5.1f}  recall {r:5.1f}  F1 {f:5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
