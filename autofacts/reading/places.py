"""Which place an English sentence's figure belongs to.

The regions of the knowledge base and the places the press names (provinces, cities, countries,
continents), found in a sentence; a place named as a comparison ("surpassing Japan"), where
someone spoke ("told a forum in Beijing") or in a dateline ("BEIJING (Reuters) -") is not the
figure's; a city or province beats the "China's" that describes it.
"""

from __future__ import annotations

import re

WORLD = re.compile(
    r"\b(?:worldwide|globally|around the world|across the world|world's total"
    r"|global (?:[\w-]+\s+){0,2}?(?:sales|deliveries|market|output))\b",
    re.I,
)


# "national vehicle sales" (lower case: not "National Bureau of ...") is the country's, never a province's
# the national bodies (CPCA, CAAM) report the country's figures; "the world's largest car market" is China
# and so do the ministries and bureaus that publish them (MIIT, the NBS, customs, the MPS)
_CHINA = re.compile(
    r"\b(?:China|China's|Chinese|nationwide|the country's|the nation's|CPCA|CAAM|MIIT|NDRC"
    r"|(?:the\s+)?(?:Ministry of (?:Industry and Information Technology|Commerce|Public Security|Finance)"
    r"|National Bureau of Statistics|General Administration of Customs|State Council"
    r"|National Development and Reform Commission|State Administration for Market Regulation)"
    r"|the world(?:'s|’s) (?:largest|biggest|top) (?:car|auto|automobile|automotive|vehicle|EV|electric[- ]vehicle|NEV)"
    r" market"
    r"|national(?=\s+(?:(?:vehicle|car|auto|automobile|passenger car|NEV|new[ -]energy vehicle)s?\s+)?"
    r"(?:sales|production|output|exports|deliveries)\b))\b"
)


_COMPARED_PLACE = re.compile(
    r"\b(?:surpass\w*|overt\w*|outpac\w*|beat\w*|than|ahead of|behind|compared (?:with|to)|versus)\s+(?:the\s+)?$",
    re.I,
)


EXAMPLES = re.compile(r"\b(?:such as|including|for example|e\.g\.|like)\s", re.I)


PLANT = re.compile(r"\s+(?:plant|factory|gigafactory|base|facility)\b", re.I)


# Places a figure may belong to, besides the regions the knowledge base already uses.
PLACES = (
    "China",
    "World",
    "Beijing",
    "Shanghai",
    "Tianjin",
    "Chongqing",
    "Guangdong",
    "Guangzhou",
    "Shenzhen",
    "Zhejiang",
    "Hangzhou",
    "Jiangsu",
    "Suzhou",
    "Nanjing",
    "Anhui",
    "Hefei",
    "Hubei",
    "Wuhan",
    "Hunan",
    "Changsha",
    "Sichuan",
    "Chengdu",
    "Shaanxi",
    "Xi'an",
    "Shandong",
    "Jilin",
    "Changchun",
    "Liaoning",
    "Shenyang",
    "Henan",
    "Zhengzhou",
    "Fujian",
    "Hainan",
    "Guangxi",
    "Liuzhou",
    "Yunnan",
    "Hebei",
    "Shanxi",
    "Jiangxi",
    "Guizhou",
    "Inner Mongolia",
    "Xinjiang",
    "Tibet",
    "Hong Kong",
    "Macao",
    "Taiwan",
    "Europe",
    "Asia",
    "Africa",
    "Latin America",
    "the Middle East",
    "Southeast Asia",
    "the United States",
    "the U.S.",
    "the US",
    "Japan",
    "Germany",
    "France",
    "Britain",
    "the UK",
    "Russia",
    "Brazil",
    "Mexico",
    "India",
    "Thailand",
    "Indonesia",
    "Malaysia",
    "Australia",
    "South Korea",
    "Turkey",
    "Hungary",
    "Spain",
    "Italy",
    "Belgium",
    "the EU",
    "the European Union",
    "Norway",
    "the Netherlands",
    "Saudi Arabia",
    "the UAE",
    "Canada",
)


_PLACE_NAMES = {
    "the U.S.": "United States",
    "the US": "United States",
    "the UK": "United Kingdom",
    "the EU": "European Union",
    "the European Union": "European Union",
}


PLACE_SET = frozenset(PLACES)


def place_pattern(regions: list[str]) -> re.Pattern[str]:
    """One pattern for every place name, longest first."""
    names = sorted(dict.fromkeys([*regions, *PLACES]), key=len, reverse=True)
    # "The EU will levy ...": a name with "the" opens a sentence too
    escaped = [re.sub(r"^the\\? ", "[Tt]he ", re.escape(n)) for n in names]
    return re.compile(r"(?<![\w-])(?:" + "|".join(escaped) + r")(?![\w-])")


