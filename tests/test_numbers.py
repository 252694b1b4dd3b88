"""Reading the numbers a sentence states, with the hedge words before them."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autofacts.reading.numbers import read_numbers


def one(text: str, index: int = 0):
    return read_numbers(text)[index]


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("production and sales in China both exceeded 34 million units", D(34_000_000), "over", "vehicles"),
        ("production was 2.4981 million vehicles", D(2_498_100), "exact", "vehicles"),
        ("an export value reaching 45.98 billion yuan", D(45_980_000_000), "exact", "yuan"),
        ("reached 17.348 million;", D(17_348_000), "exact", None),
        ("increased from 5.4% in 2020", D("5.4"), "exact", "percent"),
        ("accounted for 51.6 percent of all", D("51.6"), "exact", "percent"),
        ("equipped with over 1,000 intelligent devices", D(1000), "over", None),
        ("accounted for more than half of new vehicle sales", D(50), "over", "percent"),
        ("doubling the figure from a year ago", D(2), "exact", "times"),
        ("more than six times the figure from 2021", D(6), "over", "times"),
        ("for the 16th consecutive year", D(16), "exact", "ordinal"),
        ("from approximately 1.4 million vehicles", D(1_400_000), "about", "vehicles"),
        ("to around 13 million vehicles", D(13_000_000), "about", "vehicles"),
        ("roughly 1.4 million units", D(1_400_000), "about", "vehicles"),
        ("creating some 100 signature products", D(100), "about", None),
        ("Chongqing fell below 3 million", D(3_000_000), "under", None),
        ("nearly 2 million", D(2_000_000), "nearly", None),
        ("priced at the 100,000-yuan level", D(100_000), "about", "yuan"),
        ("1.5万辆", D(15_000), "exact", "vehicles"),  # 辆 counts vehicles
        ("a combined range of 1,000 kilometers", D(1000), "exact", "km"),
        ("in just 53 seconds", D(53), "exact", "seconds"),
        ("(about 141.3 billion U.S. dollars)", D(141_300_000_000), "about", "usd"),
    ],
)
def test_reads_value_qualifier_and_unit(text: str, value: D, qualifier: str, unit: str | None) -> None:
    m = one(text)
    assert (m.value, m.qualifier, m.unit) == (value, qualifier, unit)


def test_model_names_and_codes_are_not_numbers() -> None:
    assert [m.text for m in read_numbers("its Lafa5 coupe, the 9X model, L3 driving and 5G modules")] == []


def test_all_numbers_in_order() -> None:
    values = [m.value for m in read_numbers("from 5.4% in 2020 to 40.9%, from about 1.4 million to 13 million")]
    assert values == [D("5.4"), D(2020), D("40.9"), D(1_400_000), D(13_000_000)]


@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    for m in read_numbers(text):
        assert 0 <= m.start < m.end <= len(text)


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["", " million", " billion"]))
def test_formatted_integers_read_back(n: int, scale: str) -> None:
    m = one(f"the total was {n:,}{scale} units")
    factor = {"": 1, " million": 10**6, " billion": 10**9}[scale]
    assert m.value == n * factor


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("the startup raised $13.6M in May", D(13_600_000), "usd"),
        ("about 25k units a month", D(25_000), "vehicles"),
        ("it costs RM79 a month", D(79), "myr"),
        ("a 1.5mm steel sheet", D("1.5"), "mm"),  # millimetres, not a million and a half
        ("with 256GB of storage", D(256), "GB"),
        ("Stellantis invested €1.5bn", D(1_500_000_000), "eur"),
        ("sold 1.5m vehicles", D(1_500_000), "vehicles"),
        ("twenty-five plants", D(25), None),
        ("two hundred thousand chargers", D(200_000), None),
        ("a million cars", D(1_000_000), "vehicles"),
    ],
)
def test_reads_numbers_as_news_writes_them(text: str, value: D, unit: str | None) -> None:
    (m,) = read_numbers(text)
    assert (m.value, m.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "said"),
    [
        (
            "expect it to sell between 3.6 million and 4 million vehicles",
            D(3_600_000),
            D(4_000_000),
            "vehicles",
            "3.6 million and 4 million",
        ),
        ("a share of 25–40 percent", D(25), D(40), "percent", "25–40 percent"),
        ("sales of 3 to 4 million units", D(3_000_000), D(4_000_000), "vehicles", "3 to 4 million"),
        ("between 3.6 and 4 million", D(3_600_000), D(4_000_000), None, "3.6 and 4 million"),
        ("worth $3-4 billion", D(3_000_000_000), D(4_000_000_000), "usd", "$3-4 billion"),
    ],
)
def test_ranges_are_one_figure_with_both_ends(text: str, low: D, high: D, unit: str | None, said: str) -> None:
    (m,) = read_numbers(text)
    assert (m.value, m.upper, m.qualifier, m.unit, m.text) == (low, high, "between", unit, said)


def test_changes_and_spans_of_years_are_not_ranges() -> None:
    assert [(m.value, m.upper) for m in read_numbers("from about 1.4 million to 13 million")] == [
        (D(1_400_000), None),
        (D(13_000_000), None),
    ]
    assert [m.upper for m in read_numbers("from 2014-2016, and the Tang Dynasty (618-907 CE)")] == [None] * 4
    assert [m.upper for m in read_numbers("rose 96.9 percent to 7.058 million units")] == [None, None]


def test_telephone_numbers_are_not_numbers() -> None:
    text = "Tel:86-10-65363107, 86-10-65368220. Call (800) 555-0199 or +86 10 6536 3107 or 010-65363107."
    assert read_numbers(text) == []
    assert [m.value for m in read_numbers("It sold 3,000 cars in 10 days")] == [D(3000), D(10)]


def test_times_dates_and_codes_are_not_numbers() -> None:
    text = "At 10:30 a.m. on 30 November, after 9 a.m. on 11/30/2025, during COVID-19, the F-150 sold 3,000."
    assert [m.text for m in read_numbers(text)] == ["3,000"]
    (m,) = read_numbers("a 10-fold increase")
    assert (m.value, m.unit) == (D(10), "times")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("margins fell to -2.5% in May", [(D("-2.5"), "percent")]),  # a minus sign on its own
        ("from 2014-2016", [(D(2014), None), (D(2016), None)]),  # a hyphen between two numbers is no sign
        ("a 50mph limit and 2.4GHz chips", [(D(50), "mph"), (D("2.4"), "GHz")]),
        ("a dozen plants", [(D(12), None)]),
        ("at 10am in the 1990s, the 4S stores", []),  # a time, a decade, a shop's name
    ],
)
def test_signs_units_written_on_and_what_is_no_number(text: str, values: list[tuple[D, str | None]]) -> None:
    assert [(m.value, m.unit) for m in read_numbers(text)] == values


def test_a_per_cent_stated_as_a_fall_is_negative() -> None:
    def read(text: str) -> list[tuple[str, str, str | None]]:
        return [(str(m.value), m.qualifier, m.unit) for m in read_numbers(text)]

    assert read("Sales were down 12 percent from a year earlier.") == [("-12", "exact", "percent")]
    assert read("Output fell 0.8 percent.") == [("-0.8", "exact", "percent")]
    assert read("Exports declined nearly 5% in May.") == [("-5", "nearly", "percent")]
    assert read("Profit decreased by 3.5 percent; margins dropped 2 percent.") == [
        ("-3.5", "exact", "percent"),
        ("-2", "exact", "percent"),
    ]
    assert read("a decline of 7 percent") == [("-7", "exact", "percent")]
    # a level the figure fell to is not a change; a rise stays positive
    assert read("Sales fell to 2.25 million units.") == [("2250000.00", "exact", "vehicles")]
    assert read("Its share fell to 5 percent.") == [("5", "exact", "percent")]
    assert read("Sales were up 3 percent.") == [("3", "exact", "percent")]
    # a range of falls: the foot is the larger fall
    (m,) = read_numbers("Prices dropped by 3-5 percent.")
    assert (m.value, m.upper, m.qualifier) == (-5, -3, "between")


def test_hedge_words_in_their_base_and_other_forms() -> None:
    def qualifiers(text: str) -> list[str]:
        return [m.qualifier for m in read_numbers(text)]

    assert qualifiers("The share is expected to exceed 55 percent.") == ["over"]
    assert qualifiers("Sales will surpass 3 million units; exports surpasses 1 million.") == ["over", "over"]
    assert qualifiers("Deliveries topped 500,000 and output is greater than 2 million.") == ["over", "over"]
    assert qualifiers("just shy of 2 million cars, a minimum of 20 stations, a maximum of 30 days") == [
        "nearly",
        "at-least",
        "at-most",
    ]
    # "top" alone ranks ("the top 10 brands"): not a hedge
    assert qualifiers("the top 10 brands") == ["exact"]


def test_a_bound_on_a_fall_is_mirrored() -> None:
    # "fell more than 5 percent": the change is below -5, not above it
    def read(text: str) -> list[tuple[str, str]]:
        return [(str(m.value), m.qualifier) for m in read_numbers(text)]

    assert read("Exports fell more than 5 percent.") == [("-5", "under")]
    assert read("Sales dropped less than 2 percent.") == [("-2", "over")]
    assert read("Output declined at least 3%.") == [("-3", "at-most")]
    assert read("Output declined up to 3%.") == [("-3", "at-least")]
    assert read("Prices were down about 4 percent.") == [("-4", "about")]
