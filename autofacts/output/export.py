"""`export`: every fact, normalised, as JSON, CSV or YAML, written a fact at a time.

Each row is the fact record of records.py (the same that `show` and `compare` embed); JSON is
written record by record so a large base never has its whole export in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from autofacts.model import Fact, KnowledgeBase
from autofacts.output import Answer, OutputFormat
from autofacts.output.records import dumps, fact_record

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
]


@dataclass(frozen=True)
class ExportAnswer(Answer):
    """Every fact of `facts`, in order, in one of export's formats."""

    kb: KnowledgeBase
    facts: Iterable[Fact]

    def chunks(self, fmt: OutputFormat) -> Iterator[str]:
        if fmt is OutputFormat.csv:
            return export_csv(self.kb, self.facts)
        if fmt is OutputFormat.yaml:
            return iter([export_yaml(self.kb, self.facts)])
        if fmt is OutputFormat.json:
            return export_json(self.kb, self.facts)
        raise ValueError(f"export cannot be written as {fmt.value}")


def export_csv(kb: KnowledgeBase, facts: Iterable[Fact]) -> Iterator[str]:
    """One CSV line per fact, the source's fields flattened into columns."""
    import csv
    import io

    from autofacts.output.safe import csv_cell

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for fact in facts:
        doc = fact_record(kb, fact)
        src = doc.pop("source")
        doc.update(
            source_id=src["id"],
            source_file=src["file"],
            source_title=src["title"],
            source_published=src["published"],
            quote=src["quote"],
        )
        writer.writerow({k: "" if v is None else csv_cell(v) for k, v in doc.items() if k in CSV_FIELDS})
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def export_json(kb: KnowledgeBase, facts: Iterable[Fact]) -> Iterator[str]:
    """`{"facts": [...]}` exactly as dumps() would write it, one fact at a time."""
    first = True
    for fact in facts:
        record = json.dumps(fact_record(kb, fact), indent=2, ensure_ascii=False)
        yield ('{\n  "facts": [\n' if first else ",\n") + "\n".join("    " + line for line in record.split("\n"))
        first = False
    yield dumps({"facts": []}) if first else "\n  ]\n}\n"


def export_yaml(kb: KnowledgeBase, facts: Iterable[Fact]) -> str:
    import yaml

    return str(
        yaml.safe_dump({"facts": [fact_record(kb, f) for f in facts]}, sort_keys=False, allow_unicode=True, width=100)
    )
