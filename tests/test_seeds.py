"""Seeds read through one module: the configured folder named in every path shown, and a seed that
cannot be read stopping cite and report with one line instead of a traceback or a silent gap.
(Screenshots that must not overwrite or take an old PNG: tests/test_output_paths.py.)"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import edit

from autofacts.errors import UsageError
from autofacts.knowledge.load import load_knowledge_base
from autofacts.knowledge.seeds import SeedError, read_document, read_seed, read_seeds, seed_label, seed_problem


def _texts_folder(kb_copy: Path) -> None:
    """The seeds moved to ../texts and the knowledge base told so."""
    (kb_copy.parent / "seeds").rename(kb_copy.parent / "texts")
    path = kb_copy / "sources.yaml"
    path.write_text("seeds: ../texts\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def test_paths_are_shown_as_the_configured_folder_says(run, kb_copy: Path) -> None:
    _texts_folder(kb_copy)
    kb = load_knowledge_base(kb_copy)
    assert seed_label(kb, "000_5d12c1107267f4b1.txt") == "texts/000_5d12c1107267f4b1.txt"
    where = ["--facts", str(kb_copy), "--format", "json"]
    exported = json.loads(run("export", *where).stdout)
    assert {f["source"]["file"] for f in exported["facts"] if f["source"]["id"] == "fyp14-review"} == {
        "texts/000_5d12c1107267f4b1.txt"
    }
    listed = json.loads(run("sources", *where).stdout)
    assert [s["file"] for s in listed["sources"] if s["id"] == "global-attention"] == ["texts/001_467b5fdf27d40e1f.txt"]
    cited = json.loads(run("cite", "cn-nev-domestic-share-2025", *where).stdout)
    assert cited["file"] == "texts/001_467b5fdf27d40e1f.txt"
    assert cited["footnote"].endswith("`texts/001_467b5fdf27d40e1f.txt`, line 9.")
    covered = json.loads(run("coverage", *where).stdout)
    assert [s["file"] for s in covered["sources"]][:1] == ["texts/002_72d6f0ccaed82bc8.txt"]
    table = run("show", "nev-share", "--facts", str(kb_copy), "--format", "markdown").stdout
    assert "`texts/000_5d12c1107267f4b1.txt`" in table and "seeds/" not in table
    # check's messages name the configured folder too
    edit(kb_copy / "global-attention.yaml", "In 2025, automobile production", "In 2025, car production")
    lines = run("check", "--facts", str(kb_copy)).stdout.splitlines()
    assert any("error[E120]: quote not found verbatim in texts/001_467b5fdf27d40e1f.txt" in ln for ln in lines), lines


def test_a_missing_seed_stops_cite_with_one_line(run, kb_copy: Path) -> None:
    (kb_copy.parent / "seeds" / "001_467b5fdf27d40e1f.txt").unlink()
    result = run("cite", "cn-nev-domestic-share-2025", "--facts", str(kb_copy))
    assert result.exit_code == 1
    # compiler style, as `check` prints it: the place first, then the code
    assert result.stderr.startswith(f"autofacts: {kb_copy}/sources.yaml:")
    assert ": error[E112]: seed file '001_467b5fdf27d40e1f.txt' not found" in result.stderr
    assert "seed file '001_467b5fdf27d40e1f.txt' not found in seeds" in result.stderr
    assert "internal error" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_missing_seed_stops_the_report_and_writes_nothing(run, kb_copy: Path, tmp_path: Path) -> None:
    (kb_copy.parent / "seeds" / "003_17d935ea4638a39c.txt").unlink()
    out = tmp_path / "report.html"
    result = run("report", "-o", str(out), "--facts", str(kb_copy))
    assert result.exit_code == 1
    assert "error[E112]: " in result.stderr and "seed file '003_17d935ea4638a39c.txt' not found" in result.stderr
    assert not out.exists()


def test_read_seeds_reports_each_unusable_seed(kb_copy: Path) -> None:
    seeds = kb_copy.parent / "seeds"
    (seeds / "000_5d12c1107267f4b1.txt").write_bytes(b"In 2024 sales rose \xff\xfe 5%.")
    (seeds / "002_72d6f0ccaed82bc8.txt").unlink()
    (seeds / "002_72d6f0ccaed82bc8.txt").mkdir()
    (seeds / "004_866e1cad304b1c63.txt").write_bytes("\ufeffA text with a byte-order mark.".encode())
    kb = load_knowledge_base(kb_copy)
    texts, problems = read_seeds(kb)
    assert sorted(texts) == ["global-attention", "miit-work-plan-qa", "work-plan-2025", "xinhua-icv-plan"]
    assert texts["work-plan-2025"] == "A text with a byte-order mark."
    assert [(p.code, p.message) for p in problems] == [
        ("E112", "seed file '000_5d12c1107267f4b1.txt' is not UTF-8 text (byte 19)"),
        ("E112", "seed file '002_72d6f0ccaed82bc8.txt' is not a regular file"),
    ]
    assert str(problems[0].location).startswith("facts/sources.yaml:")
    with pytest.raises(SeedError) as caught:
        read_seed(kb, kb.sources["fyp14-review"])
    assert "is not UTF-8 text (byte 19) (run `autofacts check`)" in str(caught.value)


def test_seed_problem_confines_paths(kb_copy: Path, tmp_path: Path) -> None:
    kb = load_knowledge_base(kb_copy)
    assert seed_problem(kb, "000_5d12c1107267f4b1.txt") is None
    assert (
        seed_problem(kb, "../facts/sources.yaml") == "seed file '../facts/sources.yaml' climbs out of the seeds folder"
    )
    assert seed_problem(kb, "/etc/hostname") == (
        "seed file '/etc/hostname' must be a name inside the seeds folder, not an absolute path"
    )
    assert (
        seed_problem(kb, "C:/x.txt")
        == "seed file 'C:/x.txt' must be a name inside the seeds folder, not an absolute path"
    )
    assert seed_problem(kb, "nowhere.txt") == "seed file 'nowhere.txt' not found in seeds"
    if hasattr(os, "symlink"):
        (tmp_path / "outside.txt").write_text("x", encoding="utf-8")
        (kb_copy.parent / "seeds" / "out.txt").symlink_to(tmp_path / "outside.txt")
        assert seed_problem(kb, "out.txt") == "seed file 'out.txt' resolves outside the seeds folder (a link?)"


def test_read_document_errors_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Umsatz 5 % höher".encode("latin-1"))
    (tmp_path / "bom.txt").write_bytes("\ufeffIn 2024, 5 %.".encode())
    assert read_document(str(tmp_path / "bom.txt")) == "In 2024, 5 %."
    cases = {
        str(tmp_path): f"{tmp_path}: cannot read: a folder, not a file",
        str(tmp_path / "latin1.txt"): f"{tmp_path / 'latin1.txt'}: not UTF-8 text (byte 12)",
        str(tmp_path / "none.txt"): f"{tmp_path / 'none.txt'}: cannot read: No such file or directory",
    }
    for file, message in cases.items():
        with pytest.raises(UsageError) as caught:
            read_document(file)
        assert str(caught.value) == message
