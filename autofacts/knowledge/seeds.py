"""The seed texts: where they live, which paths are allowed, how they are read and named.

Every command that opens a seed (check, coverage, cite, extract's input, report) comes through
here, so the rules are stated once: a source's `file` is a name inside the seeds folder (no
absolute path, no `..`, no link leading out of it); the folder is `seeds/` beside the facts folder
unless a top-level `seeds:` key says otherwise; text is UTF-8 (a byte-order mark is dropped) of at
most files.MAX_SEED_BYTES; and a seed that is missing, a folder, a pipe, too large or not UTF-8 is
one line naming the source, never a traceback.
Paths are shown as the configured folder says ("texts/a.txt" for `seeds: ../texts`).
"""

from __future__ import annotations

import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from autofacts.errors import AutofactsError, UsageError
from autofacts.knowledge.model import KnowledgeBase, Location, Problem, Source


class SeedError(AutofactsError):
    """A source's seed file cannot be used: a problem in the knowledge base (E112)."""

    code = "E112"


def seeds_label(kb: KnowledgeBase) -> str:
    """The seeds folder as people see it: relative to the folder that holds the facts folder."""
    return _relative_label(str(kb.seeds_dir), str(kb.root.parent))


@lru_cache(maxsize=8)
def _relative_label(folder: str, base: str) -> str:
    # asked once per fact by export: computed once per folder
    return Path(os.path.relpath(os.path.abspath(folder), os.path.abspath(base))).as_posix()


def seed_label(kb: KnowledgeBase, file: str) -> str:
    """A seed file as people see it ("seeds/000_x.txt", or "texts/000_x.txt" with `seeds: ../texts`)."""
    return f"{seeds_label(kb)}/{file}"


def seed_path(kb: KnowledgeBase, source: Source) -> Path:
    return kb.seeds_dir / source.file


def seeds_folder_problem(kb: KnowledgeBase) -> str | None:
    """Why the seeds folder cannot be used, or None: it must lie inside the base (the folder that
    holds the facts folder), below it, after following links, and not in a hidden folder.

    `seeds: /etc`, `seeds: ..` (the base itself, whose parent holds ~/.ssh for a base in ~/kb),
    `seeds: ../.ssh` or a seeds folder that is a link elsewhere: every file in it would pass the
    rules on seed files, so the folder itself is held to the base."""
    base = kb.root.parent.resolve()
    seeds = kb.seeds_dir.resolve()
    if seeds == base:
        return (
            f"the seeds folder '{kb.seeds_dir}' is {kb.root.parent} itself, the folder that holds the facts: "
            "name a folder inside it (seeds: ../seeds)"
        )
    if base not in seeds.parents:
        return f"the seeds folder '{kb.seeds_dir}' lies outside {kb.root.parent}, the folder that holds the facts"
    if any(part.startswith(".") for part in seeds.relative_to(base).parts):
        return f"the seeds folder '{kb.seeds_dir}' is a hidden folder: name a plain folder inside {kb.root.parent}"
    return None


def seed_problem(kb: KnowledgeBase, file: str) -> str | None:
    """Why a source's seed file cannot be used, or None when it can."""
    relative = Path(file)
    if relative.is_absolute() or file.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", file):
        return f"seed file '{file}' must be a name inside the seeds folder, not an absolute path"
    if ".." in relative.parts:
        return f"seed file '{file}' climbs out of the seeds folder"
    outside = seeds_folder_problem(kb)
    if outside is not None:
        return outside
    seeds = kb.seeds_dir.resolve()
    target = (kb.seeds_dir / relative).resolve()
    if seeds not in target.parents:
        return f"seed file '{file}' resolves outside the seeds folder (a link?)"
    try:
        info = target.stat()
    except FileNotFoundError:
        return f"seed file '{file}' not found in {seeds_label(kb)}"
    except OSError as exc:  # an unreadable seeds folder, a loop of links
        return f"seed file '{file}' cannot be read: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        return f"seed file '{file}' is not a regular file"
    return None


def _seed_text(kb: KnowledgeBase, source: Source) -> str | Problem:
    from autofacts.files import MAX_SEED_BYTES, read_limited  # reading seeds: not for a question's table

    where = source.location or Location("?", 0, 0)
    why = seed_problem(kb, source.file)
    if why is None:
        try:
            return decode(read_limited(seed_path(kb, source), MAX_SEED_BYTES))
        except OSError as exc:
            why = f"seed file '{source.file}' cannot be read: {exc.strerror or exc}"
        except UnicodeDecodeError as exc:
            why = f"seed file '{source.file}' is not UTF-8 text (byte {exc.start})"
    return Problem(where, "E112", why)


def read_seed(kb: KnowledgeBase, source: Source) -> str:
    """One source's seed text; SeedError (one line, with the source's location) when it cannot be read."""
    text = _seed_text(kb, source)
    if isinstance(text, Problem):
        raise SeedError(f"{text.message} (run `autofacts check`)", location=str(text.location))
    return text


def read_seeds(kb: KnowledgeBase) -> tuple[dict[str, str], list[Problem]]:
    """Each usable source's seed text by source id; a problem for each unusable one."""
    from autofacts.knowledge.names import file_name_problem, shown

    texts: dict[str, str] = {}
    problems = []
    for source in kb.sources.values():
        unsafe = file_name_problem(source.id)
        if unsafe is not None:  # the id names facts/ID.yaml and review/ID.yaml
            where = source.location or Location("?", 0, 0)
            problems.append(Problem(where, "E115", f"source id '{shown(source.id)}' cannot name a file: {unsafe}"))
        text = _seed_text(kb, source)
        if isinstance(text, Problem):
            problems.append(text)
        else:
            texts[source.id] = text
    return texts, problems


def decode(data: bytes) -> str:
    """UTF-8 text, a leading byte-order mark dropped (UnicodeDecodeError otherwise)."""
    return data.decode("utf-8-sig")


def read_document(file: str) -> str:
    """A document named on the command line (`extract FILE`): its text, or a usage error in one line."""
    from autofacts.files import MAX_SEED_BYTES, read_limited

    try:
        return decode(read_limited(Path(file), MAX_SEED_BYTES))
    except OSError as exc:
        raise UsageError(f"{file}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{file}: not UTF-8 text (byte {exc.start})") from None
