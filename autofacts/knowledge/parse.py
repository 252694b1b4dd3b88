"""Reading one knowledge-base file: YAML nodes -> records, with every problem located.

Scalars are read from the YAML node's own text rather than from PyYAML's YAML 1.1 guesses, so
`period: 2024` is the period "2024", `region: NO` is Norway and not False, and `value: 1e3` is
a thousand rather than a string. It is the only reader of YAML (export and curate import PyYAML
only to write it), so a query answered from the cache never pays for PyYAML.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from autofacts.errors import PeriodError
from autofacts.knowledge.compose import compose_text
from autofacts.knowledge.file_text import MAX_FILE_BYTES, decode_text, read_text
from autofacts.knowledge.interval import QUALIFIERS
from autofacts.knowledge.model import (
    KINDS,
    LANGUAGES,
    MEASURES,
    Exclusion,
    Location,
    Metric,
    ParsedFile,
    PendingFact,
    Places,
    Problem,
    Source,
)
from autofacts.knowledge.periods import Period, parse_period
from autofacts.knowledge.yaml_nodes import NULL_TAG, STR_TAG, Mapping, Node, Scalar, Sequence
from autofacts.reading.lexicon import dimension_values

__all__ = ["MAX_FILE_BYTES", "PLACEHOLDER", "parse_file"]


# Strings longer than this are not a quote any seed holds; refusing them keeps a hostile file
# from making the quote search slow.
MAX_STRING = 20_000

# What `extract` writes where it cannot guess; `check` refuses it until a person fills it in.
PLACEHOLDER = "TODO"

TOP_LEVEL_KEYS = ("sources", "metrics", "facts", "source", "seeds")


@dataclass
class _FileReader:
    """Turns the nodes of one file into records, collecting problems as it goes."""

    display: str
    problems: list[Problem]

    def loc(self, node: Node) -> Location:
        return Location(self.display, node.line, node.column)

    def problem(self, node: Node | None, code: str, message: str) -> None:
        where = self.loc(node) if node is not None else Location(self.display, 1, 1)
        self.problems.append(Problem(where, code, message))

    def mapping(self, node: Node, what: str) -> dict[str, tuple[Node, Node]] | None:
        """A mapping's keys with their key and value nodes; None (and a problem) if not a mapping."""
        if not isinstance(node, Mapping):
            self.problem(node, "E101", f"{what} must be a mapping of keys to values")
            return None
        out: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, Scalar):
                self.problem(key_node, "E101", f"{what}: a key must be plain text")
                continue
            key = key_node.value
            if key in out:
                # PyYAML silently keeps the last of two equal keys; a curator's typo must not vanish.
                self.problem(key_node, "E106", f"duplicate key '{key}' in {what}")
                continue
            out[key] = (key_node, value_node)
        return out

    def string(self, node: Node, key: str) -> str | None:
        if node.tag not in _ALLOWED_TAGS:
            self.problem(node, "E104", f"'{key}': tag {node.tag} is not allowed")
            return None
        if not isinstance(node, Scalar) or node.tag == NULL_TAG:
            self.problem(node, "E104", f"'{key}' must be text")
            return None
        text = str(node.value)
        if not text.strip():
            self.problem(node, "E104", f"'{key}' must not be empty")
            return None
        if len(text) > MAX_STRING:
            self.problem(node, "E104", f"'{key}' is {len(text)} characters long (at most {MAX_STRING})")
            return None
        return text

    def number(self, node: Node, key: str) -> Decimal | None:
        if node.tag not in _ALLOWED_TAGS:
            self.problem(node, "E104", f"'{key}': tag {node.tag} is not allowed")
            return None
        if not isinstance(node, Scalar) or node.style not in (None, ""):
            self.problem(node, "E104", f"'{key}' must be a plain number, not {_describe(node)}")
            return None
        text = node.value.replace("_", "")
        if text.lower().lstrip("+-") in (".nan", ".inf", "nan", "inf", "infinity"):
            self.problem(node, "E104", f"'{key}' must be a finite number, got '{node.value}'")
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.problem(node, "E104", f"'{key}' must be a number, got '{node.value[:40]}'")
            return None
        if not value.is_finite():
            self.problem(node, "E104", f"'{key}' must be a finite number, got '{node.value}'")
            return None
        if value.adjusted() >= 18:  # (not abs(value) >= 1e18: that overflows for 1e999999999)
            self.problem(node, "E104", f"'{key}' is implausibly large: {node.value[:40]}")
            return None
        if len(value.normalize().as_tuple().digits) > 15:
            # JSON numbers are read as doubles by most tools; more digits would be silently rounded.
            self.problem(node, "E104", f"'{key}' has more than 15 significant digits: {node.value[:40]}")
            return None
        return value

    def boolean(self, node: Node, key: str) -> bool | None:
        if isinstance(node, Scalar) and node.style in (None, "") and node.value in ("true", "false"):
            return node.value == "true"
        self.problem(node, "E104", f"'{key}' must be true or false")
        return None

    def period(self, node: Node, key: str) -> Period | None:
        text = self.string(node, key)
        if text is None:
            return None
        try:
            return parse_period(text)
        except PeriodError as exc:
            self.problem(node, "E107", str(exc))
            return None

    def choice(self, node: Node, key: str, allowed: tuple[str, ...]) -> str | None:
        text = self.string(node, key)
        if text is None:
            return None
        if text not in allowed:
            self.problem(node, "E104", f"'{key}' must be one of {', '.join(allowed)}; got '{text}'")
            return None
        return allowed[allowed.index(text)]  # the schema's own string, shared by every record

    def string_list(self, node: Node, key: str) -> tuple[str, ...]:
        if not isinstance(node, Sequence):
            self.problem(node, "E104", f"'{key}' must be a list of text")
            return ()
        items = [self.string(item, key) for item in node.value]
        return tuple(i for i in items if i is not None)

    def dimensions(self, node: Node, key: str) -> tuple[tuple[str, str], ...] | None:
        """A metric's dimensions ({segment: nev, measure: sales, form: yoy}), each value one the
        lexicon knows; in the order DIMENSIONS lists them."""
        fields = self.mapping(node, f"'{key}'")
        if fields is None:
            return None
        allowed = dimension_values()
        found: dict[str, str] = {}
        ok = True
        for dim, (dim_node, value_node) in fields.items():
            if dim not in allowed:
                self.problem(dim_node, "E102", f"unknown dimension '{dim}' (known: {', '.join(allowed)})")
                ok = False
                continue
            value = self.string(value_node, f"{key}.{dim}")
            if value is None:
                ok = False
            elif value not in allowed[dim]:
                known = ", ".join(sorted(allowed[dim]))
                self.problem(value_node, "E104", f"unknown {dim} '{value}' (the lexicon knows: {known})")
                ok = False
            else:
                found[dim] = value
        for dim in ("measure", "form"):
            if ok and dim not in found:
                self.problem(node, "E103", f"'{key}' is missing '{dim}'")
                ok = False
        return tuple((d, found[d]) for d in allowed if d in found) if ok else None


