"""Review holds each candidate to the knowledge-base check's rules on one fact at the moment of the
edit or accept (check.check_fact): a qualifier or value the quote does not state is refused there,
with check's own code and message, and nothing is written; not left for the final check at `q`.

The base and its review file are test_curate's (the CAAM sentence, written by hand); the messages
below are worked out from the sentence: "3.4 percent" is stated without a hedge, so as 'exact'.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from autofacts.knowledge.check import check_fact
from autofacts.knowledge.model import Fact, KnowledgeBase, Metric, Source
from autofacts.knowledge.periods import parse_period
from tests.test_curate import ARTICLE, CAAM, PENDING, add


@pytest.fixture
def pending(tmp_path: Path, run) -> Path:
    """test_curate's base: a new one, the article added, its review file replaced by PENDING."""
    assert run("init", str(tmp_path / "kb")).exit_code == 0
    (tmp_path / "caam-each.txt").write_text(ARTICLE, encoding="utf-8")
    facts = tmp_path / "kb" / "facts"
    assert add(run, facts, tmp_path / "caam-each.txt").exit_code == 0
    (tmp_path / "kb" / "review" / "caam-each.yaml").write_text(PENDING, encoding="utf-8")
    return facts


# candidate 3 ("3.4 percent") made ready to accept, as the new user did before editing its qualifier
READY_3 = ["r", "r", "e", "metric", "vehicle-production-growth", "e", "period", "2022", "e", "region", "China"]


def review(run, facts: Path, answers: list[str]):
    return run("review", "caam-each", "--facts", str(facts), input="\n".join(answers) + "\n")


def test_an_edit_to_a_qualifier_the_quote_does_not_state_is_refused_at_once(pending: Path, run) -> None:
    waiting = pending.parent / "review" / "caam-each.yaml"
    result = review(run, pending, [*READY_3, "e", "qualifier", "about", "q"])
    assert (
        "qualifier [exact]: about\n"
        "refused: error[E122]: qualifier 'about' does not match the quote: '3.4 percent' is stated as 'exact'\n"
        "the candidate is unchanged\n> q\n"
    ) in result.stdout
    assert 'qualifier: "about"' not in waiting.read_text(encoding="utf-8")
    assert not (pending / "caam-each.yaml").exists()
    assert result.exit_code == 0  # nothing wrong was filed: the final check is clean


def test_a_refused_edit_leaves_the_review_file_byte_for_byte(pending: Path, run) -> None:
    waiting = pending.parent / "review" / "caam-each.yaml"
    result = review(run, pending, ["e", "value", "27000000", "e", "period", "2027", "q"])
    assert (
        "refused: error[E121]: value 27000000 is not a number the quote states "
        "(it states: 27021000, 26864000, 2022, 3.4, 2.1)\nthe candidate is unchanged\n"
    ) in result.stdout
    assert (  # an actual figure for a year after the source was published (2026-01-15)
        "refused: error[E133]: actual figure for 2027 from a source published 2026-01-15: "
        "use kind 'forecast' or 'estimate', or correct the period\nthe candidate is unchanged\n"
    ) in result.stdout
    assert waiting.read_text(encoding="utf-8") == PENDING
    assert not (pending / "caam-each.yaml").exists()


def test_accepting_a_candidate_check_would_refuse_is_refused_and_files_nothing(pending: Path, run) -> None:
    waiting = pending.parent / "review" / "caam-each.yaml"
    bad = PENDING.replace('value: "3.4"\n    unit: "percent"\n    qualifier: "exact"',
                          'value: "3.4"\n    unit: "percent"\n    qualifier: "about"')  # fmt: skip
    assert bad != PENDING
    waiting.write_text(bad, encoding="utf-8")
    result = review(run, pending, [*READY_3, "a", "e", "qualifier", "exact", "a", "q"])
    out = result.stdout
    assert (
        "> a\nrefused: error[E122]: qualifier 'about' does not match the quote: '3.4 percent' is stated as "
        "'exact'\nnot filed: e to edit a field, or r to reject\n> e\n"
    ) in out
    # the problem it came with does not block the edits that mend it (period, region, then qualifier)
    assert "period: 2022\n" in out and "region: China\n" in out and "qualifier: exact\n" in out
    assert "accepted: china-vehicle-production-growth-2022 → caam-each.yaml" in out
    facts = (pending / "caam-each.yaml").read_text(encoding="utf-8")
    assert facts.count("- id:") == 1 and "    value: 3.4\n" in facts and "qualifier" not in facts
    assert result.exit_code == 0


def test_check_fact_judges_one_fact_by_its_quote_metric_and_source(tmp_path: Path) -> None:
    source = Source("caam-each", "caam-each.txt", "CAAM", parse_period("2026-01-15"), "en")
    metric = Metric("vehicle-production-growth", "Vehicle production growth", "percent", "growth")
    flow = Metric("vehicle-production", "Vehicle production", "vehicles", "flow")
    kb = KnowledgeBase(tmp_path, tmp_path, {source.id: source}, {m.id: m for m in (metric, flow)})

    def fact(metric_id: str, value: str, qualifier: str, period: str = "2022") -> Fact:
        return Fact("f", metric_id, "China", parse_period(period), "actual", Decimal(value), qualifier, source.id, CAAM)

    assert check_fact(kb, fact("vehicle-production-growth", "3.4", "exact")) == []
    [wrong] = check_fact(kb, fact("vehicle-production-growth", "3.4", "about"))
    assert (wrong.code, wrong.message) == (
        "E122", "qualifier 'about' does not match the quote: '3.4 percent' is stated as 'exact'")  # fmt: skip
    [late] = check_fact(kb, fact("vehicle-production", "27021000", "exact", "2027"))
    assert (late.code, late.message) == (
        "E133",
        "actual figure for 2027 from a source published 2026-01-15: use kind 'forecast' or 'estimate', "
        "or correct the period",
    )
    negative = check_fact(kb, fact("vehicle-production", "-3.4", "exact"))
    assert [(p.code, p.message) for p in negative] == [
        ("E121", "value -3.4 is not a number the quote states (it states: 27021000, 26864000, 2022, 3.4, 2.1)"),
        ("E134", "value -3.4 is negative, and a flow cannot be"),
    ]  # fmt: skip
    assert kb.facts == []  # the base it was asked against is left as it was
