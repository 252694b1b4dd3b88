"""The report page's look: its stylesheet, and the pieces of markup every section builds with
(a cited figure, a table that folds into cards on a phone, a status's class)."""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape

from autofacts.knowledge.model import Fact

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


def cite(fact: Fact, text: str) -> str:
    if fact.derived_from is not None:  # a derived figure has no quote: point at its first input
        fact = replace(fact, id=fact.derived_from.leaves[0])
    return f'<a href="#cite-{escape(fact.id)}" class="cite" data-fact="{escape(fact.id)}">{escape(text)}</a>'


def status_class(status: str) -> str:
    return "status-" + status.replace("'", "").replace(" ", "-")


def _whole_bounds(body: str) -> str:
    """A figure's cell breaks only between the two ends of a range ("+784.3 % to +926.4 %"), so a
    wide comparison fits the page without a figure split inside itself."""
    parts = re.split(r"(<[^>]+>)", body)
    text = (p if p.startswith("<") else p.replace(" ", "\u00a0") for p in parts)
    return "".join(text).replace("\u00a0to\u00a0", " to\u00a0")


def td(label: str, body: str, num: bool = False) -> str:
    """A table cell that, on a phone, shows its column's name before its content."""
    return f'<td data-label="{escape(label)}"{" class=num" if num else ""}>{_whole_bounds(body) if num else body}</td>'


def table(headers: list[str], rows: list[str], inline: bool = False) -> str:
    """A table that folds on a phone: into labelled cards, or (`inline`, for short cells) one line a row."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    kind = "stack inline" if inline else "stack"
    return f'<table class="{kind}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