_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:null",
}


_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_ALLOWED_TAGS = frozenset(_PLAIN_TAGS | _COLLECTION_TAGS)


def _describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    if getattr(node, "style", None) in ("'", '"'):
        return f"the quoted text '{str(node.value)[:40]}'"
    return f"'{str(node.value)[:40]}'"


# --- record schemas ---------------------------------------------------------------------------

# key -> (required, kind): "text", "number", "period", "bool", "texts", or a tuple of allowed words.
Schema = dict[str, tuple[bool, Any]]

SOURCE_SCHEMA: Schema = {
    "id": (True, "text"),
    "file": (True, "text"),
    "title": (True, "text"),
    "published": (True, "period"),
    "language": (True, LANGUAGES),
    "publisher": (False, "text"),
    "published_inferred": (False, "text"),
    "url": (False, "text"),
    "excluded": (False, "exclusions"),
    "sha256": (False, "text"),
    "format": (False, ("text", "html", "pdf")),
    "original_sha256": (False, "text"),
    "retrieved": (False, "period"),
    "restates": (False, "texts"),
}
METRIC_SCHEMA: Schema = {
    "id": (True, "text"),
    "name": (True, "text"),
    "unit": (True, "text"),
    "measure": (True, MEASURES),
    "description": (False, "text"),
    "aliases": (False, "texts"),
    "dimensions": (False, "dimensions"),
    "growth_of": (False, "text"),
    "part": (False, "text"),
    "whole": (False, "text"),
    "multiple_of": (False, "text"),
}
FACT_SCHEMA: Schema = {
    "id": (True, "text"),
    "metric": (True, "text"),
    "region": (True, "text"),
    "period": (False, "period"),
    "kind": (True, KINDS),
    "value": (False, "number"),
    "qualifier": (False, QUALIFIERS),
    "upper": (False, "number"),
    "source": (False, "text"),
    "quote": (True, "text"),
    "entity": (False, "text"),
    "note": (False, "text"),
    "compared_with": (False, "period"),
    "ceiling": (False, "bool"),
    "revises": (False, "text"),
    "suggest": (False, "text"),
}


