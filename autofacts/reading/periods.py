"""The period an English news sentence gives each of its figures.

A figure's period is read from its own sentence first (the phrase right after it, else the nearest
before it in its clause), then from what the sentences before established, then from the
publication. News writes periods without their year ("In November", "the first 10 months",
"From August 1 to 10", "July deliveries"), with a year after them ("In the January-November period
this year": one period, not "this year"), as a stock's day ("by the end of June": the 30th), as a
running total ("so far this year": January up to the latest period the text spoke of) and as
comparison bases ("up 4.8% from October 2024", "from 51,443 units in October 2024") that are never
the figure's own.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from autofacts.errors import PeriodError
from autofacts.knowledge.periods import parse_period
from autofacts.reading.numbers import WORD_NUMBERS
from autofacts.reading.text import MONTHS, PeriodPhrase, half_span, period_phrases, quarter_span


@dataclass(frozen=True)
class Phrases:
    """The sentence's period phrases, split into the figures' own and comparison bases."""

    own: list[PeriodPhrase]
    bases: list[PeriodPhrase]
    # bases dating the base figure itself: "from 51,443 units in October 2024", "from 2023's 3 million"
    of_base_figure: tuple[PeriodPhrase, ...] = ()

    def holds(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies inside one of the phrases."""
        return any(p.start <= start and end <= p.end for p in (*self.own, *self.bases))


MONTH_NAMES = "|".join(name.title() for name in MONTHS if not name.endswith("."))
_COUNT = {w: n for w, n in WORD_NUMBERS.items() if n <= 12}
_COUNT.update({str(n): n for n in range(1, 13)})
_COUNT_WORDS = "|".join(sorted(_COUNT, key=len, reverse=True))
_DAYS = {w: n for w, n in WORD_NUMBERS.items() if 1 <= n <= 31}
_DAYS.update({str(n): n for n in range(1, 32)})
_DAY_WORDS = "|".join(sorted(_DAYS, key=len, reverse=True))
_ORDINAL_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_NO_YEAR = r"(?!,?\s+\d{4})"

