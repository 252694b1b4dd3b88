"""Proposing facts from a Chinese document: which metric, place, period and kind each figure has.

`extract` hands a Chinese text here. Numbers and periods are read by `chinese_numbers` and
`chinese_periods`; the metric is chosen by `autofacts.reading.resolve`, the same resolver (and
lexicon keys) as for English, from the segment, measure and form words around the figure
(新能源汽车, 产销, 环比 ...). The grammar that is not about metrics lives here:

- 我国/全国/中国 and national bodies (国务院, 工信部, 中汽协) place a figure in China; province and
  city names in their English spelling; 全球/世界 is the world unless it scopes a rank ("全球第一");
- 提出/目标/力争/规划 make a target, 预计/预测/有望 a forecast (`chinese_kinds`); a period not over at publication
  with neither is left TODO;
- a period in a document title (《…（2021—2035年）》) or after 比/较 (a comparison base) is not the
  figure's; a sentence without a period takes the last one stated before it, as it does a place.
What cannot be told is left None (TODO): a silent wrong guess is worse than a question. A metric
the catalogue lacks is never written as the metric: it is proposed (`suggest:`) and left TODO.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from autofacts.knowledge.model import KnowledgeBase
from autofacts.knowledge.parse import PLACEHOLDER
from autofacts.reading.candidate import AS_OF_PUBLICATION, Candidate
from autofacts.reading.chinese import nfkc
from autofacts.reading.chinese_entities import (
    CLAUSE,
    LIST_JOIN,
    clause_bounds,
    companies,
    goes_on,
    name_end,
    owner,
)
from autofacts.reading.chinese_groups import group_of_companies, group_suggestion
from autofacts.reading.chinese_kinds import FORECAST, TARGET, kind_of
from autofacts.reading.chinese_metric_rules import BASE_BEFORE as _BASE_BEFORE
from autofacts.reading.chinese_metric_rules import converted, other_base, to_destination
from autofacts.reading.chinese_numbers import change_direction
from autofacts.reading.chinese_numerals import parse_chinese_integer
from autofacts.reading.chinese_places import GOING, place_of
from autofacts.reading.chinese_spans import month_or_year, parts_period
from autofacts.reading.mentions import Mention
from autofacts.reading.numbers import hedge_start
from autofacts.reading.resolve import Resolver, Slot, Topic
from autofacts.reading.text import PeriodPhrase, Sentence, figure_mentions, period_phrases, sentences

_SAME_MONTHS = re.compile(r"\s*同期")
_AS_OF = re.compile(r"截[至止]\s*$")
_PARTS = re.compile(r"\s*其中")  # a sentence giving the parts of the figures before
_VEHICLE_NOUN = re.compile(r"新能源(?:汽)?车|纯电动|插电式?混合动力|电动汽车|乘用车|商用车|汽车|整车")
_NEV_NOUN = re.compile(r"新能源|纯电动|插电|电动汽车")
_SEGMENTS = ("乘用车", "商用车")  # a part of the vehicle market the catalogue has no metrics for
# 分别 ("respectively") after a subject of two parts: 产销 is 产量 and 销量
_COMPOUNDS = {"产销量": ("产量", "销量"), "产销": ("产量", "销量"), "进出口": ("进口", "出口")}
_MULTIPLE_OF = re.compile(r"是\s*$")  # "是2021年的6倍": 2021 is the base of the multiple
_SINCE = re.compile(r"(?:自|自从)\s*$")  # "自2023年首度超过日本后": a span from 2023, not 2023
_FROM = re.compile(r"从\s*$")
_AUTOMOBILES = re.compile(r"(?<![能动电源])汽车(?!.*机动车)")  # 汽车, not 新能源汽车 nor 机动车
_UNTIL = re.compile(r"[^。；]*?(?:到|至)\s*(?:\d{4}|今年|去年)")  # the end of a span "从……到2022年"
_SINCE_AFTER = re.compile(r"\s*(?:以来|起|开始|至今)")  # "从2020年起", not "从1月至10月的数据来看"
_STREAK = re.compile(r"连续\s*(\d+|[二两三四五六七八九十]+)\s*个月")  # "已经连续3个月超过60万辆"
_A_YEAR_BEFORE = "a year before (去年同期)"
_THE_BASE = "the comparison base it states"
_CUMULATIVE = re.compile(r"累计")
# a company's share of a market (份额, 市占率, 占全国), not of its own sales (占整体销量: its NEVs' share)
_OF_A_MARKET = re.compile(r"市场|份额|市占|占有率|全国|全球")
_POINTS = re.compile(r"\s*个?\s*百分点")
_HIGHER_THAN = re.compile(r"[高低快慢多少好差]于\s*$")
_WHOLE_YEAR = re.compile(r"全年")
_NOW = re.compile(r"目前|当前|如今|现阶段|眼下|迄今|至今")  # the present: dated by publication
_THIS_MONTH = re.compile(r"当月|同月")  # 本月 is the month of publication (chinese_periods)
# A margin between two figures, not a level: "以2万辆销量的领先", "领先2万辆"
_MARGIN_AFTER = re.compile(r"\s*(?:销量)?\s*的?\s*(?:领先|优势|差距)")
_MARGIN_BEFORE = re.compile(r"(?:领先|相差|差距为?|多出|(?<![减缩])少)\s*$")  # but 减少 is a fall
_THESE_MONTHS = re.compile(r"这(?:几|些|[\d一二三四五六七八九十两]+)个月")  # "这几个月的交付量": listed before
_CHANGE_LEAD = re.compile(
    r"\s*(?:同比|环比|按年|按月|比上年|较上年)?\s*(?:分别|均|则)?\s*(?:增长|下降|增|减|升|跌|上升|下滑|回落)"
)
# 今年以来, and 今年 before 累计 ("今年新能源汽车累计销量"): counted from January
_SO_FAR = re.compile(r"今年(?:以)?来|年初(?:以来|至今)|(?:今年|年内)(?=[^，。；,;]{0,10}累计)")
# "同比（46,709辆）", "去年同期蚀20.2亿元" (Hong Kong: 蚀, lost)
_YEAR_AGO_BEFORE = re.compile(r"(?:(?:去年|上年)同期(?:则)?(?:的|为|是|蚀|亏损?|录得)?|同比\s*[（(])\s*$")
# "较2024年同期的71.09%", "比前年的9,556辆": the figure after a comparison base is the base's own
_BASE_FIGURE = re.compile(r"\s*(同期)?\s*(?:的|为|是)?\s*(?:约|近|超过|逾|不到)?\s*$")


@dataclass(frozen=True)
class _Context:
    period: str | None = None
    region: str | None = None
    entity: str | None = None  # the one company the sentence before named ("比亚迪……。公司……")
    topic: Topic = Topic()  # the segment and measure it was about (其中, 同月 refer back to them)
    so_far: bool = False  # an earlier sentence counted from January ("今年以来累计"): 累计 means that
    # what the sentence just before said, for one that goes on with its parts ("其中，乘用车2170万辆"):
    # its own period even when a forecast's, and its kind when a word said it
    said: tuple[str | None, str | None] = (None, None)
    # the level figures of the paragraph so far, (value, unit, period): what a 其中 sentence's parts add up to
    wholes: tuple[tuple[Decimal, str | None, str | None], ...] = ()
    forecasts: bool = False  # a sentence before said a forecast (乘联预测)


class ChineseReader:
    """The catalogue's resolver and regions, read once for a whole document."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.resolver = Resolver(kb)

    # -- place, company, period, kind -----------------------------------------------------------

    def region(self, text: str, mention: Mention, entity: str | None, ctx: _Context) -> tuple[str | None, str]:
        named = companies(text, mention.start)
        company = (named[-1][0], name_end(text, *named[-1])) if named and entity is not None else (0, -1)
        return place_of(text, mention.start, entity, ctx.region, company)

    def period(
        self, text: str, mention: Mention, periods: list[PeriodPhrase], ctx: _Context, mentions: Sequence[Mention] = ()
    ) -> tuple[str | None, str]:
        paired = _paired_period(text, mention, periods, mentions)
        if paired is not None:
            return paired
        these = _THESE_MONTHS.search(text, 0, mention.start)
        if these is not None:
            return None, f"period: '{these[0]}', the months named before"
        same = list(_THIS_MONTH.finditer(text, 0, mention.start))
        if same and not any(same[-1].end() <= p.start < mention.start for p in periods):
            return _this_month(text, same[-1], periods, ctx)
        label, why = self._period(text, mention, periods, ctx)
        label, why = month_or_year(text, mention, periods, label, why)
        streak = next(reversed(list(_STREAK.finditer(text, 0, mention.end))), None)
        if label is not None and streak is not None and not any(p.end <= mention.start for p in periods):
            return _streak_period(label, streak, mention, why)
        ago = _YEAR_AGO_BEFORE.search(text, max(0, mention.start - 8), mention.start)
        if ago is not None and (_POINTS.match(text, mention.end) or _HIGHER_THAN.search(text, 0, ago.start())):
            ago = None  # "增速高于上年同期1.8个百分点": the gap from a year before, in this period
        if label is not None and ago is not None:
            # "相比去年同期的33%": the figure of the same months a year before
            return re.sub(r"\d{4}", lambda y: str(int(y[0]) - 1), label), f"{why}, {_A_YEAR_BEFORE}"
        return label, why

    def _period(
        self, text: str, mention: Mention, periods: list[PeriodPhrase], ctx: _Context
    ) -> tuple[str | None, str]:
        before = [p for p in periods if p.end <= mention.start]
        if before and _FROM.search(text, 0, before[-1].start) and text.startswith("的", before[-1].end):
            # "从2022年的超过20%增至约70%": 2022 dates the span's start, not its end nor the change over it
            after = text[before[-1].end : mention.start]
            if re.search(r"[至到]", after) or mention.unit in ("percent", "times") and re.search(r"增|降|减", after):
                return None, f"period: '{text[before[-1].start : before[-1].end]}' starts a span the figure is not"
        if before and _since(text, before[-1]):
            return None, f"period: the span since '{text[before[-1].start : before[-1].end]}', not stated"
        own = [p for p in before if _is_own(text, p, mention)]
        now = _NOW.search(text, 0, mention.start)
        if now is not None and not own:  # "如今……业务遍及全球51个国家和地区": as of publication
            return AS_OF_PUBLICATION, f"period: none stated, and '{now[0]}' speaks of the present"
        share = max(text.rfind("占", 0, mention.start), text.rfind("佔", 0, mention.start))
        if share >= 0 and any(p.end <= share for p in own) and any(p.start > share for p in own):
            # "10月份单月销量就占今年累计销量的27.5%": the whole's period (今年累计) is not the share's
            own = [p for p in own if p.end <= share]
        if before and _BASE_BEFORE.search(text[: before[-1].start]):
            base = _base_period(text, before[-1], mention, own[-1].label if own else ctx.period)
            if base is not None:
                return base, f"period: '{text[before[-1].start : before[-1].end]}', {_THE_BASE}"
        if own and _SO_FAR.match(text, own[-1].start):
            # "今年来累计出口超过200万辆" after "今年前10个月" or "5月份": January up to the months spoken of
            said = [p.label for p in own[:-1]] + ([ctx.period] if ctx.period else [])
            spans = [span for label in said if (span := _so_far(own[-1].label[:4], label))]
            if spans:
                return spans[0], f"period: '{text[own[-1].start : own[-1].end]}' up to {spans[0]}"
        clause_start = clause_bounds(text, mention.start)[0]
        if _CUMULATIVE.search(text, clause_start, mention.start) and not any(p.start >= clause_start for p in own):
            # "5月批发量为232.9万辆……，累计批发量为1079.7万辆": January to May, as 今年以来 said before
            spoken = own[-1].label if own else ctx.period
            if own and _AS_OF.search(text, 0, own[-1].start):  # "截至今年10月，累计销量突破1000万辆": as of then
                return own[-1].label, f"period: as of '{text[own[-1].start : own[-1].end]}'"
            if spoken is not None and re.fullmatch(r"(?:\d{4}-01/)?\d{4}-\d{2}", spoken):  # not a day's stock
                span = _so_far(spoken[:4], spoken)
                so_far = ctx.so_far or any(_SO_FAR.match(text, p.start) for p in periods)
                if span is not None and (so_far or "/" in spoken):
                    return span, f"period: cumulative, January up to {spoken}"
                return None, "period: a cumulative figure, from when not stated"
        if own and re.fullmatch(r"\d{4}", own[-1].label) and _SAME_MONTHS.match(text, own[-1].end):
            # "1-10月……，而2023年同期为728万辆": the months spoken of, in that year
            said = [p.label for p in own[:-1]] + ([ctx.period] if ctx.period else [])
            if said and re.fullmatch(r"\d{4}(?:-\d{2}(?:/\d{4}-\d{2})?)?", said[0]):
                return re.sub(r"\d{4}", own[-1].label, said[0]), f"period: '{own[-1].label}年同期' of {said[0]}"
            return None, f"period: the same months of {own[-1].label}, its months not stated"
        if own and _WHOLE_YEAR.fullmatch(text, own[-1].start, own[-1].end) and ctx.period:
            # "1—6月……。预计全年……": a forecast of the whole of the year the text spoke of, not of
            # the latest year over (an outcome "全年" is that one)
            ahead = FORECAST.search(text, 0, clause_bounds(text, mention.start)[1]) or TARGET.search(text)
            if ahead and not re.search(r"\d{4}\s*年", text[: own[-1].start]) and ctx.period[:4].isdigit():
                return ctx.period[:4], f"period: '全年', the year of {ctx.period} spoken of before"
        if own:
            return own[-1].label, f"period: '{text[own[-1].start : own[-1].end]}'"
        if ctx.period is not None:
            return ctx.period, "period: carried from an earlier sentence"
        return None, ""


