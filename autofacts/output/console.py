"""The terminal's Console: Rich, with every character that came from the data made printable.

Tables escape their cells before layout (table.py, so widths stay right); this is the net under
everything else a command draws (a citation's paragraph, a chart's labels), so that no text from a
knowledge base can reach the terminal as a control sequence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from autofacts.terminal import safe_segments


class SafeConsole(Console):
    """A Rich Console whose rendered text never carries a control character from the data."""

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        segments: Any = super().render(renderable, options)
        return safe_segments(segments)
