"""One self-contained HTML page an analyst would send to a colleague.

The page opens with the headline figures (the metrics the base knows best: most periods, then most
facts, then the catalogue's order) with their latest value, change and source; then the targets
scorecard as bullet charts with every note readable under its row; the comparison of two periods
when asked; a time-series chart for each metric stated for two periods or more; one compact table
of the metrics known for a single period, with their quotes; the citation of every figure; and
the source texts with each quoted sentence anchored, so a reader can follow any number to its
sentence in context. No script, no file or font from the network: it opens offline, prints, and
reads on a phone (tables fold into cards on a narrow screen; nothing scrolls sideways).
"""

from __future__ import annotations

from html import escape

from autofacts.answers.compare import Comparison
from autofacts.answers.targets import TargetReport, TargetVerdict
from autofacts.knowledge.model import Fact, KnowledgeBase, Metric, sort_key
from autofacts.knowledge.periods import in_words
from autofacts.knowledge.seeds import read_seed, seed_label
from autofacts.knowledge.units import format_interval
from autofacts.output.answers import percent_text
from autofacts.output.chart import MARKS, bullet_html, chart_series, metric_chart_svg, periods_of, scale_groups
from autofacts.output.comparison import change_text
from autofacts.output.derivations import fact_note
from autofacts.output.headlines import by_knowledge, headline_section
from autofacts.output.notes import row_note
from autofacts.output.records import excerpt, region_label, stated_value
from autofacts.output.report_html import STYLE, cite, status_class, table, td
from autofacts.output.verdicts import outcome_text, status_text, verdict_detail
from autofacts.reading.text import locate
from autofacts.version import __version__

# --- targets ----------------------------------------------------------------------------------


def _target_figures(v: TargetVerdict) -> str:
    target = f"Target {cite(v.target, stated_value(v.target, v.metric))}"
    if v.target.ceiling:
        target += " (a ceiling)"
    if v.target.value is None or v.outcome is None:
        return target
    share = "" if v.percent_of_target is None else escape(percent_text(v.percent_of_target, signed=False))
    others = "".join(" " + cite(f, "[" + f.source + "]") for f in v.outcome_facts[1:])
    first = cite(v.outcome_facts[0], outcome_text(v)) if v.outcome_facts else escape(outcome_text(v))
    if v.projection is not None:
        so_far = f" ({share} of target)" if share else ""
        shown = format_interval(v.projection.projected, v.metric.unit)
        projected = f" · projected <b>{escape(shown)}</b>" if v.projected else ""
        return f"{target} · so far {first}{others}{so_far}{projected}"
    of_target = f" ({share} of target)" if share else ""
    return f"{target} · outcome {first}{others}{of_target}"


def _scorecard(report: TargetReport) -> str:
    year = f" for {report.year}" if report.year is not None else ""
    rows = []
    # judged targets first; those with nothing to judge them by (no data, pending, qualitative) after
    unjudged = ("no data", "pending", "not measurable")
    for v in sorted(report.verdicts, key=lambda v: v.status in unjudged):
        bullet = ""
        so_far = v.projection.ytd.interval if v.projection is not None else None
        known = v.outcome is not None and (v.outcome.lo is not None or v.outcome.hi is not None)
        if v.target.value is not None and (known or so_far is not None):
            used = v.outcome_facts[0] if v.outcome_facts else None
            # a verdict's outcome is what was observed; a projection's figure is its own
            outcome = v.outcome if v.projection is None else v.projection.projected if v.projected else None
            if v.projection is not None and not v.projected:  # already met with part of the period
                so_far, outcome = v.outcome, None
            bullet = bullet_html(v.target, v.metric, outcome, so_far, used, status_class(v.status)[7:])
        detail = verdict_detail(v)
        if v.target.value is None:
            detail = f"A qualitative goal: “{' '.join(v.target.quote.split())}”"
        rows.append(
            f'<article class="target" id="target-{escape(v.target.id)}"><header>'
            f'<span class="status {status_class(v.status)}">{escape(status_text(v))}</span>'
            f'<h3>{escape(v.metric.name)}</h3><span class="muted">{escape(region_label(v.target))}, '
            f"{escape(in_words(v.target.period))}</span>"
            f"</header><p>{_target_figures(v)}</p>{bullet}"
            f"{f'<p class=note>{escape(detail)}</p>' if detail else ''}</article>"
        )
    counts = ", ".join(f"{n} {s}" for s, n in report.counts().items() if n)
    key = (
        '<p class="key"><i style="background:#2e7d32"></i>outcome <i style="background:repeating-linear-gradient'
        '(135deg,#2e7d32 0 2px,transparent 2px 6px);border:1px solid #2e7d32"></i>projected for the whole period '
        '<i style="background:linear-gradient(to right,#2e7d32,#fff)"></i>more than (a lower bound) '
        '<i style="width:3px;background:#111"></i> target <i style="background:#dadada"></i>the target\'s ±5 %</p>'
    )
    return (
        f'<section id="targets"><h2>Targets{escape(year)}</h2>'
        f'<p class="muted">{len(report.verdicts)} targets: {escape(counts)}. &gt; and &lt; mark bounds, '
        f"≈ approximate figures; a projection extends the reported part of the period.</p>{key}"
        f"{''.join(rows)}</section>"
    )


