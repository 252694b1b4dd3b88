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

import re
from collections import Counter
from dataclasses import dataclass, replace
from html import escape

from autofacts.answers.compare import Comparison, ComparisonRow, Side, compare_row
from autofacts.answers.query import FactGroup, best_fact
from autofacts.answers.targets import TargetReport, TargetVerdict
from autofacts.knowledge.model import Fact, KnowledgeBase, Metric, sort_key
from autofacts.knowledge.periods import in_words
from autofacts.knowledge.seeds import read_seed, seed_label
from autofacts.knowledge.units import format_interval
from autofacts.output.answers import percent_text
from autofacts.output.chart import MARKS, bullet_html, chart_series, metric_chart_svg, periods_of, scale_groups
from autofacts.output.comparison import change_text
from autofacts.output.derivations import fact_note
from autofacts.output.notes import row_note
from autofacts.output.records import excerpt, region_label, stated_value
from autofacts.output.verdicts import outcome_text, status_text, verdict_detail
from autofacts.reading.text import locate
from autofacts.version import __version__

HEADLINES = 4  # cards in the headline section: as many as a phone shows in two screens

STYLE = """
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
       max-width: 70rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { border-bottom: 2px solid #ddd; margin-top: 2.4rem; }
h3 { font-size: 1.02rem; margin: 0; }
a { color: #0b57d0; } .muted { color: #5f6368; font-size: .88rem; }
nav { display: flex; flex-wrap: wrap; gap: .2rem 1rem; margin: .6rem 0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .92rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .3rem .45rem; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
th { background: #f4f4f4; } td.num { text-align: right; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .8rem; }
.card { border: 1px solid #ddd; border-radius: .5rem; padding: .7rem .8rem; }
.card .big { font-size: 1.45rem; font-weight: 600; margin: .2rem 0; }
.card .big a { color: inherit; text-decoration: underline dotted #999; text-underline-offset: .25rem; }
.card p { margin: .15rem 0; }
.status { font-weight: 600; white-space: nowrap; padding: .05rem .45rem; border-radius: .3rem; font-size: .88rem; }
.status-met, .status-on-track { background: #e3f4e5; color: #1b5e20; }
.status-missed, .status-off-track { background: #fde7e7; color: #b71c1c; }
.status-cant-tell { background: #fff4d6; color: #7a5a00; }
.status-no-data, .status-pending, .status-not-measurable { background: #eee; color: #444; }
.target { border-bottom: 1px solid #e3e3e3; padding: .7rem 0; }
.target header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .2rem .6rem; }
.target p { margin: .25rem 0; } .target .note { color: #444; font-size: .9rem; }
.bullet { position: relative; height: 1.5rem; background: #f0f0f0; margin: .5rem 0 0; max-width: 40rem; }
.bullet > * { position: absolute; display: block; }
.bullet .band { top: 0; bottom: 0; background: #dadada; }
.bullet .bar, .bullet .upto, .bullet .range, .bullet .more, .bullet .proj { top: .4rem; bottom: .4rem; }
.bullet .bar { background: var(--c); }
.bullet .upto { border: 2px dashed var(--c); border-left: 0; }
.bullet .range { background: var(--c); opacity: .45; }
.bullet .more { background: linear-gradient(to right, var(--c), rgba(255, 255, 255, 0)); opacity: .55; }
.bullet .proj { background: repeating-linear-gradient(135deg, var(--c) 0 2px, transparent 2px 6px);
                border: 1px solid var(--c); }
.bullet .whisker { top: .62rem; height: .26rem; border: 1.5px solid #222; border-top: 0; }
.bullet .line { top: 0; bottom: 0; width: 3px; margin-left: -1.5px; background: #111; }
.bullet.status-met, .bullet.status-on-track { --c: #2e7d32; }
.bullet.status-missed, .bullet.status-off-track { --c: #c62828; }
.bullet.status-cant-tell { --c: #b7860b; } .bullet { --c: #777; }
.axis { position: relative; height: 1.2rem; font-size: .75rem; color: #555; max-width: 40rem; }
.axis .tick { position: absolute; top: .1rem; transform: translateX(-50%); white-space: nowrap; }
.axis .tick.first { transform: none; } .axis .tick.last { transform: translateX(-100%); }
.axis-unit { font-size: .75rem; color: #555; max-width: 40rem; text-align: right; }
.key { font-size: .85rem; color: #444; }
.key i { display: inline-block; width: 1.4rem; height: .7rem; vertical-align: middle; margin: 0 .2rem 0 .5rem; }
.trends { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 30rem), 1fr)); gap: 1.2rem 2rem; }
.trend figure { margin: .3rem 0 .6rem; } .trend svg.chart { width: 100%; height: auto; display: block; }
.trend table { font-size: .85rem; }
.swatch { display: inline-block; width: .7rem; height: .7rem; border-radius: 50%; vertical-align: middle; margin-right: .25rem; }
.legend { font-size: .85rem; margin: 0; } .legend span { margin-right: .8rem; white-space: nowrap; }
.citation { margin: .5rem 0; padding: .4rem .6rem; border-left: 3px solid #ccc; overflow-wrap: anywhere; }
.citation:target, mark:target { background: #fff3b0; outline: 2px solid #f0c000; }
.seed { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .9rem; background: #fafafa; padding: .6rem;
        border: 1px solid #eee; }
mark { background: #eef3ff; }
li { overflow-wrap: anywhere; }
@media (max-width: 44rem) {
  body { padding: .7rem; }
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: auto; }
  table.stack tr { border-bottom: 1px solid #ddd; padding: .35rem 0; }
  table.stack td { border: 0; padding: .05rem 0; text-align: left; white-space: normal; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; color: #5f6368; font-size: .85rem; }
  #single table.stack td:first-child, #compare table.stack td:first-child { font-weight: 600; }
  table.inline td { display: inline; } table.inline td[data-label]::before { content: none; }
  table.inline td + td[data-label]::before { content: " · "; color: #999; }
}
@media print { a { color: inherit; text-decoration: none; } .seed { break-inside: auto; } h2 { break-after: avoid; }
               .bullet, .bar, .proj, .more { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
"""


