"""Changes to a knowledge base as transactions: one writer at a time, and all of a change or none.

A command that writes (init, add, each review decision, a metric defined) first takes the base's
lock: `fcntl.flock` on `BASE/.autofacts/lock`, held until its change is on disk. A second writer
waits (AUTOFACTS_WAIT seconds, 10 by default) and then says which command holds the base. The
kernel drops the lock when its holder dies, so a killed command never blocks the next one.
Readers never take this lock: every file is replaced by a rename, so a reader sees each file whole,
and one_state.py's "apply" lock (held exclusively only around a commit's renames) makes a reader
see all the files of a commit old or all new.

Under the lock a change is staged as new files beside the old (`.NAME.TXID.af-tmp`, in the same
folder, so the rename is atomic), and a journal (`BASE/.autofacts/journal`) says what is staged:
  1. journal "prepare": the temporary files and folders about to be made (written before them);
  2. the temporary files written and flushed (fsync), the folders made;
  3. journal "commit": which temporary file becomes which file, which file goes - the commit point;
  4. the renames (and removals), each folder flushed;
  5. the journal removed.
A command killed at any instant leaves a journal that the next command (writer or reader) acts
on before anything else: "prepare" is rolled back (the temporary files and new empty folders go),
"commit" is rolled forward (the renames not yet done are done). The journal itself is written
whole by a rename, so it is one of the two or absent. The base is therefore either as before the
command or as after it, and no temporary name ever reaches the user.

Every path written must lie inside the base after following links: a folder that is a link
leading out of the base, or a target that is itself a link, is refused before anything is written.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shlex
import signal
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from autofacts.errors import AutofactsError
from autofacts.one_state import apply_path, applying

STATE_DIR = ".autofacts"
WAIT_VAR = "AUTOFACTS_WAIT"
DEFAULT_WAIT = 10.0
# Tests kill the process at the Nth durable step (a file flushed, a rename, a journal written).
KILL_VAR = "AUTOFACTS_KILL_AT_STEP"
_TMP_SUFFIX = ".af-tmp"


class BaseBusy(AutofactsError):
    """Another command is changing the knowledge base and did not finish in the time given."""

    code = "E006"


class WriteRefused(AutofactsError):
    """A change cannot be made (a folder not writable, a link out of the base): nothing was written."""

    code = "E005"


class OutsideBase(AutofactsError):
    """A path the change names lies outside the knowledge base (a link, `..`): refused."""

    code = "E007"


_steps = {"n": 0}


def step() -> None:
    """One durable step done; under AUTOFACTS_KILL_AT_STEP=N the process kills itself at the Nth."""
    _steps["n"] += 1
    wanted = os.environ.get(KILL_VAR)
    if wanted and wanted.isdigit() and _steps["n"] == int(wanted):
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot flush a folder; the rename is still atomic
    finally:
        os.close(fd)


def _say(path: Path, exc: OSError) -> str:
    return f"cannot write {path}: {exc.strerror or exc}"


def inside(base: Path, path: Path) -> bool:
    """Whether `path`, links followed, is `base` or lies under it (`base` already resolved)."""
    real = Path(os.path.realpath(path))
    return real == base or base in real.parents


def confine(base: Path, path: Path, what: str = "") -> Path:
    """`path` with its folder's links resolved, refused when that folder is outside the base or the
    file itself is a link (writing through it would write wherever it points)."""
    real_base = Path(os.path.realpath(base))
    folder = Path(os.path.realpath(path.parent))
    if folder != real_base and real_base not in folder.parents:
        raise OutsideBase(f"{path}: {what or 'the folder'} leads outside the knowledge base {base} (a link?): refused")
    target = folder / path.name
    try:
        info = target.lstat()
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise WriteRefused(_say(path, exc)) from None
    if stat.S_ISLNK(info.st_mode):
        raise OutsideBase(f"{path} is a symbolic link: autofacts writes only regular files inside the base")
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused(f"{path} is not a regular file: refusing to replace it")
    return target


# --- the lock -----------------------------------------------------------------------------------


def wait_seconds() -> float:
    """How long a writer waits for the lock: AUTOFACTS_WAIT (seconds), else DEFAULT_WAIT."""
    text = os.environ.get(WAIT_VAR, "")
    try:
        value = float(text) if text.strip() else DEFAULT_WAIT
    except ValueError:
        raise WriteRefused(f"{WAIT_VAR}='{text}': give a number of seconds") from None
    return max(0.0, min(value, 86400.0))


def _command_line() -> str:
    args = [os.path.basename(sys.argv[0]) if sys.argv else "autofacts", *sys.argv[1:]]
    text = " ".join(shlex.quote(a) for a in args)
    return text if len(text) <= 200 else text[:199] + "…"


def _holder(state: Path) -> str:
    try:
        data = json.loads((state / "holder").read_text(encoding="utf-8"))
        since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(data["since"])))
        return f"pid {int(data['pid'])} ({data['command']}) since {since}"
    except (OSError, ValueError, KeyError, TypeError):
        return "another command"


def _state_dir(base: Path) -> Path:
    state = base / STATE_DIR
    try:
        state.mkdir(exist_ok=True)
    except OSError as exc:
        raise WriteRefused(f"cannot write into the knowledge base {base}: {exc.strerror or exc}") from None
    info = state.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise WriteRefused(f"{state} is not a folder: autofacts keeps its lock and journal there")
    return state


@contextmanager
def locked(base: Path, wait: float | None = None) -> Iterator[Path]:
    """Hold the base's writer lock (waiting at most `wait` seconds), with any leftover change of a
    killed command recovered first. Yields the base's state folder."""
    state = _state_dir(base)
    try:
        fd = os.open(state / "lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | os.O_NOFOLLOW, 0o666)
        # the readers' lock (one_state.py) exists from the first writer on, so readers take it
        os.close(os.open(apply_path(base), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | os.O_NOFOLLOW, 0o666))
    except OSError as exc:
        raise WriteRefused(f"cannot lock the knowledge base {base}: {exc.strerror or exc}") from None
    try:
        deadline = time.monotonic() + (wait_seconds() if wait is None else wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BaseBusy(
                        f"the knowledge base {base} is being changed by {_holder(state)}; "
                        f"try again when it is done (or wait longer: {WAIT_VAR}=SECONDS)"
                    ) from None
                time.sleep(0.02)
        _write_holder(state)
        try:
            recover(base)
        except OSError as exc:
            raise WriteRefused(
                f"a change interrupted earlier in {base} cannot be settled: {exc.strerror or exc} "
                f"({exc.filename or 'see ' + str(state / 'journal')})"
            ) from None
        yield state
    finally:
        os.close(fd)  # releases the lock


def _write_holder(state: Path) -> None:
    """Who holds the lock, for the message a waiting writer gives (advice only: the lock is flock's)."""
    data = json.dumps({"pid": os.getpid(), "command": _command_line(), "since": time.time()})
    tmp = state / f"holder.{os.getpid()}{_TMP_SUFFIX}"
    try:
        tmp.write_text(data, encoding="utf-8")
        os.replace(tmp, state / "holder")
    except OSError:
        tmp.unlink(missing_ok=True)


# --- the journal --------------------------------------------------------------------------------


def _write_journal(state: Path, data: dict[str, object]) -> None:
    tmp = state / f"journal{_TMP_SUFFIX}"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    step()
    os.replace(tmp, state / "journal")
    _fsync_dir(state)
    step()


def _remove_journal(state: Path) -> None:
    (state / "journal").unlink(missing_ok=True)
    _fsync_dir(state)
    step()


def pending(base: Path) -> bool:
    """Whether a killed command left a change to finish or undo (one stat: cheap for readers)."""
    return os.path.lexists(base / STATE_DIR / "journal")


def recover(base: Path) -> str | None:
    """Finish ("commit") or undo ("prepare") what a killed command left; the caller holds the lock.
    Returns what was done, or None when there was nothing to do."""
    state = base / STATE_DIR
    (state / f"journal{_TMP_SUFFIX}").unlink(missing_ok=True)
    journal = state / "journal"
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        data = {}  # unreadable: written by no version of autofacts; only temporary files can go
    if data.get("state") == "commit":
        with applying(base):  # readers wait for the rest of the renames, then read the after-state
            for tmp, target in data.get("renames", []):
                if os.path.lexists(tmp):
                    os.replace(tmp, target)
                    _fsync_dir(Path(target).parent)
            for gone in data.get("removals", []):
                Path(gone).unlink(missing_ok=True)
                _fsync_dir(Path(gone).parent)
            _remove_journal(state)
        return f"a change interrupted earlier ({data.get('command', 'a command')}) was finished"
    for tmp in data.get("temps", []):
        Path(tmp).unlink(missing_ok=True)
    for folder in reversed(data.get("folders", [])):
        with contextlib.suppress(OSError):  # only if still empty: a folder with anything in it stays
            os.rmdir(folder)
    _remove_journal(state)
    return f"a change interrupted earlier ({data.get('command', 'a command')}) was undone"


def recover_for_reading(base: Path) -> None:
    """Before a read: a change a killed command left is settled, if no writer is at work and the
    base is writable; otherwise nothing happens (a reader never waits and never fails for this)."""
    if not pending(base):
        return
    try:
        fd = os.open(base / STATE_DIR / "lock", os.O_RDWR | getattr(os, "O_CLOEXEC", 0) | os.O_NOFOLLOW)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        recover(base)
    except OSError:
        pass  # a writer is at work (it recovers first), or the base is read-only
    finally:
        os.close(fd)


# --- a transaction ------------------------------------------------------------------------------


@dataclass
class Transaction:
    """The files one command changes, written together at `commit` (see the module's docstring)."""

    base: Path
    state: Path
    command: str = field(default_factory=_command_line)
    writes: list[tuple[Path, Path, bytes, bool]] = field(default_factory=list)  # shown, real, data, new
    removals: list[tuple[Path, Path]] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def folder(self, path: Path) -> None:
        """A folder the change needs (made at commit, removed again if the change is undone)."""
        if not path.is_dir():
            confine(self.base, path, "the folder")
            self.folders.append(path)

    def create(self, path: Path, content: str | bytes) -> None:
        """A new file: refused if the name is taken."""
        real = self._target(path)
        if os.path.lexists(real):
            raise WriteRefused(f"{path} exists: refusing to overwrite it")
        self.writes.append((path, real, _bytes(content), True))

    def replace(self, path: Path, content: str | bytes) -> None:
        """A file written whole, replacing the regular file there (if any)."""
        self.writes.append((path, self._target(path), _bytes(content), False))

    def remove(self, path: Path) -> None:
        """A file that goes."""
        self.removals.append((path, self._target(path)))

    def _target(self, path: Path) -> Path:
        for planned in self.folders:
            if path.parent == planned:
                return Path(os.path.realpath(planned.parent)) / planned.name / path.name
        return confine(self.base, path)

    def commit(self) -> None:
        """Write everything, or (on any failure before the commit point) nothing."""
        if not self.writes and not self.removals:
            return
        tag = f"{os.getpid():x}{int(time.time() * 1000) % 0xFFFFFF:06x}"
        temps = [real.parent / f".{real.name[:40]}.{tag}{_TMP_SUFFIX}" for _, real, _, _ in self.writes]
        # a file that goes needs its folder writable: proved before the commit point by an empty file
        # made there (removed with it), so a folder that refuses is found while nothing is written yet
        probes = [real.parent / f".{real.name[:40]}.{tag}.gone{_TMP_SUFFIX}" for _, real in self.removals]
        temps += probes
        made = [Path(os.path.realpath(f.parent)) / f.name for f in self.folders]
        prepare: dict[str, object] = {"state": "prepare", "command": self.command}
        prepare.update(temps=[str(t) for t in temps], folders=[str(f) for f in made])
        _write_journal(self.state, prepare)
        try:
            for shown, folder in zip(self.folders, made, strict=True):
                try:
                    folder.mkdir()
                except FileExistsError:
                    pass
                except OSError as exc:
                    raise WriteRefused(f"cannot make the folder {shown}: {exc.strerror or exc}") from None
                _fsync_dir(folder.parent)
                step()
            for (shown, real, data, new), tmp in zip(self.writes, temps[: len(self.writes)], strict=True):
                if new and os.path.lexists(real):
                    raise WriteRefused(f"{shown} exists: refusing to overwrite it")
                _write_temp(shown, tmp, data)
                step()
            for (shown, _), probe in zip(self.removals, probes, strict=True):
                _write_temp(shown, probe, b"")
                step()
        except BaseException:
            recover(self.base)  # undo: the journal still says "prepare"
            raise
        renames = [(str(tmp), str(real)) for (_, real, _, _), tmp in zip(self.writes, temps, strict=False)]
        gone = [str(real) for _, real in self.removals] + [str(p) for p in probes]
        # readers wait (LOCK_SH on the apply file) from the commit point until every rename is
        # done, so none of them sees some files of this change new and others old
        try:
            with applying(self.base):
                commit: dict[str, object] = {"state": "commit", "command": self.command}
                commit.update(renames=renames, removals=gone)
                _write_journal(self.state, commit)
                # the commit point is passed: from here a failure is finished by the next command
                for tmp_name, target in renames:
                    os.replace(tmp_name, target)
                    _fsync_dir(Path(target).parent)
                    step()
                for name in gone:
                    Path(name).unlink(missing_ok=True)
                    _fsync_dir(Path(name).parent)
                    step()
                _remove_journal(self.state)
        except OSError as exc:
            raise WriteRefused(
                f"the change is recorded but could not be completed ({exc.strerror or exc}); "
                "the next autofacts command in this base completes it"
            ) from None


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _write_temp(shown: Path, tmp: Path, data: bytes) -> None:
    mask = os.umask(0)
    os.umask(mask)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o666 & ~mask)
    except OSError as exc:
        raise WriteRefused(_say(shown, exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise WriteRefused(_say(shown, exc)) from None


@contextmanager
def transaction(base: Path, wait: float | None = None) -> Iterator[Transaction]:
    """The base locked, and a transaction committed when the block ends without an error."""
    with locked(base, wait) as state:
        tx = Transaction(base, state)
        yield tx
        tx.commit()
