"""What "over", "about" and "nearly" mean, and arithmetic that keeps it.

A figure stated as "over 16 million" is not 16 million: it is a lower bound. This module is the
one place that turns a qualifier into an interval and carries intervals through differences,
ratios and growth rates, so that a verdict can honestly say "can't tell".

Numbers are Decimal throughout: a value typed as 2.4981 stays 2.4981.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from autofacts.frozen import frozen

# How far "about 32.3 million" may lie from 32.3 million. Five per cent either side is wide
# enough for a journalist's rounding ("about 13 million" for 12.9 million) and narrow enough
# that "about 3 %" is not read as "anything from 0 to 6 %".
APPROX_TOLERANCE = Decimal("0.05")

QUALIFIERS = ("exact", "about", "over", "at-least", "nearly", "under", "at-most", "between")

# The words that state each qualifier, longest first where one contains another.
HEDGE_WORDS: dict[str, tuple[str, ...]] = {
    "over": (
        "more than",
        "over",
        "exceed",
        "exceeded",
        "exceeding",
        "exceeds",
        "surpass",
        "surpassed",
        "surpassing",
        "surpasses",
        "topped",
        "topping",
        "greater than",
        "above",
        "upwards of",
        "in excess of",
    ),
    "at-least": ("at least", "no less than", "not less than", "a minimum of"),
    "about": ("approximately", "about", "around", "roughly", "some", "nearly about"),
    "nearly": ("nearly", "almost", "close to", "just under", "just shy of"),
    "under": ("less than", "under", "below", "fewer than"),
    "at-most": ("at most", "up to", "no more than", "not more than", "a maximum of"),
}

SYMBOLS = {
    "exact": "",
    "about": "≈ ",
    "over": "> ",
    "at-least": "≥ ",
    "nearly": "≲ ",
    "under": "< ",
    "at-most": "≤ ",
    "between": "",  # a range is written with both its ends: "3.6–4 million vehicles"
}


@frozen
class Interval:
    """A value known to lie between lo and hi (None: unbounded), with the figure it was stated as."""

    lo: Decimal | None
    hi: Decimal | None
    lo_open: bool = False
    hi_open: bool = False
    nominal: Decimal | None = None

    @property
    def is_exact(self) -> bool:
        return self.lo is not None and self.lo == self.hi

    @property
    def is_bounded(self) -> bool:
        return self.lo is not None and self.hi is not None

    @property
    def width(self) -> Decimal | None:
        if self.lo is None or self.hi is None:
            return None
        return self.hi - self.lo

    def intersects(self, other: Interval) -> bool:
        """True when some value lies in both (used to tell corroboration from conflict)."""
        return not (
            _before(self.hi, self.hi_open, other.lo, other.lo_open)
            or _before(other.hi, other.hi_open, self.lo, self.lo_open)
        )


def _before(hi: Decimal | None, hi_open: bool, lo: Decimal | None, lo_open: bool) -> bool:
    """True when every value below `hi` lies below every value above `lo` (no overlap)."""
    if hi is None or lo is None:
        return False
    return hi < lo or (hi == lo and (hi_open or lo_open))


def from_qualifier(value: Decimal, qualifier: str, upper: Decimal | None = None) -> Interval:
    """The interval a stated figure stands for; a range ("between") stands for both its ends and
    everything between them, with no single nominal figure."""
    t = APPROX_TOLERANCE
    spread = abs(value) * t
    if qualifier == "exact":
        return Interval(value, value, nominal=value)
    if qualifier == "about":
        return Interval(value - spread, value + spread, nominal=value)
    if qualifier == "over":
        return Interval(value, None, lo_open=True, nominal=value)
    if qualifier == "at-least":
        return Interval(value, None, nominal=value)
    if qualifier == "nearly":  # a little short of the figure, toward zero: "fell nearly 5 percent" is above -5
        if value < 0:
            return Interval(value, value + spread, lo_open=True, nominal=value)
        return Interval(value - spread, value, hi_open=True, nominal=value)
    if qualifier == "under":
        return Interval(None, value, hi_open=True, nominal=value)
    if qualifier == "at-most":
        return Interval(None, value, nominal=value)
    if qualifier == "between":
        if upper is None or upper < value:
            raise ValueError(f"a range needs an upper end at or above {value}, got {upper}")
        return Interval(value, upper)
    raise ValueError(f"unknown qualifier {qualifier!r}")


def _sub(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a - b


def difference(a: Interval, b: Interval) -> Interval:
    """a - b: the widest change consistent with both figures."""
    return Interval(
        lo=_sub(a.lo, b.hi),
        hi=_sub(a.hi, b.lo),
        lo_open=a.lo_open or b.hi_open,
        hi_open=a.hi_open or b.lo_open,
        nominal=_sub(a.nominal, b.nominal),
    )


def _div(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None or b is None or b == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        return a / b


def ratio(a: Interval, b: Interval) -> Interval | None:
    """a / b for non-negative a and positive b; None when b may be zero or negative."""
    if b.lo is None or b.lo <= 0 and not (b.lo == 0 and b.lo_open):
        return None
    if a.lo is not None and a.lo < 0:
        return None
    a_lo = a.lo if a.lo is not None else Decimal(0)
    # The smallest ratio is the smallest numerator over the largest denominator. When the
    # denominator has no upper bound ("over 30 million") nothing useful bounds the ratio from
    # below, and saying "> -100 %" would only look like information.
    lo = None if b.hi is None else _div(a_lo, b.hi)
    hi = _div(a.hi, b.lo) if b.lo > 0 else None
    return Interval(
        lo=lo,
        hi=hi,
        lo_open=a.lo_open or b.hi_open,
        hi_open=a.hi_open or b.lo_open,
        nominal=_div(a.nominal, b.nominal),
    )


def growth(current: Interval, previous: Interval) -> Interval | None:
    """Relative change in per cent: (current / previous - 1) * 100."""
    r = ratio(current, previous)
    if r is None:
        return None
    return scale(shift(r, Decimal(-1)), Decimal(100))


def _plus(x: Decimal | None, y: Decimal | None) -> Decimal | None:
    return None if x is None or y is None else x + y


def _times(x: Decimal | None, y: Decimal | None) -> Decimal | None:
    return None if x is None or y is None else x * y


def add(a: Interval, b: Interval) -> Interval:
    """a + b."""
    return Interval(
        _plus(a.lo, b.lo),
        _plus(a.hi, b.hi),
        a.lo_open or b.lo_open,
        a.hi_open or b.hi_open,
        _plus(a.nominal, b.nominal),
    )


def product(a: Interval, b: Interval) -> Interval:
    """a * b for non-negative a and b (an unbounded lower end counts as 0)."""
    lo = _times(a.lo, b.lo) if a.lo is not None and b.lo is not None else Decimal(0)
    return Interval(
        lo, _times(a.hi, b.hi), a.lo_open or b.lo_open, a.hi_open or b.hi_open, _times(a.nominal, b.nominal)
    )


def shift(a: Interval, k: Decimal) -> Interval:
    return Interval(
        None if a.lo is None else a.lo + k,
        None if a.hi is None else a.hi + k,
        a.lo_open,
        a.hi_open,
        None if a.nominal is None else a.nominal + k,
    )


def scale(a: Interval, k: Decimal) -> Interval:
    """a * k for k > 0."""
    if k <= 0:
        raise ValueError("scale takes a positive factor")
    return Interval(
        None if a.lo is None else a.lo * k,
        None if a.hi is None else a.hi * k,
        a.lo_open,
        a.hi_open,
        None if a.nominal is None else a.nominal * k,
    )


def _root(x: Decimal | None, years: int) -> Decimal | None:
    if x is None:
        return None
    return Decimal(str(float(x) ** (1.0 / years)))


def cagr(first: Interval, last: Interval, years: int) -> Interval | None:
    """Compound annual growth rate in per cent over `years` years."""
    r = ratio(last, first)
    if r is None or years <= 0:
        return None
    rooted = Interval(_root(r.lo, years), _root(r.hi, years), r.lo_open, r.hi_open, _root(r.nominal, years))
    return scale(shift(rooted, Decimal(-1)), Decimal(100))


def compare_to_line(value: Interval, line: Decimal, strict: bool, ceiling: bool) -> str:
    """Where an interval lies against a target line: 'met', 'missed' or "can't tell".

    A floor target ("at least 2.6 million", "over 700,000" when strict) is met when the
    whole interval lies on or above the line; a ceiling when it lies on or below it.
    """
    if ceiling:
        mirrored = Interval(
            None if value.hi is None else -value.hi,
            None if value.lo is None else -value.lo,
            value.hi_open,
            value.lo_open,
        )
        return compare_to_line(mirrored, -line, strict, ceiling=False)
    lo, hi = value.lo, value.hi
    if lo is not None and (lo > line or (lo == line and (not strict or value.lo_open))):
        return "met"
    if hi is not None and (hi < line or (hi == line and (strict or value.hi_open))):
        return "missed"
    return "can't tell"


def _tighter_lo(a: Interval, b: Interval) -> tuple[Decimal | None, bool]:
    """The higher of two lower ends (at a tie, an open end is the tighter one)."""
    if a.lo is None:
        return b.lo, b.lo_open
    if b.lo is None or a.lo > b.lo:
        return a.lo, a.lo_open
    if b.lo > a.lo:
        return b.lo, b.lo_open
    return a.lo, a.lo_open or b.lo_open


def _tighter_hi(a: Interval, b: Interval) -> tuple[Decimal | None, bool]:
    """The lower of two upper ends (at a tie, an open end is the tighter one)."""
    if a.hi is None:
        return b.hi, b.hi_open
    if b.hi is None or a.hi < b.hi:
        return a.hi, a.hi_open
    if b.hi < a.hi:
        return b.hi, b.hi_open
    return a.hi, a.hi_open or b.hi_open


def contains(iv: Interval, x: Decimal) -> bool:
    """True when the value x lies in the interval."""
    if iv.lo is not None and (x < iv.lo or (x == iv.lo and iv.lo_open)):
        return False
    return not (iv.hi is not None and (x > iv.hi or (x == iv.hi and iv.hi_open)))


def intersect(a: Interval, b: Interval) -> Interval | None:
    """The values in both a and b; None when there are none (the two cannot both be right).

    The nominal figure is kept only where it still lies inside: a's if it does, else b's."""
    lo, lo_open = _tighter_lo(a, b)
    hi, hi_open = _tighter_hi(a, b)
    if lo is not None and hi is not None and (lo > hi or (lo == hi and (lo_open or hi_open))):
        return None
    out = Interval(lo, hi, lo_open, hi_open)
    nominal = next((n for n in (a.nominal, b.nominal) if n is not None and contains(out, n)), None)
    return Interval(lo, hi, lo_open, hi_open, nominal)


def rounding(value: Decimal) -> Interval:
    """What a figure stated without a hedge stands for once its rounding is allowed for: half a unit
    of its last significant digit either side (40.9 % is 40.85-40.95 %, 31,436,000 is 31,435,500-
    31,436,500). Used to tell two chains that agree up to rounding from two that conflict."""
    if value == 0:
        return Interval(value, value, nominal=value)
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    half = Decimal(5).scaleb(exponent - 1)
    return Interval(value - half, value + half, nominal=value)
