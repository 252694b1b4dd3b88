"""Names and texts the curation commands accept: what may become a file name, what may go into YAML.

A source id names files (facts/ID.yaml, review/ID.yaml), so it must never climb out of its folder
(`../`, `/`), hide (`.x`), or exceed what a file system takes; ids are lower-case letters, digits and
'-', at most MAX_ID characters. A title, publisher or file name is written into YAML and shown on
terminals: it must be UTF-8 text (the shell hands undecodable bytes over as lone surrogates) of a
sane length, without control characters.
"""

from __future__ import annotations

import re

from autofacts.errors import UsageError
from autofacts.terminal import printable

MAX_ID = 80
MAX_TEXT = 1000
ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def shown(text: str, width: int = 200) -> str:
    """A value for a one-line message: control characters and undecodable bytes escaped, clipped."""
    text = printable(as_text(text))
    return text if len(text) <= width else text[: width - 13] + "…" + text[-12:]


def as_text(text: str) -> str:
    """`text` with the bytes a file name or argument held that are not UTF-8 written as `\\xff`."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an id that names a file, or None when it can."""
    if not value:
        return "it is empty"
    if len(value) > MAX_ID:
        return f"it is {len(value)} characters long (at most {MAX_ID})"
    if not ID.fullmatch(value):
        return "use lower-case letters, digits and '-' (e.g. caam-2024-annual)"
    return None


def check_id(value: str, what: str) -> str:
    """`value` if it can be an id; a usage error naming `what` (e.g. '--id') otherwise."""
    why = id_problem(value)
    if why is not None:
        raise UsageError(f"{what} '{shown(value)}': {why}")
    return value


def file_name_problem(value: str) -> str | None:
    """Why `value` (a source id from a catalogue a person wrote) cannot name a file in a folder of
    the base, or None. Looser than `id_problem`: ids written by hand before autofacts checked them
    (upper case, '_', '.') still work; only what would leave the folder or break a file name fails."""
    if "/" in value or "\\" in value or ".." in value:
        return "it holds a path ('/', '\\' or '..') and would name a file outside its folder"
    if not value or value.startswith("."):
        return "it would name a hidden file"
    if len(value.encode("utf-8", "surrogatepass")) > 200:
        return "it is too long to name a file"
    if _CONTROL.search(value) or not _is_text(value):
        return "it holds control characters or bytes that are not UTF-8"
    return None


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_text(value: str, what: str, limit: int = MAX_TEXT, empty: bool = False) -> str:
    """A title, publisher or url as given: UTF-8, no control characters, at most `limit` characters."""
    if not _is_text(value):
        raise UsageError(f"{what} '{shown(value)}' is not UTF-8 text (the shell passed bytes it could not decode)")
    if _CONTROL.search(value):
        raise UsageError(f"{what} '{shown(value)}' holds control characters")
    if len(value) > limit:
        raise UsageError(f"{what} is {len(value)} characters long (at most {limit})")
    if not empty and not value.strip():
        raise UsageError(f"{what} must not be empty")
    return value
