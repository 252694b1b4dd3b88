"""The plain YAML reader (knowledge/plain_yaml.py) reads what libyaml reads, or declines.

Each construct fact files use is read by hand-worked expectation (value, style, null or text, line
and column) and compared with PyYAML's libyaml composer; each construct the reader leaves to
libyaml is shown declined. Whole knowledge bases — the bundled one and a generated one — are read
both ways and compared node by node, and `parse_file` gives the same records and the same located
problems whichever reader read the file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from autofacts.knowledge import compose as compose_module
from autofacts.knowledge.compose import _loader
from autofacts.knowledge.load import bundled_facts_dir
from autofacts.knowledge.parse import parse_file
from autofacts.knowledge.plain_yaml import compose
from autofacts.knowledge.yaml_nodes import Mapping, Node, Scalar, Sequence, from_pyyaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate  # noqa: E402


def shape(node: Node | None) -> Any:
    """A node tree as nested tuples: (value, style, tag's last word, line, column) for a scalar."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return (node.value, node.style, node.tag.rsplit(":", 1)[1], node.line, node.column)
    if isinstance(node, Mapping):
        return ("map", node.line, node.column, [(shape(k), shape(v)) for k, v in node.value])
    assert isinstance(node, Sequence)
    return ("seq", node.line, node.column, [shape(item) for item in node.value])


def libyaml(text: str) -> Any:
    root = yaml.compose(text, Loader=_loader())
    return None if root is None else shape(from_pyyaml(root))


def value_of(text: str) -> Any:
    """The value node of the first key, as the plain reader read it (which must be libyaml's)."""
    root = compose(text)
    assert root is not None, f"the plain reader declined {text!r}"
    assert shape(root) == libyaml(text)
    assert isinstance(root, Mapping)
    return shape(root.value[0][1])


# (text, value node of key `a`: value, style, tag, line, column), each worked out by hand.
READ = [
    # plain scalars keep YAML 1.1's look-alikes as text: the schema reads them (2024 is a period)
    ("a: 2025-01\n", ("2025-01", "", "str", 1, 4)),
    ("a: 1e3\n", ("1e3", "", "str", 1, 4)),
    ("a: yes\n", ("yes", "", "str", 1, 4)),
    ("a: NO\n", ("NO", "", "str", 1, 4)),
    ("a: 0x1F\n", ("0x1F", "", "str", 1, 4)),
    ("a: ~\n", ("~", "", "null", 1, 4)),
    ("a: null # none\n", ("null", "", "null", 1, 4)),
    ("a:\nb: 1\n", ("", "", "null", 1, 3)),  # an empty value: null, just after the colon
    ("a:    # nothing\nb: 1\n", ("", "", "null", 1, 3)),
    ("a:   x   \n", ("x", "", "str", 1, 6)),  # spaces around a plain value are not part of it
    # '#' starts a comment only after a space; ':' ends a key only before a space
    ("a: x #c\n", ("x", "", "str", 1, 4)),
    ("a: x#c\n", ("x#c", "", "str", 1, 4)),
    ("a: http://x.org/a:b\n", ("http://x.org/a:b", "", "str", 1, 4)),
    ("a: R&D, [draft] {x}\n", ("R&D, [draft] {x}", "", "str", 1, 4)),
    ("a: -5\n", ("-5", "", "str", 1, 4)),
    ("a: \u00a0x\n", ("\u00a0x", "", "str", 1, 4)),  # a no-break space is text, not YAML's space
    # a plain scalar over several lines: one space for a break, a line break for a blank line
    ("a: one\n  two  \n\n  three\nb: 1\n", ("one two\nthree", "", "str", 1, 4)),
    ("a: x\n  - y\n", ("x - y", "", "str", 1, 4)),
    ("a:\n  on the next line\n", ("on the next line", "", "str", 2, 3)),
    # quoted scalars: '' and escapes, ': ' and ' #' inside them are text
    ("a: 'it''s'\n", ("it's", "'", "str", 1, 4)),
    ("a: 'q: x # y' # c\n", ("q: x # y", "'", "str", 1, 4)),
    ('a: "q: x # y"\n', ("q: x # y", '"', "str", 1, 4)),
    ('a: "say \\"hi\\"\\t\\\\ \\u00e9\\x41\\U0001F600"\n', ('say "hi"\t\\ \u00e9A\U0001f600', '"', "str", 1, 4)),
    ('a: "\\N\\_\\L\\P\\/\\e\\0"\n', ("\x85\xa0\u2028\u2029/\x1b\x00", '"', "str", 1, 4)),
    ("a: '\\n'\n", ("\\n", "'", "str", 1, 4)),  # no escapes in single quotes
    ("a: ''\n", ("", "'", "str", 1, 4)),  # quoted empty text is text, not null
    ('a: "null"\n', ("null", '"', "str", 1, 4)),
    ("a: '  x  \n\n   y  '\n", ("  x\ny  ", "'", "str", 1, 4)),  # folded; inner edges kept
    ('a: "x\\\n    y"\n', ("xy", '"', "str", 1, 4)),  # an escaped line break joins without a space
    ('a: "x\\ \n   y"\n', ("x  y", '"', "str", 1, 4)),  # an escaped space before the break stays
    ("a: 'it''s\n  two'\n", ("it's two", "'", "str", 1, 4)),
    # block scalars: folded (>) and literal (|), with their chomping
    ("a: >-\n  x\n  y\n\n  z\n\n\nb: 1\n", ("x y\nz", ">", "str", 1, 4)),
    ("a: >\n  x\n  y\n", ("x y\n", ">", "str", 1, 4)),
    ("a: >+\n  x\n\n\nb: 1\n", ("x\n\n\n", ">", "str", 1, 4)),
    ("a: |\n  x\n   y\n", ("x\n y\n", "|", "str", 1, 4)),
    ("a: |-\n  x\n\n  y\n", ("x\n\ny", "|", "str", 1, 4)),
    ("a: |\n  x", ("x", "|", "str", 1, 4)),  # no line break after it: none to keep
    ("a: >\n\n  x\n", ("\nx\n", ">", "str", 1, 4)),
    ("a: >- # a comment\n  x # not one\n", ("x # not one", ">", "str", 1, 4)),
    ("a: >-\n  x\n\n  # text, not a comment\nb: 1\n", ("x\n# text, not a comment", ">", "str", 1, 4)),
    # single-line flow collections of plain words
    ("a: [x, b-c ,2024,]\n", ("seq", 1, 4, [("x", "", "str", 1, 5), ("b-c", "", "str", 1, 8), ("2024", "", "str", 1, 13)])),
    ("a: []\n", ("seq", 1, 4, [])),
    ("a: {x: 1, y: null}\n", ("map", 1, 4, [(("x", "", "str", 1, 5), ("1", "", "str", 1, 8)), (("y", "", "str", 1, 11), ("null", "", "null", 1, 14))])),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), READ)
