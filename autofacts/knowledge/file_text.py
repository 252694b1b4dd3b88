"""A knowledge-base file's text for parse.py: read within the size limit and decoded as UTF-8, or
the one located problem (E100) that stops it."""

from __future__ import annotations

from pathlib import Path

from autofacts.files import ReadRefusal, read_limited
from autofacts.knowledge.model import Location, Problem

MAX_FILE_BYTES = 20 * 1024 * 1024


def read_text(path: Path, display: str, problems: list[Problem]) -> str | None:
    """The file's text, or None with the problem (E100) that stopped it: unreadable, too large, not UTF-8."""
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except ReadRefusal as exc:
        problems.append(Problem(Location(display, 1, 1), "E100", f"not read: {exc.strerror}"))
        return None
    except OSError as exc:
        problems.append(Problem(Location(display, 1, 1), "E100", f"cannot read file: {exc.strerror or exc}"))
        return None
    return decode_text(data, display, problems)


def decode_text(data: bytes, display: str, problems: list[Problem]) -> str | None:
    """Bytes read from a file as UTF-8 text (a byte-order mark dropped), or None with the problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(
            Problem(Location(display, line, column), "E100", f"not UTF-8 text (byte 0x{data[exc.start]:02x})")
        )
        return None
    return text
