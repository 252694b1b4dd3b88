"""Restatements: a source that repeats others' figures (`restates:` in sources.yaml) is never the
figure cited where its original states it, and never counted as corroborating it.

The worked Chinese example (examples/zh-2025-summary, written for the example from figures the
English seeds state, layered here on a copy of the bundled base) restates fyp14-review,
global-attention and xinhua-icv-plan. Expected values are read by hand from the facts files.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from autofacts.answers.query import FactGroup, best_fact, group_facts, group_key
from autofacts.knowledge.load import load_knowledge_base
from autofacts.knowledge.model import Fact, KnowledgeBase
from autofacts.output.notes import corroboration as words
from tests.conftest import FACTS, SEEDS, add_zh_example, edit

SUMMARY = "zh-2025-summary"
EXAMPLE_FILE = "zh-2025-summary.yaml"  # the example's facts file, which also lists its source


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled base with the worked Chinese example added (read-only here); its facts/ folder."""
    import shutil

    root = tmp_path_factory.mktemp("zh")
    shutil.copytree(FACTS, root / "facts")
    shutil.copytree(SEEDS, root / "seeds")
    return add_zh_example(root / "facts")


@pytest.fixture(scope="module")
def kb(base: Path) -> KnowledgeBase:
    return load_knowledge_base(base)


def facts(kb: KnowledgeBase, *ids: str) -> list[Fact]:
    by_id = {f.id: f for f in kb.facts}
    return [by_id[i] for i in ids]


# --- the data ----------------------------------------------------------------------------------


def test_the_summary_restates_exactly_the_sources_whose_figures_it_states(kb) -> None:
    assert kb.sources[SUMMARY].restates == ("fyp14-review", "global-attention", "xinhua-icv-plan")
    # besides it, only the explainer of the 2025-2026 plan restates (the ministry's own text of its goals)
    others = {s.id: s.restates for s in kb.sources.values() if s.restates and s.id != SUMMARY}
    assert others == {"work-plan-2025": ("miit-work-plan-qa",)}
    # every figure of the summary is one a restated source states, with the same value and hedge
    originals = {(group_key(f), f.value, f.qualifier) for f in kb.facts if f.source in kb.sources[SUMMARY].restates}
    summary = [f for f in kb.facts if f.source == SUMMARY]
    assert len(summary) == 20
    missing = [f.id for f in summary if (group_key(f), f.value, f.qualifier) not in originals]
    assert missing == []


# --- the best figure -----------------------------------------------------------------------------


def test_the_original_is_the_best_figure_though_the_restatement_is_newer(kb) -> None:
    # 40.9 % in 2024: fyp14-review (2025-09) and the summary (2026-11-27), both exact
    pair = facts(kb, "cn-nev-share-2024", "cn-nev-share-2024-zh")
    assert best_fact(kb, pair).id == "cn-nev-share-2024"
    assert best_fact(kb, pair[::-1]).id == "cn-nev-share-2024"
    # 1.4 million NEVs in 2020: two independent "about"s and the summary's; the newer original wins
    three = facts(kb, "cn-nev-production-2020-fyp", "cn-nev-production-2020-xinhua", "cn-nev-production-2020-zh")
    assert best_fact(kb, three).id == "cn-nev-production-2020-xinhua"
    # 13 million in 2024: fyp14-review's "about" is more precise than xinhua-icv-plan's "over"
    three = facts(kb, "cn-nev-production-2024-fyp", "cn-nev-production-2024-xinhua", "cn-nev-production-2024-zh")
    assert best_fact(kb, three).id == "cn-nev-production-2024-fyp"


def test_the_original_wins_even_over_a_more_precise_restatement(kb) -> None:
    fyp, zh = facts(kb, "cn-nev-production-2024-fyp", "cn-nev-production-2024-zh")
    exact = replace(zh, qualifier="exact")  # as if the summary had dropped 约 ("about")
    assert best_fact(kb, [fyp, exact]).id == "cn-nev-production-2024-fyp"


def test_a_restatement_alone_is_the_figure(kb) -> None:
    (zh,) = facts(kb, "cn-nev-share-2024-zh")
    assert best_fact(kb, [zh]) is zh


# --- corroboration ------------------------------------------------------------------------------


def corroboration(group: FactGroup, fact: Fact) -> str:
    """The group's data about `fact`, in the words output/notes.py gives it."""
    return words(group.agreeing(fact), group.restates(fact), group.restated_by(fact))


