"""The hedge word before a figure ("about", "more than", "nearly"): the qualifier it is stated with.

Shared by the English number reader and both extractors, which also need where the hedge's words
begin (to read what comes before a figure, such as "from" or "fell", past its hedge).
"""

from __future__ import annotations

import re

from autofacts.knowledge.interval import HEDGE_WORDS

_HEDGE_OF = {w: q for q, words in HEDGE_WORDS.items() for w in words}
# "fell as much as 4.3%", "as many as 10,000 cars": a ceiling the figure reached at most
_HEDGE_OF.update({"as much as": "at-most", "as many as": "at-most"})
# the hedge words ending a text, longest alternative first ("nearly about" before "about")
_HEDGE_AT_END = re.compile(
    r"(?:^|(?<=[^a-z0-9]))(" + "|".join(re.escape(w) for w in sorted(_HEDGE_OF, key=len, reverse=True)) + r")$"
)


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
