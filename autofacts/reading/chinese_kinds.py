"""Whether a Chinese figure is an outcome, a forecast, an estimate or a target, from the words that
govern it: 提出/目标/力争/规划 make a target, 预计/预测/有望/将达到 a forecast, 估计/初步统计 of a
period already over an estimate; a condition (除非, 如果) or a period not over with no such word is
left TODO. A word governs its clause and those after it up to a turn (但, 惟, 最终, 实际) or a
semicolon before a period of its own; a target met (完成年度目标的118%) is an outcome."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from autofacts.knowledge.parse import PLACEHOLDER
from autofacts.knowledge.periods import parse_period
from autofacts.reading.candidate import AS_OF_PUBLICATION
from autofacts.reading.chinese_entities import clause_bounds
from autofacts.reading.text import PeriodPhrase

TARGET = re.compile(r"目标|力争|提出|规划|计划|确保|争取|要求|方案|意见")
_IF = re.compile(r"除非|如果|假如|假设|倘若|若")
_ESTIMATE = re.compile(r"估计|估算|预估|初步统计|初步测算|初步数据|测算")  # of a period over: an estimate
# an outcome set against what was expected ("好于年初预期", "超出市场预期", "不及预期") states no forecast
_AGAINST = (
    r"(?<!于)(?<!于年初)(?<!于此前)(?<!于市场)(?<!于外界)(?<!超)(?<!超出)(?<!超市场)(?<!超出市场)(?<!不及)(?<!符合)"
)
FORECAST = re.compile(
    rf"预计|预测|有望|可望|{_AGAINST}预期|估计|估算|预估|初步统计|初步测算|初步数据|测算|预料|料将|展望|推算|将(?=在|达|超|突破|占据|实现|迎来|成为)"
)
# a turn that ends what a forecast or a target word before it governs: "……，最终虽然达标，惟7.73%……"
_TURN = re.compile(r"[，,]\s*(?:最终|但|惟|然而|不过|实际|事实上|而)")
_MET = re.compile(r"(?:完成|实现|达成|超额完成|提前完成)[^，。；,;]{0,8}$")


def kind_of(
    text: str, period: str | None, published: date | None, at: int | None = None, periods: Sequence[PeriodPhrase] = ()
) -> tuple[str, str]:
    """Target or forecast by the words before the end of the figure's clause ("225万辆，有望首次超过特斯拉":
    the hope is about the next clause, the 2.25 million are sold); else actual, or TODO for a period
    not over when the text was published."""
    end = len(text) if at is None else clause_bounds(text, at)[1]
    if at is not None and _IF.search(text, clause_bounds(text, at)[0], at):
        return PLACEHOLDER, "kind: a condition ('除非', '如果'), not a figure stated as fact"
    scope = 0  # from a semicolon before a period of its own ("预估440,907辆；去年则交付……"), or a turn
    if at is not None:
        semi = max(text.rfind("；", 0, at), text.rfind(";", 0, at))
        scope = semi + 1 if semi >= 0 and any(semi < p.start < at for p in periods) else 0
        scope = max([scope] + [t.start() for t in _TURN.finditer(text, scope, at)])
    forecast, target = FORECAST.search(text, scope, end), TARGET.search(text, scope, end)
    while target is not None and _MET.search(text, max(scope, target.start() - 10), target.start()):
        target = TARGET.search(text, target.end(), end)  # "完成年度销量目标的118%": an outcome, not a target
    over = _over(period, published)
    if forecast and _ESTIMATE.fullmatch(forecast[0]) and over is not False:
        return "estimate", f"kind: '{forecast[0]}' of a period over (市场估计, 初步统计)"
    if forecast and target and target.start() < forecast.start():
        # "销量目标为1550万辆，同比增幅预计达20%": what a plan's target is expected to come to is its target
        return "target", f"kind: '{target[0]}', what '{forecast[0]}' after it says is the target's"
    if forecast:
        return "forecast", f"kind: '{forecast[0]}'"
    if target:
        return "target", f"kind: '{target[0]}'"
    if over is False:
        return PLACEHOLDER, "kind: a period not over at publication, and no word says target or forecast"
    return "actual", ""


def _over(period: str | None, published: date | None) -> bool | None:
    """Whether the period had ended when the text was published (None: cannot tell)."""
    if not period or published is None or period == AS_OF_PUBLICATION:
        return None
    try:
        return parse_period(period).end < published
    except ValueError:
        return None
