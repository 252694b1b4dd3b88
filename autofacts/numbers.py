"""Reading the numbers a sentence states, the way a careful reader would.

"exceeded 34 million units" is 34,000,000 with the qualifier "over"; "more than half" is 50 %
with "over"; "doubling" is a multiple of 2; "the 16th consecutive year" is 16. `check` uses this
to prove that a fact's value and qualifier are what its quote says; `extract` will use it to
propose facts from a new document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from autofacts.chinese import is_chinese, read_chinese_numbers
from autofacts.interval import HEDGE_WORDS

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
    {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
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

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"thousand|million|billion|trillion|万|亿"
_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_ORDS = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))

_PATTERN = re.compile(
    rf"""
    (?<![\w.])(?P<ordinal>\d+)(?:st|nd|rd|th)\b
    | (?<![\w.,])(?P<num>{_NUM})(?![A-Za-z0-9_])
      (?:[ \-]?(?P<scale>{_SCALE})(?![a-z]))?(?:\s?(?P<pct>%|percent\b|per\ cent\b))?
    | \b(?P<word>{_WORDS})\b(?:[ \-](?P<wscale>thousand|million|billion)\b)?(?:\s?(?P<wpct>percent\b))?
    | \b(?P<ordword>{_ORDS})\b(?!-hand)
    | \b(?P<mult>doubl|tripl|quadrupl)(?:ing|ed|e|es)\b
    | \b(?P<frac>half|quarter)\b
    | \b(?P<bare>thousand|million|billion|trillion)(?P<plural>s)?\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

_HEDGE_OF = {w: q for q, words in HEDGE_WORDS.items() for w in words}
# the hedge words ending a text, longest alternative first ("nearly about" before "about")
_HEDGE_AT_END = re.compile(
    r"(?:^|(?<=[^a-z0-9]))(" + "|".join(re.escape(w) for w in sorted(_HEDGE_OF, key=len, reverse=True)) + r")$"
)
_LEVEL_AFTER = re.compile(r"^[\w\-]{0,16}?[ \-]level\b", re.IGNORECASE)

# What follows a number says its unit; the matching group's name is the unit.
_UNIT_AFTER = re.compile(
    r"""\s*(?P<percent>%|percent|per\ cent|percentage\ points?)
    | [\s\-]*(?:(?P<times>times)
              | (?P<yuan>yuan)
              | (?P<usd>U\.S\.\ dollars|US\ dollars|dollars|USD)
              | (?P<km>kilometers?|kilometres?|km)
              | (?P<seconds>seconds?)
              | (?P<hours>hours?)
              | (?P<months>months?)
              | (?P<years>(?:consecutive\s+)?years?)
              | (?P<vehicles>(?:new\s+|intelligent\ connected\s+)?(?:vehicles?|units?|cars?|NEVs?|EVs?)))\b""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Mention:
    """One number in a text: its value in base units, the words it was stated with, and where."""

    value: Decimal
    qualifier: str
    unit: str | None
    start: int
    end: int
    text: str
    upper: Decimal | None = None  # the top of a range ("between 3.6 million and 4 million"); value is its foot


def _to_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _hedge(text: str, start: int) -> tuple[str, int]:
    """The qualifier stated just before `start`, and where its words begin."""
    window = text[max(0, start - 40) : start]
    before = window.lower().rstrip(" (\"'“‘")
    m = _HEDGE_AT_END.search(before)
    if m is None:
        return "exact", start
    return _HEDGE_OF[m[1]], start - len(window) + m.start(1)


def hedge_before(text: str, start: int) -> str:
    """The qualifier stated by the words just before position `start` ("exact" if none)."""
    return _hedge(text, start)[0]


def hedge_start(text: str, start: int) -> int:
    """Where the hedge words before a number begin ("more than half" -> the "m"), else `start`."""
    return _hedge(text, start)[1]


def _unit_after(text: str, end: int, percent: bool) -> str | None:
    if percent:
        return "percent"
    m = _UNIT_AFTER.match(text, end, end + 40)
    return None if m is None else m.lastgroup


def read_numbers(text: str) -> list[Mention]:
    """Every number stated in `text`, in order."""
    if is_chinese(text):  # Chinese grammar: autofacts.chinese
        return [Mention(z.value, z.qualifier, z.unit, z.start, z.end, z.text) for z in read_chinese_numbers(text)]
    mentions: list[Mention] = []
    for m in _PATTERN.finditer(text):
        qualifier = hedge_before(text, m.start())
        percent = False
        unit: str | None = None
        if m["ordinal"] or m["ordword"]:
            value = Decimal(m["ordinal"]) if m["ordinal"] else Decimal(ORDINAL_WORDS[m["ordword"].lower()])
            unit = "ordinal"
        elif m["num"]:
            value = _to_decimal(m["num"])
            if m["scale"]:
                value *= SCALES[m["scale"].lower()]
            percent = bool(m["pct"])
        elif m["word"]:
            value = Decimal(WORD_NUMBERS[m["word"].lower()])
            if m["wscale"]:
                value *= SCALES[m["wscale"].lower()]
            percent = bool(m["wpct"])
        elif m["mult"]:
            value = Decimal(MULTIPLE_WORDS[m["mult"].lower()])
            unit = "times"
        elif m["frac"]:
            value = FRACTION_WORDS[m["frac"].lower()]
            unit = "percent"
        else:  # a bare scale word: "the trillion-yuan scale", "thousands of suppliers"
            value = SCALES[m["bare"].lower()]
            if m["plural"]:
                qualifier = "over"
        if unit is None:
            unit = _unit_after(text, m.end(), percent)
        if qualifier == "exact" and _LEVEL_AFTER.match(text[m.end() : m.end() + 30]):
            qualifier = "about"  # "the 100,000-yuan level", "a trillion-yuan-level cluster"
        mentions.append(Mention(value, qualifier, unit, m.start(), m.end(), m.group(0)))
    return mentions
