"""Reading the numbers a sentence states, the way a careful reader would.

"exceeded 34 million units" is 34,000,000 with the qualifier "over"; "more than half" is 50 %
with "over"; "doubling" is a multiple of 2; "the 16th consecutive year" is 16. `check` uses this
to prove that a fact's value and qualifier are what its quote says, `extract` to propose facts
from a new document, and `coverage` to find every figure a source states.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from autofacts.reading.alternation import Alternation, Alternative
from autofacts.reading.hedges import hedge_before, hedge_start
from autofacts.reading.mentions import Mention, mirrored
from autofacts.reading.nonfigures import milestones, phone_spans
from autofacts.reading.ranges import chinese_ranges, english_ranges

SCALES = {
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "万": Decimal(10) ** 4,
    "亿": Decimal(10) ** 8,
}

WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
WORD_NUMBERS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "dozen": 12,
    }
)

ORDINAL_WORDS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ]
    )
}

MULTIPLE_WORDS = {"doubl": 2, "tripl": 3, "quadrupl": 4}
FRACTION_WORDS = {"half": Decimal(50), "quarter": Decimal(25)}  # as a per cent of the whole
_DENOMINATORS = {w: Decimal(n) for w, n in (("half", 2), ("third", 3), ("quarter", 4), ("fifth", 5), ("tenth", 10))}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"thousand|million|billion|trillion|万|亿"
_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_ORDS = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))

# Currencies written before the number ("$13.6M", "RM79", "€5bn"), and the unit each stands for.
CURRENCIES = {
    "US$": "usd",
    "$": "usd",
    "USD": "usd",
    "¥": "yuan",
    "RMB": "yuan",
    "CNY": "yuan",
    "€": "eur",
    "EUR": "eur",
    "£": "gbp",
    "RM": "myr",
    "HK$": "hkd",
    "S$": "sgd",
    "A$": "aud",
    "C$": "cad",
    "NT$": "twd",
    "₹": "inr",
    "Rs": "inr",
    "₩": "krw",
}
# The letters re.IGNORECASE reads as ASCII ones ("ſix" is "six", "usd" is "USD"): a word is looked up folded.
_ASCII_FOLD = str.maketrans("\u0130\u0131\u017f\u212a", "iisk")


def _word(text: str) -> str:
    """A matched word as the tables spell it: "Million", "ſix", "usd" -> "million", "six", "usd"."""
    return text.translate(_ASCII_FOLD).lower()


_CURRENCY_OF = {_word(c): unit for c, unit in CURRENCIES.items()}
_CURRENCY = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
# Letters news writes right after a number: a scale ("25k", "$13.6M", "$2bn") or a unit ("1.5mm", "256GB").
_ABBREVIATED_SCALES = {
    "k": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "tn": 10**12,
    "trn": 10**12,
}
_UNIT_SUFFIXES = {
    "mm": "mm",
    "cm": "cm",
    "km": "km",
    "kg": "kg",
    "kwh": "kWh",
    "kw": "kW",
    "gwh": "GWh",
    "gw": "GW",
    "mwh": "MWh",
    "mw": "MW",
    "gb": "GB",
    "tb": "TB",
    "mb": "MB",
    "t": "tonnes",
    "g": "grams",
    "hrs": "hours",
    "x": "times",
    "ml": "ml",
    "l": "litres",
    "m": "m",
}
_SUFFIX = "|".join(sorted({*_ABBREVIATED_SCALES, *_UNIT_SUFFIXES}, key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"

_SCALE_WORDS = ("thousand", "million", "billion", "trillion")
# Each alternative with the words one of which its every match holds (alternation.py): a sentence
# with no number written in words is searched for figures in digits alone.
_NUMBERS = Alternation(
    [
        Alternative(r"(?<![\w.])(?P<ordinal>\d+)(?:st|nd|rd|th)\b", digit=True),
        Alternative(
            rf"""(?<![\w.,$€£¥₹₩])(?:(?P<cur>{_CURRENCY})\s?)?(?P<num>{_NUM})
      (?:(?P<sfx>{_SUFFIX})(?![A-Za-z0-9_])|(?!per\b)(?P<letters>[A-Za-z]{{2,4}})(?![A-Za-z0-9_])
        |(?![A-Za-z0-9_])|(?=per\ ?cent\b))
      (?:[ \-]?(?P<scale>{_SCALE})(?![a-z]))?(?:[\s\-]?(?P<pct>%|percent\b|per\ cent\b))?""",
            digit=True,
        ),
        Alternative(
            r"\b(?P<fracn>one|two|three|four)[ \-](?P<fracd>half|thirds?|quarters?|fifths?|tenths?)\b",
            ("one", "two", "three", "four"),
        ),
        Alternative(
            r"\b(?P<fraca>a)[ \-](?P<fracad>third|quarter|fifth|tenth)\b(?=\s+of\b)",
            ("third", "quarter", "fifth", "tenth"),
        ),
        Alternative(  # "one in five cars", "two out of every three": a per cent of the whole
            r"\b(?P<inn>one|two|three|four)\s+(?:in|out\s+of)\s+(?:every\s+)?"
            r"(?P<ind>two|three|four|five|six|seven|eight|nine|ten)\b",
            ("one", "two", "three", "four"),
        ),
        Alternative(
            rf"""\b(?P<compound>(?:{_TENS})[ \-](?:{_UNITS}))\b
      (?:[ \-](?P<cscale>thousand|million|billion)\b)?(?:\s?(?P<cpct>percent\b))?""",
            tuple(_TENS.split("|")),
        ),
        Alternative(
            rf"""(?<![A-Za-z]-)\b(?P<word>{_WORDS}|a(?=[ \-](?:hundred|thousand|million|billion)\b))\b
      (?P<hundred>[ \-]hundred\b)?(?:[ \-](?P<wscale>thousand|million|billion)\b)?
      (?:\s?(?P<wpct>percent\b))?""",
            (*WORD_NUMBERS, *_SCALE_WORDS),
        ),
        Alternative(rf"\b(?P<ordword>{_ORDS})\b(?!-hand)", tuple(ORDINAL_WORDS)),
        Alternative(r"\b(?P<mult>doubl|tripl|quadrupl)(?:ing|ed|e|es)\b(?!-)", tuple(MULTIPLE_WORDS)),
        Alternative(r"\b(?P<frac>half|quarter)\b(?!-)", ("half", "quarter")),
        Alternative(r"\b(?P<bare>thousand|million|billion|trillion)(?P<plural>s)?\b", _SCALE_WORDS),
    ],
    re.VERBOSE | re.IGNORECASE,
)

# "half of", "more than half", "a quarter of": a share of a whole
_FRACTION_AFTER = re.compile(r"\s+(?:of|the|its|their|his|her|our|all|that|those|these)\b", re.IGNORECASE)
_FRACTION_BEFORE = re.compile(
    r"(?:\b(?:than|about|nearly|almost|over|around|roughly|just|only|a|one|some|under|by)\s+|^)$", re.IGNORECASE
)
_LEVEL_AFTER = re.compile(r"^[\w\-]{0,16}?[ \-]level\b", re.IGNORECASE)
# Words of a fall right before a per cent: "down 12 percent", "fell 0.8 percent", "a decline of 3%"
# state a change of -12, -0.8, -3 (as the Chinese reader reads "下降3%"); "fell to 5 percent" is a level.
FALL_BEFORE = re.compile(
    r"\b(?:down|fell|fallen|falling|dropped|drops? of|declined|declines? of|decreased|decreases? of|falls? of"
    r"|shrank|shrunk"
    r"|slumped|slid|contracted|lower|narrowed|narrowing|slipped|sank|sunk|tumbled|plunged|dipped|eased|lost"
    r"|reduced|reduction of|shrink|fall|decline|drop|decrease|contract|narrow)(?:\s+by)?\s*$",
    re.IGNORECASE,
)

# What follows a number says its unit; the matching group's name is the unit.
_UNIT_AFTER = re.compile(
    r"""\s*(?P<percent>%|percent|per\ cent|percentage\ points?)
    | [\s\-]*(?:(?P<times>times|fold)
              | (?P<yuan>yuan)
              | (?P<usd>U\.S\.\ dollars|US\ dollars|dollars|USD)
              | (?P<km>kilometers?|kilometres?|km)
              | (?P<seconds>seconds?)
              | (?P<hours>hours?)
              | (?P<months>months?)
              | (?P<years>(?:consecutive\s+)?years?)
              | (?P<vehicles>(?:new[\s\-]energy\s+|new\s+|intelligent\ connected\s+)?
                             (?:vehicles?|units?|cars?|NEVs?|EVs?)))\b""",
    re.IGNORECASE | re.VERBOSE,
)


def _to_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _unit_after(text: str, end: int, percent: bool) -> str | None:
    if percent:
        return "percent"
    m = _UNIT_AFTER.match(text, end, end + 40)
    return None if m is None else m.lastgroup


_DIGIT = re.compile(r"\d")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # as autofacts.reading.chinese.is_chinese counts them


# Spaces a typesetter puts inside a figure ("7\u00a0million", "12\u202f%"): read as a plain space,
# one character for one, so offsets into the text stay true.
NO_BREAK_SPACES = str.maketrans(dict.fromkeys("\u00a0\u2007\u2009\u200a\u202f", " "))


def read_numbers(text: str) -> list[Mention]:
    """Every number stated in `text`, in order (telephone numbers are not numbers)."""
    text = text.translate(NO_BREAK_SPACES)
    if _HAN.search(text):  # Chinese grammar (autofacts.reading.chinese) only for text with Han characters
        from autofacts.reading.chinese import is_chinese, nfkc
        from autofacts.reading.chinese_numbers import read_chinese_numbers  # a large module: only then

        if is_chinese(text):
            return chinese_ranges(nfkc(text), read_chinese_numbers(text))
    mentions: list[Mention] = []
    phones = phone_spans(text) if _DIGIT.search(text) else []
    for m in _NUMBERS.finditer(text):
        if phones and any(s <= m.start() < e for s, e in phones):
            continue
        g = m.groupdict()  # (only the groups of the alternatives searched: .get, None for the others)
        qualifier = hedge_before(text, m.start())
        percent = False
        unit: str | None = None
        if g.get("ordinal") or g.get("ordword"):
            value = Decimal(g["ordinal"]) if g.get("ordinal") else Decimal(ORDINAL_WORDS[_word(g["ordword"])])
            unit = "ordinal"
        elif g.get("num"):
            value = _to_decimal(g["num"])
            if g["letters"]:
                if g["letters"].lower() in ("am", "pm") or (len(g["num"]) == 4 and g["letters"] == "s"):
                    continue  # "10am"
                unit = g["letters"]  # "50mph", "2.4GHz": a unit written onto the number
            suffix = _word(g["sfx"] or "")
            if g["sfx"] and len(g["sfx"]) == 1 and g["sfx"].isupper() and g["sfx"] not in "KMB":
                continue  # a name, not a figure: "the 9X model", "4S stores"
            if g["cur"]:
                unit = _CURRENCY_OF[_word(g["cur"])]
            if suffix in _ABBREVIATED_SCALES and (suffix != "m" or g["cur"] or g["sfx"] == "M" or _counted(text, m)):
                value *= _ABBREVIATED_SCALES[suffix]
            elif suffix:
                unit = unit or _UNIT_SUFFIXES[suffix]
            if g["scale"]:
                value *= SCALES[_word(g["scale"])]
            percent = bool(g["pct"])
            if _signed(text, m.start()):
                value = -value  # "-2.5%", "−3"
        elif g.get("compound"):
            tens, ones = re.split(r"[ \-]", _word(g["compound"]))
            value = Decimal(WORD_NUMBERS[tens] + WORD_NUMBERS[ones])
            if g["cscale"]:
                value *= SCALES[_word(g["cscale"])]
            percent = bool(g["cpct"])
        elif g.get("word"):
            word = _word(g["word"])
            if word == "a" and not (g["hundred"] or g["wscale"]):
                continue  # the article, not "a million"
            value = Decimal(1 if word == "a" else WORD_NUMBERS[word])
            if g["hundred"] and word != "hundred":
                value *= 100
            if g["wscale"]:
                value *= SCALES[_word(g["wscale"])]
            percent = bool(g["wpct"])
        elif g.get("fracn") or g.get("fraca"):  # "one-third", "two-thirds", "a third of": a per cent of the whole
            count = Decimal(WORD_NUMBERS[_word(g.get("fracn") or "one")])
            value = Decimal(100) * count / _DENOMINATORS[_word(g.get("fracd") or g["fracad"]).rstrip("s")]
            unit = "percent"
        elif g.get("inn"):
            count, whole = Decimal(WORD_NUMBERS[_word(g["inn"])]), Decimal(WORD_NUMBERS[_word(g["ind"])])
            if count >= whole:
                continue
            value = Decimal(100) * count / whole
            unit = "percent"
        elif g.get("mult"):
            value = Decimal(MULTIPLE_WORDS[_word(g["mult"])])
            unit = "times"
        elif g.get("frac"):
            if not (
                _FRACTION_AFTER.match(text, m.end()) or _FRACTION_BEFORE.search(text, max(0, m.start() - 12), m.start())
            ):
                continue  # "in the quarter", "the second half": a period, not a share of a whole
            value = FRACTION_WORDS[_word(g["frac"])]
            unit = "percent"
        else:  # a bare scale word: "the trillion-yuan scale", "thousands of suppliers"
            value = SCALES[_word(g["bare"])]
            if g["plural"]:
                qualifier = "over"
        if unit is None:
            unit = _unit_after(text, m.end(), percent)
        if qualifier == "exact" and _LEVEL_AFTER.match(text[m.end() : m.end() + 30]):
            qualifier = "about"  # "the 100,000-yuan level", "a trillion-yuan-level cluster"
        mentions.append(Mention(value, qualifier, unit, m.start(), m.end(), m.group(0)))
    return _falls(text, _folds(text, english_ranges(text, milestones(text, mentions))))


# "up 1.0-fold", "grew 1.3-fold": news translated from Chinese (增长1.3倍) states growth of 130 %
_FOLD_GROWTH = re.compile(
    r"\b(?:up|rose|risen|grew|grown|increased|jumped|surged|climbed|soared|an increase of|a rise of|growth of)\s*$",
    re.IGNORECASE,
)


def _folds(text: str, mentions: list[Mention]) -> list[Mention]:
    out = []
    for m in mentions:
        if m.unit == "times" and re.match(r"[\s-]*fold\b", text[m.end : m.end + 8], re.IGNORECASE):
            at = hedge_start(text, m.start)
            if _FOLD_GROWTH.search(text[max(0, at - 30) : at]):
                m = replace(m, value=m.value * 100, unit="percent")
        out.append(m)
    return out


# A fall named after the per cent: "a 40.7% decline", "a 38.2% year-over-year decrease"
FALL_AFTER = re.compile(
    r"(?:\s*(?:percentage\s+)?points?\b)?"  # "1.3 percentage points slower than"
    r"\s*(?:(?:year|month|quarter|week)[- ](?:on|over)[- ](?:year|month|quarter|week)\s+|y/y\s+|yoy\s+)?"
    r"(?:(?:decline|decrease|drop|fall|contraction|slump|slide|dip|plunge)s?\b"
    # "30 percent lower than the same period last month", "5.88% fewer cars in September than", "13% short of"
    r"|(?:lower|less|fewer)\s+(?:[a-z]+\s+){0,4}?(?:than|from|compared)\b|short\s+of\b|below\b"
    r"|(?:slower|smaller|weaker|narrower)\s+than\b)",
    re.IGNORECASE,
)
# What joins a second change to a first: "down 40% year over year and 15.3% month over month"
_CHANGE_JOIN = re.compile(
    r"\s*(?:(?:year|month|quarter|week)[- ](?:on|over)[- ](?:year|month|quarter|week)|y/y|yoy"
    r"|on[- ](?:the )?(?:year|month|quarter)"
    r"|(?:from|compared (?:with|to)|over) (?:the previous|the prior|a|last|the same) (?:month|year|quarter|period)"
    r"(?: earlier| ago| a year (?:earlier|ago))?)?"
    r"(?:\s+in\s+[A-Z][a-z]+(?:\s+\d{4})?)?\s*,?\s*(?:and|&)\s*(?:a\s+)?$",  # "5.2% in September and 6.9%"
    re.IGNORECASE,
)
# "fell 5% and imports 3%": the verb left out before the second per cent (gapping); the words between
# name what fell, never a verb of their own ("and imports rose 3%", "and accounted for 3%")
_GAPPED = re.compile(
    r"\s*,?\s*and\s+(?:(?!(?:rose|grew|up|to|at|from|of|by|was|were|is|are|made|took|hit|came|reached|accounted"
    r"|stood|totaled|totalled|represented|gained|jumped|climbed|surged|soared|increased|share|in|on|for)\b)"
    r"(?![\w’'-]*ed\b)[A-Za-z][\w’'-]*\s+){1,3}",
    re.IGNORECASE,
)
_RISE_AFTER = re.compile(r"\s*(?:higher|more|up|increase|growth|rise|gain)\b", re.IGNORECASE)
# "0.3% and 0.5% lower": a list of per cents a fall word after the last governs
_LISTED = re.compile(r"(?:\s*(?:percentage\s+)?points?)?\s*(?:,\s*(?:and|or)?|and|or)\s*", re.IGNORECASE)


def _falls(text: str, mentions: list[Mention]) -> list[Mention]:
    """Each per cent stated as a fall made negative: after fall words, before a fall noun, or joined
    by "and" to a fall before it."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        joined = (
            prev is not None
            and prev.unit == "percent" == m.unit
            and prev.value < 0
            and m.value > 0
            and _CHANGE_JOIN.fullmatch(text, prev.end, hedge_start(text, m.start)) is not None
        )
        gapped = prev is not None and prev.unit == "percent" == m.unit and prev.value < 0 < m.value
        if gapped and prev is not None and not joined and not _RISE_AFTER.match(text, m.end):
            joined = _GAPPED.fullmatch(text, prev.end, hedge_start(text, m.start)) is not None
        out.append(_fall(text, m, joined))
    for i in range(len(out) - 1, 0, -1):  # "0.3% and 0.5% lower": the fall word after the last governs the list
        prev, m = out[i - 1], out[i]
        listed = prev.unit == "percent" == m.unit and m.value < 0 < prev.value and FALL_AFTER.match(text, m.end)
        if listed and _LISTED.fullmatch(text, prev.end, hedge_start(text, m.start)):
            out[i - 1] = _fall(text, prev, True)
    return out


