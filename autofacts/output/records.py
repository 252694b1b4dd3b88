"""The records every answer is made of, each built in one place: a fact, a source, a metric, an
interval, a region label, a seed path, a cited source under a table.

The JSON records' fields are documented in README ("JSON output"); `export`, `show`, `compare`,
`targets`, `search` and `cite` embed the same fact record, so a field is added or renamed here once.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from autofacts.frozen import frozen
from autofacts.knowledge.model import DERIVED_MARK as MARK
from autofacts.knowledge.model import Fact, KnowledgeBase, Metric, Source
from autofacts.knowledge.seeds import seed_label
from autofacts.knowledge.units import format_interval, format_stated, interval_json, json_number, plain
from autofacts.output.derivations import fact_note, operation_text

QUOTE_WIDTH = 70

__all__ = ["interval_json", "json_number"]  # the interval record lives with the units it is written in


@frozen
class SourceNote:
    """A source cited under a table: `[1] id: title, published, file` (Markdown adds the publisher)."""

    id: str
    title: str
    publisher: str | None
    published: str
    inferred: bool
    file: str  # as the configured seeds folder names it


def source_note(kb: KnowledgeBase, source: Source) -> SourceNote:
    return SourceNote(
        source.id,
        source.title,
        source.publisher,
        source.published.label,
        bool(source.published_inferred),
        seed_label(kb, source.file),
    )


def cited_sources(kb: KnowledgeBase, facts: list[Fact]) -> list[SourceNote]:
    """The sources of these facts, in the order they are first cited."""
    ids = dict.fromkeys(f.source for f in facts)
    return [source_note(kb, kb.sources[i]) for i in ids if i in kb.sources]


def source_label(kb: KnowledgeBase, source_id: str) -> str:
    """A source as a table cell: its id and publication date."""
    source = kb.sources.get(source_id)
    return f"{source_id} ({source.published})" if source else source_id


def region_label(fact: Fact) -> str:
    """The region, and the company or plant when the fact names one."""
    return fact.region + (f" · {fact.entity}" if fact.entity else "")


def cells(text: str) -> int:
    """The columns a text takes on a terminal: Chinese characters and full-width forms take two."""
    if text.isascii():  # one column a character, told without looking at each (most quotes)
        return len(text)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wide_excerpt(text: str, middle: int, width: int) -> str:
    """The characters around `middle` that fit in `width` columns, ellipses included (for text
    with wide characters, which has no spaces to break at)."""
    widths = [cells(ch) for ch in text]
    start = end = max(0, min(middle, len(text)))
    used, grown = 0, True
    while grown:
        grown = False
        if end < len(text) and used + widths[end] <= width - 2:
            used, end, grown = used + widths[end], end + 1, True
        if start > 0 and used + widths[start - 1] <= width - 2:
            start, grown = start - 1, True
            used += widths[start]
    return ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")


def shorten(text: str, width: int = QUOTE_WIDTH) -> str:
    text = " ".join(text.split())
    if cells(text) <= width:
        return text
    if cells(text) != len(text):
        return _wide_excerpt(text, 0, width)
    return text[: width - 1].rstrip() + "…"


def _digits_at(text: str, value: Decimal) -> int | None:
    """Where the value's digits stand in the text ("2.54" of "2.54 million", "950,000"), if they do.

    A quick look that spares most table rows the full number reader (and its start-up cost)."""
    shapes = [f"{value:,}", plain(value)]
    for power in (12, 9, 6, 3):
        if abs(value) >= Decimal(10) ** power:
            shapes.append(plain(value / Decimal(10) ** power))
    for shape in shapes:
        at = text.find(shape)
        while at >= 0:
            before = text[at - 1 : at]
            after = text[at + len(shape) : at + len(shape) + 2]
            if not (before.isdigit() or before in ".,") and not (
                after[:1].isdigit() or after[:1] in ".," and after[1:].isdigit()
            ):
                return at + len(shape) // 2
            at = text.find(shape, at + 1)
    return None


def figure_middle(quote: str, value: Decimal | None, qualifier: str, metric: str = "") -> int:
    """Where the figure stands in the quote (with runs of space made one): the middle of its
    digits, else of the words that state it ("more than half"); -1 when the quote does not state it."""
    text = " ".join(quote.split())
    middle = _digits_at(text, value) if value is not None else None
    if middle is not None:
        return middle
    from autofacts.reading.mentions import stated_by
    from autofacts.reading.numbers import read_numbers  # figures in words: "half", "doubling", "16th"

    mentions = [m for m in read_numbers(text) if m.value == value]
    if not mentions:
        return -1
    m = stated_by(text, mentions, qualifier, metric)
    return (m.start + m.end) // 2


def excerpt(fact: Fact, width: int = QUOTE_WIDTH) -> str:
    """The part of a fact's quote around its figure, so a shortened quote still shows the number."""
    text = " ".join(fact.quote.split())
    if cells(text) <= width:
        return text
    middle = fact.figure_at
    if middle is None:  # not kept by a cache
        middle = figure_middle(fact.quote, fact.value, fact.qualifier)
    if middle < 0:
        return shorten(text, width)
    if cells(text) != len(text):
        return _wide_excerpt(text, middle, width)
    start = max(0, min(middle - width // 2, len(text) - width))
    if start > 0:
        start = text.find(" ", start) + 1 or start  # begin at a word
    piece = text[start : start + width]
    if start + width < len(text):
        piece = piece[: piece.rfind(" ")] if " " in piece else piece
    return ("…" if start > 0 else "") + piece.strip() + ("…" if start + len(piece) < len(text) else "")


# Units a compact figure shows by its own sign ("40.9 %", "6×", "3rd"); any other is said once, in
# the title or beside the metric's name, and its figures are short ("≈ 1.4 M").
SELF_EVIDENT = ("percent", "times", "rank", "none")


def unit_words(unit: str) -> str:
    """A unit as a reader names it: "vehicles", "U.S. dollars"."""
    return {"usd": "U.S. dollars"}.get(unit, unit)


def named_with_unit(name: str, unit: str) -> str:
    """A metric's name and its unit, once: a name that already ends with it ("… (U.S. dollars)",
    to tell it from its yuan twin) is not given it twice."""
    words = unit_words(unit)
    return name if name.endswith(f"({words})") else f"{name} ({words})"


def short_value(fact: Fact, metric: Metric, with_unit: bool = False) -> str:
    """A stated figure's compact form: "≈ 1.4 M", "> 16 M", "40.9 %"; `with_unit` where the table
    does not say the unit once: "> 16 M vehicles"."""
    if fact.derived_from is not None:  # never shown as if a source stated it
        text = f"{format_interval(fact.derived_from.interval, metric.unit, short=True)} {MARK}"
        return f"{text} {unit_words(metric.unit)}" if with_unit and metric.unit not in SELF_EVIDENT else text
    if fact.value is None:
        return "qualitative"
    text = format_stated(fact.value, fact.qualifier, metric.unit, fact.upper, short=True)
    return f"{text} {unit_words(metric.unit)}" if with_unit and metric.unit not in SELF_EVIDENT else text


def stated_value(fact: Fact, metric: Metric) -> str:
    """The figure as its source states it ("> 16 million vehicles"); a derived figure as its
    interval with a mark, never as if a source stated it ("> 12.27 million vehicles †")."""
    if fact.derived_from is not None:
        return f"{format_interval(fact.derived_from.interval, metric.unit)} {MARK}"
    if fact.value is None:
        return "(qualitative)"
    return format_stated(fact.value, fact.qualifier, metric.unit, fact.upper)


def derivation_json(fact: Fact) -> dict[str, Any] | None:
    """How a derived figure was computed: the operation and the facts it used (null for stated ones);
    for a chain of steps, whose inputs are derived figures too, also the stated facts it rests on."""
    if fact.derived_from is None:
        return None
    d = fact.derived_from
    out: dict[str, Any] = {"operation": operation_text(d), "facts": list(d.facts)}
    if d.leaves != d.facts:
        out["stated"] = list(d.leaves)
    return out


def metric_record(metric: Metric) -> dict[str, Any]:
    """One metric of the catalogue (`show` and `metrics`)."""
    return {
        "id": metric.id,
        "name": metric.name,
        "unit": metric.unit,
        "measure": metric.measure,
        "description": metric.description,
        "aliases": list(metric.aliases),
        "growth_of": metric.growth_of,
    }


def fact_record(kb: KnowledgeBase, fact: Fact) -> dict[str, Any]:
    """One fact, normalised: the record `export` writes and the other answers embed."""
    metric = kb.metrics.get(fact.metric)
    source = kb.sources.get(fact.source)
    bounds = interval_json(fact.interval) or {}
    return {
        "id": fact.id,
        "metric": fact.metric,
        "metric_name": metric.name if metric else None,
        "unit": metric.unit if metric else None,
        "region": fact.region,
        "entity": fact.entity,
        "period": fact.period.label,
        "period_start": fact.period.start.isoformat(),
        "period_end": fact.period.end.isoformat(),
        "period_stated": fact.period_stated,
        "kind": fact.kind,
        "value": json_number(fact.value),
        "qualifier": fact.qualifier,
        "lower": bounds.get("lower"),
        "upper": bounds.get("upper"),
        "lower_open": bounds.get("lower_open"),
        "upper_open": bounds.get("upper_open"),
        "compared_with": fact.compared_with.label if fact.compared_with else None,
        "ceiling": fact.ceiling,
        "note": fact_note(fact),
        "revises": fact.revises,
        "derived_from": derivation_json(fact),
        "source": {
            "id": fact.source,
            "file": seed_label(kb, source.file) if source else None,
            "title": source.title if source else None,
            "publisher": source.publisher if source else None,
            "published": source.published.label if source else None,
            "published_inferred": bool(source.published_inferred) if source else None,
            "quote": " ".join(fact.quote.split()),
        },
    }


# --- export's fast path -------------------------------------------------------------------------

# The fields of fact_record that come from the catalogue rather than from the fact itself. A
# template of a fact's record leaves a hole at each, so that the SQLite store can keep the rest
# rendered (tests/test_cache.py compares export with and without the cache, so a field added to
# fact_record from the catalogue and forgotten here shows up there).
_CATALOGUE_FIELDS = (
    ("metric_name",),
    ("unit",),
    ("source", "file"),
    ("source", "title"),
    ("source", "publisher"),
    ("source", "published"),
    ("source", "published_inferred"),
)
_HOLE = "\x00"  # never in JSON text: the encoder writes it as \u0000


class _Hole(str):
    """A placeholder `indented` writes as a hole rather than as a string."""


class Template(NamedTuple):
    """A fact's record as export writes it, with holes for the catalogue's fields (a plain tuple
    of text, metric id and source id, as the SQLite store keeps it)."""

    text: str
    metric: str
    source: str


def record_template(fact: Fact) -> str:
    """The text of fact_record(fact) as export writes it, a hole at each catalogue field.

    Only for a fact whose period is stated: an undated fact takes its period from its source."""
    record = fact_record(KnowledgeBase(root=Path("."), seeds_dir=Path(".")), fact)
    for path in _CATALOGUE_FIELDS:
        holder = record
        for key in path[:-1]:
            holder = holder[key]
        holder[path[-1]] = _Hole("/".join(path))
    return indented(record, "    ")


def fill_template(kb: KnowledgeBase, template: Template, fills: dict[tuple[str, str], dict[str, str]]) -> str:
    """The record text of a template, its holes filled from the catalogue (`fills` keeps each
    metric's and each source's values, rendered once)."""
    of_metric = fills.get(("metric", template.metric)) or _fills(kb, fills, "metric", template.metric)
    of_source = fills.get(("source", template.source)) or _fills(kb, fills, "source", template.source)
    parts = template.text.split(_HOLE)
    parts[1::2] = [of_metric[name] if name in of_metric else of_source[name] for name in parts[1::2]]
    return "".join(parts)


def _fills(kb: KnowledgeBase, fills: dict[tuple[str, str], dict[str, str]], kind: str, name: str) -> dict[str, str]:
    """The catalogue fields of a record that come from one metric ("metric_name", "unit") or one
    source (the rest), rendered as fact_record writes them."""
    whole = fact_record(kb, _stand_in(name, "\x00") if kind == "metric" else _stand_in("\x00", name))
    values = {}
    for path in _CATALOGUE_FIELDS:
        if (path[0] == "source") == (kind == "source"):
            value: Any = whole
            for step in path:
                value = None if value is None else value[step]
            values["/".join(path)] = indented(value, "")
    fills[(kind, name)] = values
    return values


def template_json(text: str) -> str:
    """A template's record as JSON text, each catalogue field holding only its own name (a reader
    that takes those fields from the catalogue, as the SQLite export does, needs no filling)."""
    return text.replace(_HOLE, '"')


def _stand_in(metric: str, source: str) -> Fact:
    """A fact of this metric and source, to read the catalogue's fields of a record from fact_record."""
    from autofacts.knowledge.periods import parse_period

    return Fact(
        id="",
        metric=metric,
        region="",
        period=parse_period("2000"),
        kind="actual",
        value=None,
        qualifier="exact",
        source=source,
        quote="",
    )


_encode_text = json.encoder.encode_basestring  # C-accelerated, as json.dumps(ensure_ascii=False) uses


def indented(value: Any, indent: str) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)` with every line after the first indented by
    `indent`, for the plain data of a record (dicts, lists, strings, numbers, booleans, None).

    The standard encoder falls back to pure Python when asked to indent; a record is small and flat,
    so writing it directly is several times faster, which is most of what `export` spends."""
    if isinstance(value, str):
        return _HOLE + value + _HOLE if type(value) is _Hole else _encode_text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return json.dumps(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{inner}{_encode_text(k)}: {indented(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + indented(v, inner) for v in value) + f"\n{indent}]"
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def source_record(kb: KnowledgeBase, source: Source, facts: int | None = None) -> dict[str, Any]:
    """One source of the catalogue, with the number of facts quoting it when counted."""
    out: dict[str, Any] = {
        "id": source.id,
        "file": seed_label(kb, source.file),
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published.label,
        "published_inferred": source.published_inferred,
        "language": source.language,
        "restates": list(source.restates),
        # where the seed's text came from, when `add` read it from a page, a PDF or an address
        "url": source.url,
        "retrieved": source.retrieved.label if source.retrieved is not None else None,
        "format": source.format,
        "original_sha256": source.original_sha256,
    }
    if facts is not None:
        out["facts"] = facts
    return out


def dumps(document: Any) -> str:
    """A JSON document as autofacts writes every one: indented, UTF-8, Decimals as JSON numbers."""
    return json.dumps(document, indent=2, ensure_ascii=False, default=_json_default) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return json_number(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
