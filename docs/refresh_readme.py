"""Re-run the commands shown in README.md and docs/*.md and put their real output back in place.

Run after changing what a command prints:  python docs/refresh_readme.py [--check] [FILE ...]
(--check changes nothing: it lists the pages whose shown output is no longer what the commands print,
and exits 1 if there is one; tests/test_docs.py runs it)
(runs `python -m autofacts` with this Python, at 80 columns as most terminals open, without colour). A code block is refreshed when
its first line is `$ autofacts ...`, or when it starts as the coverage, cite or metrics examples do.
A block starting `$ autofacts init` is a session: its commands run in order in one scratch folder
(holding a copy of docs/examples), `$ export` lines set variables, and `autofacts review` reads the
answers given in an `<!-- review input: a, e, ... -->` comment on the line before the block.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# The autofacts of the Python running this script, so a test run sees the code under test.
AUTOFACTS = [sys.executable, "-m", "autofacts"]
ENV = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}


def run(args: list[str]) -> str:
    with tempfile.TemporaryDirectory() as elsewhere:
        shutil.copytree(ROOT / "docs" / "examples", Path(elsewhere) / "docs" / "examples")
        result = subprocess.run([*AUTOFACTS, *args], capture_output=True, text=True, env=ENV, cwd=elsewhere)
    return (result.stdout + result.stderr).rstrip("\n")


def session(body: str, answers: list[str]) -> str:
    """Run a walk-through's commands in order, in one scratch folder, as a new user would."""
    env = dict(ENV)
    out = []
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copytree(ROOT / "docs" / "examples", Path(scratch) / "docs" / "examples")
        for line in body.split("\n"):
            if not line.startswith("$ "):
                continue
            out.append(line)
            if line.startswith("$ export "):
                name, _, value = line[len("$ export ") :].partition("=")
                env[name] = value
                continue
            args = shlex.split(line[2:])
            if args[0] == "autofacts":
                args = [*AUTOFACTS, *args[1:]]
            stdin = "".join(a + "\n" for a in answers) if args[1:2] == ["review"] else ""
            result = subprocess.run(args, input=stdin, capture_output=True, text=True, env=env, cwd=scratch)
            text = (result.stdout + result.stderr).rstrip("\n")
            if text:
                out.append(text)
    return "\n".join(out) + "\n"


def refreshed(body: str, before: str = "") -> str | None:
    first = body.split("\n", 1)[0]
    if first.startswith("$ autofacts init"):
        given = re.match(r"<!-- review input: (.*) -->", before)
        return session(body, [a.strip() for a in given.group(1).split(",")] if given else [])
    if first.startswith("$ autofacts") and "seeds/gz-2026.txt" not in first:
        commands = [line for line in body.split("\n") if line.startswith("$ autofacts ")]
        return "\n".join(c + "\n" + run(shlex.split(c)[2:]) for c in commands) + "\n"
    if first.startswith("Coverage of the sources by facts"):
        return run(["coverage"]) + "\n"
    if first.startswith("cn-nev-domestic-share-2025 · nev-domestic-share"):
        return run(["cite", "cn-nev-domestic-share-2025"]) + "\n"
    if re.match(r"\d+ metrics", first):
        return "\n".join(run(["metrics"]).split("\n")[:13]) + "\n...\n"
    return None


def refreshed_page(text: str) -> str:
    """The page with every refreshable code block's output run again."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        fence = lines[i]
        out.append(fence)
        i += 1
        if not fence.startswith("```"):
            continue
        body = []
        while i < len(lines) and lines[i] != "```":
            body.append(lines[i])
            i += 1
        before = lines[i - len(body) - 2] if i - len(body) - 2 >= 0 else ""
        new = refreshed("\n".join(body) + "\n", before) if fence == "```" else None  # ```sh, ```yaml: as written
        out.extend(new.rstrip("\n").split("\n") if new is not None else body)
        if i < len(lines):
            out.append(lines[i])  # the closing fence
            i += 1
    return "\n".join(out)


def _undated(text: str) -> str:
    """The page with the as-of date a command takes from today's date masked: it changes daily."""
    return re.sub(r"(as of:?) \d{4}-\d{2}-\d{2}", r"\1 <today>", text)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    named = [Path(a).resolve() for a in argv if a != "--check"]
    stale = []
    for page in named or PAGES:
        text = page.read_text(encoding="utf-8")
        new = refreshed_page(text)
        if (_undated(new) != _undated(text)) if check else (new != text):
            stale.append(page.relative_to(ROOT))
            if not check:
                page.write_text(new, encoding="utf-8")
    for page in stale:
        print(f"{page}: {'shown output is not what the commands print now; run python docs/refresh_readme.py' if check else 'refreshed'}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
