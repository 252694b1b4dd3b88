"""Curation that survives kills and races (issue 24): every write a transaction, one writer at a time.

Kill tests: the command runs in a forked process that kills itself (SIGKILL, no clean-up of any
kind) at its Nth durable step (AUTOFACTS_KILL_AT_STEP, counted by transaction.step), for every N
until the command finishes without reaching it. After each kill the next command (here `check`,
a reader) settles what was left, and the base must then be byte for byte as before the command or
as after it; no temporary file may remain; and running the same command again must succeed.
Race tests: forked processes run at once; nothing is lost, no id is used twice, `check` is clean.
"""

from __future__ import annotations

import io
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from autofacts.knowledge.load import load_knowledge_base
from autofacts.knowledge.model import Metric
from autofacts.transaction import KILL_VAR, WAIT_VAR

ARTICLE = (
    "BEIJING, Jan. 12, 2023 -- China's automobile production and sales reached 27.021 million and 26.864 million "
    "units in 2022, up 3.4 percent and 2.1 percent year on year respectively, the China Association of Automobile "
    "Manufacturers said on Thursday.\n"
)
# Two candidates with every field filled in, as `add` writes them (review_file.review_yaml's layout).
REVIEW = """\
source: "caam"
file: "caam.txt"
candidates:
  - figure: "27.021 million"
    at: "83"
    value: "27021000"
    unit: "vehicles"
    qualifier: "exact"
    metric: "vehicle-production"
    region: "China"
    period: "2022"
    kind: "actual"
    quote: "{q}"
  - figure: "26.864 million"
    at: "101"
    value: "26864000"
    unit: "vehicles"
    qualifier: "exact"
    metric: "vehicle-sales"
    region: "China"
    period: "2022"
    kind: "actual"
    quote: "{q}"
""".format(q=ARTICLE.strip())