def _to_date_flow(reader: ChineseReader, metric: str, why: str) -> tuple[str, str]:
    """ "今年累计销量" from January: the year's sales so far, not the all-time total (a stock)."""
    dims = dict(reader.kb.metrics[metric].dimensions) if metric in reader.kb.metrics else {}
    if not dims.get("measure", "").startswith("cumulative-"):
        return metric, why
    key = (dims.get("segment"), dims["measure"].removeprefix("cumulative-"), dims.get("form", ""), dims.get("group"))
    found = reader.resolver.by_dims.get(key)
    return (found.id, f"{why}; counted from January: a flow") if found else (metric, why)


def _flow(reader: ChineseReader, metric: str | None) -> bool:
    """A metric counted over a period (sales, growth), not a stock on a day (a fleet, a total to date):
    "截至10月，新能源汽车销量为1300万辆" counts January to October."""
    found = reader.kb.metrics.get(metric) if metric else None
    return found is not None and found.measure in ("flow", "growth")


def _of_cars(text: str, at: int) -> bool:
    """Added value is car making's when its clause, or the words before 增加值, name cars."""
    start, _ = clause_bounds(text, at)
    if "汽车" in text[start:at]:
        return True
    cue = text.rfind("增加值", 0, at)
    return cue >= 0 and "汽车" in text[max(0, cue - 12) : cue]


