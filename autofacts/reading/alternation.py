"""A regular expression of many alternatives that tries, on each text, only those that can match it.

The number reader's patterns are long alternations (figures in digits, in words, ordinals,
fractions; telephone numbers, times, dates) that the regex engine tries at every character of a
sentence: 60-100 µs a quote, most of `check`'s time. Most alternatives can only match a text that
holds one of a few words or characters ("half", "million", "+", ":"), and most sentences hold the
trigger of two or three of them. Leaving out of the search an alternative that matches nowhere in
the text changes nothing: at each position the engine tries the alternatives in order and keeps
the first that matches, so every match, its span and its groups are the same. The trigger test is
a substring test on the text in lower case, made only where lower case keeps every letter the
IGNORECASE regex would match (`_FOLDS_TO_ASCII`); otherwise the whole pattern runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

# The characters outside ASCII that re.IGNORECASE matches with an ASCII letter (İ, ı, ſ and the Kelvin
# sign K): str.lower() does not turn them into the letter, so a text holding one gets the whole pattern.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Alternative:
    """One alternative of a pattern and what every text it matches in holds.

    `needs`: lower-case strings, one of which occurs (in any case) in every match; () for none.
    `digit`: every match holds a decimal digit (any script's, as `\\d` reads them)."""

    pattern: str
    needs: tuple[str, ...] = ()
    digit: bool = False


class Alternation:
    """`finditer` over the alternatives that can match a text, compiled once per set of them."""

    def __init__(self, alternatives: Sequence[Alternative], flags: int = 0) -> None:
        self.alternatives = tuple(alternatives)
        self.flags = flags
        words = {w for a in self.alternatives for w in a.needs}
        # A text holding "fourteen" holds "four": only the words holding no other are looked for, and
        # an alternative needing "fourteen" is tried where "four" occurs (a superset: still exact).
        self._words = tuple(sorted(w for w in words if not any(v != w and v in w for v in words)))
        self._needs = tuple(
            frozenset(v for v in self._words if any(v in w for w in a.needs)) for a in self.alternatives
        )
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}

    def pattern(self, chosen: tuple[int, ...] | None = None) -> re.Pattern[str]:
        """The alternatives numbered in `chosen` (all of them if None), in their order, as one regex;
        compiled on first use, so importing a reader compiles nothing."""
        key = tuple(range(len(self.alternatives))) if chosen is None else chosen
        compiled = self._compiled.get(key)
        if compiled is None:
            # (a newline ends a comment of the alternative before in a VERBOSE pattern)
            source = ("\n|" if self.flags & re.VERBOSE else "|").join(self.alternatives[i].pattern for i in key)
            compiled = self._compiled[key] = re.compile(source, self.flags)
        return compiled

    def possible(self, text: str) -> tuple[int, ...]:
        """The numbers of the alternatives that can match somewhere in `text`."""
        if not text.isascii() and not _FOLDS_TO_ASCII.isdisjoint(text):
            return tuple(range(len(self.alternatives)))
        low = text.lower()
        present = {w for w in self._words if w in low}
        digit: bool | None = None
        chosen = []
        for n, alternative in enumerate(self.alternatives):
            if alternative.needs and present.isdisjoint(self._needs[n]):
                continue
            if alternative.digit:
                if digit is None:
                    digit = _DIGIT.search(text) is not None
                if not digit:
                    continue
            chosen.append(n)
        return tuple(chosen)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """What the whole pattern's finditer finds in `text`, found by the alternatives that can match it."""
        chosen = self.possible(text)
        if not chosen:
            return iter(())
        return self.pattern(chosen).finditer(text)