def snapshot(base: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under `base`, but autofacts' own lock folder."""
    if not base.exists():
        return {}
    out: dict[str, bytes | None] = {}
    for path in sorted(base.rglob("*")):
        name = path.relative_to(base).as_posix()
        if name == ".autofacts" or name.startswith(".autofacts/"):
            continue
        out[name] = None if path.is_dir() else path.read_bytes()
    return out


def in_child(action: Callable[[], int], kill_at: int | None = None, stdin: str = "") -> int:
    """Run `action` in a forked process; its exit status, or -9 when it was killed."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            import autofacts.transaction

            autofacts.transaction._steps["n"] = 0
            if kill_at is not None:
                os.environ[KILL_VAR] = str(kill_at)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            sys.stdin = io.StringIO(stdin)
            code = action()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def cli(*args: str) -> Callable[[], int]:
    """The real CLI, as a function for a child process."""

    def action() -> int:
        from autofacts.cli import app

        try:
            app(list(args), prog_name="autofacts")
        except SystemExit as exc:
            return int(exc.code or 0)
        return 0

    return action


def temporary_files(base: Path) -> list[str]:
    """Temporary files in the base a person could see (autofacts' own folder is checked apart)."""
    return sorted(
        p.name for p in base.rglob("*") if p.name.endswith((".af-tmp", ".tmp")) and ".autofacts" not in p.parts
    )


def own_folder(base: Path) -> list[str]:
    return sorted(os.listdir(base / ".autofacts"))


def kill_everywhere(base: Path, action: Callable[[], int], reset: Callable[[], None], run, stdin: str = "") -> dict:
    """Kill `action` at each of its steps in turn (the base `reset` before each). After each kill a
    reader settles the base, which must be as before or as after; the same command run again must
    then do what it does on a base as before (finish: `after`) or as after (what a second run does,
    measured first: `again`). Returns the counts, and the states for the caller's own checks."""
    reset()
    before = snapshot(base)
    assert in_child(action, stdin=stdin) == 0
    after = snapshot(base)
    assert after != before
    again_status = in_child(action, stdin=stdin)
    again = snapshot(base)
    seen = {"before": 0, "after": 0, "steps": 0}
    for n in range(1, 60):
        reset()
        status = in_child(action, kill_at=n, stdin=stdin)
        if status == 0:  # the command has fewer steps than n: every one was tried
            seen["steps"] = n - 1
            break
        assert status == -signal.SIGKILL, f"step {n}: exit {status}"
        run("check", "--facts", str(base / "facts"))  # a reader: settles what the killed command left
        state = snapshot(base)
        assert state in (before, after), f"killed at step {n}: the base is neither as before nor as after"
        seen["before" if state == before else "after"] += 1
        assert temporary_files(base) == []
        assert not (base / ".autofacts" / "journal").exists()  # acted on and removed
        status = in_child(action, stdin=stdin)  # the same command again
        expected = (0, after) if state == before else (again_status, again)
        assert (status, snapshot(base)) == expected, f"killed at step {n}: running the command again"
        assert own_folder(base) == ["apply", "holder", "lock"]  # not even a temporary journal is left
    return {"seen": seen, "after": after, "again": again, "again_status": again_status}


@pytest.fixture
def fresh(tmp_path: Path, run):
    """A base in tmp_path/kb with the article registered and its review file as REVIEW."""
    base = tmp_path / "kb"

    def make() -> None:
        import shutil

        if base.exists():
            shutil.rmtree(base)
        assert run("init", str(base)).exit_code == 0
        (base / "seeds" / "caam.txt").write_text(ARTICLE, encoding="utf-8")
        (tmp_path / "caam.txt").write_text(ARTICLE, encoding="utf-8")
        return None

    return base, make


def test_init_killed_at_every_step_leaves_nothing_or_a_whole_base(tmp_path: Path, run) -> None:
    import shutil

    base = tmp_path / "kb"

    def reset() -> None:
        if base.exists():
            shutil.rmtree(base)

    reset()
    assert in_child(cli("init", str(base))) == 0
    after = snapshot(base)
    assert sorted(after) == ["facts", "facts/metrics.yaml", "facts/sources.yaml", "seeds"]
    results = {"before": 0, "after": 0}
    n = 0
    for n in range(1, 60):
        reset()
        status = in_child(cli("init", str(base)), kill_at=n)
        if status == 0:
            break
        assert status == -signal.SIGKILL
        # the next command: init again, which settles what was left and then finds the folder
        # empty (before) or refuses a folder holding a whole base (after)
        if (base / "facts").exists():
            run("check", "--facts", str(base / "facts"))
        state_before_rerun = snapshot(base)
        assert state_before_rerun in ({}, after), f"killed at step {n}: {sorted(state_before_rerun)}"
        assert temporary_files(base) == []
        results["before" if state_before_rerun == {} else "after"] += 1
        rerun = in_child(cli("init", str(base)))
        assert rerun == (0 if state_before_rerun == {} else 1)
        assert snapshot(base) == after
        assert own_folder(base) == ["apply", "holder", "lock"]
    # journal "prepare" (temporary, renamed: 2 steps), 2 folders, 2 files staged, journal "commit" (2),
    # 2 renames, journal removed: 11 steps. Killed up to the commit journal's rename (step 8): before.
    assert n - 1 == 11
    assert results == {"before": 7, "after": 4}


def test_add_killed_at_every_step_is_before_or_after_and_runs_again(fresh, run, tmp_path: Path) -> None:
    base, make = fresh

    def reset() -> None:
        make()
        (base / "seeds" / "caam.txt").unlink()

    add = cli("add", str(tmp_path / "caam.txt"), "--id", "caam", "--title", "CAAM 2022", "--published",
              "2023-01-12", "--facts", str(base / "facts"))  # fmt: skip
    result = kill_everywhere(base, add, reset, run)
    # journal (2), the review folder, 3 files staged, journal (2), 3 renames, journal removed: 12 steps;
    # the commit point is the 8th
    assert result["seen"] == {"before": 7, "after": 5, "steps": 12}
    # `add` run again once it is done: nothing to do, nothing changed
    assert (result["again_status"], result["again"]) == (0, result["after"])


def test_review_killed_at_every_step_never_files_a_figure_twice(fresh, run) -> None:
    base, make = fresh

    def reset() -> None:
        make()
        sources = base / "facts" / "sources.yaml"
        sources.write_text(
            "sources:\n  - id: caam\n    file: caam.txt\n    title: CAAM 2022\n    published: 2023-01-12\n"
            "    language: en\n",
            encoding="utf-8",
        )
        (base / "review").mkdir()
        (base / "review" / "caam.yaml").write_text(REVIEW, encoding="utf-8")

    review = cli("review", "caam", "--facts", str(base / "facts"))
    result = kill_everywhere(base, review, reset, run, stdin="a\n")
    # journal (2), 2 files staged (facts, review), journal (2), 2 renames, journal removed: 9 steps
    assert result["seen"] == {"before": 5, "after": 4, "steps": 9}
    # one accept: the first figure filed once, the second still waiting
    facts = result["after"]["facts/caam.yaml"].decode()
    assert facts.count("  - id: ") == 1 and "  - id: china-vehicle-production-2022\n" in facts
    assert result["after"]["review/caam.yaml"].decode().count("- figure:") == 1
    # the same `review` again accepts the second, never the first again; the review file goes
    twice = result["again"]["facts/caam.yaml"].decode()
    assert [line for line in twice.splitlines() if line.startswith("  - id: ")] == [
        "  - id: china-vehicle-production-2022",
        "  - id: china-vehicle-sales-2022",
    ]
    assert "review/caam.yaml" not in result["again"]


def test_defining_a_metric_killed_at_every_step(fresh, run) -> None:
    base, make = fresh

    def define() -> int:
        from autofacts.curation.filing import define_metric
        from autofacts.errors import AutofactsError

        kb = load_knowledge_base(base / "facts")
        metric = Metric(id="charging-piles", name="Charging piles", unit="units", measure="stock")
        try:
            define_metric(kb, metric)
        except AutofactsError:
            return 1
        return 0

    result = kill_everywhere(base, define, make, run)
    # journal (2), metrics.yaml staged, journal (2), 1 rename, journal removed: 7 steps
    assert result["seen"] == {"before": 4, "after": 3, "steps": 7}
    assert "  - id: charging-piles\n" in result["after"]["facts/metrics.yaml"].decode()
    # defining it again is refused ("already exists") and changes nothing
    assert (result["again_status"], result["again"]) == (1, result["after"])


# --- races --------------------------------------------------------------------------------------


def test_twenty_adds_at_once_lose_nothing(fresh, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base, make = fresh
    make()
    monkeypatch.setenv(WAIT_VAR, "120")
    pids = []
    for n in range(20):
        article = tmp_path / f"article-{n:02d}.txt"
        article.write_text(f"In 2024, maker {n} sold {1000 + n} vehicles in China.\n", encoding="utf-8")
        action = cli("add", str(article), "--id", f"a{n:02d}", "--title", f"Article {n}", "--published",
                     "2025-01-10", "--facts", str(base / "facts"))  # fmt: skip
        pid = os.fork()
        if pid == 0:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            code = 70
            try:
                code = action()
            finally:
                os._exit(code)
        pids.append(pid)
    statuses = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
    assert statuses == [0] * 20
    kb = load_knowledge_base(base / "facts")
    assert sorted(kb.sources) == [f"a{n:02d}" for n in range(20)]
    assert sorted(p.name for p in (base / "seeds").iterdir()) == [f"article-{n:02d}.txt" for n in range(20)] + [
        "caam.txt"
    ]
    assert sorted(p.name for p in (base / "review").iterdir()) == [f"a{n:02d}.yaml" for n in range(20)]
    checked = run("check", "--facts", str(base / "facts"))
    assert checked.exit_code == 0, checked.stdout
    assert temporary_files(base) == []


def test_two_reviews_of_one_source_at_once_file_each_figure_once(fresh, run, monkeypatch: pytest.MonkeyPatch) -> None:
    base, make = fresh
    make()
    monkeypatch.setenv(WAIT_VAR, "120")
    (base / "facts" / "sources.yaml").write_text(
        "sources:\n  - id: caam\n    file: caam.txt\n    title: CAAM 2022\n    published: 2023-01-12\n    language: en\n",
        encoding="utf-8",
    )
    (base / "review").mkdir()
    (base / "review" / "caam.yaml").write_text(REVIEW, encoding="utf-8")
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()

    def review() -> int:
        """A session that has read the candidates, waits until the other has too, then accepts all."""
        from rich.console import Console

        from autofacts.curation.review import Session, Terminal

        term = Terminal(io.StringIO("a\na\na\n"), Console(file=io.StringIO()))
        session = Session(load_knowledge_base(base / "facts"), "caam", term)
        os.write(ready_w, b"r")
        os.read(go_r, 1)
        return len(session.run().accepted)  # the exit status: how many this session filed

    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            code = 70
            try:
                code = review()
            finally:
                os._exit(code)
        pids.append(pid)
    assert os.read(ready_r, 1) + os.read(ready_r, 1) == b"rr"  # both showing the first candidate
    os.write(go_w, b"gg")
    filed = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
    assert sum(filed) == 2  # each figure filed by one session or the other, none by both
    facts = (base / "facts" / "caam.yaml").read_text(encoding="utf-8")
    ids = [line.split(": ")[1] for line in facts.splitlines() if line.startswith("  - id: ")]
    assert sorted(ids) == ["china-vehicle-production-2022", "china-vehicle-sales-2022"]
    assert not (base / "review" / "caam.yaml").exists()
    checked = run("check", "--facts", str(base / "facts"))
    assert checked.exit_code == 0, checked.stdout


def test_ten_metrics_defined_at_once_are_all_kept(fresh, run) -> None:
    base, make = fresh
    make()
    pids = []
    for n in range(10):

        def define(n: int = n) -> int:
            from autofacts.curation.filing import define_metric

            kb = load_knowledge_base(base / "facts")
            define_metric(kb, Metric(id=f"new-metric-{n}", name=f"New {n}", unit="units", measure="stock"))
            return 0

        pid = os.fork()
        if pid == 0:
            code = 70
            try:
                code = define()
            finally:
                os._exit(code)
        pids.append(pid)
    assert [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids] == [0] * 10
    kb = load_knowledge_base(base / "facts")
    assert sorted(m for m in kb.metrics if m.startswith("new-metric-")) == [f"new-metric-{n}" for n in range(10)]
    assert run("check", "--facts", str(base / "facts")).exit_code == 0


def test_a_second_writer_waits_then_says_who_holds_the_base(fresh, run, tmp_path: Path, monkeypatch) -> None:
    from autofacts.transaction import locked

    base, make = fresh
    make()
    monkeypatch.setenv(WAIT_VAR, "0.2")
    monkeypatch.setattr(sys, "argv", ["autofacts", "review", "caam"])
    with locked(base):
        result = run("add", str(tmp_path / "caam.txt"), "--id", "caam", "--title", "CAAM", "--published",
                     "2023-01-12", "--facts", str(base / "facts"))  # fmt: skip
        readers = run("check", "--facts", str(base / "facts"))  # a reader is never blocked
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"autofacts: error[E006]: the knowledge base {base} is being changed by pid {os.getpid()} "
        "(autofacts review caam) since "
    )
    assert result.stderr.endswith("; try again when it is done (or wait longer: AUTOFACTS_WAIT=SECONDS)\n")
    assert readers.exit_code == 0