def _change_of_previous(text: str, mention: Mention, before: Mention, periods: list[PeriodPhrase]) -> bool:
    """ "累计批发量为1079.7万辆，同比增长12%": a change in the clause right after a figure, naming no
    period of its own, is that figure's change and has its period."""
    start, _ = clause_bounds(text, mention.start)
    if mention.unit != "percent" or before.unit == "percent" or not _CHANGE_LEAD.match(text, start):
        return False
    previous_clause, _ = clause_bounds(text, before.start)
    between = text[before.end : start]
    return not any(previous_clause <= p.start < mention.start for p in periods) and len(between) <= 2


def _this_month(text: str, said: re.Match[str], periods: list[PeriodPhrase], ctx: _Context) -> tuple[str | None, str]:
    """当月/同月/本月: the month spoken of, stated before in the sentence or carried (the last month of
    a span from January: "1-8月……。蔚来当月交付" is August)."""
    months = [p.label for p in periods if p.end <= said.start() and re.fullmatch(r"\d{4}-\d{2}", p.label)]
    spoken = months[-1] if months else ctx.period
    month = re.fullmatch(r"(?:\d{4}-01/)?(\d{4}-\d{2})", spoken or "")
    if month is None:
        return None, f"period: '{said[0]}', a month not stated"
    return month[1], f"period: '{said[0]}', the month spoken of"


