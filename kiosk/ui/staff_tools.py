"""What the staff screens do apart from Qt: plain words for settings and problems, idle steps,
where usage figures can be exported to, and the export itself.

Loaded only when staff open the settings, export or update screens, never at start-up.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.core.config import BY_FIELD, Problem

# The idle timeout goes up and down in these steps (seconds): fine steps where they matter.
IDLE_STEPS = (45, 60, 90, 120, 150, 180, 240, 300, 450, 600, 900, 1200, 1800, 2700, 3600)
LABELS = {
    "site_name": "Site name",
    "collection_point": "Collection point",
    "idle_timeout": "Idle timeout",
    "attract_screen": "Attract screen",
    "languages": "Languages offered",
    "default_language": "Default language",
    "printer": "Printer",
    "slip_layout": "Slip layout",
    "discreet_default": "Plain title at the start",
    "statistics": "Usage figures",
    "pin_hash": "Staff PIN",
    "bundle": "Content folder",
}
# The slip layouts (kiosk.core.slips.layouts), as staff know them.
LAYOUTS = (
    ("a6", "A6 card", "one slip on an A6 card"),
    ("a4-sheet", "A4 sheet", "eight slips on an A4 sheet, to cut out"),
    ("receipt-80mm", "Receipt", "a receipt printer's 80 mm roll"),
)
PERIODS = (("this-year", "This year"), ("last-year", "Last year"), ("all", "Everything"))
EXPORTS = "exports"


def step_idle(seconds: float, direction: int) -> float:
    """The next step up (direction > 0) or down from `seconds`, within 45 s to an hour."""
    if direction > 0:
        return float(next((s for s in IDLE_STEPS if s > seconds), IDLE_STEPS[-1]))
    return float(next((s for s in reversed(IDLE_STEPS) if s < seconds), IDLE_STEPS[0]))


def duration_text(seconds: float) -> str:
    """120 -> "2 minutes", 90 -> "1 minute 30 seconds", 3600 -> "1 hour"."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{n} {unit}{'' if n == 1 else 's'}"
        for n, unit in ((hours, "hour"), (minutes, "minute"), (secs, "second"))
        if n
    ]
    return " ".join(parts) or "0 seconds"


def layout_name(layout: str) -> str:
    return next((name for key, name, _ in LAYOUTS if key == layout), layout)


def value_text(field: str, value: Any) -> str:
    """A setting's value in plain words, for "Saved: ..."."""
    from kiosk.core import languages

    if field == "idle_timeout":
        return duration_text(value)
    if isinstance(value, bool):
        return "on" if value else "off"
    if field == "languages":
        return ", ".join(languages.language(c).english for c in value)
    if field == "default_language":
        return languages.language(value).english
    if field == "slip_layout":
        return layout_name(value)
    if field == "printer":
        return f"“{value}”" if value else "the system's default printer"
    if field == "bundle":
        return str(value) if value else "the built-in content"
    if field in ("site_name", "collection_point"):
        return f"“{value}”" if value else "(none)"
    return str(value)


def problem_text(problem: Problem) -> str:
    """A problem from saving settings, in plain words: what, what is wrong, what to do."""
    field = next((k.field for k in BY_FIELD.values() if k.dotted == problem.key), "")
    what = LABELS.get(field, "The settings file" if problem.key == "(file)" else problem.key)
    fix = problem.fix[:1].upper() + problem.fix[1:]
    return f"{what} {problem.message}. {fix}."


# --- exporting usage figures ------------------------------------------------------------------


def period(choice: str, today: date) -> tuple[date | None, date | None, str]:
    """The first and last day of a period staff chose, and how to name it in a file."""
    if choice == "this-year":
        return date(today.year, 1, 1), today, f"{today.year}"
    if choice == "last-year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), f"{today.year - 1}"
    if choice == "all":
        return None, today, f"to-{today.isoformat()}"
    raise ValueError(f"unknown period {choice!r}; choose one of {', '.join(p for p, _ in PERIODS)}")


def _mounted(path: Path) -> bool:
    return os.path.ismount(path)


def media_roots() -> list[Path]:
    """Where the system mounts removable drives for the kiosk's account (udisks on Linux)."""
    if sys.platform == "darwin":
        return [Path("/Volumes")]
    import getpass

    user = getpass.getuser()
    return [Path("/media") / user, Path("/run/media") / user]


def removable_media() -> list[Path]:
    """Mounted USB sticks and other removable drives, by their folder (may be empty)."""
    if sys.platform == "win32":
        return _windows_removable()
    found: list[Path] = []
    for root in media_roots():
        try:
            children = sorted(root.iterdir())
        except OSError:
            continue
        found += [c for c in children if c.is_dir() and not c.name.startswith(".") and _mounted(c)]
    return found


def _windows_removable() -> list[Path]:  # pragma: no cover - Windows only
    import ctypes
    import string

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel.GetLogicalDrives()
    drive_removable = 2
    return [
        Path(f"{letter}:\\")
        for i, letter in enumerate(string.ascii_uppercase)
        if mask >> i & 1 and kernel.GetDriveTypeW(f"{letter}:\\") == drive_removable
    ]


def export_file_name(site_name: str, label: str) -> str:
    site = re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-")[:40]
    return f"kiosk-usage-{site + '-' if site else ''}{label}.csv"


def export_figures(db: Path, folder: Path, choice: str, site_name: str, today: date) -> tuple[Path, int]:
    """Write the figures for the chosen period as CSV into `folder`; the file and its rows.

    Never overwrites: a second export the same day gets -2, -3 ... Raises OSError or
    sqlite3.Error when it cannot (the staff member is told why).
    """
    from kiosk.core import stats

    start, end, label = period(choice, today)
    folder.mkdir(parents=True, exist_ok=True)
    name = export_file_name(site_name, label)
    path = folder / name
    n = 1
    while path.exists():
        n += 1
        path = folder / name.replace(".csv", f"-{n}.csv")
    rows = stats.export_csv(db, path, start, end)
    with open(path, "rb+") as fh:  # a USB stick pulled straight out should still hold the file
        os.fsync(fh.fileno())
    return path, rows
