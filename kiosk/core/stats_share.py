"""Each kiosk's daily usage counts as one file per kiosk per finished day, on a folder the site names
(a share), for the partnership's report across every kiosk (`kiosk stats report`).

A day is written once it is over, never while it runs: a file rewritten through the day would show
anyone who reads the share twice when in the day a count went up. The counts are the day's totals
from stats.db (the hour is dropped), so a file says no more than the kiosk's own figures do, and
less. stats.db stays the record: a day that could not be written (share missing, read-only or full)
is written at a later try, and no count is lost.

Each file is written to a temporary name in the same folder, flushed to disk and renamed, so a
reader sees the old file or the new one. A file cut short anyway (a copy by hand, a share that
does not honour renames) fails its SHA-256 and is named as damaged by the report, which reads the
rest. The share itself is IT's: it is never created here, so a share that is not mounted does not
become a folder on the kiosk's own disk.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

FORMAT = "kiosk-daily-usage/1"
SUFFIX = ".kiosk-day.json"
MAX_FILE_BYTES = 1024 * 1024  # a busy day is a few kilobytes
STATE_FILE = "usage-share.json"  # in the data folder: the last day written, and to which share


class Day(NamedTuple):
    """One kiosk's counts for one day: (event, key) -> count."""

    site: str
    kiosk: str
    day: date
    counts: dict[tuple[str, str], int]


class DamagedFile(Exception):
    """A daily file that cannot be believed: cut short, changed, not one of ours, too big."""


class ShareProblem(OSError):
    """The share cannot take a file: missing, read-only or full (`kind`), and what to do."""

    def __init__(self, kind: str, folder: Path, detail: str = ""):
        self.kind = kind
        self.folder = folder
        words = {
            "missing": "does not exist or is not reachable",
            "read-only": "cannot be written (read-only, or no permission)",
            "full": "is full",
        }.get(kind, "cannot be written")
        super().__init__(f"the usage figures share {folder} {words}" + (f" ({detail})" if detail else ""))


def slug(text: str, fallback: str) -> str:
    """A name safe in a file name on every system: letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or fallback


def file_name(site: str, kiosk: str, day: date) -> str:
    return f"{slug(site, 'site')}_{slug(kiosk, 'kiosk')}_{day.isoformat()}{SUFFIX}"


def document(day: Day) -> bytes:
    """The file's bytes: JSON with the counts sorted, and the SHA-256 of the counts."""
    counts = [[event, key, count] for (event, key), count in sorted(day.counts.items()) if count > 0]
    body = {
        "format": FORMAT,
        "site": day.site,
        "kiosk": day.kiosk,
        "day": day.day.isoformat(),
        "counts": counts,
    }
    head = [
        f" {json.dumps(k)}: {json.dumps(body[k], ensure_ascii=False)},"
        for k in ("format", "site", "kiosk", "day")
    ]
    rows = ",\n".join(f"  {json.dumps(row, ensure_ascii=False)}" for row in counts)
    text = "\n".join(
        ["{", *head, ' "counts": [', *([rows] if rows else []), " ],", f' "sha256": "{_digest(body)}"', "}"]
    )
    return (text + "\n").encode("utf-8")


def _digest(body: dict) -> str:
    fields = {k: body[k] for k in ("format", "site", "kiosk", "day", "counts")}
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def read(path: Path) -> Day:
    """One daily file, checked; raises DamagedFile (or OSError) with what is wrong."""
    from kiosk.core.stats import EVENTS, KEY

    with open(path, "rb") as fh:
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise DamagedFile("is too big to be a day's counts")
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise DamagedFile("is not complete JSON (cut short when it was written?)") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise DamagedFile(f"is not a {FORMAT} file")
    try:
        if body.get("sha256") != _digest(body):
            raise DamagedFile("does not match its checksum (changed or cut short)")
        day = date.fromisoformat(body["day"])
        counts: dict[tuple[str, str], int] = {}
        for event, key, count in body["counts"]:
            if event not in EVENTS or not isinstance(key, str) or not KEY.fullmatch(key):
                raise DamagedFile(f"has an unknown figure {event!r}/{key!r}")
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise DamagedFile(f"has a count that is not a whole number: {count!r}")
            counts[event, key] = counts.get((event, key), 0) + count
        if not isinstance(body["site"], str) or not isinstance(body["kiosk"], str):
            raise DamagedFile("has no site or kiosk name")
    except (KeyError, TypeError, ValueError) as exc:
        raise DamagedFile(f"is missing a field or has a bad one ({exc})") from None
    return Day(body["site"], body["kiosk"], day, counts)


def day_totals(rows: Iterable) -> dict[date, dict[tuple[str, str], int]]:
    """stats.db rows (kiosk.core.stats.Row) summed per day: the hour is dropped."""
    out: dict[date, dict[tuple[str, str], int]] = {}
    for r in rows:
        counts = out.setdefault(date.fromisoformat(r.day), {})
        counts[r.event, r.key] = counts.get((r.event, r.key), 0) + r.count
    return out


def write(folder: Path, day: Day) -> Path:
    """Put `day` on the share atomically; raises ShareProblem (missing, read-only, full)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ShareProblem("missing", folder)
    path = folder / file_name(day.site, day.kiosk, day.day)
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(document(day))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise _problem(exc, folder) from exc
    return path


def _problem(exc: OSError, folder: Path) -> ShareProblem:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ShareProblem("full", folder, exc.strerror or "")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ShareProblem("read-only", folder, exc.strerror or "")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EHOSTDOWN, errno.ENETUNREACH):
        return ShareProblem("missing", folder, exc.strerror or "")
    return ShareProblem("error", folder, exc.strerror or str(exc))


class Sync(NamedTuple):
    written: int  # files written this time
    waiting: int  # finished days still to write
    problem: ShareProblem | None


def sync(
    db_path: Path, folder: Path, state_path: Path, site: str, kiosk: str, today: date | None = None
) -> Sync:
    """Write every finished day stats.db holds that is not on the share yet; remember the last.

    Stops at the first day the share refuses; the next call starts again from there.
    """
    from kiosk.core import stats

    today = today or date.today()
    done = _written_through(state_path, folder)
    start = done + timedelta(days=1) if done else None
    days = day_totals(stats.rows(db_path, start, today - timedelta(days=1)))
    pending = sorted(days)
    written = 0
    for day in pending:
        try:
            write(folder, Day(site, kiosk, day, days[day]))
        except ShareProblem as problem:
            return Sync(written, len(pending) - written, problem)
        written += 1
        _remember(state_path, folder, day)
    return Sync(written, 0, None)


def waiting_days(db_path: Path, folder: Path, state_path: Path, today: date | None = None) -> int:
    from kiosk.core import stats

    today = today or date.today()
    done = _written_through(state_path, folder)
    start = done + timedelta(days=1) if done else None
    return len(day_totals(stats.rows(db_path, start, today - timedelta(days=1))))


def _written_through(state_path: Path, folder: Path) -> date | None:
    try:
        state = json.loads(Path(state_path).read_text(encoding="utf-8"))
        if state.get("share") != str(folder):
            return None  # another share: it gets every day
        return date.fromisoformat(state["written_through"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no state, or damaged: write every day again (the report takes each once)


def _remember(state_path: Path, folder: Path, day: date) -> None:
    from kiosk.core import paths

    text = json.dumps({"share": str(folder), "written_through": day.isoformat()})
    with contextlib.suppress(OSError):  # else the day is written again: the report takes it once
        paths.write_atomically(Path(state_path), text.encode("utf-8"))
