"""Charts as inline SVG, drawn so that bounds stay bounds.

No charting library draws "over 16 million" as what it is, so this is small code of our own: an exact
figure is a dot, an approximate one a dot with a bar over its ±5 % range, a lower bound a dot with an
arrow running up off the scale (the value is larger, by how much the source does not say), an upper
bound an arrow running down, and a target a hollow diamond. One series per region.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from autofacts.model import Fact, Metric
from autofacts.units import format_number, format_stated

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 80, 16, 22, 64


def _tick(value: Decimal, unit: str) -> str:
    """An axis label: the number at its scale, the unit being in the title ("16 million")."""
    if unit in ("vehicles", "yuan", "usd", "units"):
        return format_number(value, "units", derived=True).removesuffix(" units")
    return format_number(value, unit, derived=True)


def _y(value: Decimal, top: Decimal) -> float:
    plot = HEIGHT - TOP - BOTTOM
    return HEIGHT - BOTTOM - float(value / top) * plot if top > 0 else HEIGHT - BOTTOM


def metric_chart_svg(metric: Metric, facts: list[Fact], link: bool = False) -> str:
    """One chart of a metric's facts over periods; with `link`, each mark links to #cite-ID."""
    shown = [f for f in facts if f.value is not None]
    title = f"{metric.name} ({metric.unit})"
    if not shown:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} 40" role="img">'
            f'<text x="8" y="24" font-size="13">{escape(title)}: nothing to chart</text></svg>'
        )
    periods = sorted({(f.period.start, f.period.end, f.period.label) for f in shown})
    labels = [p[2] for p in periods]
    regions = list(dict.fromkeys(f.region for f in shown))
    # the scale reaches the highest stated figure or the top of an "about" bar
    highest = max(
        max(f.value, f.interval.hi if f.interval and f.interval.hi is not None else f.value)
        for f in shown
        if f.value is not None
    )
    top = highest * Decimal("1.15") if highest > 0 else Decimal(1)
    step = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" class="chart" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        "" if link else f'<text x="{LEFT}" y="12" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#444"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#444"/>',
    ]
    for fraction in (Decimal(0), Decimal("0.5"), Decimal(1)):
        tick = top / Decimal("1.15") * fraction
        y = _y(tick, top)
        parts.append(f'<line x1="{LEFT - 4}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(_tick(tick, metric.unit))}</text>'
        )
    rotate = len(labels) > 6
    for i, label in enumerate(labels):
        x = LEFT + step * (i + 0.5)
        anchor = "end" if rotate else "middle"
        transform = f' transform="rotate(-40 {x:.1f} {HEIGHT - BOTTOM + 14})"' if rotate else ""
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 14}" text-anchor="{anchor}"{transform}>{escape(label)}</text>'
        )

    index = {p[2]: i for i, p in enumerate(periods)}
    placed: dict[tuple[str, str], int] = {}
    for r, region in enumerate(regions):
        colour = PALETTE[r % len(PALETTE)]
        offset = (r - (len(regions) - 1) / 2) * min(10.0, step / (len(regions) + 1))
        for fact in (f for f in shown if f.region == region):
            # a second source for the same period and region stands just beside the first
            again = placed.get((fact.period.label, region), 0)
            placed[(fact.period.label, region)] = again + 1
            x = LEFT + step * (index[fact.period.label] + 0.5) + offset + 9 * again
            parts.append(_mark(fact, metric, x, top, colour, link))
    legend_y = HEIGHT - 12
    x = LEFT
    for r, region in enumerate(regions):
        colour = PALETTE[r % len(PALETTE)]
        parts.append(f'<circle cx="{x + 4}" cy="{legend_y - 4}" r="4" fill="{colour}"/>')
        parts.append(f'<text x="{x + 12}" y="{legend_y}">{escape(region)}</text>')
        x += 18 + 7 * len(region)
    parts.append(
        f'<text x="{WIDTH - RIGHT}" y="{legend_y}" text-anchor="end" fill="#555">'
        "● exact · ⟂ about (±5 %) · ↑ lower bound · ↓ upper bound · ◇ target</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _mark(fact: Fact, metric: Metric, x: float, top: Decimal, colour: str, link: bool) -> str:
    """One figure: its dot or diamond, and the bar or arrow its qualifier calls for."""
    assert fact.value is not None and fact.interval is not None
    y = _y(fact.value, top)
    label = escape(
        f"{fact.period} {fact.region}: {format_stated(fact.value, fact.qualifier, metric.unit, fact.upper)} ({fact.kind})"
    )
    out = [f"<g><title>{label}</title>"]
    iv = fact.interval
    if fact.qualifier == "about" and iv.lo is not None and iv.hi is not None:
        y_lo, y_hi = _y(iv.lo, top), _y(iv.hi, top)
        out.append(
            f'<line x1="{x:.1f}" y1="{y_lo:.1f}" x2="{x:.1f}" y2="{y_hi:.1f}" stroke="{colour}" stroke-width="2"/>'
        )
        for yy in (y_lo, y_hi):
            out.append(f'<line x1="{x - 4:.1f}" y1="{yy:.1f}" x2="{x + 4:.1f}" y2="{yy:.1f}" stroke="{colour}"/>')
    elif fact.qualifier in ("over", "at-least"):
        end = TOP + 2
        out.append(
            f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{end}" stroke="{colour}" stroke-width="2" stroke-dasharray="4 3"/>'
            f'<path d="M{x - 5:.1f},{end + 7} L{x:.1f},{end} L{x + 5:.1f},{end + 7}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
    elif fact.qualifier in ("under", "at-most", "nearly"):
        end = HEIGHT - BOTTOM - 2
        out.append(
            f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{end}" stroke="{colour}" stroke-width="2" stroke-dasharray="4 3"/>'
            f'<path d="M{x - 5:.1f},{end - 7} L{x:.1f},{end} L{x + 5:.1f},{end - 7}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
    if fact.kind == "target":
        out.append(
            f'<path d="M{x:.1f},{y - 7:.1f} L{x + 7:.1f},{y:.1f} L{x:.1f},{y + 7:.1f} L{x - 7:.1f},{y:.1f} Z" '
            f'fill="white" stroke="{colour}" stroke-width="2"/>'
        )
    else:
        hollow = fact.kind in ("forecast", "estimate")
        fill = "white" if hollow else colour
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{fill}" stroke="{colour}" stroke-width="2"/>')
    out.append("</g>")
    body = "".join(out)
    if link:
        return f'<a href="#cite-{escape(fact.id)}" class="mark" data-fact="{escape(fact.id)}">{body}</a>'
    return body
