"""Reading a seed text: sentences, period phrases, the figures it states, and where a quote stands.

Shared by `check` (quotes), `coverage` (which figures are cited), `extract` (candidate facts),
`cite` (a quote inside its paragraph) and `report` (quotes marked in the source texts), so that all
read a document the same way. Reading the seed files themselves is seeds.py's.
"""

from __future__ import annotations

import bisect
import calendar
import itertools
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from autofacts.reading.chinese import is_chinese
from autofacts.reading.chinese_periods import chinese_period_phrases
from autofacts.reading.mentions import Mention
from autofacts.reading.nonfigures import not_a_figure, proportions
from autofacts.reading.numbers import WORD_NUMBERS, read_numbers

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "″": '"', "′": "'"})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as compared for quotes: typographic quotes made plain and white space folded."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


@lru_cache(maxsize=2)
def _normalised_with_map(text: str) -> tuple[str, array[int]]:
    """normalise(text) and, for each of its characters, the offset it came from in text.

    Kept for the last texts asked about: coverage, report and check locate every quote of a source
    in the same seed, which used to be normalised again for each quote (20,000 facts: minutes).
    """
    out: list[str] = []
    where: array[int] = array("l")
    in_space = True  # also drops leading white space
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                where.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch.translate(_QUOTES))
        where.append(i)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Where a quote stands in a text (start, end offsets), matching as `check` does."""
    haystack, where = _normalised_with_map(text)
    needle = normalise(quote)
    at = haystack.find(needle)
    if at < 0 or not needle:
        return None
    return where[at], where[at + len(needle) - 1] + 1


@lru_cache(maxsize=2)
def _line_breaks(text: str) -> array[int]:
    return array("l", (m.start() for m in re.finditer("\n", text)))


def line_of(text: str, offset: int) -> int:
    """The line number of an offset (line breaks found once per text, then a binary search)."""
    return bisect.bisect_left(_line_breaks(text), offset) + 1


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (lines between blank lines, or one line) holding text[start:end]."""
    before = text.rfind("\n", 0, start)
    after = text.find("\n", end)
    return before + 1, len(text) if after < 0 else after


# --- sentences ----------------------------------------------------------------------------------

