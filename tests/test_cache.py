"""The cache of parsed files: results identical with and without it, and it never gets in the way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate  # noqa: E402

QUESTIONS = [
    ["show", "nev-share"],
    ["show", "vehicle-production", "--region", "Chongqing"],
    ["compare", "2020", "2024"],
    ["compare", "2025-01/2025-11", "2024", "--all"],
    ["targets"],
    ["targets", "--year", "2025", "--as-of", "2026-06-30"],
    ["metrics"],
    ["sources"],
    ["export"],
    ["search", "chongqing"],
    ["coverage", "--details"],
]
GENERATED_QUESTIONS = [
    ["show", "production-nev", "--region", "Hebei"],
    ["show", "nev-share", "--since", "2025"],
    ["compare", "2020", "2024", "--region", "Hebei"],
    ["compare", "2025-03", "2024-03"],
    ["targets", "--year", "2025", "--region", "Hebei"],
    ["targets", "--year", "2025"],
    ["export"],
]


def outputs(run, facts: Path | None, questions: list[list[str]], *global_args: str) -> list[str]:
    where = ["--facts", str(facts)] if facts else []
    results = []
    for question in questions:
        result = run(*global_args, *question, *where, "--format", "json")
        assert result.exit_code == 0, (question, result.stderr)
        results.append(result.stdout)
    return results


def test_shipped_base_same_with_and_without_cache(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
    plain = outputs(run, None, QUESTIONS, "--no-cache")
    assert outputs(run, None, QUESTIONS) == plain  # builds the cache
    assert outputs(run, None, QUESTIONS) == plain  # uses it
    assert any((tmp_path / "cache").glob("kb-*.sqlite"))


def test_generated_base_same_with_and_without_cache(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generate(3000, tmp_path / "kb")
    facts = tmp_path / "kb" / "facts"
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
    assert run("--no-cache", "check", "--facts", str(facts)).exit_code == 0
    plain = outputs(run, facts, GENERATED_QUESTIONS, "--no-cache")
    assert outputs(run, facts, GENERATED_QUESTIONS) == plain
    assert outputs(run, facts, GENERATED_QUESTIONS) == plain


def test_an_edited_file_is_read_again(run, zh_example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kb_copy = zh_example  # with the worked Chinese example, whose twin of a removed fact stays
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
    assert "Share of NEVs" not in run("show", "nev-share", "--facts", str(kb_copy)).stdout
    path = kb_copy / "metrics.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: NEV share of new vehicle sales", "name: Share of NEVs")
    )
    assert "Share of NEVs" in run("show", "nev-share", "--facts", str(kb_copy)).stdout
    # a duplicate id introduced by an edit is seen by the next query, and goes with the next edit
    facts = kb_copy / "fyp14-review.yaml"
    original = facts.read_text(encoding="utf-8")
    facts.write_text(original.replace("id: cn-nev-share-2024", "id: cn-nev-share-2020"), encoding="utf-8")
    result = run("show", "nev-share", "--facts", str(kb_copy))
    assert result.exit_code == 1 and "error[E105]: duplicate fact id 'cn-nev-share-2020'" in result.stderr
    facts.write_text(original, encoding="utf-8")
    assert run("show", "nev-share", "--facts", str(kb_copy)).exit_code == 0
    (kb_copy / "xinhua-icv-plan.yaml").unlink()  # a removed file leaves the cache too
    shown = run("show", "nev-share", "--facts", str(kb_copy), "--format", "json").stdout
    assert '"cn-nev-share-2025-10"' not in shown and '"cn-nev-share-2025-10-zh"' in shown


def _the_cache(folder: Path) -> Path:
    return next(folder.glob("kb-*.sqlite"))


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other-version", "empty"])
def test_a_damaged_cache_is_rebuilt(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(cache))
    expected = run("--no-cache", "targets", "--format", "json").stdout
    assert run("targets", "--format", "json").stdout == expected
    path = _the_cache(cache)
    if damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        import sqlite3

        db = sqlite3.connect(path)
        db.execute("UPDATE meta SET value='0/0.0.0/elsewhere' WHERE key='version'")
        db.commit()
        db.close()
    for extra in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        extra.unlink(missing_ok=True)
    result = run("--verbose", "targets", "--format", "json")
    assert result.exit_code == 0 and result.stdout == expected
    assert "Traceback" not in result.stderr


def test_an_unwritable_cache_falls_back_to_the_yaml(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(blocker / "cache"))
    result = run("--verbose", "show", "nev-share", "--format", "json")
    assert result.exit_code == 0
    assert "not writable" in result.stderr and "reading the YAML instead" in result.stderr
    assert result.stdout == run("--no-cache", "show", "nev-share", "--format", "json").stdout
    assert run("show", "nev-share").stderr == ""  # said only under --verbose


def test_processes_building_the_cache_at_once(tmp_path: Path) -> None:
    generate(3000, tmp_path / "kb")
    env = {**os.environ, "AUTOFACTS_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    argv = [
        sys.executable,
        "-m",
        "autofacts",
        "compare",
        "2020",
        "2024",
        "--region",
        "Hebei",
        "--facts",
        str(tmp_path / "kb" / "facts"),
        "--format",
        "json",
    ]
    procs = [
        subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True) for _ in range(4)
    ]
    results = [p.communicate(timeout=180) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in results]
    assert len({out for out, _ in results}) == 1
    expected = subprocess.run(
        [*argv[:3], "--no-cache", *argv[3:]], capture_output=True, text=True, env=env, timeout=180
    )
    assert results[0][0] == expected.stdout


def _records(facts: Path) -> tuple[int, int, int]:
    """Dated facts with a kept export template, dated facts without one, undated facts (never one)."""
    import sqlite3

    from autofacts.store.schema import cache_path

    db = sqlite3.connect(cache_path(facts))
    try:
        row = db.execute(
            "SELECT SUM(period_start IS NOT NULL AND record IS NOT NULL),"
            " SUM(period_start IS NOT NULL AND record IS NULL), SUM(period_start IS NULL) FROM facts"
        ).fetchone()
    finally:
        db.close()
    return tuple(row)


def test_export_templates_are_rendered_by_the_first_export_and_again_after_an_edit(run, english_copy: Path) -> None:
    """`show` builds the cache without export's templates; the first export renders and keeps the
    58 dated facts' (the 21 undated take their period from the catalogue); an edit to one file
    (work-plan-2025.yaml, 9 dated facts) drops just its 9, and the next export shows the edit.
    (On the base without its Chinese release, which states the edited goal too.)"""
    kb_copy = english_copy
    where = ["--facts", str(kb_copy)]
    assert run("show", "nev-share", *where).exit_code == 0
    assert _records(kb_copy) == (0, 58, 21)
    first = run("export", *where).stdout
    assert _records(kb_copy) == (58, 0, 21)
    assert run("export", *where).stdout == first == run("--no-cache", "export", *where).stdout
    plan = kb_copy / "work-plan-2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("value: 32300000", "value: 32400000"), encoding="utf-8")
    assert run("show", "nev-share", *where).exit_code == 0
    assert _records(kb_copy) == (49, 9, 21)
    edited = run("export", *where).stdout
    assert edited.count('"value": 32400000') == 1 and '"value": 32300000' not in edited
    assert edited == run("--no-cache", "export", *where).stdout
    assert _records(kb_copy) == (58, 0, 21)