# Text many records repeat (a base of 100,000 facts names a few hundred metrics and regions): one
# string each, not one per fact.
_SHARED_TEXT = frozenset({"metric", "region", "source", "entity"})


def _read_record(
    reader: _FileReader, node: Node, schema: Schema, what: str
) -> tuple[dict[str, Any], Places] | None:
    """A record's valid values and where each was written; None if any key is missing or invalid."""
    fields = reader.mapping(node, what)
    if fields is None:
        return None
    ok = True
    if not fields.keys() <= schema.keys():
        for key, (key_node, _) in fields.items():
            if key == "phrases" and schema is METRIC_SCHEMA:
                reader.problem(
                    key_node,
                    "E102",
                    "'phrases' is no longer read: extract chooses a metric by its 'dimensions' and the words of "
                    "autofacts/reading/lexicon-*.yaml (docs/extract.md)",
                )
            elif key not in schema:
                reader.problem(key_node, "E102", f"unknown key '{key}' in {what} (known keys: {', '.join(schema)})")
    for key in _required(schema):
        if key not in fields:
            reader.problem(node, "E103", f"{what} is missing '{key}'")
            ok = False
    values: dict[str, Any] = {}
    for key, (_, value_node) in fields.items():
        if key not in schema:
            continue
        kind = schema[key][1]
        if isinstance(value_node, Scalar):
            text = value_node.value
            if text == PLACEHOLDER:
                reader.problem(value_node, "E140", f"fill in '{key}': `autofacts extract` left it for the curator")
                ok = False
                continue
            # Most values are valid text: taken here as string() and choice() would take them.
            if value_node.tag == STR_TAG and len(text) <= MAX_STRING and text.strip():
                if kind == "text":
                    values[key] = sys.intern(text) if key in _SHARED_TEXT else text
                    continue
                if type(kind) is tuple and text in kind:
                    values[key] = kind[kind.index(text)]
                    continue
                if kind == "number" and not value_node.style and text.isascii() and text.isdigit() and len(text) < 16:
                    values[key] = Decimal(text)  # (what number() makes of up to 15 digits)
                    continue
        if kind == "number":
            value: Any = reader.number(value_node, key)
        elif kind == "period":
            value = reader.period(value_node, key)
        elif kind == "bool":
            value = reader.boolean(value_node, key)
        elif kind == "texts":
            value = reader.string_list(value_node, key)
        elif kind == "dimensions":
            value = reader.dimensions(value_node, key)
        elif kind == "exclusions":
            value = _read_exclusions(reader, value_node)
        elif isinstance(kind, tuple):
            value = reader.choice(value_node, key, kind)
        else:
            value = reader.string(value_node, key)
            if value is not None and key in _SHARED_TEXT:
                value = sys.intern(value)
        if value is None:
            ok = False
        values[key] = value
    if not ok:
        return None
    return values, Places.unpacked(list(fields), [n for _, v in fields.values() for n in (v.line, v.column)])


_REQUIRED: dict[int, tuple[str, ...]] = {}


def _required(schema: Schema) -> tuple[str, ...]:
    """The keys a record of this schema must have (the schemas are module constants: kept by id)."""
    found = _REQUIRED.get(id(schema))
    if found is None:
        found = _REQUIRED[id(schema)] = tuple(key for key, (required, _) in schema.items() if required)
    return found


EXCLUSION_SCHEMA: Schema = {"text": (False, "text"), "start": (False, "text"), "reason": (True, "text")}


def _read_exclusions(reader: _FileReader, node: Node) -> tuple[Exclusion, ...] | None:
    if not isinstance(node, Sequence):
        reader.problem(node, "E104", "'excluded' must be a list of {text or start, reason}")
        return None
    out = []
    for item in node.value:
        record = _read_record(reader, item, EXCLUSION_SCHEMA, "exclusion")
        if record is None:
            return None
        values = record[0]
        if ("text" in values) == ("start" in values):
            reader.problem(item, "E103", "an exclusion names either 'text' (a passage) or 'start' (to the end)")
            return None
        out.append(Exclusion(location=reader.loc(item), **values))
    return tuple(out)


def _read_source(reader: _FileReader, node: Node) -> Source | None:
    record = _read_record(reader, node, SOURCE_SCHEMA, "source")
    if record is None:
        return None
    values, places = record
    published_at = Location(reader.display, *places["published"])
    return Source(location=reader.loc(node), published_at=published_at, **values)