def test_each_construct_reads_as_libyaml_reads_it(text: str, expected: Any) -> None:
    assert value_of(text) == expected
    # the same file written with Windows line ends reads the same
    assert value_of(text.replace("\n", "\r\n")) == expected


def test_structure_lines_and_columns() -> None:
    text = (
        "# a comment\n"
        "source: s\n"
        "facts:\n"
        "  - id: a\n"
        "    value: 5\n"
        "\n"
        "    quote: >-\n"
        "      x\n"
        "  -   id: b\n"
        "list:\n"
        "- 1\n"
        "-\n"
        "- k: v\n"
    )
    assert shape(compose(text)) == (
        "map", 2, 1, [
            (("source", "", "str", 2, 1), ("s", "", "str", 2, 9)),
            (("facts", "", "str", 3, 1), ("seq", 4, 3, [
                ("map", 4, 5, [
                    (("id", "", "str", 4, 5), ("a", "", "str", 4, 9)),
                    (("value", "", "str", 5, 5), ("5", "", "str", 5, 12)),
                    (("quote", "", "str", 7, 5), ("x", ">", "str", 7, 12)),
                ]),
                ("map", 9, 7, [(("id", "", "str", 9, 7), ("b", "", "str", 9, 11))]),
            ])),
            (("list", "", "str", 10, 1), ("seq", 11, 1, [
                ("1", "", "str", 11, 3),
                ("", "", "null", 12, 2),
                ("map", 13, 3, [(("k", "", "str", 13, 3), ("v", "", "str", 13, 6))]),
            ])),
        ],
    )  # fmt: skip
    assert shape(compose(text)) == libyaml(text)


def test_duplicate_keys_are_both_kept_in_order() -> None:
    # libyaml keeps both; parse.py reports the second (E106)
    assert shape(compose("k: v\nk: w\n")) == (
        "map", 1, 1, [(("k", "", "str", 1, 1), ("v", "", "str", 1, 4)), (("k", "", "str", 2, 1), ("w", "", "str", 2, 4))]
    )  # fmt: skip