def _cite(fact: Fact, text: str) -> str:
    if fact.derived_from is not None:  # a derived figure has no quote: point at its first input
        fact = replace(fact, id=fact.derived_from.leaves[0])
    return f'<a href="#cite-{escape(fact.id)}" class="cite" data-fact="{escape(fact.id)}">{escape(text)}</a>'


def _status_class(status: str) -> str:
    return "status-" + status.replace("'", "").replace(" ", "-")


def _whole_bounds(body: str) -> str:
    """A figure's cell breaks only between the two ends of a range ("+784.3 % to +926.4 %"), so a
    wide comparison fits the page without a figure split inside itself."""
    parts = re.split(r"(<[^>]+>)", body)
    text = (p if p.startswith("<") else p.replace(" ", "\u00a0") for p in parts)
    return "".join(text).replace("\u00a0to\u00a0", " to\u00a0")


def _td(label: str, body: str, num: bool = False) -> str:
    """A table cell that, on a phone, shows its column's name before its content."""
    return f'<td data-label="{escape(label)}"{" class=num" if num else ""}>{_whole_bounds(body) if num else body}</td>'


def _table(headers: list[str], rows: list[str], inline: bool = False) -> str:
    """A table that folds on a phone: into labelled cards, or (`inline`, for short cells) one line a row."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    kind = "stack inline" if inline else "stack"
    return f'<table class="{kind}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


# --- which metrics lead -----------------------------------------------------------------------


def _actual(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.kind == "actual" and f.value is not None]


def by_knowledge(kb: KnowledgeBase, metrics: list[Metric]) -> list[Metric]:
    """Metrics the base knows best first: most periods with a reported figure, then most facts, then
    the catalogue's own order (which puts production before its growth rate)."""
    catalogue = {m: i for i, m in enumerate(kb.metrics)}
    facts = Counter(f.metric for f in kb.facts)
    periods = {m.id: periods_of(_actual(kb.facts_for(m.id))) for m in metrics}
    return sorted(metrics, key=lambda m: (-periods[m.id], -facts[m.id], catalogue.get(m.id, len(catalogue))))


