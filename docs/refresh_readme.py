"""Re-run the commands shown in README.md and put their real output back in place.

Run after changing what a command prints:  python docs/refresh_readme.py
(uses the `autofacts` on PATH, at 80 columns as most terminals open, without colour). A code block is refreshed when
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
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
ENV = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}


def run(args: list[str]) -> str:
    with tempfile.TemporaryDirectory() as elsewhere:
        shutil.copytree(README.parent / "docs" / "examples", Path(elsewhere) / "docs" / "examples")
        result = subprocess.run(["autofacts", *args], capture_output=True, text=True, env=ENV, cwd=elsewhere)
    return (result.stdout + result.stderr).rstrip("\n")


def session(body: str, answers: list[str]) -> str:
    """Run a walk-through's commands in order, in one scratch folder, as a new user would."""
    env = dict(ENV)
    out = []
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copytree(README.parent / "docs" / "examples", Path(scratch) / "docs" / "examples")
        for line in body.split("\n"):
            if not line.startswith("$ "):
                continue
            out.append(line)
            if line.startswith("$ export "):
                name, _, value = line[len("$ export ") :].partition("=")
                env[name] = value
                continue
            args = shlex.split(line[2:])
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
    if first.startswith("cn-nev-share-2025 · nev-share"):
        return run(["cite", "cn-nev-share-2025"]) + "\n"
    if re.match(r"\d+ metrics", first):
        return "\n".join(run(["metrics"]).split("\n")[:13]) + "\n...\n"
    return None


def main() -> None:
    lines = README.read_text(encoding="utf-8").split("\n")
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
    README.write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
