"""Chinese text: telling it from English, and the folded copy every Chinese reader looks at.

A text is read by Chinese grammar when Han characters outnumber Latin words: numbers by
`autofacts.reading.chinese_numbers`, periods by `autofacts.reading.chinese_periods`. Full-width
digits and signs are read as their ASCII forms and traditional characters as simplified (萬 as 万,
輛 as 辆, 增長 as 增长), one character at a time so that offsets into the text stay the same; the
full-width comma stays a clause separator.
"""

from __future__ import annotations

import re

from autofacts.reading.traditional import fold

# --- telling Chinese text from English --------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]+")


def is_chinese(text: str) -> bool:
    """True when Han characters outnumber Latin words: the text is read by Chinese grammar. Words,
    not letters: "特斯拉Model 3和Model Y共交付8万辆" names models in Latin letters and is Chinese."""
    han = len(_HAN.findall(text))
    return han > 0 and han >= len(_LATIN.findall(text))


def nfkc(text: str) -> str:
    """Full-width forms folded to ASCII and traditional characters to simplified, one character at
    a time, so offsets are unchanged (autofacts.reading.traditional)."""
    return fold(text)
