"""Reading Chinese text: numbers, hedge words, multiples and periods, as a Chinese reader does.

"产量3143.6万辆" is 31,436,000 vehicles; "超过120万辆" is over 1.2 million; "20%左右" is about
20 %; "同比增长1.2倍" is growth of +120 % (in Chinese "grew 1.2 times" adds 1.2 times the base);
"下降3.4%" is a growth of -3.4 %; "1-11月" is January to November of the year the text speaks of.
`numbers.read_numbers` and `text.period_phrases` hand a text to this module when it is Chinese, so
that `check`, `coverage` and `extract` read a Chinese quote by the same rules.

How the hedge words are read (from how CAAM, MIIT and NBS releases use them):
- 约, 大约, 左右 ("20%左右"), 上下: about, ±5 % like the English "about";
- 近, 接近, 将近: nearly, just under the figure ("近300万辆" is a little under 3 million);
  but "近7年" / "近三年" (followed by years, months or days) means "the last seven years": exact;
- 超过, 超, 逾, 突破, 高于, 多于, 大于, and 多 / 余 after the number ("6倍多", "300余万辆"): over;
- 以上, 不低于, 不少于, 至少: at least; 以下, 不超过, 不高于, 最多: at most. Chinese statute
  (Civil Code art. 1259) counts the number itself in 以上 and 以下, so they are not "over"/"under";
- 不到, 不足, 低于, 少于: under.
- 级 after a figure ("千亿级产业集群", a cluster of the hundred-billion order): about, as the English
  "a trillion-yuan-level cluster".
Full-width digits and signs are read as their ASCII forms and traditional characters as simplified
(萬 as 万, 輛 as 辆, 增長 as 增长), one character at a time so that offsets into the text stay the
same; the full-width comma stays a clause separator.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from datetime import date
from decimal import Decimal

from autofacts.reading.mentions import Mention, mirrored
from autofacts.reading.traditional import fold

# --- telling Chinese text from English --------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def is_chinese(text: str) -> bool:
    """True when Han characters outnumber Latin letters: the text is read by Chinese grammar."""
    han = len(_HAN.findall(text))
    return han > 0 and han >= len(_LATIN.findall(text))


def nfkc(text: str) -> str:
    """Full-width forms folded to ASCII and traditional characters to simplified, one character at
    a time, so offsets are unchanged (autofacts.reading.traditional)."""
    return fold(text)


# --- Chinese numerals ---------------------------------------------------------------------------

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}
_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


def _section(text: str) -> int:
    """A numeral below 10,000 ("两千五百", "十二", "三百零五")."""
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            total += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + (digit or 0)


def parse_chinese_integer(text: str) -> int:
    """The value of a Chinese numeral such as "两千五百万" or "三亿零五十万"; digits alone
    ("二〇二五") are read digit by digit."""
    if not text or any(ch not in _NUMERAL_CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if len(text) > 1 and all(ch in DIGITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0
    rest = text
    for unit in ("亿", "万"):
        if unit in rest:
            head, rest = rest.split(unit, 1)
            if unit in rest:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            total += (parse_chinese_integer(head) if head else 1) * BIG_UNITS[unit]
    return total + (_section(rest) if rest else 0)


def parse_chinese_number(text: str) -> Decimal:
    """A Chinese numeral with an optional decimal part: "四十点九" is 40.9."""
    if not text:
        raise ValueError("not a Chinese numeral: ''")
    whole, _, frac = text.partition("点")
    value = Decimal(parse_chinese_integer(whole)) if whole else Decimal(0)
    if frac:
        if any(ch not in DIGITS for ch in frac):
            raise ValueError(f"not a Chinese numeral: {text!r}")
        value += Decimal("0." + "".join(str(DIGITS[ch]) for ch in frac))
    return value


def to_chinese_numeral(n: int) -> str:
    """The Chinese numeral of a whole number below 10^12, as a careful writer spells it
    (used by the property tests to show that reading inverts writing)."""
    if n == 0:
        return "零"
    if n < 0 or n >= 10**12:
        raise ValueError(f"out of range: {n}")
    groups = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out = ""
    zero_pending = False
    for value, unit in groups:
        if value == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or value < 1000):
            out += "零"
        out += _four(value) + unit
        zero_pending = False
    return out


def _four(n: int) -> str:
    digits = "零一二三四五六七八九"
    out = ""
    zero = False
    for power, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += digits[d] + unit
    return out


# --- numbers in a sentence ------------------------------------------------------------------------

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_NUM = rf"[{_NUMERAL_CHARS}]+(?:点[{''.join(DIGITS)}]+)?"
_SCALE = r"万亿|亿|万|千"
_SCALES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}

_TOKEN = re.compile(
    rf"""
    (?P<half>一半|半数)
    | (?P<pctword>百分之)(?P<pctnum>{_ARABIC}|{_CN_NUM})
    | (?<![A-Za-z0-9.])(?P<num>{_ARABIC})
    | (?P<cn>{_CN_NUM})
    | (?P<fan>翻(?:了)?(?P<fann>一|两|二|三|四)?番|翻番)
    """,
    re.VERBOSE,
)
# after a number: "多"/"余" (over), a scale, again "多"/"余" ("1万多辆"), then its unit
_AFTER = re.compile(rf"\s*(?P<more1>多|余)?\s*(?P<scale>{_SCALE})?(?P<more2>多|余)?")
_UNIT = re.compile(
    r"""\s*(?:(?P<percent>%|个百分点|百分点)
    | (?P<permille>‰)
    | (?P<times>倍)
    | (?P<tenths>成)(?![为了本功立果员熟就交长绩效品都型套批])
    | (?P<vehicles>辆|台车)
    | (?P<usd>美元)
    | (?P<yuan>元)
    | (?P<km>公里|千米)
    | (?P<seconds>秒)
    | (?P<hours>小时)
    | (?P<months>个月)
    | (?P<years>(?:个)?年(?!度|底|末|初|中|[前后]|\d)))""",
    re.VERBOSE,
)
# Counters that make a lone numeral character a figure ("三年", "五家"), where "一季度" is a period
# and "一批", "一是", "之一" are words
_COUNTER = re.compile(r"\s*(?:倍|年|个|家|辆|项|座|条|台|元|名|位|款|种|类|成|公里|小时|秒|%|万|亿)")
_VAGUE_BEFORE = ("数", "几")  # "数十万", "几百家": no figure
_IDIOMS = ("十分", "万一", "一成不变", "千家万户", "千方百计", "万众一心", "一心一意", "百花齐放", "一带一路")
_PLAN = re.compile(r"[“\"『「]?十([一二三四五六七八九])五[”\"』」]?")  # "十四五": the 14th Five-Year Plan

# Hedge words, longest first where one contains another.
HEDGES_BEFORE: dict[str, str] = {
    "不低于": "at-least",
    "不少于": "at-least",
    "至少": "at-least",
    "不超过": "at-most",
    "不高于": "at-most",
    "不多于": "at-most",
    "最多": "at-most",
    "超过": "over",
    "超出": "over",
    "突破": "over",
    "高于": "over",
    "多于": "over",
    "大于": "over",
    "逾": "over",
    "超": "over",
    "大约": "about",
    "约为": "about",
    "约": "about",
    "接近": "nearly",
    "将近": "nearly",
    "近": "nearly",
    "不到": "under",
    "不足": "under",
    "低于": "under",
    "少于": "under",
}
HEDGES_AFTER: dict[str, str] = {"左右": "about", "上下": "about", "以上": "at-least", "以下": "at-most"}
_HEDGE_BEFORE = re.compile("(" + "|".join(sorted(HEDGES_BEFORE, key=len, reverse=True)) + r")(?:了)?\s*$")
_HEDGE_AFTER = re.compile(r"\s*(" + "|".join(HEDGES_AFTER) + ")")
_RECENT = re.compile(r"(?:个)?(?:年|月|天|日)")  # "近7年": the last seven years, not "nearly"

# The verb of change a percentage or a multiple belongs to: "同比增长3.4%", "下降2.1%".
_UP = ("增长", "增加", "提高", "提升", "上升", "上涨", "增")
_DOWN = ("下降", "减少", "下滑", "降低", "回落", "下跌", "减")
_CHANGE = re.compile("(" + "|".join(sorted(_UP + _DOWN, key=len, reverse=True)) + ")")
# What may stand between the verb and its numbers: "同比分别增长3.4%和2.1%"
_BETWEEN = re.compile(
    r"分别|了|和|与|及|、|约|近|超过|逾|不到|不足|达到|达|为|到|至|百分之|倍|个百分点|%|[\d.,\s]|["
    + _NUMERAL_CHARS
    + "点]"
)
_RANK_RANGE = re.compile(r"第\d+\s*[-—–~至]\s*\d+\s*[位名]")
_RANK_RANGE_END = re.compile(r"第\d+\s*[-—–~至]\s*\d+$")
_CLAUSE_CHARS = frozenset("，。；：！？,;:!?\n")


def _clause_before(text: str, start: int) -> str:
    i = start
    while i > 0 and text[i - 1] not in _CLAUSE_CHARS:  # walked back, not searched from 0: a long text stays linear
        i -= 1
    return text[i:start]


def _direction(text: str, start: int) -> int:
    """+1 for a rise, -1 for a fall, 0 when no verb of change governs the number at `start`."""
    clause = _clause_before(text, start)
    verbs = list(_CHANGE.finditer(clause))
    if not verbs:
        return 0
    last = verbs[-1]
    if _BETWEEN.sub("", clause[last.end() :]):
        return 0
    return -1 if last[1] in _DOWN else 1


def _hedge_before(text: str, start: int, unit: str | None) -> tuple[str, int]:
    m = _HEDGE_BEFORE.search(text, max(0, start - 6), start)
    if m is None:
        return "exact", start
    if m[1] == "近" and unit in ("years", "months"):
        return "exact", start  # "近7年新高": a high of the last seven years
    return HEDGES_BEFORE[m[1]], m.start()


def _is_date_part(text: str, end: int, start: int) -> bool:
    """Months and days ("10月", "8月底", "31日") and the first month of "1-11月" are dates."""
    rest = text[end : end + 8]
    if re.match(r"\s*(?:月|日|号)", rest):
        return True
    return bool(re.match(r"\s*[-—–~～至到]\s*\d{1,2}\s*月", rest))


def _is_list_marker(text: str, start: int, end: int) -> bool:
    """Whether a number at the start of a line numbers a list: "一、", "1.", "（二）"."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start].strip()
    after = text[end : end + 1]
    numbered = after in ("、", ")", "）") or (after == "." and not text[end + 1 : end + 2].isdigit())
    return lead in ("", "(", "（") and numbered


