"""The review file (BASE/review/SOURCE.yaml): candidates waiting for `autofacts review`, as drafts.

The file is written by `add` and rewritten by each review decision, and people may edit it by hand,
so it is read like a facts file: within a size limit, as UTF-8, without aliases (the writer never
makes any; one would let a small file expand without bound), and every field checked. A problem
is one line naming file:line:column (E003), never a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from autofacts.errors import AutofactsError, UsageError
from autofacts.files import read_limited
from autofacts.knowledge.interval import QUALIFIERS
from autofacts.knowledge.model import KINDS
from autofacts.knowledge.names import ID, shown
from autofacts.knowledge.periods import parse_period
from autofacts.knowledge.units import plain
from autofacts.reading.candidate import Candidate

MAX_REVIEW_BYTES = 20 * 1024 * 1024  # as a facts file (parse.MAX_FILE_BYTES)
MAX_DEPTH = 8  # a review file is three levels deep; anything deeper is not one
PLACEHOLDER = "TODO"  # what extract writes where it could not tell (parse.PLACEHOLDER)


class ReviewFileError(AutofactsError):
    """A review file autofacts cannot use as it is: fix it (or delete it and `add` again)."""

    code = "E003"


DRAFT_FIELDS = ("metric", "region", "entity", "period", "kind", "value", "upper", "qualifier", "id")


@dataclass(frozen=True)
class Draft:
    """A candidate as the curator is shaping it: every field editable, None where not yet known.

    `period` "-" means the text states none: the fact holds as of its source's publication.
    """

    figure: str  # the number as the text wrote it
    at: int  # where the figure starts in the quote
    quote: str
    value: str | None
    unit: str | None
    qualifier: str
    metric: str | None
    region: str | None
    period: str | None
    kind: str
    entity: str | None = None
    upper: str | None = None
    new_metric: str | None = None
    id: str | None = None
    why: tuple[str, ...] = field(default=())

    def missing(self) -> list[str]:
        """The fields a fact needs that are not filled in yet."""
        return [k for k in ("metric", "region", "period", "value") if getattr(self, k) in (None, "")]


def draft_from(c: Candidate) -> Draft:
    """A candidate from extract, as a draft."""
    m = c.mention
    return Draft(
        figure=m.text,
        at=m.start - c.sentence.start,
        quote=c.sentence.text.replace("\f", " "),  # a sentence over a PDF's page break (reading/pages.py)
        value=plain(m.value),
        unit=m.unit,
        qualifier=m.qualifier,
        metric=c.metric,
        region=c.region,
        period=c.period,
        kind=c.kind,
        entity=c.entity,
        upper=plain(c.upper) if c.upper is not None else None,
        new_metric=c.new_metric,
        why=tuple(c.why),
    )


def check_field(key: str, value: str) -> str:
    """A field value as typed, checked and normalised; a UsageError says what is wrong."""
    value = value.strip()
    if key in ("value", "upper"):
        try:
            number = Decimal(value.replace(",", ""))
        except ArithmeticError:
            raise UsageError(f"'{shown(value)}' is not a number (write it in base units: 31282000, 40.9)") from None
        if not number.is_finite():
            raise UsageError(f"'{shown(value)}' is not a finite number")
        return plain(number)
    if key == "period" and value != "-":
        return parse_period(value).label
    if key == "kind" and value not in KINDS:
        raise UsageError(f"kind '{shown(value)}': one of {', '.join(KINDS)}")
    if key == "qualifier" and value not in QUALIFIERS:
        raise UsageError(f"qualifier '{shown(value)}': one of {', '.join(QUALIFIERS)}")
    if key == "id" and not ID.fullmatch(value):
        raise UsageError(f"id '{shown(value)}': use lower-case letters, digits and '-'")
    if not value:
        raise UsageError(f"{key} must not be empty")
    return value


_DRAFT_KEYS: tuple[str, ...] = ("figure", "at", "value", "upper", "unit", "qualifier", "metric", "new_metric")
_DRAFT_KEYS += ("region", "entity", "period", "kind", "id", "why", "quote")
_CHECKED = ("value", "upper", "period", "kind", "qualifier", "id")


def review_yaml(
    source_id: str, file_name: str, drafts: list[Draft] | tuple[Draft, ...], seed: str | None = None
) -> str:
    """The review file: the drafts still to decide, one block each, every value quoted."""
    lines = [
        f"# Candidate facts from {seed or 'seeds/' + file_name}, waiting for `autofacts review {source_id}`.",
        "# The knowledge base does not load this folder. Review moves each accepted candidate into",
        f"# facts/{source_id}.yaml and removes every decided one from here; editing this file by hand is fine.",
        f"source: {json.dumps(source_id)}",
        f"file: {json.dumps(file_name)}",
        "candidates:" + ("" if drafts else " []"),
    ]
    for d in drafts:
        first = True
        for key in _DRAFT_KEYS:
            value = getattr(d, key)
            if value is None or value == ():
                continue
            if key == "why":
                text = "[" + ", ".join(json.dumps(w, ensure_ascii=False) for w in value) + "]"
            else:
                text = json.dumps(str(value), ensure_ascii=False)
            lines.append(f"  {'- ' if first else '  '}{key}: {text}")
            first = False
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ReviewFile:
    """A review file read back."""

    source_id: str
    file_name: str
    drafts: tuple[Draft, ...]


def _where(display: str, node: yaml.Node) -> str:
    return f"{display}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


class _Reader:
    """Checks one composed review file, naming file:line:column for the first thing wrong."""

    def __init__(self, display: str) -> None:
        self.display = display

    def fail(self, node: yaml.Node, message: str) -> ReviewFileError:
        return ReviewFileError(f"{message} (fix the review file by hand, or delete it and `add` again)",
                               location=_where(self.display, node))  # fmt: skip

    def text(self, node: yaml.Node, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} must be a text, not a list or mapping")
        if not node.style and node.value in ("", "~", "null", "Null", "NULL"):
            return None
        return str(node.value)

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of keys")
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            name = self.text(key, "a key") or ""
            if name in out:
                raise self.fail(key, f"'{shown(name)}' is given twice")
            out[name] = (key, value)
        return out

    def draft(self, node: yaml.Node, n: int) -> Draft:
        fields = self.mapping(node, f"candidate {n}")
        for name, (key, _) in fields.items():
            if name not in _DRAFT_KEYS:
                raise self.fail(key, f"candidate {n}: unknown field '{shown(name)}' (fields: {', '.join(_DRAFT_KEYS)})")
        values: dict[str, str | None] = {k: None for k in _DRAFT_KEYS if k not in ("at", "why")}
        for name in _DRAFT_KEYS:
            if name in ("at", "why") or name not in fields:
                continue
            value = self.text(fields[name][1], f"candidate {n}: {name}")
            if value is not None and value != PLACEHOLDER and name in _CHECKED:
                try:
                    value = check_field(name, value)
                except AutofactsError as exc:
                    raise self.fail(fields[name][1], f"candidate {n}: {exc}") from None
            values[name] = value
        for name in ("figure", "quote"):
            if not values.get(name):
                raise self.fail(node, f"candidate {n}: '{name}' is missing")
        values["qualifier"] = values["qualifier"] or "exact"
        values["kind"] = values["kind"] or "actual"
        at = 0
        if "at" in fields:
            written = self.text(fields["at"][1], f"candidate {n}: at") or "0"
            if not written.isdigit() or int(written) + len(values["figure"] or "") > len(values["quote"] or ""):
                raise self.fail(
                    fields["at"][1], f"candidate {n}: at '{shown(written)}' is not where the figure is in the quote"
                )
            at = int(written)
        why: tuple[str, ...] = ()
        if "why" in fields:
            listed = fields["why"][1]
            if not isinstance(listed, yaml.SequenceNode):
                raise self.fail(listed, f"candidate {n}: why must be a list of texts")
            why = tuple(self.text(item, f"candidate {n}: why") or "" for item in listed.value)
        return Draft(at=at, why=why, **values)  # type: ignore[arg-type]


def _no_aliases(root: yaml.Node, display: str) -> None:
    """Refuse a node met twice (an alias) or nesting deeper than a review file has, without recursion."""
    seen = {id(root)}
    todo: list[tuple[yaml.Node, int]] = [(root, 0)]
    while todo:
        node, depth = todo.pop()
        if depth > MAX_DEPTH:
            raise ReviewFileError("nested deeper than a review file is", location=_where(display, node))
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        for child in children:
            if id(child) in seen:  # the composer gives an alias the very node its anchor names
                raise ReviewFileError("an alias (*name): a review file has none", location=_where(display, child))
            seen.add(id(child))
            todo.append((child, depth + 1))


def parse_review(text: str, display: str) -> ReviewFile:
    """A review file's text, checked; ReviewFileError (with file:line:column) for the first problem."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{display}:{mark.line + 1}:{mark.column + 1}" if mark else display
        said = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise ReviewFileError(f"not valid YAML: {said}", location=where) from None
    except yaml.YAMLError as exc:
        raise ReviewFileError(f"{display}: not valid YAML ({' '.join(str(exc).split())[:120]})") from None
    except RecursionError:
        raise ReviewFileError(f"{display}: nested deeper than a review file is") from None
    if root is None:
        raise ReviewFileError(f"{display}: empty; not a review file (delete it and `add` again)")
    _no_aliases(root, display)
    reader = _Reader(display)
    top = reader.mapping(root, "a review file")
    for name in ("source", "file", "candidates"):
        if name not in top:
            raise reader.fail(root, f"'{name}' is missing")
    source = reader.text(top["source"][1], "source") or ""
    file_name = reader.text(top["file"][1], "file") or ""
    listed = top["candidates"][1]
    if isinstance(listed, yaml.ScalarNode) and reader.text(listed, "candidates") is None:
        items: list[yaml.Node] = []
    elif isinstance(listed, yaml.SequenceNode):
        items = list(listed.value)
    else:
        raise reader.fail(listed, "candidates must be a list")
    return ReviewFile(source, file_name, tuple(reader.draft(item, n) for n, item in enumerate(items, 1)))


def read_review(path: Path, display: str | None = None) -> ReviewFile:
    """The review file's drafts; an error naming the file (and line) when it cannot be used."""
    display = display or str(path)
    try:
        data = read_limited(path, MAX_REVIEW_BYTES)
    except FileNotFoundError:
        raise UsageError(f"{display}: no candidates waiting (run `autofacts add` first)") from None
    except OSError as exc:
        raise ReviewFileError(f"{display}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReviewFileError(f"{display}: not UTF-8 text (byte {exc.start})") from None
    return parse_review(text, display)