DECLINED = [
    "a: &x 1\nb: *x\n",  # anchors and aliases (their expansion is bounded on libyaml's path)
    "a: !!str 1\n",  # tags
    "%YAML 1.1\n---\na: 1\n",  # directives and document markers
    "a: 1\n---\nb: 2\n",
    "a:\tb\n",  # tabs
    "a: 'x\ty'\n",
    "\ufeffa: 1\n",  # a byte-order mark inside the text (the file reader drops the leading one)
    "a: b\rc: d\n",  # old Mac line ends
    "a: x\u2028y\n",  # line breaks YAML 1.1 knows that Python's split does not
    "a: \x85\n",
    "a: \x01\n",  # control characters: libyaml's error names their place
    "'a': 1\n",  # quoted keys
    "a  : 1\n",
    "a: |2\n   x\n",  # indentation indicators
    "a: >\n  x\n   more\n  y\n",  # more-indented lines of a folded scalar
    "a: >-\n\nb: 1\n",  # an empty block scalar
    "a: [x,\n  y]\n",  # flow collections over several lines, or holding anything but plain words
    "a: ['x']\n",
    "- a\n",  # a document that is not a mapping
    "",
    "# only a comment\n",
]
# YAML errors: every one is declined, so libyaml's message and place are the ones reported.
ERRORS = [
    "a: 'x' y\n",
    "a: b: c\n",
    "a: - b\n",
    "a:\n  b: 1\n c: 2\n",
    "a: x\n# c\n  y\n",
    "a: 'x\n",
    'a: "\\q"\n',
    'a: "\\ud800"\n',
    "a: ]\n",
    "a: >\n   \n  x\n",
    "a: x\n  y #c\n  z\n",
    "a: x:\n",
]


@pytest.mark.parametrize("text", DECLINED + ERRORS)
def test_what_the_reader_does_not_know_goes_to_libyaml(text: str) -> None:
    assert compose(text) is None


@pytest.mark.parametrize("text", ERRORS)
def test_yaml_errors_are_libyamls_with_their_place(text: str) -> None:
    with pytest.raises(yaml.YAMLError):
        yaml.compose(text, Loader=_loader())
    problems = parse_file(Path("x.yaml"), "facts/x.yaml", text=text).problems
    assert len(problems) == 1 and problems[0].code == "E100"


def test_the_bundled_base_reads_the_same_both_ways() -> None:
    files = sorted(bundled_facts_dir().glob("*.yaml"))
    declined = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        root = compose(text)
        if root is None:
            declined.append(path.name)
        else:
            assert shape(root) == libyaml(text), path.name
    assert len(files) >= 8
    # the work plan repeats a quote through an alias (&main-goals ... *main-goals): libyaml's
    assert declined == ["work-plan-2025.yaml"]


def test_a_generated_base_reads_the_same_both_ways(tmp_path: Path) -> None:
    generate(3000, tmp_path)
    files = sorted((tmp_path / "facts").glob("*.yaml"))
    assert len(files) == 5  # metrics, sources, three files of facts
    for path in files:
        text = path.read_text(encoding="utf-8")
        root = compose(text)
        assert root is not None, path.name
        assert shape(root) == libyaml(text), path.name


BAD_RECORDS = """source: s
facts:
  - id: a
    metric: m
    region: NO
    period: 2024
    kind: actual
    value: 1e3
    quote: "q"
    colour: red
    id: again
  - id: b
    metric: m
    region: China
    period: '2024-13'
    kind: guess
    value: "5"
    quote: ''
  - id: c
    metric: m
    region: China
    kind: actual
    value: .inf
    quote: >-
      x
"""


def test_records_and_located_problems_do_not_depend_on_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse_file(Path("x.yaml"), "facts/x.yaml", text=BAD_RECORDS)
    monkeypatch.setattr(compose_module, "compose", lambda text: None)
    slow = parse_file(Path("x.yaml"), "facts/x.yaml", text=BAD_RECORDS)
    assert [str(p) for p in fast.problems] == [str(p) for p in slow.problems]
    assert [str(p) for p in fast.problems] == [
        "facts/x.yaml:11:5: error[E106]: duplicate key 'id' in fact",
        "facts/x.yaml:10:5: error[E102]: unknown key 'colour' in fact (known keys: id, metric, region, period, "
        "kind, value, qualifier, upper, source, quote, entity, note, compared_with, ceiling, revises, suggest)",
        "facts/x.yaml:15:13: error[E107]: invalid period '2024-13': month must be in 1..12",
        "facts/x.yaml:16:11: error[E104]: 'kind' must be one of actual, target, forecast, estimate; got 'guess'",
        "facts/x.yaml:17:12: error[E104]: 'value' must be a plain number, not the quoted text '5'",
        "facts/x.yaml:18:12: error[E104]: 'quote' must not be empty",
        "facts/x.yaml:23:12: error[E104]: 'value' must be a finite number, got '.inf'",
    ]
    assert [(f.values, dict(f.where), f.location) for f in fast.facts] == [
        (f.values, dict(f.where), f.location) for f in slow.facts
    ]
    (only,) = fast.facts
    assert only.values["region"] == "NO" and only.values["value"] == 1000
    assert dict(only.where)["value"] == (8, 12)
