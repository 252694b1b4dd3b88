"""Properties that must hold for any input: export round trips, and a fuzzed loader never breaks."""

from __future__ import annotations

import json
import os
import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from autofacts.knowledge.check import check_knowledge_base
from autofacts.knowledge.interval import QUALIFIERS
from autofacts.knowledge.load import facts_from_export, load_knowledge_base
from autofacts.knowledge.model import KINDS, Fact
from autofacts.knowledge.periods import parse_period
from autofacts.output.records import dumps, fact_record

PERIODS = ["2020", "2024", "2025-10", "2025-08-31", "2025-Q3", "2025-H1", "2025-01/2025-11", "2021/2025"]


def comparable(fact: Fact) -> tuple[object, ...]:
    return (
        fact.id,
        fact.metric,
        fact.region,
        fact.entity,
        fact.period,
        fact.period_stated,
        fact.kind,
        fact.value,
        fact.qualifier,
        fact.source,
        " ".join(fact.quote.split()),
        fact.note,
        fact.compared_with,
        fact.ceiling,
    )


@settings(max_examples=60, deadline=None)
@given(
    # at most 15 significant digits, as the loader allows
    value=st.one_of(
        st.none(),
        st.decimals(
            min_value=Decimal("-1e10"), max_value=Decimal("1e10"), places=4, allow_nan=False, allow_infinity=False
        ),
        st.integers(min_value=0, max_value=10**15 - 1).map(Decimal),
    ),
    qualifier=st.sampled_from([q for q in QUALIFIERS if q != "between"]),  # a range: test_ranges_round_trip
    kind=st.sampled_from(KINDS),
    period=st.sampled_from(PERIODS),
    entity=st.one_of(st.none(), st.text(min_size=1, max_size=20)),
    note=st.one_of(st.none(), st.text(max_size=40)),
    quote=st.text(min_size=1, max_size=80),
)
def test_export_then_load_gives_the_same_facts(kb, value, qualifier, kind, period, entity, note, quote) -> None:
    base = kb.facts[0]
    fact = replace(
        base,
        value=value,
        qualifier=qualifier,
        kind=kind,
        period=parse_period(period),
        entity=entity,
        note=note,
        quote=quote.strip() or "x",
        location=None,
    )
    document = json.loads(dumps({"facts": [fact_record(kb, f) for f in [fact, *kb.facts]]}))
    back = facts_from_export(document)
    assert [comparable(f) for f in back] == [comparable(f) for f in [fact, *kb.facts]]


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    choice = rng.randrange(9)
    i = rng.randrange(len(lines))
    if choice == 0:
        del lines[i]
    elif choice == 1:
        lines.insert(i, lines[rng.randrange(len(lines))])
    elif choice == 2:
        lines[i] = "\t" + lines[i]
    elif choice == 3:
        return text[: rng.randrange(len(text))]
    elif choice == 4:
        pos = rng.randrange(len(text))
        return (
            text[:pos]
            + rng.choice(["[", "]", "{", ":", "- ", "&a", "*a", "!!python/object ", "'", '"', "\x00", "%"])
            + text[pos:]
        )
    elif choice == 5:
        lines[i] = lines[i].replace(
            "value: ", rng.choice(["value: -", "value: 1e999", "value: .nan", "value: [", "value: "])
        )
    elif choice == 6:
        lines[i] = lines[i].replace(
            "period: ", rng.choice(["period: 2025-13", "period: 2030/2020", "period: ", "period: x"])
        )
    elif choice == 7:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    return "\n".join(lines)


def test_loader_and_checker_survive_mutated_copies(kb_copy: Path) -> None:
    """A bounded fuzz run; AUTOFACTS_FUZZ_CASES=5000 runs more."""
    cases = int(os.environ.get("AUTOFACTS_FUZZ_CASES", "150"))
    rng = random.Random(20261125)
    files = sorted(kb_copy.glob("*.yaml"))
    originals = {p: p.read_text(encoding="utf-8") for p in files}
    for _ in range(cases):
        target = rng.choice(files)
        mutated = originals[target]
        for _ in range(rng.randint(1, 3)):
            mutated = _mutate(mutated, rng)
        target.write_text(mutated, encoding="utf-8")
        kb = load_knowledge_base(kb_copy)
        problems = check_knowledge_base(kb)
        for problem in problems:
            assert problem.location.line >= 1 and problem.location.column >= 0
            assert problem.code.startswith("E") and "\n" not in problem.message
        target.write_text(originals[target], encoding="utf-8")
