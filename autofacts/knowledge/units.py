"""Numbers as people read them: "13 million vehicles", "45.98 billion yuan", "40.9 %", "> 16 million".

Stored values are in base units; these functions only shape them for display and never round a
stated figure (2.4981 million stays 2.4981 million). Derived figures (differences, growth rates)
are shown to four significant digits.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

from autofacts.knowledge.interval import SYMBOLS, Interval

_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))
_SCALED_UNITS = {"vehicles", "yuan", "usd", "units"}
_UNIT_NAMES = {"usd": "U.S. dollars", "none": ""}


def plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 2540000.00 -> '2540000'."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# How each end of an interval is rounded so that a shown figure never claims more than its
# inputs support: a lower bound goes down, an upper bound up, a central value to the nearest.
_ROUNDING = {"lower": ROUND_FLOOR, "upper": ROUND_CEILING, "central": ROUND_HALF_EVEN}


def significant(value: Decimal, digits: int = 4, side: str = "central") -> Decimal:
    """Round a derived figure to a few significant digits (never used on a stated one).

    `side` says what the figure is: a "lower" bound is rounded down (105.26 % -> 105.2 %), an
    "upper" bound up, a "central" value to the nearest. Every shown derived figure, in tables,
    Markdown, CSV, JSON, charts and the report, is rounded here.
    """
    if value == 0:
        return value
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent), rounding=_ROUNDING[side])


def _grouped(value: Decimal) -> str:
    text = plain(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    whole = f"{int(whole):,}"
    return sign + whole + ("." + frac if frac else "")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# Short scales for terminal tables, where the unit is said once (in the title or the column's header)
_SHORT_SCALES = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"))


def format_number(value: Decimal, unit: str, derived: bool = False, side: str = "central", short: bool = False) -> str:
    """One value with its unit, scaled to millions/billions where a reader expects it.

    A derived value is rounded to four significant digits (three when `short`) in the direction
    `side` allows. `short` is the compact form of an 80-column table: "31.436 M", "2.5 B", "950,000",
    with no unit name (the table says it once); percent, × and ranks keep their signs."""
    if derived:
        value = significant(value, digits=3 if short else 4, side=side)
    if short and unit not in ("percent", "times", "rank"):
        if unit in _SCALED_UNITS:
            for size, letter in _SHORT_SCALES:
                if abs(value) >= size:
                    return f"{plain(value / size)} {letter}"
        return _grouped(value)
    if unit == "percent":
        return f"{plain(value)} %"
    if unit == "times":
        return f"{plain(value)}×"
    if unit == "rank":
        return _ordinal(int(value)) if value == value.to_integral_value() else plain(value)
    name = _UNIT_NAMES.get(unit, unit)
    if unit in _SCALED_UNITS:
        for size, word in _SCALES:
            if abs(value) >= size:
                return f"{plain(value / size)} {word} {name}".rstrip()
    return f"{_grouped(value)} {name}".rstrip()


def format_stated(value: Decimal, qualifier: str, unit: str, upper: Decimal | None = None, short: bool = False) -> str:
    """A figure as its source stated it: '> 16 million vehicles', '≈ 1.4 million vehicles',
    '3.6 million–4 million vehicles'; `short`: '> 16 M', '≈ 1.4 M'."""
    if qualifier == "between" and upper is not None:
        low, high = format_number(value, unit, short=short), format_number(upper, unit, short=short)
        shared = _common_suffix(low, high)
        return f"{low[: len(low) - len(shared)].rstrip()}–{high}" if shared.startswith(" ") else f"{low}–{high}"
    return SYMBOLS[qualifier] + format_number(value, unit, short=short)


def _common_suffix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n :]


def format_interval(interval: Interval, unit: str, signed: bool = False, short: bool = False) -> str:
    """A derived interval: exact, one-sided ('> 2 million'), approximate ('≈ 11.6 million') or a
    range whose open ends carry their symbol ('> 13 million to 13.65 million': 13 million excluded)."""

    def num(v: Decimal, side: str) -> str:
        text = format_number(v, unit, derived=True, side=side, short=short)
        return ("+" + text) if signed and v > 0 else text

    lo, hi = interval.lo, interval.hi
    if lo is not None and hi is not None:
        if lo == hi:
            return num(lo, "central")
        nominal = interval.nominal
        if nominal is not None and lo <= nominal <= hi:
            return "≈ " + num(nominal, "central")
        # an open end keeps its symbol, as a one-sided bound does: "> 13 M to 13.7 M" is over 13 M
        # and at most 13.7 M; "13 M to 13.7 M" would claim 13 M itself is possible
        low = ("> " if interval.lo_open else "") + num(lo, "lower")
        return f"{low} to " + ("< " if interval.hi_open else "") + num(hi, "upper")
    # A bound rounded outward stays true with its own symbol: x > 105.26 implies x > 105.2.
    if lo is not None:
        return ("> " if interval.lo_open else "≥ ") + num(lo, "lower")
    if hi is not None:
        return ("< " if interval.hi_open else "≤ ") + num(hi, "upper")
    return "unknown"


def interval_json(interval: Interval | None) -> dict[str, float | None | bool] | None:
    """An interval for machine-readable output: bounds (null when unbounded) and the nominal value."""
    if interval is None:
        return None

    def num(v: Decimal | None, side: str) -> int | float | None:
        return None if v is None else json_number(significant(v, 10, side))

    # A central value is only worth giving when some bound says where the value lies: with
    # none, it would be a number that exists nowhere, and a program would take it as fact.
    usable = interval.lo is not None or interval.hi is not None
    exact = interval.is_exact  # one value: both ends are the same number, rounded to the nearest
    return {
        "lower": num(interval.lo, "central" if exact else "lower"),
        "upper": num(interval.hi, "central" if exact else "upper"),
        "lower_open": interval.lo_open,
        "upper_open": interval.hi_open,
        "nominal": num(interval.nominal, "central") if usable else None,
    }


def json_number(value: Decimal | None) -> int | float | None:
    """A stated value for JSON: an int when whole, so 2540000 is not written 2540000.0."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
