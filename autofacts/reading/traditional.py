"""Traditional Chinese read as simplified: one character for one, so every offset stays the same.

A Hong Kong or Taiwan release writes 327.6萬輛 and 增長 where a mainland one writes 327.6万辆 and
增长. Rather than writing every Chinese pattern twice, the readers look at a folded copy of the text
(`fold`), while quotes are still cut from the text as written. The character table is derived from
OpenCC's (traditional.txt beside this module says how).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

_TABLE = Path(__file__).with_name("traditional.txt")


@lru_cache(maxsize=1)
def _simplified() -> dict[int, str]:
    """The character table, read once (4,000 pairs)."""
    table: dict[int, str] = {}
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        if len(line) == 2 and not line.startswith("#"):
            table[ord(line[0])] = line[1]
    return table


_FOLDED: dict[str, str] = {}  # each character's folded form, worked out once


def _fold_char(ch: str) -> str:
    simple = _simplified().get(ord(ch))
    if simple is not None:
        folded = simple
    else:
        norm = unicodedata.normalize("NFKC", ch)
        # one character stays one; the full-width comma separates clauses in Chinese, never thousands
        folded = norm if len(norm) == 1 and ch != "，" else ch
    _FOLDED[ch] = folded
    return folded


def fold(text: str) -> str:
    """Full-width forms as ASCII and traditional characters as simplified, one character for one."""
    return "".join([_FOLDED.get(ch) or _fold_char(ch) for ch in text])
