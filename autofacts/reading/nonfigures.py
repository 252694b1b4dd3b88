"""What looks like a number in a sentence but states no figure: telephone numbers, times of day,
dates, and the digits of a code or a model's name.

The number reader skips every number that starts inside one of these spans. Each alternative
carries what its every match holds (alternation.py), so a sentence with no "+", "-", "(", ":",
"/", month or telephone word is not searched at all.
"""

from __future__ import annotations

import re

from autofacts.reading.alternation import Alternation, Alternative

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# Telephone numbers are not figures: "+86 10 6536 3107", "86-10-65363107", "(800) 555-0199",
# "010-65363107", and whatever digits follow "Tel:".
_NOT_FIGURES = Alternation(
    [
        Alternative(r"\+\d{1,3}[\s.-]?\(?\d{1,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}", ("+",), digit=True),
        Alternative(r"(?<![\d,.])\d{2,4}-\d{2,4}-\d{4,8}(?![\d-])", ("-",), digit=True),
        Alternative(r"\(\d{2,4}\)\s?\d{3,4}[\s.-]?\d{4}(?!\d)", ("(",), digit=True),
        Alternative(r"(?<![\d,.])0\d{2,3}-\d{7,8}(?!\d)", ("-",), digit=True),
        Alternative(
            r"\b(?:tel|telephone|phone|fax|hotline|call)\b[.:]?\s*[\d\s()+.,/-]{7,}",
            ("tel", "phone", "fax", "hotline", "call"),
        ),
        # nor are times of day, dates written with slashes or a day before its month, and the digits
        # of a code or name after a letter and a hyphen ("COVID-19", "F-150", "GB-18384")
        Alternative(r"(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?(?!\d)", (":",), digit=True),
        Alternative(r"(?<![\d.])\d{1,2}\s?[ap]\.m\.", ("a.m.", "p.m."), digit=True),
        Alternative(r"(?<![\d/])\d{1,4}/\d{1,2}/\d{1,4}(?![\d/])", ("/",), digit=True),
        Alternative(
            # (the digit first and the look behind after it, as (?<![\d,.])\d{1,2}: a pattern that starts
            # with a digit is searched for digits first, twice as fast on a sentence naming a month)
            r"""\d(?<![\d,.]\d)\d?(?:st|nd|rd|th)?\s(?:January|February|March|April|May|June|July|August|September|October
        |November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?""",
            _MONTHS,
            digit=True,
        ),
        Alternative(r"(?<=[A-Za-z]-)\d+(?:\.\d+)?(?![\d%])", ("-",), digit=True),
    ],
    re.IGNORECASE | re.VERBOSE,
)


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Where the text writes telephone numbers (and times, dates and codes): no figure starts there."""
    return [(m.start(), m.end()) for m in _NOT_FIGURES.finditer(text)]
