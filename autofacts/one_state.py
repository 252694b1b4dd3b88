"""Reads that see one state of the knowledge base, never a commit half-applied.

A commit (transaction.py) replaces several files by renames, one after another. While they are
applied, the writer holds `BASE/.autofacts/apply` exclusively (LOCK_EX), from the moment its
journal says "commit" until the journal is gone: a few milliseconds, never a review session. A
reader holds the same file shared (LOCK_SH) while it reads the base's files, so it reads before
the renames or after them, and waits at most for the renames.

A "commit" journal seen while holding the shared lock can only be a killed writer's (a live one
holds the lock exclusively all the while): the reader lets it be finished first, then reads the
after-state. A base where the lock file cannot be opened (read-only, or no writer ever ran) is
read without the lock; when the file appears during the read (a first writer), the read is done
again, under the lock.

This module is on every reader's start-up path: it imports nothing beyond os and fcntl.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

STATE_DIR = ".autofacts"
APPLY_FILE = "apply"
JOURNAL_FILE = "journal"
_FLAGS = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)


def apply_path(base: Path) -> str:
    return os.path.join(base, STATE_DIR, APPLY_FILE)


@contextmanager
def applying(base: Path) -> Iterator[None]:
    """The writer's side: held exclusively while a commit's renames are applied (readers wait)."""
    fd = os.open(apply_path(base), os.O_RDWR | os.O_CREAT | _FLAGS, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _killed_commit(base: Path) -> bool:
    """A journal saying "commit" (read only when a journal exists: one lstat otherwise)."""
    journal = os.path.join(base, STATE_DIR, JOURNAL_FILE)
    if not os.path.lexists(journal):
        return False
    try:
        with open(journal, encoding="utf-8") as handle:
            return '"commit"' in handle.read(4096)
    except OSError:
        return False


def read_one_state(base: Path, read: Callable[[], T], settle: Callable[[Path], object]) -> T:
    """`read()` done while no commit is being applied to `base` (the folder holding facts/).

    `settle(base)` finishes a change a killed writer left half-applied (transaction.recover_for_reading);
    it is called with no lock held."""
    for _ in range(3):
        try:
            fd = os.open(apply_path(base), os.O_RDONLY | _FLAGS)
        except OSError:  # no writer ever ran here, or the base cannot be opened for this: no lock
            result = read()
            if not os.path.lexists(apply_path(base)):
                return result
            continue  # a first writer came meanwhile: read again, under the lock
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
            if not _killed_commit(base):
                return read()
        finally:
            os.close(fd)
        settle(base)  # a killed writer's renames are finished, then the base is read again
    return read()  # the half-applied change cannot be settled here (read-only base): read as it is