def _paired_period(
    text: str, mention: Mention, periods: list[PeriodPhrase], mentions: Sequence[Mention]
) -> tuple[str, str] | None:
    """ "7月、8月、9月的交付量分别为8040辆、7214辆、10412辆": each figure has the period in its place
    of the list before 分别 (None when there is no such list or the two lists differ in length)."""
    fen = text.rfind("分别", 0, mention.start)
    if fen < 0:
        return None
    before = [p for p in periods if p.end <= fen]
    if len(before) < 2 or CLAUSE.search(text, before[-1].end, fen):
        return None
    listed = [before[-1]]
    for p in reversed(before[:-1]):
        if not LIST_JOIN.match(text[p.end : listed[0].start]):
            break
        listed.insert(0, p)
    _, end = clause_bounds(text, fen + 2)
    figures = [m for m in mentions if fen < m.start < end and m.unit == mention.unit]
    if len(listed) < 2 or len(listed) != len(figures) or mention not in figures:
        return None
    phrase = listed[figures.index(mention)]
    return phrase.label, f"period: '{text[phrase.start : phrase.end]}', by its place in the list (分别)"


def _so_far(year: str, spoken: str) -> str | None:
    """January of `year` up to the months spoken of: 2025-05 and 2025-01/2025-05 give 2025-01/2025-05."""
    day = re.fullmatch(rf"{year}-(\d{{2}})-(\d{{2}})", spoken)  # "截至10月底，今年累计": to that day
    if day is not None:
        last = calendar.monthrange(int(year), int(day[1]))[1] == int(day[2])
        return _so_far(year, spoken[:7]) if last else f"{year}-01-01/{spoken}"
    found = re.fullmatch(rf"(?:{year}-01/)?{year}-(\d{{2}})", spoken)
    if found is None:
        return None
    if found[1] == "12":
        return year  # January to December: the year
    return f"{year}-01" if found[1] == "01" else f"{year}-01/{year}-{found[1]}"