# A sentence ends at . ! ? followed by white space, except after abbreviations ("Nov. 30",
# "U.S. dollars"), at every line break (headings, bullets and captions stand alone), and right
# after a Chinese 。！？ (and its closing quote), which no space follows.
# Abbreviations a sentence does not end after: "BYD Co. sold", "Nov. 3, 2025", "U.S. dollars".
_ABBREVIATIONS = (
    "Co. Ltd. Inc. Corp. Bros. No. Nos. Mr. Mrs. Ms. Dr. Prof. St. Jr. Sr. Mt. Gov. Gen. Rep. Sen. "
    "U.S. U.K. U.N. E.U. Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. vs. e.g. i.e. approx."
)
ABBREVIATIONS = tuple(_ABBREVIATIONS.split())
_NOT_AFTER = "".join(rf"(?<!\b{re.escape(a)})" for a in ABBREVIATIONS)
_SENTENCE_END = re.compile(
    rf"(?:(?<=[.!?]){_NOT_AFTER}|(?<=[.!?][”’\"']))[ \t]+(?![a-z])|\n+"  # "10,126 ID. series EVs": no end
    r"|(?<=[。！？])(?![”’」』。！？])[ \t]*|(?<=[。！？][”’」』])[ \t]*"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


# The longest sentence in the shipped seeds is 881 characters. A longer "sentence" (a table flattened
# into one line, 1,000 numbers separated by commas) is read in pieces of at most this many characters,
# cut at a clause or a space: reading a figure looks at its whole sentence, so unbounded sentences made
# `extract` quadratic in time and in output (each candidate quotes its sentence).
MAX_SENTENCE = 1000
_CLAUSE_BREAKS = ("; ", "；", ", ", "，", "、")


# Chinese wire copy is often hard-wrapped ("截至9月\n30日止第三季純利約116億元"): a single line
# break inside a long line of Han text, with no sentence-ending mark before it, continues the sentence.
_HAN_OR_DIGIT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\d（(，、﹒．.%％]")
_ENDS_LINE = "。！？；：」』”\"'"
SOFT_WRAP_MIN = 24  # a shorter line is a heading or a caption, which stands alone


def _soft_wrap(text: str, at: int) -> bool:
    """Whether the single line break at text[at] only wraps a Chinese sentence."""
    if at == 0 or at + 1 >= len(text) or text[at - 1] in _ENDS_LINE:
        return False
    line_start = text.rfind("\n", 0, at) + 1
    return (
        at - line_start >= SOFT_WRAP_MIN
        and _HAN_OR_DIGIT.match(text, at - 1) is not None
        and _HAN_OR_DIGIT.match(text, at + 1) is not None
        and sum(1 for ch in text[line_start:at] if "\u4e00" <= ch <= "\u9fff") * 3 >= at - line_start
    )


def sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        if m is not None and m.group() == "\n" and _soft_wrap(text, m.start()):
            continue  # the sentence goes on after a hard wrap
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            _bounded(out, text, pos + lead, pos + lead + len(stripped))
        pos = m.end() if m else len(text)
    return out


def _bounded(out: list[Sentence], text: str, start: int, end: int) -> None:
    """The sentence text[start:end], as pieces of at most MAX_SENTENCE characters, each verbatim."""
    while end - start > MAX_SENTENCE:
        window = text[start : start + MAX_SENTENCE]
        cut = max((window.rfind(b) + len(b) for b in _CLAUSE_BREAKS if b in window), default=0)
        if cut < MAX_SENTENCE // 2:
            cut = max(cut, window.rfind(" ") + 1)
        if cut <= 0:
            cut = MAX_SENTENCE  # no space at all: a hard cut
        piece = text[start : start + cut].rstrip()
        out.append(Sentence(start, start + len(piece), piece))
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append(Sentence(start, end, text[start:end]))


# --- periods stated in words --------------------------------------------------------------------

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower() + ".": i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept."] = 9
MONTHS_TITLE = frozenset(name.title().rstrip(".") for name in MONTHS)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_NUMBER_WORD = "|".join(WORD_NUMBERS)


@dataclass(frozen=True)
class PeriodPhrase:
    """A period a text states in words, with its span and the label autofacts writes it as."""

    start: int
    end: int
    label: str


def _month_label(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def quarter_span(year: int | str, quarter: int) -> str:
    """A quarter as the months it spans ("2025-07/2025-09"): the one label a quarter, "the first
    three months" and "January-March" share, so that the same period is written one way."""
    return f"{year}-{3 * quarter - 2:02d}/{year}-{3 * quarter:02d}"


def half_span(year: int | str, half: int) -> str:
    """A half year as the months it spans ("2025-01/2025-06")."""
    return f"{year}-{6 * half - 5:02d}/{year}-{6 * half:02d}"


def _count(word: str) -> int:
    return int(word) if word.isdigit() else WORD_NUMBERS[word.lower()]


_PERIOD_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(rf"\b({_MONTH})\s*[–-]\s*({_MONTH}),? (\d{{4}})", re.I),
        lambda m: f"{_month_label(int(m[3]), MONTHS[m[1].lower()])}/{_month_label(int(m[3]), MONTHS[m[2].lower()])}",
    ),
    (
        re.compile(r"\b(?:in )?the first (two|three|2|3) quarters of (\d{4})", re.I),
        lambda m: f"{m[2]}-01/{_month_label(int(m[2]), 3 * _count(m[1]))}",
    ),
    (
        re.compile(r"\b(?:Q([1-4]) (\d{4})|(\d{4}) ?Q([1-4]))\b"),
        lambda m: quarter_span(m[2] or m[3], int(m[1] or m[4])),
    ),
    (re.compile(r"\b(?:H([12]) (\d{4})|(\d{4}) ?H([12]))\b"), lambda m: half_span(m[2] or m[3], int(m[1] or m[4]))),
    (
        re.compile(rf"\bfrom ({_MONTH}) to ({_MONTH}),? (\d{{4}})", re.I),
        lambda m: f"{_month_label(int(m[3]), MONTHS[m[1].lower()])}/{_month_label(int(m[3]), MONTHS[m[2].lower()])}",
    ),
    (
        re.compile(rf"\b(?:in )?the first (\d+|{_NUMBER_WORD}) months of (\d{{4}})", re.I),
        lambda m: f"{m[2]}-01/{_month_label(int(m[2]), _count(m[1]))}",
    ),
    (
        re.compile(rf"\bby the end of ({_MONTH}),? (\d{{4}})", re.I),
        lambda m: date(
            int(m[2]), MONTHS[m[1].lower()], calendar.monthrange(int(m[2]), MONTHS[m[1].lower()])[1]
        ).isoformat(),
    ),
    (
        re.compile(r"\b(?:in )?the (first|second) half of (\d{4})", re.I),
        lambda m: half_span(m[2], 1 if m[1].lower() == "first" else 2),
    ),
    (
        re.compile(r"\b(?:in )?the (first|second|third|fourth) quarter of (\d{4})", re.I),
        lambda m: quarter_span(m[2], ["first", "second", "third", "fourth"].index(m[1].lower()) + 1),
    ),
    (re.compile(rf"\b(?:in )?({_MONTH}),? (\d{{4}})", re.I), lambda m: _month_label(int(m[2]), MONTHS[m[1].lower()])),
    (re.compile(r"\bfrom (\d{4}) to (\d{4})\b", re.I), lambda m: f"{m[1]}/{m[2]}"),
    (re.compile(r"\((\d{4})\s*[–-]\s*(\d{4})\)"), lambda m: f"{m[1]}/{m[2]}"),
    # a year, not any four digits: "an average of 1500", "sales of 5835 units" are figures
    (re.compile(r"\b(?:in|by|for|during|of|since) ((?:19|20)\d{2})\b(?![.,]\d)", re.I), lambda m: m[1]),
]


