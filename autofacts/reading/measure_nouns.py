"""The noun a figure counts: measure cues listed together, the segment words that make one noun
with a measure, and whether a figure's unit fits a metric's.

"passenger NEV retail sales", 新能源汽车销量 and "retail sales of passenger NEVs" are one noun;
"production and sales" (产销) a list of two measures; a bare count fits a metric only when the
words after it name what the metric counts ("5,000 charging piles", not "six consecutive months").
"""

from __future__ import annotations

import re

from autofacts.knowledge.model import Metric
from autofacts.reading.lexicon import Cue, lexicon

_COMPATIBLE = {
    "percent": ("percent",),
    "vehicles": ("vehicles",),
    "yuan": ("yuan",),
    "usd": ("usd",),
    "times": ("times",),
    "ordinal": ("rank", "years"),
    "years": ("years",),
}


_NOT_COUNTS = ("percent", "times", "rank", "years", "yuan", "usd", "vehicles")


_NOT_A_NOUN = re.compile(
    r"\s*(?:$|(?:that|which|were|was|in|on|at|by|as of|last|this|a|an|the|for|from|during|to|each|and|or)\b"
    r"|[个個座台家条條项項](?:$|[^\u4e00-\u9fff]))",
    re.I,
)


_TIME_NOUN = re.compile(r"\s*(?:consecutive|straight|successive|months?|years?|weeks?|days?|times)\b", re.I)


_VEHICLE_NOUN = re.compile(
    r"\b(?:vehicles?|cars?|units|deliveries|sales|exports|EVs?|NEVs?|BEVs?|PHEVs?|trucks?|bus(?:es)?|SUVs?|hybrids?"
    r"|sedans?|coupes?|hatchbacks?|pickups?|MPVs?|minivans?|vans?|automobiles?)\b|辆|輛",
    re.I,
)


_COORD = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|as well as\s+|和|与|與|及|、)\s*$", re.I)


_OF = re.compile(r"^\s*(?:of|for)\s+(?:(?:all|the|these|total)\s+)*$", re.I)


_ADJACENT = re.compile(r"^[\s'’s-]*(?:(?:total|all|overall|the|its|China's|China’s|中国|我国|全国)\s*)*$", re.I)


def measure_chains(text: str, measures: list[Cue]) -> list[list[Cue]]:
    """Measures listed together ("production and sales", "产量和销量")."""
    chains: list[list[Cue]] = []
    for cue in measures:
        if chains and _COORD.match(text[chains[-1][-1].end : cue.start]):
            chains[-1].append(cue)
        else:
            chains.append([cue])
    return chains


def expand_chain(chain: list[Cue]) -> list[Cue]:
    """A list of measures, with production-and-sales (产销) as its two parts."""
    out: list[Cue] = []
    for cue in chain:
        if cue.key == "production-and-sales":
            out += [Cue(cue.start, cue.end, "measure", "production"), Cue(cue.start, cue.end, "measure", "sales")]
        else:
            out.append(cue)
    return out


def segment_around(text: str, segs: list[Cue], measure: Cue) -> list[Cue]:
    """The segment words that make one noun with a measure: right before it ("passenger NEV retail
    sales", 新能源汽车销量) or after it with "of" ("retail sales of passenger NEVs")."""
    before = [c for c in segs if c.end <= measure.start and _ADJACENT.match(text[c.end : measure.start])]
    if before:
        run = [before[-1]]
        for c in reversed([c for c in segs if c.end <= run[0].start]):
            if not _ADJACENT.match(text[c.end : run[0].start]):
                break
            run.insert(0, c)
        return run
    after = [c for c in segs if c.start >= measure.end and _OF.match(text[measure.end : c.start])]
    if after:
        run = [after[0]]
        for c in [c for c in segs if c.start >= run[-1].end]:
            if not _ADJACENT.match(text[run[-1].end : c.start]):
                break
            run.append(c)
        return run
    return []


def run_from(text: str, cues: list[Cue]) -> list[Cue]:
    """The first cue of a list with the ones written right after it ("新能源乘用车", "NEV passenger")."""
    run = cues[:1]
    for c in cues[1:]:
        if not _ADJACENT.match(text[run[-1].end : c.start]):
            break
        run.append(c)
    return run


def adjacent_run(text: str, cues: list[Cue]) -> list[Cue]:
    """The last cue of a list with the ones written right before it ("passenger NEV")."""
    if not cues:
        return []
    run = [cues[-1]]
    for c in reversed(cues[:-1]):
        if not _ADJACENT.match(text[c.end : run[0].start]):
            break
        run.insert(0, c)
    return run


def unit_fits(metric: Metric, unit: str | None, after: str) -> bool:
    """The figure's unit is the metric's: a bare count ("5,000 charging piles") fits a metric whose
    unit names what it counts."""
    if unit is None:
        if metric.unit == "vehicles":  # "256,000 electric vehicles", "3,853 that were exported", "1.6 million,"
            if _TIME_NOUN.match(after):  # "six consecutive months of declining deliveries"
                return False
            return bool(_VEHICLE_NOUN.search(after) or _NOT_A_NOUN.match(after))
        if metric.unit in _NOT_COUNTS:
            return False
        if metric.unit in ("units", "none"):  # "38,000 charging facilities" are not charging points
            return bool(_NOT_A_NOUN.match(after)) or names_measure(after, dict(metric.dimensions).get("measure"))
        stem = metric.unit.split()[-1].lower()[:5]  # "factories" after the figure, or nothing that names another thing
        return bool(_NOT_A_NOUN.match(after)) or stem in after.lower()
    return metric.unit in _COMPATIBLE.get(unit, (unit,))


_MAKER = re.compile(
    r"[\s-]*(?:\([^)]*\)\s*)?\)?\s*"
    r"(?:makers?|manufacturers?|compan(?:y|ies)|firms?|giants?|startups?|brands?|groups?)\b",
    re.I,
)


def topical(text: str, cue: Cue) -> bool:
    """A segment the sentence is about, not a word of a name ("Farizon New Energy Commercial Vehicle")
    or of a company's description ("Chinese EV makers")."""
    said = text[cue.start : cue.end]
    name = said.isascii() and not said.isupper() and said[:1].isupper() and cue.start > 0
    return not name and not _MAKER.match(text, cue.end)


_NAME_BEFORE = re.compile(r"[A-Z][\w&'’-]*\s+$")


def in_name(text: str, cue: Cue) -> bool:
    """A segment word written in capitals inside a company's name ("Farizon New Energy Commercial
    Vehicle sold", "SAIC Passenger Vehicle"): the word after a capitalised one, not a sentence's first."""
    said = text[cue.start : cue.end]
    title = said.isascii() and not said.isupper() and said[:1].isupper() and cue.start > 0
    return title and _NAME_BEFORE.search(text[max(0, cue.start - 30) : cue.start]) is not None


def names_measure(text: str, measure: str | None) -> bool:
    """The text holds a cue of the measure, in either language."""
    return any(
        kind == "measure" and key == measure and pattern.search(text)
        for language in ("en", "zh")
        for kind, key, pattern in lexicon(language).cues
    )