def _since(text: str, phrase: PeriodPhrase) -> bool:
    """A period that starts a span ("自2023年……", "从2020年以来") rather than dating the figure."""
    if _SINCE.search(text, 0, phrase.start):
        return True
    return bool(_FROM.search(text, 0, phrase.start) and _SINCE_AFTER.match(text, phrase.end))


def _streak_period(label: str, streak: re.Match[str], mention: Mention, why: str) -> tuple[str | None, str]:
    """ "已经连续3个月超过60万辆" after figures of January to October: each of the three months up to
    October (2025-08/2025-10), and the count of months is the run's last month (2025-10). A run
    longer than the months spoken of, or a period without an end month, is left to the curator."""
    end = re.fullmatch(r"(?:\d{4}-\d{2}/)?(\d{4})-(\d{2})", label)
    n = int(streak[1]) if streak[1].isdigit() else parse_chinese_integer(streak[1])
    if end is None or not 1 <= n <= int(end[2]):
        return None, f"period: a run of {streak[1]} months, its months not stated"
    year, month = end[1], int(end[2])
    if mention.start == streak.start(1):
        return f"{year}-{month:02d}", f"{why}; the run's last month"
    if n == 1:
        return f"{year}-{month:02d}", why
    return f"{year}-{month - n + 1:02d}/{year}-{month:02d}", f"{why}; each of the run's {streak[1]} months"


def _base_period(text: str, phrase: PeriodPhrase, mention: Mention, spoken: str | None) -> str | None:
    """The period of a figure that is a comparison base ("较2024年同期的71.09%": 2024's share), or
    None when the figure is not the base. 同期 ("the same months of") a year moves the months of the
    period spoken of (`spoken`) into that year; with no such period it is left to the curator."""
    said = _BASE_FIGURE.fullmatch(text, phrase.end, mention.start)
    if said is None:
        return None
    if not said[1]:
        return phrase.label
    if re.fullmatch(r"\d{4}", phrase.label) and spoken and re.fullmatch(r"\d{4}(?:-[\dQH/-]+)?", spoken):
        return re.sub(r"\d{4}", phrase.label, spoken)  # 2025-01/2025-10 -> 2024-01/2024-10
    return None


def _is_own(text: str, phrase: PeriodPhrase, mention: Mention) -> bool:
    """A period before the figure is its own unless it names a document, a base or a multiple's base."""
    if text.rfind("《", 0, phrase.start) > text.rfind("》", 0, phrase.start):
        return False
    if _BASE_BEFORE.search(text[: phrase.start]):
        return False
    between = text[phrase.end : mention.start]
    return not (mention.unit == "times" and _MULTIPLE_OF.search(text[: phrase.start]) and "的" in between[:2])


def _named_after(text: str, start: int, at: int) -> bool:
    """A company named between a group and the figure ("前十……，其中比亚迪……") owns the figure."""
    return any(start < n[0] for n in companies(text, at))