# Periods written without their year, dated from the publication: the latest such period up to it.
_RELATIVE_PERIOD = re.compile(
    rf"\b(?:(?:from|between) ({MONTH_NAMES}) (?:to|through|until|and) ({MONTH_NAMES})"
    rf"|({MONTH_NAMES})\s*(?:[–-]|through)\s*({MONTH_NAMES}))\b{_NO_YEAR}"
    rf"|\b(?:in |during |over )?the first ({_COUNT_WORDS}) months(?: of (?:the|this) year)?\b"
    r"(?! of (?:\d{4}|last year))"
    r"|\b(?:in |during )?the first (two|three|2|3) quarters(?: of (?:the|this) year)?\b(?! of (?:\d{4}|last year))"
    rf"|\b(?:in |during )?the (first|second) half(?: of the year| of this year)?\b(?! of (?:\d{{4}}|{MONTH_NAMES}))"
    r"|\b(last|this) month\b"
    rf"|\b(?:in |during |over )?the (?:past|recent|previous|preceding) ({_COUNT_WORDS}) months\b"
    rf"|\b(?:in |during |over )?the (?:remaining|final) ({_COUNT_WORDS}) months"
    r"(?: of (?:the|this) year| of (\d{4}))?\b"
    r"(?! of last year)",
    re.I,
)
# Wire copy's abbreviated months, with their dot: "Nov. 1", "Sept. 30"
_DAY_MONTHS = "|".join([MONTH_NAMES, *(re.escape(name.title()) for name in MONTHS if name.endswith("."))])
# Days: "From August 1 to 10", "August 1-10", "from Nov. 1 to Nov. 27, 2022", "the first 10 days of August"
_DAY_SPAN = re.compile(
    rf"\b(?:from\s+)?({_DAY_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:to|[–-]|through)\s*(?:({_DAY_MONTHS})\s+)?"
    rf"(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|per cent))(?:,?\s+(\d{{4}}))?"
    rf"|\bthe first ({_DAY_WORDS}) days of (?:(this|last) month|({MONTH_NAMES})(?:,?\s+(\d{{4}}))?)",
    re.I,
)
# A stock's day: "by the end of June", "as of November 30, 2025", "at the end of last month"
_DAY = re.compile(
    rf"\b(?:by|as of|as at|at|until|till|through) (?:the )?end of ({MONTH_NAMES})\b(?:,?\s+(\d{{4}}))?"
    rf"|\b(?:by|as of|as at|on|until|through) ({MONTH_NAMES})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?"
    rf"|\b(?:as of |at |by )?end-({MONTH_NAMES})\b(?:,?\s+(\d{{4}}))?",
    re.I,
)
# A single month or quarter named without a year: "In November", "Q3", "the third quarter"
_MONTH_ALONE = re.compile(rf"\b(?:[Ii]n|[Dd]uring|[Ff]or|[Oo]f|[Oo]ver) ({MONTH_NAMES})\b{_NO_YEAR}(?! \d)")
# a month naming the figures after it: "July deliveries dropped to", "October's sales"
_MONTH_NOUN = re.compile(
    rf"\b({MONTH_NAMES})(?:'s|’s)?\s+(?=(?:[a-z-]+\s+){{0,2}}?(?:deliveries|sales|output|production|exports"
    r"|imports|registrations|shipments|volumes?|figures|retail|wholesale|insurance registrations)\b)"
)
_QUARTER_ALONE = re.compile(
    r"\b(?:in |during )?(?:the )?(?:(first|second|third|fourth)[\s-]quarter|Q([1-4]))\b(?! of \d{4})(?!\s*\d{4})",
)
_HALF_ALONE = re.compile(r"\b(?:in |during )?(?:the )?H([12])\b(?!\s*\d{4})")
# A running total of this year: January up to the latest period the text spoke of
# "In the current year up to November 30", "this year through October": January up to that day or month
_YEAR_UP_TO = re.compile(
    rf"\b(?:in |during |for )?(?:the current year|this year|year[- ]to[- ]date)\s+"
    rf"(?:up to|up until|through|until|till|to)\s+"
    rf"(?:the end of\s+)?({MONTH_NAMES})(?:\s+(\d{{1,2}}))?\b",
    re.I,
)
_YEAR_TO_DATE = re.compile(
    r"\b(?:so far this year|this year so far|year[- ]to[- ]date|YTD|since the (?:start|beginning) of "
    r"(?:the|this) year|so far in \d{4})\b",
    re.I,
)
# "During the same period": the period just spoken of, unless a year earlier follows
_SAME_AS_BEFORE = re.compile(
    r"\b(?:[Dd]uring|[Ii]n|[Oo]ver|[Ff]or) the (?:same )?(?:period|month|days)\b(?! of\b| ended\b| from\b| to\b)"
    r"(?!\s*(?:of |in )?(?:last year|a year (?:earlier|ago)|the previous year|\d{4}))"
)
# A year written after a period phrase dates it: "In November this year", "January-November period of 2025"
_YEAR_AFTER = re.compile(r"^(?:\s+period)?\s*(?:of\s+|in\s+)?,?\s*$", re.I)
# A comparison base: the period a change is measured from is not the figure's own.
_BASE_BEFORE = re.compile(
    r"(?:\bfrom|\bcompar(?:ed|ing) (?:with|to)|\bversus|\bvs\.?|\bagainst|\bthan|\bover|\brelative to|\bthe same period"
    r"|\bthe same month|\bthe same quarter|\blevels?)\s*(?:the same (?:period|month|quarter)\s*)?$",
    re.I,
)
# "from 51,443 units in October 2024": the period of the base figure
_FROM_FIGURE = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+)?[\d.,]+\s*(?:million\s+|billion\s+|%\s*|percent\s+|per cent\s+)?"
    r"(?:[a-z]+\s+){0,2}$",
    re.I,
)
# After a figure: it is a year before the sentence's period ("from 48,122 units a year earlier")
_YEAR_EARLIER = re.compile(
    r"\s*(?:(?:(?!from\b|than\b|over\b|versus\b|vs\b|compared\b|against\b)[A-Za-z]{1,12}|%)\s*)?"
    r"(?:a year (?:earlier|ago|before)"
    r"|in the (?:same|year-earlier|year-ago) (?:period|month|quarter)(?: of| in)? last year|the year before"
    r"|in the year-(?:earlier|ago) (?:period|month|quarter))\b",
    re.I,
)


