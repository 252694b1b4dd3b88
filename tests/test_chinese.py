"""Reading Chinese text: numerals, scales, hedges, change, multiples and periods."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autofacts.reading.chinese import is_chinese, nfkc
from autofacts.reading.chinese_numbers import read_chinese_numbers
from autofacts.reading.chinese_numerals import parse_chinese_integer, parse_chinese_number, to_chinese_numeral
from autofacts.reading.chinese_periods import chinese_period_phrases
from autofacts.reading.numbers import read_numbers
from autofacts.reading.text import figure_mentions, period_phrases, sentences


def read(text: str) -> list[tuple[D, str, str | None, str]]:
    return [(m.value, m.qualifier, m.unit, m.text) for m in read_numbers(text)]


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit", "words"),
    [
        # Arabic digits right after a Han character, with a scale
        ("汽车产量3016.1万辆", D(30_161_000), "exact", "vehicles", "3016.1万辆"),
        ("出口额459.8亿元", D(45_980_000_000), "exact", "yuan", "459.8亿元"),
        ("产业规模约1.2万亿元", D(1_200_000_000_000), "about", "yuan", "1.2万亿元"),
        ("销售5千辆", D(5000), "exact", "vehicles", "5千辆"),
        ("全年销量1,234辆", D(1234), "exact", "vehicles", "1,234辆"),
        # Chinese numerals
        ("目标为两千五百万辆", D(25_000_000), "exact", "vehicles", "两千五百万辆"),
        ("渗透率为百分之四十点九", D("40.9"), "exact", "percent", "百分之四十点九"),
        ("建设三百零五座换电站", D(305), "exact", None, "三百零五"),
        # full-width forms and percent forms
        ("占比４．５％", D("4.5"), "exact", "percent", "４．５％"),
        ("占比百分之4.5", D("4.5"), "exact", "percent", "百分之4.5"),
        ("市场份额超过三成", D(30), "over", "percent", "三成"),
        ("提高2个百分点", D(2), "exact", "percent", "2个百分点"),
        # hedges before the number
        ("年产量超过120万辆", D(1_200_000), "over", "vehicles", "120万辆"),
        ("销量逾300万辆", D(3_000_000), "over", "vehicles", "300万辆"),
        ("首次突破3000万辆", D(30_000_000), "over", "vehicles", "3000万辆"),
        ("超1000万辆", D(10_000_000), "over", "vehicles", "1000万辆"),
        ("约占25%", D(25), "exact", "percent", "25%"),  # 约占: "accounts for", not a hedge on 25
        ("约为32.3万辆", D(323_000), "about", "vehicles", "32.3万辆"),
        ("产量近300万辆", D(3_000_000), "nearly", "vehicles", "300万辆"),
        ("不低于20%", D(20), "at-least", "percent", "20%"),
        ("不超过5%", D(5), "at-most", "percent", "5%"),
        ("不足1万辆", D(10_000), "under", "vehicles", "1万辆"),
        # hedges after the number
        ("达到20%左右", D(20), "about", "percent", "20%"),
        ("年产120万辆以上", D(1_200_000), "at-least", "vehicles", "120万辆"),
        ("价格在10万元以下", D(100_000), "at-most", "yuan", "10万元"),
        ("300多万辆", D(3_000_000), "over", "vehicles", "300多万辆"),
        ("打造千亿级产业集群", D(100_000_000_000), "about", None, "千亿"),
        ("万亿元级", D(1_000_000_000_000), "about", "yuan", "万亿元"),
        ("1万余辆", D(10_000), "over", "vehicles", "1万余辆"),
        # change and multiples
        ("同比增长3.4%", D("3.4"), "exact", "percent", "3.4%"),
        ("同比下降3.4%", D("-3.4"), "exact", "percent", "3.4%"),
        ("同比增长1.2倍", D(120), "exact", "percent", "1.2倍"),
        ("是2021年的6倍多", D(6), "over", "times", "6倍多"),
        ("出口量翻一番", D(2), "exact", "times", "翻一番"),
        ("五年翻两番", D(4), "exact", "times", "翻两番"),
        # ordinals and runs
        ("保持全球第一", D(1), "exact", "ordinal", "一"),
        ("连续8年", D(8), "exact", "years", "8年"),
        ("创近7年新高", D(7), "exact", "years", "7年"),  # 近 + years: "the last seven years"
        ("连续十年", D(10), "exact", "years", "十年"),
    ],
)
def test_reads_chinese_figures(text: str, value: D, qualifier: str, unit: str | None, words: str) -> None:
    assert read(text)[-1] == (value, qualifier, unit, words)


def test_respectively_each_number_keeps_its_own_sign() -> None:
    values = [m.value for m in read_numbers("产销同比分别下降3.4%和2.1%，出口增长5%")]
    assert values == [D("-3.4"), D("-2.1"), D(5)]


def test_change_verb_in_another_clause_does_not_govern() -> None:
    # the 增长 before the comma says nothing about the share after it
    assert read("出口增长很快，市场占有率达到25.6%") == [(D("25.6"), "exact", "percent", "25.6%")]


def test_offsets_point_into_the_original_text() -> None:
    text = "１－１１月，产量２７０２．１万辆"
    [m] = read_numbers(text)
    assert (text[m.start : m.end], m.value) == ("２７０２．１万辆", D(27_021_000))


@pytest.mark.parametrize(
    "text",
    [
        "一是稳增长，二是促消费",
        "是全球最大的市场之一",
        "第一季度",
        "“十四五”期间",
        "进一步扩大消费",
        "十分重要",
        "数十万辆",
        "2025年10月",
        "1-11月",
        "前11个月",
        "截至2025年8月底",
        "新华社北京1月13日电",
        "3月1日起施行",
        "千家万户",
        "一、总体情况",
        "L2级辅助驾驶",
    ],
)
def test_words_and_dates_are_not_figures(text: str) -> None:
    assert read(text) == []


def test_a_year_is_read_as_the_english_reader_reads_it_and_not_counted() -> None:
    assert [m.value for m in figure_mentions("销量是二〇二一年的6倍")] == [D(6)]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十二", 12),
        ("一百一十", 110),
        ("一千零一", 1001),
        ("两千五百万", 25_000_000),
        ("三亿零五十万", 300_500_000),
        ("一万亿", 10**12),
        ("二〇二五", 2025),
    ],
)
def test_chinese_integers(numeral: str, value: int) -> None:
    assert parse_chinese_integer(numeral) == value


def test_chinese_decimal_and_bad_numerals() -> None:
    assert parse_chinese_number("四十点九") == D("40.9")
    for bad in ("", "亿亿", "五点X", "甲"):
        with pytest.raises(ValueError):
            parse_chinese_number(bad)


def test_chinese_numerals_are_written_as_a_careful_writer_does() -> None:
    assert [to_chinese_numeral(n) for n in (0, 10, 1001, 25_000_000, 300_500_000, 100_000_001)] == [
        "零",
        "一十",
        "一千零一",
        "两千五百万".replace("两", "二"),
        "三亿零五十万",
        "一亿零一",
    ]


HAN_BEFORE = st.sampled_from(["", "产量", "我国汽车销量", "同比", "达到", "完成", "共", "出口"])
HAN_AFTER = st.sampled_from(["", "辆", "元", "，", "。", "和", "台"])


@given(
    st.decimals(min_value=0, max_value=D("99999.9999"), places=4, allow_nan=False, allow_infinity=False),
    st.sampled_from(["万", "亿", "万亿"]),
    HAN_BEFORE,
    HAN_AFTER,
    st.booleans(),
)
def test_arabic_digits_with_a_scale_read_back(number: D, scale: str, before: str, after: str, full_width: bool) -> None:
    digits = format(number.normalize(), "f")
    if full_width:
        digits = digits.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    text = f"{before}{digits}{scale}{after}"
    factor = {"万": D(10) ** 4, "亿": D(10) ** 8, "万亿": D(10) ** 12}[scale]
    [m] = read_numbers(text)
    assert m.value == number * factor
    assert (m.start, text[m.start : m.end].startswith(digits)) == (len(before), True)


@given(st.integers(min_value=0, max_value=10**12 - 1), HAN_BEFORE)
def test_chinese_numerals_round_trip(n: int, before: str) -> None:
    numeral = to_chinese_numeral(n)
    assert parse_chinese_integer(numeral) == n
    [m] = read_numbers(f"{before}{numeral}辆")
    assert m.value == n


@given(
    st.text(
        alphabet="一二三四五六七八九十百千万亿零两点年月日第之是%倍多余约近超过左右以上下降增长产量0123456789.,，。",
        max_size=40,
    )
)
def test_never_raises_on_chinese_fragments(text: str) -> None:
    for m in read_chinese_numbers(text):
        assert 0 <= m.start < m.end <= len(text)
    chinese_period_phrases(text, date(2025, 12, 1))


def test_language_and_normalisation() -> None:
    assert is_chinese("产量3143.6万辆") and not is_chinese("China's output: 31.436 million (3143.6万辆)")
    assert nfkc("４．５％，１２") == "4.5%，12"  # the full-width comma stays a clause separator


PUBLISHED = date(2025, 12, 10)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("2025年，汽车产销", ["2025"]),
        ("2025年10月，新能源汽车", ["2025-10"]),
        ("2025年1-11月", ["2025-01/2025-11"]),
        ("2025年1—11月", ["2025-01/2025-11"]),
        ("2025年前11个月", ["2025-01/2025-11"]),
        ("2024年1-12月", ["2024"]),  # all twelve months: the year
        ("二〇二五年一至十月", ["2025-01/2025-10"]),  # a year in Chinese digits
        ("2024年。1-11月，产量", ["2024", "2024-01/2024-11"]),  # the year last stated before
        ("1-11月，产量", ["2025-01/2025-11"]),  # none stated: the latest January-November over by publication
        ("前三季度", ["2025-01/2025-09"]),
        ("2025年上半年", ["2025-01/2025-06"]),
        ("一季度", ["2025-01/2025-03"]),
        ("2025年第三季度", ["2025-07/2025-09"]),
        ("截至2025年8月底", ["2025-08-31"]),
        ("截至2025年6月30日", ["2025-06-30"]),
        ("2024年底", ["2024-12-31"]),
        ("去年销量", ["2024"]),
        ("今年以来", ["2025"]),
        ("去年上半年", ["2024-01/2024-06"]),
        ("比上年同期增长5%", []),  # the comparison base is not the figure's period
        ("“十四五”期间", ["2021/2025"]),
        ("十三五时期", ["2016/2020"]),
        ("《规划（2021—2035年）》", ["2021/2035"]),
    ],
)
def test_chinese_periods(text: str, labels: list[str]) -> None:
    assert [p.label for p in period_phrases(text, PUBLISHED)] == labels


def test_a_period_not_over_at_publication_is_last_years() -> None:
    assert [p.label for p in period_phrases("1-11月，产量", date(2026, 1, 12))] == ["2025-01/2025-11"]
    assert [p.label for p in period_phrases("上半年，产量", date(2025, 7, 15))] == ["2025-01/2025-06"]
    assert period_phrases("1-11月，产量") == []  # no year anywhere: no guess


def test_sentences_end_at_chinese_stops() -> None:
    text = "他说：“产量增长。”出口增长5%！下一句？English follows. Here"
    assert [s.text for s in sentences(text)] == [
        "他说：“产量增长。”",
        "出口增长5%！",
        "下一句？",
        "English follows.",
        "Here",
    ]


# --- check reads Chinese quotes by the same rules ---------------------------------------------
# A test seed (not a real release): its 40.9 % is the fyp14-review seed's 2024 NEV share. Its "1.2倍"
# growth is made up, so these tests use the base without its Chinese release (which states 35.5 %).

ZH_SEED = "2024年，我国新能源汽车销量占比达到40.9%，新能源汽车销量同比增长1.2倍，产量约1300万辆。\n"
ZH_SOURCE = """
  - id: zh-test
    file: zh-test.txt
    title: "[测试]"
    published: 2025-01-15
    language: zh
