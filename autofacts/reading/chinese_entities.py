"""Whose figure a Chinese sentence states: the company named nearest before it (with the car model
it counts, "小米SU7" is Xiaomi SU7), the company in the same place of a list before 分别, the one
the sentence before named ("公司……"), or nobody's (a group of companies, an unknown carmaker: TODO).

Also the clause grammar the Chinese reader shares: a clause ends at a Chinese or ASCII comma,
semicolon, colon or full stop, but not at the comma inside "1,234".
"""

from __future__ import annotations

import re
from functools import lru_cache

from autofacts.knowledge.parse import PLACEHOLDER
from autofacts.reading.chinese_groups import group_of_companies, unknown_makers
from autofacts.reading.chinese_places import CHINA, PLACE
from autofacts.reading.entities import catalogue, chinese_companies
from autofacts.reading.mentions import Mention

CLAUSE = re.compile(r"[，。；：！？;:!?]|,(?!\d{3}(?!\d))")  # an ASCII comma too, but not in "1,234"
LIST_JOIN = re.compile(r"^\s*(?:和|与|及|以及|、|，)\s*$")
_LIST_CHARS = ("、", "和", "与", "及")
# what only a company reports: deliveries, revenue, profit, losses, margins
_DELIVERED = re.compile(r"交付|交车|营收|收入|净利|纯利|盈利|每股|股息|收益|净亏|亏损|毛利|研发费用|装机|期内")
_INDUSTRY = re.compile(r"行业|全行业|车企|企业|厂商|品牌|市场|整体")
_COMPANY_JOIN = re.compile(r"\s*(?:、|和|与|及|以及)\s*")
# A sentence opening with these is about the company the sentence before named.
COMPANY_ANAPHORA = re.compile(r"^\s*(?:该公司|公司|其|该集团|集团|本集团)")
# A car model as the press writes it after its maker: "SU7", "M9", "ES6", "Model Y"; not a quarter
_MODEL = re.compile(r"(?<![A-Za-z0-9])(Model\s?[3SXY]|[A-Z]{1,3}\d{1,3}[A-Z]?)(?![A-Za-z0-9])")
_NOT_MODELS = re.compile(r"Q[1-4]|H[12]|CO2|[A-Z]\d{4}|[A-Z]{1,3}0+")


@lru_cache(maxsize=1)
def _latin_names() -> tuple[re.Pattern[str], dict[str, str]]:
    names = {n: c.id for c in catalogue().values() for n in c.names if n.isascii() and len(n) >= 3}  # not words
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?![A-Za-z])"), names


def companies(text: str, end: int | None = None) -> list[tuple[int, str]]:
    """(start, id) of every catalogue company a Chinese text names before `end`, in Chinese
    characters or as the Hong Kong and Taiwan press often write them, in Latin letters ("Tesla")."""
    stop = len(text) if end is None else end
    pattern, names = _latin_names()
    latin = [(m.start(), names[m[0]]) for m in pattern.finditer(text, 0, stop)]
    return sorted(chinese_companies(text, end) + latin)


def clause_bounds(text: str, at: int) -> tuple[int, int]:
    """The start and end of the clause holding the offset `at`."""
    starts = [m.end() for m in CLAUSE.finditer(text, 0, at)]
    end = CLAUSE.search(text, at)
    return (starts[-1] if starts else 0), (end.start() if end else len(text))


def owner(text: str, mention: Mention, mentions: list[Mention], carried: str | None) -> tuple[str | None, bool]:
    """The company a figure belongs to, and whether it was carried from the sentence before."""
    entity = _entity(text, mention.start, mentions)
    if entity is None and carried is not None and goes_on(text, carried):
        # "包括6,044辆P7和3,657辆G3": the model named right after the figure's unit
        model = _MODEL.match(text, mention.end)
        if model is not None and not _NOT_MODELS.fullmatch(model[1]):
            name = re.sub(r"\s+", " ", model[1])
            return f"{carried} {name}", True
        return carried, True
    return entity, False


def goes_on(text: str, carried: str) -> bool:
    """The sentence goes on about the company the one before was about: it refers back to it
    (公司, 其, 集团) or, naming no other company, no place and no industry, states what only a company
    reports ("蔚来10月交付5055台。前10个月累计交付31430台", "总收入57.2亿元")."""
    if COMPANY_ANAPHORA.match(text) is not None:
        return True
    others = {name for _, name in companies(text)} - {carried}
    industry = _INDUSTRY.search(text) is not None
    return _DELIVERED.search(text) is not None and not (others or industry or _placed(text))


def _placed(text: str) -> bool:
    return PLACE.search(text) is not None or CHINA.search(text) is not None