# "cut its sales target for 2010 by 25 percent", "slashed its target by as much as 16%": a fall verb, its
# object, then "by" and the per cent
_CUT_BY = re.compile(
    r"\b(?:cut|cuts|slashed|slashes|reduced|reduces|lowered|lowers|trimmed|trims|decreased|shrank|narrowed)"
    r"\b[^.;:,%]{0,50}?\bby\s+(?:a\s+further\s+|another\s+)?$",
    re.I,
)
_OF_A_FALL = re.compile(r"\b(?:decline|drop|fall|decrease|loss|losses|deficit|contraction)s?\b[^.;]*\bnarrow", re.I)


def _fall(text: str, m: Mention, joined: bool = False) -> Mention:
    """A per cent stated as a fall is negative, its bound mirrored; a range of falls keeps its foot
    below its top. ("nearly" stays: "fell nearly 5 percent" is "nearly -5", a little above -5.)"""
    if m.unit != "percent" or m.value < 0:
        return m
    at = hedge_start(text, m.start)
    fall = FALL_BEFORE.search(text[max(0, at - 40) : at]) or _CUT_BY.search(text, max(0, at - 80), at)
    if fall is not None and fall[0].lower().startswith("narrow") and _OF_A_FALL.search(text, max(0, at - 60), at):
        return m  # "the decline narrowed by 1.6 points": the rate is 1.6 points up
    if not (joined or fall or FALL_AFTER.match(text, m.end)):
        return m
    if m.upper is None:
        return replace(m, value=-m.value, qualifier=mirrored(m.qualifier))
    return replace(m, value=-m.upper, upper=-m.value)


def _signed(text: str, start: int) -> bool:
    """A minus sign stands right before the number, on its own ("fell to -2.5%", not "2014-2016")."""
    return start > 0 and text[start - 1] in "-−" and (start == 1 or text[start - 2] in " \t\n(")


def _counted(text: str, m: re.Match[str]) -> bool:
    """'1.5m vehicles' is a million and a half; '100m' alone reads as metres."""
    return bool(
        re.match(
            r"\s+(?:new\s+|more\s+)?(?:vehicles?|units?|cars?|people|users|yuan|dollars|euros|tonnes)\b",
            text[m.end() :],
        )
    )
