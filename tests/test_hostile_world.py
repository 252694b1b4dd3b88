"""Hostile world, round two: files that are not files, names and values that mean something else,
and data that tries to talk to the terminal or to a spreadsheet. Each case was once a hang, a
traceback, a silent surprise or a leak; each now ends in an answer or in one line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import as_nobody, edit

from autofacts.errors import PeriodError
from autofacts.files import ReadRefusal, read_limited
from autofacts.knowledge.load import knowledge_base_files, resolve_facts_dir
from autofacts.knowledge.periods import parse_period


def one_line(text: str) -> str:
    lines = text.splitlines()
    assert len(lines) == 1, text
    return lines[0]


# --- files that are not regular files ---------------------------------------------------------


def test_read_limited_refuses_a_fifo_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ReadRefusal, match="not a regular file"):
        read_limited(fifo, 100)  # no writer: a blocking open would wait forever


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_read_limited_refuses_an_endless_device() -> None:
    with pytest.raises(ReadRefusal, match="not a regular file"):
        read_limited(Path("/dev/zero"), 100)


def test_read_limited_enforces_the_limit_by_counting(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 10)
    assert read_limited(path, 10) == b"x" * 10
    with pytest.raises(ReadRefusal, match="10 bytes, over the limit of 9"):
        read_limited(path, 9)
    with pytest.raises(ReadRefusal, match="a folder"):
        read_limited(tmp_path, 9)


def run_child(argv: list[str], timeout: int = 60) -> subprocess.CompletedProcess[str]:
    """A real process, so a hang is a timeout (a failure) rather than a stuck test run."""
    env = {**os.environ, "AUTOFACTS_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "autofacts", *argv], capture_output=True, text=True, timeout=timeout, env=env
    )


def test_a_fifo_as_a_facts_file(kb_copy: Path, tmp_path: Path) -> None:
    os.mkfifo(kb_copy / "zz-pipe.yaml")
    result = run_child(["check", "--facts", str(kb_copy)])
    assert result.returncode == 1
    assert f"{kb_copy}/zz-pipe.yaml:1:1: error[E100]: not read: not a regular file (a pipe or device)" in result.stdout
    # through the cache too: nothing of the pipe is cached, and the query stops with the problem
    cached = subprocess.run(
        [sys.executable, "-m", "autofacts", "show", "nev-share", "--facts", str(kb_copy)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "AUTOFACTS_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert cached.returncode == 1
    assert one_line(cached.stderr) == (
        f"autofacts: {kb_copy}/zz-pipe.yaml:1:1: error[E100]: not read: not a regular file (a pipe or device)"
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_dev_zero_as_a_facts_file_and_to_extract(kb_copy: Path) -> None:
    (kb_copy / "zz-zero.yaml").symlink_to("/dev/zero")
    result = run_child(["check", "--facts", str(kb_copy)])
    assert result.returncode == 1
    assert f"{kb_copy}/zz-zero.yaml:1:1: error[E100]: not read: not a regular file (a pipe or device)" in result.stdout
    result = run_child(["extract", "/dev/zero"])
    assert result.returncode == 2
    assert (
        one_line(result.stderr)
        == "autofacts: error[U001]: /dev/zero: cannot read: not a regular file (a pipe or device)"
    )


def test_an_enormous_document_to_extract(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(64 * 1024 * 1024)  # sparse: 64 MiB of nothing, at no cost
    result = run_child(["extract", str(big)])
    # Refused unread, as `add` refuses it: too large for a seed (4 MB) is the document's fault, E010.
    assert result.returncode == 1
    assert one_line(result.stderr) == f"autofacts: error[E010]: {big}: its text is larger than 4 MB, the limit for a seed"


def test_an_unreadable_facts_folder_as_a_plain_user(nobody_dir: Path) -> None:
    shutil.copytree(Path(__file__).parent.parent / "facts", nobody_dir / "facts")
    (nobody_dir / "facts").chmod(0o300)  # may enter, may not list
    result = as_nobody(["check", "--facts", "facts"], cwd=nobody_dir)
    assert result.returncode == 1
    assert one_line(result.stderr) == "autofacts: error[E001]: facts: cannot read this folder: Permission denied"
    (nobody_dir / "facts").chmod(0o755)
    (nobody_dir / "facts" / "metrics.yaml").chmod(0o200)
    result = as_nobody(["check", "--facts", "facts"], cwd=nobody_dir)
    assert result.returncode == 1
    assert "facts/metrics.yaml:1:1: error[E100]: cannot read file: Permission denied" in result.stdout


# --- names and values that meant something else -------------------------------------------------


def test_empty_facts_option_is_an_error_not_the_bundled_base(run) -> None:
    result = run("check", "--facts", "")
    assert result.exit_code == 2
    assert one_line(result.stderr) == (
        "autofacts: error[U001]: --facts is empty: name a knowledge-base folder (or leave the option out)"
    )


def test_empty_region_is_an_unknown_region_not_every_region(run) -> None:
    result = run("show", "nev-share", "--region", "")
    assert result.exit_code == 2
    assert one_line(result.stderr) == (
        "autofacts: error[U001]: unknown region '' (known: China, Chongqing, Guangzhou, Hefei, World, Yangtze River Delta)"
    )


def test_upper_case_yaml_suffix_is_read(kb_copy: Path) -> None:
    shutil.copy(Path(__file__).parent / "hostile" / "bad-period.yaml", kb_copy / "zz.YAML")
    names = [p.name for p in knowledge_base_files(kb_copy, "facts")]
    assert names[-1] == "zz.YAML" and "metrics.yaml" in names


def test_a_half_range_names_the_whole_period(run) -> None:
    result = run("compare", "2025/", "2024")
    assert result.exit_code == 2
    assert one_line(result.stderr) == (
        "autofacts: error[U002]: invalid period '2025/': a range needs a period on each side of '/'"
    )
    with pytest.raises(PeriodError, match="'/2024'"):
        parse_period("/2024")


@pytest.mark.parametrize(("text", "ok"), [("0999", False), ("1000", True), ("9998-12", True), ("9999", False)])
def test_period_years_stay_where_date_arithmetic_works(text: str, ok: bool) -> None:
    if ok:
        assert parse_period(text).label == text
    else:
        with pytest.raises(PeriodError, match="years run from 1000 to 9998"):
            parse_period(text)


def test_a_target_in_year_one_is_a_check_error_not_a_crash(run, kb_copy: Path) -> None:
    edit(kb_copy / "work-plan-2025.yaml", "    period: 2025\n    kind: target", '    period: "0001"\n    kind: target')
    result = run("check", "--facts", str(kb_copy))
    assert result.exit_code == 1
    assert (
        f"{kb_copy}/work-plan-2025.yaml:8:13: error[E107]: invalid period '0001': years run from 1000 to 9998"
        in result.stdout
    )
    for command in (["targets"], ["report", "-o", str(kb_copy.parent / "r.html")]):
        query = run(*command, "--facts", str(kb_copy))
        assert query.exit_code == 1 and "invalid period '0001'" in one_line(query.stderr)


@pytest.mark.parametrize("value", ["nan", "-1", "101"])
def test_coverage_min_must_be_a_percentage(run, value: str) -> None:
    result = run("coverage", "--min", value)
    assert result.exit_code == 2
    assert one_line(result.stderr) == f"autofacts: error[U001]: --min {float(value)}: give a percentage from 0 to 100"


def test_extract_source_with_yaml_syntax_in_it(run, tmp_path: Path, kb) -> None:
    import yaml

    seed = kb.seeds_dir / "004_866e1cad304b1c63.txt"
    result = run("extract", str(seed), "--source", "gz #2: x")
    assert result.exit_code == 0
    document = yaml.safe_load(result.stdout)
    assert document["source"] == "gz #2: x"
    assert document["facts"][0]["id"] == "gz-2-x-001"


def test_resolve_facts_dir_keeps_the_environment_default(monkeypatch: pytest.MonkeyPatch, kb_copy: Path) -> None:
    monkeypatch.setenv("AUTOFACTS_FACTS", str(kb_copy))
    assert resolve_facts_dir(None) == (kb_copy, str(kb_copy))


# --- seeds: every reader goes through one guarded path --------------------------------------------

FYP_SEED = "000_5d12c1107267f4b1.txt"  # the seed of fyp14-review, which cn-nev-share-2020 quotes


def point_fyp14_at(kb_copy: Path, file: str) -> None:
    edit(kb_copy / "sources.yaml", f"file: {FYP_SEED}", f"file: {file}")


def refuses_to_leak(run, kb_copy: Path, secret: str) -> None:
    """check names the problem; cite and report stop with one line, and the report is not written."""
    checked = run("check", "--facts", str(kb_copy))
    assert checked.exit_code == 1 and "error[E112]" in checked.stdout
    page = kb_copy.parent / "page.html"
    report = run("report", "-o", str(page), "--facts", str(kb_copy))
    assert report.exit_code == 1 and "error[E112]" in one_line(report.stderr)
    assert not page.exists()
    cite = run("cite", "cn-nev-share-2020", "--facts", str(kb_copy))
    assert cite.exit_code == 1 and "error[E112]" in one_line(cite.stderr)
    assert secret not in checked.stdout + report.stderr + cite.stdout + cite.stderr


def test_report_never_embeds_an_absolute_seed_path(run, kb_copy: Path) -> None:
    point_fyp14_at(kb_copy, "/etc/passwd")
    refuses_to_leak(run, kb_copy, "root:")


def test_report_never_embeds_a_seed_linked_outside(run, kb_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the password is swordfish\n", encoding="utf-8")
    (kb_copy.parent / "seeds" / "leak.txt").symlink_to(secret)
    point_fyp14_at(kb_copy, "leak.txt")
    refuses_to_leak(run, kb_copy, "swordfish")


def test_a_seeds_folder_outside_the_knowledge_base(run, kb_copy: Path, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "passwd").write_text("root:x:0:0:swordfish\n", encoding="utf-8")
    point_fyp14_at(kb_copy, "passwd")
    path = kb_copy / "sources.yaml"
    path.write_text(f"seeds: {elsewhere}\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    checked = run("check", "--facts", str(kb_copy))
    assert (
        f"error[E112]: the seeds folder '{elsewhere}' lies outside {kb_copy.parent}, the folder that holds the facts"
        in checked.stdout
    )
    refuses_to_leak(run, kb_copy, "swordfish")


def test_a_seeds_folder_that_is_a_link_elsewhere(run, kb_copy: Path, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("outside") / "seeds"
    (kb_copy.parent / "seeds").rename(elsewhere)
    (kb_copy.parent / "seeds").symlink_to(elsewhere)
    checked = run("check", "--facts", str(kb_copy))
    assert checked.exit_code == 1 and "lies outside" in checked.stdout


def test_a_fifo_seed_stops_no_command(kb_copy: Path) -> None:
    seed = kb_copy.parent / "seeds" / FYP_SEED
    seed.unlink()
    os.mkfifo(seed)
    for argv in (
        ["check"],
        ["cite", "cn-nev-share-2020"],
        ["coverage"],
        ["report", "-o", str(kb_copy.parent / "r.html")],
    ):
        result = run_child([*argv, "--facts", str(kb_copy)])
        assert result.returncode == 1, argv
        assert f"seed file '{FYP_SEED}' is not a regular file" in result.stdout + result.stderr, argv


def test_a_seed_that_is_not_utf8(run, kb_copy: Path) -> None:
    seed = kb_copy.parent / "seeds" / FYP_SEED
    seed.write_bytes(b"caf\xe9 " + seed.read_bytes())
    for argv in (["cite", "cn-nev-share-2020"], ["report", "-o", str(kb_copy.parent / "r.html")]):
        result = run(*argv, "--facts", str(kb_copy))
        assert result.exit_code == 1, argv
        assert one_line(result.stderr).endswith(
            f"seed file '{FYP_SEED}' is not UTF-8 text (byte 3) (run `autofacts check`)"
        )


def test_an_unreadable_seed_as_a_plain_user(nobody_dir: Path) -> None:
    root = Path(__file__).parent.parent
    shutil.copytree(root / "facts", nobody_dir / "facts")
    shutil.copytree(root / "seeds", nobody_dir / "seeds")
    (nobody_dir / "seeds" / FYP_SEED).chmod(0o200)
    result = as_nobody(["cite", "cn-nev-share-2020", "--facts", "facts"], cwd=nobody_dir)
    assert result.returncode == 1
    assert one_line(result.stderr).endswith(
        f"seed file '{FYP_SEED}' cannot be read: Permission denied (run `autofacts check`)"
    )


def test_cite_of_a_quote_not_in_its_seed_is_a_data_error(run, kb_copy: Path) -> None:
    seed = kb_copy.parent / "seeds" / FYP_SEED
    seed.write_text(seed.read_text(encoding="utf-8").replace("5.4%", "5.5%"), encoding="utf-8")
    result = run("cite", "cn-nev-share-2020", "--facts", str(kb_copy))
    assert result.exit_code == 1
    # E120, as `check` reports a quote missing from its seed, at the quote's place (E001 is a missing folder)
    assert re.match(
        rf"autofacts: {kb_copy}/fyp14-review\.yaml:\d+:\d+: error\[E120\]: the quote of 'cn-nev-share-2020' is not in seeds/",
        one_line(result.stderr),
    )


# --- data that talks to the terminal, the browser or the spreadsheet --------------------------------

TITLE = "[Achievements of China's automotive industry in the 14th Five-Year Plan]"
HOSTILE_TITLE = r"=HYPERLINK(1) <script>alert(1)</script> <img src=x onerror=alert(2)> \e]0;pwned\a"


@pytest.fixture
def hostile_kb(kb_copy: Path) -> Path:
    """fyp14-review's title sets the terminal's title, runs a script and is a spreadsheet formula."""
    edit(kb_copy / "sources.yaml", f'title: "{TITLE}"', f'title: "{HOSTILE_TITLE}"')
    return kb_copy


def test_terminal_tables_show_control_characters(run, hostile_kb: Path) -> None:
    result = run("sources", "--facts", str(hostile_kb))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b]0;pwned\\x07" in result.stdout


def test_check_messages_show_control_characters(run, kb_copy: Path) -> None:
    edit(kb_copy / "fyp14-review.yaml", "metric: nev-share\n", 'metric: "nev\\e]0;pwned\\a\\nshare"\n')
    result = run("check", "--facts", str(kb_copy))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    lines = [line for line in result.stdout.splitlines() if "E110" in line]
    assert lines == [
        f"{kb_copy}/fyp14-review.yaml:83:13: error[E110]: unknown metric 'nev\\x1b]0;pwned\\x07 share'"
    ]  # the loader folds the line break


def test_markdown_shows_html_instead_of_running_it(run, hostile_kb: Path) -> None:
    result = run("sources", "--facts", str(hostile_kb), "--format", "markdown")
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith("| fyp14-review "))
    assert (
        "=HYPERLINK(1) &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; \\x1b]0;pwned\\x07"
        in row
    )
    assert "<" not in result.stdout


def test_cite_footnote_shows_html_instead_of_running_it(run, hostile_kb: Path) -> None:
    result = run("cite", "cn-nev-share-2020", "--facts", str(hostile_kb), "--format", "markdown")
    assert result.exit_code == 0
    assert "<" not in result.stdout and "&lt;script&gt;" in result.stdout


def test_csv_cells_never_start_a_formula(run, hostile_kb: Path) -> None:
    import csv
    import io

    listed = list(csv.reader(io.StringIO(run("sources", "--facts", str(hostile_kb), "--format", "csv").stdout)))
    titles = {row[0]: row[2] for row in listed[1:]}
    assert (
        titles["fyp14-review"]
        == "'=HYPERLINK(1) <script>alert(1)</script> <img src=x onerror=alert(2)> \\x1b]0;pwned\\x07"
    )
    exported = list(csv.DictReader(io.StringIO(run("export", "--facts", str(hostile_kb), "--format", "csv").stdout)))
    assert {row["source_title"] for row in exported if row["source_id"] == "fyp14-review"} == {titles["fyp14-review"]}
    compared = run("compare", "2020", "2024", "--format", "csv").stdout
    assert "\nnev-share,China,5.4 %,40.9 %,'+35.5 pp," in compared  # text, not a formula


def test_csv_cell_keeps_plain_numbers() -> None:
    from autofacts.output.safe import csv_cell

    assert [csv_cell(v) for v in ["-1.5", "+2", "1e3", "-", "@x", "-1.5 %", "a\tb", "\tx", 7]] == [
        "-1.5",
        "+2",
        "1e3",
        "'-",
        "'@x",
        "'-1.5 %",
        "a\\tb",
        "'\\tx",
        7,
    ]


def test_json_keeps_the_exact_text(run, hostile_kb: Path) -> None:
    import json

    listed = json.loads(run("sources", "--facts", str(hostile_kb), "--format", "json").stdout)
    title = next(s["title"] for s in listed["sources"] if s["id"] == "fyp14-review")
    assert title == "=HYPERLINK(1) <script>alert(1)</script> <img src=x onerror=alert(2)> \x1b]0;pwned\x07"


def test_a_seed_paragraph_with_an_escape_sequence_is_shown_not_obeyed(run, kb_copy: Path) -> None:
    seed = kb_copy.parent / "seeds" / FYP_SEED
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("Among these,", "\x1b]0;pwned\x07Among these,", 1), encoding="utf-8")
    result = run("cite", "cn-nev-share-2020", "--facts", str(kb_copy))
    assert result.exit_code == 0
    # ESC shown as \x1b; the BEL that ends the sequence Rich drops itself
    assert "\x1b" not in result.stdout and "\\x1b]0;pwnedAmong these," in result.stdout


def test_an_unreadable_seeds_folder_as_a_plain_user(nobody_dir: Path) -> None:
    root = Path(__file__).parent.parent
    shutil.copytree(root / "facts", nobody_dir / "facts")
    shutil.copytree(root / "seeds", nobody_dir / "seeds")
    (nobody_dir / "seeds").chmod(0o000)
    for argv in (["cite", "cn-nev-share-2020"], ["coverage"], ["report", "-o", "r.html"]):
        result = as_nobody([*argv, "--facts", "facts"], cwd=nobody_dir)
        assert result.returncode == 1, argv
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, argv
        assert f"seed file '{FYP_SEED}' cannot be read: Permission denied" in one_line(result.stderr), argv
    checked = as_nobody(["check", "--facts", "facts"], cwd=nobody_dir)
    assert (
        checked.returncode == 1
        and f"error[E112]: seed file '{FYP_SEED}' cannot be read: Permission denied" in checked.stdout
    )