def _model(text: str, name_end: int, at: int, own_clause: bool = True) -> str | None:
    """The model the figure counts: the one named in its clause before it ("ES8交付1477辆"), else
    the one right after the company ("蔚来ES6交付2695辆")."""
    start, _ = clause_bounds(text, at) if own_clause else (name_end, at)
    models = [m for m in _MODEL.finditer(text, name_end, at) if not _NOT_MODELS.fullmatch(m[1])]
    in_clause = {re.sub(r"\s+", " ", m[1]) for m in models if m.start() >= start}
    if in_clause:
        return in_clause.pop() if len(in_clause) == 1 else None
    adjacent = [m for m in models if m.start() == name_end]
    return re.sub(r"\s+", " ", adjacent[0][1]) if adjacent and len(models) == 1 else None


def name_end(text: str, start: int, company: str) -> int:
    """Where the company name starting at `start` ends."""
    names = [n for n in catalogue()[company].spellings if text.startswith(n, start)]
    return start + max((len(n) for n in names), default=0)


def _entity(text: str, at: int, mentions: list[Mention]) -> str | None:
    """The company named nearest before a figure, or right after it ("2104辆小鹏P7"); in "比亚迪、
    上汽、吉利分别以370.2万辆、355.1万辆、292.6万辆" each figure pairs with the company in the same place
    of the list before 分别, and when the two lists differ in length no company is guessed. A
    company in brackets after another ("赛力斯汽车(主要为问界品牌)") is an aside, not the subject."""
    c_start, c_end = clause_bounds(text, at)
    end = next((m.end for m in mentions if m.start == at), at)
    named = companies(text)
    right_after = [n for n in named if end <= n[0] <= end + 1 and not text[end : n[0]].strip()]
    if right_after:  # "交付的新车包括2104辆小鹏P7": what the figure counts
        company = right_after[0]
        model = _model(text, name_end(text, *company), name_end(text, *company) + 8, own_clause=False)
        return f"{company[1]} {model}" if model else company[1]
    fen = text.rfind("分别", 0, at)
    if fen >= 0 and text.rfind("。", fen, at) < 0 and not any(fen < n[0] < at for n in named):
        listed = _listed(text, [n for n in named if n[0] < fen])
        unit = next((x.unit for x in mentions if x.start == at), None)
        figures = [m for m in mentions if fen < m.start < c_end and m.unit == unit]
        if len(listed) > 1:
            index = next((i for i, m in enumerate(figures) if m.start == at), None)
            if index is not None and len(figures) == len(listed):
                return listed[index][1]
            return None
    found = [n for n in named if n[0] < at and not _aside(text, n[0], named)]
    unknown = unknown_makers(text, at)
    if unknown and (not found or unknown[-1].start() > max(found)[0]):
        return PLACEHOLDER  # "天际汽车发布数据显示……": a company the catalogue does not know, not the market's
    if not found:
        return None
    nearest = max(found)
    group = group_of_companies(text, at)
    if group is not None and group[0] > nearest[0]:
        return None  # "这10家企业共销售484.4万辆": the group's figure, not its last member's
    others = [n for n in found if n[0] < nearest[0]]
    joint = others and not any(others[-1][0] < m.start < nearest[0] for m in mentions)
    if text[nearest[0] - 1 : nearest[0]] in _LIST_CHARS and joint:
        return None  # "上汽、一汽……和吉利共销售": several companies' figure (not "小鹏(36728辆)、蔚来(36275辆)")
    hedge = at - len(text[:at]) + len(text[:at].rstrip("约近超过逾 "))
    tail = text[name_end(text, *nearest) : hedge - 1].strip()
    if text[hedge - 1 : hedge] in ("(", "（") and tail not in ("", "汽车", "集团", "品牌"):
        return PLACEHOLDER  # "理想(33181辆)": the name before the bracket owns it, and it is not in the catalogue
    model = _model(text, name_end(text, *nearest), at)
    return f"{nearest[1]} {model}" if model else nearest[1]


def _listed(text: str, named: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The run of companies joined by 、/和/与/及 that ends with the last one named."""
    if not named:
        return []
    run = [named[-1]]
    for company in reversed(named[:-1]):
        if not _COMPANY_JOIN.fullmatch(text, name_end(text, *company), run[0][0]):
            break
        run.insert(0, company)
    return run


def _aside(text: str, start: int, named: list[tuple[int, str]]) -> bool:
    """A company named in brackets right after another company ("赛力斯汽车(主要为问界品牌)")."""
    bracket = max(text.rfind("(", 0, start), text.rfind("（", 0, start))
    if bracket < 0 or max(text.rfind(")", 0, start), text.rfind("）", 0, start)) > bracket:
        return False
    return any(n[0] < bracket and name_end(text, *n) >= bracket - 2 for n in named)
