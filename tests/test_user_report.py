"""What a new user found wrong on first use: empty answers, a base named by its own folder, messages
wider than a terminal, a heading said twice, an alias offered beside its own metric."""

from __future__ import annotations

import json
from pathlib import Path

from autofacts.answers.query import resolve_metric
from autofacts.knowledge.load import load_knowledge_base


def test_no_targets_is_one_line_not_an_empty_table(run) -> None:
    result = run("targets", "--year", "2030")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "autofacts: no targets match these filters\n"
    # machine formats still write a whole, empty document
    csv = run("targets", "--year", "2030", "--format", "csv")
    assert csv.exit_code == 0
    assert csv.stdout == "period,region,metric,target,outcome,of_target,status,sources,note\n"


def test_no_search_hits_is_one_line_not_an_empty_table(run) -> None:
    result = run("search", "zzzz")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "autofacts: no facts match 'zzzz'\n")
    doc = json.loads(run("search", "zzzz", "--format", "json").stdout)
    assert doc == {"query": "zzzz", "facts": []}


def test_no_facts_shown_is_one_line(run) -> None:
    result = run("show", "nev-share", "--region", "Chongqing")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "autofacts: no facts for nev-share match these filters\n"


def test_the_base_folder_init_made_is_a_knowledge_base(run, tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "kb"), "--from-bundled").exit_code == 0
    for named in (tmp_path / "kb", tmp_path / "kb" / "facts"):
        result = run("check", "--facts", str(named))
        assert result.exit_code == 0, result.stderr
        assert result.stdout == "ok: 87 facts, 166 metrics, 6 sources, no errors\n"
    # a folder with neither .yaml files nor a facts/ folder is still refused, by its own name
    (tmp_path / "empty").mkdir()
    result = run("check", "--facts", str(tmp_path / "empty"))
    assert result.exit_code == 1
    assert result.stderr == f"autofacts: error[E001]: {tmp_path}/empty: no .yaml files in this folder\n"


def test_init_says_next_steps_in_80_columns(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    made = run("init", "kb")
    assert made.exit_code == 0
    assert made.stdout == (
        "Created kb/: facts/ (sources.yaml, metrics.yaml) and seeds/;\n"
        "No sources yet; the 166 metrics of the bundled catalogue to start from.\n"
        "Next (or give --facts kb/facts on each command):\n"
        "  export AUTOFACTS_FACTS=kb/facts\n"
        '  autofacts add ARTICLE.txt --id ID --title "..." --published YYYY-MM-DD\n'
        "  autofacts review ID\n"
        "  autofacts check\n"
    )


def test_init_and_add_messages_fit_80_columns_and_wrap_at_spaces(run, tmp_path: Path, kb_copy: Path) -> None:
    made = run("init", str(tmp_path / "kb"))
    assert made.exit_code == 0
    lines = made.stdout.splitlines()
    assert " ".join(made.stdout.split()).startswith(
        f"Created {tmp_path}/kb/: facts/ (sources.yaml, metrics.yaml) and seeds/; No sources yet; "
    )
    # the command to copy is a line of its own, whole (wrapping it would break the shell command)
    assert f"  export AUTOFACTS_FACTS={tmp_path}/kb/facts" in lines
    article = tmp_path / "a.txt"
    article.write_text("In 2025, China's car exports reached 6.5 million vehicles.\n", encoding="utf-8")
    added = run("add", str(article), "--id", "a", "--title", "T", "--published", "2026-01", "--facts", str(kb_copy))
    assert added.exit_code == 0, added.stderr
    for line in added.stdout.splitlines() + [x for x in lines if not x.startswith("  ")]:
        # a line is longer than 80 only when it is one word (a long path) after its indent
        assert len(line) <= 80 or " " not in line.strip(), line
    # words are whole: joined again, the message reads as written
    assert "1 candidate facts wait in" in " ".join(added.stdout.split())
    assert f"{kb_copy.parent}/review/a.yaml (not loaded until reviewed). Next: autofacts review a" in " ".join(
        added.stdout.split()
    )


def test_did_you_mean_names_each_metric_once() -> None:
    from conftest import FACTS

    from autofacts.errors import UnknownMetricError

    kb = load_knowledge_base(FACTS)
    try:
        resolve_metric(kb, "nev-shar")
    except UnknownMetricError as exc:
        # "ev-share" is an alias of nev-share: offering both would offer one metric twice
        assert str(exc) == "unknown metric 'nev-shar' — did you mean nev-share or nev-sales or nev-retail-share?"
    else:
        raise AssertionError("nev-shar resolved")


def test_compare_says_each_region_heading_once(run) -> None:
    result = run("compare", "2024", "2025", "--all", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    headings = [line for line in result.stdout.splitlines() if line in ("China", "Chongqing")]
    assert headings == ["China", "Chongqing"]
