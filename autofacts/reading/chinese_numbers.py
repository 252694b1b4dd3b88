"""The numbers a Chinese sentence states, with their hedge words, units and direction of change.

"产量3143.6万辆" is 31,436,000 vehicles; "超过120万辆" is over 1.2 million; "20%左右" is about
20 %; "同比增长1.2倍" is growth of +120 % (in Chinese "grew 1.2 times" adds 1.2 times the base);
"下降3.4%" is a growth of -3.4 %. `numbers.read_numbers` hands a text to this module when it is
Chinese, so that `check`, `coverage` and `extract` read a Chinese quote by the same rules; period
phrases ("1-11月", "上半年") are read by `chinese_periods` and are never figures here.

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
The text is read through `chinese.nfkc` (full-width as ASCII, traditional as simplified, same offsets).
"""

from __future__ import annotations

import re
from decimal import Decimal

from autofacts.reading.chinese import nfkc
from autofacts.reading.chinese_numerals import BIG_UNITS, DIGITS, NUMERAL_CHARS, SMALL_UNITS, parse_chinese_number
from autofacts.reading.chinese_periods import PERIOD_RULES
from autofacts.reading.mentions import Mention, mirrored

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_NUM = rf"[{NUMERAL_CHARS}]+(?:点[{''.join(DIGITS)}]+)?"
# 兆 is 10^12 in Taiwan and Hong Kong ("新台幣1.2兆元"), but a million in units (兆瓦, 兆字节)
_SCALE = r"万亿|亿|万|千|兆(?![瓦赫帕欧焦位字])"
_SCALES = {"万亿": Decimal(10) ** 12, "兆": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
_SCALES["千"] = Decimal(10) ** 3

_TOKEN = re.compile(
    rf"""
    (?P<half>一半|半数|(?P<halfq>过|超|逾|近)半(?:数)?(?![年月天日]))
    | (?P<pctword>百分之)(?P<pctnum>{_ARABIC}|{_CN_NUM})
    | (?P<fracd>{_CN_NUM}|\d+)分之(?P<fracn>{_CN_NUM}|\d+(?:\.\d+)?)
    | (?<![\d./])(?P<sn>\d{{1,2}})/(?P<sd>\d{{1,2}})(?![\d./])
    | (?<![A-Za-z0-9.])(?P<num>{_ARABIC})
    | (?P<cn>{_CN_NUM})
    | (?P<fan>翻(?:了)?(?P<fann>一|两|二|三|四)?番|翻番)
    """,
    re.VERBOSE,
)
# after a number: "多"/"余" (over), a scale, again "多"/"余" ("1万多辆"), then its unit
_AFTER = re.compile(rf"\s*(?P<more1>多|余|\+)?\s*(?P<scale>{_SCALE})?(?P<more2>多|余|\+)?")  # "40000+辆"
_UNIT = re.compile(
    r"""\s*(?:(?P<percent>%|个百分点|百分点)
    | (?P<permille>‰)
    | (?P<times>倍)
    | (?P<tenths>成)(?![为了本功立果员熟就交长绩效品都型套批])
    | (?P<vehicles>辆|台车|台(?![阶风湾州资]))  # 交付新车5055台 (not 台阶, 台湾)
    | (?P<usd>美元)
    | (?P<yuan>元|人民币)  # "10兆人民币"
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
_HEDGE_OF = re.compile(  # not over a number: "在不到两三年的时间内占据全国的一半" is no "under half"
    "(" + "|".join(sorted(HEDGES_BEFORE, key=len, reverse=True)) + r")(?:了)?"
    r"[^，。；：,;:\d%" + NUMERAL_CHARS + r"]{1,15}的\s*$"
)
_SHARE_NEAR = re.compile(r"占|佔|超过|近|约|达")  # "占总销量的1/3": a fraction, not a date or a score
_AGO = re.compile(r"\s*(?:个)?(?:年|月|天|日|周)(?:前|后|以前|以后)")
_STOCK_CODE = re.compile(  # "(01211)", "(002594-CN)", and with its exchange "(深:002594)"
    r"[（(]\s*\d{4,6}(?:\s*[)）]|[-.][A-Z]{2})|\d{6}[-.](?:CN|SZ|SH|SS|HK)\b|[:：]\s*\d{4,6}\s*[)）]"
)
_NAME_BEFORE = re.compile(r"[A-Za-z]\s?$")
_RECENT = re.compile(r"(?:个)?(?:年|月|天|日)")  # "近7年": the last seven years, not "nearly"

# The verb of change a percentage or a multiple belongs to: "同比增长3.4%", "下降2.1%".
# Hong Kong and Taiwan write 按年升/跌, 年增/年减, 成长, 衰退; "负增长" is a fall.
_UP = ("增长", "增加", "提高", "提升", "上升", "上涨", "增", "增幅", "成长", "升", "涨")
_DOWN: tuple[str, ...] = ("下降", "减少", "下滑", "降低", "回落", "下跌", "减", "负增长", "跌", "降", "挫", "衰退")
_NARROW = ("收窄", "缩小")  # a gap or a rate narrows: down; but a fall narrowing (跌幅收窄) is a rise
_DOWN += ("萎缩", "降幅", "跌幅", "减幅", "缩减", "放缓", *_NARROW)
_TO_LEVEL = re.compile(r"至|到|破")  # "降至5%", "跌破10%": a level reached, not a change
_CHANGE = re.compile("(" + "|".join(sorted(_UP + _DOWN, key=len, reverse=True)) + ")")
# What may stand between the verb and its numbers: "同比分别增长3.4%和2.1%"
_BETWEEN = re.compile(
    r"分别|了|和|与|及|、|约|近|超过|逾|不到|不足|达到|达|为|到|至|百分之|倍|个百分点|%|[\d.,\s]|["
    + NUMERAL_CHARS
    + "点]"
)
# A bare number listed with one that carries its unit: "1.6和1.8个百分点", "3至5倍"
_SHARED_UNIT = re.compile(rf"\s*(?:和|与|及|、|至|到|[-—–~～])\s*(?:{_ARABIC})\s*(%|个百分点|百分点|倍)")
_TITLE = re.compile(r"《[^《》\n]{0,60}》")  # a book's or paper's title: 《第一财经》 holds no figure
_TOP_N = re.compile(r"\s*(?:位|名|强|大|家|的|个?(?:企业|车企|品牌|厂商))")
_RANK_RANGE = re.compile(r"第\d+\s*[-—–~至]\s*\d+\s*[位名]")
_RANK_RANGE_END = re.compile(r"第\d+\s*[-—–~至]\s*\d+$")
_CLAUSE_CHARS = frozenset("，。；：！？,;:!?\n")


def _clause_before(text: str, start: int) -> str:
    i = start
    while i > 0 and text[i - 1] not in _CLAUSE_CHARS:  # walked back, not searched from 0: a long text stays linear
        i -= 1
    return text[i:start]


def change_direction(text: str, start: int) -> int:
    """+1 or -1 when a verb of change governs the number at `start` ("比上月增加10万辆": a change
    by 100,000, not a level), else 0; `text` is the folded text (`chinese.nfkc`). 新增 ("newly
    registered", "added") counts what is new in the period: a level."""
    clause = _clause_before(text, start)
    verbs = list(_CHANGE.finditer(clause))
    if verbs and verbs[-1][1] == "增" and clause[verbs[-1].start() - 1 : verbs[-1].start()] == "新":
        return 0
    if verbs and _TO_LEVEL.search(clause, verbs[-1].end()):
        return 0  # "出口量年增130%至55.3万辆": the level reached
    return _direction(text, start)


def _direction(text: str, start: int) -> int:
    """+1 for a rise, -1 for a fall, 0 when no verb of change governs the number at `start`."""
    clause = _clause_before(text, start)
    verbs = list(_CHANGE.finditer(clause))
    if not verbs:
        return 0
    last = verbs[-1]
    if _BETWEEN.sub("", clause[last.end() :]) or _TO_LEVEL.match(clause, last.end()):
        return 0
    if re.search(r"\d\s*(?:%|个百分点|百分点)\s*(?:至|到)\s*$", clause[last.end() :]):
        return 0  # "降5.4%到15.5%": the level reached (a range "缩减3%至5%" is read in ranges.py)
    if last[1] in _NARROW and any(v[1] in _DOWN for v in verbs[:-1]):
        return 1  # "跌幅收窄1.6个百分点": the fall is smaller, the rate 1.6 points up
    return -1 if last[1] in _DOWN else 1


def _hedge_before(text: str, start: int, unit: str | None) -> tuple[str, int]:
    m = _HEDGE_BEFORE.search(text, max(0, start - 6), start)
    if m is None and unit == "percent":
        # "销量首次超过了新车总销量的50%": the hedge governs the share named after it
        far = _HEDGE_OF.search(text, max(0, start - 24), start)
        if far is not None:
            return HEDGES_BEFORE[far[1]], start
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
    spans += [m.span() for pattern, _, _ in PERIOD_RULES for m in pattern.finditer(norm)]
    spans += [m.span() for m in _TITLE.finditer(norm)]
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
        elif m["fracd"] or m["sd"]:  # "三分之一", "1/3": a per cent of the whole, as the English "one-third"
            parts = (m["fracn"], m["fracd"]) if m["fracd"] else (m["sn"], m["sd"])
            try:
                count, whole = (Decimal(x) if x[0].isdigit() else parse_chinese_number(x) for x in parts)
            except ValueError:
                continue
            if not 0 < count < whole or (m["sd"] and not _SHARE_NEAR.search(norm, max(0, start - 12), start)):
                continue  # "1/3" is a share only where the sentence speaks of one ("占……的1/3")
            raw, value, percent = m[0], Decimal(100) * count / whole, True
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
        if _AGO.match(norm, end):
            continue  # "较五年前增长近七倍", "5年后": a time, no figure
        if m["num"] and _STOCK_CODE.match(norm, max(0, start - 1)):
            continue  # "比亚迪（1211）", "(002594-CN)": a listing's code, no figure
        if m["cn"] and _is_list_marker(norm, start, end):
            continue
        if _RANK_RANGE.match(norm, max(0, start - 1)) or _RANK_RANGE_END.search(norm, max(0, start - 8), end):
            continue  # "分列第1-3位": a span of places, no figure
        if norm[start - 1 : start] in ("前", "这") and _TOP_N.match(norm, end):
            continue  # "排名前十的车企", "这10家企业": who is counted, not a figure
        ordinal = norm[:start].rstrip()[-1:] == "第"  # "第 100 萬輛" too: a milestone's place, not an amount
        qualifier = "exact"
        if m["halfq"]:  # "占比过半": over half, "近半": nearly half
            qualifier = "nearly" if m["halfq"] == "近" else "over"
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
            shared = _SHARED_UNIT.match(norm, end) if unit is None and end == m.end() else None
            if shared is not None:  # "收窄1.6和1.8个百分点": the unit written once, after the last
                unit = "times" if shared[1] == "倍" else "percent"
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
        if m["num"] and end == m.end() and _NAME_BEFORE.search(norm, max(0, start - 2), start):
            continue  # "Model 3", "Mate 60": a name's number, no figure
        out.append(Mention(value, qualifier, unit, start, end, text[start:end]))
        consumed = end
    return out


def _worth_reading(norm: str, start: int, end: int, raw: str) -> bool:
    """A run of numeral characters is a number unless it is a word ("一批", "之一", "一季度")."""
    before = norm[max(0, start - 1) : start]
    if re.match(r"\s*(?:季度|是|来|方面|般|直|起|定|些|体|致|流|系列|步|次性|线|手|批|轮)", norm[end : end + 3]):
        return False
    if raw == "一" and (before in ("这", "那") or norm.startswith(("年前", "年后", "个月前"), end)):
        return False  # "这一成绩" (this result), "较一年前" (a year ago): no figure
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
