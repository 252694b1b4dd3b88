"""`export`: every fact, normalised, as JSON, CSV or YAML, written a fact at a time.

Each row is the fact record of records.py (the same that `show` and `compare` embed); JSON is
written record by record so a large base never has its whole export in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from autofacts.knowledge.model import Fact, KnowledgeBase
from autofacts.output import Answer, OutputFormat
from autofacts.output.records import Template, dumps, fact_record, fill_template, indented

CSV_FIELDS = [
    "id",
    "metric",
    "metric_name",
    "unit",
    "region",
    "entity",
    "period",
    "period_start",
    "period_end",
    "period_stated",
    "kind",
    "value",
    "qualifier",
    "lower",
    "upper",
    "lower_open",
    "upper_open",
    "compared_with",
    "ceiling",
    "note",
    "source_id",
    "source_file",
    "source_title",
    "source_published",
    "quote",
    "derived_from",  # a derived figure's inputs (fact ids, space-separated); empty for a stated fact
    "operation",  # how it was computed from them
]


@dataclass(frozen=True)
class ExportAnswer(Answer):
    """Every fact of `facts`, in order, in one of export's formats."""

    kb: KnowledgeBase
    facts: Iterable[Fact]
    records: Iterable[Fact | tuple[str, str, str]] | None = None  # the same facts, as templates where cached (JSON)
    # figures derived from the facts (chains.answer_cells), each with its `derived_from`; None: not asked
    derived: Sequence[Fact] | None = None

    def chunks(self, fmt: OutputFormat) -> Iterator[str]:
        if fmt is OutputFormat.csv:
            return export_csv(self.kb, self.facts, self.derived or ())
        if fmt is OutputFormat.yaml:
            return iter([export_yaml(self.kb, self.facts, self.derived)])
        if fmt is OutputFormat.json:
            return export_json(self.kb, self.records if self.records is not None else self.facts, self.derived)
        raise ValueError(f"export cannot be written as {fmt.value}")


def export_csv(kb: KnowledgeBase, facts: Iterable[Fact], derived: Sequence[Fact] = ()) -> Iterator[str]:
    """One CSV line per fact, the source's fields flattened into columns; then one per derived
    figure, its inputs' ids in `derived_from` (and no quote: it has none)."""
    import csv
    import io
    import itertools

    from autofacts.output.safe import csv_cell

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for fact in itertools.chain(facts, derived):
        doc = fact_record(kb, fact)
        src = doc.pop("source")
        how = doc.pop("derived_from")
        if how is not None:
            doc.update(derived_from=" ".join(how["facts"]), operation=how["operation"])
        doc.update(
            source_id=src["id"],
            source_file=src["file"],
            source_title=src["title"],
            source_published=src["published"],
            quote=src["quote"],
        )
        writer.writerow({k: "" if v is None else csv_cell(v) for k, v in doc.items() if k in CSV_FIELDS})
        if out.tell() > 1 << 16:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def export_json(
    kb: KnowledgeBase, facts: Iterable[Fact | tuple[str, str, str]], derived: Sequence[Fact] | None = None
) -> Iterator[str]:
    """`{"facts": [...], "derived": [...]}` exactly as dumps() would write it, a few hundred facts at
    a time; "derived" (when asked) holds the derived figures, each with `derived_from`.

    A fact may come as the cache's template of its record (see records.record_template), which
    only needs the catalogue's fields filled in: most of a large export is then string joining."""
    first = True
    batch: list[str] = []
    fills: dict[tuple[str, str], dict[str, str]] = {}
    for fact in facts:
        if isinstance(fact, tuple):
            record = fill_template(kb, Template._make(fact), fills)
        else:
            record = indented(fact_record(kb, fact), "    ")
        batch.append(('{\n  "facts": [\n    ' if first else ",\n    ") + record)
        first = False
        if len(batch) >= 256:  # one write per batch: a write per fact costs more than the JSON
            yield "".join(batch)
            batch.clear()
    if derived is None:
        yield "".join(batch) + (dumps({"facts": []}) if first else "\n  ]\n}\n")
        return
    yield "".join(batch) + ('{\n  "facts": []' if first else "\n  ]")
    records = [indented(fact_record(kb, f), "    ") for f in derived]
    yield (',\n  "derived": [\n    ' + ",\n    ".join(records) + "\n  ]\n}\n") if records else ',\n  "derived": []\n}\n'


def export_yaml(kb: KnowledgeBase, facts: Iterable[Fact], derived: Sequence[Fact] | None = None) -> str:
    import yaml

    doc: dict[str, list[dict[str, object]]] = {"facts": [fact_record(kb, f) for f in facts]}
    if derived is not None:
        doc["derived"] = [fact_record(kb, f) for f in derived]
    return str(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100))
