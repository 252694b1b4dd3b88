"""Proposing facts from a Chinese document: which metric, place, period and kind each figure has.

`extract` hands a Chinese text here. Numbers and periods are read by `autofacts.chinese`; metric
words come from the catalogue's `phrases` (产量, 销量, 出口, 市场占有率 beside the English ones),
matched before the figure or, for runs and records ("连续8年保持全球第一"), after it in the same
clause. The grammar that is not a word list lives here:

- "产销分别完成X和Y": 分别 ("respectively") pairs the figures after it with the parts of the
  subject before it (产销 = 产量 and 销量); "同比分别增长a%和b%" pairs the growth rates the same way;
- a percentage or multiple after 增长/下降 is the growth of the level named before it;
- 新能源汽车 as the nearest vehicle noun makes a vehicle metric its NEV variant;
- 我国/全国/中国 and national bodies (国务院, 工信部, 中汽协) place a figure in China; province and
  city names in their English spelling; 全球/世界 is the world unless it scopes a rank ("全球第一");
- 提出/目标/力争/规划 make a target, 预计/预测/有望 a forecast; a period not over at publication
  with neither is left TODO;
- a period in a document title (《…（2021—2035年）》) or after 比/较 (a comparison base) is not the
  figure's; a sentence without a period takes the last one stated before it, as it does a place.
What cannot be told is left None (TODO): a silent wrong guess is worse than a question. A metric
proposed from the catalogue's own (the growth of 新能源汽车产量 when only the level is there) is
written as the figure's metric and marked new: `check` refuses it (E110) until it is defined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from autofacts.chinese import nfkc
from autofacts.extract import Candidate, MetricPhrase, metric_phrases
from autofacts.model import KnowledgeBase, Metric
from autofacts.numbers import Mention
from autofacts.parse import PLACEHOLDER
from autofacts.periods import parse_period
from autofacts.reading.entities import chinese_companies
from autofacts.text import PeriodPhrase, Sentence, figure_mentions, period_phrases, sentences

# Province-level divisions and large cities, as the knowledge base spells them.
PLACES = {
    "北京": "Beijing",
    "天津": "Tianjin",
    "上海": "Shanghai",
    "重庆": "Chongqing",
    "河北": "Hebei",
    "山西": "Shanxi",
    "辽宁": "Liaoning",
    "吉林省": "Jilin",
    "黑龙江": "Heilongjiang",
    "江苏": "Jiangsu",
    "浙江": "Zhejiang",
    "安徽": "Anhui",
    "福建": "Fujian",
    "江西": "Jiangxi",
    "山东": "Shandong",
    "河南": "Henan",
    "湖北": "Hubei",
    "湖南": "Hunan",
    "广东": "Guangdong",
    "海南": "Hainan",
    "四川": "Sichuan",
    "贵州": "Guizhou",
    "云南": "Yunnan",
    "陕西": "Shaanxi",
    "甘肃": "Gansu",
    "青海": "Qinghai",
    "内蒙古": "Inner Mongolia",
    "广西": "Guangxi",
    "西藏": "Tibet",
    "宁夏": "Ningxia",
    "新疆": "Xinjiang",
    "香港": "Hong Kong",
    "澳门": "Macao",
    "台湾": "Taiwan",
    "广州": "Guangzhou",
    "深圳": "Shenzhen",
    "杭州": "Hangzhou",
    "宁波": "Ningbo",
    "南京": "Nanjing",
    "苏州": "Suzhou",
    "无锡": "Wuxi",
    "常州": "Changzhou",
    "合肥": "Hefei",
    "武汉": "Wuhan",
    "长沙": "Changsha",
    "成都": "Chengdu",
    "西安": "Xi'an",
    "郑州": "Zhengzhou",
    "青岛": "Qingdao",
    "济南": "Jinan",
    "沈阳": "Shenyang",
    "长春": "Changchun",
    "大连": "Dalian",
    "柳州": "Liuzhou",
    "佛山": "Foshan",
    "东莞": "Dongguan",
    "厦门": "Xiamen",
    "福州": "Fuzhou",
    "南昌": "Nanchang",
    "昆明": "Kunming",
    "贵阳": "Guiyang",
    "哈尔滨": "Harbin",
    "长三角": "Yangtze River Delta",
    "珠三角": "Pearl River Delta",
}
_CHINA = re.compile(
    r"我国|全国|中国|国内|国务院|国家|工业和信息化部|工信部|商务部|发改委|海关总署|统计局|中汽协|乘联会|中国汽车工业协会"
)
_WORLD = re.compile(r"全球|世界(?!各国)")
_RANK_SCOPE = re.compile(r"\s*(?:第一|首位|前列|最大|领先|第\d)")  # "全球第一": China's rank, not the world


_PLACE = re.compile("|".join(sorted(PLACES, key=len, reverse=True)))
_TARGET = re.compile(r"目标|力争|提出|规划|计划|确保|争取|要求|方案|意见")
_FORECAST = re.compile(r"预计|预测|有望|预期|估计|展望")
_VEHICLE_NOUN = re.compile(r"新能源(?:汽)?车|纯电动|插电式?混合动力|电动汽车|乘用车|商用车|汽车|整车")
_NEV_NOUN = re.compile(r"新能源|纯电动|插电|电动汽车")
_SEGMENTS = ("乘用车", "商用车")  # a part of the vehicle market the catalogue has no metrics for
# 分别 ("respectively") after a subject of two parts: 产销 is 产量 and 销量
_COMPOUNDS = {"产销量": ("产量", "销量"), "产销": ("产量", "销量"), "进出口": ("进口", "出口")}
_LIST_JOIN = re.compile(r"^\s*(?:和|与|及|以及|、|，)\s*$")
_CLAUSE = re.compile(r"[，。；：！？;:!?]|,(?!\d{3}(?!\d))")  # an ASCII comma too, but not in "1,234"
_BASE_BEFORE = re.compile(r"(?:比|较|相比|与|同)\s*$")  # "比2020年增长": 2020 is the comparison base
_MULTIPLE_OF = re.compile(r"是\s*$")  # "是2021年的6倍": 2021 is the base of the multiple
_SO_FAR = re.compile(r"今年(?:以)?来|年初(?:以来|至今)")
_YEAR_AGO_BEFORE = re.compile(r"(?:去年|上年)同期(?:的|为|是)?\s*$")
_DATELINE = re.compile(r"[市省]?\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)")


@dataclass(frozen=True)
class _Context:
    period: str | None = None
    region: str | None = None
    entity: str | None = None  # the one company the sentence before named ("比亚迪……。公司……")


# A sentence opening with these is about the company the sentence before named.
_COMPANY_ANAPHORA = re.compile(r"^\s*(?:该公司|公司|其)")


def _clause_bounds(text: str, at: int) -> tuple[int, int]:
    starts = [m.end() for m in _CLAUSE.finditer(text, 0, at)]
    end = _CLAUSE.search(text, at)
    return (starts[-1] if starts else 0), (end.start() if end else len(text))


class ChineseReader:
    """The catalogue's phrases and regions, read once for a whole document."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.phrases = [p for p in metric_phrases(kb) if not p.text.isascii()]
        self.slots = [p for p in self.phrases if p.has_slot]
        self.plain = [p for p in self.phrases if not p.has_slot]
        self.growth_of = {m.growth_of: m.id for m in kb.metrics.values() if m.growth_of}

    # -- metric --------------------------------------------------------------------------------

    def _phrase_hits(self, text: str, start: int, end: int) -> list[tuple[int, int, MetricPhrase]]:
        hits = []
        for phrase in self.plain:
            hits += [(m.start(), m.end(), phrase) for m in phrase.pattern.finditer(text, start, end)]
        # a longer phrase ending at the same place wins ("新能源汽车销量" over "销量")
        hits.sort(key=lambda h: (h[1], h[1] - h[0]))  # of two ending together, the longer comes last
        return hits

    def _variant(self, metric_id: str, text: str, at: int) -> tuple[str | None, str | None]:
        """The NEV variant of a vehicle metric when the nearest vehicle noun before `at` is NEV.

        A figure of passenger cars or commercial vehicles (乘用车, 商用车) is none of the catalogue's
        all-vehicle metrics: None, with the id it might have as a proposal (not as its metric)."""
        nouns = list(_VEHICLE_NOUN.finditer(text, 0, at))
        if not nouns or not metric_id.startswith(("vehicle-", "nev-")):
            return metric_id, None
        noun = nouns[-1][0]
        if noun in _SEGMENTS:
            return None, None
        if not _NEV_NOUN.match(noun) or not metric_id.startswith("vehicle-"):
            return metric_id, None
        nev = "nev-" + metric_id[len("vehicle-") :]
        return (nev, None) if nev in self.kb.metrics else (None, nev)

    def _growth(self, level: str) -> tuple[str | None, str | None]:
        growth = self.growth_of.get(level)
        return (growth, None) if growth else (None, f"{level}-growth")

    def _respectively(self, text: str, mention: Mention, mentions: list[Mention]) -> tuple[str, int] | None:
        """(subject word, where it stands) for a figure in a 分别 list, else None."""
        c_start, c_end = _clause_bounds(text, mention.start)
        fen = text.rfind("分别", c_start, mention.start)
        if fen < 0:
            # "产销累计完成X和Y": two figures joined by 和 after a two-part subject pair up without 分别
            listed = [m for m in mentions if c_start <= m.start < c_end]
            joined = len(listed) == 2 and _LIST_JOIN.match(text[listed[0].end : listed[1].start])
            if not joined or not any(word in text[: listed[0].start] for word in _COMPOUNDS):
                return None
            fen = listed[0].start - 1
        listed = [m for m in mentions if fen < m.start < c_end]
        index = next(i for i, m in enumerate(listed) if m.start == mention.start)
        before = text[: mention.start]
        for word, parts in _COMPOUNDS.items():
            at = before.rfind(word)
            if at >= 0 and index < len(parts) and len(listed) == len(parts):
                return parts[index], at
        hits = self._phrase_hits(text, 0, fen)
        chain: list[tuple[int, int, MetricPhrase]] = []
        for hit in hits:
            if chain and _LIST_JOIN.match(text[chain[-1][1] : hit[0]]):
                chain.append(hit)
            else:
                chain = [hit]
        if len(chain) == len(listed) > 1:
            return chain[index][2].text, chain[index][0]
        return None

    def metrics(self, text: str, mention: Mention, mentions: list[Mention]) -> list[tuple[str | None, str | None, str]]:
        """(metric, proposed new metric, why) for one figure of a sentence: one for each metric it
        states ("产销量均超过3400万辆" states production and sales)."""
        for phrase in self.slots:
            if _fits(phrase.metric, mention):
                for hit in phrase.pattern.finditer(nfkc(text)):
                    if hit.start("figure") <= mention.start < hit.end("figure"):
                        clause = text[_clause_bounds(text, mention.start)[0] : hit.start()]
                        if phrase.metric.id.startswith("nev-") and not _NEV_NOUN.search(clause):
                            continue  # "占总销量的N%" of something other than NEVs
                        found, new = self._variant(phrase.metric.id, text, hit.start())
                        return [(found, new, f"metric: '{hit[0]}'")]
        change = mention.unit == "percent" and _governed_by_change(text, mention.start)
        c_start, c_end = _clause_bounds(text, mention.start)
        if change and "环比" in text[c_start : mention.start]:
            return [(None, None, "metric: 环比 is a change on the month before, not a year-on-year growth")]
        if "百分点" in mention.text:
            return [(None, None, "metric: a change in percentage points, which the catalogue does not hold")]
        levels: list[tuple[Metric, int, str]] = []
        pair = self._respectively(text, mention, mentions)
        if pair is not None:
            word, at = pair
            levels = [(p.metric, at, f"'{word}' of 分别 (respectively)") for p in self.plain if p.text == word][:1]
        elif mention.unit in ("years", "ordinal"):
            # runs, ranks and records are named after the figure, in its clause ("连续8年保持全球第一")
            after = [
                h
                for h in self._phrase_hits(text, c_start, c_end)
                if h[1] > mention.start and _fits(h[2].metric, mention)
            ]
            # "第一大汽车出口国": what follows the ordinal is what it ranks, before a phrase holding it
            after.sort(key=lambda h: h[0] < mention.end)
            levels = [(h[2].metric, h[0], f"'{h[2].text}' after the figure") for h in after[:1]]
        else:
            before = [
                h
                for h in self._phrase_hits(text, 0, mention.start)
                if change or mention.unit == "times" or _fits(h[2].metric, mention)
            ]
            if before:
                s, e, phrase = before[-1]
                levels = self._each(text, s, e) or [(phrase.metric, s, f"'{phrase.text}'")]
        return [self._resolve(text, mention, change, level) for level in levels] or [(None, None, "")]

    def _each(self, text: str, start: int, end: int) -> list[tuple[Metric, int, str]]:
        """Both metrics of a two-part subject the phrase stands in ("产销量" is production and sales)."""
        for word, parts in _COMPOUNDS.items():
            at = text.rfind(word, 0, end)
            if at >= 0 and at <= start and end <= at + len(word):
                named = [
                    (p.metric, at, f"'{part}' of '{word}'") for part in parts for p in self.plain if p.text == part
                ]
                return named if len(named) == len(parts) else []
        return []

    def _resolve(
        self, text: str, mention: Mention, change: bool, level: tuple[Metric, int, str]
    ) -> tuple[str | None, str | None, str]:
        metric, at, said = level
        base, new = self._variant(metric.id, text, at)
        if base is None and new is None:
            return None, None, f"metric: {said} of passenger cars or commercial vehicles, which the catalogue lacks"
        if base is None:
            return None, new, f"metric: {said} about NEVs; the catalogue has no {new}"
        if base.endswith("-high-years"):  # "产量创近7年新高": the record of the level named before it
            levels = [h for h in self._phrase_hits(text, 0, mention.start) if h[2].metric.measure == "flow"]
            if not levels:
                return None, None, ""
            record = levels[-1][2].metric.id + "-high-years"
            if record not in self.kb.metrics:
                return None, record, f"metric: a record of '{levels[-1][2].text}'; the catalogue has no {record}"
            return record, None, f"metric: a record of '{levels[-1][2].text}'"
        if change and metric.unit != "percent":
            if metric.measure not in ("flow", "stock", "level"):
                return None, None, ""
            growth, new = self._growth(base)
            if growth is None:
                return None, new, f"metric: growth of {said}; the catalogue has no {new}"
            return growth, None, f"metric: growth of {said}"
        if mention.unit == "times" and metric.measure == "flow":  # "比上年翻一番": a multiple of the level
            multiple = base + "-multiple"
            if multiple not in self.kb.metrics:
                return None, multiple, f"metric: a multiple of {said}; the catalogue has no {multiple}"
            return multiple, None, f"metric: a multiple of {said} (fill in compared_with)"
        if not _fits(self.kb.metrics[base], mention):
            return None, None, ""
        return base, None, f"metric: {said}"

    # -- place, company, period, kind -----------------------------------------------------------

    def region(self, text: str, mention: Mention, entity: str | None, ctx: _Context) -> tuple[str | None, str]:
        # a dateline ("新华社北京1月13日电") says where the report was filed, not what it is about
        places = [(m.start(), PLACES[m[0]], m[0]) for m in _PLACE.finditer(text) if not _DATELINE.match(text, m.end())]
        places += [(m.start(), "China", m[0]) for m in _CHINA.finditer(text)]
        places += [(m.start(), "World", m[0]) for m in _WORLD.finditer(text) if not _RANK_SCOPE.match(text, m.end())]
        if entity is not None:
            return "World", "region: a company's figure, placed nowhere in the sentence"
        before = sorted(p for p in places if p[0] < mention.start)
        if before:
            return before[-1][1], f"region: '{before[-1][2]}'"
        if ctx.region is not None:
            return ctx.region, "region: carried from an earlier sentence"
        return None, ""

    def period(self, text: str, mention: Mention, periods: list[PeriodPhrase], ctx: _Context) -> tuple[str | None, str]:
        label, why = self._period(text, mention, periods, ctx)
        if label is not None and _YEAR_AGO_BEFORE.search(text, max(0, mention.start - 8), mention.start):
            # "相比去年同期的33%": the figure of the same months a year before
            return re.sub(r"\d{4}", lambda y: str(int(y[0]) - 1), label), f"{why}, a year before (去年同期)"
        return label, why

    def _period(
        self, text: str, mention: Mention, periods: list[PeriodPhrase], ctx: _Context
    ) -> tuple[str | None, str]:
        own = [p for p in periods if p.end <= mention.start and _is_own(text, p, mention)]
        if own and _SO_FAR.match(text, own[-1].start):
            # "今年来累计出口超过200万辆" after "今年前10个月": January up to the span spoken of
            spans = [p.label for p in own[:-1] if p.label.startswith(own[-1].label[:4] + "-01")]
            if ctx.period and ctx.period.startswith(own[-1].label[:4] + "-01"):
                spans.append(ctx.period)
            if spans:
                return spans[-1], f"period: '{text[own[-1].start : own[-1].end]}' up to {spans[-1]}"
        if own:
            return own[-1].label, f"period: '{text[own[-1].start : own[-1].end]}'"
        if ctx.period is not None:
            return ctx.period, "period: carried from an earlier sentence"
        return None, ""


