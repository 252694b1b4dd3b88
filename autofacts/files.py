"""Reading and writing files: only regular files are read, within a size limit; writing never loses
what is there, and a file is written whole or not at all.

Reading opens without waiting (a FIFO would block forever), checks the open file itself is a regular
file (not a pipe, device or folder: /dev/zero is endless and reports size 0), and counts bytes as it
reads, so a file that grows or lies about its size cannot exhaust memory. The bytes read are one
snapshot: callers hash and parse the same bytes.

Both ways of writing go through a temporary file in the target's folder, flushed to disk, then put
in place in one step: a link that fails if the name is taken (new files), or a rename that replaces
(`--force`). A crash leaves the old file, or no file, never half of one. `--force` replaces only a
regular file: never a device (`/dev/null`), a folder, a FIFO or a symbolic link, whatever it points at.
Messages name the path the user gave, never the hidden temporary file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from autofacts.errors import AutofactsError, UsageError

# A seed is the text of one article or report: the longest shipped is 10 KB, a long report 1 MB.
# The limit bounds what cite, coverage and report hold in memory (see README's benchmark table).
MAX_SEED_BYTES = 4 * 1024 * 1024
NAME_MAX = 255  # bytes in one file name on every file system autofacts is likely to meet


class FileExistsRefusal(AutofactsError):
    """The output file exists; autofacts never overwrites what a person wrote."""

    code = "E002"


class OutputPathError(UsageError):
    """The output path cannot be a file autofacts writes: no such folder, a folder, a device, a link."""

    code = "U004"


class OutputWriteError(AutofactsError):
    """The output could not be written (permissions, a full disk); nothing was left behind."""

    code = "E005"


class ReadRefusal(OSError):
    """A file autofacts will not read: not a regular file, or over the size limit. `strerror` says why."""


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; ReadRefusal or OSError otherwise."""
    return read_regular(path, limit)[0]


def read_regular(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """`read_limited`, with the file's status as it was just before the bytes were read: a cache
    that records it never pairs newer metadata with older content."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadRefusal(errno.EISDIR, "a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefusal(errno.EINVAL, "not a regular file (a pipe or device)")
        if info.st_size > limit:
            raise ReadRefusal(errno.EFBIG, f"{info.st_size} bytes, over the limit of {limit}")
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise ReadRefusal(errno.EFBIG, f"over the limit of {limit} bytes (it grew while being read)")
        return b"".join(chunks), info
    finally:
        os.close(fd)


def _mode() -> int:
    """The permissions a plainly created file gets (mkstemp's 0600 is for secrets)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def check_output_path(path: Path, replace: bool = False) -> None:
    """Refuse, before any work is done, a path that cannot be written as asked.

    Without `replace` the name must be free; with it, it may only hold a regular file.
    """
    name = path.name
    if not name or name in (".", ".."):
        raise OutputPathError(f"{path}: not a file name")
    if len(os.fsencode(name)) > NAME_MAX:
        raise OutputPathError(f"{_short(path)}: the file name is longer than {NAME_MAX} bytes")
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputPathError(f"{path}: the folder {folder} {what}")
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputPathError(f"{path}: {exc.strerror or exc}") from None
    if not replace:
        raise _refusal(path)
    if stat.S_ISLNK(info.st_mode):
        raise OutputPathError(f"{path} is a symbolic link: --force replaces only a regular file")
    if stat.S_ISDIR(info.st_mode):
        raise OutputPathError(f"{path} is a folder: --force replaces only a regular file")
    if not stat.S_ISREG(info.st_mode):
        raise OutputPathError(f"{path} is not a regular file (a device or pipe): --force replaces only a regular file")


def _short(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 80 else text[:60] + "…" + text[-12:]


def _temporary_copy(path: Path, data: bytes) -> str:
    """`data` in a temporary file beside `path`, flushed to disk; returns its name."""
    folder = path.parent if str(path.parent) else Path(".")
    # The temporary name must fit too: a short prefix of the real name is enough to recognise it.
    prefix = "." + path.name[:50] + "."
    import tempfile  # only to write: every command that reads imports this module for its limits

    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputWriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        os.chmod(tmp, _mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputWriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _refusal(path: Path) -> FileExistsRefusal:
    return FileExistsRefusal(f"{path} exists: refusing to overwrite it (choose another name, or --force)")


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def write_new(path: Path, content: str | bytes) -> None:
    """Write a file that must not exist yet; fails, leaving nothing behind, if the name is taken."""
    check_output_path(path)
    tmp = _temporary_copy(path, _bytes(content))
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise _refusal(path) from None
    except OSError as exc:
        raise OutputWriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        os.unlink(tmp)


def write_replacing(path: Path, content: str | bytes) -> None:
    """Write `path`, replacing a regular file atomically: readers see the old file or the new, never half."""
    check_output_path(path, replace=True)
    tmp = _temporary_copy(path, _bytes(content))
    try:
        check_output_path(path, replace=True)  # again, just before: the name may have changed meanwhile
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.errno in (errno.EISDIR, errno.ENOTDIR):
            raise OutputPathError(f"{path} is a folder: --force replaces only a regular file") from None
        raise OutputWriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: Path, content: str | bytes, replace: bool = False) -> None:
    """`write_replacing` with `replace` (the user said --force), else `write_new`."""
    if replace:
        write_replacing(path, content)
    else:
        write_new(path, content)
