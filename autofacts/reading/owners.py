"""Whose a figure of an English sentence is when the sentence does not simply name its company
before it: lists paired by "respectively", a brand in the figure's noun ("units sold under the Audi
brand"), and the company the sentences before were about, carried to a sentence that refers back
to it ("Its", "The company"), states its measures, or names no other company, place or industry.
Used by `extract`; the names themselves are found by `entities`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from autofacts.knowledge.parse import PLACEHOLDER
from autofacts.reading.entities import COMPANY_MEASURE, company_measure, entity_of, model_of, models, root

# "the 36,847 units sold under the Audi brand": a brand named in the figure's own noun phrase owns it
_UNDER_BRAND = re.compile(r"[^,;:.()]{0,40}?\b(?:under|of|from)\s+(?:the|its)\s+$")
_BRAND_WORD = re.compile(r"\s+(?:brand|marque|label)\b")


def brand_after(text: str, end: int, entities: list[tuple[int, int, str]]) -> tuple[str, str] | None:
    """The brand a figure's noun names after it ("36,847 units sold under the Audi brand")."""
    for start, stop, name in entities:
        if start >= end and _UNDER_BRAND.fullmatch(text, end, start) and _BRAND_WORD.match(text, stop):
            return name, f"entity: '{text[start:stop]}' brand, in the figure's noun"
    return None


# "the 11th consecutive increase in Nio's quarterly revenue": the company whose measure the figure's noun names
_OF_WHOSE = re.compile(r"[^,;:.()\d]{0,40}?\b(?:in|of|for)\s+$")


def _owner_after(text: str, end: int, entities: list[tuple[int, int, str]]) -> tuple[str, str] | None:
    """The company named with a possessive in the figure's noun after it, when none is named before."""
    for start, stop, name in entities:
        if start >= end and _OF_WHOSE.fullmatch(text, end, start) and text.startswith(("'s", "’s"), stop):
            return name, f"entity: '{text[start:stop]}', whose measure the figure's noun names"
    return None


# "which were 0.3% and 0.5% lower, respectively": figures listed before it pair with the companies
_RESPECTIVELY = re.compile(r"\brespectively\b")
_LIST_GAP = re.compile(r"[^.;:()]{0,40}")


def _alike(unit: str | None, other: str | None) -> bool:
    return unit == other or (None in (unit, other) and {unit, other} <= {None, "vehicles"})


def respective_owner(
    text: str, at: int, figures: list[tuple[int, int, str | None]], entities: list[tuple[int, int, str]]
) -> tuple[str, str] | None:
    """The company a figure pairs with when it is one of a list of figures before "respectively"
    ("Nio and Xpeng delivered 12,000 and 10,000 vehicles, respectively"): the companies named last
    before the list, in order; TODO when fewer companies than figures were named. None when the
    figure is in no such list (a list's figures with a company between them have their own)."""
    mine = next((f for f in figures if f[0] == at), None)
    word = _RESPECTIVELY.search(text, at)
    if mine is None or word is None:
        return None
    # "10,000, 11,000 and 12,000 vehicles": the bare figures of a list count what its last one does
    same = [f for f in figures if _alike(f[2], mine[2]) and f[1] <= word.start()]
    run: list[tuple[int, int, str | None]] = []
    for f in same:
        joined = run and _LIST_GAP.fullmatch(text, run[-1][1], f[0])
        if run and (not joined or any(run[-1][1] <= e[0] < f[0] for e in entities)):
            run = []
        run.append(f)
    if len(run) < 2 or mine not in run or any(run[-1][1] <= e[0] < word.start() for e in entities):
        return None
    if _LIST_GAP.fullmatch(text, run[-1][1], word.start()) is None:
        return None
    before = [e for e in entities if e[1] <= run[0][0]]
    names = list(dict.fromkeys(e[2] for e in before))  # a company named twice is one of the list
    if len(names) < 2:  # "production and sales ... respectively": the measures pair, the company is one
        return None
    if len(names) < len(run):
        return PLACEHOLDER, "entity: a list before 'respectively' with fewer companies than figures"
    paired = names[len(names) - len(run) + run.index(mine)]
    return paired, f"entity: '{paired}', in the same place of its list as the figure before 'respectively'"


