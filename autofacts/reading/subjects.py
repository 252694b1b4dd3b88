"""Whose figures a list or a clause before them names, in either language: a brand group as the
subject of a clause with no figure ("主流合资品牌仍相对落后，仅为7%"), and segments listed before
"respectively" ("乘用车、新能源车……分别为2170万辆、180万辆"). Used by `resolve`."""

from __future__ import annotations

import re

from autofacts.reading.lexicon import Cue
from autofacts.reading.slots import PUNCT

_FIGURE = re.compile(r"\d")
_SHARE_OPENS = re.compile(r"\s*(?:占|佔)")  # a clause with no subject of its own: the sentence's
_SEGMENT_JOIN = re.compile(r"\s*(?:、|和|与|與|及|以及|,|and|or)\s*")
_RESPECTIVELY = re.compile(r"分别|分別|respectively")


def subject_group(text: str, cues: list[Cue], clause_start: int) -> Cue | None:
    """A brand group named in the clause just before the figure's, when that clause states no figure
    of its own: the subject the figure's clause goes on about ("主流合资品牌仍相对落后，仅为7%")."""
    before = [c for c in cues if c.kind == "group" and c.end <= clause_start]
    if not before:
        return None
    cue = before[-1]
    other = any(c.kind in ("segment", "group") and c.start > cue.end + 6 and c.end <= clause_start for c in cues)
    if _SHARE_OPENS.match(text, clause_start) and not other:
        return cue  # "中国品牌乘用车共销售200.4万辆，……，占乘用车销售总量的68.5%": its share
    head = text.rfind("，", 0, cue.start) + 1, text.rfind(",", 0, cue.start) + 1
    if _FIGURE.search(text, max(head), clause_start) or PUNCT.search(text, cue.end, clause_start - 1):
        return None
    return cue


def segment_list(text: str, cues: list[Cue], before: int) -> list[Cue]:
    """The segments listed before "respectively" and a group of figures ("乘用车、新能源车……分别为X、Y"):
    each figure is of the segment in its place. Empty when there is no such list."""
    segs = [c for c in cues if c.kind == "segment" and c.end <= before]
    if len(segs) < 2 or not _RESPECTIVELY.search(text, segs[-1].end, before):
        return []
    run = [segs[-1]]
    for cue in reversed(segs[:-1]):
        if not _SEGMENT_JOIN.fullmatch(text, cue.end, run[0].start):
            break
        run.insert(0, cue)
    return [] if len(run) < 2 or _FIGURE.search(text, run[-1].end, before) else run
