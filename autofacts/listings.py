"""What the other commands show: check, the catalogues, export, coverage, cite and search."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from autofacts.model import LANGUAGE_NAMES, Fact, KnowledgeBase, Problem
from autofacts.render import Column, Report, cited_sources, dumps, excerpt, fact_json, stated_value
from autofacts.units import json_number, plain

# --- check, catalogues, export ---------------------------------------------------------------


def check_json(problems: list[Problem], kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "ok": not problems,
        "problems": [
            {
                "file": p.location.file,
                "line": p.location.line,
                "column": p.location.column,
                "code": p.code,
                "message": p.message,
            }
            for p in problems
        ],
        "summary": {
            "errors": len(problems),
            "facts": len(kb.facts),
            "metrics": len(kb.metrics),
            "sources": len(kb.sources),
        },
    }


def check_summary(problems: list[Problem], kb: KnowledgeBase) -> str:
    counts = f"{len(kb.facts)} facts, {len(kb.metrics)} metrics, {len(kb.sources)} sources"
    if not problems:
        return f"ok: {counts}, no errors"
    files = len({p.location.file for p in problems})
    errors = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
    return f"{errors} in {files} file{'s' if files != 1 else ''} ({counts})"


def metrics_report(kb: KnowledgeBase) -> Report:
    counts = {m: len(kb.facts_for(m)) for m in kb.metrics}
    rows = [
        {
            "id": m.id,
            "name": m.name,
            "unit": m.unit,
            "measure": m.measure,
            "aliases": ", ".join(m.aliases),
            "facts": str(counts[m.id]),
        }
        for m in sorted(kb.metrics.values(), key=lambda m: m.id)
    ]
    cols = [
        Column("id", "metric", wrap=False),
        Column("name", "name", min_width=24),
        Column("unit", "unit", min_width=5),
        Column("measure", "measure", wrap=False),
        Column("aliases", "aliases", min_width=10),
        Column("facts", "facts", "right"),
    ]
    return Report(f"{len(rows)} metrics", cols, rows)


def sources_report(kb: KnowledgeBase) -> Report:
    rows = []
    for s in sorted(kb.sources.values(), key=lambda s: (s.published.start, s.id)):
        rows.append(
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher or "",
                "language": s.language,
                "published": f"{s.published}{' (inferred)' if s.published_inferred else ''}",
                "file": f"seeds/{s.file}",
                "facts": str(sum(1 for f in kb.facts if f.source == s.id)),
            }
        )
    cols = [
        Column("id", "source", wrap=False),
        Column("published", "published", wrap=False),
        Column("title", "title", min_width=30),
        Column("publisher", "publisher"),
        Column("language", "lang", wrap=False),
        Column("file", "file", min_width=12),
        Column("facts", "facts", "right"),
    ]
    return Report(f"{len(rows)} sources", cols, rows)


def export_csv(kb: KnowledgeBase, facts: list[Fact]) -> str:
    import csv
    import io

    out = io.StringIO()
    fields = [
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
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for fact in facts:
        doc = fact_json(kb, fact)
        src = doc.pop("source")
        doc.update(
            source_id=src["id"],
            source_file=src["file"],
            source_title=src["title"],
            source_published=src["published"],
            quote=src["quote"],
        )
        writer.writerow({k: "" if v is None else v for k, v in doc.items() if k in fields})
    return out.getvalue()


def export_json(kb: KnowledgeBase, facts: list[Fact]) -> Iterator[str]:
    """`{"facts": [...]}` exactly as dumps() would write it, one fact at a time (a large base
    never has its whole export in memory)."""
    if not facts:
        yield dumps({"facts": []})
        return
    yield '{\n  "facts": [\n'
    for n, fact in enumerate(facts):
        record = json.dumps(fact_json(kb, fact), indent=2, ensure_ascii=False)
        yield ("" if n == 0 else ",\n") + "\n".join("    " + line for line in record.split("\n"))
    yield "\n  ]\n}\n"


def export_yaml(kb: KnowledgeBase, facts: list[Fact]) -> str:
    import yaml

    return str(
        yaml.safe_dump({"facts": [fact_json(kb, f) for f in facts]}, sort_keys=False, allow_unicode=True, width=100)
    )


# --- coverage --------------------------------------------------------------------------------


def coverage_report(coverages: list[Any], details: bool) -> Report:
    """One row per source, or with details one row per number in the text."""
    if details:
        rows = [
            {
                "source": c.source.id,
                "line": str(m.line),
                "number": m.mention.text,
                "status": m.status,
                "by": ", ".join(m.by),
            }
            for c in coverages
            for m in c.mentions
        ]
        cols = [
            Column("source", "source", wrap=False),
            Column("line", "line", "right"),
            Column("number", "number", "right"),
            Column("status", "status", wrap=False),
            Column("by", "cited by / excluded because"),
        ]
        return Report("Numbers in the sources", cols, rows)
    rows = [
        {
            "source": c.source.id,
            "file": f"seeds/{c.source.file}",
            "mentions": str(len(c.mentions)),
            "cited": str(c.count("cited")),
            "excluded": str(c.count("excluded")),
            "missing": str(c.count("missing")),
            "covered": f"{plain(c.percent)} %",
        }
        for c in coverages
    ]
    cols = [
        Column("source", "source", wrap=False),
        Column("file", "file"),
        Column("mentions", "numbers", "right"),
        Column("cited", "cited", "right"),
        Column("excluded", "excluded", "right"),
        Column("missing", "missing", "right"),
        Column("covered", "covered", "right", wrap=False),
    ]
    footer = [
        f"missing: seeds/{c.source.file}:{m.line}: {m.mention.text!r}"
        for c in coverages
        for m in c.mentions
        if m.status == "missing"
    ]
    total = sum(len(c.mentions) for c in coverages)
    missing = sum(c.count("missing") for c in coverages)
    footer.append(
        f"{total - missing} of {total} numbers cited or excluded with a reason"
        " (years, dates and plan names are not counted as figures)"
    )
    return Report("Coverage of the sources by facts", cols, rows, footer)


def coverage_json(coverages: list[Any]) -> dict[str, Any]:
    return {
        "sources": [
            {
                "source": c.source.id,
                "file": f"seeds/{c.source.file}",
                "covered_percent": float(c.percent),
                "mentions": [
                    {
                        "line": m.line,
                        "text": m.mention.text,
                        "value": json_number(m.mention.value),
                        "status": m.status,
                        "by": list(m.by),
                    }
                    for m in c.mentions
                ],
            }
            for c in coverages
        ]
    }


# --- cite and search -------------------------------------------------------------------------


def cite_rich(citation: Any, marks: bool = False) -> Any:
    """The citation, then the quote in its paragraph: quote underlined, figure highlighted.

    With `marks` (plain output, where styles are lost) the figure is set between ⟦ and ⟧.
    """
    from rich.console import Group
    from rich.text import Text

    fact, s = citation.fact, citation.source
    metric_line = f"{fact.id} · {fact.metric} · {fact.region} · {fact.period} · {fact.kind}"
    lines = [Text(metric_line, style="bold")]
    by = f", {s.publisher}" if s.publisher else ""
    lines.append(Text(f"{s.title}{by}"))
    published = f"published {s.published}" + (
        f" (inferred: {' '.join(s.published_inferred.split())})" if s.published_inferred else ""
    )
    if s.language != "en":  # a reader may need to know before following the citation
        published += f" · in {LANGUAGE_NAMES.get(s.language, s.language)}"
    lines.append(Text(published))
    lines.append(Text(f"seeds/{s.file}, line {citation.line}"))
    flat = " ".join(citation.paragraph.split("\n"))
    span = citation.figure_span
    if marks and span is not None:
        paragraph = Text(flat[: span[0]] + "⟦" + flat[span[0] : span[1]] + "⟧" + flat[span[1] :])
    else:
        paragraph = Text(flat)
        paragraph.stylize("underline", *citation.quote_span)
        if span is not None:
            paragraph.stylize("bold reverse", *span)
    lines += [Text(""), paragraph]
    return Group(*lines)


def cite_json(kb: KnowledgeBase, citation: Any, footnote: str) -> dict[str, Any]:
    return {
        "fact": fact_json(kb, citation.fact),
        "file": f"seeds/{citation.source.file}",
        "line": citation.line,
        "paragraph": citation.paragraph,
        "quote_start": citation.quote_span[0],
        "quote_end": citation.quote_span[1],
        "figure": citation.figure,
        "figure_start": None if citation.figure_span is None else citation.figure_span[0],
        "figure_end": None if citation.figure_span is None else citation.figure_span[1],
        "footnote": footnote,
    }


def search_report(kb: KnowledgeBase, query: str, hits: list[tuple[int, Fact]]) -> Report:
    rows = []
    for score, fact in hits:
        metric = kb.metrics[fact.metric]
        rows.append(
            {
                "score": str(score),
                "id": fact.id,
                "period": fact.period.label,
                "region": fact.region + (f" · {fact.entity}" if fact.entity else ""),
                "value": stated_value(fact, metric),
                "source": fact.source,
                "quote": excerpt(fact),
            }
        )
    cols = [
        Column("score", "score", "right"),
        Column("id", "fact", min_width=12),
        Column("period", "period", min_width=4),
        Column("region", "region", min_width=6),
        Column("value", "value", "right", min_width=8),
        Column("source", "source", cite=True),
        Column("quote", "quote", aside=True),
    ]
    footer = [f"{len(hits)} fact(s) match '{query}'"]
    return Report(f"Search: {query}", cols, rows, footer, cited_sources(kb, [f for _, f in hits]))


def search_json(kb: KnowledgeBase, query: str, hits: list[tuple[int, Fact]]) -> dict[str, Any]:
    return {"query": query, "facts": [{"score": score, **fact_json(kb, fact)} for score, fact in hits]}
