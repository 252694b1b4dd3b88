"""What looks like a number in a sentence but states no figure: telephone numbers, times of day,
dates, and the digits of a code or a model's name.

The number reader skips every number that starts inside one of these spans. Each alternative
carries what its every match holds (alternation.py), so a sentence with no "+", "-", "(", ":",
"/", month or telephone word is not searched at all.
"""

from __future__ import annotations

import re
from decimal import Decimal

from autofacts.reading.alternation import Alternation, Alternative
from autofacts.reading.mentions import Mention

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# Telephone numbers are not figures: "+86 10 6536 3107", "86-10-65363107", "(800) 555-0199",
# "010-65363107", and whatever digits follow "Tel:".
_NOT_FIGURES = Alternation(
    [
        Alternative(r"\+\d{1,3}[\s.-]?\(?\d{1,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}", ("+",), digit=True),
        Alternative(r"(?<![\d,.])\d{2,4}-\d{2,4}-\d{4,8}(?![\d-])", ("-",), digit=True),
        Alternative(r"\(\d{2,4}\)\s?\d{3,4}[\s.-]?\d{4}(?!\d)", ("(",), digit=True),
        Alternative(r"(?<![\d,.])0\d{2,3}-\d{7,8}(?!\d)", ("-",), digit=True),
        Alternative(
            r"\b(?:tel|telephone|phone|fax|hotline|call)\b[.:]?\s*[\d\s()+.,/-]{7,}",
            ("tel", "phone", "fax", "hotline", "call"),
        ),
        # nor are times of day, dates written with slashes or a day before its month, and the digits
        # of a code or name after a letter and a hyphen ("COVID-19", "F-150", "GB-18384")
        Alternative(r"(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?(?!\d)", (":",), digit=True),
        Alternative(r"(?<![\d.])\d{1,2}\s?[ap]\.m\.", ("a.m.", "p.m."), digit=True),
        Alternative(r"(?<![\d/])\d{1,4}/\d{1,2}/\d{1,4}(?![\d/])", ("/",), digit=True),
        Alternative(
            # (the digit first and the look behind after it, as (?<![\d,.])\d{1,2}: a pattern that starts
            # with a digit is searched for digits first, twice as fast on a sentence naming a month)
            r"""\d(?<![\d,.]\d)\d?(?:st|nd|rd|th)?\s(?:January|February|March|April|May|June|July|August|September|October
        |November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?(?:,?\s(?:19|20)\d\d(?![\d,.]\d))?""",
            _MONTHS,
            digit=True,
        ),
        Alternative(r"(?<=[A-Za-z]-)\d+(?:\.\d+)?(?![\d%])", ("-",), digit=True),
        # a whole date, its year too: a wire story's dateline "BEIJING, Jan. 14, 2026 --" (a day before
        # its month takes its year above: "LONDON, 14 January 2026 -")
        Alternative(
            r"""\b(?:January|February|March|April|May|June|July|August|September|October|November|December
        |Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s\d{1,2}(?:st|nd|rd|th)?,?\s(?:19|20)\d\d(?![\d,.]\d)""",
            _MONTHS,
        ),
    ],
    re.IGNORECASE | re.VERBOSE,
)


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Where the text writes telephone numbers (and times, dates and codes): no figure starts there."""
    return [(m.start(), m.end()) for m in _NOT_FIGURES.finditer(text)]


# --- what a sentence's reader drops: numbers that count no quantity of the industry -------------
# (figure_mentions asks `not_a_figure` of every number both readers find; see docs/extract.md,
# "What is a figure". The text may be the folded Chinese one: traditional as simplified.)

_N = r"(?:\d[\d,]*(?:\.\d+)?|[a-z]+(?:-[a-z]+)?|[零〇一二两三四五六七八九十百千万]+)"
# a listing's code: "BYD (1211.HK)", "Xiaomi (1810)", "(HKG: 1211)", "(NASDAQ: NIO)", "002594.SZ"
_CODE = re.compile(
    r"[(（]\s*(?:[A-Z]{2,8}\s*[:：]\s*)?\d{4,6}(?:\.[A-Z]{1,2})?(?=\s*[)）,，;；/])"
    r"|[(（,，]\s*[A-Z]{2,8}\s*[:：]\s*\d{4,6}\b"
    r"|(?<![\d.,])\d{4,6}\.(?:HK|SZ|SH|SS|TW)\b"
)
# a span of time, not an amount: "over the past three months", "the next 10 years", 未来10年, 过去3年
_SPAN = re.compile(
    rf"\b(?:past|last|next|coming|previous|recent|following|preceding|remaining|first)\s+(?P<en>{_N})"
    r"\s+(?:years?|months?|weeks?|days?|quarters?|decades?)\b"
    rf"|(?:未来|未來|过去|過去|今后|今後|最近|近|此后|往后)\s*(?P<zh>{_N})\s*(?:个|個)?(?:年|月|天|周|週|星期)"
    rf"|(?P<dur>{_N})\s*(?:个|個)?(?:年|月|天)(?:的)?(?:时间|時間)",
    re.I,
)
# ... unless the span bounds a record: "the highest in the past 10 years", 创近5年新低 (high-years)
_RECORD = re.compile(
    r"(?:[a-z]+[- ])?\b(?:high|low|peak|highest|lowest|record|best|worst|strongest|weakest|fastest|slowest"
    r"|biggest|largest|smallest)\b"
    r"|新高|新低|最高|最低|最大|最小|最多|最少|之最|纪录|紀錄|最快|最慢|最好|最差|最佳",
    re.I,
)
# who issued or how a text is laid out, not an amount: "seven other departments", 七部门, "five aspects",
# "Key point 1:", "Focus 2:"
_BODIES = re.compile(
    rf"\b(?P<en>{_N})\s+(?:other\s+)?(?:government\s+|central\s+|state\s+)?"
    r"(?:departments|ministries|agencies|authorities|regulators|aspects|pillars)\b"
    r"|\bother\s+(?P<other>[a-z]+)\s+(?:departments|ministries|agencies|authorities)\b"
    rf"|(?P<zh>{_N})\s*(?:个|個)?(?:部门|部門|部委|方面)"
    rf"|\btop\s+(?P<top>\d+|[a-z]+)\b(?!\s*(?:%|percent))"  # "six of the top 10": a list's length
    rf"|\b(?:key\s+points?|points?|focus|part|article|section|chapter|item|step|task)\s+(?P<head>\d+)\s*[:：.]",
    re.I,
)
# a word number written onto a noun is a description: "zero-COVID", "seven-seat", "three-year-old";
# "two-fold", "one-third", "twenty-five", "three-quarters" are figures
_COMPOUND_AFTER = re.compile(
    r"-(?!(?:fold|thirds?|quarters?|halves|half|fifths?|tenths?|hundred|thousand|million|billion|percent|point"
    r"|one|two|three|four|five|six|seven|eight|nine)\b)[a-z]",
    re.I,
)
_SMALL_WORDS = frozenset(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
)
# "7- or 6-seat SUV": the first number of a suspended compound
_SUSPENDED = re.compile(r"-\s+(?:or|and|to)\s+\d")
# an ordinal that states a rank: words of rank or of a ranking near it ("second-largest", "ranked first",
# "the second most popular", "first in the world"); else "its first electric vehicle", "the 18th CPC
# National Congress", "40th anniversary", "20th-century" state no figure
_RANK_NEAR = re.compile(
    r"[\s-]+(?:most|largest|biggest|best|top|highest|lowest|place|position|spot|rank)"
    r"|[^.;]{0,40}\b(?:in the world|globally|worldwide|nationwide|in china|among|ranking|rankings|place"
    r"|largest|biggest|top|number one|leading)\b",
    re.I,
)
_RANKED_BEFORE = re.compile(
    r"\b(?:ranked|ranks|ranking|rank|placed|came|finished|stood|was|were|is|are"
    r"|(?:dropp(?:ed|ing)|f[ae]ll(?:ing)?|slipp(?:ed|ing)|r[io]s(?:e|ing)|climb(?:ed|ing)|mov(?:ed|ing) up)\s+to"
    r"|settl(?:ed|ing) for)\s+(?:the\s+)?[“\"]?$",
    re.I,
)
# an ordinal starting a run is the run's length, a figure: "the 16th consecutive year", "third year in a row"
_RUN_AFTER = re.compile(
    r"[\s-]+(?:consecutive|straight|successive|year in a row|month in a row|quarter in a row)", re.I
)


def not_a_figure(text: str, value: float, unit: str | None, start: int, end: int) -> bool:
    """Whether the number at text[start:end] (read as `value`, `unit`) counts no quantity: a listing's
    code, a span of time, a count of issuing bodies or a heading's number, a word number written onto
    a noun, or an ordinal that ranks nothing (milestones, "the 200,000th car", stay: cumulative counts)."""
    said = text[start:end]
    if any(m.start() <= start < m.end() for m in _CODE.finditer(text, max(0, start - 16), min(len(text), end + 8))):
        return True
    for pattern in (_SPAN, _BODIES):
        for m in pattern.finditer(text):
            group = next((g for g in m.groupdict() if m[g] is not None), None)
            if group is not None and m.start(group) <= start < m.end(group):
                return not (pattern is _SPAN and _RECORD.search(text))  # a record's span: high-years
    record = _RECORD.match(text, end + 1, end + 16)
    if said.lower() in _SMALL_WORDS and _COMPOUND_AFTER.match(text, end) and not record:
        return True
    if said[-1:].isdigit() and _SUSPENDED.match(text, end):
        return True
    if unit == "ordinal" and value < 1000:
        return _idle_ordinal(text, start, end)
    return False


def _idle_ordinal(text: str, start: int, end: int) -> bool:
    """An ordinal that neither ranks nor counts a run: "its first electric vehicle", 第一梯队."""
    chinese = text[max(0, start - 1) : start] == "第"
    if _RUN_AFTER.match(text, end):
        return False
    if chinese:
        return bool(
            re.match(
                r"\s*(?:季(?!军|軍)|梯队|梯隊|批|次|届|屆|代|阶段|階段|期|轮|輪|步|条|條|章|节|節|部分)", text[end:]
            )
        )
    return not (_RANK_NEAR.match(text, end) or _RANKED_BEFORE.search(text, max(0, start - 30), start))


# "每10辆车中就有4辆", "每售出4辆国产汽车，仅有1辆", "1 in 5 cars": one share of the whole, as the
# English reader reads "one in five" (20 %); the count of the whole is no figure of its own
_PROPORTION = re.compile(
    r"每(?:售出|卖出|賣出|销售|銷售|生产|生產)?\s*(?P<whole>\d+)\s*辆[^，。；,;]{0,12}?[，,]?\s*(?:就|仅|僅|只|才)?\s*有\s*(?:超过|超過|近|约|約|不到)?\s*(?P<part>\d+)\s*辆"
    r"|\b(?P<epart>\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<ewhole>\d{1,3})\b(?!\s*(?:%|percent))",
    re.I,
)


def proportions(text: str, mentions: list[Mention]) -> list[Mention]:
    """The two counts of a proportion ("每10辆中就有4辆") made one per cent of the whole (40)."""
    for m in _PROPORTION.finditer(text):
        whole_at, part_at = (m.start("whole"), m.start("part")) if m["whole"] else (m.start("ewhole"), m.start("epart"))
        whole = next((x for x in mentions if x.start == whole_at), None)
        part = next((x for x in mentions if x.start == part_at), None)
        if whole is None or part is None or not 0 < part.value < whole.value:
            continue
        start, end = min(whole.start, part.start), max(whole.end, part.end)
        share = Mention(Decimal(100) * part.value / whole.value, part.qualifier, "percent", start, end, text[start:end])
        mentions = sorted([x for x in mentions if x is not whole and x is not part] + [share], key=lambda x: x.start)
    return mentions


# "the 10 millionth car": a milestone's place, 10,000,000 (an ordinal, as "the 200,000th car"), never 10
_MILLIONTH = re.compile(r"[ -]?(?P<scale>thousand|million|billion)th\b", re.I)
_SCALE_OF = {"thousand": 10**3, "million": 10**6, "billion": 10**9}


def milestones(text: str, mentions: list[Mention]) -> list[Mention]:
    """Numbers before "millionth" read as the milestone's place."""
    out = []
    for m in mentions:
        after = _MILLIONTH.match(text, m.end) if m.unit is None and m.upper is None else None
        if after is not None:
            value = m.value * _SCALE_OF[after["scale"].lower()]
            m = Mention(value, m.qualifier, "ordinal", m.start, after.end(), text[m.start : after.end()])
        out.append(m)
    return out