def _fits(metric: Metric, mention: Mention) -> bool:
    unit = mention.unit
    if unit is None:
        return metric.unit not in ("percent", "times", "rank", "years", "vehicles", "yuan", "usd")
    if unit == "ordinal":
        return metric.unit == "rank"
    return metric.unit == unit


def _governed_by_change(text: str, start: int) -> bool:
    c_start, _ = _clause_bounds(text, start)
    return bool(re.search(r"同比|增长|增加|提高|提升|上升|下降|减少|下滑|降低|增速|增幅|降幅", text[c_start:start]))


def _is_own(text: str, phrase: PeriodPhrase, mention: Mention) -> bool:
    """A period before the figure is its own unless it names a document, a base or a multiple's base."""
    if text.rfind("《", 0, phrase.start) > text.rfind("》", 0, phrase.start):
        return False
    if _BASE_BEFORE.search(text[: phrase.start]):
        return False
    between = text[phrase.end : mention.start]
    return not (mention.unit == "times" and _MULTIPLE_OF.search(text[: phrase.start]) and "的" in between[:2])


def _entity(text: str, at: int, mentions: list[Mention]) -> str | None:
    """The company named nearest before a figure; in "比亚迪、上汽、吉利分别以370.2万辆、355.1万辆、
    292.6万辆" each figure pairs with the company in the same place of the list before 分别, and
    when the two lists differ in length no company is guessed."""
    c_start, c_end = _clause_bounds(text, at)
    fen = text.rfind("分别", 0, at)
    if fen >= 0 and text.rfind("。", fen, at) < 0:
        named = chinese_companies(text[:fen])
        listed = [n for n in named if _LIST_JOIN.match(text[n[0] - 1 : n[0]]) or n is named[0]]
        figures = [
            m
            for m in mentions
            if fen < m.start < c_end and m.unit == next((x.unit for x in mentions if x.start == at), None)
        ]
        if len(listed) > 1:
            index = next((i for i, m in enumerate(figures) if m.start == at), None)
            if index is not None and len(figures) == len(listed):
                return listed[index][1]
            return None
    found = chinese_companies(text, at)
    return max(found)[1] if found else None


