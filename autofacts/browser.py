"""Pictures of pages: headless Chromium turns an HTML or SVG file into a PNG.

Only `--screenshot` and PNG charts need it; everything else autofacts writes is text.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from autofacts.errors import UsageError

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
        return subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def screenshot(page: Path, png: Path, width: int = 1100, height: int = 1400, replace: bool = False) -> None:
    """A PNG of a local page, as a browser shows it, written whole or not at all.

    Chromium draws into a fresh folder of its own, so an older PNG is never taken for its work
    and never overwritten by it; the picture is then put in place as any output file is (refused
    when the name is taken, unless `replace`)."""
    from autofacts.files import refuse_existing, write_new, write_replacing

    if not replace:
        refuse_existing(png)
    with tempfile.TemporaryDirectory(prefix="autofacts-shot-") as folder:
        shot = Path(folder) / "screenshot.png"
        result = run_chromium([f"--screenshot={shot}", f"--window-size={width},{height}", page.resolve().as_uri()])
        data = shot.read_bytes() if shot.is_file() else b""
    if not data:
        raise UsageError(f"Chromium made no screenshot of {page}: {result.stderr.strip()[-200:]}")
    (write_replacing if replace else write_new)(png, data)
