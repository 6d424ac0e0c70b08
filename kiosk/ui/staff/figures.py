"""The staff screen that exports the usage figures: a period, then a USB stick or the kiosk's own
exports folder, as CSV (kiosk.core.stats: counts only, nothing about any one resident).

The adapter (QML `FiguresExport`) comes first; the export itself, which needs no Qt, follows.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.ui import registry
from kiosk.ui.staff.screen import StaffScreen

log = logging.getLogger(__name__)
QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION
PERIODS = (("this-year", "This year"), ("last-year", "Last year"), ("all", "Everything"))
EXPORTS = "exports"


@QmlNamedElement("FiguresExport")
@QmlSingleton
class FiguresExport(StaffScreen):
    changed = Signal()

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "staff.figures")

    def __init__(self, staff):  # noqa: ANN001 - the StaffAdapter
        super().__init__(staff)
        self._period = "this-year"
        self._targets: list[dict[str, str]] = []

    @Property(str, notify=changed)
    def period(self) -> str:
        return self._period

    @Property("QVariantList", notify=changed)
    def periods(self) -> list[dict]:
        return [{"id": k, "label": label} for k, label in PERIODS]

    @Property("QVariantList", notify=changed)
    def targets(self) -> list[dict]:
        """Where the figures can go: each removable drive, then the kiosk's own exports folder."""
        return list(self._targets)

    @Slot()
    def open(self) -> None:
        if not self.staff.is_open:
            return
        self._targets = [
            {"path": str(p), "label": f"USB drive “{p.name}”", "detail": str(p)} for p in removable_media()
        ]
        exports = self.staff.data_dir() / EXPORTS
        self._targets.append(
            {
                "path": str(exports),
                "label": "The kiosk's own exports folder",
                "detail": f"{exports} (for IT to collect)",
            }
        )
        note = (
            "" if self._statistics_on() else "Usage figures are switched off: only earlier figures are there."
        )
        log.info("staff opened the usage figures export")
        self.staff.show("export", note, [])

    def _statistics_on(self) -> bool:
        stats = getattr(self.staff.kiosk, "stats", None)
        return stats.enabled if stats is not None else self.staff.configured().statistics

    @Slot(str)
    def choosePeriod(self, period: str) -> None:  # noqa: N802 - QML API
        if self.staff.mode == "export" and period in {k for k, _ in PERIODS}:
            self._period = period
            self.staff.show(message="", details=[])

    @Slot(int)
    def exportTo(self, index: int) -> None:  # noqa: N802 - QML API
        if self.staff.mode != "export" or not 0 <= index < len(self._targets):
            return
        from kiosk.core.stats import DB_NAME

        folder = Path(self._targets[index]["path"])
        stats = getattr(self.staff.kiosk, "stats", None)
        db = stats.path if stats is not None else self.staff.data_dir() / DB_NAME
        period, site = self._period, self.staff.configured().site_name
        label = dict(PERIODS)[period].lower()

        def done(result: tuple[Path, int]) -> None:
            path, rows = result
            log.info("staff exported %d rows of usage figures (%s) to %s", rows, period, path)
            none = " Nothing was counted in that period." if rows == 0 else ""
            self.staff.show(
                message=f"Exported {rows} row{'' if rows == 1 else 's'} of usage figures ({label}).{none}",
                details=[f"The file is {path}"],
            )

        self.staff.run(lambda: export_figures(db, folder, period, site, date.today()), done, "the export")


def period(choice: str, today: date) -> tuple[date | None, date | None, str]:
    """The first and last day of a period staff chose, and how to name it in a file."""
    if choice == "this-year":
        return date(today.year, 1, 1), today, f"{today.year}"
    if choice == "last-year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), f"{today.year - 1}"
    if choice == "all":
        return None, today, f"to-{today.isoformat()}"
    raise ValueError(f"unknown period {choice!r}; choose one of {', '.join(p for p, _ in PERIODS)}")


def is_mounted(path: Path) -> bool:
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
        found += [c for c in children if c.is_dir() and not c.name.startswith(".") and is_mounted(c)]
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