def read_chinese_numbers(text: str) -> list[Mention]:
    """Every number stated in a Chinese text, in order, with offsets into `text` itself."""
    norm = nfkc(text)
    skip = bytearray(len(norm))  # 1 where a plan name, an idiom or a period phrase stands
    spans = [m.span() for m in _PLAN.finditer(norm)]
    spans += [m.span() for idiom in _IDIOMS for m in re.finditer(idiom, norm)]
    spans += [m.span() for pattern, _, _ in _RULES for m in pattern.finditer(norm)]
    for s, e in spans:
        skip[s:e] = b"\x01" * (e - s)
    out: list[Mention] = []
    consumed = 0  # a scale or unit read with the number before ("1.2万亿元") is not a number again
    for m in _TOKEN.finditer(norm):
        start = m.start()
        if start < consumed or skip[start]:
            continue
        if m["fan"]:
            times = {"一": 2, None: 2, "两": 4, "二": 4, "三": 8, "四": 16}[m["fann"]]
            out.append(Mention(Decimal(times), "exact", "times", start, m.end(), text[start : m.end()]))
            continue
        unit: str | None = None
        percent = False
        if m["half"]:  # "超过一半": more than half, 50 % as the English "half" is read
            raw, value, percent = m["half"], Decimal(50), True
        elif m["pctword"]:
            raw = m["pctnum"]
            value = Decimal(raw.replace(",", "")) if raw[0].isdigit() else parse_chinese_number(raw)
            percent = True
        elif m["num"]:
            raw = m["num"]
            value = Decimal(raw.replace(",", ""))
        else:
            raw = m["cn"]
            if not _worth_reading(norm, start, m.end(), raw):
                continue
            try:
                value = parse_chinese_number(raw)
            except ValueError:
                continue
        end = m.end()
        if m["num"] and (_is_date_part(norm, end, start) or _is_list_marker(norm, start, end)):
            continue
        if m["cn"] and _is_list_marker(norm, start, end):
            continue
        if _RANK_RANGE.match(norm, max(0, start - 1)) or _RANK_RANGE_END.search(norm, max(0, start - 8), end):
            continue  # "分列第1-3位": a span of places, no figure
        ordinal = norm[max(0, start - 1) : start] == "第"
        qualifier = "exact"
        if not percent and not ordinal:
            after = _AFTER.match(norm, end)
            if after and after.end() > end and (after["scale"] or after["more1"] or after["more2"]):
                if after["scale"]:
                    value *= _SCALES[after["scale"]]
                if after["more1"] or after["more2"]:
                    qualifier = "over"
                end = after.end()
            u = _UNIT.match(norm, end)
            if u is not None:
                unit = u.lastgroup
                end = u.end()
                if unit == "tenths":
                    value, unit = value * 10, "percent"
                elif unit == "permille":
                    value, unit = value / 10, "percent"
            if unit == "years" and len(raw) == 4 and raw.isdigit() and 1900 <= value <= 2100:
                unit, end = None, m.end()  # "2025年" is a year, read like the English "2025"
        if percent:
            unit = "percent"
        if ordinal:
            unit = "ordinal"
        more = re.match(r"多|余", norm[end : end + 1])
        if more and unit == "times":
            qualifier, end = "over", end + 1  # "6倍多"
        if qualifier == "exact" and norm[end : end + 1] == "级":
            qualifier = "about"  # "千亿级产业集群": of the order of, as the English "trillion-yuan-level"
        after_hedge = _HEDGE_AFTER.match(norm, end)
        hedge_from = start - (3 if m["pctword"] else 0)
        if qualifier == "exact" and after_hedge:
            qualifier = HEDGES_AFTER[after_hedge[1]]
        elif qualifier == "exact" and not ordinal:
            qualifier, _ = _hedge_before(norm, hedge_from, unit)
        direction = _direction(norm, hedge_from) if unit in ("percent", "times") else 0
        if direction and unit == "times":
            value, unit = value * 100, "percent"  # "增长1.2倍" is +120 %
        if direction < 0 and unit == "percent":
            value, qualifier = -value, mirrored(qualifier)  # "下降超过5%" is < -5, as "fell more than 5 percent"
        if value == value.to_integral_value():
            value = value.to_integral_value()  # 2702.1万 is 27021000, not 27021000.0
        out.append(Mention(value, qualifier, unit, start, end, text[start:end]))
        consumed = end
    return out


