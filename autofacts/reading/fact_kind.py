"""Whether an English figure is an outcome, a forecast, an estimate or a target.

The word nearest before the figure in its part of the sentence decides ("expects", "aims to",
"estimated"), else one right after it in its clause ("30 million are expected to be sold");
a figure compared with a forecast ("than expected") stays an outcome.
"""

from __future__ import annotations

import re

from autofacts.reading.figures import Figure

# Words that put a figure in the future: a forecast is someone's expectation, a target an aim.
FORECAST = re.compile(
    r"\b(?:forecasts?|forecasted|forecasting|predicts?|predicted|predicting|projects?|projected|projection"
    r"|expects?|expected|expecting|expectations?|is likely to|are likely to|will likely"
    r"|(?:estimated|anticipated|set|poised|on track) to (?!have\b)"
    r"|outlook|guided|guides|guidance|would\s+(?:be\s+able\s+to|double|triple|expand|boost|reach|rise|fall|grow|hit|total|top|exceed|climb|increase|decrease|decline|drop))\b",
    re.I,
)


TARGET = re.compile(
    r"\b(?:targets?|targeted|targeting|goals?|strive|strives|striving|aims?|aimed|aiming"
    r"|plans to|planned to|planning to|looking to|looks to"
    r"|calls? for|called for|propose[sd]?|proposing|seeks? to|pledged?|vows?|vowed|ambitions?|objectives?"
    r"|by the end of the plan)\b",
    re.I,
)


# "targeting the youth market" is marketing, not a goal for a figure.
_TARGET_MARKET = re.compile(
    r"\btarget(?:s|ed|ing)?\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:market|segment|buyers|customers|consumers|users|audience)s?\b",
    re.I,
)


PAST = re.compile(
    r"\b(?:was|were|had|sold|delivered|produced|built|exported|shipped|reached|rose|fell|grew|jumped|surged"
    r"|climbed|increased|decreased|declined|dropped|totaled|totalled|hit|exceeded|surpassed|posted|recorded"
    r"|reported|registered|achieved|amounted|accounted|stood|edged|gave|giving|shrank|slid|slumped|dipped|eased"
    r"|contracted|expanded|gained|soared|plunged|tumbled|slipped|came|topped|made up|saw|witnessed|logged|showed"
    r"|narrowed|widened|slowed|accelerated|improved|swung|doubled|halved|tripled)\b",
    re.I,
)


# "are estimated to have totaled", "preliminary statistics": a figure not final; "estimated to
# reach" looks ahead (a forecast's words say so)
_ESTIMATE = re.compile(
    r"\b(?:estimated|estimates?|estimating)\b(?! to\b(?!\s+have\b))"
    r"|\bpreliminary\b(?=\s+(?:[\w-]+\s+)?(?:data|statistics|figures|estimates?|results|numbers)\b)",
    re.I,
)


_KIND_BREAK = re.compile(r"\s--\s|\s—\s|,\s+(?:while|whereas|but)\b|\.\s", re.I)


_PASSIVE = re.compile(r"(?:expected|projected|forecast|predicted|likely|estimated|set|planned|targeted)\b", re.I)


_COMPARISON_BEFORE = re.compile(r"\b(?:compared (?:with|to)|versus|than|against|up from|down from)\s+$", re.I)
# the later figures of a list of bases: "up from 1.3 million this year and 1.2 million last year"
_BASE_LIST = re.compile(r"\b(?:compared (?:with|to)|versus|up from|down from)\s+[^,;:()]*?\band\s+$", re.I)
BASE_WHY = "kind actual: a comparison base"
# where a change starts: "would double capacity from 100,000 to 200,000 cars"
_FROM = re.compile(r"\bfrom\s+$", re.I)
_TO_NUMBER = re.compile(r"\s*(?:units|vehicles|cars)?\s*to\s+(?:about\s+|around\s+|over\s+|nearly\s+)?\d")


WILL = re.compile(r"\b(?:will|shall|is to|are to|is set to|are set to)\b", re.I)


def kind_words(text: str) -> list[tuple[int, str, str]]:
    """Where a sentence says forecast, estimate or target words: (position, kind, word)."""
    found = [(m.start(), "forecast", m[0]) for m in FORECAST.finditer(text)]
    found += [(m.start(), "estimate", m[0]) for m in _ESTIMATE.finditer(text)]
    found += [(m.start(), "target", m[0]) for m in TARGET.finditer(text) if not _TARGET_MARKET.match(text, m.start())]
    return sorted(found)


def figure_kind(text: str, words: list[tuple[int, str, str]], fig: Figure) -> tuple[str, str]:
    """'target', 'forecast', 'estimate' or 'actual', from the words before the figure in its part of
    the sentence (up to a ';', a ' -- ' or a ', while'), or right after it ("30 million are expected
    to be sold"); the word nearest before the figure decides."""
    start = max((m.end() for m in _KIND_BREAK.finditer(text, 0, fig.at)), default=0)
    before = [f for f in words if start <= f[0] < fig.at]
    if before:
        _, kind, word = before[-1]
    else:
        # after the figure, in its clause: "30 million are expected to be sold", "in 25 pilot cities,
        # promote ... with a target of"; but not "delivered 135,000 in 2024 and aims to deliver"
        after = [f for f in words if fig.end <= f[0] < fig.clause[1]]
        if not after or _KIND_BREAK.search(text, fig.end, after[0][0]):
            return "actual", ""
        preliminary = after[0][2].lower() == "preliminary"  # "were 2.1 million, according to preliminary data"
        if not _PASSIVE.match(after[0][2]) and not preliminary and PAST.search(text, start, after[0][0]):
            return "actual", ""
        _, kind, word = after[0]
    if kind != "actual" and (
        _COMPARISON_BEFORE.search(text[max(0, fig.hedge_at - 30) : fig.hedge_at])
        or _BASE_LIST.search(text[max(0, fig.hedge_at - 80) : fig.hedge_at])
        or (_FROM.search(text[max(0, fig.hedge_at - 10) : fig.hedge_at]) and _TO_NUMBER.match(text, fig.end))
    ):
        return "actual", f"{BASE_WHY} the '{kind}' words compare with"
    return kind, f"kind {kind}: '{word}'"
