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
from autofacts.reading.chinese_groups import NOT_MAKERS, UNKNOWN_MAKER, group_of_companies
from autofacts.reading.entities import catalogue, chinese_companies
from autofacts.reading.mentions import Mention

CLAUSE = re.compile(r"[，。；：！？;:!?]|,(?!\d{3}(?!\d))")  # an ASCII comma too, but not in "1,234"
LIST_JOIN = re.compile(r"^\s*(?:和|与|及|以及|、|，)\s*$")
_LIST_CHARS = ("、", "和", "与", "及")
# A sentence opening with these is about the company the sentence before named.
COMPANY_ANAPHORA = re.compile(r"^\s*(?:该公司|公司|其)")
# A car model as the press writes it after its maker: "SU7", "M9", "ES6", "Model Y"; not a quarter
_MODEL = re.compile(r"(?<![A-Za-z0-9])(Model\s?[3SXY]|[A-Z]{1,3}\d{1,3}[A-Z]?)(?![A-Za-z0-9])")
_NOT_MODELS = re.compile(r"Q[1-4]|H[12]|CO2|[A-Z]\d{4}|[A-Z]{1,3}0+")


@lru_cache(maxsize=1)
def _latin_names() -> tuple[re.Pattern[str], dict[str, str]]:
    names = {n: c.id for c in catalogue().values() for n in c.names if n.isascii() and len(n) >= 3}
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
    if entity is None and carried is not None and COMPANY_ANAPHORA.match(text) is not None:
        return carried, True
    return entity, False


def _model(text: str, name_end: int, at: int) -> str | None:
    """The one model named right after the company or in the figure's clause before the figure."""
    start, _ = clause_bounds(text, at)
    found = {
        re.sub(r"\s+", " ", m[1])
        for m in _MODEL.finditer(text, name_end, at)
        if (m.start() == name_end or m.start() >= start) and not _NOT_MODELS.fullmatch(m[1])
    }
    return found.pop() if len(found) == 1 else None


def _name_end(text: str, start: int, company: str) -> int:
    names = [n for n in catalogue()[company].names if text.startswith(n, start)]
    return start + max((len(n) for n in names), default=0)


def _entity(text: str, at: int, mentions: list[Mention]) -> str | None:
    """The company named nearest before a figure; in "比亚迪、上汽、吉利分别以370.2万辆、355.1万辆、
    292.6万辆" each figure pairs with the company in the same place of the list before 分别, and
    when the two lists differ in length no company is guessed."""
    c_start, c_end = clause_bounds(text, at)
    fen = text.rfind("分别", 0, at)
    if fen >= 0 and text.rfind("。", fen, at) < 0:
        named = companies(text[:fen])
        listed = [n for n in named if LIST_JOIN.match(text[n[0] - 1 : n[0]]) or n is named[0]]
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
    found = companies(text, at)
    unknown = [m for m in UNKNOWN_MAKER.finditer(text, 0, at) if m[1] not in NOT_MAKERS]
    if unknown and (not found or unknown[-1].start() > max(found)[0]):
        return PLACEHOLDER  # "威马汽车发布数据显示……": a company the catalogue does not know, not the market's
    if not found:
        return None
    nearest = max(found)
    group = group_of_companies(text, at)
    if group is not None and group[0] > nearest[0]:
        return None  # "这10家企业共销售484.4万辆": the group's figure, not its last member's
    if text[nearest[0] - 1 : nearest[0]] in _LIST_CHARS and len(found) > 1:
        return None  # "上汽、一汽……和吉利共销售": several companies' figure, no one's
    model = _model(text, _name_end(text, *nearest), at)
    return f"{nearest[1]} {model}" if model else nearest[1]