def chinese_candidates(text: str, kb: KnowledgeBase, published: date | None = None) -> list[Candidate]:
    """A candidate for every figure a Chinese text states, in order."""
    reader = ChineseReader(kb)
    ctx = _Context()
    out: list[Candidate] = []
    # read a folded copy (full-width as ASCII, traditional as simplified: same offsets); quote the text
    previous_end = 0
    for read in sentences(nfkc(text)):
        s_text = read.text
        sentence = Sentence(read.start, read.end, text[read.start : read.end])
        periods = period_phrases(s_text, published)
        mentions = figure_mentions(s_text)
        owners = [owner(s_text, m, mentions, ctx.entity) for m in mentions]
        slots = [
            Slot(m.start, m.end, hedge_start(s_text, m.start), m.unit, clause_bounds(s_text, m.start), e is not None)
            for m, (e, _) in zip(mentions, owners, strict=True)
        ]
        continues = "\n" not in text[previous_end : read.start] and previous_end > 0
        choices, topic = reader.resolver.sentence(s_text, "zh", slots, ctx.topic, continues)
        previous_end = read.end
        previous: tuple[Mention, str | None, str] | None = None
        base_figure = False
        compared: dict[str | None, tuple[str | None, str | None]] = {}  # by unit: the last figure's metric
        for m, (entity, carried), chosen in zip(mentions, owners, choices, strict=True):
            period, period_why = reader.period(s_text, m, periods, ctx, mentions)
            if previous is not None and _change_of_previous(s_text, m, previous[0], periods) and not base_figure:
                period, period_why = previous[1], f"{previous[2]}, as the figure it is the change of"
            base_figure = _A_YEAR_BEFORE in period_why or _THE_BASE in period_why  # its change is not its own
            previous = (m, period, period_why)
            region, region_why = reader.region(s_text, m, entity, ctx)
            kind, kind_why = kind_of(s_text, period, published, m.start, periods)
            future = ("target", "forecast")
            if kind == "actual" and period is None and ctx.forecasts:
                # "乘联预测，本月……。……乘用车零售市场约2162万辆": with no period, in a text that forecasts,
                # nothing says whether the figure is an outcome
                kind, kind_why = PLACEHOLDER, "kind: no period and no word says, in a text that forecasts"
            if kind in future and ctx.said[1] in future and period is None and ctx.said[0] is not None:
                period, period_why = ctx.said[0], "period: the plan's or forecast's of the sentence before"
            if _PARTS.match(s_text):  # "预计2021年销量达2630万辆。其中，乘用车2170万辆": the same forecast's parts
                if ctx.said[0] is not None and (period is None or "carried" in period_why):
                    period, period_why = parts_period(ctx.said[0], ctx.wholes, mentions, m)
                if ctx.said[1] is not None and not kind_why.startswith("kind: '"):
                    kind, kind_why = ctx.said[1], "kind: the sentence before's, whose parts (其中) it gives"
            said = sentence.text[m.start : m.end]
            mention = Mention(
                m.value, m.qualifier, m.unit, sentence.start + m.start, sentence.start + m.end, said, m.upper
            )
            group = group_of_companies(s_text, m.start) if entity is None else None
            for choice in chosen:
                metric, new, metric_why = choice.metric, choice.suggest, choice.why
                if base_figure:  # "渗透率达53.3%，较去年同期的36.9%提升": 36.9 % is the same measure a year before
                    metric, new = compared.get(m.unit, (None, None))
                    metric_why = "metric: a comparison base, as the figure compared with it" if metric or new else ""
                elif choice is chosen[0]:
                    compared[m.unit] = (metric, new)
                if group is not None and not _named_after(s_text, group[0], m.start):
                    new = group_suggestion(metric or new, group[1])
                    metric, metric_why = None, f"metric: a figure of a group of companies ('前{group[1]}')"
                if converted(s_text, m, mentions):
                    metric, new, metric_why = None, None, "metric: the figure before in another currency, in brackets"
                if _MARGIN_AFTER.match(s_text, m.end) or _MARGIN_BEFORE.search(s_text, 0, hedge_start(s_text, m.start)):
                    metric, new, metric_why = None, None, "metric: a margin between two figures, not a level"
                if (metric or "").startswith("manufacturing-added-value") and not _of_cars(s_text, m.start):
                    metric, new = None, "industrial-added-value-growth"
                    metric_why = "metric: added value of all industry (规模以上工业), not of car making"
                if m.unit not in ("percent", "times") and change_direction(s_text, hedge_start(s_text, m.start)):
                    metric, new, metric_why = None, None, "metric: a change by so many (增加10万辆), not a level"
                cars = bool(_AUTOMOBILES.search(s_text, clause_bounds(s_text, m.start)[0], m.start))
                if metric == "vehicle-ownership" and (cars or "'机动车'" not in metric_why):
                    # MPS counts 机动车 (motor vehicles, motorcycles too) apart from 汽车 (automobiles)
                    cars = cars or "'汽车'" in metric_why
                    metric, new = None, ("automobile-ownership" if cars else None)
                    metric_why = "metric: a fleet of automobiles (汽车), not of all motor vehicles (机动车)"
                if GOING in region_why:  # "对欧洲出口增长30%": exports to one market are not all exports
                    new = to_destination(metric or new)
                    metric, metric_why = None, "metric: a figure of one market the vehicles go to"
                base = other_base(s_text, m, periods, period, metric or new or "")
                if base is not None:
                    metric, new = None, None
                    metric_why = f"metric: a change against '{base}', neither the year nor the month before"
                spans = period is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", period) and _flow(reader, metric)
                if spans and period is not None and (span := _so_far(period[:4], period)) is not None:
                    period, period_why = span, f"{period_why}; a flow up to that day, from January"
                if metric and period and re.fullmatch(r"(\d{4})-01(?:-01)?/\1-[\d-]+", period):
                    metric, metric_why = _to_date_flow(reader, metric, metric_why)
                place, place_why = region, region_why
                if entity is not None and (metric or new or "").endswith("share") and _OF_A_MARKET.search(s_text):
                    place, place_why = reader.region(s_text, m, None, ctx)  # a company's share: of the market's place
                why = tuple(w for w in (metric_why, period_why, place_why, kind_why) if w)
                if entity is not None:
                    said = "in the sentence before" if carried else "before the figure"
                    why += (f"entity: '{entity}' {said}",)
                out.append(Candidate(mention, sentence, metric, place, period, kind, entity, m.upper, why, new))
        levels = tuple(
            (c.mention.value, c.mention.unit, c.period)
            for c in out
            if c.sentence.start == sentence.start and c.mention.unit not in ("percent", "times") and c.metric
        )
        wholes = (ctx.wholes if continues else ()) + levels
        forecasts = ctx.forecasts or any(c.kind == "forecast" for c in out if c.sentence.start == sentence.start)
        ctx = replace(_carry(reader, s_text, periods, ctx), topic=topic, wholes=wholes, forecasts=forecasts)
    return out


