"""Where a Chinese sentence places a figure: provinces and cities, China (我国, 大陆, 内地, national
bodies), the world, and countries abroad, with the words that make a place no figure's own (a
comparison's base, "是日本的1.6倍", or a destination, "对欧洲出口"). Used by `chinese_extract`."""

from __future__ import annotations

import re

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
    "本港": "Hong Kong",
    "全港": "Hong Kong",
    "全台": "Taiwan",
}
# Countries and regions abroad, as the English reader names them
COUNTRIES = {
    "日本": "Japan",
    "美国": "United States",
    "德国": "Germany",
    "法国": "France",
    "英国": "United Kingdom",
    "意大利": "Italy",
    "西班牙": "Spain",
    "俄罗斯": "Russia",
    "巴西": "Brazil",
    "墨西哥": "Mexico",
    "印度": "India",
    "印度尼西亚": "Indonesia",
    "印尼": "Indonesia",
    "泰国": "Thailand",
    "马来西亚": "Malaysia",
    "越南": "Vietnam",
    "韩国": "South Korea",
    "澳大利亚": "Australia",
    "澳洲": "Australia",
    "土耳其": "Turkey",
    "匈牙利": "Hungary",
    "比利时": "Belgium",
    "挪威": "Norway",
    "荷兰": "Netherlands",
    "沙特": "Saudi Arabia",
    "阿联酋": "UAE",
    "加拿大": "Canada",
    "新加坡": "Singapore",
    "以色列": "Israel",
    "智利": "Chile",
    "欧洲": "Europe",
    "欧盟": "European Union",
    "东南亚": "Southeast Asia",
    "中东": "Middle East",
    "非洲": "Africa",
    "拉美": "Latin America",
    "拉丁美洲": "Latin America",
    "亚洲": "Asia",
}
PLACES.update(COUNTRIES)
CHINA = re.compile(
    r"我国|全国|中国|国内|国务院|国家|工业和信息化部|工信部|商务部|发改委|海关总署|统计局|中汽协|乘联会|乘联分会|乘联|中国汽车工业协会|公安部"
    r"|大陆(?!集团)|内地|在华"  # Taiwan's and Hong Kong's press: 大陸, 內地
)
# A place the figure is compared with or sent to is not where it is: "是日本的1.6倍", "超过日本",
# "出口到欧洲"
NOT_HERE = re.compile(r"(?:超过|超越|领先|高于|低于|相比|是|比|较|与|同|对|向|往|到|至|销往|运往|出口|发往)\s*$")
DESTINATION = re.compile(r"(?:对|向|往|到|至|销往|运往|出口|发往)\s*$")
# "墨西哥是第二大出口市场", "俄罗斯市场": a country named as a market, where vehicles are sold to
# national bodies whose figures are the country's, wherever the sentence names them
_NATIONAL = re.compile(
    r"国务院|统计局|工业和信息化部|工信部|商务部|发改委|海关总署|中汽协|乘联|中国汽车工业协会|公安部|全国乘用车市场信息联席会"
)
GOING = "is where the vehicles go, not whose figure it is"
_MARKET = re.compile(r"\s*(?:(?:是|为|成为|仍是)[^，。；,;]{0,12})?(?:市场|出口地区|出口目的地)")
_EXPORTS = re.compile(r"出口|出海|海外")
_A_MARKET = re.compile(r"\s*市场")
_IN_PLACE = re.compile(r"(?:在|于)\s*$")  # "比亚迪在巴西销售10万辆": a company's figure in a place
_SHARE_OF = re.compile(r"(?:占|佔)\s*$")
_PROVINCE_OWN = re.compile(r"全省|全市|全区|本省|本市|该省|该市|省内|市内")  # a province or city not named
_EXAMPLES = re.compile(r"\s*等\s*")
_CLAUSE_MARK = re.compile(r"[，。；：！？;:!?]|,(?!\d{3}(?!\d))")
_CHANGE_OPENS = re.compile(  # 年增/月减: Taiwan's press
    r"\s*(?:同比|环比|按年|按月|年|月)?\s*(?:分别|均)?\s*(?:增长|下降|增|减|升|跌|上升|下滑|回落)"
)
_DATELINE = re.compile(r"[市省]?\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)")
WORLD = re.compile(r"全球|世界(?!各国)")
RANK_SCOPE = re.compile(r"\s*(?:第一|首位|前列|最大|领先|第\d)")  # "全球第一": China's rank, not the world


PLACE = re.compile("|".join(sorted(PLACES, key=len, reverse=True)))


def _clause_start(text: str, at: int) -> int:
    starts = [m.end() for m in _CLAUSE_MARK.finditer(text, 0, at)]
    return starts[-1] if starts else 0


def _in_place(text: str, start: int) -> bool:
    return _IN_PLACE.search(text, max(0, start - 2), start) is not None


def _own(text: str, place: tuple[int, str, str]) -> bool:
    """China anywhere, another place unless named as what the figure is compared with or sent to."""
    return place[1] == "China" or not NOT_HERE.search(text, 0, place[0])


