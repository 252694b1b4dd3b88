"""Readers see one state of the base: never some files of a commit new and others still old.

The base below has 4 facts split over two files, a.yaml (source alpha) and b.yaml (source beta).
Every commit moves facts from one file to the other in one transaction, so the total is 4 before
and after each commit; a reader that saw a.yaml new and b.yaml old (or the reverse) would count
6 (a new with 3 facts, b still with 3) or 2 (a still with 1, b new with 1).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import autofacts
from autofacts.store import EVERYTHING
from autofacts.store.sqlite_store import open_sqlite_store
from autofacts.store.yaml_store import YamlStore
from autofacts.transaction import locked

_SOURCES = """\
sources:
  - id: alpha
    file: alpha.txt
    title: Alpha
    published: 2024
    language: en
  - id: beta
    file: beta.txt
    title: Beta
    published: 2025
    language: en
"""
_METRICS = """\
metrics:
  - id: sales
    name: Sales
    unit: vehicles
    measure: flow
"""


def _facts_file(source: str, count: int) -> str:
    """`count` facts of `source`, ids SOURCE-1..SOURCE-count (periods 2001, 2002... so none clash)."""
    lines = [f"source: {source}", "facts:" if count else "facts: []"]
    for n in range(1, count + 1):
        lines += [
            f"  - id: {source}-{n}",
            "    metric: sales",
            "    region: China",
            f"    period: {2000 + n}",
            "    kind: actual",
            f"    value: {n}",
            f"    quote: In {2000 + n} sales were {n}.",
        ]
    return "\n".join(lines) + "\n"


def _base(tmp_path: Path) -> Path:
    facts = tmp_path / "kb" / "facts"
    facts.mkdir(parents=True)
    (facts / "sources.yaml").write_text(_SOURCES, encoding="utf-8")
    (facts / "metrics.yaml").write_text(_METRICS, encoding="utf-8")
    (facts / "a.yaml").write_text(_facts_file("alpha", 1), encoding="utf-8")
    (facts / "b.yaml").write_text(_facts_file("beta", 3), encoding="utf-8")
    with locked(facts.parent):  # makes BASE/.autofacts, as `init` does
        pass
    return facts


# The writer: commits that move facts between a.yaml and b.yaml (1+3, 3+1, 1+3...), until the
# reader leaves a stop file or 20,000 commits are done. It prints "go" after its first commit.
_WRITER = """
import sys
from pathlib import Path
from autofacts.transaction import transaction
sys.path.insert(0, sys.argv[2])
from test_one_state import _facts_file
facts = Path(sys.argv[1])
for n in range(20000):
    alpha = 3 if n % 2 == 0 else 1
    with transaction(facts.parent) as tx:
        tx.replace(facts / "a.yaml", _facts_file("alpha", alpha))
        tx.replace(facts / "b.yaml", _facts_file("beta", 4 - alpha))
    if n == 0:
        print("go", flush=True)
    if (facts.parent / "stop").exists():
        break
"""


def test_every_read_sees_a_commit_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = _base(tmp_path)
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(tmp_path / "cache"))
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(facts), str(Path(__file__).parent)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "go\n"
        seen = []
        for n in range(150):  # both stores: the YAML parsed whole, and the cache brought up to date
            if n % 2:
                kb = YamlStore(facts, "facts").whole()
                seen.append((len(kb.facts), len([f for f in kb.facts if f.source == "alpha"])))
            else:
                store = open_sqlite_store(facts, "facts")
                every = store.facts(EVERYTHING)
                seen.append((len(every), len([f for f in every if f.source == "alpha"])))
                store.connection.close()
        (facts.parent / "stop").touch()
        assert writer.wait(timeout=60) == 0
    finally:
        if writer.poll() is None:
            writer.send_signal(signal.SIGKILL)
            writer.wait()
    assert {total for total, _ in seen} == {4}, seen
    assert {alpha for _, alpha in seen} <= {1, 3}


# Killed after the first rename of the commit (a.yaml new, b.yaml still old): steps 1-2 write the
# "prepare" journal, 3-4 the two temporary files, 5-6 the "commit" journal, 7 the first rename.
_KILLED = """
import sys
from pathlib import Path
from autofacts.transaction import transaction
sys.path.insert(0, sys.argv[2])
from test_one_state import _facts_file
facts = Path(sys.argv[1])
with transaction(facts.parent) as tx:
    tx.replace(facts / "a.yaml", _facts_file("alpha", 3))
    tx.replace(facts / "b.yaml", _facts_file("beta", 1))
"""


def _kill_between_renames(facts: Path) -> None:
    env = {**os.environ, "AUTOFACTS_KILL_AT_STEP": "7"}
    done = subprocess.run([sys.executable, "-c", _KILLED, str(facts), str(Path(__file__).parent)], env=env)
    assert done.returncode == -signal.SIGKILL
    assert "alpha-3" in (facts / "a.yaml").read_text(encoding="utf-8")  # renamed already
    assert "beta-2" in (facts / "b.yaml").read_text(encoding="utf-8")  # still the old one
    assert (facts.parent / ".autofacts" / "journal").exists()


def test_a_read_after_a_kill_between_renames_sees_the_after_state(tmp_path: Path) -> None:
    facts = _base(tmp_path)
    _kill_between_renames(facts)
    kb = YamlStore(facts, "facts").whole()
    assert sorted(f.id for f in kb.facts) == ["alpha-1", "alpha-2", "alpha-3", "beta-1"]
    assert not (facts.parent / ".autofacts" / "journal").exists()
    assert "beta-2" not in (facts / "b.yaml").read_text(encoding="utf-8")


def test_the_python_api_settles_what_a_killed_command_left(tmp_path: Path) -> None:
    facts = _base(tmp_path)
    _kill_between_renames(facts)
    autofacts.open(str(facts), cache=False)  # reads nothing yet: open itself settles, as the CLI does
    assert not (facts.parent / ".autofacts" / "journal").exists()
    assert "beta-2" not in (facts / "b.yaml").read_text(encoding="utf-8")
