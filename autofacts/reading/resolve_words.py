"""What the resolver reads beyond the lexicon's cues, kept apart from its rules: English words around a
figure (what a plant can make, figures of other industries, asides, vehicles named only as a
yardstick; they match no Chinese text), and how each form is spelled in a proposed metric id and in
the line saying why (both languages)."""

from __future__ import annotations

import re

# What a plant can make: production per year ("240,000 vehicles a year", "200,000 cars annually")
ANNUAL_RATE = re.compile(
    r"\b(?:vehicles|cars|units|EVs|NEVs)\s+(?:a|per|each)\s+year\b|\b(?:vehicles|cars|units|EVs|NEVs)\s+annually\b"
    r"|\bannual\s+(?:production\s+)?capacity\b",
    re.I,
)
# ... of a plant, or what one is able to make: not a yearly output target ("to produce 3 million a year by 2027")
PLANT = re.compile(
    r"\b(?:plants?|factory|factories|facility|facilities|gigafactory|able to|can make|could make)\b", re.I
)

# What is counted is no vehicle: "industrial output", "retail sales of consumer goods", "battery exports"
NOT_VEHICLES_BEFORE = re.compile(
    r"\b(?:industrial|industry-wide|consumer[- ]goods|goods|steel|crude|battery|batteries|chips?|semiconductors?"
    r"|solar|panels?|electricity|power|oil|coal|gas|smartphones?|phones?|economic|merchandise|services|lithium)"
    r"(?:'s|’s)?\s+(?:[a-z]+\s+)?$",
    re.I,
)
NOT_VEHICLES_AFTER = re.compile(
    r"\s+of\s+(?:all\s+)?(?:consumer\s+goods|goods|services|steel|batteries|chips|semiconductors|solar|oil|coal)\b",
    re.I,
)
BRACKETS = re.compile(r"\([^()]*\)")
# vehicles named as what others are compared with: "continued to outperform gasoline cars"
COMPARED_SEGMENT = re.compile(
    r"\b(?:outperform\w*|outs(?:old|ell|elling|ells)|outpac\w*|overt(?:ook|ake|akes|aking)|surpass\w*|than|versus"
    r"|vs\.?|ahead of|compared (?:with|to))\s+(?:the\s+|traditional\s+|conventional\s+)?$",
    re.I,
)
SEGMENT_ASIDE = re.compile(r",\s+(?:which|who|whose|that)\b[^,;:]*,|\s?(?:--|—)\s?[^;:—]*?\s?(?:--|—)")

# A company's finance counts no vehicles: a proposed id has no segment ("adjusted-net-loss")
COMPANY_FINANCE = frozenset(
    {"revenue", "net-profit", "net-loss", "gross-margin", "vehicle-margin", "adjusted-net-loss", "adjusted-net-profit"}
    | {"net-loss-per-share"}
)

# How a form ends a proposed metric id ({segment}-{measure}{suffix}), and how the reasons name it
SUFFIX = {
    "level": "",
    "yoy": "-growth",
    "mom": "-mom-growth",
    "qoq": "-qoq-growth",
    "cagr": "-cagr",
    "multiple": "-multiple",
    "share": "-share",
    "market-share": "-market-share",
    "rank": "-rank",
    "lead-years": "-lead-years",
    "high-years": "-high-years",
    "forecast-change": "-forecast-change",
    "growth-change": "-growth-change",
    "yoy-change": "-yoy-change",
    "daily": "",
    "monthly": "-monthly-average",
}
FORM_WORDS = {
    "yoy": "year-on-year growth",
    "mom": "month-on-month change",
    "qoq": "quarter-on-quarter change",
    "cagr": "compound annual growth",
    "share": "share",
    "market-share": "market share",
    "multiple": "multiple",
    "daily": "daily average",
    "monthly": "monthly average",
    "rank": "rank",
    "lead-years": "run of years ranked first",
    "high-years": "record span",
    "forecast-change": "revision of a forecast",
    "growth-change": "change of the growth rate in percentage points",
    "yoy-change": "change in percentage points from a year earlier",
    "level": "level",
}
