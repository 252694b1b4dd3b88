"""Charts drawn so that bounds stay bounds: time series as inline SVG, target bullets as HTML.

No charting library draws "over 16 million" as what it is, so this is small code of our own. In a
time series an exact figure is a dot, an approximate one a dot with a bar over its ±5 % range, a
lower bound a dot with an arrow running off the scale towards larger values (by how much the source
does not say), an upper bound an arrow running the other way, a target a hollow diamond, a forecast
or estimate a hollow dot. One series per region; a flow over a shorter period (January to November)
is its own series, never joined to whole years. The time axis is to scale, so 2020 and 2024 stand
four years apart, and axes carry round ticks (0, 10, 20, 30 million) with the unit said once.

A target's bullet is plain HTML and CSS (a bar in a track, positions in per cent) so that it keeps
its text size on a phone, where a scaled-down SVG would shrink its labels to nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from html import escape

from autofacts.knowledge.interval import Interval
from autofacts.knowledge.model import Fact, Metric
from autofacts.knowledge.periods import Period, in_words
from autofacts.knowledge.units import format_stated, plain
from autofacts.output.records import named_with_unit

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
_NICE = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))
_UNIT_WORDS = {"percent": "%", "times": "×", "usd": "U.S. dollars", "none": ""}


# --- scales ---------------------------------------------------------------------------------


def nice_step(span: Decimal, parts: int = 4) -> Decimal:
    """A round step (1, 2, 2.5 or 5 times a power of ten) cutting `span` into about `parts` parts."""
    raw = span / parts
    power = Decimal(1).scaleb(raw.adjusted())
    return next(n * power for n in _NICE if n * power >= raw)


def nice_ticks(lo: Decimal, hi: Decimal, parts: int = 4) -> list[Decimal]:
    """Round ticks from a step multiple at or below `lo` to one at or above `hi` (the axis's ends)."""
    if hi <= lo:
        hi = lo + (abs(lo) or Decimal(1))
    step = nice_step(hi - lo, parts)
    first = (lo / step).to_integral_value(ROUND_FLOOR) * step
    last = (hi / step).to_integral_value(ROUND_CEILING) * step
    return [first + step * i for i in range(int((last - first) / step) + 1)]


def rank_ticks(worst: Decimal, parts: int = 4) -> list[Decimal]:
    """Ticks of a rank axis: 1st, then round steps down to the worst place (1, 3, 5, 7)."""
    if worst <= 1:
        return [Decimal(1), Decimal(2)]
    step = max(nice_step(worst - 1, parts), Decimal(1))
    count = int(((worst - 1) / step).to_integral_value(ROUND_CEILING))
    return [1 + step * i for i in range(count + 1)]


def axis_unit(unit: str, top: Decimal) -> tuple[Decimal, str]:
    """What tick numbers are divided by, and the unit said once for the axis ("million vehicles")."""
    word = _UNIT_WORDS.get(unit, unit)
    if unit in ("vehicles", "yuan", "usd", "units"):
        for size, scale in _SCALES:
            if top >= size:
                return size, f"{scale} {word}"
    return Decimal(1), word


def tick_label(value: Decimal, divisor: Decimal, unit: str) -> str:
    """A tick's number at the axis's scale: 30 (million), 2.5 (million), 40 (%), 3rd."""
    if unit == "rank":
        n = int(value)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    text = plain(value / divisor)
    return f"{int(text):,}" if text.lstrip("-").isdigit() else text


def _reach(iv: Interval) -> list[Decimal]:
    """The finite values an interval's drawing reaches (its bounds and nominal value)."""
    return [v for v in (iv.lo, iv.hi, iv.nominal) if v is not None]


# --- time series ----------------------------------------------------------------------------


def _year_fraction(day: date) -> float:
    start = date(day.year, 1, 1)
    return day.year + (day - start).days / (date(day.year + 1, 1, 1) - start).days


def _middle(period: Period) -> float:
    """Where a period stands on a time axis: its middle (a year's figure at mid-year)."""
    end = _year_fraction(period.end) + 1 / 365
    return (_year_fraction(period.start) + end) / 2


@dataclass(frozen=True)
class Series:
    """Facts of one region (and, for flows, one length of period) drawn in one colour."""

    name: str
    colour: str
    facts: tuple[Fact, ...]


def chart_series(metric: Metric, facts: list[Fact]) -> list[Series]:
    """One series per region; a flow over shorter periods than the region's usual is a series of its own."""
    shown = [f for f in facts if f.value is not None]
    # the best-covered region first, so it takes the first colour
    count = Counter((f.region, f.entity) for f in shown)
    regions = sorted(count, key=lambda c: (-count[c], c[1] is not None, c[0], c[1] or ""))
    out: list[Series] = []
    for region, entity in regions:
        own = [f for f in shown if (f.region, f.entity) == (region, entity)]
        name = region + (f" · {entity}" if entity else "")
        lengths = [f.period.months for f in own] if metric.measure == "flow" else [0] * len(own)
        usual = max(set(lengths), key=lambda n: (lengths.count(n), n))
        for length in dict.fromkeys(sorted(set(lengths), key=lambda n: n != usual)):
            part = tuple(f for f, n in zip(own, lengths, strict=True) if n == length)
            label = name
            if length != usual:
                spans = {f.period.label: f.period for f in part}
                label += ", " + (in_words(next(iter(spans.values()))) if len(spans) == 1 else f"{length}-month periods")
            out.append(Series(label, PALETTE[len(out) % len(PALETTE)], part))
    return out


def scale_groups(metric: Metric, facts: list[Fact], ratio: int = 5) -> list[list[Fact]]:
    """The facts split into charts of their own scale: a region whose figures are all under a fifth of
    the largest region's would lie flat on the floor of its chart (Chongqing's 950,000 under China's
    16 million), so it gets its own chart. Ranks share one axis."""
    series = chart_series(metric, facts)
    if metric.unit == "rank" or len(series) < 2:
        return [[f for f in facts if f.value is not None]]
    regions: dict[tuple[str, str | None], Decimal] = {}
    for f in facts:
        if f.value is not None and f.interval is not None:
            key = (f.region, f.entity)
            regions[key] = max(regions.get(key, Decimal(0)), *_reach(f.interval))
    groups: list[tuple[Decimal, list[tuple[str, str | None]]]] = []
    for key in sorted(regions, key=lambda k: -regions[k]):
        if groups and regions[key] * ratio >= groups[-1][0]:
            groups[-1][1].append(key)
        else:
            groups.append((regions[key], [key]))
    return [[f for f in facts if f.value is not None and (f.region, f.entity) in keys] for _, keys in groups]


def periods_of(facts: list[Fact]) -> int:
    """How many distinct periods the numeric facts cover (a time series needs two)."""
    return len({(f.period.start, f.period.end) for f in facts if f.value is not None})


def metric_chart_svg(metric: Metric, facts: list[Fact], link: bool = False, size: tuple[int, int] = (640, 290)) -> str:
    """A metric's facts over time as SVG; with `link` (the report) each mark links to #cite-ID and the
    title and legend are left to the page, where they stay legible on a phone."""
    width, height = size
    series = chart_series(metric, facts)
    title = named_with_unit(metric.name, metric.unit)
    if not series:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 40" role="img">'
            f'<text x="8" y="24" font-size="13">{escape(title)}: nothing to chart</text></svg>'
        )
    shown = [f for s in series for f in s.facts]
    rank = metric.unit == "rank"
    reach = [v for f in shown if f.interval is not None for v in _reach(f.interval)]
    ticks = rank_ticks(max(reach)) if rank else nice_ticks(min([Decimal(0), *reach]), max(reach))
    divisor, caption = axis_unit(metric.unit, ticks[-1])
    legend_rows = 0 if link else 1
    left, right = 12 + 7 * max(len(tick_label(t, divisor, metric.unit)) for t in ticks), 14
    top, bottom = (22 if link else 40), height - 24 - 18 * legend_rows
    first_year = min(f.period.start.year for f in shown)
    last_year = max(f.period.end.year for f in shown)
    years = last_year - first_year + 1

    def x_of(when: float) -> float:
        return left + (when - first_year) / years * (width - left - right)

    def y_of(value: Decimal) -> float:
        share = float((value - ticks[0]) / (ticks[-1] - ticks[0]))
        return top + share * (bottom - top) if rank else bottom - share * (bottom - top)

    fixed = "" if link else f' width="{width}" height="{height}" style="background:white"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart" font-family="sans-serif" font-size="12"{fixed}>',
        f"<title>{escape(title)}</title>",
        "" if link else f'<text x="{left}" y="15" font-weight="bold" font-size="13">{escape(metric.name)}</text>',
        f'<text x="{left}" y="{top - 8}" fill="#555">{escape(caption or metric.unit)}</text>' if not rank else "",
    ]
    for tick in ticks:
        y = y_of(tick)
        colour = "#444" if tick == 0 and not rank else "#e2e2e2"
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{colour}"/>')
        parts.append(
            f'<text x="{left - 5}" y="{y + 4:.1f}" text-anchor="end" fill="#333">'
            f"{escape(tick_label(tick, divisor, metric.unit))}</text>"
        )
    step = 1 if years <= 8 else 2 if years <= 16 else 5
    for year in range(first_year, last_year + 1):
        x0 = x_of(year)
        parts.append(f'<line x1="{x0:.1f}" y1="{bottom}" x2="{x0:.1f}" y2="{bottom + 4}" stroke="#888"/>')
        if (year - first_year) % step == 0 or year == last_year and step == 1:
            parts.append(f'<text x="{x_of(year + 0.5):.1f}" y="{bottom + 16}" text-anchor="middle">{year}</text>')
    parts.append(f'<line x1="{left}" y1="{bottom}" x2="{width - right}" y2="{bottom}" stroke="#444"/>')

    larger_end = bottom - 2 if rank else top + 2  # where an arrow "more than" points
    smaller_end = top + 2 if rank else bottom - 2
    dashed = ' stroke-dasharray="2 3"'
    for s in series:
        # a line through the actual figures of the usual length (no month joined to a year), one per
        # period, dashed across a gap between periods, and never to or from a bound
        lengths = Counter(f.period.months for f in s.facts if f.kind == "actual")
        usual = max(lengths, key=lambda n: (lengths[n], n), default=0)
        line: dict[tuple[date, date], Fact] = {}
        for f in sorted(s.facts, key=lambda f: (f.kind != "actual", _precision(f))):
            if f.kind == "actual" and f.period.months == usual:
                line.setdefault((f.period.start, f.period.end), f)
        points = sorted(line.values(), key=lambda f: f.period.start)
        for a, b in zip(points, points[1:], strict=False):
            if _one_sided(a) or _one_sided(b):  # a line would claim a value the source never gave
                continue
            gap = (b.period.start - a.period.end).days > 1
            assert a.value is not None and b.value is not None
            parts.append(
                f'<line x1="{x_of(_middle(a.period)):.1f}" y1="{y_of(a.value):.1f}" x2="{x_of(_middle(b.period)):.1f}" '
                f'y2="{y_of(b.value):.1f}" stroke="{s.colour}" stroke-opacity=".55" stroke-width="1.5"{dashed if gap else ""}/>'
            )
        placed: dict[tuple[date, date], int] = {}
        for f in s.facts:
            again = placed.get((f.period.start, f.period.end), 0)
            placed[(f.period.start, f.period.end)] = again + 1
            x = x_of(_middle(f.period)) + 9 * again  # a second source for the period stands beside the first
            parts.append(_mark(f, metric, x, y_of, larger_end, smaller_end, s.colour, link))
    if not link:
        x = float(left)
        for s in series:
            parts.append(f'<circle cx="{x + 4:.1f}" cy="{height - 10}" r="4" fill="{s.colour}"/>')
            parts.append(f'<text x="{x + 12:.1f}" y="{height - 6}">{escape(s.name)}</text>')
            x += 22 + 6.5 * len(s.name)
        parts.append(f'<text x="{width - right}" y="{height - 6}" text-anchor="end" fill="#555">{escape(MARKS)}</text>')
    parts.append("</svg>")
    return "".join(parts)