def places_in(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    found = [(m.start(), m.end(), re.sub(r"^The ", "the ", m[0])) for m in pattern.finditer(text)]
    out = [(s, e, _PLACE_NAMES.get(name, name)) for s, e, name in found]
    for m in _CHINA.finditer(text):
        out.append((m.start(), m.end(), "China"))
    return sorted(out)


def compared_with(text: str, at: int) -> bool:
    """A place named as what the figure is compared with ("surpassing Japan", "ahead of Germany"),
    or where someone spoke ("told a conference in Beijing that", "BEIJING (Reuters) -")."""
    return bool(
        _COMPARED_PLACE.search(text[max(0, at - 30) : at])
        or _SPOKEN_AT.search(text[max(0, at - 60) : at])
        or _DATELINE.match(text, at)
        or (at == 0 and _BARE_DATELINE.match(text) is not None)
        or _IN_A_NAME.match(text, at)
    )


# Where something was said, not what the figure is about
_SPOKEN_AT = re.compile(
    r"\b(?:conference|forum|briefing|meeting|summit|expo|auto show|reporters|said|told|speaking|spoke|event)\b"
    r"[^,.;]{0,40}\b(?:in|at)\s+(?:the\s+)?$",
    re.I,
)


# A place describing a company or naming an institution: "the Shenzhen-based company", "the Shenzhen
# Stock Exchange", "Beijing Daily"
_IN_A_NAME = re.compile(
    r"(?:-based|-headquartered"
    r"|(?:\s+[A-Z][\w'.-]*)*?\s+(?:Stock Exchange|Daily|Times|Evening News|University|Municipal)"
    r"|\s+(?:stock market|stock exchange|stocks|shares|bourse|listing|time)"  # "before the US stock market opened"
    r")\b"
)


# "Chongqing - On September 12, ...", "SHANGHAI -- BYD sold": a place opening the text before a dash
_BARE_DATELINE = re.compile(r"[A-Z][A-Za-z]+(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s+(?:--?|–|—)\s+[A-Z]")


_DATELINE = re.compile(  # "Beijing, Dec. 12 (Xinhua) --": where the story was filed
    r"[A-Z][A-Za-z]+(?:/[A-Z][A-Za-z]+)*,?\s+(?:[A-Z][a-z]{2}\.?\s+\d{1,2}(?:,\s+\d{4})?\s*)?\(\w+\)\s*[-–—:]"
)


# "SHANGHAI, Dec 8 (Reuters) -", "Beijing, Dec. 12 (Xinhua) --", "SHANGHAI --": a story filed in a
# mainland city; the figures it places nowhere else are the country's
_CHINESE_DATELINE = re.compile(
    r"(?m)^\s*(BEIJING|SHANGHAI|SHENZHEN|GUANGZHOU|HANGZHOU|CHONGQING|TIANJIN|WUHAN|HEFEI|CHANGCHUN|CHENGDU|NANJING"
    r"|Beijing|Shanghai|Shenzhen|Guangzhou|Hangzhou|Chongqing|Tianjin|Wuhan|Hefei|Changchun|Chengdu|Nanjing)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([\w .]+\)|/[\w .]+/)?\s*(?:--|[-–—:])\s"
)


def dateline_china(text: str) -> str | None:
    """The mainland city a story was filed in, from a dateline opening its first lines."""
    m = _CHINESE_DATELINE.search(text[:600])
    return m[1] if m else None


def specific_place(text: str, places: list[tuple[int, int, str]]) -> tuple[int, int, str]:
    """Of the places before a figure, the last; but a city or province over the "China's" that
    describes it ("Chongqing will become China's Number One City")."""
    last = places[-1]
    possessive = text[last[0] : last[1]] != "China" or text[last[1] :].startswith(("'s", "’s"))
    if last[2] == "China" and possessive:
        others = [p for p in places if p[2] not in ("China", "World")]
        if others:
            return others[-1]
    return last


# "China's exports to Latin America rose 30%", "vehicles shipped to Europe": where the vehicles go, a
# part of what the figure counts, not whose figure it is
_TO_A_PLACE = re.compile(r"\b(?:to|into|bound for|destined for)\s+(?:the\s+)?$")
_SENT = re.compile(r"\b(?:export\w*|ship\w*|sent)\b", re.I)
GOING = "is where the vehicles go, not whose figure it is"


def destination(
    text: str, at: int, clause: tuple[int, int], places: list[tuple[int, int, str]]
) -> tuple[int, int, str] | None:
    """The place the vehicles counted by the figure at `at` are sent to, named before it in its clause."""
    if _SENT.search(text) is None:
        return None
    for s, e, name in reversed(places):
        if clause[0] <= s < at and name not in ("China", "World") and sent_to(text, s):
            return s, e, name
    return None


def sent_to(text: str, start: int) -> bool:
    """The place starting at `start` is named as where something goes ("exports to Belgium")."""
    return _TO_A_PLACE.search(text[max(0, start - 20) : start]) is not None
