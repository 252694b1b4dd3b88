"""Writing files without ever losing what is there: written whole or not at all.

Both ways of writing go through a temporary file in the target's folder, flushed to disk, then put
in place in one step: a link that fails if the name is taken (new files), or a rename that replaces
(`report --force`). A crash leaves the old file, or no file, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from autofacts.errors import AutofactsError


class FileExistsRefusal(AutofactsError):
    """The output file exists; autofacts never overwrites what a person wrote."""

    code = "E002"


def _mode() -> int:
    """The permissions a plainly created file gets (mkstemp's 0600 is for secrets)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _temporary_copy(path: Path, content: str | bytes) -> str:
    """`content` (text is written as UTF-8) in a temporary file beside `path`, flushed to disk;
    returns its name."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, _mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode("utf-8") if isinstance(content, str) else content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _refusal(path: Path) -> FileExistsRefusal:
    return FileExistsRefusal(f"{path} exists: refusing to overwrite it (choose another name)")


def refuse_existing(path: Path) -> None:
    """Stop before doing any work when an output file exists (FileExistsRefusal)."""
    if path.exists() or path.is_symlink():
        raise _refusal(path)


def write_new(path: Path, text: str | bytes) -> None:
    """Write a file that must not exist yet; fails, leaving nothing behind, if the name is taken."""
    refuse_existing(path)
    tmp = _temporary_copy(path, text)
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise _refusal(path) from None
    finally:
        os.unlink(tmp)


def write_replacing(path: Path, text: str | bytes) -> None:
    """Write `path`, replacing it atomically: readers see the old file or the new, never half."""
    tmp = _temporary_copy(path, text)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