@dataclass(frozen=True)
class Headline:
    """A metric's latest reported figure in its best-covered region, and its change on the last like period."""

    metric: Metric
    latest: Fact
    previous: Fact | None
    change: ComparisonRow | None


def _region(kb: KnowledgeBase, facts: list[Fact]) -> tuple[str, str | None]:
    """The region (and entity) with the most periods, then most facts, then most facts in the base."""
    everywhere = Counter(f.region for f in kb.facts)
    cells = Counter((f.region, f.entity) for f in facts)
    return min(
        cells,
        key=lambda c: (
            -periods_of([f for f in facts if (f.region, f.entity) == c]),
            -cells[c],
            c[1] is not None,
            -everywhere[c[0]],
            c[0],
        ),
    )


def headline(kb: KnowledgeBase, metric: Metric) -> Headline | None:
    """The latest reported figure of a metric stated for two periods or more, with its change on the
    latest earlier period of the same length (2025 on 2024, never on January to November)."""
    facts = _actual(kb.facts_for(metric.id))
    if periods_of(facts) < 2:
        return None
    region = _region(kb, facts)
    own = [f for f in facts if (f.region, f.entity) == region]
    last = max(own, key=lambda f: (f.period.end, f.period.months))
    latest = best_fact(kb, [f for f in own if f.period.same_span(last.period)])
    earlier = [f for f in own if f.period.end < latest.period.start and f.period.months == latest.period.months]
    if not earlier:
        return Headline(metric, latest, None, None)
    before = max(earlier, key=lambda f: f.period.end)
    previous = best_fact(kb, [f for f in earlier if f.period.same_span(before.period)])
    years = None
    if latest.period.is_year and previous.period.is_year:
        years = latest.period.start.year - previous.period.start.year
    side = Side(previous, FactGroup((previous,))), Side(latest, FactGroup((latest,)))
    return Headline(metric, latest, previous, compare_row(metric, side[0], side[1], years))


def _change_words(h: Headline) -> str:
    assert h.previous is not None and h.change is not None
    since = f"on {escape(in_words(h.previous.period))} ({_cite(h.previous, stated_value(h.previous, h.metric))})"
    change = h.change.change
    if change is None or (change.lo is None and change.hi is None):
        side = "lower" if h.latest.interval is not None and h.latest.interval.hi is None else "upper"
        return f"{since[3:]}: both figures are {side} bounds, so the change is not known"
    relative = "" if h.change.relative is None else f" ({escape(percent_text(h.change.relative))})"
    return f"<b>{escape(change_text(h.change))}</b>{relative} {since}"


def _headline_section(kb: KnowledgeBase, metrics: list[Metric]) -> str:
    cards = []
    for metric in metrics:
        h = headline(kb, metric)
        if h is None:
            continue
        source = kb.sources.get(h.latest.source)
        place = region_label(h.latest)
        change = _change_words(h) if h.previous is not None else "no earlier figure of the same length"
        cards.append(
            f'<article class="card" id="headline-{escape(metric.id)}"><h3><a href="#trend-{escape(metric.id)}">'
            f"{escape(metric.name)}</a></h3>"
            f'<p class="big">{_cite(h.latest, stated_value(h.latest, metric))}</p>'
            f"<p>{escape(place)}, {escape(in_words(h.latest.period))}</p><p>{change}</p>"
            f'<p class="muted">{escape(source.title if source else h.latest.source)}'
            f"{', ' + escape(source.published.label) if source else ''}</p></article>"
        )
        if len(cards) == HEADLINES:
            break
    if not cards:
        return ""
    return (
        '<section id="headline"><h2>Headline figures</h2><p class="muted">The metrics this knowledge base '
        "knows best (reported for the most periods), each with its latest figure and the change on the "
        f'period before.</p><div class="cards">{"".join(cards)}</div></section>'
    )


