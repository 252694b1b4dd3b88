"""The cue words of each part of a metric, in English and in Chinese (lexicon-en.yaml, lexicon-zh.yaml).

Both files have the same sections and keys, so one resolver reads both languages: a cue found in a
sentence is only (where, kind, key), and what follows never asks which language it was.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

LANGUAGES = ("en", "zh")
# The sections whose keys are dimension values a catalogue metric may name.
# `body` is the body type a segment is of ("passenger NEV sales": segment nev, body passenger-vehicle).
DIMENSIONS = {"segment": "segments", "body": "segments", "measure": "measures", "form": "forms", "group": "groups"}
_SECTIONS = ("segments", "groups", "measures", "forms", "changes", "modifiers")  # key -> cue list
_LISTS = ("reaches",)  # a plain cue list


class LexiconError(ValueError):
    """A lexicon file that cannot be read: names the file and what is wrong."""


@dataclass(frozen=True)
class Cue:
    """One cue found in a text: [start, end), its kind (segment, measure, form, change, reach,
    modifier, group) and its key ("nev", "exports", "mom", "rise", "cumulative" ...)."""

    start: int
    end: int
    kind: str
    key: str


_KIND = {"segments": "segment", "groups": "group", "measures": "measure", "forms": "form", "changes": "change"}
_MONTH = "(?:" + "|".join(name for name in calendar.month_name if name) + ")"
_CN_MONTH = r"(?<![\d\-—–~～至到])(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?(?![底末\d])"  # "9月", not "1-9月"


def _pattern(cue: str) -> str:
    """A cue as a regular expression: a hyphen or any space between Latin words; MONTH and YEAR
    (CN-MONTH: a month as Chinese writes it, "9月")."""
    out: list[str] = []
    words = cue.split()
    for i, word in enumerate(words):
        if i:
            out.append(r"[\s-]+" if word.isascii() and words[i - 1].isascii() else r"\s*")
        if word == "CN-MONTH":
            out.append(_CN_MONTH)
            continue
        parts = []
        for piece in word.split("-"):
            if piece == "NUMBER":
                parts.append(r"\d[\d,.]*(?:\s*(?:million|billion|thousand|units|vehicles|cars|[GMk]Wh|yuan))*")
            elif piece == "MONTH":
                parts.append(_MONTH)
            elif piece == "YEAR":
                parts.append(r"(?:19|20)\d\d")
            else:
                parts.append(re.escape(piece))
        out.append(r"[\s-]*".join(parts) if word.startswith("-") else r"[\s-]+".join(parts))
    pattern = "".join(out)
    if cue.endswith("MONTH"):
        pattern += r"(?!\s*\d)"  # "from September", never "from August 1 to 10" (a span) or "from May 2024"
    if cue[:1].isascii() and cue[:1].isalnum():  # whole Latin words; Chinese runs on without spaces
        pattern = r"(?<![A-Za-z0-9-])" + pattern
    if cue[-1:].isascii() and cue[-1:].isalnum():
        pattern += r"(?![A-Za-z0-9])"
    return pattern


@dataclass(frozen=True)
class Lexicon:
    """One language's cues, compiled: (kind, key, pattern) in the order the file lists them."""

    language: str
    keys: dict[str, tuple[str, ...]]  # section -> its keys
    cues: tuple[tuple[str, str, re.Pattern[str]], ...]

    def find(self, text: str) -> list[Cue]:
        """Every cue in the text, the longer winning where two overlap; in text order."""
        found = [
            Cue(m.start(), m.end(), kind, key)
            for kind, key, pattern in self.cues
            for m in pattern.finditer(text)
            if m.end() > m.start()
        ]
        found.sort(key=lambda c: (-(c.end - c.start), c.start))
        kept: list[Cue] = []
        for cue in found:
            if not any(k.start < cue.end and cue.start < k.end for k in kept):
                kept.append(cue)
        return sorted(kept, key=lambda c: c.start)


@cache
def _read(language: str) -> dict[str, object]:
    name = f"lexicon-{language}.yaml"
    text = resources.files("autofacts.reading").joinpath(name).read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{name}: not valid YAML: {' '.join(str(exc).split())}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{name}: must be a mapping of sections")
    return data


def _compile(language: str, data: dict[str, object]) -> Lexicon:
    name = f"lexicon-{language}.yaml"
    keys: dict[str, tuple[str, ...]] = {}
    cues: list[tuple[str, str, re.Pattern[str]]] = []
    for section in (*_SECTIONS, *_LISTS):
        body = data.get(section)
        entries: dict[str, object]
        if section in _LISTS:
            entries = {section: body}
        elif isinstance(body, dict):
            entries = body
        else:
            raise LexiconError(f"{name}: section '{section}' must map keys to lists of cues")
        keys[section] = tuple(entries) if section not in _LISTS else ()
        for key, words in entries.items():
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise LexiconError(f"{name}: '{section}.{key}' must be a list of words")
            kind = _KIND.get(section, "reach" if section == "reaches" else key)
            for word in words:
                flags = re.IGNORECASE if word.isascii() else 0
                cues.append(
                    (kind if section != "modifiers" else "modifier", str(key), re.compile(_pattern(word), flags))
                )
    unknown = set(data) - {*_SECTIONS, *_LISTS}
    if unknown:
        raise LexiconError(f"{name}: unknown section(s) {', '.join(sorted(unknown))}")
    return Lexicon(language, keys, tuple(cues))


@cache
def lexicon(language: str) -> Lexicon:
    """The compiled lexicon of a language ("en" or "zh"), checked against the other's keys."""
    if language not in LANGUAGES:
        raise LexiconError(f"no lexicon for language '{language}' (known: {', '.join(LANGUAGES)})")
    own = _compile(language, _read(language))
    other_language = next(lang for lang in LANGUAGES if lang != language)
    other = _read(other_language)
    for section in _SECTIONS:
        theirs = other.get(section)
        if isinstance(theirs, dict) and set(theirs) != set(own.keys[section]):
            diff = sorted(set(theirs) ^ set(own.keys[section]))
            raise LexiconError(
                f"lexicon-{language}.yaml and lexicon-{other_language}.yaml differ in '{section}': {', '.join(diff)}"
            )
    return own


@cache
def dimension_values() -> dict[str, frozenset[str]]:
    """The values each metric dimension may take: the keys of the lexicon (same in both languages)."""
    keys = lexicon("en").keys
    return {dim: frozenset(keys[section]) for dim, section in DIMENSIONS.items()}


def dimension_words(dimensions: tuple[tuple[str, str], ...]) -> list[str]:
    """The words articles use for a metric's dimensions, in both languages (for search)."""
    words: list[str] = []
    for language in LANGUAGES:
        data = _read(language)
        for dim, value in dimensions:
            section = data.get(DIMENSIONS[dim])
            if isinstance(section, dict):
                words += [str(w) for w in section.get(value) or []]
    return words
