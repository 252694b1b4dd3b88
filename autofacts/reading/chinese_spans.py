"""Periods the Chinese reader gives a figure from what is said around it rather than from a period
phrase of its own: one month of a span (单月), a year's figure said in a month (年度), and the parts
a 其中 sentence gives of figures stated before.

`wholes` are the paragraph's level figures so far as (value, unit, period).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from autofacts.reading.mentions import Mention
from autofacts.reading.text import PeriodPhrase


def month_or_year(
    text: str, mention: Mention, periods: list[PeriodPhrase], label: str | None, why: str
) -> tuple[str | None, str]:
    """ "今年前7月的单月出口量": one month, the span's last; "去年9月把年度销售目标……下调至460万辆":
    a yearly figure, the month is when it was said."""
    last = max((p.end for p in periods if p.end <= mention.start), default=None)
    if label is None or last is None:
        return label, why
    said = text[last : mention.start]
    span = re.fullmatch(r"(\d{4})-01/\d{4}-(\d{2})", label)
    if span and "单月" in said:
        return f"{span[1]}-{span[2]}", f"{why}; 单月, its last month"
    if re.fullmatch(r"\d{4}-\d{2}", label) and re.search(r"年度|全年", said):
        return label[:4], f"{why}; '年度', the year of that month"
    return label, why


def parts_period(
    before: str | None,
    wholes: Sequence[tuple[Decimal, str | None, str | None]],
    mentions: Sequence[Mention],
    mention: Mention,
) -> tuple[str | None, str]:
    """The period of the parts a 其中 sentence gives: the sentence before's, unless its paragraph
    stated figures of more than one period (October's deliveries, then January to October's). Then
    the parts are of the whole they add up to, else of the only period whose figures they fit under
    ("10月交付5055台。前10个月累计交付31430台。其中，ES6交付2695辆，ES8交付1477辆，EC6交付883台": 5055,
    October); when the sums do not settle it, TODO."""
    said = (before, "period: the sentence before's, whose parts (其中) it gives")
    # flows only: a stock on a day ("截至10月31日累计交付25.96万辆") has no parts a month delivered
    stated = [
        (value, period)
        for value, unit, period in wholes
        if unit == mention.unit and period and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", period)
    ]
    if len({period for _, period in stated}) < 2 or mention.unit is None:
        return said
    total = sum((m.value for m in mentions if m.unit == mention.unit), Decimal(0))
    exact = [period for value, period in stated if value == total]
    if exact:
        return exact[-1], f"period: {exact[-1]}'s, the whole its parts (其中) add up to"
    fits = {period for value, period in stated if value >= total}
    if len(fits) == 1:
        period = next(iter(fits))
        return period, f"period: {period}'s, the only whole its parts (其中) fit under"
    return None, "period: parts (其中) of figures of more than one period, the sums do not settle which"
