"""The figures of one English sentence: each number with its clause and the change words around it.

Extract reads a figure's metric, period, place and kind from its neighbourhood; this module finds
the neighbourhood (the clause between ';', ':', '--' and ", while"), and whether a rise or fall
word governs a per cent, carried along a list ("up 3.4 percent and 2.1 percent").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from autofacts.reading.mentions import Mention
from autofacts.reading.numbers import FALL_BEFORE, hedge_start
from autofacts.reading.text import Sentence, figure_mentions

# A figure that changed: a per cent after these words is a growth rate ("up 3.4 percent").
_GROWTH_BEFORE = re.compile(
    r"\b(?:up|rose|risen|rising|rise|rise of|jumped|jump|jump of|surged|surge of|soared|climbed|climb|grew|grow"
    r"|grown|growing|growth of|increase"
    r"|increased|increase of|increasing|gained|gain of|expanded|expansion of|year-on-year|year on year)"
    r"(?:\s+by)?\s*$",
    re.I,
)


_DECLINE_BEFORE = FALL_BEFORE  # the number reader makes a per cent after these words negative


_GROWTH_AFTER = re.compile(
    r"^\s*(?:(?:year[- ]on[- ]year|yoy|y/y)\b|(?:from|over|compared (?:with|to)) (?:a year earlier|the previous year"
    r"|the same period|last year|a year ago)|(?:growth|increase|rise|jump)\b)",
    re.I,
)


_GROUP_JOIN = re.compile(r"^\s*(?:(?:units|vehicles|percent|%)\s*)?(?:,\s*(?:and\s+)?|and\s+|&\s*)$", re.I)


@dataclass(frozen=True)
class Figure:
    """One number of a sentence, with what its neighbourhood says about it."""

    mention: Mention
    at: int  # start in the sentence
    end: int  # end in the sentence
    hedge_at: int  # where its hedge words begin
    clause: tuple[int, int]
    growth: bool
    decline: bool


def clause_around(text: str, at: int) -> tuple[int, int]:
    """The clause holding position `at`: between ; : -- ( ) and ", while" / ", and" / "which"."""
    cuts = [0, len(text)]
    for m in re.finditer(r"[;:()]|\s--\s|\s?—\s?|,\s+(?=while\b|whereas\b|and\b|but\b|of which\b|which\b)", text):
        cuts.append(m.start() if m.start() > at else m.end())
    before = max(c for c in cuts if c <= at)
    after = min(c for c in cuts if c > at) if any(c > at for c in cuts) else len(text)
    return before, after


def sentence_figures(sentence: Sentence) -> list[Figure]:
    """Every figure of a sentence, with the change words around it ("up 3.4 percent and 2.1
    percent": the second changes as the first does)."""
    text = sentence.text
    out: list[Figure] = []
    for m in figure_mentions(text):
        hedge_at = hedge_start(text, m.start)
        before = text[max(0, hedge_at - 40) : hedge_at]  # the words right before: never the whole prefix
        after = text[m.end :]
        growth = bool(_GROWTH_BEFORE.search(before) or (m.unit == "percent" and _GROWTH_AFTER.match(after)))
        decline = bool(_DECLINE_BEFORE.search(before))
        mention = replace(m, start=sentence.start + m.start, end=sentence.start + m.end)
        out.append(Figure(mention, m.start, m.end, hedge_at, clause_around(text, m.start), growth, decline))
    # "up 3.4 percent and 2.1 percent": the second changes as the first does
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if not _GROUP_JOIN.match(text[a.end : b.hedge_at]):
            continue
        if a.mention.unit is None and b.mention.unit is not None:  # "27 million and 26 million units"
            out[i - 1] = a = replace(a, mention=replace(a.mention, unit=b.mention.unit))
        if a.mention.unit == b.mention.unit and (a.growth or a.decline):
            out[i] = replace(b, growth=a.growth, decline=a.decline)
    return out
