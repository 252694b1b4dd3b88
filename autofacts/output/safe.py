"""Text from the data made inert where it lands: Markdown that renders as HTML, CSV that a
spreadsheet evaluates.

A title or quote holding `<script>` or `<img src=x onerror=...>` would run in whatever renders
the Markdown (a wiki, a notebook, a README preview); a cell starting with `=`, `+`, `-` or `@`
becomes a formula when the CSV is opened in a spreadsheet (`=HYPERLINK(...)` exfiltrates, `=cmd|`
runs). Both are neutralised here, once for every table and export. (JSON escapes control
characters itself; YAML export writes them as YAML escapes.)
"""

from __future__ import annotations

import re
from html import escape

from autofacts.terminal import in_cell, printable

# What a spreadsheet reads as the start of a formula; tab and carriage return as well, as OWASP lists.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def markdown_text(text: str) -> str:
    """Text for one line of Markdown: HTML shown, not rendered; pipes kept inside their cell."""
    return escape(" ".join(in_cell(text).split()), quote=False).replace("|", "\\|")


def csv_cell(value: object) -> object:
    """A CSV field a spreadsheet shows as text: a leading apostrophe before what would start a formula
    (plain numbers such as "-1.5" stay numbers), and control characters other than line breaks
    written as escapes, as a CSV file is as often shown on a terminal as opened."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        value = "'" + value
    return printable(value, keep_newlines=True)
