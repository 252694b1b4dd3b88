"""What reaches a terminal: text from the data, with control characters shown, never obeyed.

A region, quote or title may hold an escape sequence (`ESC ] 0 ; title BEL` sets a terminal's
title, others move the cursor or rewrite the screen) or a newline that splits a one-line message.
Everything printed from the data passes through `printable`, which writes such characters as
visible escapes (`\\x1b`, `\\n`), so the output says what the file holds and does nothing else.
Table cells fold line breaks and tabs into spaces instead (`in_cell`), as a cell is laid out anyway.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterable
from typing import Any

# C0 and C1 controls and DEL, plus the Unicode line and paragraph separators and the bidirectional
# overrides that can make a line read differently from what it holds.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CELL_SPACES = re.compile("[\n\r\t\u2028\u2029]+")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control character written as a visible escape (newlines kept if asked)."""
    if keep_newlines:
        return "\n".join(_CONTROL.sub(_escape, line) for line in text.split("\n"))
    return _CONTROL.sub(_escape, text)


def for_terminal(text: str) -> str:
    """`text` with each character standard output's encoding cannot hold written as `\\uXXXX` now,
    before a table is laid out: written later, the escape would push its row out of line."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        if codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32"):
            return text
        return text.encode(encoding, errors="backslashreplace").decode(encoding)
    except LookupError:
        return text


def in_cell(text: str) -> str:
    """`text` for a table cell: line breaks and tabs as spaces, other control characters escaped."""
    return _CONTROL.sub(_escape, _CELL_SPACES.sub(" ", text))


def safe_segments(segments: Iterable[Any]) -> Iterable[Any]:
    """Rich segments with their text made printable (line breaks kept: Rich lays lines out with them).

    Styles become escape sequences only when Rich writes a segment, so escaping the text of the
    segments cannot touch colours, only what the data itself holds."""
    from rich.segment import Segment

    for segment in segments:
        if segment.control or not _CONTROL.search(segment.text):
            yield segment
        else:
            yield Segment(printable(segment.text, keep_newlines=True), segment.style)


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail (and print) again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


INTERRUPTED = 130  # 128 + SIGINT, as shells report it