def _last_year_up_to(month: int, published: date) -> int:
    """The year of the latest such month up to the publication."""
    return published.year if month <= published.month else published.year - 1


def _month_back(published: date, back: int) -> tuple[int, int]:
    """This month (0) or last month (1) at the publication, as (year, month)."""
    return (published.year, published.month - back) if published.month > back else (published.year - 1, 12)


def _span_label(year: int, first: int, last: int) -> str | None:
    if not 1 <= first <= last <= 12:
        return None
    if first == last:
        return f"{year}-{first:02d}"
    if (first, last) in ((1, 12),):
        return str(year)
    return f"{year}-{first:02d}/{year}-{last:02d}"


def _relative_label(m: re.Match[str], published: date) -> str | None:
    """The label of a period written without its year, or None when it is not over by publication."""
    if m[1] or m[3]:
        first, last = MONTHS[(m[1] or m[3]).lower()], MONTHS[(m[2] or m[4]).lower()]
    elif m[5]:
        first, last = 1, _COUNT[m[5].lower()]
    elif m[6]:
        first, last = 1, 3 * _COUNT[m[6].lower()]
    elif m[7]:
        first, last = (1, 6) if m[7].lower() == "first" else (7, 12)
    elif m[9]:  # "the past 12 months": the months before the publication's
        year, month = _month_back(published, 1)
        back = _COUNT[m[9].lower()]
        start_year, start_month = (year, month - back + 1) if month >= back else (year - 1, month - back + 13)
        return f"{start_year}-{start_month:02d}/{year}-{month:02d}"
    elif m[10]:  # "the remaining four months": up to December
        first, last = 13 - _COUNT[m[10].lower()], 12
        return _span_label(int(m[11]) if m[11] else published.year, first, last)
    else:
        year, month = _month_back(published, 1 if m[8].lower() == "last" else 0)
        return f"{year}-{month:02d}"
    if not 1 <= first <= last <= 12:
        return None
    return _span_label(_last_year_up_to(last, published), first, last)


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _day_span_label(m: re.Match[str], published: date) -> str | None:
    if m[1]:
        month = MONTHS[m[1].lower()]
        last_month = MONTHS[m[3].lower()] if m[3] else month
        first_day, last_day = int(m[2]), int(m[4])
        year = int(m[5]) if m[5] else _last_year_up_to(last_month, published)
    else:
        first_day, last_day = 1, _DAYS[m[6].lower()]
        if m[8]:
            month = last_month = MONTHS[m[8].lower()]
            year = int(m[9]) if m[9] else _last_year_up_to(month, published)
        else:
            year, month = _month_back(published, 1 if m[7].lower() == "last" else 0)
            last_month = month
    start, end = _day(year, month, first_day), _day(year, last_month, last_day)
    if start is None or end is None or start >= end:
        return None
    return f"{start}/{end}"


def _stock_day_label(m: re.Match[str], published: date) -> str | None:
    if m[1] or m[6]:
        month = MONTHS[(m[1] or m[6]).lower()]
        given = m[2] or m[7]
        year = int(given) if given else _last_year_up_to(month, published)
        return _day(year, month, calendar.monthrange(year, month)[1])
    month = MONTHS[m[3].lower()]
    year = int(m[5]) if m[5] else _last_year_up_to(month, published)
    return _day(year, month, int(m[4]))


def _free(found: list[PeriodPhrase], start: int, end: int) -> bool:
    return not any(p.start < end and start < p.end for p in found)


