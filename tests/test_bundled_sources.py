"""The bundled base cites only published texts a reader can find, and its Chinese release's facts
are the figures its text states (each expectation below is read off the text by hand)."""

from __future__ import annotations

import hashlib
from decimal import Decimal as D

from autofacts.knowledge.load import bundled_facts_dir, load_knowledge_base

KB = load_knowledge_base(bundled_facts_dir())
MIIT = "miit-work-plan-qa"


def fact(fact_id: str):  # type: ignore[no-untyped-def]
    return next(f for f in KB.facts if f.id == fact_id)


def test_every_bundled_source_says_where_a_reader_finds_it() -> None:
    """An address for every source, and a date (a month at least); the example written here for
    curation (zh-2025-summary) is not among them."""
    assert sorted(KB.sources) == [
        "chongqing-number-one",
        "fyp14-review",
        "global-attention",
        MIIT,
        "work-plan-2025",
        "xinhua-icv-plan",
    ]
    for source in KB.sources.values():
        assert source.url is not None and source.url.startswith(("http://", "https://")), source.id
        assert source.published.start.year >= 2025, source.id
    assert {s.id: s.publisher for s in KB.sources.values() if s.publisher} == {
        MIIT: "Ministry of Industry and Information Technology",
        "xinhua-icv-plan": "Xinhua",
    }


def test_the_chinese_release_is_registered_as_added() -> None:
    """Its seed is the text `add` copied (the sha256 it recorded), in Chinese, dated as its page
    dates it, and cut where sources.yaml says: from "近日," to "是科學合理和能夠實現的。"."""
    source = KB.sources[MIIT]
    assert (source.language, source.published.label) == ("zh", "2025-09-12")
    seed = (KB.seeds_dir / source.file).read_bytes()
    assert hashlib.sha256(seed).hexdigest() == source.sha256
    text = seed.decode("utf-8")
    assert text.startswith("近日,工業和信息化部等八部門聯合發布《汽車行業穩增長工作方案(2025—2026年)》")
    assert text.endswith("產業規模和質量效益進一步提升”目標,是科學合理和能夠實現的。\n")
    assert "Law-lib.com" not in text and len(text.splitlines()) == 3


def test_the_chinese_release_s_2024_figures() -> None:
    """"2024年,我國汽車銷售完成3143.6萬輛、同比增長4.5%,其中新能源汽車銷售完成1286.6萬輛、
    同比增長35.5%": 3143.6 萬 = 31,436,000 and 1286.6 萬 = 12,866,000 vehicles."""
    expected = {
        "cn-vehicle-sales-2024-miit": ("vehicle-sales", D("31436000"), "vehicles", "3143.6萬輛"),
        "cn-vehicle-sales-growth-2024-miit": ("vehicle-sales-growth", D("4.5"), "percent", "同比增長4.5%"),
        "cn-nev-sales-2024-miit": ("nev-sales", D("12866000"), "vehicles", "1286.6萬輛"),
        "cn-nev-sales-growth-2024-miit": ("nev-sales-growth", D("35.5"), "percent", "同比增長35.5%"),
    }
    for fact_id, (metric, value, unit, words) in expected.items():
        f = fact(fact_id)
        assert (f.metric, f.value, KB.metrics[f.metric].unit) == (metric, value, unit), fact_id
        assert (f.region, f.period.label, f.kind, f.qualifier, f.source) == ("China", "2024", "actual", "exact", MIIT)
        assert f.quote.startswith("2024年,我國汽車銷售完成") and words in f.quote, fact_id


def test_the_chinese_release_s_2025_goals() -> None:
    """The plan's goals as the ministry quotes them: "力爭實現全年汽車銷量3230萬輛左右,同比增長約3%,
    其中新能源汽車銷量1550萬輛左右,同比增長約20%": 左右 and 約 are "about"."""
    expected = {
        "cn-vehicle-sales-2025-target-miit": ("vehicle-sales", D("32300000"), "3230萬輛左右"),
        "cn-vehicle-sales-growth-2025-target-miit": ("vehicle-sales-growth", D("3"), "同比增長約3%"),
        "cn-nev-sales-2025-target-miit": ("nev-sales", D("15500000"), "1550萬輛左右"),
        "cn-nev-sales-growth-2025-target-miit": ("nev-sales-growth", D("20"), "同比增長約20%"),
    }
    for fact_id, (metric, value, words) in expected.items():
        f = fact(fact_id)
        assert (f.metric, f.value, f.qualifier, f.kind, f.period.label) == (metric, value, "about", "target", "2025")
        assert words in f.quote, fact_id
    # the explainer restates these goals: where both state one, the ministry's is the original
    assert KB.sources["work-plan-2025"].restates == (MIIT,)


def test_cite_gives_the_address(run) -> None:
    out = run("cite", "cn-nev-sales-2024-miit", "--format", "markdown").stdout
    assert "Ministry of Industry and Information Technology (in Chinese), 2025-09-12." in out
    assert " http://www.qrqgs.com/fzdt/newshtml/21/20250920130121.htm. `seeds/" in out
    assert out.rstrip().endswith("`seeds/miit-work-plan-qa-2025.txt`, line 2.")
