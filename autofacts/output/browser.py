"""Pictures of pages: headless Chromium turns an HTML or SVG file into a PNG.

Only `--screenshot` and PNG charts need it; everything else autofacts writes is text.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from autofacts.errors import AutofactsError, UsageError
from autofacts.files import check_output_path, write_output

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Flags for a closed network: without the background ones Chromium keeps trying to phone home.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


class ChromiumError(AutofactsError):
    """Chromium ran but made no picture."""

    code = "E004"


def find_chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def run_chromium(args: list[str], timeout: int = 120) -> subprocess.CompletedProcess[str]:
    chromium = find_chromium()
    if chromium is None:
        raise UsageError("this needs Chromium (Debian: apt-get install chromium); write .svg or .html instead")
    with tempfile.TemporaryDirectory(prefix="autofacts-chromium-") as profile:
        try:
            return subprocess.run(
                [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ChromiumError(f"Chromium did not finish within {timeout} s") from None
        except OSError as exc:
            raise ChromiumError(f"cannot run {chromium}: {exc.strerror or exc}") from None


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def check_png_name(png: Path) -> None:
    """A screenshot is a PNG: refuse another name before any work (Chromium writes PNG whatever the name)."""
    if png.suffix.lower() != ".png":
        raise UsageError(f"{png}: a screenshot's file name must end in .png")


def screenshot(page: Path, png: Path, width: int = 1100, height: int = 1400, replace: bool = False) -> None:
    """A PNG of a local page, as a browser shows it, written by the same rules as every output.

    Chromium draws into a fresh private folder; only a real PNG it made there is then put at `png`,
    so an old file at that name is never mistaken for a new picture, nor overwritten without `replace`.
    """
    check_png_name(png)
    check_output_path(png, replace=replace)
    with tempfile.TemporaryDirectory(prefix="autofacts-shot-") as folder:
        shot = Path(folder) / "shot.png"
        result = run_chromium([f"--screenshot={shot}", f"--window-size={width},{height}", page.resolve().as_uri()])
        try:
            data = shot.read_bytes()
        except OSError:
            data = b""
    if not data.startswith(PNG_SIGNATURE):
        why = " ".join(result.stderr.split())[-200:] or f"exit status {result.returncode}"
        raise ChromiumError(f"Chromium made no screenshot of {page}: {why}")
    write_output(png, data, replace=replace)