def _worth_reading(norm: str, start: int, end: int, raw: str) -> bool:
    """A run of numeral characters is a number unless it is a word ("一批", "之一", "一季度")."""
    before = norm[max(0, start - 1) : start]
    if re.match(r"\s*(?:季度|是|来|方面|般|直|起|定|些|体|致|流|系列|步|次性|线|手|批|轮)", norm[end : end + 3]):
        return False
    if before in ("第", "翻"):
        return True
    if before in _VAGUE_BEFORE or before in ("之", "统", "唯", "进", "同", "万", "逐"):
        return False
    if before == "上" and raw[0] in "百千万亿":  # "上百万": "up to millions", no figure
        return False
    positional = any(ch in SMALL_UNITS or ch in BIG_UNITS for ch in raw)
    if positional and len(raw) > 1:
        return True
    if raw == "十":
        return bool(_COUNTER.match(norm, end))
    if positional:  # a lone 百, 千, 万 or 亿
        return False
    if len(raw) > 1:  # digits alone: "二〇二五年" is a year, and years are not figures
        return False
    return bool(_COUNTER.match(norm, end))


# --- periods ------------------------------------------------------------------------------------


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
        (re.compile(rf"{_Y}\s*{_MON}\s*月\s*(\d{{1,2}})\s*日"), False, "day"),
        (re.compile(rf"{_Y}\s*(?:1|一)\s*月?{_DASH}{_MON}\s*月"), False, "ytd"),
        (re.compile(rf"{_Y}\s*前\s*{_MON}\s*个?月(?!\s*\d)"), False, "ytd"),
        (re.compile(rf"{_Y}\s*前三季度"), False, "q1-3"),
        (re.compile(rf"{_Y}\s*(上|下)半年"), False, "half"),
        (re.compile(rf"{_Y}\s*(?:第)?([一二三四1-4])\s*季度"), False, "quarter"),
        (re.compile(rf"{_Y}\s*{_MON}\s*月(?!\s*[-—–~～至到])"), False, "month"),
        (re.compile(r"(\d{4})\s*[-—–~～至到]\s*(\d{4})\s*年"), False, "years"),
        (re.compile(r"(\d{4})\s*年(?:度)?"), False, "year"),
        (re.compile(r"[“\"「『]?十([一二三四五六七八九])五[”\"」』]?(?:期间|时期|以来|规划)?"), False, "plan"),
        (re.compile(rf"截[至止]\s*{_MON}\s*月\s*(?:底|末)"), True, "month-end"),
        (re.compile(rf"(?:1|一)\s*月?{_DASH}{_MON}\s*月"), True, "ytd"),
        (re.compile(rf"前\s*{_MON}\s*个?月(?!\s*\d)"), True, "ytd"),
        (re.compile(r"前三季度"), True, "q1-3"),
        (re.compile(r"(上|下)半年"), True, "half"),
        (re.compile(r"(?:第)?([一二三四1-4])\s*季度"), True, "quarter"),
        (re.compile(rf"(?<![\d\-—–~～至到年个前])\s*{_MON}\s*月份?(?![底末\d])"), True, "month"),
        (re.compile(r"全年"), True, "year"),
        (re.compile(r"(去年|上年|今年|本年|明年)(?!同期)"), True, "relative"),
    ]