"""
ZH_FACTS = """source: zh-test
facts:
  - id: zh-nev-share-2024
    metric: nev-share
    region: China
    period: 2024
    kind: actual
    value: {share}
    quote: "2024年，我国新能源汽车销量占比达到40.9%，新能源汽车销量同比增长1.2倍，产量约1300万辆。"
  - id: zh-nev-production-2024
    metric: nev-production
    region: China
    period: 2024
    kind: actual
    value: 13000000
    qualifier: {qualifier}
    quote: "2024年，我国新能源汽车销量占比达到40.9%，新能源汽车销量同比增长1.2倍，产量约1300万辆。"
  - id: zh-nev-sales-growth-2024
    metric: nev-sales-growth
    region: China
    period: 2024
    kind: actual
    value: {growth}
    quote: "2024年，我国新能源汽车销量占比达到40.9%，新能源汽车销量同比增长1.2倍，产量约1300万辆。"
"""


def zh_base(kb_copy, share: str = "40.9", qualifier: str = "about", growth: str = "120"):
    (kb_copy.parent / "seeds" / "zh-test.txt").write_text(ZH_SEED, encoding="utf-8")
    sources = kb_copy / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + ZH_SOURCE, encoding="utf-8")
    (kb_copy / "zh-test.yaml").write_text(
        ZH_FACTS.format(share=share, qualifier=qualifier, growth=growth), encoding="utf-8"
    )
    return kb_copy


def test_check_accepts_chinese_facts_that_agree_with_english_ones(run, english_copy) -> None:
    result = run("check", "--facts", str(zh_base(english_copy)))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_check_reads_values_and_hedges_from_chinese_quotes(run, kb_copy) -> None:
    result = run("check", "--facts", str(zh_base(kb_copy, qualifier="exact", growth="1.2")))
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert any(
        "error[E121]: value 1.2 is not a number the quote states (it states: 40.9, 120, 13000000)" in ln for ln in lines
    ), lines
    assert any(
        "error[E122]: qualifier 'exact' does not match the quote: '1300万辆' is stated as 'about'" in ln for ln in lines
    ), lines


def test_a_chinese_fact_conflicts_with_an_english_one(run, english_copy) -> None:
    from tests.conftest import add_zh_example

    kb_copy = add_zh_example(english_copy)
    seed = kb_copy.parent / "seeds" / "zh-test.txt"
    zh_base(kb_copy, share="45.9")
    seed.write_text(ZH_SEED.replace("40.9%", "45.9%"), encoding="utf-8")
    facts = kb_copy / "zh-test.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("40.9%", "45.9%"), encoding="utf-8")
    lines = run("check", "--facts", str(kb_copy)).stdout.splitlines()
    conflicts = [ln for ln in lines if "error[E131]" in ln]
    # 45.9 % against the English 40.9 % of fyp14-review, and against the worked example's Chinese summary's
    assert len(conflicts) == 2
    assert all("'zh-nev-share-2024' (exact 45.9) contradicts" in ln for ln in conflicts), conflicts
    assert "'cn-nev-share-2024' (exact 40.9" in conflicts[0] + conflicts[1]
    assert "'cn-nev-share-2024-zh' (exact 40.9" in conflicts[0] + conflicts[1]


# --- Chinese quotes shown, searched and cited -------------------------------------------------


def test_show_at_80_columns_keeps_chinese_quotes_within_the_width(run, monkeypatch, zh_env) -> None:
    from autofacts.output.records import cells

    monkeypatch.setenv("COLUMNS", "80")
    out = run("show", "nev-share").stdout
    assert max(cells(line) for line in out.splitlines()) <= 80
    # the Chinese twin of the English 51.6 % (the sixth of six: 2020, 2024, Oct 2025, each English then
    # Chinese) is shown whole (it fits), and said to restate it
    assert "(f) 2025年10月，新能源汽车新车销量占比达到51.6%。" in out
    assert "restates [" in out and "] zh-2025-summary: " in out  # relation by footnote mark, listed under the table


def test_a_long_chinese_quote_is_cut_around_its_figure_by_columns_not_characters(zh_example) -> None:
    from autofacts.knowledge.load import load_knowledge_base
    from autofacts.output.records import cells, excerpt

    kb = load_knowledge_base(zh_example)
    fact = next(f for f in kb.facts if f.id == "cn-nev-production-2024-zh")
    piece = excerpt(fact, 40)
    # 40 columns hold 19 Chinese characters; the figure 约1300万辆 stays in view
    assert cells(piece) <= 40 and "1300万辆" in piece and piece.startswith("…")


def test_search_by_chinese_words_finds_facts_in_both_languages(run_json, zh_env) -> None:
    doc = run_json("search", "渗透率")  # a word of the lexicon for a share, in no quote
    # three English and three Chinese NEV shares of all sales (2020, 2024, Oct 2025), and the share of
    # home sales in 2025 ("more than half of new vehicle sales in China", 国内新车销量占比超过一半)
    assert sorted(f["id"] for f in doc["facts"]) == [
        "cn-nev-domestic-share-2025",
        "cn-nev-domestic-share-2025-zh",
        "cn-nev-share-2020",
        "cn-nev-share-2020-zh",
        "cn-nev-share-2024",
        "cn-nev-share-2024-zh",
        "cn-nev-share-2025-10",
        "cn-nev-share-2025-10-zh",
    ]
    # a word of a Chinese quote: both facts quoting that sentence
    assert sorted(f["id"] for f in run_json("search", "翻一番")["facts"]) == [
        "cn-nev-exports-2025-zh",
        "cn-nev-exports-multiple-2025-zh",
    ]


def test_language_is_shown_in_sources_and_citations(run, zh_env) -> None:
    cited = run("cite", "cn-nev-share-2024-zh").stdout
    assert "published 2026-11-27 · in Chinese" in cited
    assert "⟦40.9%⟧" in cited
    assert "(in Chinese), 2026-11-27." in run("cite", "cn-nev-share-2024-zh", "--format", "markdown").stdout
    assert "in Chinese" not in run("cite", "cn-nev-share-2024").stdout
    rows = {s["id"]: s["language"] for s in json.loads(run("sources", "--format", "json").stdout)["sources"]}
    assert rows["zh-2025-summary"] == "zh" and rows["fyp14-review"] == "en"
    assert " lang " in run("sources").stdout


def test_a_whole_chinese_quote_starts_beside_its_mark_and_folds_at_the_width(run, monkeypatch, zh_env) -> None:
    from autofacts.output.records import cells

    monkeypatch.setenv("COLUMNS", "60")
    out = run("show", "nev-share", "--period", "2024", "--quotes").stdout
    lines = out.splitlines()
    assert max(cells(line) for line in lines) <= 60
    start = next(i for i, line in enumerate(lines) if line.startswith("(b)"))
    # folded at 60 columns (a Chinese character takes two), not moved whole to the next line
    assert lines[start] == "(b) “十四五”期间，新能源汽车销量占比由2020年的5.4%提高到2024"
    assert lines[start + 1] == "年的40.9%，产量由2020年的约140万辆增长到2024年的约1300万辆。"


def test_a_bound_on_a_fall_is_mirrored_in_chinese() -> None:
    """As in English ('fell more than 5 percent' is < -5): a fall of more than 5 % is a change below -5,
    a fall of less than 3 % a change above -3; a rise keeps its bound."""

    def bound(text: str) -> list[tuple[str, str]]:
        return [(str(m.value), m.qualifier) for m in read_chinese_numbers(text)]

    assert bound("销量同比下降超过5%") == [("-5", "under")]
    assert bound("销量同比下降逾5%") == [("-5", "under")]
    assert bound("出口同比下降不到3%") == [("-3", "over")]
    assert bound("产量同比增长超过5%") == [("5", "over")]
    assert bound("销量同比下降5%") == [("-5", "exact")]
