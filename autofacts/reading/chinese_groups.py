"""Who a Chinese figure's subject is when it is not one catalogue company: a group of companies
(排名前十的车企, 这10家企业) whose figures are proposed as `top-ten-automaker-*`, or a carmaker the
catalogue does not know (天际汽车), whose figures are asked about (entity TODO), never guessed."""

from __future__ import annotations

import re

# A carmaker the catalogue does not know, as the subject of a report: "，天际汽车发布数据显示" (its
# figures are neither the market's nor the company named before it)
UNKNOWN_MAKER = re.compile(
    r"(?:^|[，。；：、,;]|和|与|及)\s*([\u4e00-\u9fff]{2,3})汽车"
    r"(?=发布|公布|宣布|表示|交付|销量|销售|今年|本月|当月|[1-9]|[一二三四五六七八九十]+月|共|在|的(?:交付|销量|销售))"
)


NOT_MAKERS = frozenset(
    (
        "新能源",
        "能源",
        "乘用",
        "商用",
        "电动",
        "纯电动",
        "燃油",
        "国产",
        "中国",
        "全国",
        "我国",
        "国内",
        "整车",
        "智能",
        "网联",
        "传统",
        "混合动力",
        "插电",
        "豪华",
        "合资",
        "自主",
        "品牌",
        "出口",
        "进口",
        "国外",
        "海外",
        "全球",
        "世界",
        "日本",
        "德国",
        "美国",
        "欧洲",
        "新车",
        "二手",
        "民族",
        "新势力",
        "氢能",
        "燃料电池",
        "传统燃油",
        "各类",
        "其中",
        "目前",
        "今年",
        "去年",
        "当月",
        "同期",
        "累计",
        "此外",
        "另外",
        "全部",
        "所有",
        "这些",
        "该类",
        "各地",
        "城市",
        "农村",
    )
)


# Words of time, place in a text, or reference that no carmaker's name holds: 季内汽车交付量 (in the
# quarter), 当中汽车销售收入 (of which), 集团期内 (the group, in the period)
_NOT_A_NAME = re.compile(r"[季期年月日内中当该本其这那每全总]")


def unknown_makers(text: str, end: int) -> list[re.Match[str]]:
    """The carmakers the catalogue does not know named before `end`: "，威马汽车发布数据显示"."""
    return [m for m in UNKNOWN_MAKER.finditer(text, 0, end) if m[1] not in NOT_MAKERS and not _NOT_A_NAME.search(m[1])]


# A group of companies as a figure's subject: 排名前十的车企, 前10位的汽车企业, 这10家企业
_GROUP = re.compile(
    r"前\s*(\d+|[二三四五六七八九十]+)\s*(?:位|名|家|强|大)?\s*(?:的)?\s*(?:汽车)?(?:企业|车企|厂商|厂家|集团|品牌)"
    r"|这\s*(\d+|[二三四五六七八九十]+)\s*家"
)


def group_of_companies(text: str, at: int) -> tuple[int, str] | None:
    """Where the last group of companies named before `at` in its sentence stands, and how many
    ("十", "10"), or None."""
    found = list(_GROUP.finditer(text, 0, at))
    if not found:
        return None
    last = found[-1]
    return last.start(), last[1] or last[2]


def group_suggestion(chosen: str | None, size: str) -> str | None:
    """The id a curator would give a group's figure: vehicle-sales of the top ten is
    top-ten-automaker-sales, their share top-ten-automaker-sales-share."""
    if chosen is None or not chosen.startswith("vehicle-"):
        return None
    core = chosen.removeprefix("vehicle-")
    core = "sales-share" if core == "share" else core
    return f"top-{_SIZE_WORDS.get(size, size)}-automaker-{core}"


_SIZE_WORDS = {"十": "ten", "10": "ten", "五": "five", "5": "five", "三": "three", "3": "three", "二十": "twenty"}
