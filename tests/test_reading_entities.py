"""Which company a news figure belongs to: sentences written for these tests in the manner of wire
copy; each expected company was worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from autofacts.reading.entities import root
from autofacts.reading.extract import extract_candidates

PUBLISHED = date(2025, 12, 12)


def test_parents() -> None:
    assert root("Zeekr") == "Geely Holding"
    assert root("Tesla") == "Tesla"
    assert root("Unknown Motors") == "Unknown Motors"


def entities(kb, text: str, published: date = PUBLISHED) -> list[tuple[D, str | None, str | None]]:
    return [(c.mention.value, c.entity, c.region) for c in extract_candidates(text, kb, published)]


def test_a_brand_in_an_aside_is_not_the_subject(kb) -> None:
    text = "Geely Auto (including Zeekr and Lynk & Co) sold 210,000 vehicles in October."
    assert entities(kb, text) == [(D(210_000), "Geely Auto", "World")]
    text = "Onvo, a brand of NIO, delivered 12,000 vehicles in October."
    assert entities(kb, text) == [(D(12_000), "Onvo", "World")]


def test_catalogue_names_are_written_one_way(kb) -> None:
    # "Tesla China" is Tesla; "Xiaomi Auto" is Xiaomi
    assert entities(kb, "Tesla China sold 61,000 vehicles in October.") == [(D(61_000), "Tesla", "World")]
    assert entities(kb, "Xiaomi Auto delivered over 40,000 vehicles in October.") == [(D(40_000), "Xiaomi", "World")]


def test_a_company_carries_to_sentences_about_it(kb) -> None:
    text = (
        "Li Auto reported 40,100 deliveries in October. "
        "The company's cumulative deliveries reached 1.5 million units. "
        "September deliveries were 33,900 units."
    )
    assert [(v, e) for v, e, _ in entities(kb, text)] == [
        (D(40_100), "Li Auto"),
        (D(1_500_000), "Li Auto"),  # "The company's"
        (D(33_900), "Li Auto"),  # deliveries, and no place or other company: still Li Auto's
    ]
    # an industry sentence in between ends it
    text = "Li Auto reported 40,100 deliveries in October. China's NEV deliveries reached 1.5 million units."
    assert [(v, e) for v, e, _ in entities(kb, text)] == [(D(40_100), "Li Auto"), (D(1_500_000), None)]


def test_a_list_under_a_line_ending_in_a_colon(kb) -> None:
    text = (
        "Chery announced its plan. The company's 2027 targets include:\n"
        "- Selling 4 million vehicles.\n"
        "- Exports above 1.5 million vehicles.\n"
        "Its results in 2025 were strong:\n"
        "- Proton saw sales of 150,000 vehicles.\n"
    )
    found = [(c.mention.value, c.entity, c.period, c.kind) for c in extract_candidates(text, kb, PUBLISHED)]
    assert found == [
        (D(4_000_000), "Chery", "2027", "target"),
        (D(1_500_000), "Chery", "2027", "target"),
        (D(150_000), "Proton", "2025", "actual"),
    ]


def test_where_someone_spoke_is_not_the_figures_place(kb) -> None:
    text = "Officials told a forum in Shanghai that Chinese buyers would take 24 million cars this year."
    assert [c.region for c in extract_candidates(text, kb, PUBLISHED)] == ["China"]
    text = "Shanghai, Dec. 3 (Xinhua) -- China's car exports reached 6.3 million units."
    assert [c.region for c in extract_candidates(text, kb, PUBLISHED)] == ["China"]


def test_the_sales_just_given_are_the_companys(kb) -> None:
    text = "Tesla sold 52,000 China-made vehicles in October. The October sales included 21,000 that were exported."
    assert [(v, e) for v, e, _ in entities(kb, text)] == [(D(52_000), "Tesla"), (D(21_000), "Tesla")]


def test_a_company_figure_placed_in_a_described_market(kb) -> None:
    text = "Lotus saw 25% sales growth in the key Chinese market in 2025."
    assert [(c.entity, c.region) for c in extract_candidates(text, kb, PUBLISHED)] == [("Lotus", "China")]
