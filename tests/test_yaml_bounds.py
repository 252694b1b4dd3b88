"""Bounded reading of YAML (issue 24, item 5): aliases are counted at their expanded size against
the file-size limit, and nesting too deep for the reader is a located error, never a RecursionError."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from autofacts.knowledge.parse import MAX_FILE_BYTES, parse_file
from autofacts.knowledge.yaml_bounds import expanded_size, first_alias, first_too_deep

FACT = """x: &x
  id: f
  metric: m
  region: China
  period: 2024
  kind: actual
  value: 1
  quote: "{quote}"
"""


def bomb(levels: int) -> str:
    """One fact with a 1,000-character quote, listed 10**levels times through aliases of aliases."""
    text = FACT.format(quote="q" * 1000) + "a: &a [*x, *x, *x, *x, *x, *x, *x, *x, *x, *x]\n"
    previous = "a"
    for i in range(levels):
        text += f"b{i}: &b{i} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
        previous = f"b{i}"
    return text + f"facts: *{previous}\n"


def test_aliases_expanding_past_the_size_limit_are_refused_at_the_first_alias() -> None:
    # 10**7 references to a fact of over 1,000 characters: about 10 GB expanded, from 400 bytes
    parsed = parse_file(Path("bomb.yaml"), "facts/bomb.yaml", text=bomb(6))
    assert [str(p) for p in parsed.problems] == [
        "facts/bomb.yaml:9:8: error[E100]: YAML aliases (*name) expand this file to more than 20 MiB, "
        "the limit on a file's size"
    ]  # line 9 column 8 is the first `*x`
    assert parsed.facts == []


def test_an_alias_repeating_a_quote_is_fine() -> None:
    # as the bundled work plan does: two facts quoting one sentence
    text = (
        "source: s\nfacts:\n"
        "  - {id: a, metric: m, region: China, period: 2025, kind: target, value: 3, quote: &q 'about 3% and 20%'}\n"
        "  - {id: b, metric: m, region: China, period: 2025, kind: target, value: 20, quote: *q}\n"
    )
    parsed = parse_file(Path("t.yaml"), "facts/t.yaml", text=text)
    assert parsed.problems == []
    assert [f.values["quote"] for f in parsed.facts] == ["about 3% and 20%", "about 3% and 20%"]


def test_expanded_size_counts_each_reference() -> None:
    # "abc" is 3 characters + 2; the list holds it three times: 2 + 3 x 5 = 17
    node = yaml.compose("[&a abc, *a, *a]", Loader=yaml.SafeLoader)
    assert expanded_size(node) == 17
    assert expanded_size(yaml.compose("[abc, abc, abc]", Loader=yaml.SafeLoader)) == 17
    assert MAX_FILE_BYTES == 20 * 1024 * 1024


def test_locating_the_first_alias_and_the_first_level_too_deep() -> None:
    mark = first_alias("a: &a 1\nb: [2, *a]\n")
    assert (mark.line + 1, mark.column + 1) == (2, 8)
    assert first_alias("a: 1\n") is None
    # the mapping is level 1, the lists at columns 4, 5 and 6 levels 2, 3 and 4
    mark = first_too_deep("a: [[[x]]]\n", 2)
    assert (mark.line + 1, mark.column + 1) == (1, 5)
    mark = first_too_deep("a: [[[x]]]\n", 3)
    assert (mark.line + 1, mark.column + 1) == (1, 6)
    assert first_too_deep("a: [[[x]]]\n", 4) is None


def test_nesting_past_libyamls_limit_is_a_located_error() -> None:
    text = "facts: " + "[" * 1500 + "]" * 1500 + "\n"
    (problem,) = parse_file(Path("deep.yaml"), "facts/deep.yaml", text=text).problems
    assert problem.code == "E100" and "nesting depth" in problem.message
    assert (problem.location.line, problem.location.column) == (1, 1007)


def test_add_to_a_base_with_a_deeply_nested_file_without_libyaml(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # without libyaml PyYAML composes by recursion: 600 levels exceed Python's limit, and the place
    # named is where the file passes 100 levels: the 100th "[" of line 5 (`init` writes four), after "extra: " (column 107)
    assert run("init", str(tmp_path / "kb")).exit_code == 0
    sources = tmp_path / "kb" / "facts" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "extra: " + "[" * 600 + "]" * 600 + "\n")
    (tmp_path / "a.txt").write_text("In 2024 sales were 5 million.\n", encoding="utf-8")
    monkeypatch.delattr(yaml, "CSafeLoader")
    result = run("--facts", str(tmp_path / "kb" / "facts"), "add", str(tmp_path / "a.txt"), "--id", "a1",
                 "--title", "T", "--published", "2025-01-01")  # fmt: skip
    assert "internal error" not in result.stderr and "RecursionError" not in result.stderr
    assert result.exit_code == 1
    assert result.stderr.endswith("sources.yaml:5:107: YAML nested deeper than 100 levels; fix it first\n")
