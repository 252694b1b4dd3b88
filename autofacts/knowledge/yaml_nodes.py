"""The YAML nodes parse.py reads records from: scalars, mappings and sequences with the line and
column (from 1) where each starts.

Two composers make them: plain_yaml.py, a fast reader for the plain subset of YAML that fact files
are written in, and PyYAML's libyaml composer for everything else (`from_pyyaml`). Both give the same
values, styles, tags and places for the same text (tests/test_plain_yaml.py compares them), so
what parse.py reports does not depend on which one read a file.
"""

from __future__ import annotations

from typing import Any

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"

# The plain scalars YAML reads as null when they carry no tag (the empty one too).
NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))


class Scalar:
    """Text, with its style as libyaml names it ('' plain, "'", '"', '|', '>')."""

    __slots__ = ("column", "line", "style", "tag", "value")

    def __init__(self, value: str, style: str, tag: str, line: int, column: int) -> None:
        self.value, self.style, self.tag, self.line, self.column = value, style, tag, line, column


class Mapping:
    """Key and value nodes in the order written (two equal keys both kept: parse.py reports the second)."""

    __slots__ = ("column", "line", "tag", "value")

    def __init__(self, value: list[tuple[Node, Node]], tag: str, line: int, column: int) -> None:
        self.value, self.tag, self.line, self.column = value, tag, line, column


class Sequence:
    """Item nodes in order."""

    __slots__ = ("column", "line", "tag", "value")

    def __init__(self, value: list[Node], tag: str, line: int, column: int) -> None:
        self.value, self.tag, self.line, self.column = value, tag, line, column


Node = Scalar | Mapping | Sequence


def from_pyyaml(root: Any) -> Node:
    """PyYAML's node tree as these nodes, without recursion (libyaml nests up to 1,000 levels); a
    node that aliases reach twice becomes one node reached twice, as in PyYAML's tree."""
    import yaml  # only files outside the plain subset come this way

    made: dict[int, Node] = {}
    todo: list[tuple[Any, bool]] = [(root, False)]
    while todo:
        node, children_done = todo.pop()
        if id(node) in made:
            continue
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, yaml.ScalarNode):
            made[id(node)] = Scalar(node.value, node.style, node.tag, line, column)
            continue
        children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
        if not children_done:
            todo.append((node, True))
            todo.extend((child, False) for child in children if id(child) not in made)
            continue
        if isinstance(node, yaml.MappingNode):
            pairs = [(made[id(k)], made[id(v)]) for k, v in node.value]
            made[id(node)] = Mapping(pairs, node.tag, line, column)
        else:
            made[id(node)] = Sequence([made[id(item)] for item in node.value], node.tag, line, column)
    return made[id(root)]
