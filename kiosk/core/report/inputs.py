"""What the report reads: daily files (a share, a folder, single files) and stats.db copies.

Every kiosk's day is counted once, however often it is read: the same file given twice, a folder
and a file inside it, a copy of the share in a backup folder. A file that cannot be read (cut
short by a power cut, damaged, not ours) is named with why, and the rest are read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import NamedTuple

from kiosk.core.stats_share import SUFFIX, DamagedFile, Day


class Unreadable(NamedTuple):
    path: Path
    why: str


class Inputs(NamedTuple):
    days: list[Day]  # each kiosk's day once, within the period
    files: int  # files read
    unreadable: list[Unreadable]
    repeats: int  # days read more than once and counted once
    conflicts: list[str]  # the same kiosk's day with different counts: the larger is kept


def gather(paths: Iterable[Path], start: date, end: date) -> Inputs:
    """Read every daily file and stats.db under `paths` for the days from `start` to `end`."""
    found: dict[tuple[str, str, date], tuple[Day, Path]] = {}
    unreadable: list[Unreadable] = []
    conflicts: list[str] = []
    files = repeats = 0
    for path in _files(paths, unreadable):
        try:
            days = _read(path, start, end)
        except (OSError, DamagedFile, ValueError) as exc:
            unreadable.append(Unreadable(path, _why(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - sqlite3.Error and the like: name it and go on
            unreadable.append(Unreadable(path, f"{type(exc).__name__}: {exc}"))
            continue
        files += 1
        for day in days:
            if not start <= day.day <= end:
                continue
            key = (day.site, day.kiosk, day.day)
            if key not in found:
                found[key] = (day, path)
                continue
            repeats += 1
            kept, where = found[key]
            if kept.counts != day.counts:
                bigger = day if sum(day.counts.values()) > sum(kept.counts.values()) else kept
                conflicts.append(
                    f"{day.kiosk} {day.day}: {where} and {path} differ; the one with more counts is used"
                )
                found[key] = (bigger, path if bigger is day else where)
    days = sorted((d for d, _ in found.values()), key=lambda d: (d.site, d.kiosk, d.day))
    return Inputs(days, files, unreadable, repeats, conflicts)


def _files(paths: Iterable[Path], unreadable: list[Unreadable]) -> list[Path]:
    seen: dict[Path, None] = {}
    for path in map(Path, paths):
        if path.is_dir():
            try:
                found = sorted(p for p in path.rglob(f"*{SUFFIX}") if not p.name.startswith("."))
            except OSError as exc:
                unreadable.append(Unreadable(path, _why(exc)))
                continue
            for p in found:
                seen.setdefault(p.resolve(), None)
        elif path.exists():
            seen.setdefault(path.resolve(), None)
        else:
            unreadable.append(Unreadable(path, "not found"))
    return list(seen)


def _read(path: Path, start: date, end: date) -> list[Day]:
    from kiosk.core import stats_share

    if path.name.endswith(SUFFIX):
        return [stats_share.read(path)]
    if path.suffix == ".db":
        return _from_database(path, start, end)
    raise DamagedFile(f"is neither a daily file (*{SUFFIX}) nor a stats.db")


def _from_database(path: Path, start: date, end: date) -> list[Day]:
    """A kiosk's stats.db (copied by hand): its site is the folder it is in, e.g. leigh/stats.db."""
    from kiosk.core import stats, stats_share

    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise DamagedFile("is not an SQLite database")
    site, kiosk = path.parent.name, f"stats.db in {path.parent}"
    totals = stats_share.day_totals(stats.rows(path, start, end))
    return [Day(site, kiosk, day, counts) for day, counts in totals.items()]


def _why(exc: BaseException) -> str:
    if isinstance(exc, DamagedFile):
        return str(exc)
    if isinstance(exc, OSError):
        return f"cannot be read ({exc.strerror or exc})"
    return str(exc)
