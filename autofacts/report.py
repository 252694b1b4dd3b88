"""One self-contained HTML page for people who will never open a terminal.

The page holds the targets scorecard, a chart and a table per metric, optionally a comparison of two
periods, the citation of every figure, and the source texts with each quoted sentence anchored, so a
reader can follow any number to its sentence in context. No script, no file or font from the
network: it opens offline, prints, and reads on a phone.
"""

from __future__ import annotations

from datetime import date
from html import escape

from autofacts import __version__
from autofacts.chart import metric_chart_svg
from autofacts.compare import Comparison
from autofacts.model import Fact, KnowledgeBase, Metric
from autofacts.output.answers import change_text, outcome_text, percent_text, status_text, verdict_detail
from autofacts.output.records import excerpt, region_label, stated_value
from autofacts.query import sort_key
from autofacts.seeds import read_seed, seed_label
from autofacts.targets import TargetReport
from autofacts.text import locate

STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
       max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { border-bottom: 2px solid #ddd; margin-top: 2.2rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .92rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; white-space: nowrap; }
.scroll { overflow-x: auto; }
a { color: #0b57d0; } .muted { color: #666; font-size: .88rem; }
.status { font-weight: 600; white-space: nowrap; padding: .1rem .4rem; border-radius: .3rem; }
.status-met, .status-on-track { background: #e3f4e5; color: #1b5e20; }
.status-missed, .status-off-track { background: #fde7e7; color: #b71c1c; }
.status-cant-tell { background: #fff4d6; color: #7a5a00; }
.status-no-data, .status-pending, .status-not-measurable { background: #eee; color: #444; }
svg.chart { width: 100%; height: auto; max-width: 44rem; display: block; }
.citation { margin: .5rem 0; padding: .4rem .6rem; border-left: 3px solid #ccc; }
.citation:target, mark:target { background: #fff3b0; outline: 2px solid #f0c000; }
.seed { white-space: pre-wrap; font-size: .9rem; background: #fafafa; padding: .6rem; border: 1px solid #eee; }
mark { background: #eef3ff; }
@media print { a { color: inherit; text-decoration: none; } .seed { break-inside: auto; } h2 { break-after: avoid; } }
"""


def _cite(fact: Fact, text: str) -> str:
    return f'<a href="#cite-{escape(fact.id)}" class="cite" data-fact="{escape(fact.id)}">{escape(text)}</a>'


def _status_class(status: str) -> str:
    return "status-" + status.replace("'", "").replace(" ", "-")


def _header(kb: KnowledgeBase, as_of: date, title: str) -> str:
    sources = "".join(
        f'<li id="source-{escape(s.id)}"><b>{escape(s.title)}</b>'
        f"{', ' + escape(s.publisher) if s.publisher else ''}, {escape(s.published.label)}"
        f"{' (date inferred)' if s.published_inferred else ''} — "
        f'<a href="#seed-{escape(s.id)}">read the text</a> <span class="muted">{escape(seed_label(kb, s.file))}</span></li>'
        for s in sorted(kb.sources.values(), key=lambda s: (s.published.start, s.id))
    )
    return (
        f"<header><h1>{escape(title)}</h1>"
        f'<p class="muted">Knowledge base <b>{escape(kb.root.name)}</b>: {len(kb.facts)} facts, '
        f"{len(kb.metrics)} metrics, {len(kb.sources)} sources · as of {as_of} · autofacts {__version__}</p>"
        f"<h2>Sources</h2><ul>{sources}</ul></header>"
    )


def _scorecard(report: TargetReport) -> str:
    year = f" for {report.year}" if report.year is not None else ""
    rows = []
    for v in report.verdicts:
        outcome = outcome_text(v)
        outcome = _cite(v.outcome_facts[0], outcome) if v.outcome_facts and outcome != "—" else escape(outcome)
        share = "" if v.percent_of_target is None else escape(percent_text(v.percent_of_target, signed=False))
        others = " ".join(_cite(f, "[" + f.source + "]") for f in v.outcome_facts[1:])
        rows.append(
            f'<tr id="target-{escape(v.target.id)}"><td>{escape(v.target.period.label)}</td>'
            f"<td>{escape(v.target.region)}</td><td>{escape(v.metric.name)}</td>"
            f'<td class="num">{_cite(v.target, stated_value(v.target, v.metric))}</td>'
            f'<td class="num">{outcome} {others}</td><td class="num">{share}</td>'
            f'<td><span class="status {_status_class(v.status)}">{escape(status_text(v))}</span></td>'
            f'<td class="muted">{escape(verdict_detail(v))}</td></tr>'
        )
    counts = ", ".join(f"{n} {s}" for s, n in report.counts().items() if n)
    return (
        f'<section id="targets"><h2>Targets{escape(year)}</h2><div class="scroll"><table>'
        "<tr><th>period</th><th>region</th><th>target</th><th>goal</th><th>outcome</th><th>of target</th>"
        f"<th>status</th><th>note</th></tr>{''.join(rows)}</table></div>"
        f'<p class="muted">{len(report.verdicts)} targets: {escape(counts)}. Projections are marked as such; '
        "&gt; and &lt; mark bounds, ≈ approximate figures.</p></section>"
    )


def _comparison(comparison: Comparison) -> str:
    a, b = comparison.period_a.label, comparison.period_b.label
    rows = []
    for row in comparison.rows:
        cells = []
        for side in (row.a, row.b):
            cells.append("—" if side is None else _cite(side.used, stated_value(side.used, row.metric)))
        rows.append(
            f"<tr><td>{escape(row.metric.name)}</td><td>{escape(row.region)}</td>"
            f'<td class="num">{cells[0]}</td><td class="num">{cells[1]}</td>'
            f'<td class="num">{escape(change_text(row))}</td><td class="num">{escape(percent_text(row.relative))}</td>'
            f'<td class="num">{escape(percent_text(row.cagr))}</td><td class="muted">{escape(row.note)}</td></tr>'
        )
    return (
        f'<section id="compare"><h2>{escape(a)} compared with {escape(b)}</h2><div class="scroll"><table>'
        f"<tr><th>metric</th><th>region</th><th>{escape(a)}</th><th>{escape(b)}</th><th>change</th>"
        f"<th>change %</th><th>CAGR</th><th>note</th></tr>{''.join(rows)}</table></div>"
        '<p class="muted">Shares and growth rates change in percentage points (pp).</p></section>'
    )


def _metric_section(kb: KnowledgeBase, metric: Metric, facts: list[Fact]) -> str:
    rows = "".join(
        f"<tr><td>{escape(f.period.label)}</td><td>{escape(region_label(f))}</td>"
        f'<td class="num">{_cite(f, stated_value(f, metric))}</td><td>{escape(f.kind)}</td>'
        f'<td><a href="#source-{escape(f.source)}">{escape(f.source)}</a></td><td>“{escape(excerpt(f, 140))}”</td></tr>'
        for f in facts
    )
    return (
        f'<article id="metric-{escape(metric.id)}"><h3>{escape(metric.name)} <span class="muted">'
        f"({escape(metric.id)}, {escape(metric.unit)})</span></h3>{metric_chart_svg(metric, facts, link=True)}"
        f'<div class="scroll"><table><tr><th>period</th><th>region</th><th>value</th><th>kind</th><th>source</th>'
        f"<th>quote</th></tr>{rows}</table></div></article>"
    )


def _citations(kb: KnowledgeBase, facts: list[Fact]) -> str:
    items = []
    for f in facts:
        metric = kb.metrics[f.metric]
        source = kb.sources[f.source]
        items.append(
            f'<div class="citation" id="cite-{escape(f.id)}"><b>{escape(stated_value(f, metric))}</b> — '
            f"{escape(metric.name)}, {escape(f.region)}, {escape(f.period.label)} ({escape(f.kind)})"
            f"{'. ' + escape(f.note) if f.note else ''}<br>“{escape(' '.join(f.quote.split()))}”<br>"
            f'<span class="muted">{escape(source.title)}, {escape(source.published.label)} · '
            f'<a href="#quote-{escape(f.id)}">in context</a> · fact {escape(f.id)}</span></div>'
        )
    return f'<section id="citations"><h2>Citations</h2>{"".join(items)}</section>'


def _seed_texts(kb: KnowledgeBase, facts: list[Fact]) -> str:
    """Each source's text, every quoted sentence marked and anchored for the facts citing it."""
    articles = []
    for source in sorted(kb.sources.values(), key=lambda s: (s.published.start, s.id)):
        text = read_seed(kb, source)  # a seed that cannot be read stops the report: no source silently left out
        spans: dict[tuple[int, int], list[str]] = {}
        for f in facts:
            if f.source == source.id and (where := locate(f.quote, text)) is not None:
                spans.setdefault(where, []).append(f.id)
        out, pos = [], 0
        for (start, end), ids in sorted(spans.items()):
            anchors = "".join(f'<a id="quote-{escape(i)}"></a>' for i in ids)
            if start < pos:  # overlaps the sentence marked before it: anchor only
                out.append(anchors)
                continue
            out.append(escape(text[pos:start]) + anchors + f'<mark title="{escape(", ".join(ids))}">')
            out.append(escape(text[start:end]) + "</mark>")
            pos = end
        out.append(escape(text[pos:]))
        articles.append(
            f'<article id="seed-{escape(source.id)}"><h3>{escape(source.title)} '
            f'<span class="muted">{escape(seed_label(kb, source.file))}</span></h3><div class="seed">{"".join(out)}</div></article>'
        )
    return f'<section id="seeds"><h2>Source texts</h2>{"".join(articles)}</section>'


def build_report(
    kb: KnowledgeBase,
    targets: TargetReport,
    metrics: list[Metric],
    comparison: Comparison | None,
    title: str,
) -> str:
    """The whole page as one string."""
    shown = [f for f in kb.facts if f.metric in {m.id for m in metrics}]
    cited = sorted(
        {
            f.id: f
            for f in [
                *shown,
                *(v.target for v in targets.verdicts),
                *(f for v in targets.verdicts for f in v.outcome_facts),
            ]
        }.values(),
        key=lambda f: sort_key(kb, f),
    )
    if comparison is not None:
        extra = [s.used for r in comparison.rows for s in (r.a, r.b) if s is not None]
        cited = sorted({f.id: f for f in [*cited, *extra]}.values(), key=lambda f: sort_key(kb, f))
    sections = [_header(kb, targets.as_of, title), _scorecard(targets)]
    if comparison is not None:
        sections.append(_comparison(comparison))
    sections.append('<section id="metrics"><h2>Metrics</h2>')
    for metric in metrics:
        facts = sorted((f for f in shown if f.metric == metric.id), key=lambda f: sort_key(kb, f))
        if facts:
            sections.append(_metric_section(kb, metric, facts))
    sections.append("</section>")
    sections += [_citations(kb, cited), _seed_texts(kb, cited)]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>{''.join(sections)}</body></html>\n"
    )
