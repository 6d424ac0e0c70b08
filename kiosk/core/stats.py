"""Usage figures for the partnership's reports: counts only, never who, never in what order.

Each figure is a row (day, hour, event, key, count) incremented in place. Nothing else is stored:
no session id, no sequence, no time finer than the hour, no text anyone typed. Events that say
what a resident was worried about (the concern, the type of abuse, the language, what a slip or
QR card carried) are counted per day only (hour -1): at a quiet kiosk one person may be the only
user in an hour, and an hourly row would be that person's visit. Hourly rows say only how busy
the kiosk was (screens, sessions, resets, print failures).

The database may be full, read-only or damaged; counting then logs, moves a damaged file aside
and starts afresh, or carries on without counting. It never raises into the kiosk.
"""

from __future__ import annotations

import logging
import re
import time
import warnings
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import sqlite3

log = logging.getLogger(__name__)

DB_NAME = "stats.db"
DAY_ONLY = -1
# event -> counted by the hour (True) or per day only (False), and what its key is
EVENTS: dict[str, tuple[bool, str]] = {
    "session_started": (True, "always ''"),
    "screen_viewed": (True, "the kind of screen: home, question, answer, abuse_types, abuse_detail, ..."),
    "quick_exit": (True, "always ''"),
    "idle_reset": (True, "always ''"),
    "print_failure": (True, "a short reason code, e.g. no_printer, paper_out, error"),
    "concern_chosen": (False, "the concern id from the bundle"),
    "abuse_type_opened": (False, "the abuse type id from the bundle"),
    "language_used": (False, "the language code"),
    "slip_printed": (False, "layout/language, e.g. a6/pl"),
    "qr_shown": (False, "the concern id of the card"),
}
KEY = re.compile(r"[A-Za-z0-9_@/-]{0,48}")
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS counts (
    day   TEXT    NOT NULL CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    hour  INTEGER NOT NULL CHECK (hour BETWEEN {DAY_ONLY} AND 23),
    event TEXT    NOT NULL CHECK (event IN ({", ".join(f"'{e}'" for e in EVENTS)})),
    key   TEXT    NOT NULL CHECK (length(key) <= 48 AND key NOT GLOB '*[^A-Za-z0-9_@/-]*'),
    count INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (day, hour, event, key)
) WITHOUT ROWID
"""
_COUNT = """
INSERT INTO counts (day, hour, event, key, count) VALUES (?, ?, ?, ?, 1)
ON CONFLICT (day, hour, event, key) DO UPDATE SET count = count + 1
"""
RETRY_S = 600.0  # after the database could not be opened, try again this much later
MAX_BYTES = 50 * 1024 * 1024  # about ten years of figures; the disk fills no further


class Row(NamedTuple):
    day: str
    hour: int  # 0-23, or -1 for a figure counted per day only
    event: str
    key: str
    count: int


class Stats:
    """Count what residents use. `count()` never raises and costs one small SQLite upsert.

    `enabled=False` counts nothing and creates no file. The database opens on the first count,
    not at start-up. `clock` gives local time (for tests).
    """

    def __init__(
        self,
        path: Path,
        *,
        enabled: bool = True,
        clock: Callable[[], datetime] = datetime.now,
        max_bytes: int = MAX_BYTES,
    ):
        self.path = Path(path)
        self.enabled = enabled
        self.clock = clock
        self.max_bytes = max_bytes
        self._db: sqlite3.Connection | None = None
        self._retry_at = 0.0
        self._warned: set[str] = set()

    def count(self, event: str, key: str = "") -> None:
        """Add one to today's (and, for busy-ness events, this hour's) figure for `event`/`key`."""
        if not self.enabled:
            return
        hourly = EVENTS.get(event, (None, ""))[0]
        if hourly is None or not KEY.fullmatch(key) or (event == "slip_printed" and key.count("/") != 1):
            message = f"not counted: unknown event {event!r} or bad key {key!r} (see kiosk.core.stats.EVENTS)"
            log.error(message)
            warnings.warn(message, stacklevel=2)
            return
        now = self.clock()
        db = self._connection()
        if db is None:
            return
        import sqlite3  # loaded by _connection on the first count, not at start-up

        try:
            with db:
                db.execute(_COUNT, (now.date().isoformat(), now.hour if hourly else DAY_ONLY, event, key))
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    def prewarm(self) -> None:
        """Open the database now (about 5 ms) rather than on a resident's first tap."""
        if self.enabled:
            self._connection()

    def export_csv(self, out: Path | IO[str], start: date | None = None, end: date | None = None) -> int:
        """Write the figures from `start` to `end` (inclusive) as CSV; return the number of rows."""
        return export_csv(self.path, out, start, end)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _connection(self) -> sqlite3.Connection | None:
        import sqlite3

        if self._db is not None:
            return self._db
        if time.monotonic() < self._retry_at:
            return None
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            if not _is_corrupt(exc):
                self._give_up_for_now(exc)
                return None
            self._set_aside(exc)
            try:
                self._db = self._open()
            except (sqlite3.Error, OSError) as again:
                self._give_up_for_now(again)
        except (sqlite3.Error, OSError) as exc:
            self._give_up_for_now(exc)
        return self._db

    def _open(self) -> sqlite3.Connection:
        import sqlite3

        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=2, isolation_level="DEFERRED")
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")  # a power cut may lose the last counts, never the file
            page = db.execute("PRAGMA page_size").fetchone()[0]
            db.execute(f"PRAGMA max_page_count = {max(self.max_bytes // page, 8)}")
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed (quick_check)")
            with db:
                db.execute(_SCHEMA)
        except BaseException:
            db.close()
            raise
        log.info("usage figures in %s", self.path)
        return db

    def _failed(self, exc: sqlite3.DatabaseError) -> None:
        import sqlite3

        if _is_corrupt(exc):
            self.close()
            self._set_aside(exc)
            return
        if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc).replace(" ", ""):
            self.close()
            self._give_up_for_now(exc)
            return
        kind = str(exc).split(":")[0]
        if kind not in self._warned:  # once per kind of failure, not once per tap
            self._warned.add(kind)
            log.warning("usage figure not counted (%s); the kiosk carries on", exc)

    def _give_up_for_now(self, exc: BaseException) -> None:
        self._db = None
        self._retry_at = time.monotonic() + RETRY_S
        log.warning("usage figures cannot be kept in %s (%s); not counting for now", self.path, exc)

    def _set_aside(self, exc: BaseException) -> None:
        aside = self.path.with_name(f"{self.path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
        try:
            self.path.replace(aside)
            for suffix in ("-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            log.error(
                "usage figures %s were damaged (%s); moved to %s, starting afresh", self.path, exc, aside
            )
        except OSError as move:
            log.error(
                "usage figures %s are damaged (%s) and cannot be moved aside (%s)", self.path, exc, move
            )


def _is_corrupt(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def rows(db_path: Path, start: date | None = None, end: date | None = None) -> list[Row]:
    """The figures from `start` to `end` (inclusive), by day, hour, event and key; [] if none."""
    import sqlite3

    if not Path(db_path).exists():
        return []
    db = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True, timeout=2)
    try:
        found = db.execute(
            "SELECT day, hour, event, key, count FROM counts WHERE day BETWEEN ? AND ? "
            "ORDER BY day, hour, event, key",
            ((start or date.min).isoformat(), (end or date.max).isoformat()),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise
    finally:
        db.close()
    return [Row(*r) for r in found]


def last_session_hour(db_path: Path) -> datetime | None:
    """The start of the last hour in which a session started (local time), or None: for IT's
    health file after a restart. Never finer than the hour the figures keep."""
    import sqlite3

    if not Path(db_path).is_file():
        return None
    db = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True, timeout=2)
    try:
        found = db.execute(
            "SELECT day, hour FROM counts WHERE event = 'session_started' AND hour >= 0 "
            "ORDER BY day DESC, hour DESC LIMIT 1"
        ).fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        db.close()
    return datetime.fromisoformat(f"{found[0]}T{found[1]:02d}:00") if found else None


def totals(db_path: Path, start: date | None = None, end: date | None = None) -> dict[tuple[str, str], int]:
    """(event, key) -> total over the period, for the settings screen."""
    out: dict[tuple[str, str], int] = {}
    for r in rows(db_path, start, end):
        out[r.event, r.key] = out.get((r.event, r.key), 0) + r.count
    return out


def export_csv(db_path: Path, out: Path | IO[str], start: date | None = None, end: date | None = None) -> int:
    """Write day, hour, event, key, count as CSV (hour empty for day-only figures); return rows.

    Raises OSError or sqlite3.Error if the figures cannot be read or the file cannot be written:
    the person exporting needs to know.
    """
    found = rows(db_path, start, end)
    if isinstance(out, Path):
        with open(out, "w", newline="", encoding="utf-8") as fh:
            _write(fh, found)
    else:
        _write(out, found)
    return len(found)


def _write(fh: IO[str], found: Iterable[Row]) -> None:
    import csv

    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(Row._fields)
    for r in found:
        writer.writerow((r.day, "" if r.hour == DAY_ONLY else r.hour, r.event, r.key, r.count))