def test_a_restatement_is_not_corroboration(kb) -> None:
    ids = ("cn-nev-share-2024", "cn-nev-share-2024-zh")
    (group,) = group_facts(kb, facts(kb, *ids))
    fyp, zh = group.facts
    assert group.agreement == "restated"
    assert (group.agreeing(fyp), group.restates(fyp), group.restated_by(fyp)) == ((), (), (SUMMARY,))
    assert (group.agreeing(zh), group.restates(zh), group.restated_by(zh)) == ((), ("fyp14-review",), ())
    assert corroboration(group, fyp) == "restated by zh-2025-summary"
    assert corroboration(group, zh) == "restates fyp14-review"
    # without the catalogue's restatements the two would count as agreeing sources
    assert FactGroup(group.facts).agreement == "agree"


def test_two_independent_sources_still_agree_beside_a_restatement(kb) -> None:
    ids = ("cn-nev-production-2020-fyp", "cn-nev-production-2020-xinhua", "cn-nev-production-2020-zh")
    (group,) = group_facts(kb, facts(kb, *ids))
    fyp, xinhua, zh = group.facts
    assert group.agreement == "agree"
    assert group.agreeing(fyp) == ("xinhua-icv-plan",) and group.restated_by(fyp) == (SUMMARY,)
    assert group.agreeing(zh) == () and group.restates(zh) == ("fyp14-review", "xinhua-icv-plan")
    assert corroboration(group, xinhua) == "fyp14-review agrees, restated by zh-2025-summary"
    assert corroboration(group, zh) == "restates fyp14-review, xinhua-icv-plan"


def test_a_restatement_that_misquotes_its_original_conflicts(kb) -> None:
    fyp, zh = facts(kb, "cn-nev-share-2024", "cn-nev-share-2024-zh")
    (group,) = group_facts(kb, [fyp, replace(zh, value=Decimal("45.9"))])
    assert group.agreement == "conflict"


# --- check ----------------------------------------------------------------------------------------

RESTATES = "    restates: [fyp14-review, global-attention, xinhua-icv-plan]\n"


def check(run, zh_example: Path) -> list[str]:
    result = run("check", "--facts", str(zh_example))
    assert result.exit_code == 1, result.stdout
    return [ln for ln in result.stdout.splitlines() if "error[" in ln]


def test_restates_must_name_known_sources(run, zh_example: Path) -> None:
    edit(zh_example / EXAMPLE_FILE, RESTATES, "    restates: [fyp14-review, caam-2025]\n")
    (line,) = check(run, zh_example)
    assert "error[E111]: source 'zh-2025-summary' restates unknown source 'caam-2025'" in line
    assert "/facts/zh-2025-summary.yaml:6:5: " in line  # the source's entry


def test_a_source_cannot_restate_itself(run, zh_example: Path) -> None:
    edit(zh_example / EXAMPLE_FILE, RESTATES, "    restates: [zh-2025-summary]\n")
    (line,) = check(run, zh_example)
    assert "error[E136]: source 'zh-2025-summary' cannot restate itself" in line


def test_two_sources_cannot_restate_each_other(run, zh_example: Path) -> None:
    edit(
        zh_example / "sources.yaml",
        "    url: http://en.people.cn/n3/2025/1201/c90000-20396790.html\n    language: en\n",
        "    url: http://en.people.cn/n3/2025/1201/c90000-20396790.html\n    language: en\n"
        "    restates: [zh-2025-summary]\n",
    )
    lines = check(run, zh_example)
    assert len(lines) == 2 and all("error[E136]" in ln for ln in lines)
    assert "sources 'xinhua-icv-plan' and 'zh-2025-summary' each say they restate the other" in lines[0]
    assert "sources 'zh-2025-summary' and 'xinhua-icv-plan' each say they restate the other" in lines[1]


def test_restates_must_be_a_list(run, zh_example: Path) -> None:
    edit(zh_example / EXAMPLE_FILE, RESTATES, "    restates: {fyp14-review: yes}\n")
    (line,) = check(run, zh_example)
    assert "error[E104]: 'restates' must be a list of text" in line


# --- the commands -------------------------------------------------------------------------------


