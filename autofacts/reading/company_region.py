"""Where an English sentence places a company's figure (used by `extract`).

A company's totals (sales, deliveries, revenue, profit, margins, its cumulative deliveries, its NEVs'
share of its own sales) are the world's unless the sentence says where: "its China sales",
"China-made cars", "sold 10,126 ID. series EVs in China", "Tesla's Shanghai plant". What is not
a total it reports (a price, pre-orders, its stations or dealers) is left to the curator. Retail
sales and market shares are counted in one market ("Retail sales for BYD totaled ..." in a story
about China's car market): they take the market the text spoke of, or are left to the curator,
never the world's. A sentence that goes on about the figures just given ("The September sales
included 3,853 that were exported", "Of those", "Among them") keeps the place those figures had.
"""

from __future__ import annotations

import re

from autofacts.knowledge.parse import PLACEHOLDER
from autofacts.reading.figures import Figure
from autofacts.reading.places import PLANT, compared_with

# A place naming where a company's figure is: "its China sales", "China-made vehicles", "U.S. deliveries"
_PLACE_OF_MEASURE = re.compile(
    r"-(?:made|built|produced)\b|\s+(?:sales|deliveries|retail sales|market sales|registrations|production|output)\b",
    re.I,
)
_PLACED = re.compile(r"\b(?:in|across|within)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$")
# "China's car market", "the Chinese market", "in China": the market a story is about
_MARKET_AFTER = re.compile(
    r"(?:'s|’s)?\s+(?:(?:car|auto|automobile|automotive|vehicle|passenger[- ]car|EV|NEV)\s+)?market\b"
)
# a measure counted in one market, not a company's worldwide total
_MARKET_MEASURE = re.compile(r"\bretail\b|\binsurance registrations\b", re.I)
_GROWTH = re.compile(r"(?:^|-)(?:mom-|qoq-)?growth$|-multiple$")
_FLOWS = re.compile(r"\b(?:sales|deliveries|production|exports|revenue|profit|loss|income|installed|installations)\b")
# what a company reports for the whole company; and what is a market's (prices, orders taken)
_REPORTED = re.compile(
    r"\b(?:revenues?|profits?|loss|losses|income|margins?|earnings|deliver\w*|sales|sold|installations|installed"
    r"|output|produced|guidance|target)\b",
    re.I,
)
_MARKET_THINGS = re.compile(
    r"\b(?:prices?|priced|costs?|retails? for|starting at|pre-orders?|orders|reservations|bookings)\b", re.I
)
_MARKET_SHARE = re.compile(r"\bmarket share\b|\bshare of the\b[^,;.]{0,30}\bmarket\b", re.I)
# what stands somewhere (a network of stations, dealers, plants; staff): not a total the company reports
_SITES = re.compile(
    r"\s*(?:[\w-]+\s+){0,3}?(?:stations|dealers|dealerships|stores|showrooms|outlets|plants|factories|chargers"
    r"|charging piles|service cent(?:er|re)s|employees|staff|engineers)\b",
    re.I,
)
# the sentence goes on about the figures just given: their parts keep their place
PARTS = re.compile(
    r"^(?:The\s+(?:[A-Z]\w+\s+)?(?:sales|deliveries|figures|shipments|total)\b|Of (?:these|them|those)\b"
    r"|Among (?:these|them|those)\b|These (?:sales|deliveries|vehicles)\b|That (?:figure|total)\b)"
)
def suggested_measure(suggest: str | None) -> str | None:
    """What kind of measure a proposed metric id is, as far as a company's place goes: a change
    ("phev-sales-growth"), a flow ("bev-sales", "battery-installed-capacity") or a share of its own
    ("overseas-sales-share"); a price, pre-orders or a market share stay unknown."""
    if suggest is None or "market-share" in suggest:
        return None
    if _GROWTH.search(suggest):
        return "growth"
    if suggest.endswith("-share"):
        return "own"
    return "flow" if _FLOWS.search(suggest.replace("-", " ")) else None


def market_of(text: str, places: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The market a sentence names: "in China", "China's car market", "the Chinese market"."""
    for s, e, name in reversed(places):
        if name == "World" or compared_with(text, s):
            continue
        if _PLACED.search(text[max(0, s - 30) : s]) or _MARKET_AFTER.match(text, e):
            return s, e, name
    return None


def company_region(
    text: str,
    fig: Figure,
    places: list[tuple[int, int, str]],
    world: re.Match[str] | None,
    entity: str,
    measure: str | None,
    market: tuple[str, str] | None,
    parts_of: tuple[str, str] | None,
) -> tuple[str | None, str]:
    """The place of a company's figure and why (see the module's docstring). `market` is the market
    the text spoke of and why; `parts_of`, the place of the company's figures the sentence before gave."""
    for s, e, name in places:
        if fig.clause[0] <= s < fig.at and PLANT.match(text, e):  # "Tesla's Shanghai plant delivered"
            return name, f"region: '{text[s:e]}' plant"
    for s, e, name in places:
        # "Volkswagen's China sales" in its clause; "China-made cars" (and those of them exported)
        of_measure = _PLACE_OF_MEASURE.match(text, e)
        if of_measure and s < fig.end + 3 and (of_measure[0][0] == "-" or fig.clause[0] <= s):
            return name, f"region: '{text[s:e]}{of_measure[0]}'"
    for s, e, name in places:
        if fig.clause[0] <= s < fig.clause[1] and _PLACED.search(text[max(0, s - 30) : s]):
            return name, f"region: 'in {text[s:e]}'"
    if world:
        return "World", f"region: '{world[0]}'"
    if parts_of is not None and PARTS.match(text) and not places:
        return parts_of[0], f"region: {parts_of[1]}, the figures this sentence gives parts of"
    if _MARKET_MEASURE.search(text) or _MARKET_SHARE.search(text):
        if market is not None:
            return market[0], f"region: a market's figure, {market[1]}"
        return None, "region: a market's figure (retail sales, a market share), and the text names no market"
    if _SITES.match(text, fig.end):
        return None, "region: a count of the company's sites or staff, placed nowhere: the curator says where"
    counted = measure is None and fig.mention.unit == "vehicles"  # a company's vehicles: its sales
    # a figure of no catalogue metric, in a sentence about what the company reports (and no price)
    reported = measure is None and _REPORTED.search(text) is not None and _MARKET_THINGS.search(text) is None
    if (measure in ("flow", "growth", "share", "own") or counted or reported) and entity != PLACEHOLDER:
        # what it reports: sales, revenue, profit, margins, battery installations, shares of its own sales
        return "World", "region: a company's figure, placed nowhere in the sentence"
    return None, ""  # a price, pre-orders: in the market the curator says
