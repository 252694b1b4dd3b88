"""A sentence's figures as the metric resolver sees them: positions, lists and the words around.

Slots are offsets in the sentence, the same for English and Chinese; figures listed together ("X
and Y", "X和Y", "X、Y") form a group that shares its measure words and form; a comparison cue
leads into the figure after it unless it trails the figure before it ("7% month on month").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from autofacts.reading.lexicon import Cue

JOIN = re.compile(
    r"^\s*(?:(?:units|vehicles|percent|per\s*cent|%|辆|輛)\s*)?(?:,\s*(?:and\s+)?|and\s+|&\s*|和|与|與|以及|及|、|，|,)\s*$",
    re.I,
)


_CONJUNCTION = re.compile(r"\s(?:and|or|but|while|whereas|as)\s|和|与|與|及|而")


PUNCT = re.compile(r"[,.;:()，。；：！？!?—–]|\s-\s")


@dataclass(frozen=True)
class Slot:
    """One figure of a sentence, as the resolver needs it (offsets in the sentence)."""

    start: int
    end: int
    hedge_at: int  # where its hedge words ("over", "近") begin
    unit: str | None
    clause: tuple[int, int]
    entity: bool = False  # the figure is a company's


def has_cue(cues: list[Cue], kind: str, key: str) -> bool:
    return any(c.kind == kind and c.key == key for c in cues)


def words_after(text: str, at: int, words: int = 4) -> str:
    """The words right after a figure that may say what it counts: up to punctuation, at most four
    words (or six characters of Chinese)."""
    rest = text[at : at + 60]
    cuts = [m.start() for m in (PUNCT.search(rest), _CONJUNCTION.search(rest)) if m is not None]
    cuts += [rest.index("、")] if "、" in rest else []  # "乘用车2170万辆、新能源车180万辆": the next item's
    rest = rest[: min(cuts)] if cuts else rest
    if rest[:1] and not rest[:1].isascii() and not rest[:1].isspace():
        return rest[:6]
    found = re.match(r"(?:\s*\S+){0," + str(words) + "}", rest)
    return found[0] if found else ""


def figure_groups(text: str, slots: list[Slot]) -> list[list[int]]:
    """Figures listed together ("X and Y", "X和Y", "X、Y") with the same unit."""
    groups: list[list[int]] = []
    for i, slot in enumerate(slots):
        if groups:
            prev = slots[groups[-1][-1]]
            same = prev.unit == slot.unit or prev.unit is None
            if same and JOIN.match(text[prev.end : slot.hedge_at]):
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups


def previous_end(slots: list[Slot], group: list[int]) -> int:
    """Where the figure before the group ends (0 when none)."""
    return slots[group[0] - 1].end if group[0] > 0 else 0


def leads_into(text: str, cue: Cue, slots: list[Slot]) -> bool:
    """A comparison cue leads into the figure after it ("环比分别增长7%", "a year-over-year decline
    of 31.92%") unless it follows a figure closely ("7% month on month", "48,122 units a year
    earlier") or no figure follows it in its clause."""
    previous = [s for s in slots if s.end <= cue.start]
    if previous:
        gap = text[previous[-1].end : cue.start]
        if not PUNCT.search(gap) and (len(gap.split()) <= 3 if gap.isascii() else len(gap.strip()) <= 4):
            return False
    following = [s for s in slots if s.start >= cue.end]
    return bool(following) and not PUNCT.search(text[cue.end : following[0].hedge_at])