def _destination_end(text: str, place: tuple[int, str, str]) -> int:
    """Where the words naming a destination end: "墨西哥是第二大出口市场" ends after 市场."""
    market = _MARKET.match(text, place[0] + len(place[2]))
    return market.end() if market else place[0] + len(place[2])


def _is_destination(text: str, start: int, name: str, region: str) -> bool:
    """A country the vehicles are sent to: after 对/出口/销往, or named as an export market."""
    if region not in COUNTRIES.values():
        return False
    if DESTINATION.search(text, max(0, start - 4), start):
        return True
    return bool(_EXPORTS.search(text) and _MARKET.match(text, start + len(name)))


def place_of(
    text: str, at: int, entity: str | None, carried: str | None, company: tuple[int, int] = (0, -1)
) -> tuple[str | None, str]:
    """The region of the figure at `at` in a sentence, and why. A company's figure is the world's
    unless its clause says where ("在巴西销售"); a country the vehicles go to (对欧洲出口, 出口俄罗斯,
    墨西哥是第二大出口市场) is no region of the figures in its clause and in the change right after
    ("，同比下降20%"): they are the exporter's (中国出口至欧盟, a national source, or the place carried
    from before; else TODO), and their metric is left TODO; elsewhere in the sentence it does not count."""
    # a dateline ("新华社北京1月13日电") says where the report was filed, not what it is about
    places = [(m.start(), PLACES[m[0]], m[0]) for m in PLACE.finditer(text) if not _DATELINE.match(text, m.end())]
    places += [(m.start(), "China", m[0]) for m in CHINA.finditer(text)]
    places += [(m.start(), "World", m[0]) for m in WORLD.finditer(text) if not RANK_SCOPE.match(text, m.end())]
    before = sorted(p for p in places if p[0] < at)
    company_at, company_end = company  # where the company is named: a place right after it is its own
    if before and _EXAMPLES.fullmatch(text, before[-1][0] + len(before[-1][2]), at):
        # "深圳、东莞、天津等13个城市": the places are examples of what the figure counts
        listed = before[-1][0]
        while (prev := [p for p in before if p[0] < listed]) and text[prev[-1][0] + len(prev[-1][2]) : listed] == "、":
            listed = prev[-1][0]
        before = [p for p in before if p[0] < listed and p[1] in ("China", "World")]
    clause = _clause_start(text, at)
    if entity is not None:
        # "在巴西销售", "特斯拉在华销量", "特斯拉上海超级工厂交付", "比亚迪国内销量": where the company's figure is
        own = [
            p
            for p in before
            if p[0] >= max(clause, company_at)
            and (
                _IN_PLACE.search(text, max(0, p[0] - 2), p[0])
                or p[2] in ("在华", "国内")
                or p[0] == company_end
                or _A_MARKET.match(text, p[0] + len(p[2]))  # "特斯拉10月中国市场销量"
            )
            and not NOT_HERE.search(text, 0, p[0])
        ]
        if own:
            return own[-1][1], f"region: '{own[-1][2]}', where the company's figure is"
        return "World", "region: a company's figure, placed nowhere in the sentence"
    gone = [p for p in before if _is_destination(text, p[0], p[2], p[1])]
    if gone:
        # "亚洲是中国电动车最大出口地区……，其次是欧洲……、拉丁美洲……": the list goes on with destinations
        gone += [p for p in before if p[0] > gone[0][0] and p[1] in COUNTRIES.values() and not _in_place(text, p[0])]
        gone = sorted(set(gone))
        reach = _clause_start(text, clause - 1) if clause and _CHANGE_OPENS.match(text, clause) else clause
        said = max(_destination_end(text, p) for p in gone)  # "亚洲是中国电动车最大出口地区": 中国 is in it
        after = [p for p in before if p[0] > gone[-1][0] and p not in gone and p[0] >= said]
        if gone[-1][0] >= reach and not after:
            # the figure is the exporter's, the destination a part of what it counts (never all exports)
            exporter = [p for p in before if p not in gone and _own(text, p)]  # 中国出口至欧盟, 中国电动车最大出口地区
            source = _NATIONAL.search(text)
            if exporter:
                return exporter[-1][1], f"region: '{exporter[-1][2]}', the exporter; '{gone[-1][2]}' {GOING}"
            if source is not None:
                return "China", f"region: '{source[0]}', a national source; '{gone[-1][2]}' {GOING}"
            if carried is not None:
                return carried, f"region: the exporter, carried from an earlier sentence; '{gone[-1][2]}' {GOING}"
            return None, f"region: '{gone[-1][2]}' {GOING}"
    before = [p for p in before if p not in gone and _own(text, p)]
    if _PROVINCE_OWN.search(text):  # "全省……占全国比重15%": the nation is the whole, the province is whose
        before = [p for p in before if not _SHARE_OF.search(text, 0, p[0])]
    if before:
        return before[-1][1], f"region: '{before[-1][2]}'"
    source = _NATIONAL.search(text)
    if source is not None and not any(p[1] != "China" for p in places):  # "……，中汽协数据显示": the country's
        return "China", f"region: '{source[0]}', a national source, names no other place"
    if carried is not None:
        return carried, "region: carried from an earlier sentence"
    return None, ""