# --- comparison, trends, single figures -----------------------------------------------------


def _comparison(comparison: Comparison) -> str:
    a, b = comparison.period_a.label, comparison.period_b.label
    rows = []
    for row in comparison.rows:
        cells = ["—" if s is None else cite(s.used, stated_value(s.used, row.metric)) for s in (row.a, row.b)]
        rows.append(
            f"<tr>{td('metric', escape(row.metric.name))}{td('region', escape(row.region))}"
            f"{td(a, cells[0], True)}{td(b, cells[1], True)}{td('change', escape(change_text(row)), True)}"
            f"{td('change %', escape(percent_text(row.relative)), True)}{td('CAGR', escape(percent_text(row.cagr)), True)}"
            f"{td('note', f'<span class=muted>{escape(note)}</span>') if (note := row_note(row)) else '<td></td>'}</tr>"
        )
    return (
        f'<section id="compare"><h2>{escape(a)} compared with {escape(b)}</h2>'
        f"{table(['metric', 'region', a, b, 'change', 'change %', 'CAGR', 'note'], rows)}"
        '<p class="muted">Shares and growth rates change in percentage points (pp).</p></section>'
    )


def _trend(kb: KnowledgeBase, metric: Metric, facts: list[Fact]) -> str:
    charts = []
    for group in scale_groups(metric, facts):
        legend = "".join(
            f'<span><i class="swatch" style="background:{s.colour}"></i>{escape(s.name)}</span>'
            for s in chart_series(metric, group)
        )
        charts.append(
            f'<figure>{metric_chart_svg(metric, group, link=True, size=(420, 240))}<figcaption class="legend">'
            f"{legend}</figcaption></figure>"
        )
    rows = [
        f"<tr>{td('period', escape(in_words(f.period)))}"
        f"{td('region', escape(region_label(f)))}"
        f"{td('value', cite(f, stated_value(f, metric)), True)}{td('kind', escape(f.kind))}"
        f'{td("source", f"""<a href="#source-{escape(f.source)}">{escape(f.source)}</a>""")}</tr>'
        for f in facts
    ]
    return (
        f'<article class="trend" id="trend-{escape(metric.id)}"><h3 id="metric-{escape(metric.id)}">'
        f'{escape(metric.name)}</h3><p class="muted">{escape(metric.id)}</p>'
        f"{''.join(charts)}"
        f"{table(['period', 'region', 'value', 'kind', 'source'], rows, inline=True)}</article>"
    )


def _single_figures(kb: KnowledgeBase, metrics: list[Metric], shown: list[Fact]) -> str:
    rows = []
    for metric in metrics:
        for f in sorted((f for f in shown if f.metric == metric.id), key=lambda f: sort_key(kb, f)):
            kind = "" if f.kind == "actual" else f' <span class="muted">{escape(f.kind)}</span>'
            place = region_label(f)
            rows.append(
                f"<tr>{td('metric', escape(metric.name))}"
                f"{td('where, when', escape(place) + ', ' + escape(in_words(f.period)))}"
                f"{td('value', cite(f, stated_value(f, metric)) + kind, True)}"
                f"{td('quote', '“' + escape(excerpt(f, 150)) + '” ' + _source_link(f))}</tr>"
            )
    if not rows:
        return ""
    return (
        '<section id="single"><h2>Figures stated for one period</h2><p class="muted">Metrics with a figure '
        "for a single period only: no trend to draw, so here is each figure with the words it comes from.</p>"
        f"{table(['metric', 'where, when', 'value', 'quote'], rows)}</section>"
    )


def _source_link(f: Fact) -> str:
    return f'<a class="muted" href="#source-{escape(f.source)}">{escape(f.source)}</a>'


# --- citations and sources ------------------------------------------------------------------


