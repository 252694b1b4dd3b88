"""Nothing outside the base, and a clear line for every bad name and place (issue 24).

A source id with `../`, `seeds: ..`, folders that are links leading out of the base: refused, and
nothing outside is read or written (each outside file holds a secret that must never be shown, and
keeps its bytes). Long, non-UTF-8 or control-character names and titles: one line, exit 1 or 2.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autofacts.knowledge.names import as_text, file_name_problem, id_problem

ARTICLE = "In 2024, BYD sold 4.27 million vehicles in China, up 41 percent.\n"
SOURCES = "sources:\n  - id: {id}\n    file: {file}\n    title: T\n    published: 2025-01-10\n    language: en\n"
REVIEW = 'source: "x"\nfile: "a.txt"\ncandidates:\n  - figure: "4.27"\n    quote: "swordfish 4.27"\n'


@pytest.fixture
def base(tmp_path: Path, run) -> Path:
    """A new base in tmp_path/kb, an article beside it, and a folder `outside` with a secret."""
    assert run("init", str(tmp_path / "kb")).exit_code == 0
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "id_rsa").write_text("PRIVATE swordfish\n", encoding="utf-8")
    return tmp_path / "kb"


def add(run, base: Path, *extra: str, file: str | None = None, source_id: str = "byd"):
    article = file or str(base.parent / "a.txt")
    return run("add", article, "--id", source_id, "--title", "BYD 2024", "--published", "2025-01-10",
               "--facts", str(base / "facts"), *extra)  # fmt: skip


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_ids_and_file_names_by_hand() -> None:
    assert id_problem("caam-2024") is None
    assert id_problem("../x") == "use lower-case letters, digits and '-' (e.g. caam-2024-annual)"
    assert id_problem("a" * 81) == "it is 81 characters long (at most 80)"
    assert id_problem("a" * 80) is None
    assert file_name_problem("Old_Source.2") is None  # hand-written ids of older bases still name files
    assert file_name_problem("../../outside/victim") == (
        "it holds a path ('/', '\\' or '..') and would name a file outside its folder"
    )
    assert file_name_problem("a..b") == "it holds a path ('/', '\\' or '..') and would name a file outside its folder"
    assert file_name_problem(".hidden") == "it would name a hidden file"
    assert file_name_problem("tab\there") == "it holds control characters or bytes that are not UTF-8"
    assert file_name_problem("\udcff.txt") == "it holds control characters or bytes that are not UTF-8"
    assert as_text("\udcff.txt") == "\\xff.txt"


def test_a_source_id_climbing_out_is_reported_and_never_reviewed(base: Path, run) -> None:
    outside = base.parent / "outside"
    (outside / "victim.yaml").write_text(REVIEW, encoding="utf-8")
    (base / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (base / "facts" / "sources.yaml").write_text(
        SOURCES.format(id="../../outside/victim", file="a.txt"), encoding="utf-8"
    )
    checked = run("check", "--facts", str(base / "facts"))
    assert checked.exit_code == 1
    assert checked.stdout == (
        f"{base}/facts/sources.yaml:2:5: error[E115]: source id '../../outside/victim' cannot name a file: "
        "it holds a path ('/', '\\' or '..') and would name a file outside its folder\n"
        "1 error in 1 file (0 facts, 166 metrics, 1 source)\n"
    )
    before = files(outside)
    reviewed = run("review", "../../outside/victim", "--facts", str(base / "facts"), input="a\n")
    assert reviewed.exit_code == 1
    assert reviewed.stderr == (
        "autofacts: error[E003]: source id '../../outside/victim' cannot name a review file: "
        "it holds a path ('/', '\\' or '..') and would name a file outside its folder\n"
    )
    assert "swordfish" not in reviewed.stdout + reviewed.stderr
    assert files(outside) == before


def test_add_refuses_an_id_that_is_a_path(base: Path, run) -> None:
    result = add(run, base, source_id="../x")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "autofacts: error[U001]: --id '../x': use lower-case letters, digits and '-' (e.g. caam-2024-annual)\n"
    )


def test_seeds_dotdot_is_refused_and_nothing_outside_is_shown(base: Path, run) -> None:
    # the base's parent holds the secret (as ~ holds ~/.ssh for a base in ~/kb)
    (base.parent / "id_rsa").write_text("PRIVATE swordfish\n", encoding="utf-8")
    (base / "facts" / "sources.yaml").write_text("seeds: ../..\n" + SOURCES.format(id="key", file="id_rsa"))
    checked = run("check", "--facts", str(base / "facts"))
    assert checked.exit_code == 1
    assert f"error[E112]: the seeds folder '{base}/facts/../..' lies outside {base}, the folder that holds" in (
        checked.stdout
    )
    (base / "facts" / "sources.yaml").write_text("seeds: ..\n" + SOURCES.format(id="key", file="facts/metrics.yaml"))
    checked = run("check", "--facts", str(base / "facts"))
    assert f"error[E112]: the seeds folder '{base}/facts/..' is {base} itself, the folder that holds the facts" in (
        checked.stdout
    )
    (base / "facts" / "sources.yaml").write_text("seeds: ../../outside\n" + SOURCES.format(id="key", file="id_rsa"))
    for argv in (["check"], ["coverage"], ["report", "-o", str(base.parent / "r.html")]):
        result = run(*argv, "--facts", str(base / "facts"))
        assert result.exit_code == 1
        assert "swordfish" not in result.stdout + result.stderr
    assert not (base.parent / "r.html").exists()
    refused = add(run, base)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"autofacts: error[E007]: the seeds folder '{base}/facts/../../outside' lies outside {base}, "
        "the folder that holds the facts\n"
    )
    assert sorted(os.listdir(base.parent / "outside")) == ["id_rsa"]


@pytest.mark.parametrize("folder", ["review", "seeds"])
def test_add_never_writes_through_a_folder_that_is_a_link_out(base: Path, run, folder: str) -> None:
    outside = base.parent / "outside"
    link = base / folder
    if link.exists():
        link.rmdir()
    link.symlink_to(outside)
    before = files(base / "facts")
    result = add(run, base)
    assert result.exit_code == 1
    expected = {
        "review": f"autofacts: error[E007]: {base}/review/byd.yaml: the review folder leads outside the knowledge "
        f"base {base} (a link?): refused\n",
        "seeds": f"autofacts: error[E007]: the seeds folder '{base}/seeds' lies outside {base}, the folder that "
        "holds the facts\n",
    }
    assert result.stderr == expected[folder]
    assert sorted(os.listdir(outside)) == ["id_rsa"]
    assert files(base / "facts") == before


def test_add_never_writes_through_a_seed_that_is_a_link(base: Path, run) -> None:
    (base / "seeds" / "a.txt").symlink_to(base.parent / "outside" / "planted.txt")
    result = add(run, base)
    assert result.exit_code == 1
    assert result.stderr == (
        f"autofacts: error[E007]: {base}/seeds/a.txt is a symbolic link: autofacts writes only regular files "
        "inside the base\n"
    )
    assert sorted(os.listdir(base.parent / "outside")) == ["id_rsa"]


def test_review_never_reads_a_facts_file_that_is_a_link_out(base: Path, run) -> None:
    (base / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (base / "facts" / "sources.yaml").write_text(SOURCES.format(id="byd", file="a.txt"), encoding="utf-8")
    (base / "review").mkdir()
    (base / "review" / "byd.yaml").write_text(
        'source: "byd"\nfile: "a.txt"\ncandidates:\n  - figure: "4.27 million"\n    at: "18"\n'
        '    value: "4270000"\n    unit: "vehicles"\n    metric: "vehicle-sales"\n    region: "China"\n'
        f'    period: "2024"\n    quote: "{ARTICLE.strip()}"\n',
        encoding="utf-8",
    )
    target = base.parent / "outside" / "id_rsa"
    (base / "facts" / "byd.yaml").symlink_to(target)
    result = run("review", "byd", "--facts", str(base / "facts"), input="a\n")
    assert f"refused: {base}/facts/byd.yaml is a symbolic link: autofacts writes only regular files" in result.stdout
    assert "swordfish" not in result.stdout + result.stderr
    assert target.read_text(encoding="utf-8") == "PRIVATE swordfish\n"


# --- bad names and places: one line, exit 1 or 2 -------------------------------------------------


def test_long_ids_titles_and_folders_are_one_line(base: Path, run, tmp_path: Path) -> None:
    long = "a" * 5000
    result = add(run, base, source_id=long)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"autofacts: error[U001]: --id '{'a' * 187}…{'a' * 12}': it is 5000 characters long (at most 80)\n"
    )
    result = run("add", str(tmp_path / "a.txt"), "--id", "ok", "--title", long, "--published", "2025-01-10",
                 "--facts", str(base / "facts"))  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        2,
        "autofacts: error[U001]: --title is 5000 characters long (at most 1000)\n",
    )
    made = run("init", str(tmp_path / long))
    assert made.exit_code == 1
    assert made.stderr.endswith(": cannot make a knowledge base here: File name too long\n")
    assert "internal error" not in made.stderr and made.stderr.count("\n") == 1
    facts = run("--facts", str(tmp_path / long), "check")
    assert facts.exit_code == 1
    assert facts.stderr == (
        f"autofacts: error[E001]: {tmp_path / ('a' * (100 - len(str(tmp_path)) - 1))}…{'a' * 12}: "
        "cannot use this folder: File name too long\n"
    )


def test_bytes_that_are_not_utf8_in_a_title_or_a_file_name(base: Path, run, tmp_path: Path) -> None:
    title = run("add", str(tmp_path / "a.txt"), "--id", "ok", "--title", "\udcff\udcfe", "--published", "2025-01-10",
                "--facts", str(base / "facts"))  # fmt: skip
    assert (title.exit_code, title.stderr) == (
        2,
        "autofacts: error[U001]: --title '\\xff\\xfe' is not UTF-8 text (the shell passed bytes it could not decode)\n",
    )
    odd = tmp_path / "\udcff.txt"
    odd.write_bytes(ARTICLE.encode())
    named = add(run, base, file=str(odd))
    assert named.exit_code == 2
    assert named.stderr == (
        f"autofacts: error[U001]: {tmp_path}/\\xff.txt: its name cannot name a seed file (it holds control "
        "characters or bytes that are not UTF-8); rename the file\n"
    )
    escape = run("add", str(tmp_path / "a.txt"), "--id", "ok", "--title", "red\x1b[31m", "--published", "2025-01-10",
                 "--facts", str(base / "facts"))  # fmt: skip
    assert escape.stderr == "autofacts: error[U001]: --title 'red\\x1b[31m' holds control characters\n"


def test_init_prints_an_export_line_the_shell_reads_back_as_the_path(tmp_path: Path, run) -> None:
    folder = tmp_path / "my kb $(touch pwned)"
    result = run("init", str(folder))
    assert result.exit_code == 0
    assert f"  export AUTOFACTS_FACTS='{folder}/facts'\n" in result.stdout
    odd = tmp_path / "\udcfdkb"
    result = run("init", str(odd))
    assert f"  export AUTOFACTS_FACTS=$'{tmp_path}/\\xfdkb/facts'\n" in result.stdout


def test_init_where_nothing_can_be_written_is_one_line(tmp_path: Path, run, monkeypatch) -> None:
    """A read-only folder (simulated: the tests may run as root, whom permissions do not stop)."""
    real_mkdir = Path.mkdir

    def refused(self: Path, *args: object, **kwargs: object) -> None:
        if self.name == "kb":
            raise PermissionError(13, "Permission denied")
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", refused)
    result = run("init", str(tmp_path / "kb"))
    assert (result.exit_code, result.stderr) == (
        1,
        f"autofacts: error[E003]: {tmp_path}/kb: cannot make a knowledge base here: Permission denied\n",
    )


def test_a_review_folder_that_cannot_be_written_files_nothing(base: Path, run, monkeypatch) -> None:
    """'refused' means nothing was written: not the fact, not the review file."""
    import autofacts.transaction

    (base / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (base / "facts" / "sources.yaml").write_text(SOURCES.format(id="byd", file="a.txt"), encoding="utf-8")
    (base / "review").mkdir()
    review = (
        'source: "byd"\nfile: "a.txt"\ncandidates:\n  - figure: "4.27 million"\n    at: "18"\n'
        '    value: "4270000"\n    unit: "vehicles"\n    metric: "vehicle-sales"\n    region: "China"\n'
        f'    period: "2024"\n    quote: "{ARTICLE.strip()}"\n'
    )
    (base / "review" / "byd.yaml").write_text(review, encoding="utf-8")
    real_write = autofacts.transaction._write_temp

    def read_only_review(shown: Path, tmp: Path, data: bytes) -> None:
        if tmp.parent.name == "review":
            raise autofacts.transaction.WriteRefused(f"cannot write {shown}: Permission denied")
        real_write(shown, tmp, data)

    monkeypatch.setattr(autofacts.transaction, "_write_temp", read_only_review)
    first = run("review", "byd", "--facts", str(base / "facts"), input="a\n")
    assert f"refused: cannot write {base}/review/byd.yaml: Permission denied" in first.stdout
    assert not (base / "facts" / "byd.yaml").exists()
    assert (base / "review" / "byd.yaml").read_text(encoding="utf-8") == review
    monkeypatch.setattr(autofacts.transaction, "_write_temp", real_write)
    second = run("review", "byd", "--facts", str(base / "facts"), input="a\n")
    assert "accepted: china-vehicle-sales-2024 → byd.yaml" in second.stdout
    assert (base / "facts" / "byd.yaml").read_text(encoding="utf-8").count("  - id: ") == 1
