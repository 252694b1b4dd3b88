"""Writing files without ever losing what is there: new files only, written whole or not at all."""

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


def write_new(path: Path, text: str) -> None:
    """Write `text` to a file that must not exist yet, atomically.

    The text goes to a temporary file in the same folder first and is then linked into place,
    which fails, leaving nothing behind, if the name was taken in the meantime.
    """
    if path.exists():
        raise FileExistsRefusal(f"{path} exists: refusing to overwrite it (choose another name)")
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, _mode())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise FileExistsRefusal(f"{path} exists: refusing to overwrite it (choose another name)") from None
    finally:
        os.unlink(tmp)


def write_replacing(path: Path, text: str) -> None:
    """Write `text` to `path`, replacing it atomically: readers see the old file or the new, never half."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, _mode())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