# What a company reports; and the words of a sentence about an industry or a market, not one company
_COMPANY_FIGURES = re.compile(
    r"\b(?:sales|sold|sells|deliver(?:y|ies|ed)|revenue|profits?|losses|net loss|margins?|earnings|income"
    r"|shipments|hybrids|plug-in|fully electric|models)\b",
    re.I,
)
_INDUSTRY = re.compile(
    r"\b(?:industry|industry's|markets?|market's|nationwide|national|nation's|country's|automakers|carmakers"
    r"|manufacturers|companies|makers|brands|sector|penetration|registrations|retail|wholesale|overall|total)\b",
    re.I,
)


def goes_on_about_company(text: str, places: list[tuple[int, int, str]], named: list[tuple[int, int, str]]) -> bool:
    """A sentence naming no company, no place and no industry that states what a company reports
    ("While sales of fully electric models rose 33%, hybrids fell 5.5%." after "BYD sold ..."): it
    goes on about the company the sentences before were about."""
    return not places and not named and _COMPANY_FIGURES.search(text) is not None and _INDUSTRY.search(text) is None


# A sentence opening with these is about the company the sentence before named.
# ... or says so later: "the NEV penetration rate within the group", "the company's overseas sales"
_THE_GROUPS = re.compile(r"\b(?:within|of|at|for|across) the (?:group|company)\b|\bthe (?:group|company)(?:'s|’s)")
COMPANY_ANAPHORA = re.compile(
    r"^(?:[^,;:]{0,80},\s+){0,3}"  # "Considering the adjusted goal, the company is targeting ..."
    r"(?:[Ii]ts|[Tt]he (?:[\w()-]+\s+){0,5}?(?:[Cc]ompany|carmaker|automaker|firm|[Gg]roup|manufacturer|maker|startup)"
    r"(?:'s|’s)?|Among (?:these|them|those|which)|Of (?:these|them|those|which)|公司"
    r"|That(?:'s|’s|\s+is|\s+was)|This\s+(?:is|was))(?![\w-])"  # "That's up 210 percent": the figure before
)
_A_COMPANY = re.compile(r"\b(?:company|carmaker|automaker|firm|manufacturer|maker|startup)\b", re.I)
# "The G7 rivals ... and retails for around $30,000": a model opening the sentence is its subject
_SUBJECT_MODEL = re.compile(r"(?:The|Its|the)?\s*(?:(?:all-)?new\s+)?")


# A row of a table: a label (a model, "Total") and an aside, then a colon and the figures
_ROW = re.compile(r"\s*(?:[-•*]\s*)?(?P<label>[A-Za-z][^:()\n]{0,30}?)\s*(?:\([^()]*\))?\s*:\s*(?=\d)")
_A_NAME_ONLY = re.compile(r"(?:[A-Z0-9][\w+.-]*)(?:\s+[A-Z0-9][\w+.-]*){0,2}")  # "P7+", "Model Y", not "Passenger cars"
_NOT_MODELS_ROW = re.compile(r"Q[1-4]|H[12]")


@dataclass(frozen=True)
class Said:
    """What the sentences before said of whose figures these are."""

    entity: str | None  # the one company they were about
    why: str
    lead: str | None  # the company of the line a list item opens under
    in_item: int  # see list_item


