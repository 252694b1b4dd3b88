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
from autofacts.text import (
    FIGURE_SLOT,
    PeriodPhrase,
    Sentence,
    figure_mentions,
    period_phrases,
    phrase_problem,
    phrase_regex,
    sentences,
)
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
_VEHICLE_NOUNS = frozenset({"vehicle", "unit", "car", "nev", "ev", "automobile", "truck", "bus"})
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


@dataclass(frozen=True)
class MetricPhrase:
    """One way a text names a metric: its id, an alias, its name, or a catalogue phrase."""

    text: str
    pattern: re.Pattern[str]
    metric: Metric

    @property
    def has_slot(self) -> bool:
        return FIGURE_SLOT in self.text.split()


def metric_phrases(kb: KnowledgeBase) -> list[MetricPhrase]:
    """Every phrase that names a metric of the catalogue, longest first."""
    out: list[MetricPhrase] = []
    for metric in kb.metrics.values():
        names = {n.replace("-", " ").lower() for n in (metric.id, *metric.aliases, metric.name)}
        names.update(p for p in metric.phrases if phrase_problem(p) is None)
        out.extend(MetricPhrase(n, phrase_regex(n), metric) for n in names)
    return sorted(out, key=lambda p: (-len(p.text), p.metric.id, p.text))


_NOUN_STOP = frozenset(
    [
        "in",
        "of",
        "to",
        "for",
        "from",
        "at",
        "on",
        "by",
        "with",
        "than",
        "as",
        "or",
        "the",
        "a",
        "an",
        "were",
        "was",
        "is",
        "are",
        "be",
        "been",
        "year",
        "years",
        "last",
        "this",
        "next",
    ]
)
_LEADING_WORDS = re.compile(r"(?:\s+[A-Za-z][A-Za-z-]*)*")
_GENERIC_UNITS = frozenset({"units", "none"})


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def nouns_after(text: str) -> tuple[str, ...]:
    """The words naming what a number counts ("60 countries", "8,400 battery-swap and charging
    stations"), up to the first word that is not part of that name; singular."""
    words: list[str] = []
    leading = _LEADING_WORDS.match(text)
    for word in (leading[0] if leading else "").lower().split():
        if word in _NOUN_STOP or len(words) == 4:
            break
        words.append(_singular(word))
    return tuple(words)


def _fits(metric: Metric, mention: Mention, nouns: tuple[str, ...] = ()) -> bool:
    """A metric may hold the number: its unit matches what the number was read with, and when
    the words after the number name what it counts, they name the metric's unit."""
    if mention.unit is None:
        if metric.unit in ("percent", "times", "rank"):
            return False
        if nouns and metric.unit not in _GENERIC_UNITS and metric.unit != "vehicles":
            return _singular(metric.unit.split()[-1]) in nouns
        return not nouns or metric.unit != "vehicles" or bool(set(nouns) & _VEHICLE_NOUNS)
    return metric.unit in _COMPATIBLE_UNITS.get(mention.unit, {metric.unit})


def _nearest_metric(phrases: list[MetricPhrase], before: str, fits: Callable[[Metric], bool]) -> str | None:
    best: tuple[int, int, str] | None = None
    for phrase in phrases:
        if phrase.has_slot or not fits(phrase.metric):
            continue
        found = [m.end() for m in phrase.pattern.finditer(before)]
        if not found:
            continue
        key = (len(before) - found[-1], -len(phrase.text), phrase.metric.id)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def guess_metric(phrases: list[MetricPhrase], sentence: Sentence, mention: Mention) -> str | None:
    """The metric a phrase with the figure in it names ("made up N percent of all new vehicles
    sold"); else the one whose name, alias or phrase stands nearest before the number and fits its unit.

    A per cent after "year-on-year increase" is the growth of the level named before it.
    """
    at = mention.start - sentence.start
    nouns = nouns_after(sentence.text[mention.end - sentence.start :])
    for phrase in phrases:
        if phrase.has_slot and _fits(phrase.metric, mention, nouns):
            for m in phrase.pattern.finditer(sentence.text):
                if m.start("figure") <= at < m.end("figure"):
                    return phrase.metric.id
    before = sentence.text[:at]
    found = _nearest_metric(phrases, before, lambda metric: _fits(metric, mention, nouns))
    if found is None and mention.unit == "percent" and _GROWTH_WORDS.search(before[-40:].lower()):
        level = _nearest_metric(phrases, before, lambda metric: metric.measure in ("flow", "stock", "level"))
        growth = [p.metric.id for p in phrases if level is not None and p.metric.growth_of == level]
        found = growth[0] if growth else None
    # "new energy vehicle ... production": the NEV variant of a vehicle metric, where there is one
    if found and found.startswith("vehicle-") and _NEV_WORDS.search(before.lower()):
        nev = "nev-" + found[len("vehicle-") :]
        found = nev if any(p.metric.id == nev for p in phrases) else found
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
    phrases = metric_phrases(kb)
    out = []
    for sentence in sentences(text):
        periods = [
            PeriodPhrase(sentence.start + p.start, sentence.start + p.end, p.label)
            for p in period_phrases(sentence.text, published)
        ]
        for m in figure_mentions(sentence.text):
            mention = Mention(m.value, m.qualifier, m.unit, sentence.start + m.start, sentence.start + m.end, m.text)
            out.append(
                Candidate(
                    mention=mention,
                    sentence=sentence,
                    metric=guess_metric(phrases, sentence, mention),
                    region=guess_region(regions, sentence, mention),
                    period=guess_period(periods, mention),
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