def _add(found: list[PeriodPhrase], start: int, end: int, label: str | None, over: bool = False) -> None:
    """Add a phrase; with `over`, it replaces the shorter phrases it holds ("the first eleven months
    of this year" is the months, not the year inside them)."""
    if label is None:
        return
    if over:
        found[:] = [p for p in found if not (start <= p.start and p.end <= end)]
    if _free(found, start, end):
        found.append(PeriodPhrase(start, end, label))


def _with_year(label: str, year: str) -> str:
    """A period's label moved to the year written after it."""
    return re.sub(r"\d{4}", year, label)


def _join_years(text: str, found: list[PeriodPhrase]) -> list[PeriodPhrase]:
    """ "In November this year", "the January-November period of 2025": the year written after a
    period phrase dates it, and is no period of its own."""
    out: list[PeriodPhrase] = []
    for p in sorted(found, key=lambda p: p.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and re.fullmatch(r"\d{4}", p.label)
            and not re.fullmatch(r"\d{4}(?:/\d{4})?", prev.label)
            and _YEAR_AFTER.match(text[prev.end : p.start])
        ):
            out[-1] = replace(prev, end=p.end, label=_with_year(prev.label, p.label))
            continue
        out.append(p)
    return out


def _since(text: str, found: list[PeriodPhrase], published: date | None, context: str | None) -> list[PeriodPhrase]:
    """ "Since 2012": from that year to the latest year the text spoke of (in the sentence before the
    phrase, else before it), else to the publication's."""
    out = []
    for p in found:
        if re.fullmatch(r"\d{4}", p.label) and text[p.start : p.end].lower().startswith("since "):
            years = [int(q.label[:4]) for q in found if q.end <= p.start and q.label[:4].isdigit()]
            last = years[-1] if years else int(context[:4]) if context and context[:4].isdigit() else None
            last = last if last is not None else (published.year if published else None)
            if last is not None and last > int(p.label):
                p = replace(p, label=f"{p.label}/{last}")
        out.append(p)
    return out


def _year_to_date(text: str, at: int, found: list[PeriodPhrase], context: str | None) -> str | None:
    """January up to the end of the latest period before `at` in the sentence, else of the one the
    text spoke of before; None when neither says where the running total stops."""
    before = [p for p in found if p.end <= at and not re.fullmatch(r"\d{4}", p.label)]
    latest = before[-1].label if before else context
    if latest is None:
        return None
    try:
        period = parse_period(latest)
    except PeriodError:
        return None
    end = period.end
    if period.is_year:
        return None
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        return _span_label(end.year, 1, end.month)
    return f"{end.year}-01-01/{end.isoformat()}"


_ONE_YEAR = re.compile(r"((?:19|20)\d\d)(?:-\d\d)?(?:/\1(?:-\d\d)?)?")


def _month_year(month: int, published: date | None, context: str | None) -> int | None:
    """The year of a month named alone: the last year that month has begun in by publication;
    with no publication date, the one year the sentences before spoke of; else none (the month is
    not dated at all, rather than lent the whole period of the sentence before)."""
    if published is not None:
        return _last_year_up_to(month, published)
    if context is not None and (m := _ONE_YEAR.fullmatch(context)) is not None:
        return int(m[1])
    return None


