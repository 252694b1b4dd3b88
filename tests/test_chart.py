"""chart.py: round axis ticks, series by region, and bounds drawn as bounds."""

from __future__ import annotations

import re
from decimal import Decimal as D

from autofacts.output.chart import (
    axis_unit,
    chart_series,
    metric_chart_svg,
    nice_ticks,
    rank_ticks,
    scale_groups,
    tick_label,
)


def test_ticks_are_round_and_cover_the_data() -> None:
    assert nice_ticks(D(0), D(34_000_000)) == [D(0), D(10_000_000), D(20_000_000), D(30_000_000), D(40_000_000)]
    assert nice_ticks(D(0), D("51.6")) == [D(0), D(20), D(40), D(60)]  # 12.9 a part rounds up to 20
    assert nice_ticks(D(0), D("2.84734")) == [D(0), D(1), D(2), D(3)]
    assert nice_ticks(D(0), D(16_800_000)) == [D(0), D(5_000_000), D(10_000_000), D(15_000_000), D(20_000_000)]
    assert nice_ticks(D(-3), D(6)) == [D(-5), D("-2.5"), D(0), D("2.5"), D(5), D("7.5")]
    assert nice_ticks(D(0), D(0)) == [D(0), D("0.25"), D("0.5"), D("0.75"), D(1)]  # nothing to scale: 0 to 1
    assert rank_ticks(D(7)) == [D(1), D(3), D(5), D(7)]
    assert rank_ticks(D(1)) == [D(1), D(2)]


def test_axis_says_the_unit_once_and_ticks_carry_only_numbers() -> None:
    assert axis_unit("vehicles", D(40_000_000)) == (D(1_000_000), "million vehicles")
    assert axis_unit("yuan", D(2 * 10**12)) == (D(10**12), "trillion yuan")
    assert axis_unit("vehicles", D(800_000)) == (D(1), "vehicles")
    assert axis_unit("percent", D(60)) == (D(1), "%")
    assert tick_label(D(2_500_000), D(1_000_000), "vehicles") == "2.5"
    assert tick_label(D(800_000), D(1), "vehicles") == "800,000"
    assert tick_label(D(3), D(1), "rank") == "3rd" and tick_label(D(11), D(1), "rank") == "11th"


def test_series_by_region_with_a_partial_year_apart(zh_kb) -> None:
    kb = zh_kb  # the bundled base with the worked Chinese example (examples/zh-2025-summary)
    metric = kb.metrics["vehicle-production"]
    series = chart_series(metric, kb.facts_for("vehicle-production"))
    # China has the most facts (2023 and 2024 from fyp14-review and 2024 from the example's Chinese summary, 2025 from
    # global-attention and the summary); Chongqing's Jan-Nov flow is not joined to its whole years
    assert [(s.name, len(s.facts)) for s in series] == [
        ("China", 5),
        ("Chongqing", 3),
        ("Chongqing, Jan–Nov 2025", 1),
        ("Guangzhou", 1),
    ]


def test_bounds_are_drawn_as_bounds(zh_kb) -> None:
    kb = zh_kb
    metric = kb.metrics["vehicle-sales"]
    svg = metric_chart_svg(metric, kb.facts_for("vehicle-sales"), link=True, size=(420, 240))
    # five "over" figures (2023 and 2024 from fyp14-review, 2024 and 2025 from the example's Chinese summary, 2025 from
    # global-attention): five dashed arrows towards larger values; the ministry's exact 31.436 M for 2024 a plain
    # dot; two target diamonds (the ≈ 32.3 M goal as the ministry states it and as the explainer restates it)
    assert svg.count('stroke-dasharray="4 3"') == 5
    assert svg.count('fill="white" stroke="#1f77b4"') == 2  # the ≈ 32.3 M targets, hollow
    assert svg.count("<circle") == 6
    # no line joins a bound (it would claim > 30 M was 30 M): 2024's exact figure has only bounds beside
    # it (2023 and 2025); every mark links to its citation
    assert 'stroke-opacity=".55"' not in svg
    assert svg.count('<a href="#cite-') == 8
    # the axis: 0 to 40 (million vehicles), ticks only at round values
    labels = [t for t in ("0", "10", "20", "30", "40") if f'text-anchor="end" fill="#333">{t}</text>' in svg]
    assert labels == ["0", "10", "20", "30", "40"]
    assert ">million vehicles</text>" in svg


def test_lines_join_reported_figures_only(kb) -> None:
    metric = kb.metrics["nev-share"]
    svg = metric_chart_svg(metric, kb.facts_for("nev-share"), link=True, size=(420, 240))
    # 5.4 % (2020) to 40.9 % (2024): one line, dashed across 2021-2023; none to "> 50 %" (2025), a bound,
    # and none to October 2025, a month, which is not joined to years
    lines = re.findall(r'<line [^>]*stroke-opacity=".55"[^>]*/>', svg)
    assert len(lines) == 1 and 'stroke-dasharray="2 3"' in lines[0]


def test_a_region_far_smaller_gets_its_own_chart(kb) -> None:
    metric = kb.metrics["nev-production"]
    groups = scale_groups(metric, kb.facts_for("nev-production"))
    # China reaches 16 M (and 13.65 M at the top of "about 13 M"), Chongqing 950,000: under a fifth
    assert [sorted({f.region for f in g}) for g in groups] == [["China"], ["Chongqing"]]
    production = scale_groups(kb.metrics["vehicle-production"], kb.facts_for("vehicle-production"))
    # China > 34 M; Guangzhou 3.108 M and Chongqing 3 M are within a factor of five of each other
    assert [sorted({f.region for f in g}) for g in production] == [["China"], ["Chongqing", "Guangzhou"]]
    share = scale_groups(kb.metrics["nev-share"], kb.facts_for("nev-share"))
    assert len(share) == 1
