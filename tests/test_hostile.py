"""Hostile knowledge-base files: one small file per case under tests/hostile/.

Each file is dropped into a copy of the shipped knowledge base. Its first line says what `check`
must report (`# expect: CODE LINE:COL message`, or `# expect: OK`); the position is in the file
itself. Whatever the case, no traceback reaches the user and queries fail with one line or work.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent / "hostile"
# Cases whose bytes cannot carry a comment.
EXPECT = {"empty-bytes.yaml": "E101 1:1 file is empty"}


def expectation(path: Path) -> str:
    if path.name in EXPECT:
        return EXPECT[path.name]
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8-sig").strip()
    assert first.startswith("# expect: "), f"{path.name} names no expectation"
    return first[len("# expect: ") :]


CASES = sorted(p.name for p in HOSTILE.iterdir() if p.suffix == ".yaml")


def test_there_are_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", CASES)
def test_hostile_file(run, kb_copy: Path, name: str) -> None:
    shutil.copy(HOSTILE / name, kb_copy / f"zz-{name}")
    result = run("check", "--facts", str(kb_copy))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    expected = expectation(HOSTILE / name)
    if expected == "OK":
        assert result.exit_code == 0, result.stdout
        return
    code, position, message = re.match(r"(E\d+) (\d+:\d+) (.*)", expected).groups()  # type: ignore[union-attr]
    assert result.exit_code == 1
    wanted = f"{kb_copy}/zz-{name}:{position}: error[{code}]: {message}"
    assert any(line.startswith(wanted) for line in result.stdout.splitlines()), result.stdout

    for args in (["show", "nev-share"], ["targets"], ["export"]):
        query = run(*args, "--facts", str(kb_copy))
        assert "Traceback" not in query.stdout + query.stderr
        assert query.exit_code in (0, 1)
        if query.exit_code == 1:
            assert len(query.stderr.strip().splitlines()) == 1