# --- targets ----------------------------------------------------------------------------------


def _target_figures(v: TargetVerdict) -> str:
    target = f"Target {_cite(v.target, stated_value(v.target, v.metric))}"
    if v.target.ceiling:
        target += " (a ceiling)"
    if v.target.value is None or v.outcome is None:
        return target
    share = "" if v.percent_of_target is None else escape(percent_text(v.percent_of_target, signed=False))
    others = "".join(" " + _cite(f, "[" + f.source + "]") for f in v.outcome_facts[1:])
    first = _cite(v.outcome_facts[0], outcome_text(v)) if v.outcome_facts else escape(outcome_text(v))
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
            bullet = bullet_html(v.target, v.metric, outcome, so_far, used, _status_class(v.status)[7:])
        detail = verdict_detail(v)
        if v.target.value is None:
            detail = f"A qualitative goal: “{' '.join(v.target.quote.split())}”"
        rows.append(
            f'<article class="target" id="target-{escape(v.target.id)}"><header>'
            f'<span class="status {_status_class(v.status)}">{escape(status_text(v))}</span>'
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
        cells = ["—" if s is None else _cite(s.used, stated_value(s.used, row.metric)) for s in (row.a, row.b)]
        rows.append(
            f"<tr>{_td('metric', escape(row.metric.name))}{_td('region', escape(row.region))}"
            f"{_td(a, cells[0], True)}{_td(b, cells[1], True)}{_td('change', escape(change_text(row)), True)}"
            f"{_td('change %', escape(percent_text(row.relative)), True)}{_td('CAGR', escape(percent_text(row.cagr)), True)}"
            f"{_td('note', f'<span class=muted>{escape(note)}</span>') if (note := row_note(row)) else '<td></td>'}</tr>"
        )
    return (
        f'<section id="compare"><h2>{escape(a)} compared with {escape(b)}</h2>'
        f"{_table(['metric', 'region', a, b, 'change', 'change %', 'CAGR', 'note'], rows)}"
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
        f"<tr>{_td('period', escape(in_words(f.period)))}"
        f"{_td('region', escape(region_label(f)))}"
        f"{_td('value', _cite(f, stated_value(f, metric)), True)}{_td('kind', escape(f.kind))}"
        f'{_td("source", f"""<a href="#source-{escape(f.source)}">{escape(f.source)}</a>""")}</tr>'
        for f in facts
    ]
    return (
        f'<article class="trend" id="trend-{escape(metric.id)}"><h3 id="metric-{escape(metric.id)}">'
        f'{escape(metric.name)}</h3><p class="muted">{escape(metric.id)}</p>'
        f"{''.join(charts)}"
        f"{_table(['period', 'region', 'value', 'kind', 'source'], rows, inline=True)}</article>"
    )


def _single_figures(kb: KnowledgeBase, metrics: list[Metric], shown: list[Fact]) -> str:
    rows = []
    for metric in metrics:
        for f in sorted((f for f in shown if f.metric == metric.id), key=lambda f: sort_key(kb, f)):
            kind = "" if f.kind == "actual" else f' <span class="muted">{escape(f.kind)}</span>'
            place = region_label(f)
            rows.append(
                f"<tr>{_td('metric', escape(metric.name))}"
                f"{_td('where, when', escape(place) + ', ' + escape(in_words(f.period)))}"
                f"{_td('value', _cite(f, stated_value(f, metric)) + kind, True)}"
                f"{_td('quote', '“' + escape(excerpt(f, 150)) + '” ' + _source_link(f))}</tr>"
            )
    if not rows:
        return ""
    return (
        '<section id="single"><h2>Figures stated for one period</h2><p class="muted">Metrics with a figure '
        "for a single period only: no trend to draw, so here is each figure with the words it comes from.</p>"
        f"{_table(['metric', 'where, when', 'value', 'quote'], rows)}</section>"
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
        ("headline", "Headline", _headline_section(kb, ordered)),
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
