"""What the other commands show: check, the catalogues (metrics, sources), coverage, cite and search.

Each is an `Answer` (see the package docstring); its table and JSON document are built only when
that format is asked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from autofacts.knowledge.model import LANGUAGE_NAMES, Fact, KnowledgeBase, Problem, Source
from autofacts.knowledge.seeds import seed_label
from autofacts.knowledge.units import plain
from autofacts.output import Answer, OutputFormat
from autofacts.output.records import (
    cited_sources,
    excerpt,
    fact_record,
    json_number,
    metric_record,
    region_label,
    short_value,
    source_record,
    stated_value,
)
from autofacts.output.table import Column, Report
from autofacts.reading.pages import page_label
from autofacts.terminal import printable

if TYPE_CHECKING:
    from autofacts.answers.cite import Citation
    from autofacts.curation.coverage import SourceCoverage

# --- check -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckAnswer(Answer):
    """`check`: every problem, one per line in the form editors jump to, then a summary."""

    kb: KnowledgeBase
    problems: list[Problem]

    def summary(self) -> str:
        kb, problems = self.kb, self.problems
        counts = f"{len(kb.facts)} facts, {len(kb.metrics)} metrics, {len(kb.sources)} sources"
        if not problems:
            return f"ok: {counts}, no errors"
        files = len({p.location.file for p in problems})
        errors = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
        return f"{errors} in {files} file{'s' if files != 1 else ''} ({counts})"

    def document(self) -> dict[str, Any]:
        return {
            "ok": not self.problems,
            "problems": [
                {
                    "file": p.location.file,
                    "line": p.location.line,
                    "column": p.location.column,
                    "code": p.code,
                    "message": p.message,
                }
                for p in self.problems
            ],
            "summary": {
                "errors": len(self.problems),
                "facts": len(self.kb.facts),
                "metrics": len(self.kb.metrics),
                "sources": len(self.kb.sources),
            },
        }

    def table(self) -> Report:
        """The problems as rows (CSV for a spreadsheet of what to fix, Markdown for an issue)."""
        cols = [
            Column("file", "file", wrap=False, ident=True),
            Column("line", "line", "right"),
            Column("column", "column", "right"),
            Column("code", "code", wrap=False),
            Column("message", "message"),
        ]
        rows = [
            {
                "file": p.location.file,
                "line": str(p.location.line),
                "column": str(p.location.column),
                "code": p.code,
                "message": p.message,
            }
            for p in self.problems
        ]
        return Report(self.summary(), cols, rows)

    def chunks(self, fmt: OutputFormat) -> Iterator[str]:
        if fmt in (OutputFormat.json, OutputFormat.csv, OutputFormat.markdown):
            yield from super().chunks(fmt)
            return
        for problem in self.problems:
            yield printable(str(problem)) + "\n"  # a value holding ESC or a newline stays one visible line
        yield self.summary() + "\n"


# --- the catalogues --------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricsAnswer(Answer):
    """`metrics`: the metric catalogue with the number of facts for each."""

    kb: KnowledgeBase
    counts: Counter[str]  # facts by metric

    def table(self) -> Report:
        counts = self.counts
        rows = [
            {
                "id": m.id,
                "name": m.name,
                "unit": m.unit,
                "measure": m.measure,
                "aliases": ", ".join(m.aliases),
                "facts": str(counts[m.id]),
            }
            for m in sorted(self.kb.metrics.values(), key=lambda m: m.id)
        ]
        cols = [
            Column("id", "metric", ident=True),
            Column("name", "name", min_width=24, join_narrow="id"),
            Column("unit", "unit", min_width=5),
            Column("measure", "measure", wrap=False),
            Column("aliases", "aliases", min_width=10, ident=True, join_narrow="id", join_label=True),
            Column("facts", "facts", "right"),
        ]
        return Report(f"{len(rows)} metrics", cols, rows)

    def document(self) -> dict[str, Any]:
        counts = self.counts
        return {
            "metrics": [
                {**metric_record(m), "facts": counts[m.id]}
                for m in sorted(self.kb.metrics.values(), key=lambda m: m.id)
            ]
        }


@dataclass(frozen=True)
class SourcesAnswer(Answer):
    """`sources`: the source catalogue with the number of facts quoted from each."""

    kb: KnowledgeBase
    counts: Counter[str]  # facts by source

    def _sources(self) -> list[Source]:
        return sorted(self.kb.sources.values(), key=lambda s: (s.published.start, s.id))

    def table(self) -> Report:
        counts = self.counts
        rows = []
        for s in self._sources():
            rows.append(
                {
                    "id": s.id,
                    "title": s.title,
                    "publisher": s.publisher or "",
                    "language": s.language,
                    "published": f"{s.published}{' (inferred)' if s.published_inferred else ''}",
                    "file": seed_label(self.kb, s.file),
                    "facts": str(counts[s.id]),
                }
            )
        cols = [
            Column("id", "source", wrap=False, ident=True),
            Column("published", "published"),
            Column("title", "title", min_width=30),
            Column("publisher", "publisher"),
            Column("language", "lang", wrap=False),
            Column("file", "file", aside=True, ident=True),  # under the table when the terminal is narrow
            Column("facts", "facts", "right"),
        ]
        return Report(f"{len(rows)} sources", cols, rows)

    def document(self) -> dict[str, Any]:
        counts = self.counts
        return {"sources": [source_record(self.kb, s, counts[s.id]) for s in self._sources()]}


# --- coverage --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageAnswer(Answer):
    """`coverage`: one row per source, or with details one row per number in the text."""

    kb: KnowledgeBase
    coverages: list[SourceCoverage]
    details: bool = False

    def table(self) -> Report:
        coverages = self.coverages
        if self.details:
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
                Column("source", "source", ident=True),  # wraps only a reason joined under it
                Column("line", "line", "right"),
                Column("number", "number", "right"),
                Column("status", "status", wrap=False),
                Column("by", "cited by / excluded because", ident=True, join_narrow="source"),
            ]
            return Report("Numbers in the sources", cols, rows)
        rows = [
            {
                "source": c.source.id,
                "file": seed_label(self.kb, c.source.file),
                "mentions": str(len(c.mentions)),
                "cited": str(c.count("cited")),
                "excluded": str(c.count("excluded")),
                "missing": str(c.count("missing")),
                "covered": f"{plain(c.percent)} %",
            }
            for c in coverages
        ]
        cols = [
            Column("source", "source", wrap=False, ident=True),
            Column("file", "file", ident=True, join_narrow="source"),
            Column("mentions", "numbers", "right"),
            Column("cited", "cited", "right"),
            Column("excluded", "excluded", "right"),
            Column("missing", "missing", "right"),
            Column("covered", "covered", "right", wrap=False),
        ]
        footer = [
            f"missing: {seed_label(self.kb, c.source.file)}:{m.line}: {m.mention.text!r}"
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

    def document(self) -> dict[str, Any]:
        return {
            "sources": [
                {
                    "source": c.source.id,
                    "file": seed_label(self.kb, c.source.file),
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
                for c in self.coverages
            ]
        }


# --- cite and search -------------------------------------------------------------------------

_FLAT = str.maketrans({"\n": " ", "\f": " "})


def footnote(kb: KnowledgeBase, citation: Citation) -> str:
    """A footnote-ready citation in Markdown."""
    from autofacts.output.safe import markdown_text as md

    s = citation.source
    by = f", {md(s.publisher)}" if s.publisher else ""
    inferred = " (date inferred)" if s.published_inferred else ""
    if s.language != "en":
        by += f" (in {md(LANGUAGE_NAMES.get(s.language, s.language))})"
    where = f"`{printable(seed_label(kb, s.file)).replace('`', chr(39))}`, line {citation.line}"
    if citation.pages is not None:
        where += f", {page_label(citation.pages)}"
    quote, title = md(citation.fact.quote), md(s.title)
    # where a reader finds the text: the bare address (Markdown viewers link it; no "<" to render as HTML)
    url = f" {md(printable(s.url))}." if s.url else ""
    return f"[^{md(citation.fact.id)}]: “{quote}” {title}{by}, {s.published}{inferred}.{url} {where}."


@dataclass(frozen=True)
class CiteAnswer(Answer):
    """`cite`: the citation, then the quote in its paragraph; a Markdown footnote; JSON with offsets."""

    kb: KnowledgeBase
    citation: Citation
    marks: bool = False  # plain output, where styles are lost: the figure between ⟦ and ⟧

    def rich(self, width: int, wide: bool = False) -> Any:
        """Quote underlined, figure highlighted (or marked, see `marks`)."""
        from rich.console import Group
        from rich.text import Text

        citation = self.citation
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
        if s.url:  # where a reader finds the text itself
            lines.append(Text(printable(s.url)))
        page = f", {page_label(citation.pages)} of the PDF" if citation.pages is not None else ""
        lines.append(Text(f"{seed_label(self.kb, s.file)}, line {citation.line}{page}"))
        flat = citation.paragraph.translate(_FLAT)  # one line; a page break is a space (offsets kept)
        span = citation.figure_span
        if self.marks and span is not None:
            paragraph = Text(flat[: span[0]] + "⟦" + flat[span[0] : span[1]] + "⟧" + flat[span[1] :])
        else:
            paragraph = Text(flat)
            paragraph.stylize("underline", *citation.quote_span)
            if span is not None:
                paragraph.stylize("bold reverse", *span)
        lines += [Text(""), paragraph]
        return Group(*lines)

    def document(self) -> dict[str, Any]:
        citation = self.citation
        return {
            "fact": fact_record(self.kb, citation.fact),
            "file": seed_label(self.kb, citation.source.file),
            "line": citation.line,
            "pages": None if citation.pages is None else list(citation.pages),
            "paragraph": citation.paragraph,
            "quote_start": citation.quote_span[0],
            "quote_end": citation.quote_span[1],
            "figure": citation.figure,
            "figure_start": None if citation.figure_span is None else citation.figure_span[0],
            "figure_end": None if citation.figure_span is None else citation.figure_span[1],
            "footnote": footnote(self.kb, citation),
        }

    def chunks(self, fmt: OutputFormat) -> Iterator[str]:
        if fmt is OutputFormat.markdown:
            yield footnote(self.kb, self.citation) + "\n"
        else:
            yield from super().chunks(fmt)


@dataclass(frozen=True)
class SearchAnswer(Answer):
    """`search`: the matching facts, best first."""

    kb: KnowledgeBase
    query: str
    hits: list[tuple[int, Fact]]

    def table(self) -> Report:
        rows = []
        for score, fact in self.hits:
            metric = self.kb.metrics[fact.metric]
            rows.append(
                {
                    "score": str(score),
                    "id": fact.id,
                    "period": fact.period.label,
                    "region": region_label(fact),
                    "value": stated_value(fact, metric),
                    "value_short": short_value(fact, metric, with_unit=True),
                    "source": fact.source,
                    "quote": excerpt(fact),
                }
            )
        cols = [
            Column("score", "score", "right"),
            Column("id", "fact", min_width=12, ident=True),
            Column("period", "period", min_width=4),
            Column("region", "region", min_width=6, join_narrow="period"),
            Column("value", "value", "right", short="value_short"),
            Column("source", "source", cite=True, join_narrow="id"),
            Column("quote", "quote", aside=True),
        ]
        footer = [f"{len(self.hits)} fact(s) match '{self.query}'"]
        return Report(f"Search: {self.query}", cols, rows, footer, cited_sources(self.kb, [f for _, f in self.hits]))

    def document(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "facts": [{"score": score, **fact_record(self.kb, fact)} for score, fact in self.hits],
        }
