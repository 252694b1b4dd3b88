"""The periods a Chinese text states: "1-11月", "前三季度", "上半年", "截至6月底", "2025年".

A period without its year takes the year last stated before it, else the latest such period over
at publication. Quarters and halves are written as the months they span ("2025-07/2025-09"):
the one label "第三季度", "7-9月" and the English "Q3" share. `PERIOD_RULES` are also the spans
the number reader skips (a month is no figure).
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from datetime import date

from autofacts.reading.chinese import nfkc
from autofacts.reading.chinese_numerals import DIGITS, parse_chinese_integer


def _cn_or_int(word: str) -> int:
    return int(word) if word.isdigit() else parse_chinese_integer(word)


def _last_day(year: int, month: int) -> str:
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


_DASH = r"\s*[-—–~～至到]\s*"
_MON = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_Y = r"(\d{4})\s*年"
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _rules() -> list[tuple[re.Pattern[str], bool, str]]:
    return [
        (re.compile(rf"截[至止]\s*{_Y}\s*{_MON}\s*月\s*(\d{{1,2}})\s*日"), False, "day"),
        (re.compile(rf"(?:截[至止])?\s*{_Y}\s*{_MON}\s*月\s*(?:底|末)"), False, "month-end"),
        (re.compile(rf"(?:截[至止])?\s*{_Y}\s*(?:底|末)"), False, "year-end"),
        (re.compile(rf"截[至止]\s*{_Y}\s*{_MON}\s*月份?(?![底末\d])"), False, "month-end"),  # 截至2025年10月
        (re.compile(rf"{_Y}\s*{_MON}\s*月\s*(\d{{1,2}})\s*日?{_DASH}(\d{{1,2}})\s*日"), False, "days"),
        (re.compile(rf"{_Y}\s*{_MON}\s*月\s*(\d{{1,2}})\s*日"), False, "day"),
        (re.compile(rf"{_Y}\s*(?:1|一)\s*月?{_DASH}{_MON}\s*月"), False, "ytd"),
        (re.compile(rf"{_Y}\s*[前首]\s*{_MON}\s*个?月(?!\s*\d)"), False, "ytd"),
        (re.compile(rf"{_Y}\s*[前首]三季度?"), False, "q1-3"),  # 前三季: Taiwan and Hong Kong drop 度
        (re.compile(rf"{_Y}\s*(上|下)半年"), False, "half"),
        (re.compile(rf"{_Y}\s*(?:第)?([一二三四1-4])\s*季度"), False, "quarter"),
        (re.compile(rf"{_Y}\s*第([一二三四1-4])\s*季(?!度)"), False, "quarter"),  # 2025年第三季
        (re.compile(rf"{_Y}\s*{_MON}\s*月(?!\s*[-—–~～至到])"), False, "month"),
        (re.compile(r"(\d{4})\s*[-—–~～至到]\s*(\d{4})\s*年"), False, "years"),
        (re.compile(r"(\d{4})\s*年(?:度)?"), False, "year"),
        (re.compile(r"[“\"「『]?十([一二三四五六七八九])五[”\"」』]?(?:期间|时期|以来|规划)?"), False, "plan"),
        (re.compile(rf"截[至止]\s*{_MON}\s*月\s*(\d{{1,2}})\s*日"), True, "day"),  # 截至10月31日
        (re.compile(rf"{_MON}\s*月\s*(\d{{1,2}})\s*日?{_DASH}(\d{{1,2}})\s*日"), True, "days"),  # CPCA: 11月1-16日
        (re.compile(rf"截[至止]\s*{_MON}\s*月\s*(?:底|末)"), True, "month-end"),
        (re.compile(rf"截[至止]\s*{_MON}\s*月份?(?![底末\d])"), True, "month-end"),  # 截至10月: its end
        (re.compile(rf"(?<![\d\-—–~～至到])\s*{_MON}\s*月\s*(?:底|末)"), True, "month-end"),  # 截至今年10月底
        (re.compile(rf"(?:1|一)\s*月?{_DASH}{_MON}\s*月"), True, "ytd"),
        (re.compile(rf"[前首]\s*{_MON}\s*个?月(?!\s*\d)"), True, "ytd"),  # 首N個月: Hong Kong, Taiwan
        (re.compile(r"[前首]三季度?"), True, "q1-3"),
        (re.compile(r"(上|下)半年"), True, "half"),
        (re.compile(r"(?:第)?([一二三四1-4])\s*季度"), True, "quarter"),
        (re.compile(r"第([一二三四1-4])\s*季(?!度)"), True, "quarter"),  # 第三季: the press of Taiwan and Hong Kong
        (re.compile(r"首季度?"), True, "first-quarter"),  # Hong Kong's first quarter
        (re.compile(rf"(?<=今年|去年|上年|本年|明年|前年)\s*{_MON}\s*月份?(?![底末\d])"), True, "month"),
        (re.compile(rf"(?<![\d\-—–~～至到年个前])\s*{_MON}\s*月份?(?![底末\d])"), True, "month"),
        # 上月 (last month) and 本月 (this month) count from publication; 比上月 is a comparison, no period
        (re.compile(r"(?<![比较與与同])(?:上个?月|上月份)(?![底末初])"), True, "last-month"),
        (re.compile(r"(?<![比较與与同])本月(?:份)?(?![底末初])"), True, "this-month"),
        (re.compile(r"全年"), True, "year"),
        (re.compile(r"(去年|上年|今年|本年|明年|前年)(?!同期)"), True, "relative"),
    ]


PERIOD_RULES = _rules()
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")  # "二〇二五年": 2025, four characters for four digits
_RELATIVE_BEFORE = re.compile(r"(去年|上年|今年|本年|明年|前年)\s*$")
_SHIFT = {"去年": -1, "上年": -1, "今年": 0, "本年": 0, "明年": 1, "前年": -2}  # 前年: the year before last


def _label(kind: str, year: int, groups: tuple[str, ...]) -> tuple[str, int] | None:
    """The period label, and the last month it covers (to pick the year from a publication date)."""
    if kind == "day":
        return date(year, _cn_or_int(groups[0]), int(groups[1])).isoformat(), _cn_or_int(groups[0])
    if kind == "days":
        month, first, last = _cn_or_int(groups[0]), int(groups[1]), int(groups[2])
        if not first < last:
            return None
        return f"{date(year, month, first).isoformat()}/{date(year, month, last).isoformat()}", month
    if kind == "month-end":
        month = _cn_or_int(groups[0])
        return _last_day(year, month), month
    if kind == "year-end":
        return f"{year}-12-31", 12
    if kind == "ytd":
        month = _cn_or_int(groups[0])
        if not 1 < month <= 12:
            return None
        if month == 12:  # "1-12月" is the whole year
            return str(year), 12
        return f"{year}-01/{year}-{month:02d}", month
    if kind == "q1-3":
        return f"{year}-01/{year}-09", 9
    if kind == "half":  # written as the months it spans, as the English reader writes "H1"
        return (f"{year}-01/{year}-06", 6) if groups[0] == "上" else (f"{year}-07/{year}-12", 12)
    if kind == "first-quarter":
        return f"{year}-01/{year}-03", 3
    if kind == "quarter":
        q = _QUARTERS[groups[0]]
        return f"{year}-{3 * q - 2:02d}/{year}-{3 * q:02d}", 3 * q
    if kind == "month":
        month = _cn_or_int(groups[0])
        if not 1 <= month <= 12:
            return None
        return f"{year}-{month:02d}", month
    if kind == "year":
        return str(year), 12
    return None


def chinese_period_phrases(text: str, published: date | None = None) -> list[tuple[int, int, str]]:
    """Every period a Chinese text states, as (start, end, label), longest rule first.

    A period without its year ("1-11月", "上半年") takes the year last stated before it in the
    text; failing that, the latest such period that had ended when the text was published.
    """
    norm = _CN_YEAR.sub(lambda m: "".join(str(DIGITS[ch]) for ch in m[1]) + "年", nfkc(text))
    found: list[tuple[int, int, str]] = []
    taken = bytearray(len(norm))  # 1 where a phrase was found (a bytearray: a long text stays linear)
    years = [(y.start(), int(y[1])) for y in re.finditer(r"(\d{4})\s*年", norm)]
    for pattern, needs_year, kind in PERIOD_RULES:
        for m in pattern.finditer(norm):
            if any(taken[m.start() : m.end()]):
                continue
            i = bisect_left(years, (m.start(), 0))
            label = _phrase_label(norm, m, needs_year, kind, published, years[i - 1][1] if i else None)
            if label is None:
                continue
            start = m.start()
            prefix = _RELATIVE_BEFORE.search(norm, max(0, start - 6), start) if needs_year else None
            if prefix is not None:
                start = prefix.start()  # "去年上半年" is one phrase
            found.append((start, m.end(), label))
            taken[start : m.end()] = b"\x01" * (m.end() - start)
    return sorted(found)


def _phrase_label(
    norm: str, m: re.Match[str], needs_year: bool, kind: str, published: date | None, stated: int | None
) -> str | None:
    """The label of one period phrase; `stated` is the year last stated before it in the text."""
    try:
        if kind == "plan":
            n = parse_chinese_integer("十" + m[1])
            start = 1966 + 5 * (n - 3)  # the 3rd plan ran 1966-1970; each since, five years
            return f"{start}/{start + 4}"
        if kind == "years":
            return f"{m[1]}/{m[2]}" if m[1] < m[2] else None
        if kind in ("last-month", "this-month"):
            if published is None:
                return None
            month = published.year * 12 + published.month - 1 - (kind == "last-month")
            return f"{month // 12}-{month % 12 + 1:02d}"
        if kind == "relative":
            if published is None:
                return None
            shift = _SHIFT[m[1]]
            return str(published.year + shift)
        if not needs_year:
            year = int(m[1])
            found = _label(kind, year, tuple(g for g in m.groups()[1:] if g is not None))
            return found[0] if found else None
        groups = tuple(g for g in m.groups() if g is not None)
        relative = _RELATIVE_BEFORE.search(norm, max(0, m.start() - 6), m.start())
        if relative and published is not None:
            shift = _SHIFT[relative[1]]
            found = _label(kind, published.year + shift, groups)
            return found[0] if found else None
        if stated is not None:
            found = _label(kind, stated, groups)
            return found[0] if found else None
        if published is None:
            return None
        found = _label(kind, published.year, groups)
        if found is None:
            return None
        if found[1] >= published.month:  # not over yet when published: last year's
            found = _label(kind, published.year - 1, groups)
        return found[0] if found else None
    except (ValueError, KeyError):
        return None
