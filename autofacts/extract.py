"""Proposing facts from a new document, for a person to review.

Every number the text states as a figure becomes a candidate in the knowledge base's own format,
with the value in base units, the hedge word as its qualifier, and guesses for the metric, region,
period and kind. What cannot be guessed is written as TODO, which `check` refuses until a curator
fills it in: extraction proposes, a person decides.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from autofacts.model import KnowledgeBase, Metric
from autofacts.numbers import Mention
from autofacts.parse import PLACEHOLDER
from autofacts.text import PeriodPhrase, Sentence, figure_mentions, period_phrases, sentences
from autofacts.units import plain

# Which metric units a number read with a given unit may belong to.
_COMPATIBLE_UNITS = {
    "percent": {"percent"},
    "vehicles": {"vehicles"},
    "yuan": {"yuan"},
    "usd": {"usd"},
    "times": {"times"},
    "km": {"km"},
    "seconds": {"seconds"},
    "hours": {"hours"},
    "months": {"months"},
    "years": {"years"},
    "ordinal": {"rank", "years"},
}
_TARGET_WORDS = re.compile(
    r"\b(?:targets?|targeting|goals?|strive|aims?|aiming|plans? to|calls? for|will reach|expected to reach)\b", re.I
)
_FORECAST_WORDS = re.compile(r"\b(?:forecasts?|predicts?|predicted|projected|projection|will become)\b", re.I)
_NEV_WORDS = re.compile(r"\b(?:new energy vehicles?|nevs?)\b")
_GROWTH_WORDS = re.compile(r"\b(?:year on year|increase|growth|grew|rose|up by)\b")
_CHINA_WORDS = re.compile(r"\b(?:China|Chinese|nationwide|national)\b")
_WORLD_WORDS = re.compile(r"\b(?:world|global|globally|worldwide)\b", re.I)


@dataclass(frozen=True)
class Candidate:
    """A number proposed as a fact, with what could be guessed about it (None: not guessed)."""

    mention: Mention
    sentence: Sentence
    metric: str | None
    region: str | None
    period: str | None
    kind: str
    entity: str | None = None  # a company the figure belongs to ("BYD sold..."); None: the region's industry
    upper: Decimal | None = None  # the top of a stated range ("between 3.6 million and 4 million")
    why: tuple[str, ...] = ()  # one line per guess saying what in the text it was read from
    new_metric: str | None = None  # a metric id proposed for the catalogue, when none there fits


def _metric_phrases(kb: KnowledgeBase) -> list[tuple[str, Metric]]:
    phrases = []
    for metric in kb.metrics.values():
        for name in (metric.id, *metric.aliases):
            phrases.append((name.replace("-", " ").lower(), metric))
        phrases.append((metric.name.lower(), metric))
    return phrases


def _fits(metric: Metric, mention: Mention) -> bool:
    if mention.unit is None:
        return metric.unit not in ("percent", "times", "rank")
    return metric.unit in _COMPATIBLE_UNITS.get(mention.unit, {metric.unit})


def _nearest_metric(kb: KnowledgeBase, before: str, fits: Callable[[Metric], bool]) -> str | None:
    best: tuple[int, int, str] | None = None
    for phrase, metric in _metric_phrases(kb):
        at = before.rfind(phrase)
        if at < 0 or not fits(metric):
            continue
        key = (len(before) - (at + len(phrase)), -len(phrase), metric.id)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def guess_metric(kb: KnowledgeBase, sentence: Sentence, mention: Mention) -> str | None:
    """The metric whose name or alias stands nearest before the number and fits its unit.

    A per cent after "year-on-year increase" is the growth of the level named before it.
    """
    before = sentence.text[: mention.start - sentence.start].lower().replace("-", " ")
    found = _nearest_metric(kb, before, lambda metric: _fits(metric, mention))
    if found is None and mention.unit == "percent" and _GROWTH_WORDS.search(before[-40:]):
        level = _nearest_metric(kb, before, lambda metric: metric.measure in ("flow", "stock", "level"))
        growth = [m.id for m in kb.metrics.values() if level is not None and m.growth_of == level]
        found = growth[0] if growth else None
    # "new energy vehicle ... production": the NEV variant of a vehicle metric, where there is one
    if found and found.startswith("vehicle-") and _NEV_WORDS.search(before):
        nev = "nev-" + found[len("vehicle-") :]
        found = nev if nev in kb.metrics else found
    return found


def guess_region(regions: list[str], sentence: Sentence, mention: Mention) -> str | None:
    """A region the knowledge base knows, named nearest before the number (else anywhere in the sentence)."""
    offset = mention.start - sentence.start
    found: list[tuple[int, str]] = []
    for region in regions:
        for m in re.finditer(rf"\b{re.escape(region)}\b", sentence.text):
            found.append((m.start(), region))
    for m in _CHINA_WORDS.finditer(sentence.text):
        found.append((m.start(), "China"))
    before = [f for f in found if f[0] < offset]
    if before:
        return max(before)[1]
    if found:
        return min(found)[1]
    if _WORLD_WORDS.search(sentence.text):
        return "World"
    return None


def guess_period(phrases: list[PeriodPhrase], mention: Mention) -> str | None:
    """The period phrase right after the number ("1.4 million vehicles in 2020"), else the nearest before it."""
    after = [p for p in phrases if 0 <= p.start - mention.end <= 25]
    if after:
        return after[0].label
    before = [p for p in phrases if p.end <= mention.start]
    if before:
        return before[-1].label
    return phrases[0].label if phrases else None


def guess_kind(sentence: Sentence) -> str:
    if _TARGET_WORDS.search(sentence.text):
        return "target"
    if _FORECAST_WORDS.search(sentence.text):
        return "forecast"
    return "actual"


def extract_candidates(text: str, kb: KnowledgeBase, published: date | None = None) -> list[Candidate]:
    """A candidate for every figure the text states, in order."""
    regions = sorted({f.region for f in kb.facts} - {"World"}, key=len, reverse=True)
    out = []
    for sentence in sentences(text):
        phrases = [
            PeriodPhrase(sentence.start + p.start, sentence.start + p.end, p.label)
            for p in period_phrases(sentence.text, published)
        ]
        for m in figure_mentions(sentence.text):
            mention = Mention(m.value, m.qualifier, m.unit, sentence.start + m.start, sentence.start + m.end, m.text)
            out.append(
                Candidate(
                    mention=mention,
                    sentence=sentence,
                    metric=guess_metric(kb, sentence, mention),
                    region=guess_region(regions, sentence, mention),
                    period=guess_period(phrases, mention),
                    kind=guess_kind(sentence),
                )
            )
    return out


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def candidates_yaml(candidates: list[Candidate], file_name: str, source_id: str | None) -> str:
    """The candidates as a facts file, with a comment above each saying what was read."""
    prefix = re.sub(r"[^a-z0-9]+", "-", (source_id or "new").lower()).strip("-") or "new"
    lines = [
        f"# Candidate facts from {file_name}, proposed by `autofacts extract` for review.",
        "# For each one: check the value, qualifier, period and kind against the quote, fill in every",
        f"# {PLACEHOLDER}, and delete what is not an industry figure. `autofacts check` refuses a {PLACEHOLDER}.",
        f"source: {source_id or PLACEHOLDER}",
        "facts:",
    ]
    for n, c in enumerate(candidates, 1):
        m = c.mention
        unit = m.unit or "unit not recognised"
        lines.append(f"  # {_q(m.text)} read as {plain(m.value)} ({unit}, {m.qualifier})")
        lines.append(f"  - id: {prefix}-{n:03d}")
        lines.append(f"    metric: {c.metric or PLACEHOLDER}")
        lines.append(f"    region: {_q(c.region) if c.region else PLACEHOLDER}")
        if c.period:
            lines.append(f"    period: {_q(c.period)}")
        else:
            lines.append("    # no period in the sentence: the figure holds as of the source's publication")
        lines.append(f"    kind: {c.kind}")
        lines.append(f"    value: {plain(m.value)}")
        lines.append(f"    qualifier: {m.qualifier}")
        lines.append(f"    quote: {_q(c.sentence.text)}")
    return "\n".join(lines) + "\n"
