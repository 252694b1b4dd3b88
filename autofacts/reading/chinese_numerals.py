"""Chinese numerals: "两千五百万" is 25,000,000, "四十点九" is 40.9, and back again.

Kept apart from the sentence readers (`chinese_numbers`, `chinese_periods`), which both need them.
"""

from __future__ import annotations

from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


def _section(text: str) -> int:
    """A numeral below 10,000 ("两千五百", "十二", "三百零五")."""
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            total += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + (digit or 0)


def parse_chinese_integer(text: str) -> int:
    """The value of a Chinese numeral such as "两千五百万" or "三亿零五十万"; digits alone
    ("二〇二五") are read digit by digit."""
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if len(text) > 1 and all(ch in DIGITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0
    rest = text
    for unit in ("亿", "万"):
        if unit in rest:
            head, rest = rest.split(unit, 1)
            if unit in rest:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            total += (parse_chinese_integer(head) if head else 1) * BIG_UNITS[unit]
    return total + (_section(rest) if rest else 0)


def parse_chinese_number(text: str) -> Decimal:
    """A Chinese numeral with an optional decimal part: "四十点九" is 40.9."""
    if not text:
        raise ValueError("not a Chinese numeral: ''")
    whole, _, frac = text.partition("点")
    value = Decimal(parse_chinese_integer(whole)) if whole else Decimal(0)
    if frac:
        if any(ch not in DIGITS for ch in frac):
            raise ValueError(f"not a Chinese numeral: {text!r}")
        value += Decimal("0." + "".join(str(DIGITS[ch]) for ch in frac))
    return value


def to_chinese_numeral(n: int) -> str:
    """The Chinese numeral of a whole number below 10^12, as a careful writer spells it
    (used by the property tests to show that reading inverts writing)."""
    if n == 0:
        return "零"
    if n < 0 or n >= 10**12:
        raise ValueError(f"out of range: {n}")
    groups = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out = ""
    zero_pending = False
    for value, unit in groups:
        if value == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or value < 1000):
            out += "零"
        out += _four(value) + unit
        zero_pending = False
    return out


def _four(n: int) -> str:
    digits = "零一二三四五六七八九"
    out = ""
    zero = False
    for power, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += digits[d] + unit
    return out