_RULES = _rules()
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")  # "二〇二五年": 2025, four characters for four digits
_RELATIVE_BEFORE = re.compile(r"(去年|上年|今年|本年|明年)\s*$")


def _label(kind: str, year: int, groups: tuple[str, ...]) -> tuple[str, int] | None:
    """The period label, and the last month it covers (to pick the year from a publication date)."""
    if kind == "day":
        return date(year, _cn_or_int(groups[0]), int(groups[1])).isoformat(), _cn_or_int(groups[0])
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
    if kind == "half":
        return (f"{year}-H1", 6) if groups[0] == "上" else (f"{year}-H2", 12)
    if kind == "quarter":
        q = _QUARTERS[groups[0]]
        return f"{year}-Q{q}", 3 * q
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
    for pattern, needs_year, kind in _RULES:
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
        if kind == "relative":
            if published is None:
                return None
            shift = {"去年": -1, "上年": -1, "今年": 0, "本年": 0, "明年": 1}[m[1]]
            return str(published.year + shift)
        if not needs_year:
            year = int(m[1])
            found = _label(kind, year, tuple(g for g in m.groups()[1:] if g is not None))
            return found[0] if found else None
        groups = tuple(g for g in m.groups() if g is not None)
        relative = _RELATIVE_BEFORE.search(norm, max(0, m.start() - 6), m.start())
        if relative and published is not None:
            shift = {"去年": -1, "上年": -1, "今年": 0, "本年": 0, "明年": 1}[relative[1]]
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
