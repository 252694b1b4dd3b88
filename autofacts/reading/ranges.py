"""Two numbers that state one figure with both its ends: "between 1.2 and 1.5 million", "3% to 5%",
"190,000–205,000 units", 190万至205万辆, 在120万辆到150万辆之间. One Mention, qualifier "between",
value its foot and `upper` its top (as the knowledge model writes an interval).

"from A to B", "rose 200,000 to 1.5 million" and 毛利率降5.4%到15.5% are a change and the level it
reached, not a range.
"""

from __future__ import annotations

import re
from decimal import Decimal

from autofacts.reading.hedges import hedge_start
from autofacts.reading.mentions import Mention


def _to_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


_RANGE_JOIN = re.compile(r"^\s*(?:–|—|-|to)\s*$")


def _digits(text: str) -> Decimal | None:
    """The number a figure's text writes in digits, before any scale ("4" of "4 million")."""
    m = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    return _to_decimal(m[0]) if m else None


def english_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "between 3.6 million and 4 million", "25–40 percent", "3 to 4 million": one figure with both
    ends (qualifier 'between'); the foot takes the top's scale and unit when it states none."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            b is not None
            and a.upper is None
            and (b.unit is None or a.unit in (None, b.unit))
            and "ordinal"
            not in (
                a.unit,
                b.unit,
            )
        ):
            gap = text[a.end : b.start]
            between = _word_before(text, a.start, "between") and re.fullmatch(r"\s+and\s+", gap)
            # "from 1.4 million to 13 million" is a change, not a range; "3 to 4 million" is a range
            joined = _RANGE_JOIN.match(gap) and not _word_before(text, hedge_start(text, a.start), "from")
            at = hedge_start(text, a.start)
            if joined and "to" in gap and _CHANGED_BEFORE.search(text, max(0, at - 30), at):
                joined = None  # "rose 200,000 to 1.5 million", "fell 3% to 5%": a change, then the level reached
            elif joined and "to" in gap and (a.unit is not None or a.value != _digits(a.text)):
                # "shrink 3% to 5%", "1.2 million to 1.5 million units", "growth of 3% to 5%": a range
                joined = joined if 0 < a.value < b.value <= 10 * a.value else None
            era = re.match(r"\s*(?:CE|BCE|BC|AD)\b", text[b.end :])  # "the Tang Dynasty (618-907 CE)"
            if (between or joined) and not (_is_year_like(a) or _is_year_like(b) or era):
                low = a.value
                a_digits, b_digits = _digits(a.text), _digits(b.text)
                if a.value == a_digits and b_digits and b.value != b_digits and a.value < b_digits:
                    low = a.value * b.value / b_digits  # "3.6 to 4 million": the foot is 3.6 million too
                if low < b.value:
                    unit = b.unit or a.unit
                    out.append(Mention(low, "between", unit, a.start, b.end, text[a.start : b.end], upper=b.value))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


# A change stated in the past before "A to B": the second figure is the level the change reached
_CHANGED_BEFORE = re.compile(
    r"\b(?:rose|risen|grew|grown|increased|jumped|surged|climbed|soared|gained|fell|fallen|dropped|declined"
    r"|decreased|shrank|shrunk|slumped|slid|contracted|narrowed|widened|cut|raised|lowered|reduced|lifted|up|down"
    r"|by)\s*$",
    re.IGNORECASE,
)


def _word_before(text: str, end: int, word: str) -> bool:
    """Whether `word` (any case, a whole word) and then white space stand right before `end`: what a
    regular expression anchored at the end of the text before `end` asked, looked at backwards instead
    of searching all the text before every figure, which made a long seed quadratic (256 KB: 45 s)."""
    at = end
    while at > 0 and text[at - 1].isspace():
        at -= 1
    start = at - len(word)
    if at == end or start < 0 or text[start:at].lower() != word:
        return False
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


def _is_year_like(m: Mention) -> bool:
    return m.unit is None and m.text.isdigit() and len(m.text) == 4


# Chinese: "190万至205万辆", "3%-5%", "在120万辆到150万辆之间"; not "从10%到15%" (a change), not years
_ZH_JOIN = re.compile(r"\s*(?:至|到|-|—|–|~|～)\s*")
_ZH_FROM = re.compile(r"(?:从|由|從)\s*$")
# a rate before its verb of change: "毛利率再降5.4%到15.5%" is a change of the rate and the level it reached
_ZH_RATE = re.compile(r"(?:率|占比|份额|比重|比例|毛利|市占)[^，。；,;]{0,8}$")
_ZH_VERB = re.compile(
    r"(?:增长|增加|提高|提升|上升|上涨|下降|减少|下滑|降低|回落|下跌|负增长|收窄|缩小|缩减|放缓|增|减|升|降|涨|跌)"
    r"(?:了)?(?:约|近|超过)?\s*$"
)


def chinese_ranges(norm: str, mentions: list[Mention]) -> list[Mention]:
    """Two numbers joined by 至/到/- with one unit ("190万至205万辆", "缩减3%至5%"): one figure with
    both ends; a fall's range runs from its larger fall to its smaller ([-5, -3]). `norm` is the
    folded text (`chinese.nfkc`, same offsets as the mentions)."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        if b is not None and _zh_range(norm, a, b):
            low, high = sorted((a.value, b.value if a.value >= 0 else -abs(b.value)))
            unit = b.unit or a.unit
            out.append(Mention(low, "between", unit, a.start, b.end, norm[a.start : b.end], upper=high))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _zh_range(norm: str, a: Mention, b: Mention) -> bool:
    """Whether a and b are the two ends of one figure."""
    if a.upper is not None or b.upper is not None or a.qualifier != "exact" or b.qualifier != "exact":
        return False
    if "ordinal" in (a.unit, b.unit) or (a.unit is not None and a.unit != b.unit) or b.unit is None:
        return False
    if _year(a) or _year(b) or not _ZH_JOIN.fullmatch(norm, a.end, b.start):
        return False
    if _ZH_FROM.search(norm, max(0, a.start - 3), a.start):
        return False
    verb = _ZH_VERB.search(norm, max(0, a.start - 8), a.start)
    if verb is not None and _ZH_RATE.search(norm, max(0, verb.start() - 12), verb.start()):
        return False  # 毛利率再降5.4%到15.5%: the change of a rate, then its level
    if verb is not None and (a.value < 0) != (b.value < 0) and b.value < 0:
        return False
    return 0 < abs(a.value) < abs(b.value) <= 10 * abs(a.value)


def _year(m: Mention) -> bool:
    return m.unit is None and m.text.isdigit() and len(m.text) == 4 and 1900 <= m.value <= 2100