def _carry(reader: ChineseReader, text: str, periods: list[PeriodPhrase], ctx: _Context) -> _Context:
    """The period and place a sentence establishes for those after it."""
    stated = [p for p in periods if text.rfind("《", 0, p.start) <= text.rfind("》", 0, p.start)]
    so_far = any(_SO_FAR.match(text, p.start) for p in stated) or ctx.so_far
    # not a comparison base (比2020年), a span's start (自2023年) or "今年以来": they do not re-date
    # the sentences after it
    own = [
        p
        for p in stated
        if not _BASE_BEFORE.search(text, 0, p.start)
        and not _since(text, p)
        and not _SO_FAR.match(text, p.start)
        and not (_FROM.search(text, 0, p.start) and _UNTIL.match(text, p.end))  # 从2018年的……到2022年的
    ]
    # the first period stated, but a flow's over a stock's day ("截至10月31日累计……；10月交付……")
    flows = [p for p in own if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.label)] or own
    period = flows[0].label if flows else ctx.period
    if TARGET.search(text) or FORECAST.search(text):
        period = ctx.period  # a plan's or a forecast's year does not date the sentences after it
    elif not own and any(_since(text, p) for p in stated):
        period = None  # "自2023年……": the sentences after it are not dated 2023
    probe = Mention(Decimal(0), "exact", None, len(text), len(text), "")
    region, _ = reader.region(text, probe, None, _Context())
    named = {name for _, name in companies(text)}
    entity = ctx.entity if not named and ctx.entity is not None and goes_on(text, ctx.entity) else None
    if len(named) == 1:
        entity = next(iter(named))
    said_kind = "forecast" if FORECAST.search(text) else "target" if TARGET.search(text) else None
    said = (flows[0].label if flows else ctx.said[0] if _PARTS.match(text) else None, said_kind)
    return _Context(period, region or ctx.region, entity, so_far=so_far, said=said)