MARKS = "● exact · ○ forecast · ⟂ about (±5 %) · ↑ lower bound · ↓ upper bound · ◇ target"


def _one_sided(fact: Fact) -> bool:
    iv = fact.interval
    return iv is None or iv.lo is None or iv.hi is None


def _precision(fact: Fact) -> int:
    iv = fact.interval
    return 0 if iv is not None and iv.is_exact else 1 if iv is not None and iv.is_bounded else 2


def _mark(
    fact: Fact,
    metric: Metric,
    x: float,
    y_of: Callable[[Decimal], float],
    larger_end: float,
    smaller_end: float,
    colour: str,
    link: bool,
) -> str:
    """One figure: its dot or diamond, and the bar or arrow its qualifier calls for."""
    assert fact.value is not None and fact.interval is not None
    y = y_of(fact.value)
    label = escape(
        f"{in_words(fact.period)} {fact.region}: "
        f"{format_stated(fact.value, fact.qualifier, metric.unit, fact.upper)} ({fact.kind})"
    )
    out = [f"<g><title>{label}</title>"]
    iv = fact.interval
    if fact.qualifier == "about" and iv.lo is not None and iv.hi is not None:
        y_lo, y_hi = y_of(iv.lo), y_of(iv.hi)
        out.append(
            f'<line x1="{x:.1f}" y1="{y_lo:.1f}" x2="{x:.1f}" y2="{y_hi:.1f}" stroke="{colour}" stroke-width="2"/>'
        )
        for yy in (y_lo, y_hi):
            out.append(f'<line x1="{x - 4:.1f}" y1="{yy:.1f}" x2="{x + 4:.1f}" y2="{yy:.1f}" stroke="{colour}"/>')
    elif iv.hi is None or iv.lo is None:  # one-sided: an arrow towards the values it allows
        end = larger_end if iv.hi is None else smaller_end
        tip = 7 if end > y else -7
        out.append(
            f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{end:.1f}" stroke="{colour}" stroke-width="2" stroke-dasharray="4 3"/>'
            f'<path d="M{x - 5:.1f},{end - tip:.1f} L{x:.1f},{end:.1f} L{x + 5:.1f},{end - tip:.1f}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
    if fact.kind == "target":
        out.append(
            f'<path d="M{x:.1f},{y - 7:.1f} L{x + 7:.1f},{y:.1f} L{x:.1f},{y + 7:.1f} L{x - 7:.1f},{y:.1f} Z" '
            f'fill="white" stroke="{colour}" stroke-width="2"/>'
        )
    else:
        fill = "white" if fact.kind in ("forecast", "estimate") else colour
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{fill}" stroke="{colour}" stroke-width="2"/>')
    out.append("</g>")
    body = "".join(out)
    if link:
        return f'<a href="#cite-{escape(fact.id)}" class="mark" data-fact="{escape(fact.id)}">{body}</a>'
    return body


# --- target bullets -------------------------------------------------------------------------


def _pct(value: Decimal, ticks: list[Decimal]) -> str:
    share = (value - ticks[0]) / (ticks[-1] - ticks[0]) * 100
    return plain(share.quantize(Decimal("0.01")))


def _span(cls: str, lo: Decimal, hi: Decimal, ticks: list[Decimal], href: str | None, title: str) -> str:
    """A positioned piece of a bullet from `lo` to `hi` on the axis, linking to a citation if given."""
    left, right = _pct(min(lo, hi), ticks), _pct(max(lo, hi), ticks)
    width = plain(Decimal(right) - Decimal(left))
    style = f"left:{left}%;width:{width}%"
    tag = f'a href="{escape(href)}"' if href else "span"
    return f'<{tag} class="{cls}" style="{style}" title="{escape(title)}"></{tag.split()[0]}>'


def bullet_html(
    target: Fact,
    metric: Metric,
    outcome: Interval | None,
    so_far: Interval | None,
    outcome_fact: Fact | None,
    status: str,
) -> str:
    """A target's bullet: the target line (its ±5 % band when approximate), the outcome bar — or the
    year-to-date bar and the hatched projection beyond it — and a round-ticked axis under it.

    A lower bound is a bar that fades out towards larger values ("over 34 million"), an approximate
    figure a bar with a whisker over its range; the bars link to the outcome's citation."""
    assert target.value is not None and target.interval is not None
    drawn = [iv for iv in (target.interval, outcome, so_far) if iv is not None]
    reach = [v for iv in drawn for v in _reach(iv)]
    high = max(reach)
    if outcome is not None and outcome.hi is None and outcome.lo is not None:
        high = max(high, outcome.lo * Decimal("1.12"))  # room for the bar to fade out beyond the bound
    ticks = nice_ticks(min([Decimal(0), *reach]), high)
    zero = max(ticks[0], Decimal(0))
    cited = outcome_fact.derived_from.leaves[0] if outcome_fact and outcome_fact.derived_from else outcome_fact
    cite = None if cited is None else f"#cite-{cited if isinstance(cited, str) else cited.id}"
    parts = []
    t = target.interval
    if t.lo is not None and t.hi is not None and t.lo != t.hi:
        parts.append(_span("band", t.lo, t.hi, ticks, None, "the target's ±5 % range"))
    solid = so_far if so_far is not None else outcome
    if so_far is not None and outcome is not None and outcome.nominal is not None and so_far.nominal is not None:
        parts.append(_span("proj", so_far.nominal, outcome.nominal, ticks, None, "projected for the whole period"))
        if outcome.lo is not None and outcome.hi is not None and outcome.lo != outcome.hi:
            parts.append(_span("whisker", outcome.lo, outcome.hi, ticks, None, "range of the projection"))
    if solid is not None:
        lo, hi, nominal = solid.lo, solid.hi, solid.nominal
        if lo is not None and hi is None:  # a lower bound: the bar goes on, fading
            parts.append(_span("bar", zero, lo, ticks, cite, "reported (a lower bound)"))
            parts.append(_span("more", lo, ticks[-1], ticks, None, "more than this: the source gives no upper figure"))
        elif hi is not None and lo is None:  # an upper bound: somewhere below
            parts.append(_span("upto", zero, hi, ticks, cite, "reported as at most this"))
        elif lo is not None and hi is not None and nominal is not None and lo <= nominal <= hi:
            parts.append(_span("bar", zero, nominal, ticks, cite, "reported"))
            if lo != hi:
                parts.append(_span("whisker", lo, hi, ticks, None, "range of the approximate figure"))
        elif lo is not None and hi is not None:
            parts.append(_span("range", lo, hi, ticks, cite, "somewhere in this range"))
    line = _pct(target.value, ticks)
    parts.append(f'<a class="line" href="#cite-{escape(target.id)}" style="left:{line}%" title="the target"></a>')
    divisor, caption = axis_unit(metric.unit, ticks[-1])
    labels = []
    for i, tick in enumerate(ticks):
        edge = " first" if i == 0 else " last" if i == len(ticks) - 1 else ""
        labels.append(
            f'<span class="tick{edge}" style="left:{_pct(tick, ticks)}%">{escape(tick_label(tick, divisor, metric.unit))}</span>'
        )
    return (
        f'<div class="bullet status-{escape(status)}">{"".join(parts)}</div>'
        f'<div class="axis">{"".join(labels)}</div><div class="axis-unit">{escape(caption)}</div>'
    )