_FOUR_DIGITS = re.compile(r"\d{4}")


@lru_cache(maxsize=1024)
def _stated_periods(text: str) -> tuple[PeriodPhrase, ...]:
    """The periods a text states outright (cached: extract and figure_mentions both ask)."""
    if not _FOUR_DIGITS.search(text):
        return ()  # every pattern names a year
    found: list[PeriodPhrase] = []
    # The spans taken so far never overlap, so sorted by start they are sorted by end too: whether a
    # match overlaps one is a binary search, not a scan (a long seed has thousands of phrases).
    starts: list[int] = []
    ends: list[int] = []
    for pattern, label in _PERIOD_PATTERNS:
        for m in pattern.finditer(text):
            at = bisect.bisect_right(ends, m.start())  # the first taken span ending after this start
            if at < len(starts) and starts[at] < m.end():
                continue
            try:
                found.append(PeriodPhrase(m.start(), m.end(), label(m)))
            except (ValueError, KeyError):
                continue
            starts.insert(at, m.start())
            ends.insert(at, m.end())
    return tuple(found)


def period_phrases(text: str, published: date | None = None) -> list[PeriodPhrase]:
    """Every period the text states in words, longest match first where two overlap."""
    if is_chinese(text):  # Chinese grammar: autofacts.reading.chinese_periods
        return [PeriodPhrase(s, e, label) for s, e, label in chinese_period_phrases(text, published)]
    found = list(_stated_periods(text))
    if published is not None:
        for m in re.finditer(r"\b(last|this|next) year\b", text, re.I):
            shift = {"last": -1, "this": 0, "next": 1}[m[1].lower()]
            found.append(PeriodPhrase(m.start(), m.end(), str(published.year + shift)))
    return sorted(found, key=lambda p: p.start)


# --- figures ------------------------------------------------------------------------------------

_PLAN_NAME_AFTER = re.compile(r"^[\s\-]*(?:Five-Year|-Year Plan|Year Plan)", re.I)
_DATE_BEFORE = re.compile(rf"(?:{_MONTH}|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)\s*$", re.I)
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:\b|(?=T\d))")
_COUNT_OF_MONTHS = re.compile(rf"\bfirst (?:\d+|{_NUMBER_WORD}) (?:months|quarters)\b", re.I)
# "Joint Venture 2.0", "Model 3", "Phase 2": a capitalised name right before a bare number names a
# thing; the words a sentence or a figure may start with do not.
_CAMEL_BEFORE = re.compile(r"(?<![\w-])[a-z]{1,3}[A-Z][A-Za-z]*\s$")
_NAME_BEFORE = re.compile(r"(?<=[\w,;:)\"”’] )([A-Z][A-Za-z]*)\s$")
_NOT_NAMES = frozenset(
    [
        "About",
        "Around",
        "Over",
        "Nearly",
        "Almost",
        "Some",
        "More",
        "Less",
        "Up",
        "To",
        "From",
        "In",
        "By",
        "Of",
        "On",
        "At",
        "For",
        "The",
        "A",
        "An",
        "And",
        "Or",
        "Top",
        "No",
        "Only",
        "Just",
        "Roughly",
        "Approximately",
        "Under",
        "Below",
        "Above",
        "Exceeding",
        "Each",
        "All",
    ]
)


_NOT_A_FIGURE_AFTER = re.compile(r"\s+of\s+(?:the|its|their|China's|China’s|our|his|her|them|those|these|all)\b", re.I)
_ZONE_BEFORE = re.compile(r"\b(?:GMT|UTC)\s*[+\-−]?\s*$")
# a description, not a figure: "six-seater", "five-door"; a time offset: "one year earlier", "two months ago"
_NOT_A_COUNT_AFTER = re.compile(
    r"[\s-]*(?:seaters?|seats?|doors?)\b"
    r"|\s+(?:years?|months?|weeks?|days?|quarters?)\s+(?:earlier|ago|before|prior)\b",
    re.I,
)


