"""The number reader's patterns searched with only the alternatives a text can match (alternation.py):
the same matches as the whole pattern, on real texts and on generated ones, and the alternatives
chosen worked out by hand."""

from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autofacts.reading.alternation import Alternation, Alternative
from autofacts.reading.nonfigures import _NOT_FIGURES, phone_spans
from autofacts.reading.numbers import _NUMBERS, read_numbers

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = [_NUMBERS, _NOT_FIGURES]


def found(pattern: re.Pattern[str] | Alternation, text: str) -> list[tuple[tuple[int, int], dict[str, str]]]:
    """Each match's span and the groups it set (a group of an alternative left out is as unset)."""
    return [(m.span(), {k: v for k, v in m.groupdict().items() if v is not None}) for m in pattern.finditer(text)]


def real_texts() -> list[str]:
    """Every line of the seed texts in the repository (bundled base, examples, docs)."""
    files = sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("examples/**/*.txt"), *ROOT.glob("docs/examples/**/*.txt")])
    assert len(files) >= 8
    return [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("alternation", PATTERNS, ids=["numbers", "not-figures"])
def test_same_matches_as_the_whole_pattern_on_real_texts(alternation: Alternation) -> None:
    texts = real_texts()
    assert len(texts) > 100
    for text in texts:
        assert found(alternation, text) == found(alternation.pattern(), text), text


# Characters that trigger or defeat the alternatives: digits, separators, letters of number words,
# and the four non-ASCII letters IGNORECASE matches with ASCII ones.
PIECES = st.sampled_from(
    [*"0123456789 -+(),.:/%$€", "one", "Two", "half", "third", "twenty", "Million", "thousand", "a ", "doubled",
     "first", "Tel", "call", "a.m.", "p.m.", "March", "may", "st", "th", "USD", "rs", "k", "m", "bn", "per cent",
     "ſix", "\u212a", "\u0131", "\u0130", "٣", "fold", "fell ", "up "]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_same_matches_as_the_whole_pattern_on_generated_texts(text: str) -> None:
    for alternation in PATTERNS:
        assert found(alternation, text) == found(alternation.pattern(), text)


# One text for each alternative, matched by it and by no alternative before it (the number pattern:
# by the group it sets; the other: by the span its match covers).
EACH_NUMBER = [
    ("the 3rd plant", "ordinal"),
    ("rose 4.5%", "num"),
    ("Two-Thirds of it", "fracn"),
    ("a Quarter of it", "fraca"),
    ("One in Five cars", "inn"),
    ("Forty-Two", "compound"),
    ("eleven", "word"),
    ("the Second plant", "ordword"),
    ("Tripled", "mult"),
    ("more than Half", "frac"),
    ("Trillions", "bare"),
]
EACH_NOT_FIGURE = [
    ("ring +86 10 6536 3107", (5, 21)),
    ("ring 86-10-65363107", (5, 19)),
    ("ring (800) 555-0199", (5, 19)),
    ("ring 010-65363107!", (5, 17)),
    ("FAX 123 4567", (0, 12)),
    ("at 9:45", (3, 7)),
    ("at 9 P.M.", (3, 9)),
    ("on 1/2/2024", (3, 11)),
    ("on 12 May", (3, 9)),
    ("the F-150", (6, 9)),
]


@pytest.mark.parametrize(("text", "group"), EACH_NUMBER)
def test_each_number_alternative_finds_what_the_whole_pattern_finds(text: str, group: str) -> None:
    matches = found(_NUMBERS, text)
    assert [group in groups for _, groups in matches] == [True]
    assert matches == found(_NUMBERS.pattern(), text)


@pytest.mark.parametrize(("text", "span"), EACH_NOT_FIGURE)
def test_each_not_figure_alternative_finds_what_the_whole_pattern_finds(text: str, span: tuple[int, int]) -> None:
    assert phone_spans(text) == [span]
    assert found(_NOT_FIGURES, text) == found(_NOT_FIGURES.pattern(), text)


def test_alternatives_chosen_by_what_the_text_holds() -> None:
    # figures in digits only: the ordinal and digit alternatives (0, 1) of the number pattern
    assert _NUMBERS.possible("In 2024, sales reached 1,234 units.") == (0, 1)
    # no digit: only the word alternatives whose words occur ("half" -> 9, the fraction word)
    assert _NUMBERS.possible("more than half of all sales") == (9,)
    # "twenty-one": the compound (5) and word (6) alternatives, "one" also the fraction ones (2, 4)
    assert _NUMBERS.possible("twenty-one") == (2, 4, 5, 6)
    assert _NUMBERS.possible("no figure here") == ()
    # the telephone pattern: "+" (0), "-" (1, 3, 9), "tel" (4), ":" (5)
    assert _NOT_FIGURES.possible("Tel: +86 10-6536-3107") == (0, 1, 3, 4, 5, 9)
    # a month name: the day before its month (8) and the month before its day and year (10)
    assert _NOT_FIGURES.possible("In March 2003, sales rose") == (8, 10)
    # a text with a letter IGNORECASE reads as ASCII (the long s) is searched with every alternative
    assert _NOT_FIGURES.possible("ſ") == tuple(range(11))


def test_an_alternative_needing_a_digit_is_left_out_of_a_text_without_one() -> None:
    alternation = Alternation([Alternative(r"\d+", digit=True), Alternative(r"one", ("one",))])
    assert alternation.possible("one") == (1,)
    assert alternation.possible("1 one") == (0, 1)
    assert alternation.possible("٣") == (0,)  # an Arabic-Indic three is a digit to \d
    assert [m.group() for m in alternation.finditer("one, 2 and 34")] == ["one", "2", "34"]
    assert [m.group() for m in alternation.finditer("none at all")] == ["one"]


def test_telephone_numbers_times_and_dates_are_no_figures() -> None:
    text = "Call +86 10 6536 3107 before 10:30 on 12 March"
    # "Call +86 10 6536 3107 " (the words after "call": 0-22), 10:30 (29-34), "12 March" (38-46)
    assert phone_spans(text) == [(0, 22), (29, 34), (38, 46)]
    assert [m.value for m in read_numbers(text)] == []


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("on 31st December 2024, and 4 Feb", [(3, 21), (27, 32)]),  # the year goes with its day
        ("x7 Jan", [(1, 6)]),  # a letter before the day does not stop it
        ("123 May", []),  # three digits are no day
        ("1,2 March", []),  # nor the end of a number
        ("0.5 June", []),
    ],
)
def test_a_day_before_its_month(text: str, spans: list[tuple[int, int]]) -> None:
    assert phone_spans(text) == spans


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a wire story's dateline states no figure: its year was proposed as one (value 2026)
        ("BEIJING, Jan. 14, 2026 -- Car sales reached 34.4 million units in 2025.", [D(34400000), D(2025)]),
        ("LONDON, 14 January 2026 - exports rose 12 percent.", [D(12)]),
        ("On December 31, 2025, BYD had sold 4.6 million cars.", [D(4600000)]),
        ("By Sept. 30 2025 it had 1,200 stores.", [D(1200)]),
        # a month and a year, with no day, is a period the reader dates by; 2003 here is read as a number
        ("In March 2003, sales rose 5 percent.", [D(2003), D(5)]),
        # the day's number ends at two digits: "May 125, 2025" is no date
        ("In May 125, 2025 units were sold.", [D(125), D(2025)]),
    ],
)
def test_a_whole_date_states_no_figure(text: str, values: list[D]) -> None:
    assert [m.value for m in read_numbers(text)] == values


def test_letters_ignorecase_reads_as_ascii_are_looked_up_folded() -> None:
    # these matched the pattern but were looked up as written, and crashed the reader (KeyError)
    assert [(m.value, m.unit) for m in read_numbers("paid usd 5 for it")] == [(D(5), "usd")]
    assert [(m.value, m.unit) for m in read_numbers("priced at eur 300")] == [(D(300), "eur")]
    assert [(m.value, m.unit) for m in read_numbers("rs 400")] == [(D(400), "inr")]
    assert [m.value for m in read_numbers("ſix cars")] == [D(6)]
    assert [(m.value, m.unit) for m in read_numbers("the ſecond plant")] == [(D(2), "ordinal")]
    assert [m.value for m in read_numbers("a thouſand")] == [D(1000)]