def test_show_says_restates_never_agrees(run, run_json, base: Path) -> None:
    out = run("--facts", str(base), "show", "nev-share").stdout
    assert "agrees" not in out
    # [1] fyp14-review, [2] the summary, [3] xinhua-icv-plan, by first citation: 2020, 2024, Oct 2025
    assert out.count("restated by [2]") == 3
    assert "restates [1]" in out and "restates [3]" in out
    markdown = run("--facts", str(base), "show", "nev-share", "--period", "2024", "--format", "markdown").stdout
    assert "| restated by: zh-2025-summary |" in markdown and "| restates: fyp14-review |" in markdown
    doc = run_json("--facts", str(base), "show", "nev-share")
    assert [g["agreement"] for g in doc["groups"]] == ["restated"] * 3
    # 2025's "more than half" of home sales: [1] global-attention, [2] the summary (国内新车销量占比超过一半)
    home = run("--facts", str(base), "show", "nev-domestic-share").stdout
    assert "agrees" not in home and "restated by [2]" in home and "restates [1]" in home
    assert "[1] global-attention: " in home and "[2] zh-2025-summary: " in home
    # two independent sources and a restatement: both relations, each source by its mark
    production = run("--facts", str(base), "show", "nev-production", "--period", "2020").stdout
    assert "agrees [2]; restated by [3]" in production and "restates [1] [2]" in production


def test_compare_cites_the_english_sources(run, run_json, base: Path) -> None:
    doc = run_json("--facts", str(base), "compare", "2020", "2024")
    rows = {r["metric"]: r for r in doc["rows"]}
    share, production = rows["nev-share"], rows["nev-production"]
    assert (share["a"]["fact"]["id"], share["b"]["fact"]["id"]) == ("cn-nev-share-2020", "cn-nev-share-2024")
    assert share["a"]["agreement"] == share["b"]["agreement"] == "restated"
    assert production["a"]["fact"]["id"] == "cn-nev-production-2020-xinhua"
    # 2024: "about 13 million" (fyp14-review, restated by the summary) ∩ "over 13 million" (xinhua-icv-plan)
    assert production["b"]["fact"]["derived_from"]["facts"][:2] == [
        "cn-nev-production-2024-xinhua",
        "cn-nev-production-2024-fyp",
    ]
    assert production["a"]["agreement"] == "agree"
    assert share["note"] == (
        "2020: fyp14-review used, restated by zh-2025-summary; 2024: fyp14-review used, restated by zh-2025-summary"
    )
    out = run("--facts", str(base), "compare", "2020", "2024").stdout
    assert "zh-2025-summary used" not in out and "zh-2025-summary:" not in out  # not cited in the footnotes
    assert "] fyp14-review: " in out and "] xinhua-icv-plan: " in out


def test_targets_cite_the_original_and_name_the_restatement(run_json, base: Path) -> None:
    doc = run_json("--facts", str(base), "targets", "--year", "2025")
    sales = next(t for t in doc["targets"] if t["target"]["id"] == "cn-nev-sales-2025-target-miit")
    # the outcome is the original's "over 16 million" (global-attention), not the summary's restatement
    # of it (cn-nev-sales-2025-zh), which the note names
    assert sales["outcome_facts"] == ["cn-nev-sales-2025"]
    assert sales["note"] == "restated by zh-2025-summary"


def test_sources_json_lists_what_each_restates(run_json, base: Path) -> None:
    doc = run_json("--facts", str(base), "sources")
    restates = {s["id"]: s["restates"] for s in doc["sources"]}
    assert restates[SUMMARY] == ["fyp14-review", "global-attention", "xinhua-icv-plan"]
    assert restates["fyp14-review"] == []


def test_a_loop_of_restatements_is_reported_once_with_its_path(run, zh_example: Path) -> None:
    """zh-2025-summary restates fyp14-review, which restates work-plan-2025, which restates the
    summary: no text in the loop is the original. One E136, at the first source of the loop in
    alphabetical order (fyp14-review, line 11 of sources.yaml), naming the whole path."""
    edit(zh_example / EXAMPLE_FILE, RESTATES, "    restates: [fyp14-review]\n")
    edit(
        zh_example / "sources.yaml",
        "    file: 000_5d12c1107267f4b1.txt\n",
        "    file: 000_5d12c1107267f4b1.txt\n    restates: [work-plan-2025]\n",
    )
    edit(zh_example / "sources.yaml", "    restates: [miit-work-plan-qa]\n", "    restates: [zh-2025-summary]\n")
    (line,) = check(run, zh_example)
    assert line.endswith(
        "/facts/sources.yaml:11:5: error[E136]: sources restate each other in a loop: "
        "fyp14-review -> work-plan-2025 -> zh-2025-summary -> fyp14-review; one of them must be the original"
    )
