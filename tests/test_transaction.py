"""The transaction module on its own: commit, recovery of each journal state, confinement, the lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from autofacts.transaction import BaseBusy, OutsideBase, WriteRefused, confine, locked, recover, transaction


def test_a_commit_writes_replaces_and_removes_together(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text("old\n", encoding="utf-8")
    (tmp_path / "gone.yaml").write_text("gone\n", encoding="utf-8")
    with transaction(tmp_path) as tx:
        tx.folder(tmp_path / "review")
        tx.create(tmp_path / "review" / "new.yaml", "new\n")
        tx.replace(tmp_path / "old.yaml", "changed\n")
        tx.remove(tmp_path / "gone.yaml")
    names = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert names == [
        ".autofacts",
        ".autofacts/apply",
        ".autofacts/holder",
        ".autofacts/lock",
        "old.yaml",
        "review",
        "review/new.yaml",
    ]
    assert (tmp_path / "old.yaml").read_text(encoding="utf-8") == "changed\n"
    assert (tmp_path / "review" / "new.yaml").read_text(encoding="utf-8") == "new\n"


def test_an_error_before_the_commit_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("a\n", encoding="utf-8")
    with pytest.raises(WriteRefused, match="exists: refusing to overwrite it"), transaction(tmp_path) as tx:
        tx.replace(tmp_path / "b.yaml", "b\n")
        tx.create(tmp_path / "a.yaml", "again\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".autofacts", "a.yaml"]


def _journal(base: Path, data: dict[str, object]) -> None:
    (base / ".autofacts").mkdir(exist_ok=True)
    (base / ".autofacts" / "journal").write_text(json.dumps(data), encoding="utf-8")


def test_a_prepared_change_is_undone(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    tmp = tmp_path / "seeds" / ".a.txt.1.af-tmp"
    tmp.write_text("half", encoding="utf-8")
    _journal(tmp_path, {"state": "prepare", "command": "autofacts add a.txt", "temps": [str(tmp)],
                        "folders": [str(tmp_path / "seeds")]})  # fmt: skip
    assert recover(tmp_path) == "a change interrupted earlier (autofacts add a.txt) was undone"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".autofacts"]  # the emptied folder went too
    assert recover(tmp_path) is None


def test_a_committed_change_is_finished(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("old\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("b is done already\n", encoding="utf-8")
    (tmp_path / "gone.yaml").write_text("x\n", encoding="utf-8")
    tmp = tmp_path / ".a.yaml.1.af-tmp"
    tmp.write_text("new\n", encoding="utf-8")
    renames = [[str(tmp), str(tmp_path / "a.yaml")], [str(tmp_path / ".b.yaml.1.af-tmp"), str(tmp_path / "b.yaml")]]
    _journal(tmp_path, {"state": "commit", "command": "c", "renames": renames,
                        "removals": [str(tmp_path / "gone.yaml")]})  # fmt: skip
    assert recover(tmp_path) == "a change interrupted earlier (c) was finished"
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == "new\n"
    assert (tmp_path / "b.yaml").read_text(encoding="utf-8") == "b is done already\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".autofacts", "a.yaml", "b.yaml"]


def test_writes_stay_inside_the_base(tmp_path: Path) -> None:
    base, outside = tmp_path / "kb", tmp_path / "outside"
    base.mkdir()
    outside.mkdir()
    (base / "review").symlink_to(outside)
    with pytest.raises(OutsideBase, match="leads outside the knowledge base"):
        confine(base, base / "review" / "x.yaml")
    (base / "x.yaml").symlink_to(outside / "x.yaml")
    with pytest.raises(OutsideBase, match="is a symbolic link"):
        confine(base, base / "x.yaml")
    assert confine(base, base / "y.yaml") == base.resolve() / "y.yaml"


def test_a_second_writer_waits_and_gives_up(tmp_path: Path) -> None:
    with (
        locked(tmp_path, wait=0),
        pytest.raises(BaseBusy, match="is being changed by pid"),
        locked(tmp_path, wait=0.05),
    ):
        pass
    with locked(tmp_path, wait=0):  # released: free again
        pass