def sentence_periods(text: str, published: date | None, context: str | None = None) -> Phrases:
    """Every period phrase of an English sentence, split into own periods and comparison bases;
    `context` is the period the sentences before spoke of (for "so far this year", "the same period")."""
    found = list(period_phrases(text, published))
    # "the association forecast 2023 sales": a year written before what it dates
    for m in re.finditer(r"(?<![\w.,/-])((?:19|20)\d{2})(?:'s|’s)?(?=\s+[a-z\d])", text):
        _add(found, m.start(), m.end(), m[1])
    if published is not None:
        for m in _DAY_SPAN.finditer(text):
            _add(found, m.start(), m.end(), _day_span_label(m, published), over=True)
        for m in _DAY.finditer(text):
            _add(found, m.start(), m.end(), _stock_day_label(m, published), over=True)
        for m in _RELATIVE_PERIOD.finditer(text):
            _add(found, m.start(), m.end(), _relative_label(m, published), over=True)
        for m in _QUARTER_ALONE.finditer(text):
            quarter = _ORDINAL_QUARTERS[m[1].lower()] if m[1] else int(m[2])
            # a quarter under way at publication is this year's ("expects deliveries in the fourth quarter")
            year = _last_year_up_to(3 * quarter - 2, published)
            _add(found, m.start(), m.end(), quarter_span(year, quarter))
        for m in _YEAR_UP_TO.finditer(text):
            month = MONTHS[m[1].lower()]
            year = _last_year_up_to(month, published)
            last = calendar.monthrange(year, month)[1]
            up_to = _span_label(year, 1, month) if m[2] in (None, str(last)) else _day(year, month, int(m[2]))
            label = up_to if m[2] in (None, str(last)) or up_to is None else f"{year}-01-01/{up_to}"
            _add(found, m.start(), m.end(), label, over=True)
        for m in _HALF_ALONE.finditer(text):
            half = int(m[1])
            _add(found, m.start(), m.end(), half_span(_last_year_up_to(6 * half - 5, published), half))
    # a month named without its year: the last such month up to publication, else the year the
    # sentences before spoke of ("In the first 11 months of 2025 … In December" is December 2025)
    for m in _MONTH_ALONE.finditer(text):
        month = MONTHS[m[1].lower()]
        if (month_year := _month_year(month, published, context)) is not None:
            _add(found, m.start(), m.end(), f"{month_year}-{month:02d}")
    for m in _MONTH_NOUN.finditer(text):
        if m[1] == "May" and m.start() > 0 and not _DETERMINER.search(text, 0, m.start()):
            continue  # "sales may rise" is never capitalised mid-sentence, but "May" opening one is
        month = MONTHS[m[1].lower()]
        if (month_year := _month_year(month, published, context)) is not None:
            _add(found, m.start(), m.start() + len(m[1]), f"{month_year}-{month:02d}")
    found = _join_years(text, found)
    found = _since(text, found, published, context)
    for m in _YEAR_TO_DATE.finditer(text):
        if any(p.start <= m.start() and m.end() < p.end for p in found):
            continue  # "Year-to-date through November": read whole, up to its month
        label = _year_to_date(text, m.start(), found, context)
        found = [p for p in found if not (m.start() <= p.start < m.end())]  # "so far in 2025": not the year
        if label is not None:
            _add(found, m.start(), m.end(), label)
    if context is not None:
        for m in _SAME_AS_BEFORE.finditer(text):
            _add(found, m.start(), m.end(), context)
    own, bases, of_base = [], [], []
    for p in sorted(found, key=lambda p: p.start):
        lead = text[max(0, p.start - 40) : p.start]
        words = text[p.start : p.end].lower()
        # "Over the first eleven months, exports hit...": opening the sentence, "over" spans a period
        opening = re.search(r"(?:^|[,;:]\s*)(?:over|through|throughout)\s+$", text[: p.start], re.I)
        if re.match(r"(?:during|in|over|for) the (?:same )?(?:period|month|days)\b", words):
            own.append(p)
        elif opening is None and (
            _BASE_BEFORE.search(lead)
            and not words.startswith(("in ", "by ", "during ", "for "))
            or re.search(r"(?:from|compar(?:ed|ing) (?:with|to)|over|than|versus|the same period)\s*$", lead, re.I)
            or re.search(r"\bthe same (?:period|month|quarter) (?:of|in)\s*$", lead + words[:3], re.I)
            or lead.lower().endswith("the same period ")
            or _FROM_FIGURE.search(lead)
        ):
            bases.append(p)
            if _FROM_FIGURE.search(lead) or re.match(r"(?:'s|’s)\s+[\d.,]+", text[p.end - 2 : p.end + 12]):
                of_base.append(p)
        else:
            own.append(p)
    return Phrases(_after_same_period(text, own, bases), bases, tuple(of_base))