def _citations(kb: KnowledgeBase, facts: list[Fact]) -> str:
    items = []
    for f in facts:
        metric = kb.metrics[f.metric]
        source = kb.sources[f.source]
        items.append(
            f'<div class="citation" id="cite-{escape(f.id)}"><b>{escape(stated_value(f, metric))}</b> — '
            f"{escape(metric.name)}, {escape(f.region)}, {escape(f.period.label)} ({escape(f.kind)})"
            f"{'. ' + escape(note) if (note := fact_note(f)) else ''}<br>“{escape(' '.join(f.quote.split()))}”<br>"
            f'<span class="muted">{escape(source.title)}, {escape(source.published.label)} · '
            f'<a href="#quote-{escape(f.id)}">in context</a> · fact {escape(f.id)}</span></div>'
        )
    return f'<section id="citations"><h2>Citations</h2>{"".join(items)}</section>'


def _sources(kb: KnowledgeBase, facts: list[Fact]) -> str:
    """The list of sources, then each source's text, every quoted sentence marked and anchored."""
    ordered = sorted(kb.sources.values(), key=lambda s: (s.published.start, s.id))
    listing = "".join(
        f'<li id="source-{escape(s.id)}"><b>{escape(s.title)}</b>'
        f"{', ' + escape(s.publisher) if s.publisher else ''}, {escape(s.published.label)}"
        f"{' (date inferred)' if s.published_inferred else ''} — "
        f'<a href="#seed-{escape(s.id)}">read the text</a> <span class="muted">{escape(seed_label(kb, s.file))}</span></li>'
        for s in ordered
    )
    articles = []
    for source in ordered:
        text = read_seed(kb, source)  # one that cannot be read stops the report: no source silently left out
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
    return f'<section id="sources"><h2>Sources</h2><ul>{listing}</ul>{"".join(articles)}</section>'


def _stated_inputs(kb: KnowledgeBase, facts: list[Fact]) -> list[Fact]:
    """The facts to cite for `facts`: a derived figure is cited by the stated facts it came from."""
    by_id = {f.id: f for f in kb.facts}
    out = []
    for fact in facts:
        ids = fact.derived_from.leaves if fact.derived_from is not None else (fact.id,)
        out += [by_id[i] for i in ids if i in by_id]
    return out


def build_report(
    kb: KnowledgeBase,
    targets: TargetReport,
    metrics: list[Metric],
    comparison: Comparison | None,
    title: str,
) -> str:
    """The whole page as one string."""
    chosen = {m.id for m in metrics}
    shown = [f for f in kb.facts if f.metric in chosen]
    cited = {
        f.id: f
        for f in [
            *shown,
            *(v.target for v in targets.verdicts),
            *_stated_inputs(kb, [f for v in targets.verdicts for f in v.outcome_facts]),
        ]
    }
    if comparison is not None:
        used = [s.used for r in comparison.rows for s in (r.a, r.b) if s is not None]
        cited.update({f.id: f for f in _stated_inputs(kb, used)})
    ordered = by_knowledge(kb, metrics)
    trending = [m for m in ordered if periods_of(kb.facts_for(m.id)) >= 2]
    single = [m for m in kb.metrics.values() if m.id in chosen and m not in trending]

    trends = [
        _trend(kb, m, sorted((f for f in shown if f.metric == m.id), key=lambda f: sort_key(kb, f))) for m in trending
    ]
    parts = [
        ("headline", "Headline", headline_section(kb, ordered)),
        ("targets", "Targets", _scorecard(targets)),
        ("compare", "Comparison", _comparison(comparison) if comparison is not None else ""),
        (
            "trends",
            "Trends",
            f'<section id="trends"><h2>Trends</h2><p class="key">{escape(MARKS)}. A line joins two reported '
            f"figures (dashed across years with none); a bound stands alone.</p>"
            f'<div class="trends">{"".join(trends)}</div></section>'
            if trends
            else "",
        ),
        ("single", "Single figures", _single_figures(kb, single, shown)),
    ]
    nav = "".join(f'<a href="#{k}">{escape(label)}</a>' for k, label, html in parts if html)
    header = (
        f"<header><h1>{escape(title)}</h1>"
        f'<p class="muted">Knowledge base <b>{escape(kb.root.name)}</b>: {len(kb.facts)} facts, '
        f"{len(kb.metrics)} metrics, {len(kb.sources)} sources · as of {targets.as_of} · autofacts {__version__}. "
        "Every figure links to its citation, and the citation to its sentence in the source text.</p>"
        f'<nav>{nav}<a href="#citations">Citations</a><a href="#sources">Sources</a></nav></header>'
    )
    sections = [header, *(html for _, _, html in parts)]
    facts = sorted(cited.values(), key=lambda f: sort_key(kb, f))
    sections += [_citations(kb, facts), _sources(kb, facts)]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>{''.join(sections)}</body></html>\n"
    )