def owner(
    text: str,
    figure: tuple[int, int, int],
    entities: list[tuple[int, int, str]],
    places: list[tuple[int, int, str]],
    figures: list[tuple[int, int, str | None]],
    said: Said,
) -> tuple[str | None, str]:
    """The company the figure (start, end, hedge start) of a sentence belongs to: in the same place
    of a list before "respectively", the brand in its noun, the company named before it; else the
    line a list item is under, or the company the sentences before were about when this one refers
    back to it ("Its", "The company"), states its measures (deliveries, "The September sales") or
    names no other company, place or industry. With that company, the model the sentence speaks of
    ("the all-new ET7 ... with 1,707 units sold" is NIO ET7)."""
    at, end, hedge_at = figure
    paired = respective_owner(text, at, figures, entities) or brand_after(text, end, entities)
    entity, why = paired or entity_of(text, hedge_at, entities, end) or (None, "")
    if entity is None:  # "the 11th consecutive increase in Nio's quarterly revenue"
        entity, why = _owner_after(text, end, entities) or (None, "")
    if entity is not None:
        return entity, why
    anaphora = COMPANY_ANAPHORA.match(text) or _THE_GROUPS.search(text)
    row = _ROW.match(text)
    if said.entity is not None and row is not None and not entities and at >= row.end():
        # a table of the company's models: "ES6 (5-seat SUV): 2,936", "Total: 7,024"
        label = row["label"]
        if label.lower() == "total":
            return said.entity, f"entity: {said.why}, the total of its table"
        its_model = not label.startswith("Model ") or root(said.entity) == "Tesla"
        if its_model and not _NOT_MODELS_ROW.fullmatch(label) and models(label, 0, len(label)) == [(0, label)]:
            return f"{said.entity} {label}", f"entity: {said.why}, its model '{label}' heading the row"
        if _A_NAME_ONLY.fullmatch(label):
            return PLACEHOLDER, f"entity: a row '{label}' of a table after {said.why}: whose, the curator says"
    if said.lead is not None:
        return said.lead, f"entity: '{said.lead}', of the line the list item is under"
    if said.entity is not None:
        if anaphora is not None:
            entity, why = said.entity, f"entity: '{anaphora[0]}' is {said.why}"
        elif said.in_item == 2 or company_measure(text, places):
            entity, why = said.entity, f"entity: {said.why}, a company's measure"
        elif goes_on_about_company(text, places, entities):
            entity, why = said.entity, f"entity: {said.why}, and no other company, place or industry"
        elif not entities and not places and _opening_model(text, said.entity) is not None:
            entity, why = said.entity, f"entity: {said.why}, whose model the sentence is about"
        if entity is not None:
            model = _carried_model(text, hedge_at, end, entity) if not entities and not places else None
            return (f"{entity} {model}", f"{why}, its model '{model}'") if model else (entity, why)
        return None, ""
    if anaphora is not None and _A_COMPANY.search(anaphora[0]):
        # "Its delivery volume was 15,100" after a company the reader does not know: the curator names it
        return PLACEHOLDER, f"entity: '{anaphora[0].strip()}' is a company not named before"
    if anaphora is not None and anaphora[0].strip().lower().endswith("its") and COMPANY_MEASURE.search(text):
        return PLACEHOLDER, "entity: 'Its' deliveries are a company's not named before"
    return None, ""


def _carried_model(text: str, hedge_at: int, end: int, company: str) -> str | None:
    """The model of the company carried from before that a sentence naming no company counts: the one
    named in the figure's noun or alone before it, or the one opening the sentence ("The G7 rivals
    ... and retails for around $30,000"); Tesla's "Model Y" is no other company's."""
    model = model_of(text, 0, hedge_at, end)
    if model is None:
        return _opening_model(text, company)
    if model.startswith("Model ") and root(company) != "Tesla":
        return None
    return model


def _opening_model(text: str, company: str) -> str | None:
    """The company's model a sentence opens with, as its subject ("The G7 rivals ...")."""
    opening = _SUBJECT_MODEL.match(text)
    start = opening.end() if opening else 0
    first = models(text, start, min(len(text), start + 12))
    model = first[0][1] if first and first[0][0] == start else None
    if model is not None and model.startswith("Model ") and root(company) != "Tesla":
        return None
    return model