def is_furniture(text: str, m: Mention) -> bool:
    """A number `extract` does not propose, though `coverage` counts it: "one of China's leading
    carmakers" (a word), "(GMT+3)" (a time zone in a dateline), "six-seater" (a description),
    "one year earlier" (how far back a comparison looks)."""
    if m.text.lower() == "one" and _NOT_A_FIGURE_AFTER.match(text, m.end):
        return True
    if m.unit in (None, "years") and m.upper is None and _NOT_A_COUNT_AFTER.match(text, m.end):
        return True
    return _ZONE_BEFORE.search(text[max(0, m.start - 8) : m.start]) is not None


def is_year(m: Mention) -> bool:
    return (
        m.unit is None
        and "," not in m.text
        and "." not in m.text
        and m.text.isdigit()
        and len(m.text) == 4
        and 1900 <= m.value <= 2100
    )


def _is_name(text: str, m: Mention) -> bool:
    """A version or model number ("Joint Venture 2.0", "Model 3"), not a figure."""
    if m.unit is not None or m.upper is not None or not re.fullmatch(r"\d+(?:\.\d+)?", m.text):
        return False
    before = text[max(0, m.start - 30) : m.start]
    if _CAMEL_BEFORE.search(before):
        return True  # "iPhone 11", "eGolf 2"
    name = _NAME_BEFORE.search(before)
    return name is not None and name[1] not in _NOT_NAMES and name[1] not in MONTHS_TITLE


def figure_mentions(text: str) -> list[Mention]:
    """The numbers a text states as figures: not years, dates, plan names, list numbering or the
    counts inside a period phrase ("the first 11 months of 2025")."""
    spans = sorted(
        [(m.start(), m.end()) for m in _ISO_DATE.finditer(text)]
        + [(p.start, p.end) for p in period_phrases(text)]
        + [(m.start(), m.end()) for m in _COUNT_OF_MONTHS.finditer(text)]  # "the first ten months"
    )
    span_starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # the furthest end among spans so far
    out = []
    for m in read_numbers(text):
        if is_year(m):
            continue
        last = bisect.bisect_right(span_starts, m.start) - 1  # spans starting at or before the figure
        if last >= 0 and reach[last] >= m.end:
            continue  # inside a date or a period phrase
        if _DATE_BEFORE.search(text[max(0, m.start - 12) : m.start]):
            continue  # "September 13", "Nov. 30"
        if _PLAN_NAME_AFTER.match(text[m.end : m.end + 16]):
            continue  # "14th Five-Year Plan"
        if text[m.end : m.end + 2] == ". " and _starts_line(text, m.start):
            continue  # "2. Crack down on ..." numbers a list
        if text[m.end : m.end + 1] == ")" and m.text.isdigit() and len(m.text) <= 2 and _starts_item(text, m.start):
            continue  # "(2) expand sales", "1) build"
        if _is_name(text, m):
            continue
        if not_a_figure(text, float(m.value), m.unit, m.start, m.end):
            continue  # a listing's code, a span of time, a heading's number, an ordinal ranking nothing
        if m.unit == "ordinal" and _NOT_A_RANK.match(text, m.end) and not _RANK_AFTER.match(text, m.end):
            continue  # "for the first time", "the second batch": an occasion, not a rank
        out.append(m)
    return proportions(text, out)


_NOT_A_RANK = re.compile(
    r"[ -](?:time|times|week|weeks|day|days|batch|phase|stage|round|generation|edition|session)\b", re.I
)


# "for the first time to become the world's largest exporter": the occasion states a rank
_RANK_AFTER = re.compile(r"[^.;]{0,40}\b(?:largest|biggest|top|number one|leading)\b", re.I)


def _starts_item(text: str, offset: int) -> bool:
    """An item's number stands here: only an optional "(" and spaces or tabs after the start of the
    text, a line break, a colon or a semicolon (looked at backwards from `offset`, not by searching
    all the text before it, which made long seeds quadratic)."""
    at = offset - 1 if offset > 0 and text[offset - 1] == "(" else offset
    while at > 0 and text[at - 1] in " \t":
        at -= 1
    return at == 0 or text[at - 1] in "\n:;"


def _starts_line(text: str, offset: int) -> bool:
    """Only spaces or tabs stand between the start of its line and `offset`."""
    return not text[text.rfind("\n", 0, offset) + 1 : offset].strip(" \t")
