"""Bounds on what a YAML file may make the reader build: alias expansion and nesting depth.

Composing a file keeps an alias (`*name`) as a second reference to its anchor's node, so composing
is cheap; what costs is whatever walks the nodes afterwards, once per reference. A file of 4 MB
whose aliases refer to aliases stands for gigabytes. So the size a file *stands for*, every alias
expanded, is counted against the same limit as its bytes (an alias repeating a quote, as the
bundled work plan's facts do, costs only its quote's length). Nesting is bounded by libyaml (1,000
levels, a located error); the pure-Python loader recurses instead, so a file nested too deeply for
it is located here by a scan of its events, which does not recurse.
"""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's own limit: deeper is refused by its parser, at its line.
MAX_DEPTH = 1000
# Without libyaml, PyYAML recurses and fails somewhere past 300 levels; the place named then is where
# the text passes this many, far more than any knowledge-base or review file needs.
PURE_MAX_DEPTH = 100


def expanded_size(root: yaml.Node) -> int:
    """The characters the node stands for with every alias expanded (scalars' text plus a little
    per node), computed once per distinct node, without recursion."""
    sizes: dict[int, int] = {}
    todo: list[tuple[yaml.Node, bool]] = [(root, False)]
    while todo:
        node, children_done = todo.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = len(node.value) + 2
            continue
        children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
        if children_done:
            sizes[id(node)] = 2 + sum(sizes[id(child)] for child in children)
            continue
        todo.append((node, True))
        todo.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def first_alias(text: str) -> Any:
    """The mark of the first alias in the text (None if it has none)."""
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark
    return None


def first_too_deep(text: str, limit: int) -> Any:
    """The mark where the text's nesting first passes `limit` levels (None if it never does)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > limit:
                return event.start_mark
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None
