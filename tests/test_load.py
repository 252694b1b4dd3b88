"""The loader: YAML problems become located errors, never tracebacks; YAML 1.1 guesses are not trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from autofacts.knowledge.load import load_knowledge_base

SOURCE = """sources:
  - id: s
    file: s.txt
    title: T
    published: 2025-12-01
    language: en
metrics:
  - id: m
    name: M
    unit: vehicles
    measure: flow
"""
SEED = "In 2024, production exceeded 1,000 vehicles."


def write_kb(tmp_path: Path, facts_yaml: str | bytes) -> Path:
    facts = tmp_path / "facts"
    facts.mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s.txt").write_text(SEED, encoding="utf-8")
    (facts / "catalogue.yaml").write_text(SOURCE, encoding="utf-8")
    target = facts / "facts.yaml"
    if isinstance(facts_yaml, bytes):
        target.write_bytes(facts_yaml)
    else:
        target.write_text(facts_yaml, encoding="utf-8")
    return facts


GOOD = """source: s
facts:
  - id: f
    metric: m
    region: China
    period: 2024
    kind: actual
    value: 1000
    qualifier: over
    quote: In 2024, production exceeded 1,000 vehicles.
"""


def problems(tmp_path: Path, text: str | bytes) -> list[str]:
    kb = load_knowledge_base(write_kb(tmp_path, text))
    return [str(p) for p in kb.problems]


def test_good_file_loads(tmp_path: Path, run) -> None:
    facts = write_kb(tmp_path, GOOD)
    kb = load_knowledge_base(facts)
    assert kb.problems == [] and kb.facts[0].period.label == "2024"
    assert run("check", "--facts", str(facts)).exit_code == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace("    kind: actual", "\tkind: actual"), "facts/facts.yaml:7:1: error[E100]: YAML syntax"),
        (GOOD.replace("quote: In 2024", "quote: [In 2024"), "error[E100]: YAML syntax"),
        (  # an unclosed quote shows only at the end of the file: the message says where it opened
            GOOD.replace("source: s", 'source: "s'),
            "facts/facts.yaml:11:1: error[E100]: YAML syntax: found unexpected end of stream"
            " (while scanning a quoted scalar at line 1, column 9)",
        ),
        (GOOD + "    kind: target\n", "facts/facts.yaml:11:5: error[E106]: duplicate key 'kind' in fact"),
        (
            GOOD.replace("    qualifier: over", "    qualifer: over"),
            "facts/facts.yaml:9:5: error[E102]: unknown key 'qualifer'",
        ),
        (GOOD.replace("    region: China\n", ""), "facts/facts.yaml:3:5: error[E103]: fact is missing 'region'"),
        (GOOD.replace("value: 1000", "value: '1000'"), "error[E104]: 'value' must be a plain number"),
        (GOOD.replace("value: 1000", "value: .nan"), "error[E104]: 'value' must be a finite number"),
        (GOOD.replace("value: 1000", "value: 1e30"), "error[E104]: 'value' is implausibly large"),
        (GOOD.replace("value: 1000", "value: [1000]"), "error[E104]: 'value' must be a plain number, not a list"),
        (GOOD.replace("kind: actual", "kind: outcome"), "error[E104]: 'kind' must be one of actual, target"),
        ("source: s\nfacts:\n  f: 1\n", "facts/facts.yaml:3:3: error[E101]: 'facts' must be a list"),
        (
            GOOD.replace("value: 1000", "value: !!python/object:os.system 1"),
            "error[E104]: 'value': tag tag:yaml.org,2002:python/object:os.system is not allowed",
        ),
        ("", "facts/facts.yaml:1:1: error[E101]: file is empty"),
        (b"source: s\nfacts: []\nnote: \xff\n", "facts/facts.yaml:3:7: error[E100]: not UTF-8 text (byte 0xff)"),
    ],
)
def test_bad_input_is_located(tmp_path: Path, text: str | bytes, expected: str) -> None:
    found = problems(tmp_path, text)
    assert any(expected in p for p in found), found


def test_yaml_1_1_surprises_are_read_as_written(tmp_path: Path) -> None:
    text = GOOD.replace("region: China", "region: NO").replace("value: 1000", "value: 1e3")
    kb = load_knowledge_base(write_kb(tmp_path, text))
    assert kb.problems == []
    assert kb.facts[0].region == "NO"  # Norway, not False
    assert kb.facts[0].value == 1000  # a number, not the string '1e3'


def test_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    kb = load_knowledge_base(write_kb(tmp_path, "\ufeff" + GOOD.replace("\n", "\r\n")))
    assert kb.problems == [] and len(kb.facts) == 1


def test_alias_bomb_is_harmless(tmp_path: Path) -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)},*{chr(96 + i)}]\n"
    found = problems(tmp_path, bomb)
    assert any("unknown top-level key 'a'" in p for p in found)


def test_a_missing_knowledge_base_is_one_line(run, tmp_path: Path) -> None:
    result = run("show", "nev-share", "--facts", str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"autofacts: error[E001]: {tmp_path / 'nope'}: no such knowledge-base folder"


RANGE = """source: s
facts:
  - id: f
    metric: m
    region: World
    period: 2024
    kind: forecast
    value: 3600000
    upper: 4000000
    qualifier: between
    quote: Analysts expect BYD to sell between 3.6 million and 4 million vehicles in 2024.
"""


def test_a_range_loads_with_both_ends(tmp_path: Path) -> None:
    facts = write_kb(tmp_path, RANGE)
    (tmp_path / "seeds" / "s.txt").write_text(RANGE.split("quote: ")[1], encoding="utf-8")
    kb = load_knowledge_base(facts)
    assert kb.problems == []
    fact = kb.facts[0]
    assert (fact.value, fact.upper, fact.interval.lo, fact.interval.hi) == (3_600_000, 4_000_000, 3_600_000, 4_000_000)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    upper: 4000000\n", "", "facts/facts.yaml:3:5: error[E103]: a range states both ends"),
        ("qualifier: between", "qualifier: exact", "error[E103]: a range states both ends"),
        ("upper: 4000000", "upper: 3600000", "facts/facts.yaml:3:5: error[E104]: 'upper' must be above 'value'"),
        ("upper: 4000000", "upper: 4 million", "facts/facts.yaml:9:12: error[E104]: 'upper' must be a number"),
    ],
)
def test_a_range_needs_both_ends_in_order(tmp_path: Path, old: str, new: str, expected: str) -> None:
    found = problems(tmp_path, RANGE.replace(old, new))
    assert any(expected in p for p in found), found
