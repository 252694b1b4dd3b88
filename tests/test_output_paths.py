"""Output paths: a file is written whole or not at all, never over what is there without --force,
and --force replaces only a regular file (never a device, a folder, a pipe or a symbolic link)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import as_nobody

from autofacts.errors import UsageError
from autofacts.files import FileExistsRefusal, OutputPathError, OutputWriteError, write_new, write_replacing

PNG = b"\x89PNG\r\n\x1a\n" + b"fake picture"
REPORT = ("report", "--metric", "nev-share")


def one_line(text: str) -> str:
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_write_new_refuses_a_taken_name_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text("what I wrote", encoding="utf-8")
    with pytest.raises(FileExistsRefusal):
        write_new(mine, "theirs")
    assert mine.read_text(encoding="utf-8") == "what I wrote"
    assert os.listdir(tmp_path) == ["mine.txt"]


def test_write_replacing_a_symbolic_link_leaves_link_and_target(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("precious", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    with pytest.raises(OutputPathError, match="symbolic link"):
        write_replacing(link, "page")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "precious"
    assert sorted(os.listdir(tmp_path)) == ["link.html", "precious.txt"]


def test_write_replacing_a_pipe_or_folder_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    with pytest.raises(OutputPathError, match="not a regular file"):
        write_replacing(fifo, "page")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    with pytest.raises(OutputPathError, match="is a folder"):
        write_replacing(tmp_path, "page")


def test_write_replacing_replaces_a_regular_file_whole(tmp_path: Path) -> None:
    old = tmp_path / "old.html"
    old.write_text("old", encoding="utf-8")
    write_replacing(old, "new ≈ page")
    assert old.read_bytes() == "new ≈ page".encode()
    assert os.listdir(tmp_path) == ["old.html"]


def test_report_force_onto_a_device_leaves_the_device(run, tmp_path: Path) -> None:
    """As root, `report -o /dev/null --force` once turned /dev/null into a regular file.
    A private copy of /dev/null (same major/minor numbers) stands in for it."""
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = run(*REPORT, "-o", str(null), "--force")
    assert result.exit_code == 2
    assert one_line(result.stderr) == (
        f"autofacts: error[U004]: {null} is not a regular file (a device or pipe): --force replaces only a regular file"
    )
    assert stat.S_ISCHR(null.lstat().st_mode)


def test_report_force_onto_a_link_keeps_link_and_target(run, tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine", encoding="utf-8")
    (tmp_path / "page.html").symlink_to(target)
    result = run(*REPORT, "-o", str(tmp_path / "page.html"), "--force")
    assert result.exit_code == 2 and "symbolic link" in one_line(result.stderr)
    assert (tmp_path / "page.html").is_symlink() and target.read_text(encoding="utf-8") == "mine"


def test_report_force_onto_a_folder(run, tmp_path: Path) -> None:
    result = run(*REPORT, "-o", str(tmp_path), "--force")
    assert result.exit_code == 2
    assert one_line(result.stderr) == (
        f"autofacts: error[U004]: {tmp_path} is a folder: --force replaces only a regular file"
    )


def test_output_in_a_missing_folder_names_the_folder_not_a_temporary_file(run, tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "page.html"
    result = run(*REPORT, "-o", str(out))
    assert result.exit_code == 2
    assert one_line(result.stderr) == f"autofacts: error[U004]: {out}: the folder {tmp_path / 'nowhere'} does not exist"
    for command in (
        ("extract", "seeds/004_866e1cad304b1c63.txt", "-o", str(out)),
        ("show", "nev-share", "--chart", "-o", str(tmp_path / "nowhere" / "c.svg")),
    ):
        result = run(*command)
        assert result.exit_code == 2 and "does not exist" in one_line(result.stderr), command
    assert os.listdir(tmp_path) == []


def test_a_file_name_over_255_bytes(run, tmp_path: Path) -> None:
    out = tmp_path / ("é" * 130 + ".html")  # 260 bytes in UTF-8, 135 characters
    result = run(*REPORT, "-o", str(out))
    assert result.exit_code == 2
    assert one_line(result.stderr).endswith("the file name is longer than 255 bytes")
    assert os.listdir(tmp_path) == []


def test_unwritable_folder_as_a_plain_user(nobody_dir: Path) -> None:
    folder = nobody_dir
    locked = folder / "locked"
    locked.mkdir(mode=0o555)
    locked.chmod(0o555)
    result = as_nobody(["report", "--metric", "nev-share", "-o", str(locked / "page.html")], cwd=folder)
    assert result.returncode == 1
    assert one_line(result.stderr) == f"autofacts: error[E005]: cannot write {locked / 'page.html'}: Permission denied"
    assert os.listdir(locked) == []


def test_write_error_names_the_path(nobody_dir: Path) -> None:
    folder = nobody_dir
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    code = "from pathlib import Path; from autofacts.files import write_new; write_new(Path('locked/x.txt'), 'x')"
    result = as_nobody(["-c", code], cwd=folder, module=False)
    assert result.returncode == 1 and "OutputWriteError: cannot write locked/x.txt: Permission denied" in result.stderr
    assert OutputWriteError.exit_code == 1


# --- screenshots ------------------------------------------------------------------------------


@pytest.fixture
def fake_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A stand-in Chromium on PATH; `mode` says what it does with --screenshot=FILE."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "chromium"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    def install(mode: str) -> None:
        body = {
            "png": f"open(shot, 'wb').write({PNG!r})",
            "nothing": "print('no output', file=sys.stderr)",
            "text": "open(shot, 'w').write('not a picture')",
        }[mode]
        script.write_text(
            f"#!{sys.executable}\nimport sys\n"
            "shot = next(a.split('=', 1)[1] for a in sys.argv if a.startswith('--screenshot='))\n"
            f"{body}\n",
            encoding="utf-8",
        )
        script.chmod(0o755)

    return install


def test_screenshot_never_overwrites_without_force(run, tmp_path: Path, fake_chromium) -> None:
    fake_chromium("png")
    old = tmp_path / "old.png"
    old.write_bytes(b"my holiday picture")
    page = tmp_path / "page.html"
    result = run(*REPORT, "-o", str(page), "--screenshot", str(old))
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        f"autofacts: error[E002]: {old} exists: refusing to overwrite it (choose another name, or --force)"
    )
    assert old.read_bytes() == b"my holiday picture"
    assert not page.exists()  # refused before anything was written


def test_screenshot_with_force_replaces_a_regular_file(run, tmp_path: Path, fake_chromium) -> None:
    fake_chromium("png")
    old = tmp_path / "old.png"
    old.write_bytes(b"stale")
    result = run(*REPORT, "-o", str(tmp_path / "page.html"), "--screenshot", str(old), "--force")
    assert result.exit_code == 0, result.stderr
    assert old.read_bytes() == PNG
    assert result.stderr.splitlines() == [f"autofacts: wrote {tmp_path / 'page.html'}", f"autofacts: wrote {old}"]


def test_screenshot_must_be_named_png(run, tmp_path: Path, fake_chromium) -> None:
    fake_chromium("png")
    result = run(*REPORT, "-o", str(tmp_path / "page.html"), "--screenshot", str(tmp_path / "shot.txt"))
    assert result.exit_code == 2
    assert (
        one_line(result.stderr)
        == f"autofacts: error[U001]: {tmp_path / 'shot.txt'}: a screenshot's file name must end in .png"
    )
    assert os.listdir(tmp_path) == ["bin"]


@pytest.mark.parametrize("mode", ["nothing", "text"])
def test_no_wrote_without_a_picture(run, tmp_path: Path, fake_chromium, mode: str) -> None:
    """A Chromium that writes nothing, or not a PNG, is an error, even with an old file at the name."""
    fake_chromium(mode)
    old = tmp_path / "old.png"
    old.write_bytes(b"stale")
    result = run(*REPORT, "-o", str(tmp_path / "page.html"), "--screenshot", str(old), "--force")
    assert result.exit_code == 1
    assert f"wrote {old}" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("autofacts: error[E004]: Chromium made no screenshot of")
    assert old.read_bytes() == b"stale"


def test_chart_png_goes_through_the_same_rules(run, tmp_path: Path, fake_chromium) -> None:
    fake_chromium("png")
    out = tmp_path / "chart.png"
    assert run("show", "nev-share", "--chart", "-o", str(out)).exit_code == 0
    assert out.read_bytes() == PNG
    again = run("show", "nev-share", "--chart", "-o", str(out))
    assert again.exit_code == 1 and "refusing to overwrite" in again.stderr


def test_no_chromium_is_a_usage_error(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run("show", "nev-share", "--chart", "-o", str(tmp_path / "c.png"))
    assert result.exit_code == 2 and "this needs Chromium" in one_line(result.stderr)
    assert issubclass(OutputPathError, UsageError)


# --- stdout that cannot be written -------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("argv", [["--version"], ["metrics"], ["export"], ["show", "nev-share", "-f", "json"]])
def test_stdout_on_a_full_disk(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "autofacts", *argv], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120
        )
    assert result.returncode == 1
    assert one_line(result.stderr) == "autofacts: cannot write the output: No space left on device"