def _kind(text: str, period: str | None, published: date | None) -> tuple[str, str]:
    forecast, target = _FORECAST.search(text), _TARGET.search(text)
    if forecast:
        return "forecast", f"kind: '{forecast[0]}'"
    if target:
        return "target", f"kind: '{target[0]}'"
    if period and published is not None:
        try:
            if parse_period(period).end >= published:
                return PLACEHOLDER, "kind: a period not over at publication, and no word says target or forecast"
        except ValueError:
            pass
    return "actual", ""


def chinese_candidates(text: str, kb: KnowledgeBase, published: date | None = None) -> list[Candidate]:
    """A candidate for every figure a Chinese text states, in order."""
    reader = ChineseReader(kb)
    ctx = _Context()
    out: list[Candidate] = []
    # read a folded copy (full-width as ASCII, traditional as simplified: same offsets); quote the text
    for read in sentences(nfkc(text)):
        s_text = read.text
        sentence = Sentence(read.start, read.end, text[read.start : read.end])
        periods = period_phrases(s_text, published)
        mentions = figure_mentions(s_text)
        for m in mentions:
            entity = _entity(s_text, m.start, mentions)
            carried = entity is None and ctx.entity is not None and _COMPANY_ANAPHORA.match(s_text) is not None
            if carried:
                entity = ctx.entity
            period, period_why = reader.period(s_text, m, periods, ctx)
            region, region_why = reader.region(s_text, m, entity, ctx)
            kind, kind_why = _kind(s_text, period, published)
            said = sentence.text[m.start : m.end]
            mention = Mention(m.value, m.qualifier, m.unit, sentence.start + m.start, sentence.start + m.end, said)
            for metric, new, metric_why in reader.metrics(s_text, m, mentions):
                if metric is None and new is not None:
                    # a proposal built from a catalogue metric (its growth, its NEV variant) is written
                    # as the metric: `check` refuses it (E110) until the curator defines it
                    metric, metric_why = new, metric_why + " (define it in metrics.yaml, or change this)"
                why = tuple(w for w in (metric_why, period_why, region_why, kind_why) if w)
                if entity is not None:
                    said = "in the sentence before" if carried else "before the figure"
                    why += (f"entity: '{entity}' {said}",)
                out.append(Candidate(mention, sentence, metric, region, period, kind, entity, None, why, new))
        ctx = _carry(reader, s_text, periods, ctx)
    return out


def _carry(reader: ChineseReader, text: str, periods: list[PeriodPhrase], ctx: _Context) -> _Context:
    """The period and place a sentence establishes for those after it."""
    own = [p for p in periods if text.rfind("《", 0, p.start) <= text.rfind("》", 0, p.start)]
    # a plan's or a forecast's year does not date the sentences after it
    period = own[0].label if own and not (_TARGET.search(text) or _FORECAST.search(text)) else ctx.period
    probe = Mention(Decimal(0), "exact", None, len(text), len(text), "")
    region, _ = reader.region(text, probe, None, _Context())
    named = {name for _, name in chinese_companies(text)}
    entity = ctx.entity if not named and _COMPANY_ANAPHORA.match(text) else None
    if len(named) == 1:
        entity = next(iter(named))
    return _Context(period, region or ctx.region, entity)