def _read_metric(reader: _FileReader, node: Node) -> Metric | None:
    record = _read_record(reader, node, METRIC_SCHEMA, "metric")
    return None if record is None else Metric(location=reader.loc(node), **record[0])


def _read_fact(reader: _FileReader, node: Node, default_source: str | None) -> PendingFact | None:
    record = _read_record(reader, node, FACT_SCHEMA, "fact")
    if record is None:
        return None
    values, where = record
    values.setdefault("source", default_source)
    if values["source"] == PLACEHOLDER:
        return None  # reported once, where the file names it
    if "suggest" in values:
        reader.problem(
            node,
            "E141",
            f"`autofacts extract` suggests the metric '{values['suggest']}', which the catalogue lacks: define it "
            "in metrics.yaml and write it as the 'metric', or choose another; then delete 'suggest'",
        )
        return None
    values.setdefault("qualifier", "exact")
    values.setdefault("value", None)
    if values["source"] is None:
        reader.problem(node, "E103", "fact is missing 'source' (and its file names no default source)")
        return None
    if (values["qualifier"] == "between") != ("upper" in values):
        reader.problem(node, "E103", "a range states both ends: qualifier 'between' with 'value' and 'upper'")
        return None
    if "upper" in values and (values.get("value") is None or values["upper"] <= values["value"]):
        reader.problem(node, "E104", "'upper' must be above 'value' (the foot of the range)")
        return None
    if values.get("value") is None and values["kind"] != "target":
        reader.problem(node, "E103", "fact is missing 'value' (only a qualitative target may omit it)")
        return None
    return PendingFact(values, where, reader.loc(node))


def _note_refused(parsed: ParsedFile, what: str, node: Node, before: int) -> None:
    """Remember a source or metric refused for its own error (the first problem after `before`)
    by its id, when it states one: `check` then says the facts naming it wait on that error,
    rather than call it unknown once for each of them."""
    if not isinstance(node, Mapping) or len(parsed.problems) <= before:
        return
    for key, value in node.value:
        if isinstance(key, Scalar) and key.value == "id" and isinstance(value, Scalar) and value.tag == STR_TAG:
            parsed.refused.append((what, str(value.value), parsed.problems[before].location))
            return


# --- files ------------------------------------------------------------------------------------


def _sequence(reader: _FileReader, node: Node, key: str) -> list[Node]:
    if not isinstance(node, Sequence):
        reader.problem(node, "E101", f"'{key}' must be a list (each item starting with '- ')")
        return []
    return list(node.value)


def parse_file(path: Path, display: str, text: str | None = None, data: bytes | None = None) -> ParsedFile:
    """Read one file (or parse the `data` already read from it); problems are collected, never raised."""
    parsed = ParsedFile(path.name, [], [], [], [])
    reader = _FileReader(display, parsed.problems)
    if text is None:
        problems = parsed.problems
        text = read_text(path, display, problems) if data is None else decode_text(data, display, problems)
        if text is None:
            return parsed
    node = compose_text(text, display, parsed.problems)
    if node is None:
        if not text.strip():
            reader.problem(None, "E101", "file is empty")
        elif not parsed.problems:
            reader.problem(None, "E101", "file holds no YAML document")
        return parsed
    top = reader.mapping(node, "the file")
    if top is None:
        return parsed
    for key, (key_node, _) in top.items():
        if key not in TOP_LEVEL_KEYS:
            reader.problem(key_node, "E102", f"unknown top-level key '{key}' (known: {', '.join(TOP_LEVEL_KEYS)})")
    if "seeds" in top:
        parsed.seeds = reader.string(top["seeds"][1], "seeds")
    for item in _sequence(reader, top["sources"][1], "sources") if "sources" in top else []:
        before = len(parsed.problems)
        source = _read_source(reader, item)
        if source is not None:
            parsed.sources.append(source)
        else:
            _note_refused(parsed, "source", item, before)
    for item in _sequence(reader, top["metrics"][1], "metrics") if "metrics" in top else []:
        before = len(parsed.problems)
        metric = _read_metric(reader, item)
        if metric is not None:
            parsed.metrics.append(metric)
        else:
            _note_refused(parsed, "metric", item, before)
    default_source = reader.string(top["source"][1], "source") if "source" in top else None
    if default_source == PLACEHOLDER:
        reader.problem(top["source"][1], "E140", "fill in 'source': `autofacts extract` left it for the curator")
    for item in _sequence(reader, top["facts"][1], "facts") if "facts" in top else []:
        fact = _read_fact(reader, item, default_source)
        if fact is not None:
            parsed.facts.append(fact)
    return parsed
