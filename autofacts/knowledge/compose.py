"""A file's text -> its YAML root node, or the located problem (E100) that stops it.

Most files are read by the plain reader (plain_yaml.py); a file it does not recognise, and every
file with a YAML error, is composed by PyYAML's libyaml composer (`CSafeLoader`), whose nodes keep
their line and column for messages. PyYAML is imported only then.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from autofacts.knowledge.file_text import MAX_FILE_BYTES
from autofacts.knowledge.model import Location, Problem
from autofacts.knowledge.plain_yaml import compose
from autofacts.knowledge.yaml_nodes import NULL_WORDS, Node, from_pyyaml


def compose_text(text: str, display: str, problems: list[Problem]) -> Node | None:
    """The root node of the file's one document; None for an empty file or (with a problem) bad YAML."""
    node = compose(text)
    if node is not None:
        return node
    return _compose_libyaml(text, display, problems)


@cache
def _loader() -> Any:
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):
        """Safe loading that skips YAML 1.1's guessing of implicit types.

        autofacts reads every scalar's own text by its schema, so the resolver only needs to tell
        an empty value from text; explicit tags (`!!python/object`) are kept and refused later.
        """

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is yaml.ScalarNode:
                if implicit[0] and value in NULL_WORDS:
                    return "tag:yaml.org,2002:null"
                return "tag:yaml.org,2002:str"
            return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"

    return Loader


def _compose_libyaml(text: str, display: str, problems: list[Problem]) -> Node | None:
    import yaml

    from autofacts.knowledge.yaml_bounds import PURE_MAX_DEPTH, expanded_size, first_alias, first_too_deep

    try:
        node = yaml.compose(text, Loader=_loader())
        if node is not None and "&" in text and expanded_size(node) > MAX_FILE_BYTES:  # no "&", no anchor
            mark = first_alias(text)
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            limit = f"{MAX_FILE_BYTES // (1024 * 1024)} MiB"
            message = f"YAML aliases (*name) expand this file to more than {limit}, the limit on a file's size"
            problems.append(Problem(Location(display, line, column), "E100", message))
            return None
        return None if node is None else from_pyyaml(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        opened = exc.context_mark
        if exc.problem and exc.context and opened and mark and opened.line != mark.line:
            # An unclosed quote or bracket is found only at the end of the file: say where it opened.
            context = " ".join(str(exc.context).split())
            message += f" ({context} at line {opened.line + 1}, column {opened.column + 1})"
        problems.append(Problem(Location(display, line, column), "E100", f"YAML syntax: {message}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(Location(display, 1, 1), "E100", f"YAML: {' '.join(str(exc).split())}"))
    except RecursionError:  # only the pure-Python loader recurses (without libyaml)
        mark = first_too_deep(text, PURE_MAX_DEPTH)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(
            Problem(Location(display, line, column), "E100", f"YAML nested deeper than {PURE_MAX_DEPTH} levels")
        )
    return None