_SAME_OF_YEAR = re.compile(r"\bthe same (?:period|month|quarter|months)\s*(?:(?:of|in)\s*)?$", re.I)


def _after_same_period(text: str, own: list[PeriodPhrase], bases: list[PeriodPhrase]) -> list[PeriodPhrase]:
    """ "in the first three quarters, up 15% from the same period of 2023": the periods written
    without a year are the year after the base's, whatever the publication's year."""
    years = [b for b in bases if re.fullmatch(r"\d{4}", b.label) and _SAME_OF_YEAR.search(text, 0, b.start)]
    if len(years) != 1:
        return own
    year = str(int(years[0].label) + 1)
    return [
        replace(p, label=_with_year(p.label, year)) if not re.search(r"\d{4}|\byear\b", text[p.start : p.end]) else p
        for p in own
    ]


def _starts_change(text: str, p: PeriodPhrase, hedge_at: int) -> bool:
    """ "from 5.4% in 2020 to 40.9%": the period belongs to the start of the change, not to its end."""
    to = re.fullmatch(r"\s*to\s*", text[p.end : hedge_at])
    return to is not None and "from " in text[max(0, p.start - 60) : p.start]


_NUMBER = re.compile(r"\d")
# "was RMB17.4 billion when it announced its third-quarter earnings": a period in a clause of its
# own after the figure dates that clause (an announcement), not the figure
_ANOTHER_CLAUSE = re.compile(r"\b(?:when|after|before|as|since|while|which|that|whose|until)\b", re.I)
_DETERMINER = re.compile(r"\b(?:their|its|the|his|her|our|last|this)\s+$", re.I)  # "their May delivery figures"
_BRACKETS = re.compile(r"\([^()]*\)")
_ASIDE = re.compile(r"\s*\([^()]{0,40}\)\s*")  # "(NEVs)" between a figure and its period


def own_period(
    text: str, phrases: Phrases, at: int, end: int, hedge_at: int, clause: tuple[int, int]
) -> PeriodPhrase | None:
    """The period phrase right after the number in its clause ("1.4 million vehicles in 2020", but
    not past another figure), else the nearest before it (not the start of a change: "from 5.4% in
    2020 to 40.9%"), else one in its clause."""
    after = [
        p
        for p in phrases.own
        if p.start >= end
        and len(_ASIDE.sub("", text[end : p.start])) <= 25
        and (p.start < clause[1] or _ASIDE.fullmatch(text, clause[1], p.start - 1) is not None)
        and not _NUMBER.search(_ASIDE.sub("", text[end : p.start]))
        and not _ANOTHER_CLAUSE.search(text, end, p.start)
    ]
    # "from 47,800 units in June 2024": the base's period is the base figure's own
    after += [
        p
        for p in phrases.of_base_figure
        if 0 <= p.start - end <= 25 and not re.search(r"\d|\bfrom\b", text[end : p.start])
    ]
    if after:
        return min(after, key=lambda p: p.start)
    # "from 2023's 3,024,417 units": a year's possessive right before the figure
    right_before = [p for p in phrases.of_base_figure if 0 <= hedge_at - p.end <= 1]
    if right_before:
        return right_before[0]
    asides = [(m.start(), m.end()) for m in _BRACKETS.finditer(text) if not m.start() < at < m.end()]
    before = [
        p
        for p in phrases.own
        if p.end <= at and not _starts_change(text, p, hedge_at) and not any(s <= p.start < e for s, e in asides)
    ]
    if before:
        return before[-1]
    inside = [p for p in phrases.own if clause[0] <= p.start < clause[1] and p.end > at]
    return inside[0] if inside else None


def shift_year(label: str, years: int) -> str:
    """The same period a number of years later (negative: earlier)."""
    return re.sub(r"\d{4}", lambda m: str(int(m[0]) + years), label)


def a_year_earlier(text: str, end: int) -> bool:
    """The words after a figure put it a year before the sentence's period ("48,122 units a year earlier")."""
    return _YEAR_EARLIER.match(text, end) is not None
